"""The rundown sheet: one row per story with READ, RUNS, EST and the show clock, plus totals.

Every export renders a :class:`Sheet`; none of them computes anything. The maths:

- READ is the anchor's copy at the reader's rate, RUNS the media time (package TRT,
  soundbite RUNS, live answers), EST = READ + RUNS; all shown in whole seconds.
- CUME is the EST of the stories before this one; FRONT = start + CUME, except that a story
  with a hard HIT starts at its hit and later stories chain from it (the gap or overlap
  this makes is noted). BACK = planned end − the EST of this story and all after it: the
  time the story must start by for the show to end on time.
- Totals add the displayed per-story seconds, so a producer adding a column by hand gets
  the printed total. Floated stories are listed but excluded from every sum.
- OVER / UNDER compares the show's projected end (start + total EST, moved by hits) with
  the planned end, or total EST with the slot when no start is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from castkit.model import Bulletin, Element, Format, Kind, Story
from castkit.notices import Notice
from castkit.text import words
from castkit.timing import (
    PAUSE_MS,
    SPEAKING_WPM,
    StoryTime,
    Unit,
    format_clock,
    format_duration,
    is_media,
    layout_story,
    over_under,
    seconds,
    speaks_at_speaking_rate,
)
from castkit.timings import Timeline

SLUG_WORDS = 3
OUTCUE_WORDS = 4


@dataclass(frozen=True)
class SuperEntry:
    """A lower third the show needs: name and title lines, flagged when a person must check it."""

    lines: tuple[str, ...]
    kind: str  # "soundbite" | "correspondent"
    check: str | None = None  # why the producer must fill in or confirm the name

    @property
    def text(self) -> str:
        label = " / ".join(self.lines)
        return f"{label} [CHECK: {self.check}]" if self.check else label


@dataclass
class Row:
    """One story of the rundown, with every column already computed (times in seconds)."""

    story: Story
    time: StoryTime
    page: str
    slug: str
    format: str
    talent: str
    reporter: str
    block: str
    floated: bool
    words: int
    unit: Unit
    rate: str
    read_s: int
    runs_s: int
    runs_estimated: bool
    est_s: int
    target_s: int | None
    actual_s: int | None
    diff_s: int | None  # ACTUAL − EST after air, EST − TARGET before; None when neither applies
    cume_s: int | None
    front_ms: int | None
    back_ms: int | None
    hit_ms: int | None
    hit_gap_s: int | None  # + gap before the hit, − overlap into it
    outcue: str
    supers: list[SuperEntry]
    notes: str

    @property
    def diff(self) -> str:
        return "" if self.diff_s is None else over_under(self.diff_s)

    @property
    def runs(self) -> str:
        """RUNS for display; ``~`` marks a duration estimated from words."""
        return ("~" if self.runs_estimated else "") + format_duration(self.runs_s * 1000)


@dataclass
class Sheet:
    """A timed rundown: header facts, rows in running order, totals and over/under."""

    title: str
    date: str | None
    start_ms: int | None
    end_ms: int | None  # planned end, from the given end or start + slot
    slot_s: int | None
    rows: list[Row] = field(default_factory=list)
    measured_rates: dict[str, float] = field(default_factory=dict)

    @property
    def notices(self) -> list[Notice]:
        """What the producer must confirm: durations guessed from words and supers castkit could not name."""
        found = []
        for row in self.rows:
            where = f"{row.page} {row.slug}"
            if row.runs_estimated and row.actual_s is None:
                found.append(Notice("timing", where, f"RUNS {row.runs} estimated from the words: no duration in the script or audio"))
            found.extend(Notice("speaker", where, f"{entry.check}: super {' / '.join(entry.lines)}") for entry in row.supers if entry.check)
        return found

    @property
    def counted(self) -> list[Row]:
        return [r for r in self.rows if not r.floated]

    @property
    def read_s(self) -> int:
        return sum(r.read_s for r in self.counted)

    @property
    def runs_s(self) -> int:
        return sum(r.runs_s for r in self.counted)

    @property
    def est_s(self) -> int:
        return sum(r.est_s for r in self.counted)

    @property
    def actual_s(self) -> int | None:
        actual = [r.actual_s for r in self.counted if r.actual_s is not None]
        return sum(actual) if actual else None

    @property
    def projected_s(self) -> int:
        """How long the show takes: total EST plus the gaps (minus the overlaps) hits make."""
        return self.est_s + sum(r.hit_gap_s or 0 for r in self.counted)

    @property
    def projected_end_ms(self) -> int | None:
        return None if self.start_ms is None else self.start_ms + self.projected_s * 1000

    @property
    def over_under_s(self) -> int | None:
        """Positive when the show is heavy (OVER), negative when light (UNDER)."""
        return None if self.slot_s is None else self.projected_s - self.slot_s

    @property
    def over_under(self) -> str:
        return "" if self.over_under_s is None else over_under(self.over_under_s)

    @property
    def has_targets(self) -> bool:
        return any(r.target_s is not None for r in self.rows)

    @property
    def has_actuals(self) -> bool:
        return any(r.actual_s is not None for r in self.rows)

    @property
    def has_hits(self) -> bool:
        return any(r.hit_ms is not None for r in self.rows)

    def blocks(self) -> list[tuple[str, list[Row]]]:
        """Rows grouped by block, in running order."""
        groups: list[tuple[str, list[Row]]] = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.block:
                groups.append((row.block, []))
            groups[-1][1].append(row)
        return groups

    def block_est_s(self, rows: list[Row]) -> int:
        return sum(r.est_s for r in rows if not r.floated)


# ---------------------------------------------------------------- building


def slug_for(story: Story) -> str:
    """The given slug, else the first words of the title in caps joined by hyphens."""
    if story.slug:
        return story.slug
    tokens = [t.upper() for t in (re.sub(r"[^\w]", "", w) for w in words(story.title)) if t]
    return "-".join(tokens[:SLUG_WORDS]) or "UNTITLED"


def outcue_for(story: Story) -> str:
    """How the story's last media (or, without media, its copy) ends: a given cue, SOC, or last words."""
    spoken = [e for e in story.elements if e.kind.spoken]
    media = [e for e in spoken if is_media(e)]
    last = (media or spoken or [None])[-1]
    return element_outcue(last) if last else ""


def element_outcue(element: Element) -> str:
    """``SOC "Kim Jung-sil, Arirang News."`` for a sign-off, the script's OUT cue, or ``"…last words."``."""
    if element.out_cue:
        return element.out_cue
    if element.kind is Kind.SIGNOFF:
        return f'SOC "{element.text.strip()}"'
    tail = words(element.text)
    return f'"{"…" if len(tail) > OUTCUE_WORDS else ""}{" ".join(tail[-OUTCUE_WORDS:])}"'


def supers_for(story: Story) -> list[SuperEntry]:
    """A super for every soundbite, then one for the correspondent; unknown or guessed names flagged."""
    entries: list[SuperEntry] = []
    for element in story.elements:
        if not speaks_at_speaking_rate(element):
            continue
        speaker = element.speaker
        if element.super and element.super.lines:
            lines = tuple(element.super.lines)
        else:
            lines = tuple(x for x in (speaker.name or "NAME?", speaker.title or "TITLE?") if x)
        check = "speaker unknown" if not speaker.name else "speaker inferred" if speaker.inferred else None
        entries.append(SuperEntry(lines, "soundbite", check))
    reporter = reporter_for(story)
    if reporter:
        track = next((e for e in story.elements if e.kind in (Kind.TRACK, Kind.STANDUP) and e.super), None)
        title = next((e.speaker.title for e in story.elements if e.speaker.name == reporter and e.speaker.title), None)
        lines = tuple(track.super.lines) if track and track.super else tuple(x for x in (reporter, title) if x)
        entries.append(SuperEntry(lines, "correspondent"))
    return entries


def talent_for(story: Story) -> str:
    if story.talent:
        return story.talent
    return next((e.speaker.name for e in story.elements if e.kind.read_by_anchor and e.speaker.name), "")


def reporter_for(story: Story) -> str:
    if story.correspondent:
        return story.correspondent
    kinds = (Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF)
    return next((e.speaker.name for e in story.elements if e.kind in kinds and e.speaker.name), "")


def _pages(stories: list[Story]) -> tuple[list[str], list[str]]:
    """Block letters and page numbers: A1, A2 … per block, unless the script gives the page."""
    letters: dict[str, str] = {}
    counters: dict[str, int] = {}
    blocks, pages = [], []
    for story in stories:
        name = story.block or "A"
        if name not in letters:
            given = name.strip().upper()
            letters[name] = given if re.fullmatch(r"[A-Z]{1,2}", given) else chr(ord("A") + min(len(letters), 25))
        letter = letters[name]
        counters[letter] = counters.get(letter, 0) + 1
        blocks.append(letter)
        pages.append(story.page or f"{letter}{counters[letter]}")
    return blocks, pages


def _actual_s(timeline: Timeline | None, story_index: int) -> int | None:
    if timeline is None:
        return None
    timed = timeline.for_story(story_index)
    return seconds(max(t.end_ms for t in timed) - min(t.start_ms for t in timed)) if timed else None


def build_sheet(
    bulletin: Bulletin,
    *,
    timeline: Timeline | None = None,
    measured_rates: dict[str, float] | None = None,
    pause_ms: int = PAUSE_MS,
    speaking_wpm: float = SPEAKING_WPM,
) -> Sheet:
    """The timed rundown of a bulletin; ``timeline`` (measured) fills ACTUAL and +/-."""
    start = bulletin.start_ms
    if bulletin.end_ms is not None:
        end = bulletin.end_ms
    elif start is not None and bulletin.slot_ms is not None:
        end = start + bulletin.slot_ms
    else:
        end = None
    if bulletin.slot_ms is not None:
        slot_s = seconds(bulletin.slot_ms)
    elif start is not None and end is not None:
        slot_s = seconds(end - start)
    else:
        slot_s = None
    first = bulletin.stories[0] if bulletin.stories else None
    sheet = Sheet(
        title=bulletin.title or (first.title if first else "") or "Rundown",
        date=bulletin.date or (first.published.date().isoformat() if first and first.published else None),
        start_ms=start,
        end_ms=end,
        slot_s=slot_s,
        measured_rates=dict(measured_rates or {}),
    )
    blocks, pages = _pages(bulletin.stories)
    for index, story in enumerate(bulletin.stories):
        time = layout_story(story, bulletin, pause_ms=pause_ms, speaking_wpm=speaking_wpm)
        read_s, runs_s = seconds(time.read_ms), seconds(time.runs_ms)
        target_s = None if story.target_ms is None else seconds(story.target_ms)
        actual_s = _actual_s(timeline, index)
        est_s = read_s + runs_s
        if actual_s is not None:
            diff_s: int | None = actual_s - est_s
        elif target_s is not None:
            diff_s = est_s - target_s
        else:
            diff_s = None
        sheet.rows.append(
            Row(
                story=story,
                time=time,
                page=pages[index],
                slug=slug_for(story),
                format=story.effective_format().value,
                talent=talent_for(story),
                reporter=reporter_for(story),
                block=blocks[index],
                floated=story.floated,
                words=time.units,
                unit=time.unit,
                rate=time.rate.label if time.rate else "",
                read_s=read_s,
                runs_s=runs_s,
                runs_estimated=time.runs_estimated,
                est_s=est_s,
                target_s=target_s,
                actual_s=actual_s,
                diff_s=diff_s,
                cume_s=None,
                front_ms=None,
                back_ms=None,
                hit_ms=story.hit_ms,
                hit_gap_s=None,
                outcue=outcue_for(story) if story.effective_format() is not Format.BREAK else "",
                supers=supers_for(story),
                notes=story.notes or "",
            )
        )
    _clock(sheet)
    return sheet


def _clock(sheet: Sheet) -> None:
    """Fill CUME, FRONT (chained through hits), BACK and the hit gaps of the counted rows."""
    cume = 0
    front = sheet.start_ms
    remaining = sheet.est_s
    for row in sheet.counted:
        row.cume_s = cume
        if front is not None and row.hit_ms is not None:
            row.hit_gap_s = seconds(row.hit_ms - front)
            front = row.hit_ms
        row.front_ms = front
        row.back_ms = None if sheet.end_ms is None else sheet.end_ms - remaining * 1000
        if row.hit_gap_s:
            gap = format_duration(abs(row.hit_gap_s) * 1000)
            note = f"hit {format_clock(row.hit_ms)}: {'gap' if row.hit_gap_s > 0 else 'overlap'} {gap}"
            row.notes = f"{note}; {row.notes}" if row.notes else note
        cume += row.est_s
        remaining -= row.est_s
        if front is not None:
            front += row.est_s * 1000


def clock_text(ms: int | None) -> str:
    return "" if ms is None else format_clock(ms)


def duration_text(secs: int | None) -> str:
    return "" if secs is None else format_duration(secs * 1000)

"""The rundown sheet: one row per story with READ, RUNS, EST and the show clock, plus totals.

Every export renders a :class:`Sheet`; none of them computes anything. The maths:

- READ is the anchor's copy at the reader's rate, RUNS the media time (package TRT,
  soundbite RUNS, live answers; as aired once the audio measured every media element),
  EST = READ + RUNS; all shown in whole seconds.
- A story's TIME is what the clock counts: its ACTUAL once measured, else its EST.
- CUME is the TIME of the stories before this one; FRONT = start + CUME, except that a story
  with a hard HIT starts at its hit and later stories chain from it. BACK is the time a story
  must start by: the next hit (or the hard out) − the TIME of this story and of every story
  up to that hit. A hit the stories before it cannot make is a notice with the seconds to cut.
- Clock times run on past midnight (a 00:01 hit in a 23:55 show is 24:01) and are shown
  modulo a day, so no sum or difference ever crosses a day boundary.
- Totals add the displayed per-story seconds, so a producer adding a column by hand gets
  the printed total. Floated stories are listed but excluded from every sum.
- OVER / UNDER compares the show's projected end (start + total TIME, moved by hits) with
  the planned end, or total TIME with the slot when no start is given.
- ``BLOCK`` carries over to the stories after it; a BREAK closes its block, so the story
  after it opens the next letter unless the script names one. Pages follow the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from castkit.model import Bulletin, Element, Format, Kind, Story
from castkit.notices import Notice
from castkit.text import words
from castkit.timing import (
    DAY_MS,
    PAUSE_MS,
    SPEAKING_WPM,
    RateSample,
    StoryTime,
    Unit,
    format_clock,
    format_duration,
    is_media,
    layout_story,
    over_under,
    rate_samples,
    seconds,
    show_clock,
    speaks_at_speaking_rate,
)
from castkit.timings import Status, Timeline

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
    runs_estimated: bool  # from the words at a rate, shown ~
    runs_measured: bool  # from the audio (or a timings file), after air
    est_s: int
    target_s: int | None
    actual_s: int | None
    diff_s: int | None  # ACTUAL − EST after air, EST − TARGET before; None when neither applies
    cume_s: int | None
    front_ms: int | None
    back_ms: int | None
    hit_ms: int | None  # on the show clock: past 24:00 after midnight
    hit_gap_s: int | None  # + gap before the hit, − overlap into it
    back_to: str  # what BACK is timed to: "END" or the page of the next hit
    running_diff_s: int | None  # as-run: the ACTUAL − EST of this story and all measured before it
    outcue: str
    supers: list[SuperEntry]
    notes: str

    @property
    def time_s(self) -> int:
        """What the show clock counts for this story: ACTUAL once measured, else EST."""
        return self.est_s if self.actual_s is None else self.actual_s

    @property
    def diff(self) -> str:
        return "" if self.diff_s is None else over_under(self.diff_s)

    @property
    def running_diff(self) -> str:
        return "" if self.running_diff_s is None else over_under(self.running_diff_s)

    @property
    def runs(self) -> str:
        """RUNS for display; ``~`` marks a duration estimated from words."""
        return ("~" if self.runs_estimated else "") + format_duration(self.runs_s * 1000)


@dataclass(frozen=True)
class Block:
    """A block of the running order, with its time against its target when it has one.

    A block's target is the hit the story after it must make, or the hard out for the last
    block; ``over_under_s`` is then its projected end minus that target.
    """

    letter: str
    rows: list[Row]
    time_s: int
    ends_ms: int | None
    target_ms: int | None

    @property
    def est_s(self) -> int:
        return sum(r.est_s for r in self.rows if not r.floated)

    @property
    def label(self) -> str:
        """``BLOCK A · EST 3:31 · TARGET 20:04:00 · UNDER 0:29``: the block row of a printed sheet."""
        parts = [f"BLOCK {self.letter}", f"EST {format_duration(self.est_s * 1000)}"]
        if self.time_s != self.est_s:
            parts.append(f"TOTAL {format_duration(self.time_s * 1000)}")
        if self.over_under_s is not None:
            parts += [f"TARGET {format_clock(self.target_ms or 0)}", self.over_under]
        return " · ".join(parts)

    @property
    def over_under_s(self) -> int | None:
        if self.ends_ms is None or self.target_ms is None:
            return None
        return seconds(self.ends_ms - self.target_ms)

    @property
    def over_under(self) -> str:
        return "" if self.over_under_s is None else over_under(self.over_under_s)


@dataclass(frozen=True)
class MissedHit:
    """A hit the stories before it cannot make: how much to cut, the pad that could go, or a story to float."""

    row: Row
    cut_s: int
    pad: tuple[Row, ...]  # PAD stories before the hit, in running order
    float_instead: Row | None = None  # the shortest story before the hit whose time covers the cut

    @property
    def pad_s(self) -> int:
        return sum(r.time_s for r in self.pad)

    @property
    def message(self) -> str:
        text = f"hit {format_clock(self.row.hit_ms or 0)} ({self.row.page} {self.row.slug}) cannot be made: cut {format_duration(self.cut_s * 1000)} before it"
        if self.pad:
            pages = ", ".join(r.page for r in self.pad)
            covers = "covers it" if self.pad_s >= self.cut_s else "is not enough"
            text += f"; pad {pages} ({format_duration(self.pad_s * 1000)}) {covers}"
        if self.pad_s < self.cut_s:
            story = self.float_instead
            text += (f"; floating {story.page} {story.slug} ({format_duration(story.time_s * 1000)}) would cover it"
                     if story else "; no single story before it is long enough to float instead")
        return text


@dataclass
class Sheet:
    """A timed rundown: header facts, rows in running order, totals and over/under."""

    title: str
    date: str | None
    start_ms: int | None
    end_ms: int | None  # planned end, from the given end or start + slot; past 24:00 after midnight
    slot_s: int | None
    rows: list[Row] = field(default_factory=list)
    measured_rates: dict[str, float] = field(default_factory=dict)
    rate_samples: list[RateSample] = field(default_factory=list)  # measured on air, per presenter and language
    audio_notices: list[Notice] = field(default_factory=list)  # times the recording could not give within tolerance

    @property
    def notices(self) -> list[Notice]:
        """What the producer must confirm: hits the show cannot make, durations guessed from words, supers castkit could not name."""
        found = [*self.audio_notices, *(Notice("rundown", f"{m.row.page} {m.row.slug}", m.message) for m in self.missed_hits)]
        for row in self.rows:
            where = f"{row.page} {row.slug}"
            guessed = next((s.rate for s in row.time.slots if not s.rate.calibrated), None)
            if guessed is not None and row.actual_s is None:
                found.append(Notice("timing", where, f"timed at {guessed.label}, a rate no one has measured: measure it with --audio or set RATE"))
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
    def time_s(self) -> int:
        """Total TIME: ACTUAL where measured, EST elsewhere."""
        return sum(r.time_s for r in self.counted)

    @property
    def pad_s(self) -> int:
        """Time in PAD stories: counted, and the first to go when the show is heavy."""
        return sum(r.time_s for r in self.counted if r.story.pad)

    @property
    def fill_s(self) -> int:
        """Time in FILL stories: kept out of the sums, ready to go in when the show is light."""
        return sum(r.est_s for r in self.rows if r.story.fill)

    @property
    def projected_s(self) -> int:
        """How long the show takes: total TIME plus the gaps (minus the overlaps) hits make."""
        end = self.projected_end_ms
        return self.time_s if end is None or self.start_ms is None else seconds(end - self.start_ms)

    @property
    def projected_end_ms(self) -> int | None:
        """When the last story ends, on the show clock (hits honoured)."""
        if self.start_ms is None:
            return None
        counted = self.counted
        last = counted[-1] if counted else None
        return self.start_ms if last is None or last.front_ms is None else last.front_ms + last.time_s * 1000

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

    @property
    def missed_hits(self) -> list[MissedHit]:
        """Every hit the running order cannot reach, with the seconds to cut before it."""
        missed: list[MissedHit] = []
        since = 0
        counted = self.counted
        for n, row in enumerate(counted):
            if row.hit_gap_s is not None and row.hit_gap_s < 0:
                leg = counted[since:n]
                pad = tuple(r for r in leg if r.story.pad)
                long_enough = [r for r in leg if r.hit_ms is None and r.time_s >= -row.hit_gap_s]
                shortest = min(long_enough, key=lambda r: r.time_s) if long_enough else None
                missed.append(MissedHit(row, -row.hit_gap_s, pad, shortest))
            if row.hit_ms is not None:
                since = n
        return missed

    def blocks(self) -> list[Block]:
        """Rows grouped by block in running order, each with its time and target."""
        groups: list[tuple[str, list[Row]]] = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.block:
                groups.append((row.block, []))
            groups[-1][1].append(row)
        counted = self.counted
        blocks = []
        for letter, rows in groups:
            timed = [r for r in rows if not r.floated]
            last = timed[-1] if timed else None
            ends = None if last is None or last.front_ms is None else last.front_ms + last.time_s * 1000
            target = None
            if last is not None:
                following = counted.index(last) + 1
                target = counted[following].hit_ms if following < len(counted) else self.end_ms
            blocks.append(Block(letter, rows, sum(r.time_s for r in timed), ends, target))
        return blocks


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
    if not tail:  # media known only by its running time (a MOS item, a RUNS line): no words to cue on
        return ""
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
    """Block letters and page numbers: A1, A2 … per block, unless the script gives the page.

    A story without ``BLOCK`` stays in the block before it; after a BREAK it opens the next
    letter. A named block that is not a letter or two gets the next free letter.
    """
    letters: dict[str, str] = {}
    counters: dict[str, int] = {}
    blocks, pages = [], []
    letter = ""
    after_break = False
    for story in stories:
        if story.block:
            if story.block not in letters:
                given = story.block.strip().upper()
                letters[story.block] = given if re.fullmatch(r"[A-Z]{1,2}", given) else _next_letter(letters.values())
            letter = letters[story.block]
        elif not letter or after_break:
            letter = _next_letter([*letters.values(), letter])
            letters.setdefault(letter, letter)
        after_break = story.effective_format() is Format.BREAK
        counters[letter] = counters.get(letter, 0) + 1
        blocks.append(letter)
        pages.append(story.page or f"{letter}{counters[letter]}")
    return blocks, pages


def _next_letter(used) -> str:
    """The letter after the last one used: A, B, … Z, then AA, AB …"""
    taken = [u for u in used if u]
    if not taken:
        return "A"
    last = max(taken, key=lambda u: (len(u), u))
    if last == "Z" * len(last):
        return "A" * (len(last) + 1)
    head, tail = last[:-1], last[-1]
    return head + chr(ord(tail) + 1) if tail != "Z" else _next_letter([head]) + "A"


def _measured_runs_ms(timeline: Timeline | None, story_index: int, time: StoryTime) -> int | None:
    """The media time of a story as aired, when every one of its media elements was measured."""
    media = [s.index for s in time.slots if is_media(s.element)]
    if timeline is None or not media:
        return None
    measured = {t.index: t for t in timeline.for_story(story_index) if t.status is Status.MEASURED}
    if not all(i in measured for i in media):
        return None
    return max(measured[i].end_ms for i in media) - min(measured[i].start_ms for i in media)


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
    syllable_rates: dict[str, float] | None = None,
) -> Sheet:
    """The timed rundown of a bulletin; ``timeline`` (measured) fills ACTUAL and +/-.

    ``syllable_rates`` are presenters' measured Korean rates (syllables a minute).
    """
    start = bulletin.start_ms
    end = bulletin.end_ms
    if end is None and start is not None and bulletin.slot_ms is not None:
        end = start + bulletin.slot_ms
    elif end is not None and start is not None and end <= start:
        end += DAY_MS  # a show that runs past midnight
    if bulletin.slot_ms is not None:
        slot_s: int | None = seconds(bulletin.slot_ms)
    elif start is not None and end is not None:
        slot_s = seconds(end - start)
    else:
        slot_s = None
    origin = start if start is not None else end
    first = bulletin.stories[0] if bulletin.stories else None
    sheet = Sheet(
        title=bulletin.title or (first.title if first else "") or "Rundown",
        date=bulletin.date or (first.published.date().isoformat() if first and first.published else None),
        start_ms=start,
        end_ms=end,
        slot_s=slot_s,
        measured_rates=dict(measured_rates or {}),
        rate_samples=rate_samples(bulletin, timeline) if timeline else [],
    )
    blocks, pages = _pages(bulletin.stories)
    for index, story in enumerate(bulletin.stories):
        time = layout_story(story, bulletin, pause_ms=pause_ms, speaking_wpm=speaking_wpm, syllable_rates=syllable_rates)
        measured_runs = _measured_runs_ms(timeline, index, time)
        read_s = seconds(time.read_ms)
        runs_s = seconds(time.runs_ms if measured_runs is None else measured_runs)
        target_s = None if story.target_ms is None else seconds(story.target_ms)
        actual_s = _actual_s(timeline, index)
        est_s = read_s + runs_s
        if actual_s is not None:
            diff_s: int | None = actual_s - est_s
        elif target_s is not None:
            diff_s = est_s - target_s
        else:
            diff_s = None
        hit = story.hit_ms
        if hit is not None and origin is not None:
            hit = show_clock(hit, origin)
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
                floated=story.floated or story.fill,
                words=time.units,
                unit=time.unit,
                rate=time.rate.label if time.rate else "",
                read_s=read_s,
                runs_s=runs_s,
                runs_estimated=time.runs_estimated and measured_runs is None,
                runs_measured=measured_runs is not None,
                est_s=est_s,
                target_s=target_s,
                actual_s=actual_s,
                diff_s=diff_s,
                cume_s=None,
                front_ms=None,
                back_ms=None,
                hit_ms=hit,
                hit_gap_s=None,
                back_to="",
                running_diff_s=None,
                outcue=outcue_for(story) if story.effective_format() is not Format.BREAK else "",
                supers=supers_for(story),
                notes=story.notes or "",
            )
        )
    _clock(sheet)
    return sheet


def _clock(sheet: Sheet) -> None:
    """Fill CUME, FRONT (chained through hits), BACK (to the next hit or the end) and the as-run difference."""
    counted = sheet.counted
    cume = 0
    front = sheet.start_ms
    running: int | None = None
    for row in counted:
        row.cume_s = cume
        if front is not None and row.hit_ms is not None:
            row.hit_gap_s = seconds(row.hit_ms - front)
            front = row.hit_ms
        row.front_ms = front
        if row.hit_gap_s:
            gap = format_duration(abs(row.hit_gap_s) * 1000)
            note = f"hit {format_clock(row.hit_ms or 0)}: {'gap' if row.hit_gap_s > 0 else 'cut'} {gap}"
            row.notes = f"{note}; {row.notes}" if row.notes else note
        if row.actual_s is not None:
            running = (running or 0) + row.actual_s - row.est_s
            row.running_diff_s = running
        cume += row.time_s
        if front is not None:
            front += row.time_s * 1000
    anchor, anchor_page, remaining = sheet.end_ms, "END", 0
    for row in reversed(counted):
        remaining += row.time_s
        row.back_ms = None if anchor is None else anchor - remaining * 1000
        row.back_to = "" if anchor is None else anchor_page
        if row.hit_ms is not None:
            anchor, anchor_page, remaining = row.hit_ms, row.page, 0


def clock_text(ms: int | None) -> str:
    return "" if ms is None else format_clock(ms)


def duration_text(secs: int | None, *, hours: bool = False) -> str:
    return "" if secs is None else format_duration(secs * 1000, hours=hours)

"""Model + timeline ▸ cues that meet a profile.

Rules: one speaker per cue and a cue never spans two elements; one sentence per cue where
it fits, else split at clause and phrase boundaries (:func:`castkit.subtitles.breaking.split_cues`);
durations and gaps fitted to the profile on its frame grid.

Timing: a cue runs from its first word's onset to its last word's end, then is fitted.
Measured words (from audio, low-confidence ones too: they have a time, flagged by the
alignment's notices) pin the cue's start to the nearest frame; its end moves (longer
to reach the minimum duration or reading speed, chained to the next cue across short gaps,
shorter to keep the minimum gap). Where speech runs on into the next cue with no pause for
the minimum gap, the gap is centred on the join, so the end is early and the next start late
by half the gap each, not the end early by all of it. Estimated words are a read-rate guess,
and copy read at 180 wpm can need more screen time than the reading limit gives it, so an
estimated cue may start later than its speech, never earlier. It starts as soon as the
previous cue has been readable for its minimum time plus the gap, and ends when it has been
readable and its speech is over, so pauses and slow passages absorb the delay instead of
passing it on. The delay of each cue is :attr:`Cue.drift_ms` (a measured cue's is only the
time its SCC caption takes to send); an estimated cue's is bounded by the profile's
``max_drift_ms``: past the bound a cue keeps its time and the reading speed it then breaks
is reported. What fitting cannot cure is reported in :attr:`Subtitles.problems`, never
hidden.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from castkit.model import Bulletin, Element, Format, Story
from castkit.notices import Notice
from castkit.subtitles.breaking import Names, sentences, split_cues
from castkit.subtitles.cue import Cue
from castkit.subtitles.profiles import Profile
from castkit.subtitles.speakers import Voice, voices
from castkit.text import is_korean, words
from castkit.timing import count_units, element_rate, format_duration, speaks_at_speaking_rate, spread_words
from castkit.timings import ElementTiming, Status, Timeline


@dataclass
class Problem:
    """A rule a cue breaks: ``rule`` id, 1-based ``cue`` number, the cue's start, and why."""

    rule: str
    cue: int
    start_ms: int
    message: str


@dataclass
class Subtitles:
    """Built cues, the profile they were fitted to, and what could not be fitted."""

    cues: list[Cue]
    profile: Profile
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    """What was guessed or could not be done before fitting (the script's parse, the audio)."""
    title: str = ""
    """The programme's title, for formats whose header names it (EBU STL's GSI block)."""

    @property
    def drift_ms(self) -> int:
        """The largest delay of a cue after its estimated speech (0 with measured times)."""
        return max((c.drift_ms for c in self.cues), default=0)

    def summary(self, format: str, output: str | None) -> dict:
        """The build as ``castkit subs --json`` prints it: counts, each cue's timing and drift, the problems."""
        return {
            "output": output,
            "format": format,
            "profile": self.profile.name,
            "language": self.profile.language,
            "fps": self.profile.fps,
            "cues": len(self.cues),
            "drift_ms": self.drift_ms,
            "cue_timing": [
                {"cue": n, "start_ms": c.start_ms, "end_ms": c.end_ms, "drift_ms": c.drift_ms} for n, c in enumerate(self.cues, start=1)
            ],
            "problems": [{"rule": p.rule, "cue": p.cue, "start_ms": p.start_ms, "message": p.message} for p in self.problems],
            "notices": [n.to_dict() for n in self.notices],
        }


@dataclass
class _Draft:
    """A cue before fitting, with its word count (for the minimum duration) and whether its start is measured."""

    cue: Cue
    words: int
    pinned: bool


def has_super(element: Element) -> bool:
    """Whether a name super (CG) is keyed over the element: every soundbite, as the rundown's
    CG list has it, and any element the script gives a ``SUPER:``."""
    return speaks_at_speaking_rate(element) or bool(element.super and element.super.lines)


def known_names(bulletin: Bulletin) -> list[str]:
    """Names that must never be split across lines: speakers, talent, super names."""
    names: set[str] = set(bulletin.presenters)
    for story in bulletin.stories:
        names.update(n for n in (story.correspondent, story.talent) if n)
        for element in story.elements:
            if element.speaker.name:
                names.add(element.speaker.name)
            if element.super and element.super.lines:
                names.add(element.super.lines[0])
    return sorted((n for n in names if len(n.split()) > 1), key=len, reverse=True)


def _speech_ms(element: Element, story: Story, bulletin: Bulletin) -> int:
    """How long the element's words take at its reading or speaking rate."""
    units = count_units(element.text)[0]
    return round(units * 60_000 / element_rate(element, story, bulletin).per_minute)


_STRETCHED_MS = 100
"""An element's time exceeds what its words take by more than this (a package's TRT over its
words): its estimated words are spread over the speech, not the whole time. Less is rounding."""


_PLACED = (Status.MEASURED, Status.LOW)
"""Word statuses with a time from the audio: their cues start at the speech, not after it."""


_ALNUM = re.compile(r"[^\W_]")
"""A letter or digit: what ``str.isalnum`` accepts, one character at a time."""


def _is_word(token: str) -> bool:
    """Whether a display token (no whitespace) is one of :func:`castkit.text.words`: it holds a letter or digit."""
    return _ALNUM.search(token) is not None


def _word_times(element: Element, timing: ElementTiming, display: list[str], speech_ms: int | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, measured) per display token, from the timeline's words when they line up."""
    spoken = [i for i, token in enumerate(display) if _is_word(token)]
    timed = timing.words
    stretched = speech_ms is not None and speech_ms + _STRETCHED_MS < timing.end_ms - timing.start_ms
    if timed and all(w.status is Status.ESTIMATED for w in timed) and stretched:
        timed = spread_words(element.text, timing.start_ms, timing.start_ms + speech_ms)
    if len(timed) == len(spoken) and spoken:
        times: list[tuple[int, int, bool]] = [(0, 0, False)] * len(display)
        for i, wt in zip(spoken, timed):
            times[i] = (wt.start_ms, wt.end_ms, wt.status in _PLACED)
        said, last = set(spoken), spoken[0]
        for i in range(len(display)):  # punctuation-only tokens share the time of the word before (one pass)
            if i in said:
                last = i
            else:
                times[i] = times[last]
        return times
    weights = [max(1, len(t)) for t in display]
    total, done, out = sum(weights), 0, []
    span = timing.end_ms - timing.start_ms
    measured = timing.status in _PLACED
    for weight in weights:
        begin = timing.start_ms + span * done // total
        done += weight
        out.append((begin, timing.start_ms + span * done // total, measured))
    return out


def build_cues(
    bulletin: Bulletin,
    timeline: Timeline,
    profile: Profile,
    *,
    lead: Callable[[Cue], int] | None = None,
    include_floated: bool = False,
    checked: bool = True,
) -> Subtitles:
    """Cues for every spoken element of ``bulletin``, timed by ``timeline``, fitted to ``profile``.

    ``lead`` gives the time (ms) a cue must be sent before it can show, for formats that
    transmit captions at a fixed rate (SCC): no cue is then due before it can have been sent.
    Floated stories are left out, as the rundown leaves them out, unless ``include_floated``.
    Estimated words are spread over the time they take to say, never stretched over a longer
    slot (a package's TRT holds natural sound too), so cues keep full, balanced lines.
    ``checked=False`` leaves the problems to a caller that checks the written text instead
    (:func:`castkit.subtitles.lint.as_written`), so a long script is not checked twice.
    """
    names = Names(known_names(bulletin))
    timings = {(t.story, t.index): t for t in timeline.elements}
    profile = profile.for_language(script_language(bulletin))
    speakers = voices(bulletin)
    drafts: list[_Draft] = []
    notices: list[Notice] = []
    previous: Voice | None = None
    for story_index, story in enumerate(bulletin.stories):
        if story.floated and not include_floated:
            if story.spoken_elements:
                where = story.slug or story.title or f"story {story_index + 1}"
                notices.append(Notice("story", where, "floated: left out of the subtitles as the rundown leaves it out (--include-floated keeps it)"))
            continue
        notices.extend(_unscripted_media(story, story_index))
        for index, element in enumerate(story.elements):
            timing = timings.get((story_index, index))
            if element.spoken and timing is not None and element.text.strip():
                who = speakers[(story_index, index)]
                mark = profile.speaker_mark if previous is not None and who != previous else ""
                speech = _speech_ms(element, story, bulletin)
                drafts.extend(_element_cues(element, timing, profile, names, (story_index, index), who, mark, speech))
                previous = who
    drafts.sort(key=lambda d: d.cue.start_ms)
    _fit(drafts, profile, lead)
    cues = [d.cue for d in drafts]
    title = bulletin.title or next((s.title for s in bulletin.stories if s.title), "")
    problems = check(cues, profile, word_counts=[d.words for d in drafts]) if checked else []
    return Subtitles(cues, profile, problems, notices, title)


_SPOKEN_MEDIA = (Format.PKG, Format.SOT, Format.VOSOT, Format.LIVE)
"""Story formats whose media holds speech: a running time without words is speech without subtitles."""


def _unscripted_media(story: Story, story_index: int) -> list[Notice]:
    """A ``subtitles`` notice for each media run the script times but gives no words for (a package
    known by its RUNS and OUTCUE only): its speech gets no subtitles, and the editor must know."""
    where = story.slug or story.title or f"story {story_index + 1}"
    runs = [e for e in story.elements if e.spoken and not e.kind.read_by_anchor and e.runs_ms and not e.text.strip()]
    if not story.elements and story.runs_ms and story.effective_format() in _SPOKEN_MEDIA:
        return [Notice("subtitles", where, f"{story.effective_format().value} {format_duration(story.runs_ms)} has no words in the "
                       "script: no subtitles for it (add its transcript, or subtitle it from the recording)")]
    return [Notice("subtitles", where, f"{e.kind.value} {format_duration(e.runs_ms)} has no words in the script: no subtitles "
                   "for it (add its transcript, or subtitle it from the recording)") for e in runs]


def script_language(bulletin: Bulletin) -> str:
    """``ko`` when the spoken copy is mostly Hangul, else the first story's language."""
    spoken = " ".join(e.text for s in bulletin.stories for e in s.spoken_elements)
    if is_korean(spoken):
        return "ko"
    return bulletin.stories[0].language if bulletin.stories else "en"


def _element_cues(
    element: Element,
    timing: ElementTiming,
    profile: Profile,
    names: Names,
    where: tuple[int, int],
    who: Voice,
    mark: str,
    speech_ms: int,
) -> list[_Draft]:
    """Draft cues of one element; ``mark`` (SCC's ``>>``) opens a new speaker's first cue."""
    display = element.text.split()
    times = _word_times(element, timing, display, speech_ms)
    groups = sentences(element.text)
    if mark:
        groups[0] = [mark, *groups[0]]
        times = [times[0], *times]
    raised_until = timing.start_ms + profile.super_ms if has_super(element) else -1
    out: list[_Draft] = []
    offset = 0
    for sentence in groups:
        span = times[offset : offset + len(sentence)]

        def fits(a: int, b: int, span: list[tuple[int, int, bool]] = span) -> bool:
            return span[b - 1][1] - span[a][0] <= profile.max_duration_ms

        for a, b, lines in split_cues(sentence, profile.max_chars, profile.max_lines, keep=names, fits=fits, measure=profile.measure):
            start = span[a][0]
            cue = Cue(
                start_ms=start,
                end_ms=span[b - 1][1],
                lines=lines,
                speaker=who.label,
                role=who.role,
                colour=who.colour,
                raised=start < raised_until,
                story=where[0],
                element=where[1],
            )
            out.append(_Draft(cue, sum(map(_is_word, sentence[a:b])), span[a][2]))
        offset += len(sentence)
    return out


def _fit(drafts: list[_Draft], profile: Profile, lead: Callable[[Cue], int] | None) -> None:
    """Fit durations and gaps on the frame grid, in place, and record each cue's drift."""
    frame = profile.frame_ms
    gap = profile.min_gap_frames
    close = math.ceil(profile.close_gap_ms / frame)
    longest = math.floor(profile.max_duration_ms / frame)
    bound = math.floor(profile.max_drift_ms / frame)
    spans: list[list[int]] = []
    readable_from = 0  # frame from which the next cue may start: the previous one was readable
    shown_from = 0  # frame the previous cue appeared
    spoken_until = -math.inf  # frame (fractional) the previous cue's speech ends
    for draft in drafts:
        onset = draft.cue.start_ms / frame
        need_ms = max(profile.min_duration_for(draft.words), profile.characters(draft.cue.lines) * 1000 / profile.max_cps)
        need = min(longest, math.ceil(need_ms / frame - 1e-9))
        last = math.ceil(draft.cue.end_ms / frame - 1e-9)
        sent = shown_from + math.ceil(lead(draft.cue) / frame - 1e-9) if lead else 0
        if draft.pinned:  # measured: on the frame nearest the onset (half a frame either way)
            start = math.floor(onset + 0.5)
            if onset - spoken_until < gap:  # speech runs on from the previous cue: centre the gap on the join
                start = max(start, math.floor((spoken_until + onset - gap) / 2 + 0.5) + gap)
            draft.cue.drift_ms = round(max(0, sent - start) * frame)  # a caption shows once it can have been sent
            start = max(start, sent)
        else:  # estimated: never before the speech, as early after it as reading allows
            first = math.ceil(onset - 1e-9)
            start = min(max(first, readable_from, sent), first + bound)
        if spans:  # whatever the timing, a cue lasts a frame and keeps the minimum gap to the one before
            start = max(start, spans[-1][0] + 1 + gap)
        if not draft.pinned:
            draft.cue.drift_ms = round(start * frame) - draft.cue.start_ms
        spans.append([start, min(max(last, start + need), start + longest)])
        spoken_until = draft.cue.end_ms / frame
        readable_from, shown_from = start + need + gap, start
    for span, nxt in zip(spans, spans[1:]):
        if nxt[0] - span[1] < close:  # chain short gaps (and undo overlaps) to the minimum gap
            span[1] = max(span[0] + 1, min(nxt[0] - gap, span[0] + longest))
    for draft, (start, end) in zip(drafts, spans):
        draft.cue.start_ms, draft.cue.end_ms = round(start * frame), round(end * frame)


def check(
    cues: list[Cue], profile: Profile, *, word_counts: list[int] | None = None, tolerance_ms: int = 1, joined_gaps: bool = False
) -> list[Problem]:
    """Every profile rule each cue breaks, in cue order (the rules ``castkit lint`` reports).

    ``tolerance_ms`` absorbs the rounding of a format's time resolution (ASS has centiseconds).
    ``joined_gaps`` accepts a gap of 0 as a chained one, for a format read back with short
    gaps joined (SCC).
    """
    problems: list[Problem] = []
    gap_ms = profile.min_gap_frames * profile.frame_ms
    width, max_chars, max_lines, max_cps = profile.measure, profile.max_chars, profile.max_lines, profile.max_cps
    for n, cue in enumerate(cues, start=1):
        lines, start, duration = cue.lines, cue.start_ms, cue.end_ms - cue.start_ms
        text = " ".join(lines)
        if not text.strip():
            problems.append(Problem("empty", n, start, "cue has no text"))
        if len(lines) > max_lines:
            problems.append(Problem("line-count", n, start, f"{len(lines)} lines, limit {max_lines}"))
        widths = [width(line) for line in lines]
        for k, line_width in enumerate(widths, start=1):
            if line_width > max_chars:
                problems.append(Problem("line-length", n, start, f"line {k} has {line_width:g} characters, limit {max_chars}"))
        if duration <= 0:
            problems.append(Problem("duration", n, start, f"ends at or before its start ({duration} ms)"))
            continue
        count = word_counts[n - 1] if word_counts else len(words(text))
        minimum = profile.min_duration_for(count)
        if duration + tolerance_ms < minimum:
            problems.append(Problem("min-duration", n, start, f"{duration} ms on screen, minimum {minimum} ms for {count} words"))
        if duration > profile.max_duration_ms + tolerance_ms:
            problems.append(Problem("max-duration", n, start, f"{duration} ms on screen, maximum {profile.max_duration_ms} ms"))
        characters = sum(widths)
        if characters * 1000 / (duration + tolerance_ms) > max_cps + 1e-9:
            problems.append(Problem("cps", n, start, f"{characters * 1000 / duration:.1f} characters per second, limit {max_cps:g}"))
    for n, (cue, nxt) in enumerate(zip(cues, cues[1:]), start=1):
        between = nxt.start_ms - cue.end_ms
        if nxt.start_ms < cue.start_ms:
            problems.append(Problem("order", n + 1, nxt.start_ms, f"starts before cue {n}"))
        elif between < 0:
            problems.append(Problem("overlap", n + 1, nxt.start_ms, f"overlaps cue {n} by {-between} ms"))
        elif between + tolerance_ms < gap_ms and not (joined_gaps and between == 0):
            problems.append(Problem("min-gap", n + 1, nxt.start_ms, f"gap of {between} ms after cue {n}, minimum {profile.min_gap_frames} frames"))
        elif gap_ms + tolerance_ms < between < profile.close_gap_ms - tolerance_ms:
            problems.append(
                Problem("short-gap", n + 1, nxt.start_ms, f"gap of {between} ms after cue {n}: close it to {profile.min_gap_frames} frames or widen it to {profile.close_gap_ms} ms")
            )
    problems.sort(key=lambda p: p.cue)
    return problems

"""Read rates and durations: how long copy takes to say, and the arithmetic of a show clock.

Read time is readable units ÷ the reader's rate. English counts words (default 180 wpm,
3 words a second); Korean counts Hangul syllables at a syllable rate that is marked
*uncalibrated* until someone sets it. Rates resolve in a fixed order — element override,
story override (anchor copy only), presenter, bulletin, global default — and soundbites
and interviewees run at a speaking rate. Package internals (track, soundbites, stand-up,
sign-off) are the package's media time (RUNS), never the anchor's READ time.

:func:`estimate_timeline` lays every spoken element of a bulletin on one clock with
per-word times; subtitles are timed from it and the rundown derives READ and RUNS from
the same numbers. Everything is integer milliseconds; whole seconds only for display.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate, repeat
from pathlib import Path

from castkit.errors import BadInput
from castkit.model import Bulletin, Element, Kind, Role, Story
from castkit.text import hangul_syllables, is_korean, words
from castkit.timings import ElementTiming, Status, Timeline, WordTiming

DEFAULT_WPM = 180.0
"""Global default read rate for English: 3 words a second (UK radio norm, WinCue, Avid)."""

SPEAKING_WPM = 160.0
"""Rate at which soundbites and unscripted speech are estimated."""

KOREAN_SPM = 330.0
"""Korean syllables per minute (5.5 a second) when none is set; no published norm, so uncalibrated."""

PAUSE_MS = 400
"""Silence between consecutive spoken elements in an estimate."""

PRESETS: dict[str, float] = {"news": 180.0, "relaxed": 160.0, "slow": 150.0, "talk": 120.0}
"""Named read rates (wpm): news and radio, relaxed TV, slow US style, talk shows."""

DAY_MS = 24 * 3600 * 1000

_ANCHOR_COPY = (Kind.ANCHOR, Kind.TAG, Kind.QUESTION)
_STAFF = (Role.ANCHOR, Role.CORRESPONDENT)


class Unit(str, Enum):
    """What a read rate counts."""

    WORDS = "words"
    SYLLABLES = "syllables"

    @property
    def rate_label(self) -> str:
        return "wpm" if self is Unit.WORDS else "spm"


@dataclass(frozen=True)
class Rate:
    """A read rate per minute, where it came from, and whether anyone measured or set it."""

    per_minute: float
    unit: Unit = Unit.WORDS
    source: str = "default"  # element | story | presenter | bulletin | default | speaking
    calibrated: bool = True

    @property
    def label(self) -> str:
        """``180 wpm``, or ``330 spm?`` when the value is an uncalibrated guess."""
        mark = "" if self.calibrated else "?"
        return f"{self.per_minute:g} {self.unit.rate_label}{mark}"


def preset(name: str) -> float:
    """The read rate of a named preset."""
    try:
        return PRESETS[name]
    except KeyError:
        raise BadInput(f"unknown rate preset {name!r}; choose one of {', '.join(PRESETS)}") from None


_PRONOUNCER = re.compile(r"\(\s*(?:pron(?:ounced)?[.:]?\s+)?([A-Za-z]+(?:[- ][A-Za-z]+)*)\s*\)")


def _is_pronouncer(guide: str) -> bool:
    """``pyong-YAHNG``, ``kim jong OON``: syllables with the stressed one in capitals."""
    parts = re.split(r"[- ]", guide)
    return len(parts) > 1 and any(p.isupper() and len(p) > 1 for p in parts) and any(p.islower() for p in parts)


def without_pronouncers(text: str) -> str:
    """Copy without its pronunciation guides, ``Pyongyang (pyong-YAHNG)`` read as ``Pyongyang``.

    The presenter sees the guide (the prompter keeps it) but does not say it, so it is not read time.
    """
    return _PRONOUNCER.sub(lambda m: "" if _is_pronouncer(m[1]) else m[0], text)


def count_units(text: str) -> tuple[int, Unit]:
    """Readable units of copy: Hangul syllables for Korean, words otherwise; pronunciation guides are not read."""
    if is_korean(text):
        return hangul_syllables(text), Unit.SYLLABLES
    return len(words(without_pronouncers(text))), Unit.WORDS


def reader(element: Element, story: Story) -> str | None:
    """Who voices an element: its speaker, else the story's talent or correspondent.

    Unnamed anchor copy is read by ``"anchor"``, so a rate can still be measured and set for it.
    """
    if element.speaker.name:
        return element.speaker.name
    if element.kind in _ANCHOR_COPY:
        return story.talent or Role.ANCHOR.value
    if element.kind in (Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF):
        return story.correspondent
    return None


def is_media(element: Element) -> bool:
    """Package internals and live answers: media time (RUNS), not anchor read time."""
    return element.kind.in_package or element.kind is Kind.ANSWER


def speaks_at_speaking_rate(element: Element) -> bool:
    """Soundbites and non-staff answers are not read from a script."""
    if element.kind is Kind.SOUNDBITE:
        return True
    return element.kind is Kind.ANSWER and element.speaker.role not in _STAFF


def element_rate(
    element: Element,
    story: Story,
    bulletin: Bulletin | None = None,
    *,
    speaking_wpm: float = SPEAKING_WPM,
    default_wpm: float = DEFAULT_WPM,
    korean_spm: float | None = None,
    syllable_rates: dict[str, float] | None = None,
) -> Rate:
    """The rate an element is read at, by the precedence rule (see module docstring).

    Korean copy is timed in syllables: an element or story override is then a syllable
    rate; without one the reader's measured syllable rate (``syllable_rates``, presenter ->
    syllables a minute) applies, then ``korean_spm``, else the uncalibrated default.
    """
    unit = Unit.SYLLABLES if is_korean(element.text) else Unit.WORDS  # as count_units counts, without counting
    if element.rate_wpm is not None:
        return Rate(element.rate_wpm, unit, "element")
    if element.kind in _ANCHOR_COPY and story.rate_wpm is not None:
        return Rate(story.rate_wpm, unit, "story")
    if unit is Unit.SYLLABLES:
        name = reader(element, story)
        if syllable_rates and name in syllable_rates:
            return Rate(syllable_rates[name], unit, "presenter")
        if korean_spm is not None:
            return Rate(korean_spm, unit, "korean")
        return Rate(KOREAN_SPM, unit, "default", calibrated=False)
    if speaks_at_speaking_rate(element):
        return Rate(speaking_wpm, unit, "speaking")
    presenters = bulletin.presenters if bulletin else {}
    name = reader(element, story)
    if name and name in presenters:
        return Rate(presenters[name], unit, "presenter")
    if bulletin is not None and bulletin.rate_wpm is not None:
        return Rate(bulletin.rate_wpm, unit, "bulletin")
    return Rate(default_wpm, unit, "default")


# ---------------------------------------------------------------- per-story timing


@dataclass(frozen=True)
class Slot:
    """One spoken element laid out in its story: offset and duration from the story start."""

    index: int
    element: Element
    units: int
    rate: Rate
    start_ms: int
    end_ms: int
    given: bool  # the duration came from the script (RUNS), not from a rate


@dataclass(frozen=True)
class StoryTime:
    """READ, RUNS and EST of one story, with the units and rate behind READ."""

    units: int
    unit: Unit
    rate: Rate | None
    read_ms: int
    runs_ms: int
    runs_estimated: bool
    slots: tuple[Slot, ...]

    @property
    def est_ms(self) -> int:
        return self.read_ms + self.runs_ms


def layout_story(
    story: Story,
    bulletin: Bulletin | None = None,
    *,
    pause_ms: int = PAUSE_MS,
    speaking_wpm: float = SPEAKING_WPM,
    korean_spm: float | None = None,
    syllable_rates: dict[str, float] | None = None,
) -> StoryTime:
    """Lay a story's spoken elements end to end and sum READ (anchor copy) and RUNS (media).

    An element's duration is its given ``runs_ms``, else units ÷ rate. When the story gives
    its package TRT (``story.runs_ms``), the media elements and the pauses between them are
    stretched or squeezed to fill it exactly; elements with their own RUNS keep theirs.
    """
    default = bulletin.rate_wpm if bulletin and bulletin.rate_wpm else DEFAULT_WPM
    spoken = [(i, e) for i, e in enumerate(story.elements) if e.kind.spoken]
    plan: list[tuple[int, Element, int, Rate, float, bool, float]] = []  # ..., duration, given, gap before
    for n, (i, element) in enumerate(spoken):
        units = count_units(element.text)[0]
        rate = element_rate(element, story, bulletin, speaking_wpm=speaking_wpm, default_wpm=default, korean_spm=korean_spm,
                            syllable_rates=syllable_rates)
        given = element.runs_ms is not None
        duration = float(element.runs_ms) if given else units * 60_000 / rate.per_minute
        plan.append((i, element, units, rate, duration, given, float(pause_ms) if n else 0.0))

    media = [k for k, p in enumerate(plan) if is_media(p[1])]
    if story.runs_ms is not None and media:
        inner_gaps = [k for k in media[1:] if k - 1 in media]
        fixed = sum(plan[k][4] for k in media if plan[k][5])
        flexible = sum(plan[k][4] for k in media if not plan[k][5]) + sum(plan[k][6] for k in inner_gaps)
        factor = max(0.0, (story.runs_ms - fixed) / flexible) if flexible else 0.0
        for k in range(len(plan)):
            i, element, units, rate, duration, given, gap = plan[k]
            if k in media and not given:
                duration *= factor
            if k in inner_gaps:
                gap *= factor
            plan[k] = (i, element, units, rate, duration, given, gap)

    slots: list[Slot] = []
    clock = 0.0
    for i, element, units, rate, duration, given, gap in plan:
        start = clock + gap
        clock = start + duration
        slots.append(Slot(i, element, units, rate, round(start), round(clock), given))

    read = [p for p in plan if not is_media(p[1])]
    if story.runs_ms is not None:
        runs_ms, estimated = story.runs_ms, False
    elif media:
        between = sum(plan[k][6] for k in media[1:] if k - 1 in media)
        runs_ms = round(sum(plan[k][4] for k in media) + between)
        estimated = not all(plan[k][5] for k in media)
    else:
        runs_ms, estimated = 0, False
    rate = read[0][3] if read else None
    unit = rate.unit if rate else Unit.WORDS
    read_ms = round(sum(p[4] for p in read))
    return StoryTime(sum(p[2] for p in read), unit, rate, read_ms, runs_ms, estimated, tuple(slots))


def estimate_timeline(bulletin: Bulletin, *, pause_ms: int = PAUSE_MS, speaking_wpm: float = SPEAKING_WPM) -> Timeline:
    """Every spoken element of every story on one clock, with per-word times, all "estimated".

    Stories follow each other in running order with ``pause_ms`` between elements and
    between stories; the first word starts at 0. Instructions are never timed. Within an
    element, words share its duration in proportion to their length in letters (syllables
    for Korean), so long words get more time.
    """
    timeline = Timeline()
    clock = 0
    for story_index, story in enumerate(bulletin.stories):
        layout = layout_story(story, bulletin, pause_ms=pause_ms, speaking_wpm=speaking_wpm)
        if not layout.slots:
            continue
        offset = clock + (pause_ms if timeline.elements else 0)
        for slot in layout.slots:
            start, end = offset + slot.start_ms, offset + slot.end_ms
            timeline.elements.append(
                ElementTiming(
                    index=slot.index,
                    kind=slot.element.kind.value,
                    speaker=reader(slot.element, story),
                    start_ms=start,
                    end_ms=end,
                    status=Status.ESTIMATED,
                    words=spread_words(slot.element.text, start, end),
                    story=story_index,
                )
            )
        clock = timeline.elements[-1].end_ms
    return timeline


def spread_words(text: str, start_ms: int, end_ms: int) -> list[WordTiming]:
    """The words of ``text`` back to back over ``[start_ms, end_ms]``, weighted by length."""
    tokens = list(map(sys.intern, words(text)))  # one string per distinct word: a long bulletin repeats most
    if not tokens:
        return []
    korean = hangul_syllables(text) > 0  # else no word has a syllable: count letters and digits only
    weights = [max(1, korean and hangul_syllables(w) or sum(map(str.isalnum, w))) for w in tokens]
    span, total = end_ms - start_ms, sum(weights)
    bounds = [start_ms + span * done // total for done in accumulate(weights, initial=0)]  # a word ends where the next begins
    return list(map(WordTiming, tokens, bounds, bounds[1:], repeat(Status.ESTIMATED)))


# ---------------------------------------------------------------- durations and clock times


def seconds(ms: int) -> int:
    """Whole seconds for display, halves rounded away from zero (0.5 s shows as 1 s)."""
    return (abs(ms) + 500) // 1000 * (1 if ms >= 0 else -1)


def format_duration(ms: int, *, hours: bool = False) -> str:
    """``0:09``, ``1:42``, ``1:02:03``: whole seconds, hours only when needed (always with ``hours``).

    Never signed. ``hours=True`` gives ``0:01:42``, which spreadsheets read as a duration
    (they read ``1:42`` as hours and minutes).
    """
    if ms < 0:
        raise ValueError("durations are never negative; use over_under() for differences")
    total = seconds(ms)
    whole_hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{whole_hours}:{minutes:02d}:{secs:02d}" if whole_hours or hours else f"{minutes}:{secs:02d}"


_DURATION = re.compile(r"^(?:(\d{1,4}):(\d{1,4}):|(\d{0,6}):)?(\d{1,7}(?:\.\d{1,9})?)$")
"""Bounded digits: no duration anyone writes has more, and a runaway number is "not a duration", not an overflow."""


def parse_duration(text: str, *, where: str | None = None) -> int:
    """Milliseconds of a duration as scripts write it: ``:09``, ``9``, ``1:42``, ``1:02:03``, ``0:09.5``."""
    value = text.strip()
    minutes, colon, secs = value.partition(":")
    if not colon:
        if value.isdecimal() and len(value) <= 7:
            return int(value) * 1000  # plain seconds, without the pattern
    elif len(secs) == 2 and secs.isdecimal() and secs < "60" and (not minutes or len(minutes) <= 6 and minutes.isdecimal()):
        return (int(minutes or 0) * 60 + int(secs)) * 1000  # m:ss and :ss, the usual spellings (a digit past ASCII's is left to the pattern)
    match = _DURATION.match(value)
    if not match:
        raise BadInput(f"not a duration: {text!r} (write :09, 1:42 or 1:02:03)", where=where)
    hours, minutes_after_hours, minutes, secs = match.groups()
    has_minutes = ":" in match[0]
    if has_minutes and float(secs) >= 60 or int(minutes_after_hours or 0) >= 60:
        raise BadInput(f"not a duration: {text!r} (seconds and minutes run 0-59)", where=where)
    minutes_total = int(hours or 0) * 60 + int(minutes_after_hours or minutes or 0)
    return round((minutes_total * 60 + float(secs)) * 1000)


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_clock(text: str, *, where: str | None = None) -> int:
    """Milliseconds after midnight of a time of day: ``20:00:00`` or ``20:00``."""
    match = _CLOCK.match(text.strip())
    if match:
        hours, minutes, secs = int(match[1]), int(match[2]), int(match[3] or 0)
        if hours <= 23 and minutes <= 59 and secs <= 59:
            return ((hours * 60 + minutes) * 60 + secs) * 1000
    raise BadInput(f"not a time of day: {text!r} (write 20:00:00)", where=where)


def show_clock(ms: int, origin: int) -> int:
    """A time of day placed on the clock of a show that starts at ``origin``, across midnight.

    Show clocks run on past 24:00 so that sums and differences stay plain arithmetic: with a
    23:55 start a 00:01 hit is 24:01 (six minutes in), a 23:50 one ten minutes before. The
    time of day is taken within twelve hours either side of ``origin``.
    """
    half_day = DAY_MS // 2
    return origin + (ms - origin + half_day) % DAY_MS - half_day


def format_clock(ms: int) -> str:
    """``20:02:30``: a time of day in whole seconds, wrapping at midnight."""
    total = seconds(ms) % (DAY_MS // 1000)
    return f"{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}"


def format_exact(ms: int, *, time_of_day: bool = False) -> str:
    """``:09``, ``1:23``, ``1:02:03`` or a time of day ``20:05:00``, with ``.250`` when there are milliseconds.

    Unlike :func:`format_duration` and :func:`format_clock` nothing is rounded or wrapped, so
    :func:`parse_exact` gives back the same milliseconds (script markup relies on this).
    """
    total, millis = divmod(ms, 1000)
    hours, minutes, secs = total // 3600, total // 60 % 60, total % 60
    if time_of_day:
        text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    elif hours:
        text = f"{hours}:{minutes:02d}:{secs:02d}"
    else:
        text = f"{minutes or ''}:{secs:02d}"
    return text + (f".{millis:03d}" if millis else "")


_EXACT = re.compile(r"^(?:(?:(?P<h>\d+):)?(?P<m>\d*):)?(?P<s>\d+)(?:\.(?P<f>\d{1,3}))?s?$")


def parse_exact(text: str, *, time_of_day: bool = False, where: str | None = None) -> int:
    """Milliseconds of ``:09``, ``1:23``, ``1:02:03.5`` or ``45s``, to the millisecond.

    As a time of day, two parts are hours and minutes (``20:05`` is 20:05:00), not minutes
    and seconds. Reads everything :func:`format_exact` writes, and hand-written variants.
    """
    value = text.strip()
    if time_of_day and len(value.split(":")) == 2:
        value += ":00"
    match = _EXACT.match(value)
    if not match:
        raise BadInput(f"cannot read {text!r} as a time (write :09, 1:23 or 20:05:00)", where=where)
    hours, minutes, secs = (int(match.group(g) or 0) for g in "hms")
    millis = int((match.group("f") or "0").ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + secs) * 1000 + millis


def over_under(diff_s: int) -> str:
    """``OVER 0:12`` (too long), ``UNDER 0:25`` (light) or ``EXACT`` for a difference in seconds."""
    if diff_s == 0:
        return "EXACT"
    return f"{'OVER' if diff_s > 0 else 'UNDER'} {format_duration(abs(diff_s) * 1000)}"


# ---------------------------------------------------------------- measured rates


@dataclass(frozen=True)
class RateSample:
    """A presenter's rate measured on air, per language: units read over the time they took.

    English counts words (a rate in wpm), Korean Hangul syllables (spm); ``units`` and
    ``ms`` are the sample behind the rate, so a reader can judge how far to trust it.
    """

    presenter: str
    language: str
    unit: Unit
    units: int
    ms: int

    @property
    def per_minute(self) -> float:
        return round(self.units * 60_000 / self.ms, 1)

    @property
    def label(self) -> str:
        """``Anna Park (en) 150 wpm over 45 words in 0:18``."""
        return (f"{self.presenter} ({self.language}) {self.per_minute:g} {self.unit.rate_label} "
                f"over {self.units} {self.unit.value} in {format_duration(self.ms)}")

    def to_dict(self) -> dict[str, object]:
        return {"presenter": self.presenter, "language": self.language, "unit": self.unit.value,
                "units": self.units, "seconds": round(self.ms / 1000, 1), "per_minute": self.per_minute}


def rate_samples(bulletin: Bulletin, timeline: Timeline) -> list[RateSample]:
    """Each presenter's measured rate per language, from a timeline of the bulletin.

    Counts the units of every anchor-copy, track and stand-up element whose timing was
    measured, over the time those elements took (pauses between elements excluded).
    Soundbites are not read from a script and are left out.
    """
    totals: dict[tuple[str, str, Unit], list[int]] = {}
    for timing in timeline.elements:
        if timing.status is not Status.MEASURED or not 0 <= timing.story < len(bulletin.stories):
            continue
        story = bulletin.stories[timing.story]
        if not 0 <= timing.index < len(story.elements):
            continue
        element = story.elements[timing.index]
        name = reader(element, story)
        units, unit = count_units(element.text)
        if not name or speaks_at_speaking_rate(element) or timing.end_ms <= timing.start_ms:
            continue
        language = "ko" if unit is Unit.SYLLABLES else story.language
        acc = totals.setdefault((name, language, unit), [0, 0])
        acc[0] += units
        acc[1] += timing.end_ms - timing.start_ms
    return [RateSample(name, language, unit, units, ms) for (name, language, unit), (units, ms) in totals.items() if units and ms]


def measured_rates(bulletin: Bulletin, timeline: Timeline) -> dict[str, float]:
    """Each presenter's read rate in words a minute measured from a timeline (see :func:`rate_samples`)."""
    return {s.presenter: s.per_minute for s in rate_samples(bulletin, timeline) if s.unit is Unit.WORDS}


def load_rates(path: str | Path) -> dict[str, float]:
    """Presenter read rates (name -> wpm) from a JSON or TOML file written by :func:`dump_rates`."""
    from castkit.files import read_text

    source = read_text(path)
    try:
        if str(path).lower().endswith(".toml"):
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                import tomli as tomllib
            data = tomllib.loads(source.text)
        else:
            from castkit.files import loads_json

            data = loads_json(source.text, where=source.name)
    except ValueError as exc:
        raise BadInput(f"cannot read presenter rates: {exc}", where=source.name) from None
    rates = data.get("presenters", data) if isinstance(data, dict) else None
    if not isinstance(rates, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v < math.inf
                                              for v in rates.values()):  # NaN fails too
        raise BadInput('presenter rates must map names to read rates of at least 1 wpm, e.g. {"Anna Park": 172}', where=source.name)
    return {str(k): float(v) for k, v in rates.items()}


def dump_rates(rates: dict[str, float], samples: list[RateSample] | tuple[RateSample, ...] = ()) -> str:
    """The JSON text :func:`load_rates` reads back, with the measured samples behind the rates.

    Korean samples also give ``syllable_rates`` (presenter -> syllables a minute), which
    :func:`load_syllable_rates` reads.
    """
    data: dict[str, object] = {"presenters": rates}
    syllables = {s.presenter: s.per_minute for s in samples if s.unit is Unit.SYLLABLES}
    if syllables:
        data["syllable_rates"] = syllables
    if samples:
        data["samples"] = [s.to_dict() for s in samples]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_syllable_rates(path: str | Path) -> dict[str, float]:
    """Presenters' measured Korean rates (name -> syllables a minute) from a file :func:`dump_rates` wrote."""
    from castkit.files import read_text

    source = read_text(path)
    try:
        data = json.loads(source.text) if not str(path).lower().endswith(".toml") else {}
    except ValueError:
        return {}  # load_rates reports a file it cannot read
    rates = data.get("syllable_rates", {}) if isinstance(data, dict) else {}
    if not isinstance(rates, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in rates.values()):
        raise BadInput('syllable rates must map names to positive syllables a minute, e.g. {"Park": 330}', where=source.name)
    return {str(k): float(v) for k, v in rates.items()}

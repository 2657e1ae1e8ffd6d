"""Re-time an existing subtitle file to its recording, cue by cue, with castkit's aligner.

Each dialogue cue's own words become one element of a bulletin and :func:`castkit.audio.align.align_bulletin`
finds them in the audio, walking the recording element by element as it does for a script,
so any length works and the cost grows with the audio, not faster. A cue then starts when
its first word is heard and ends where the file ended it, moved with the file (the editor's
reading time and gaps survive), or when its last word ends if that is later; the profile's
minimum duration and gaps are applied after, by :func:`castkit.subtitles.fix.fix_cues`. Every cue is placed
on its own, so drift, cuts and re-edits are followed, not one global offset.

A cue whose words are not found in the audio (or only some of them) keeps its place relative
to its neighbours: it moves as the nearest cues before and after it that were heard moved
(at either end of the file, with the file's overall offset and drift), and it is reported. Karaoke, sign and comment lines are not aligned.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from castkit.notices import Notice
from castkit.subtitles.cue import Cue
from castkit.subtitles.fix import Change, fix_cues
from castkit.subtitles.profiles import Profile
from castkit.timings import Status

ONSET_SLACK_MS = 50
ONSET_PAUSE_MS = 100
ONSET_REACH_MS = 400
"""A cue start this close before a pause this long (within this reach) moves to the pause's end."""
END_SLACK_MS = 500
GROUP_WORDS = 40
"""Cues are aligned a sentence at a time, up to this many words (a longer sentence is cut between cues)."""


@dataclass
class Retimed:
    """The re-timed cues, each input cue's status (``measured``, ``estimated``, ``missing``, or
    ``kept`` for lines not aligned), the file's overall offset and drift, the profile's repairs and notices."""

    cues: list[Cue]
    statuses: list[str]
    offset_ms: int
    drift: float
    changes: list[Change] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def summary(self) -> dict:
        """Counts by status, the file's overall offset and drift, and the cues not heard."""
        counts = {s: self.statuses.count(s) for s in ("measured", "estimated", "missing")}
        return {
            "cues": len(self.cues),
            **counts,
            "offset_ms": self.offset_ms,
            "drift_ppm": round(self.drift * 1e6),
            "changes": [c.to_dict() for c in self.changes],
            "notices": [n.to_dict() for n in self.notices],
        }


def retime_cues(
    cues: list[Cue], audio: str | Path, profile: Profile, *, on_progress: Callable[[float], None] | None = None
) -> Retimed:
    """``cues`` re-timed to ``audio``; see the module docstring."""
    from castkit.audio.align import align_bulletin
    from castkit.model import Bulletin, Element, Kind, Speaker, Story
    from castkit.text import words

    spoken = [k for k, c in enumerate(cues) if c.kind == "dialogue" and words(c.text)]
    groups = _sentences(cues, spoken)
    story = Story(title="subtitles", elements=[
        Element(Kind.TRACK, " ".join(cues[k].text for k in group), Speaker(cues[group[0]].speaker)) for group in groups
    ])
    timeline = align_bulletin(Bulletin(stories=[story]), audio, on_progress=on_progress)
    timings = {t.index: t for t in timeline.elements}
    new = [replace(c) for c in cues]
    statuses = ["kept"] * len(cues)
    for element, group in enumerate(groups):
        timing = timings.get(element)
        heard = timing.words if timing is not None else []
        for k in group:
            count = len(words(cues[k].text))
            mine, heard = heard[:count], heard[count:]
            found = [w for w in mine if w.status is not Status.MISSING]
            if not found:
                statuses[k] = "missing"
                continue
            measured = all(w.status is Status.MEASURED for w in mine)
            statuses[k] = "measured" if measured else "estimated"
            new[k].start_ms, new[k].end_ms = found[0].start_ms, found[-1].end_ms
    heard = [k for k in range(len(cues)) if statuses[k] == "measured"]
    _onto_speech(new, heard, audio)
    offset, drift = _line([(cues[k].start_ms, new[k].start_ms) for k in heard])
    measured = [k for k in range(len(cues)) if statuses[k] == "measured"]
    notices = []
    for k, cue in enumerate(cues):
        number = cue.number if cue.number is not None else k + 1
        if statuses[k] == "measured":
            new[k].end_ms = _end(cue, new[k], offset, drift)
            continue
        move = _between(cues, new, measured, k, offset, drift)
        new[k].start_ms = max(0, round(move(cue.start_ms)))
        new[k].end_ms = max(new[k].start_ms + 1, round(move(cue.end_ms)))
        shift = (new[k].start_ms - cue.start_ms) / 1000
        if statuses[k] == "missing":
            notices.append(Notice("timing", f"cue {number}", f"{_quote(cue.text)} not found in the audio: moved with its neighbours ({shift:+.1f} s)"))
        elif statuses[k] == "estimated":
            notices.append(Notice("timing", f"cue {number}", f"{_quote(cue.text)} only partly heard: moved with its neighbours ({shift:+.1f} s)"))
    fixed, changes = fix_cues(new, profile)
    notices += [Notice("subtitles", f"cue {c.cue}", f"{c.rule}: {c.message}") for c in changes if not c.fixed]
    return Retimed(fixed, statuses, round(offset), drift, changes, notices)


def _sentences(cues: list[Cue], spoken: list[int]) -> list[list[int]]:
    """Consecutive cues grouped into sentences (at most :data:`GROUP_WORDS` words), to align as one element each.

    Words inside an element are placed in context; the first word of an element starts where
    the search window does, so one element per cue would pull starts into the pause before.
    """
    from castkit.text import words

    groups: list[list[int]] = []
    count = GROUP_WORDS
    for k in spoken:
        if count >= GROUP_WORDS or (groups and cues[groups[-1][-1]].speaker != cues[k].speaker):
            groups.append([])
            count = 0
        groups[-1].append(k)
        count += len(words(cues[k].text))
        if cues[k].text.rstrip("\"'’”)»").endswith((".", "!", "?", "…")):
            count = GROUP_WORDS
    return groups


def _end(old: Cue, new: Cue, offset: float, drift: float) -> int:
    """Where a heard cue ends: where the file ended it, moved with the file (the editor's reading
    time and gap), kept within half to all of its old duration (plus half a second) from its
    new start, and never before its last word ends."""
    length = old.duration_ms * (1 + drift)
    moved = old.end_ms * (1 + drift) + offset
    return max(new.end_ms, new.start_ms + 1, round(min(max(moved, new.start_ms + length / 2), new.start_ms + length + END_SLACK_MS)))


def _onto_speech(cues: list[Cue], heard: list[int], audio: str | Path) -> None:
    """Start each heard cue where its speech starts when the aligner began it in the pause before.

    The decoder can give the silence after a comma to the next word; a cue that starts there
    shows before anyone speaks. A start followed within :data:`ONSET_SLACK_MS` by a pause of at
    least :data:`ONSET_PAUSE_MS` moves to the end of that pause.
    """
    from castkit.audio.load import load
    from castkit.audio.speech import FRAME_MS, frame_activity

    active = frame_activity(load(audio))
    for k in heard:
        frame = cues[k].start_ms // FRAME_MS
        window = active[frame : frame + (ONSET_SLACK_MS + ONSET_REACH_MS) // FRAME_MS]
        quiet = [n for n, on in enumerate(window) if not on]
        if not quiet or quiet[0] > ONSET_SLACK_MS // FRAME_MS:
            continue
        end = quiet[0]
        while end < len(window) and not window[end]:
            end += 1
        if end < len(window) and end - quiet[0] >= ONSET_PAUSE_MS // FRAME_MS:
            cues[k].start_ms = min((frame + end) * FRAME_MS, cues[k].end_ms - 1)


def _between(cues: list[Cue], new: list[Cue], measured: list[int], k: int, offset: float, drift: float) -> Callable[[int], float]:
    """How to move cue ``k``, which was not heard: as its nearest heard neighbours moved (a
    straight line through their old and new starts), or with the whole file at either end."""
    import bisect

    at = bisect.bisect_left(measured, k)
    if 0 < at < len(measured):
        a, b = measured[at - 1], measured[at]
        span = cues[b].start_ms - cues[a].start_ms
        if span > 0:
            scale = (new[b].start_ms - new[a].start_ms) / span
            return lambda t: new[a].start_ms + (t - cues[a].start_ms) * scale
    return lambda t: t * (1 + drift) + offset


def _line(pairs: list[tuple[int, int]]) -> tuple[float, float]:
    """Offset (ms) and drift (new = old × (1 + drift) + offset) through the measured cues, robust to outliers.

    The drift is the median slope between cues far apart; the offset the median residual.
    """
    if not pairs:
        return 0.0, 0.0
    slopes = []
    half = len(pairs) // 2
    for (a, ta), (b, tb) in zip(pairs[:half], pairs[half:]):
        if b - a > 10_000:
            slopes.append((tb - ta) / (b - a))
    slope = statistics.median(slopes) if slopes else 1.0
    offset = statistics.median(t - a * slope for a, t in pairs)
    return offset, slope - 1


def _quote(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")

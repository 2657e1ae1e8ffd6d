"""Repair what subtitle editors fix by hand, cue by cue, listing every change.

In this order, against a profile:

1. text: stray spaces trimmed and collapsed, tags left unclosed (``<i`` or ``{\\an8`` with no
   end) removed; a cue left with no text is removed, and listed;
2. lines: a cue whose lines are too long, too many, or unbalanced (the shorter under half
   the longer, or two lines that fit in one) is re-broken with castkit's line breaker; one
   that cannot fit is listed as not fixed;
3. durations: too short is lengthened (as far as the next cue allows), too long is shortened;
4. gaps: overlaps and gaps under the profile's minimum become the minimum, the earlier cue
   ending sooner; gaps shorter than the profile's closing distance are chained to the
   minimum, the earlier cue ending later.

What cannot be repaired without changing the words (a cue too long for its limits, or too
fast to read in the time it has) is listed, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from castkit.subtitles.breaking import break_lines
from castkit.subtitles.cue import Cue
from castkit.subtitles.profiles import Profile
from castkit.text import words

_UNCLOSED_TAG = re.compile(r"</?[A-Za-z][^<>]*$")
_CLOSED_TAG = re.compile(r"</?(?:i|b|u|s|font|c|v|ruby|rt|lang)\b[^<>]*>")
BALANCE = 0.5
"""Two lines where the shorter is under this share of the longer are re-broken."""


@dataclass(frozen=True)
class Change:
    """One repair (or a fault left as it is): the cue's number, the rule, and what happened."""

    cue: int
    rule: str
    message: str
    fixed: bool = True

    def __str__(self) -> str:
        return f"cue {self.cue}: {self.rule}: {self.message}"

    def to_dict(self) -> dict:
        return {"cue": self.cue, "rule": self.rule, "message": self.message, "fixed": self.fixed}


def fix_cues(cues: list[Cue], profile: Profile) -> tuple[list[Cue], list[Change]]:
    """Repaired copies of ``cues`` (file order kept, empty cues removed) and every change made."""
    changes: list[Change] = []
    kept: list[Cue] = []
    for position, original in enumerate(cues, start=1):
        cue = replace(original, lines=list(original.lines))
        number = cue.number if cue.number is not None else position
        if cue.kind != "dialogue":
            kept.append(cue)
            continue
        lines = _clean_lines(cue.lines)
        if lines != cue.lines:
            changes.append(Change(number, "text", f"{' / '.join(cue.lines)!r} → {' / '.join(lines)!r}"))
            cue.lines = lines
        if not cue.lines:
            changes.append(Change(number, "empty", "removed: no text"))
            continue
        _rebreak(cue, number, profile, changes)
        kept.append(cue)
    _fix_times([c for c in kept if c.kind == "dialogue"], profile, changes)
    return kept, changes


def _clean_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = _CLOSED_TAG.sub("", _without_overrides(line))
        line = _UNCLOSED_TAG.sub("", line)
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


def _without_overrides(line: str) -> str:
    """``line`` without ASS override blocks (``{\\`` up to the next ``}``), one left open cut
    with the rest of the line. Found with ``str.find``: a line of 100,000 ``{\\`` is read once
    (a pattern tried from every ``{`` read it to the end each time)."""
    kept, at = [], 0
    while (start := line.find("{\\", at)) != -1:
        kept.append(line[at:start])
        end = line.find("}", start)
        if end == -1:
            return "".join(kept)
        at = end + 1
    kept.append(line[at:])
    return "".join(kept)


def _rebreak(cue: Cue, number: int, profile: Profile, changes: list[Change]) -> None:
    widths = [profile.width(line) for line in cue.lines]
    too_long = max(widths) > profile.max_chars or len(cue.lines) > profile.max_lines
    fits_one = len(cue.lines) > 1 and profile.width(cue.text) <= profile.max_chars
    unbalanced = len(cue.lines) > 1 and min(widths) < BALANCE * max(widths)
    if not (too_long or fits_one or unbalanced):
        return
    better = break_lines(cue.text, profile.max_chars, profile.max_lines, measure=profile.width)
    if better is None:
        if too_long:
            changes.append(Change(number, "line-length", f"{len(cue.text)} characters do not fit {profile.max_lines} lines of {profile.max_chars}: split or shorten it", fixed=False))
        return
    if better != cue.lines:
        changes.append(Change(number, "line-break", f"{' / '.join(cue.lines)!r} → {' / '.join(better)!r}"))
        cue.lines = better


def _fix_times(cues: list[Cue], profile: Profile, changes: list[Change]) -> None:
    gap = round(profile.min_gap_frames * profile.frame_ms)
    numbers = {id(c): (c.number if c.number is not None else n) for n, c in enumerate(cues, start=1)}
    ordered = sorted(cues, key=lambda c: c.start_ms)

    def note(cue: Cue, rule: str, message: str, fixed: bool = True) -> None:
        changes.append(Change(numbers[id(cue)], rule, message, fixed))

    for k, cue in enumerate(ordered):
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        latest = nxt.start_ms - gap if nxt else None
        minimum = profile.min_duration_for(len(words(cue.text)))
        if cue.duration_ms > profile.max_duration_ms:
            end = cue.start_ms + profile.max_duration_ms
            note(cue, "max-duration", f"ends at {end} ms instead of {cue.end_ms} ms ({profile.max_duration_ms} ms maximum)")
            cue.end_ms = end
        if cue.duration_ms < minimum:
            end = cue.start_ms + minimum if latest is None else min(cue.start_ms + minimum, max(cue.end_ms, latest))
            if end > cue.end_ms:
                note(cue, "min-duration", f"ends at {end} ms instead of {cue.end_ms} ms ({minimum} ms minimum)")
                cue.end_ms = end
            if cue.duration_ms < minimum:
                note(cue, "min-duration", f"{cue.duration_ms} ms on screen, {minimum} ms needed, and the next cue follows: shorten the text or move the next cue", fixed=False)
        if latest is not None and cue.end_ms < latest and nxt.start_ms - cue.end_ms < profile.close_gap_ms:
            end = min(latest, cue.start_ms + profile.max_duration_ms)
            if end > cue.end_ms:
                note(cue, "short-gap", f"ends at {end} ms instead of {cue.end_ms} ms, chained {profile.min_gap_frames} frames before the next cue")
                cue.end_ms = end
        if latest is not None and cue.end_ms > latest:
            rule = "overlap" if cue.end_ms > nxt.start_ms else "min-gap"
            if latest > cue.start_ms:
                note(cue, rule, f"ends at {latest} ms instead of {cue.end_ms} ms, {profile.min_gap_frames} frames before the next cue")
                cue.end_ms = latest
            else:
                note(cue, rule, "starts with the next cue: merge the two or move one", fixed=False)
        cps = profile.characters(cue.lines) * 1000 / cue.duration_ms if cue.duration_ms > 0 else 0.0
        if cps > profile.max_cps:
            note(cue, "cps", f"{cps:.1f} characters per second, limit {profile.max_cps:g}: shorten the text", fixed=False)

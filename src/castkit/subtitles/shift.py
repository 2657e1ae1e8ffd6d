"""Move a subtitle file in time: by an offset, to a start timecode, by two-point sync, between frame rates.

Every shift is a straight line, ``new = old × scale + offset``, computed in exact fractions:

- an offset moves every cue by the same time (``+1.5s``, ``-00:00:02:10``);
- a start timecode moves the first cue onto it (a file made for a 10:00:00:00 programme);
- two-point sync takes two cues whose true times are known, the first and last line heard,
  and stretches the file between them (a file cut for another edit or frame rate);
- a frame-rate change (``25:23.976``) keeps every cue on the same frame number, so a file
  timed to frames at 25 fps plays frame for frame at 23.976.

With a frame rate, results land on that rate's frame grid (half a frame rounds up), so
shifting by whole frames or converting between rates is frame-exact, and a sync point lands
exactly on the frame asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from castkit.errors import BadInput
from castkit.subtitles.cue import Cue
from castkit.subtitles.timecode import frame_at, frame_ms


@dataclass(frozen=True)
class Shift:
    """``new_ms = old_ms × scale + offset_ms``; ``grid`` is the frame rate results snap to (None: milliseconds).

    ``source`` is set for a change of frame rate: each time keeps its frame number at ``source``
    on the ``grid`` rate (``scale`` is then source ÷ grid, for the record).
    """

    scale: Fraction = Fraction(1)
    offset_ms: Fraction = Fraction(0)
    grid: Fraction | None = None
    source: Fraction | None = None

    def time(self, ms: int) -> int:
        """Where a time ``ms`` goes."""
        if self.source is not None and self.grid is not None:  # a frame-rate change: same frame number
            return frame_ms(frame_at(ms, self.source), self.grid)
        new = Fraction(ms) * self.scale + self.offset_ms
        if self.grid is None:
            return round(new)
        return frame_ms(frame_at(new, self.grid), self.grid)


def by_offset(offset_ms: Fraction, *, grid: Fraction | None = None) -> Shift:
    """Every cue ``offset_ms`` later (earlier when negative)."""
    return Shift(offset_ms=Fraction(offset_ms), grid=grid)


def to_start(cues: list[Cue], start_ms: Fraction, *, grid: Fraction | None = None) -> Shift:
    """The first cue (by time) onto ``start_ms``, the rest with it."""
    first = min(c.start_ms for c in cues)
    return Shift(offset_ms=Fraction(start_ms) - first, grid=grid)


def between_rates(source: Fraction, target: Fraction) -> Shift:
    """A file timed at ``source`` fps played at ``target`` fps: each cue keeps its frame number."""
    return Shift(scale=source / target, grid=target, source=source)


def by_sync(cues: list[Cue], points: list[tuple[int, Fraction]], *, grid: Fraction | None = None) -> Shift:
    """The line through two sync points: (cue number as in the file, its true start in ms)."""
    if len(points) != 2:
        raise BadInput("two-point sync takes two --sync points: the first and last cue you can hear")
    starts = {}
    for position, cue in enumerate(cues, start=1):
        starts.setdefault(cue.number if cue.number is not None else position, cue.start_ms)
    (a, ta), (b, tb) = points
    for number in (a, b):
        if number not in starts:
            raise BadInput(f"--sync names cue {number}, but the file has no cue with that number")
    if starts[a] == starts[b]:
        raise BadInput(f"--sync points need two cues that start at different times (cues {a} and {b} do not)")
    scale = (Fraction(tb) - Fraction(ta)) / (starts[b] - starts[a])
    if scale <= 0:
        raise BadInput("--sync points run backwards: the later cue would start before the earlier one")
    return Shift(scale=scale, offset_ms=Fraction(ta) - starts[a] * scale, grid=grid)


def shift_cues(cues: list[Cue], shift: Shift) -> list[Cue]:
    """New cues moved by ``shift``; refuses a shift that would put a cue before 00:00:00."""
    moved = [replace(c, start_ms=shift.time(c.start_ms), end_ms=shift.time(c.end_ms)) for c in cues]
    early = next((c for c in moved if c.start_ms < 0), None)
    if early is not None:
        number = early.number if early.number is not None else moved.index(early) + 1
        raise BadInput(f"the shift would start cue {number} before 00:00:00 ({early.start_ms} ms)")
    return moved

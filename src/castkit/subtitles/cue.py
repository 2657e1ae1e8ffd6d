"""One subtitle on screen: the unit every builder, writer, reader and checker shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)  # a 64 MB subtitle file holds 600,000 of them
class Cue:
    """A subtitle: integer-millisecond times, its lines as shown, and who speaks them.

    ``lines`` hold plain text (no markup, no line-break characters); writers escape it for
    their format. ``role`` is a :class:`castkit.model.Role` value and ``colour`` the
    speaker's ``#RRGGBB`` colour; ``raised`` puts the cue at the top of the frame while a name
    super covers the bottom. ``story``/``element`` point back into the bulletin when the cue
    was built from one; ``drift_ms`` is how long after its estimated speech onset a built cue
    starts (read-rate timing slides cues later to keep them readable). ``number`` is the
    cue's number as written in the file it was read from (SRT counts from 0 or 1, anything
    goes), for messages an editor can find; ``kind`` is ``dialogue``, or for ASS events
    that are not dialogue to check, ``comment`` (never shown), ``karaoke`` (``\\k`` timed
    syllables) or ``sign`` (an ``Effect`` line or a positioned sign).
    """

    start_ms: int
    end_ms: int
    lines: list[str]
    speaker: str | None = None
    role: str | None = None
    colour: str | None = None
    raised: bool = False
    story: int | None = None
    element: int | None = None
    drift_ms: int = 0
    number: int | None = None
    kind: str = "dialogue"

    @property
    def text(self) -> str:
        """The cue's words on one line (lines joined by a space)."""
        return " ".join(self.lines)

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    @property
    def characters(self) -> int:
        """Characters as Netflix counts them: all, spaces and punctuation included, no breaks."""
        return sum(len(line) for line in self.lines)

    @property
    def cps(self) -> float:
        """Reading speed in characters per second (infinite for a zero-length cue)."""
        if self.duration_ms <= 0:
            return float("inf")
        return self.characters * 1000 / self.duration_ms

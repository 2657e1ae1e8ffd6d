"""Show facts a producer states outside the script: start, slot or hard out, read rates, title.

Each fact given overrides the script's. A slot and a hard out exclude each other, so
setting one clears the other; a hard out before the start is read as after midnight when
the sheet is built (:func:`castkit.rundown.sheet.build_sheet`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from castkit.model import Bulletin


@dataclass(frozen=True)
class ShowFacts:
    """Facts about a show, all optional; times of day are milliseconds after midnight."""

    start_ms: int | None = None
    slot_ms: int | None = None
    end_ms: int | None = None
    rate_wpm: float | None = None
    presenters: dict[str, float] = field(default_factory=dict)
    title: str | None = None

    def apply(self, bulletin: Bulletin) -> None:
        """Put the given facts on ``bulletin``, keeping the script's where a fact is not given."""
        if self.start_ms is not None:
            bulletin.start_ms = self.start_ms
        if self.slot_ms is not None:
            bulletin.slot_ms, bulletin.end_ms = self.slot_ms, None
        if self.end_ms is not None:
            bulletin.end_ms, bulletin.slot_ms = self.end_ms, None
        if self.rate_wpm is not None:
            bulletin.rate_wpm = self.rate_wpm
        bulletin.presenters.update(self.presenters)
        if self.title:
            bulletin.title = self.title

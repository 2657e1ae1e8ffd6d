"""What an alignment tells its user: a line per script/audio mismatch and counts by status.

``castkit align`` prints these; they live here so any caller of
:func:`castkit.audio.align.align_bulletin` can report a timeline the same way.
"""

from __future__ import annotations

from typing import Any

from castkit.timings import Mismatch, Status, Timeline


def _clock(ms: int) -> str:
    """``m:ss.mmm``: a mismatch is found to the millisecond in audio minutes long."""
    return f"{ms // 60000}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def describe(mismatch: Mismatch) -> str:
    """One line naming a mismatch and where it is."""
    if mismatch.type == "missing_in_audio":
        return f"missing_in_audio: not found in the audio (expected near {_clock(mismatch.start_ms)}): {mismatch.text!r}"
    return f"extra_in_audio: {_clock(mismatch.start_ms)}-{_clock(mismatch.end_ms)}: {mismatch.text}"


def summary(timeline: Timeline) -> dict[str, Any]:
    """Counts of elements and words by status, the mismatches and the guessed pronunciations (``--json``)."""
    elements = {s.value: sum(1 for e in timeline.elements if e.status is s) for s in Status}
    words = {s.value: sum(1 for e in timeline.elements for w in e.words if w.status is s) for s in Status}
    return {
        "audio": {"path": timeline.audio_path, "duration_ms": timeline.audio_duration_ms},
        "elements": elements,
        "words": words,
        "mismatches": [m.__dict__ for m in timeline.mismatches],
        "guessed_pronunciations": timeline.guessed,
    }

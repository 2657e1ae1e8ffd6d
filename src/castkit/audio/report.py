"""What an alignment tells its user: a notice per mismatch and per element not fully measured, and counts by status.

Every command that takes audio (``align``, ``subs``, ``rundown``, ``build``) shows these same
notices, so a time that was not measured within tolerance is never passed off as measured.
"""

from __future__ import annotations

from typing import Any

from castkit.notices import Notice
from castkit.timings import ElementTiming, Mismatch, Status, Timeline

_UNSURE = {
    Status.LOW: "low confidence (check the time)",
    Status.ESTIMATED: "estimated (not found in the audio; spread over the speech there)",
}


def _clock(ms: int) -> str:
    """``m:ss.mmm``: a mismatch is found to the millisecond in audio minutes long."""
    return f"{ms // 60000}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def describe(mismatch: Mismatch) -> str:
    """One line naming a mismatch and where it is."""
    if mismatch.type == "missing_in_audio":
        return f"missing_in_audio: not found in the audio (expected near {_clock(mismatch.start_ms)}): {mismatch.text!r}"
    return f"extra_in_audio: {_clock(mismatch.start_ms)}-{_clock(mismatch.end_ms)}: {mismatch.text}"


def notices(timeline: Timeline) -> list[Notice]:
    """One notice per mismatch, then one per element naming each of its words not measured, in time order.

    Words of a sentence missing from the audio are named by its ``missing_in_audio`` notice.
    """
    found = [(m.start_ms, Notice("audio", "", describe(m))) for m in timeline.mismatches]
    for element in timeline.elements:
        parts = []
        for status, what in _UNSURE.items():
            named = [f"{w.text!r} at {_clock(w.start_ms)}" for w in element.words if w.status is status]
            if named:
                parts.append(f"{what}: {', '.join(named)}")
        if parts:
            found.append((element.start_ms, Notice("audio", _where(element), "; ".join(parts))))
    return [notice for _, notice in sorted(found, key=lambda pair: pair[0])]


def _where(element: ElementTiming) -> str:
    speaker = f" {element.speaker}" if element.speaker else ""
    return f"story {element.story + 1} {element.kind}{speaker} at {_clock(element.start_ms)}"


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
        "notices": [n.to_dict() for n in notices(timeline)],
    }

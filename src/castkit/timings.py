"""Timelines: when each element and word is spoken, estimated or measured.

One shape serves the read-rate estimate (:mod:`castkit.timing`) and alignment to audio
(:mod:`castkit.audio.align`), and is written as the ``castkit.timings/1`` file that
``castkit align`` produces and ``castkit subs --timings`` reads. Element ``index`` is the
element's position in its story's ``elements`` list (instructions included); words are the
element's :func:`castkit.text.words`, in order.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from castkit.errors import BadInput
from castkit.model import to_plain

SCHEMA = "castkit.timings/1"


class Status(str, Enum):
    MEASURED = "measured"  # from the audio
    ESTIMATED = "estimated"  # from read rates, or filled in between measured neighbours
    MISSING = "missing"  # in the script, not found in the audio


@dataclass
class WordTiming:
    text: str
    start_ms: int
    end_ms: int
    status: Status = Status.ESTIMATED
    confidence: float | None = None


@dataclass
class ElementTiming:
    index: int
    kind: str
    speaker: str | None
    start_ms: int
    end_ms: int
    status: Status = Status.ESTIMATED
    words: list[WordTiming] = field(default_factory=list)
    story: int = 0


@dataclass
class Mismatch:
    type: str  # "missing_in_audio" | "extra_in_audio"
    text: str
    start_ms: int
    end_ms: int


@dataclass
class Timeline:
    elements: list[ElementTiming] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    audio_path: str | None = None
    audio_duration_ms: int | None = None
    guessed: dict[str, str] = field(default_factory=dict)  # word -> phones the aligner had to guess

    def for_story(self, story: int) -> list[ElementTiming]:
        return [e for e in self.elements if e.story == story]


def to_dict(timeline: Timeline) -> dict[str, Any]:
    """The ``castkit.timings/1`` document."""
    return {
        "schema": SCHEMA,
        "audio": {"path": timeline.audio_path, "duration_ms": timeline.audio_duration_ms},
        "elements": [to_plain(asdict(e)) for e in timeline.elements],
        "mismatches": [asdict(m) for m in timeline.mismatches],
        "guessed_pronunciations": dict(timeline.guessed),
    }


def dumps(timeline: Timeline) -> str:
    return json.dumps(to_dict(timeline), ensure_ascii=False, indent=2) + "\n"


def from_dict(data: Any, *, where: str | None = None) -> Timeline:
    from castkit.schemas import validate

    validate(data, "timings", where=where)
    audio = data.get("audio") or {}
    return Timeline(
        elements=[
            ElementTiming(
                index=e["index"],
                kind=e["kind"],
                speaker=e.get("speaker"),
                start_ms=e["start_ms"],
                end_ms=e["end_ms"],
                status=Status(e["status"]),
                words=[
                    WordTiming(w["text"], w["start_ms"], w["end_ms"], Status(w.get("status", "estimated")), w.get("confidence"))
                    for w in e.get("words", [])
                ],
                story=e.get("story", 0),
            )
            for e in data["elements"]
        ],
        mismatches=[Mismatch(m["type"], m["text"], m["start_ms"], m["end_ms"]) for m in data.get("mismatches", [])],
        audio_path=audio.get("path"),
        audio_duration_ms=audio.get("duration_ms"),
        guessed=dict(data.get("guessed_pronunciations") or {}),
    )


def loads(text: str, *, where: str | None = None) -> Timeline:
    from castkit.files import loads_json

    return from_dict(loads_json(text, where=where), where=where)

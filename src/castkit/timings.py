"""Timelines: when each element and word is spoken, estimated or measured.

One shape serves the read-rate estimate (:mod:`castkit.timing`) and alignment to audio
(:mod:`castkit.audio.align`), and is written as the ``castkit.timings/1`` file that
``castkit align`` produces and ``castkit subs --timings`` reads. Element ``index`` is the
element's position in its story's ``elements`` list (instructions included); words are the
element's :func:`castkit.text.words`, in order.
"""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from typing import Any

from castkit.errors import BadInput
from castkit.model import Bulletin, to_plain
from castkit.text import words

SCHEMA = "castkit.timings/1"


class Status(str, Enum):
    MEASURED = "measured"  # from the audio
    LOW = "low_confidence"  # from the audio, on weak acoustic evidence: check it
    ESTIMATED = "estimated"  # from read rates, or filled in between measured neighbours
    MISSING = "missing"  # in the script, not found in the audio


@dataclass(slots=True)
class WordTiming:
    """A word's time: slotted, since a long bulletin holds a million of them."""

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


def said(bulletin: Bulletin, timeline: Timeline, *, keep_missing: bool = False) -> tuple[Bulletin, Timeline]:
    """The bulletin and timeline as aired: words the audio shows were never said (``missing``) left out.

    A cut sentence gets no subtitle and no share of ACTUAL. The bulletin is a copy whose
    elements' text lacks those words; an element with no word said drops out of the timeline.
    ``keep_missing`` keeps them instead, as estimated words at the place they were expected.
    """
    if not any(w.status is Status.MISSING for e in timeline.elements for w in e.words):
        return bulletin, timeline
    if keep_missing:
        kept = [replace(e, status=Status.ESTIMATED if e.status is Status.MISSING else e.status,
                        words=[replace(w, status=Status.ESTIMATED) if w.status is Status.MISSING else w for w in e.words])
                for e in timeline.elements]
        return bulletin, replace(timeline, elements=kept)
    bulletin = copy.deepcopy(bulletin)
    elements = []
    for timing in timeline.elements:
        present = [w for w in timing.words if w.status is not Status.MISSING]
        if len(present) == len(timing.words):
            elements.append(timing)
        elif present and 0 <= timing.story < len(bulletin.stories) and 0 <= timing.index < len(bulletin.stories[timing.story].elements):
            element = bulletin.stories[timing.story].elements[timing.index]
            element.text = _without(element.text, [w.status is Status.MISSING for w in timing.words])
            elements.append(replace(timing, words=present))
    return bulletin, replace(timeline, elements=elements)


def _without(text: str, gone: list[bool]) -> str:
    """``text`` without the tokens whose words are all ``gone`` (one flag per :func:`castkit.text.words` word)."""
    tokens = text.split()
    counts = [len(words(token)) for token in tokens]
    if sum(counts) != len(gone):
        return text
    drop, at = [], 0
    for count in counts:
        drop.append(count > 0 and all(gone[at : at + count]))
        at += count
    for i in reversed(range(len(tokens))):  # punctuation on its own goes with the word after it
        if counts[i] == 0 and i + 1 < len(tokens) and drop[i + 1]:
            drop[i] = True
    return " ".join(token for token, dropped in zip(tokens, drop) if not dropped)


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

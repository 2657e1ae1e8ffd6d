"""Live-subtitle quality as Ofcom measures it: latency, speed and NER accuracy.

Subtitles made live (respoken or stenographed) appear after the words they carry are said.
The subtitle words are aligned to the programme audio with castkit's forced aligner, so each
cue's **latency** is when it appeared minus when its first word was spoken (Ofcom's target:
3 s). **Speed** is the words shown per minute of programme, with the cues shown faster than
200 words per minute listed as bursts. With the script, **accuracy** is an NER worksheet
pre-filled from the script/subtitle alignment, each difference proposed as an edition or
recognition error with a severity for a human to confirm.

Cues are aligned in groups of whole sentences (about :data:`GROUP_WORDS` words), which the
aligner handles far better than single short cues. A cue whose first word could not be
measured in the audio (estimated between neighbours, or missing) is named in a notice and
its latency left out of the statistics.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from castkit.notices import Notice
from castkit.qa.inputs import Transcript
from castkit.qa.ner import NerScore, Row
from castkit.qa.score import Result

SCHEMA = "castkit.qa-live/1"
OFCOM_LATENCY_MS = 3000
"""Ofcom's target: live subtitles within 3 seconds of the speech."""
BURST_WPM = 200
"""A cue shown faster than this many words per minute is too fast to read."""
GROUP_WORDS = 40
"""Cues are aligned in groups of at least this many words, ending at a sentence end."""
MINUTE_MS = 60_000
MEASURED = ("measured", "low_confidence")
"""Word statuses timed from the audio itself; a cue's latency counts only when its first word has one."""


@dataclass
class CueTiming:
    """One cue: when it was shown, and when its first word was spoken (None: not found)."""

    number: int
    start_ms: int
    end_ms: int
    text: str
    words: int
    spoken_ms: int | None
    status: str
    """How its first word's time was found: the aligner's word status (measured,
    low_confidence, estimated or missing)."""

    @property
    def latency_ms(self) -> int | None:
        return None if self.spoken_ms is None else self.start_ms - self.spoken_ms

    @property
    def wpm(self) -> float | None:
        """Display speed: the cue's words over the time it is on screen."""
        shown = self.end_ms - self.start_ms
        return self.words * MINUTE_MS / shown if shown > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "start_ms": self.start_ms, "end_ms": self.end_ms, "text": self.text,
                "words": self.words, "spoken_ms": self.spoken_ms, "status": self.status,
                "latency_ms": self.latency_ms, "wpm": self.wpm}


@dataclass(frozen=True)
class Minute:
    """Words shown in one minute of programme (the last minute may be shorter)."""

    index: int
    words: int
    length_ms: int

    @property
    def wpm(self) -> float:
        return self.words * MINUTE_MS / self.length_ms if self.length_ms else 0.0


@dataclass
class LiveResult:
    """Everything ``castkit qa --live`` reports; built by :func:`measure`."""

    subtitles: str
    audio: str
    duration_ms: int
    cues: list[CueTiming]
    accuracy: Result | None = None
    sheet: list[Row] = field(default_factory=list)
    ner: NerScore | None = None
    notices: list[Notice] = field(default_factory=list)

    @property
    def latencies(self) -> list[int]:
        """Latencies of the cues whose first word was measured in the audio."""
        return [c.latency_ms for c in self.cues if c.latency_ms is not None and c.status in MEASURED]

    def latency(self) -> dict[str, Any]:
        """Mean, median and 95th percentile latency, and the cues later than Ofcom's 3 s."""
        values = sorted(self.latencies)
        if not values:
            return {"cues": 0, "mean_ms": None, "median_ms": None, "p95_ms": None, "over_target": 0,
                    "target_ms": OFCOM_LATENCY_MS}
        p95 = values[0] if len(values) == 1 else statistics.quantiles(values, n=20, method="inclusive")[18]
        return {"cues": len(values), "mean_ms": round(statistics.fmean(values)), "median_ms": round(statistics.median(values)),
                "p95_ms": round(p95), "over_target": sum(v > OFCOM_LATENCY_MS for v in values),
                "target_ms": OFCOM_LATENCY_MS}

    def minutes(self) -> list[Minute]:
        """Words shown per minute of programme, counted at each cue's start."""
        end = max([self.duration_ms, *(c.end_ms for c in self.cues)])
        count = max(1, -(-end // MINUTE_MS))
        words = [0] * count
        for cue in self.cues:
            words[min(cue.start_ms // MINUTE_MS, count - 1)] += cue.words
        return [Minute(k, n, min(MINUTE_MS, end - k * MINUTE_MS)) for k, n in enumerate(words)]

    def bursts(self) -> list[CueTiming]:
        """Cues shown faster than :data:`BURST_WPM`."""
        return [c for c in self.cues if c.wpm is not None and c.wpm > BURST_WPM]

    def to_dict(self) -> dict[str, Any]:
        """The ``castkit.qa-live/1`` document (see ``schemas/qa-live.schema.json``)."""
        return {
            "schema": SCHEMA,
            "subtitles": self.subtitles, "audio": self.audio, "duration_ms": self.duration_ms,
            "latency": self.latency(),
            "speed": {"burst_wpm": BURST_WPM,
                      "minutes": [{"minute": m.index, "words": m.words, "length_ms": m.length_ms, "wpm": m.wpm}
                                  for m in self.minutes()],
                      "bursts": [c.number for c in self.bursts()]},
            "cues": [c.to_dict() for c in self.cues],
            "accuracy": None if self.accuracy is None else {
                "wer": self.accuracy.counts.wer, "counts": self.accuracy.counts.to_dict(),
                "normalization": self.accuracy.steps(),
                "ner": self.ner.to_dict() if self.ner else None,
                "sheet": [vars(r) for r in self.sheet]},
            "notices": [n.to_dict() for n in self.notices],
        }


def _groups(texts: list[str], words: list[int]) -> list[list[int]]:
    """Cue indices in groups of whole sentences of at least :data:`GROUP_WORDS` words."""
    groups: list[list[int]] = [[]]
    size = 0
    for k, text in enumerate(texts):
        groups[-1].append(k)
        size += words[k]
        if size >= GROUP_WORDS and text.rstrip().endswith((".", "?", "!", "…")):
            groups.append([])
            size = 0
    return [g for g in groups if g]


def measure(subtitles: str | Path, audio: str | Path, *, script: str | Path | None = None,
            on_progress: Callable[[float], None] | None = None) -> LiveResult:
    """Latency and speed of live ``subtitles`` against ``audio``; accuracy too with the ``script``.

    Raises :class:`castkit.errors.BadInput` for unreadable subtitles, audio or script.
    """
    from castkit.audio.align import align_bulletin
    from castkit.model import Bulletin, Element, Kind, Story
    from castkit.subtitles.read import read_subtitles
    from castkit.text import words

    fmt, cues, name = read_subtitles(subtitles)
    cues = [c for c in cues if c.kind == "dialogue" and words(c.text)]
    notices: list[Notice] = []
    reference = None
    if script is not None:
        from castkit.qa import inputs

        reference = inputs.load(script)  # read before the long alignment: bad input fails fast
        notices.extend(reference.notices)
    counts = [len(words(c.text)) for c in cues]
    groups = _groups([c.text for c in cues], counts)
    bulletin = Bulletin(stories=[Story(elements=[Element(Kind.TRACK, " ".join(cues[k].text for k in g)) for g in groups])])
    timeline = align_bulletin(bulletin, audio, on_progress=on_progress)
    spoken = [w for element in timeline.elements for w in element.words]
    timed: list[CueTiming] = []
    first = 0
    for n, (cue, count) in enumerate(zip(cues, counts), start=1):
        own = spoken[first:first + count]
        first += count
        word = own[0]
        status = word.status.value
        where = f"cue {cue.number if cue.number is not None else n}"
        if status == "missing":
            notices.append(Notice("timing", where, f"first word {word.text!r} not found in the audio: no latency"))
        elif status not in MEASURED:
            notices.append(Notice("timing", where, f"first word {word.text!r} {status}, not measured: "
                                                   "latency left out of the statistics"))
        elif status != "measured":
            notices.append(Notice("timing", where, f"first word {word.text!r} measured with low confidence: check it"))
        timed.append(CueTiming(n, cue.start_ms, cue.end_ms, cue.text, count,
                               None if status == "missing" else word.start_ms, status))
    result = LiveResult(name, str(audio), timeline.audio_duration_ms or 0, timed, notices=notices)
    if reference is not None:
        from castkit.qa.inputs import Segment, Transcript

        _accuracy(result, reference, Transcript(name, "subtitles", fmt, [Segment(c.text, speaker=c.speaker) for c in cues]))
    else:
        notices.append(Notice("qa", name, "no script given: accuracy (NER) not measured"))
    return result


def _accuracy(result: LiveResult, reference: Transcript, hypothesis: Transcript) -> None:
    """Fill in the script/subtitle comparison (broadcast preset) and the pre-filled NER worksheet."""
    from castkit.qa import ner
    from castkit.qa.normalize import Normalization
    from castkit.qa.score import compare

    result.accuracy = compare(reference, hypothesis, normalization=Normalization.named("broadcast"))
    result.sheet = ner.worksheet(result.accuracy)
    result.ner = ner.score(result.accuracy.counts.hyp_words, result.sheet)
    result.notices.append(Notice("qa", hypothesis.name, f"NER accuracy from {len(result.sheet)} proposed severities: "
                                             "a checker confirms them in the worksheet (--ner)"))

"""Machine transcripts: the JSON that speech-recognition engines write, read as a QA input.

QA teams score what an engine heard against the script, and they have the engine's own JSON,
not castkit's. Each engine is one :class:`Engine` in :data:`ENGINES`: a cheap test of the
document's shape and an extractor of the spoken text, split where the engine splits it
(segments, utterances, monologues) and labelled with the engine's speaker when it gives one.

Never silently wrong: of several alternatives the first (the engine's best) is read; of
several audio channels only the first is scored, and a notice says so. A transcript without
words is a notice too, not a failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from castkit.errors import BadInput
from castkit.notices import Notice
from castkit.qa.inputs import Segment


@dataclass(frozen=True)
class Spoken:
    """A stretch of the transcript as the engine splits it, with its speaker when it labels one."""

    text: str
    speaker: str | None = None


@dataclass
class Extracted:
    """What an extractor read: the spoken stretches, and how many audio channels the file had."""

    spoken: list[Spoken]
    channels: int = 1


@dataclass(frozen=True)
class Engine:
    """One engine's JSON: ``name`` is shown as the input's format, ``title`` in messages."""

    name: str
    title: str
    recognises: Callable[[dict[str, Any]], bool]
    extract: Callable[[dict[str, Any]], Extracted]


class AsrReading(NamedTuple):
    """A machine transcript read: the engine's name, the segments to score, and the notices."""

    engine: str
    segments: list[Segment]
    notices: list[Notice]


class _Malformed(Exception):
    """A recognised document with a field of the wrong type (its path, e.g. ``segments[2].text``)."""

    def __init__(self, path: str, expected: str) -> None:
        super().__init__(f"{path} is not {expected}")


# -- reading fields without trusting them -------------------------------------------------------


def _at(path: str, key: str) -> str:
    """The path of field ``key`` of the object at ``path`` ("" for the document itself)."""
    return f"{path}.{key}" if path else key


def _text(obj: dict[str, Any], key: str, path: str) -> str:
    """``obj[key]`` as text; missing or null is empty (engines leave out what they did not hear)."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Malformed(_at(path, key), "text")
    return value


def _dicts(obj: dict[str, Any], key: str, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of the list ``obj[key]``, each with its path; missing or null is no objects."""
    value = obj.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        raise _Malformed(_at(path, key), "a list")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _Malformed(f"{_at(path, key)}[{index}]", "an object")
        yield f"{_at(path, key)}[{index}]", item


def _first(obj: dict[str, Any], key: str, path: str) -> tuple[str, dict[str, Any]]:
    """The first object of the list ``obj[key]`` (an engine's best alternative), or an empty one."""
    return next(_dicts(obj, key, path), (f"{_at(path, key)}[0]", {}))


def _object(obj: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    """``obj[key]`` as an object; missing or null is an empty one."""
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Malformed(_at(path, key), "an object")
    return value


def _speaker(obj: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` that labels a speaker (engines use names, letters or numbers)."""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _is_list_of_objects(value: Any, key: str) -> bool:
    """Whether ``value`` is a list of objects that all have ``key`` (an empty list passes)."""
    return isinstance(value, list) and all(isinstance(item, dict) and key in item for item in value)


def _joined(tokens: Iterable[tuple[str, str, str | None]]) -> list[Spoken]:
    """Word-by-word output as text: tokens are (content, attachment, speaker), the attachment
    ``word`` for a word, else where a punctuation mark attaches (``previous``, ``next``,
    ``both`` or ``none``). A word of another speaker starts a new stretch."""
    stretches: list[Spoken] = []
    parts: list[str] = []
    speaker: str | None = None
    glued = False
    for content, attaches, who in tokens:
        if attaches == "word" and who is not None and who != speaker:
            if parts:
                stretches.append(Spoken("".join(parts), speaker))
                parts = []
            speaker = who
        joined = not parts or glued or attaches in ("previous", "both")
        parts.append(content if joined else " " + content)
        glued = attaches in ("next", "both")
    if parts:
        stretches.append(Spoken("".join(parts), speaker))
    return stretches


# -- the engines --------------------------------------------------------------------------------


def _whisper(data: dict[str, Any]) -> Extracted:
    """OpenAI Whisper, faster-whisper, WhisperX: segments (WhisperX's with a speaker), else the text."""
    segments = [Spoken(_text(s, "text", path), _speaker(s, "speaker")) for path, s in _dicts(data, "segments", "")]
    return Extracted(segments or [Spoken(_text(data, "text", ""))])


def _whisper_cpp(data: dict[str, Any]) -> Extracted:
    """whisper.cpp ``-oj``: one entry per segment (``speaker`` with ``-di``)."""
    return Extracted([Spoken(_text(s, "text", path), _speaker(s, "speaker"))
                      for path, s in _dicts(data, "transcription", "")])


def _aws_transcribe(data: dict[str, Any]) -> Extracted:
    """AWS Transcribe: the transcript; with speaker labels, the words grouped by speaker. A label
    sits on each item, or (older files) on the items of ``speaker_labels.segments`` by start time."""
    results = _object(data, "results", "")
    labels = {item["start_time"]: _speaker(item, "speaker_label")
              for path, segment in _dicts(_object(results, "speaker_labels", "results"), "segments",
                                          "results.speaker_labels")
              for _, item in _dicts(segment, "items", path) if isinstance(item.get("start_time"), str)}
    tokens = []
    for path, item in _dicts(results, "items", "results"):
        _, best = _first(item, "alternatives", path)
        if item.get("type") == "punctuation":
            tokens.append((_text(best, "content", path), "previous", None))
        else:
            start = item.get("start_time")
            tokens.append((_text(best, "content", path), "word",
                           _speaker(item, "speaker_label") or (labels.get(start) if isinstance(start, str) else None)))
    if any(who is not None for _, _, who in tokens):
        return Extracted(_joined(tokens))
    path, first = _first(results, "transcripts", "results")
    return Extracted([Spoken(_text(first, "transcript", path))])


def _google(data: dict[str, Any]) -> Extracted:
    """Google Cloud Speech-to-Text: the best alternative of each result, of the first channel.
    A result without a transcript (diarization's closing list of all words) adds nothing."""
    results = list(_dicts(data, "results", ""))
    channels = list(dict.fromkeys(r.get("channelTag") for _, r in results))
    spoken = []
    for path, result in results:
        if result.get("channelTag") == channels[0]:
            best_path, best = _first(result, "alternatives", path)
            spoken.append(Spoken(_text(best, "transcript", best_path)))
    return Extracted(spoken, len(channels))


def _deepgram(data: dict[str, Any]) -> Extracted:
    """Deepgram: utterances (``utterances=true``), else paragraphs, else the transcript, of the
    first channel's best alternative."""
    results = _object(data, "results", "")
    channels = list(_dicts(results, "channels", "results"))
    utterances = [Spoken(_text(u, "transcript", path), _speaker(u, "speaker"))
                  for path, u in _dicts(results, "utterances", "results") if u.get("channel", 0) == 0]
    if utterances or not channels:
        return Extracted(utterances, max(len(channels), 1))
    path, best = _first(channels[0][1], "alternatives", channels[0][0])
    paragraphs = [Spoken(" ".join(_text(s, "text", sp) for sp, s in _dicts(p, "sentences", pp)), _speaker(p, "speaker"))
                  for pp, p in _dicts(_object(best, "paragraphs", path), "paragraphs", _at(path, "paragraphs"))]
    return Extracted(paragraphs or [Spoken(_text(best, "transcript", path))], len(channels))


def _assemblyai(data: dict[str, Any]) -> Extracted:
    """AssemblyAI: utterances with their speaker (``speaker_labels``), else the text."""
    utterances = [Spoken(_text(u, "text", path), _speaker(u, "speaker")) for path, u in _dicts(data, "utterances", "")]
    return Extracted(utterances or [Spoken(_text(data, "text", ""))])


def _rev_ai(data: dict[str, Any]) -> Extracted:
    """Rev.ai: each monologue's text and punctuation values joined in order (punctuation carries
    the spaces); other elements (``unknown``) are not words. The speaker is the name a human
    transcript gives (``speaker_info.display_name``), else the speaker number."""
    return Extracted([
        Spoken("".join(_text(e, "value", ep) for ep, e in _dicts(m, "elements", path) if e.get("type") in ("text", "punct")),
               _speaker(_object(m, "speaker_info", path), "display_name") or _speaker(m, "speaker"))
        for path, m in _dicts(data, "monologues", "")
    ])


def _azure_speech(data: dict[str, Any]) -> Extracted:
    """Azure Speech batch transcription: the display text of the first channel's combined phrases."""
    combined = list(_dicts(data, "combinedRecognizedPhrases", ""))
    if not combined:
        return Extracted([])
    path, first = combined[0]
    return Extracted([Spoken(_text(first, "display", path))], len(combined))


def _speechmatics(data: dict[str, Any]) -> Extracted:
    """Speechmatics json-v2: words (and entities, in their written form) joined with spaces,
    punctuation attached as ``attaches_to`` says (``previous`` by default), grouped by speaker,
    of the first channel."""
    results = list(_dicts(data, "results", ""))
    channels = list(dict.fromkeys(r.get("channel") for _, r in results))
    tokens = []
    for path, result in results:
        if result.get("channel") != channels[0]:
            continue
        _, best = _first(result, "alternatives", path)
        if result.get("type") == "punctuation":
            attaches = result.get("attaches_to") if result.get("attaches_to") in ("next", "both", "none") else "previous"
            tokens.append((_text(best, "content", path), attaches, None))
        else:
            tokens.append((_text(best, "content", path), "word", _speaker(best, "speaker")))
    return Extracted(_joined(tokens), max(len(channels), 1))


ENGINES: tuple[Engine, ...] = (
    Engine("whisper", "Whisper", lambda d: _is_list_of_objects(d.get("segments"), "text"), _whisper),
    Engine("whisper.cpp", "whisper.cpp", lambda d: _is_list_of_objects(d.get("transcription"), "text"), _whisper_cpp),
    Engine("aws-transcribe", "AWS Transcribe",
           lambda d: isinstance(d.get("results"), dict) and isinstance(d["results"].get("transcripts"), list),
           _aws_transcribe),
    Engine("google-speech", "Google Speech-to-Text",
           lambda d: "format" not in d and _is_list_of_objects(d.get("results"), "alternatives")
           and not any("type" in r for r in d["results"]),
           _google),
    Engine("deepgram", "Deepgram",
           lambda d: isinstance(d.get("results"), dict) and isinstance(d["results"].get("channels"), list), _deepgram),
    Engine("assemblyai", "AssemblyAI", lambda d: "id" in d and "text" in d and isinstance(d.get("words"), list), _assemblyai),
    Engine("rev-ai", "Rev.ai", lambda d: _is_list_of_objects(d.get("monologues"), "elements"), _rev_ai),
    Engine("azure-speech", "Azure Speech", lambda d: isinstance(d.get("combinedRecognizedPhrases"), list), _azure_speech),
    Engine("speechmatics", "Speechmatics",
           lambda d: isinstance(d.get("format"), str) and _is_list_of_objects(d.get("results"), "type"), _speechmatics),
)
"""Every engine castkit reads, in the order messages name them; their shapes do not overlap."""

_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, alone: JSON can spell it (``\\ud800``) but no output can be written with it."""

READABLE = ", ".join(engine.title for engine in ENGINES)
"""The engines castkit reads, for messages that say what it can read."""


def loads(text: str, name: str) -> Any:
    """A JSON document as Python data. Unlike castkit's own documents, ``NaN`` and ``Infinity``
    are accepted: Python engines write them into scores castkit does not read."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}", where=name) from None
    except RecursionError:
        raise BadInput("JSON nested too deeply to read", where=name) from None


def engine_of(data: Any) -> Engine | None:
    """The engine whose JSON ``data`` is, or None."""
    if not isinstance(data, dict):
        return None
    return next((engine for engine in ENGINES if engine.recognises(data)), None)


def read_asr(text: str, name: str) -> AsrReading | None:
    """The machine transcript in ``text`` (JSON), or None when it is no engine's JSON castkit reads.

    Each stretch the engine gives becomes a :class:`Segment` numbered from 1 as its
    ``utterance``, with the engine's ``speaker`` label when there is one.
    """
    data = loads(text, name)
    engine = engine_of(data)
    if engine is None:
        return None
    try:
        extracted = engine.extract(data)
    except _Malformed as exc:
        raise BadInput(f"{engine.title} JSON: {exc}", where=name) from None
    spoken = [s for s in extracted.spoken if s.text.strip()]
    segments = [Segment(s.text.strip(), speaker=s.speaker, utterance=str(number))
                for number, s in enumerate(spoken, 1)]
    if any(_SURROGATE.search(s.text) for s in segments):
        raise BadInput("the transcript holds a lone surrogate (\\ud800-\\udfff), which is not text", where=name)
    notices = []
    if extracted.channels > 1:
        notices.append(Notice("qa", name, f"{extracted.channels} audio channels: only the first channel's "
                                          "transcript is scored"))
    if not segments:
        notices.append(Notice("qa", name, "the machine transcript holds no words"))
    return AsrReading(engine.name, segments, notices)

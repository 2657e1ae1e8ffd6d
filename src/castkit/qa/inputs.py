"""Loading what QA compares: a script, a subtitle file, plain text, a trn transcript or the
JSON a speech-recognition engine wrote (a machine transcript).

The kind is taken from ``--ref-format``/``--hyp-format`` when given, else from the extension,
else from the content. A script keeps its element and speaker labels so errors can be
broken down by them; a trn file keeps its utterance ids; subtitle files give their cue text
only (markup removed); a machine transcript keeps the engine's segments and speakers; plain
text is one piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from castkit.errors import BadInput, UnsupportedFormat
from castkit.notices import Notice

KINDS = ("script", "subtitles", "text", "trn", "asr")
MAX_BYTES = 8 * 1024 * 1024
"""QA inputs larger than this (a transcript of about 1.4 million words, over a hundred hours
of speech) are refused: an alignment of more keeps several objects per word and would not fit
in memory."""
_SUBTITLE_EXTENSIONS = {".srt", ".ass", ".ssa", ".vtt", ".ttml", ".dfxp", ".scc"}


@dataclass(frozen=True)
class Segment:
    """A stretch of transcript with what it belongs to (any of these may be unknown)."""

    text: str
    story: int | None = None
    element: int | None = None
    kind: str | None = None
    speaker: str | None = None
    utterance: str | None = None


@dataclass
class Transcript:
    """A loaded QA input: its name, its kind, a detail (style or format) and its segments."""

    name: str
    kind: str
    detail: str
    segments: list[Segment]
    notices: list[Notice] = field(default_factory=list)
    """What reading the input guessed (a script's encoding, speakers, style fallback)."""

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments)


def load(path: str | Path, kind: str | None = None) -> Transcript:
    """Read a QA input (file or ``-``) as ``kind``, or as the kind it is detected to be."""
    from castkit.files import read_text

    if kind is not None and kind not in KINDS:
        raise UnsupportedFormat(f"unknown input format {kind!r}; choose one of {', '.join(KINDS)}")
    source = read_text(path, limit=MAX_BYTES)
    return from_text(source.text, name=source.name, kind=kind or detect(source.text, source.name))


def detect(text: str, name: str = "<text>") -> str:
    """The kind of an input, from its extension and then its content."""
    from castkit.qa.trn import looks_like_trn

    suffix = Path(name).suffix.lower()
    if suffix in _SUBTITLE_EXTENSIONS:
        return "subtitles"
    if suffix == ".trn" or looks_like_trn(text):
        return "trn"
    if suffix == ".json" or text.lstrip().startswith("{"):
        json_kind = _json_kind(text, name)
        if json_kind is not None:
            return json_kind
    if _is_subtitles(text):
        return "subtitles"
    from castkit.ingest.detect import FALLBACK, detect as detect_style

    return "text" if detect_style(text) == FALLBACK else "script"


def _json_kind(text: str, name: str) -> str | None:
    """``script`` for castkit's segment JSON, ``asr`` for an engine's; any other JSON is refused,
    as no other kind is JSON. Text that only starts like JSON (None) is left to the other kinds."""
    from castkit.qa import asr_json

    try:
        data = asr_json.loads(text, name)
    except BadInput:
        if Path(name).suffix.lower() == ".json":
            return "script"  # the segment JSON reader says where the JSON is broken, as before
        return None
    if isinstance(data, dict) and "schema" in data:
        return "script"
    if asr_json.engine_of(data) is not None:
        return "asr"
    raise BadInput(f"JSON that is neither castkit segment JSON nor a machine transcript castkit reads "
                   f"({asr_json.READABLE})", where=name)


_SRT_TIMING = re.compile(r"^[ \t]*\d+:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->[ \t]*\d+:\d{2}:\d{2}[,.]\d{1,3}", re.M)
"""A timing line: spaces and tabs only around it (``\\s`` would run over every following blank
line from every line start, minutes on a file of 100,000 blank lines)."""


def _is_subtitles(text: str) -> bool:
    """A subtitle file by content: markup that is not TTML (a web page) does not count, and
    text is SRT only with an SRT timing line (a transcript may start with a bare number)."""
    from castkit.subtitles.read import sniff_format

    try:
        fmt = sniff_format(text)
    except BadInput:
        return False
    if fmt == "srt":
        return bool(_SRT_TIMING.search(text))
    return fmt != "ttml" or "<tt" in text[:4000]


def from_text(text: str, *, name: str, kind: str) -> Transcript:
    """Build the transcript of ``text`` read as ``kind``."""
    if kind == "trn":
        from castkit.qa.trn import parse_trn

        segments = [Segment(u.text, utterance=u.id) for u in parse_trn(text, name=name)]
        return Transcript(name, "trn", "trn", segments)
    if kind == "subtitles":
        from castkit.subtitles.read import parse_cues, sniff_format

        fmt = sniff_format(text, name=name)
        segments = [Segment(c.text, story=c.story, element=c.element, speaker=c.speaker)
                    for c in parse_cues(text, format=fmt, name=name)]
        return Transcript(name, "subtitles", fmt, segments)
    if kind == "script":
        from castkit.ingest.detect import parse_text

        parsed = parse_text(text, name=name)
        segments = [
            Segment(element.text, story=s, element=e, kind=element.kind.value, speaker=element.speaker.label)
            for s, story in enumerate(parsed.bulletin.stories)
            for e, element in enumerate(story.elements)
            if element.spoken
        ]
        return Transcript(name, "script", parsed.style, segments, parsed.notices)
    if kind == "asr":
        from castkit.qa.asr_json import READABLE, read_asr

        reading = read_asr(text, name)
        if reading is None:
            raise BadInput(f"not a machine transcript castkit reads ({READABLE})", where=name)
        return Transcript(name, "asr", reading.engine, reading.segments, reading.notices)
    return Transcript(name, "text", "text", [Segment(text)])

"""Load any subtitle file into cues: SRT, ASS/SSA, WebVTT, TTML/DFXP/EBU-TT-D and SCC.

Public API::

    read_cues(path, *, format=None) -> list[Cue]    # a file, or "-" for stdin
    parse_cues(text, *, format=None, name="<text>") -> list[Cue]
    sniff_format(text) -> str                       # "srt" | "ass" | "vtt" | "ttml" | "scc"

Each cue has ``start_ms``/``end_ms`` (integer ms), ``lines`` (plain text: tags, override
blocks and entities removed, one item per displayed line) and ``speaker`` when the file names
one (ASS ``Name`` field, WebVTT ``<v Name>``, TTML ``ttm:agent``). Cues come back in file
order, unsorted, so a checker can see cues out of order.

The format is sniffed from the content (not the extension). A file that is truncated or
malformed raises :class:`castkit.errors.BadInput` naming the file and, where the format
allows, the line; a file with no cues at all is also refused. SRT is parsed strictly (the
``srt`` library), WebVTT by the cue syntax of the spec, ASS by pysubs2, TTML and SCC by
pycaption (TTML is first checked for well-formed XML without entity expansion).
"""

from __future__ import annotations

import html
import logging
import re
import warnings
from pathlib import Path

from castkit.errors import BadInput, UnsupportedFormat
from castkit.subtitles.cue import Cue

FORMATS = ("srt", "ass", "vtt", "ttml", "scc")

_TAG = re.compile(r"<[^>]*>")
_ASS_OVERRIDE = re.compile(r"\{[^}]*\}")
_SRT_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # ASS tags some SRT files carry, e.g. {\an8}
_SRT_SWALLOWED = re.compile(r"\n[ \t]*\n(?:[ \t]*\d+[ \t]*\n)?(?P<timing>[^\n]*-->[^\n]*)")  # a cue srt read as text
_VTT_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t]+.*)?$")
_VTT_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")
_TTML_NS = "http://www.w3.org/ns/ttml"
_TTM_NS = "http://www.w3.org/ns/ttml#metadata"


def read_cues(path: str | Path, *, format: str | None = None) -> list[Cue]:
    """Read a subtitle file (or ``-`` for stdin) into cues; see the module docstring."""
    from castkit.files import read_text

    source = read_text(path)
    return parse_cues(source.text, format=format, name=source.name)


def parse_cues(text: str, *, format: str | None = None, name: str = "<text>") -> list[Cue]:
    """Parse subtitle text into cues; ``format`` overrides sniffing."""
    fmt = format or sniff_format(text, name=name)
    if fmt not in _READERS:
        raise UnsupportedFormat(f"cannot read subtitle format {fmt!r}; choose one of {', '.join(FORMATS)}", where=name)
    cues = _READERS[fmt](text.lstrip("\ufeff"), name)
    if not cues:
        raise BadInput(f"no cues found in this {fmt.upper()} file", where=name)
    return cues


def sniff_format(text: str, *, name: str = "<text>") -> str:
    """The subtitle format a text is in, from its first meaningful line."""
    head = text.lstrip("\ufeff \t\r\n")
    first = head.split("\n", 1)[0].strip()
    if first.startswith("WEBVTT"):
        return "vtt"
    if first.lower() in ("[script info]", "[v4+ styles]", "[v4 styles]", "[events]"):
        return "ass"
    if first.startswith("Scenarist_SCC"):
        return "scc"
    if head.startswith("<"):
        return "ttml"
    if re.match(r"^\d+\s*$", first) or "-->" in head[:500]:
        return "srt"
    raise BadInput("not a subtitle file castkit can read (SRT, ASS, WebVTT, TTML or SCC)", where=name)


def _clean(line: str) -> str:
    """Displayed text of one line: tags and entities resolved, outer spaces trimmed."""
    return html.unescape(_TAG.sub("", line)).strip()


def _lines(block: str) -> list[str]:
    return [c for c in (_clean(line) for line in block.splitlines()) if c]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _read_srt(text: str, name: str) -> list[Cue]:
    import srt

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line = _line_of(text, exc.expected_start)
        raise BadInput(f"line {line}: malformed SRT cue: {exc.unmatched_content.strip()[:40]!r}", where=name) from None
    except (ValueError, TypeError) as exc:
        raise BadInput(f"malformed SRT timestamp: {exc}", where=name) from None
    for sub in subs:
        swallowed = _SRT_SWALLOWED.search(sub.content)
        if swallowed:
            line = _line_of(text, text.find(swallowed["timing"]))
            raise BadInput(f"line {line}: malformed SRT timing {swallowed['timing'].strip()!r}", where=name)
    return [
        Cue(_ms(s.start.total_seconds()), _ms(s.end.total_seconds()), _lines(_SRT_OVERRIDE.sub("", s.content)))
        for s in subs
    ]


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _vtt_ms(h: str | None, m: str, s: str, frac: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac)


def _read_vtt(text: str, name: str) -> list[Cue]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise BadInput("line 1: a WebVTT file must start with WEBVTT", where=name)
    cues: list[Cue] = []
    i = 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((k for k, line in enumerate(block[:2]) if "-->" in line), None)
        if timing_at is None:
            raise BadInput(f"line {start + 1}: WebVTT block without a cue timing line", where=name)
        match = _VTT_TIMING.match(block[timing_at].strip())
        if not match:
            raise BadInput(f"line {start + timing_at + 1}: malformed WebVTT timing {block[timing_at].strip()!r}", where=name)
        body = "\n".join(block[timing_at + 1 :])
        voice = _VTT_VOICE.search(body)
        cues.append(
            Cue(
                _vtt_ms(*match.group(1, 2, 3, 4)),
                _vtt_ms(*match.group(5, 6, 7, 8)),
                _lines(body),
                speaker=html.unescape(voice.group(1).strip()) if voice else None,
            )
        )
    return cues


def _read_ass(text: str, name: str) -> list[Cue]:
    import pysubs2

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # unreadable margins or layers fall back to defaults
            subs = pysubs2.SSAFile.from_string(text, format_="ass")
    except (ValueError, IndexError, pysubs2.exceptions.Pysubs2Error) as exc:  # IndexError: an empty colour field
        raise BadInput(f"malformed ASS/SSA file: {exc}", where=name) from None
    return [Cue(e.start, e.end, _ass_lines(e.text), speaker=e.name or None) for e in subs if not e.is_comment]


def _ass_lines(text: str) -> list[str]:
    """Displayed lines of ASS event text: overrides dropped, libass escapes (``\\{``, ``\\}``) kept as text."""
    text = text.replace("\\{", "\0").replace("\\}", "\1")
    text = _ASS_OVERRIDE.sub("", text).replace("\\h", " ").replace("\\n", "\n").replace("\\N", "\n")
    text = text.replace("\0", "{").replace("\1", "}").replace("\\\u2060", "\\")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _read_ttml(text: str, name: str) -> list[Cue]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise BadInput(f"line {exc.lineno}: malformed XML: {exc.msg}", where=name) from None
    if etree.QName(root).localname != "tt":
        raise BadInput("not a TTML document (the root element is not <tt>)", where=name)
    agents = {
        a.get("{http://www.w3.org/XML/1998/namespace}id"): (a.findtext(f"{{{_TTM_NS}}}name") or "").strip()
        for a in root.iter(f"{{{_TTM_NS}}}agent")
    }
    speakers = [agents.get(p.get(f"{{{_TTM_NS}}}agent")) or None for p in root.iter(f"{{{_TTML_NS}}}p")]
    cues = _read_pycaption(text, name, "DFXPReader")
    if len(speakers) == len(cues):
        for cue, speaker in zip(cues, speakers):
            cue.speaker = speaker
    return cues


def _read_scc(text: str, name: str) -> list[Cue]:
    return _read_pycaption(text, name, "SCCReader")


def _read_pycaption(text: str, name: str, reader: str) -> list[Cue]:
    import pycaption
    from bs4 import XMLParsedAsHTMLWarning

    logging.getLogger("pycaption").setLevel(logging.ERROR)  # not its notices on stderr (mojibake it repaired)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            captions = getattr(pycaption, reader)().read(text)
    except pycaption.exceptions.CaptionReadNoCaptions:
        return []
    except (pycaption.exceptions.CaptionReadError, ValueError, KeyError, IndexError) as exc:
        kind = "SCC" if reader == "SCCReader" else "TTML"
        raise BadInput(f"malformed {kind} file: {exc}", where=name) from None
    cues = []
    for lang in captions.get_languages():
        for caption in captions.get_captions(lang):
            lines = [line.strip() for line in caption.get_text().splitlines() if line.strip()]
            cues.append(Cue(round(caption.start / 1000), round(caption.end / 1000), lines))
    return cues


_READERS = {"srt": _read_srt, "vtt": _read_vtt, "ass": _read_ass, "ttml": _read_ttml, "scc": _read_scc}

r"""Load any subtitle file into cues: SRT, ASS/SSA, WebVTT, TTML/DFXP/EBU-TT-D and SCC.

Public API::

    read_cues(path, *, format=None) -> list[Cue]    # a file, or "-" for stdin
    parse_cues(text, *, format=None, name="<text>") -> list[Cue]
    sniff_format(text) -> str                       # "srt" | "ass" | "vtt" | "ttml" | "scc"
    subtitle_format(text) -> str | None             # only when the first lines leave no doubt

Each cue has ``start_ms``/``end_ms`` (integer ms), ``lines`` (plain text: tags, override
blocks and entities removed, one item per displayed line), ``number`` as the file writes it
(SRT and numeric WebVTT identifiers; the position for formats without numbers) and
``speaker`` when the file names one (ASS ``Name`` field, WebVTT ``<v Name>``, TTML
``ttm:agent``). The colour and position survive where the file carries them: SRT ``<font
color>`` and ``{\an8}``, WebVTT colour classes and ``line:`` settings, ASS styles and
``\an`` overrides, TTML span styles and regions (``raised`` for a cue at the top). Cues come
back in file order, unsorted, so a checker can see cues out of order.

Real-world files read as players read them: WebVTT header lines (YouTube's ``Kind:`` and
``Language:``), ``NOTE``, ``STYLE`` and ``REGION`` blocks and cue settings; SRT with a byte
order mark, no final blank line or numbering from 0. ASS karaoke (``\k``) and effect or
positioned sign lines come back with their ``kind``, so lint can leave them alone; comment
lines only with ``comments=True`` (for a conversion to keep them), as no viewer sees them.
EBU STL (binary) is read by :mod:`castkit.subtitles.formats.stl`.

The format is sniffed from the content (not the extension). A file that is truncated or
malformed raises :class:`castkit.errors.BadInput` naming the file and, where the format
allows, the line; a file with no cues at all is also refused. SRT is parsed strictly (the
``srt`` library), WebVTT by the cue syntax of the spec, ASS by pysubs2, TTML by its timing
rules (:mod:`castkit.subtitles.ttml_timing`, XML parsed without entity expansion) and SCC by
pycaption.
"""

from __future__ import annotations

import html
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from castkit.collector import paused
from castkit.errors import BadInput, UnsupportedFormat
from castkit.subtitles import ttml_timing
from castkit.subtitles.cue import Cue

FORMATS = ("srt", "ass", "vtt", "ttml", "scc", "stl")
MAX_TIME_MS = 10_000 * 3_600_000
"""Cue times past 10,000 hours (over a year) are refused: no programme runs that long, and
such a time is a corrupt or hostile file."""

# Patterns over cue text exclude their own opening character inside (``[^<>]``, ``[^{}]``), so a
# line of a million ``<`` or ``{`` is scanned once, not once per character.
_TAG = re.compile(r"<[^<>]*>")
_ASS_OVERRIDE = re.compile(r"\{[^{}]*\}")
_SRT_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # ASS tags some SRT files carry, e.g. {\an8}
_SRT_SWALLOWED = re.compile(r"\n[ \t]*\n(?:[ \t]*\d+[ \t]*\n)?(?P<timing>[^\n]*-->[^\n]*)")  # a cue srt read as text
_VTT_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t]+.*)?$")
_VTT_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^<>]+)>")
_VTT_CLASS = re.compile(r"<c((?:\.[\w-]+)+)>")
_VTT_LINE = re.compile(r"(?:^|\s)line:(-?\d+(?:\.\d+)?)(%?)")
_FONT_COLOUR = re.compile(r"""<font[^<>]*?\bcolou?r\s*=\s*["']?#?([0-9A-Fa-f]{6})\b""")
_RAISED_AN = re.compile(r"\{[^{}\\]*(?:\\(?!an[789])[^{}\\]*)*\\an[789][^{}]*\}")
_KARAOKE = re.compile(r"\\[kK][fo]?\d")
_SIGN = re.compile(r"\\(?:pos|move)\(")
VTT_COLOURS = {"white": "#FFFFFF", "yellow": "#FFFF00", "cyan": "#00FFFF", "lime": "#00FF00", "green": "#00FF00",
               "red": "#FF0000", "magenta": "#FF00FF", "blue": "#0000FF", "black": "#000000"}
"""WebVTT's built-in colour classes."""
_TTML_NS = "http://www.w3.org/ns/ttml"
_TTM_NS = "http://www.w3.org/ns/ttml#metadata"
_TTS_NS = "http://www.w3.org/ns/ttml#styling"


def read_cues(path: str | Path, *, format: str | None = None, comments: bool = False) -> list[Cue]:
    """Read a subtitle file (or ``-`` for stdin) into cues; see the module docstring."""
    return read_subtitles(path, format=format, comments=comments)[1]


def read_subtitles(path: str | Path, *, format: str | None = None, comments: bool = False) -> tuple[str, list[Cue], str]:
    """``(format, cues, name)`` of a subtitle file of any readable format, binary EBU STL included."""
    from castkit.files import decode, read_bytes
    from castkit.subtitles.formats import stl

    data = read_bytes(path)
    name = "<stdin>" if str(path) == "-" else str(path)
    if format == "stl" or (format is None and stl.sniff(data)):
        return "stl", _nonempty(stl.read(data, name), "stl", name), name
    text = decode(data, name).text
    del data  # not two copies of a 64 MB file while it is parsed
    fmt = format or sniff_format(text, name=name)
    return fmt, parse_cues(text, format=fmt, name=name, comments=comments), name


@paused  # a 64 MB file is 600,000 cues: no collector walking them over and over
def parse_cues(text: str, *, format: str | None = None, name: str = "<text>", comments: bool = False) -> list[Cue]:
    """Parse subtitle text into cues; ``format`` overrides sniffing; ``comments`` keeps ASS comment lines."""
    fmt = format or sniff_format(text, name=name)
    if fmt not in _READERS:
        raise UnsupportedFormat(f"cannot read subtitle format {fmt!r}; choose one of {', '.join(FORMATS)}", where=name)
    cues = _READERS[fmt](text.lstrip("\ufeff"), name)
    if not comments:
        cues = [c for c in cues if c.kind != "comment"]
    return _nonempty(cues, fmt, name)


def _nonempty(cues: list[Cue], fmt: str, name: str) -> list[Cue]:
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


_SRT_HEAD = re.compile(r"^\s*\d+[ \t]*\r?\n[ \t]*\d+:\d{2}:\d{2}[,.]\d{1,3}[ \t]+-->[ \t]+\d+:\d{2}:\d{2}[,.]\d{1,3}")


def subtitle_format(text: str) -> str | None:
    """The subtitle format ``text`` is unmistakably in (its first lines say so), else None.

    Stricter than :func:`sniff_format`, which is asked only of files meant to be subtitles:
    this one tells a subtitle file given where a script is expected.
    """
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    first = head.split("\n", 1)[0].strip()
    if first.startswith("WEBVTT"):
        return "vtt"
    if first.lower() == "[script info]":
        return "ass"
    if first.startswith("Scenarist_SCC"):
        return "scc"
    if _SRT_HEAD.match(head):
        return "srt"
    if re.match(r"^(?:<\?xml[^>]*>\s*)?<tt[\s>]", head) and _TTML_NS in head:
        return "ttml"
    return None


def _clean(line: str) -> str:
    """Displayed text of one line: tags and entities resolved, outer spaces trimmed."""
    if "<" in line:
        line = _TAG.sub("", line)
    return html.unescape(line).strip() if "&" in line else line.strip()


def _lines(block: str) -> list[str]:
    return [c for c in (_clean(line) for line in block.splitlines()) if c]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _read_srt(text: str, name: str) -> list[Cue]:
    """SRT cues by the ``srt`` library's grammar and its strictness (every byte belongs to a
    cue), read straight into cues: ``srt.parse`` builds a ``Subtitle`` and two ``timedelta``
    per cue, which took most of the time of a 64 MB file."""
    import srt

    cues: list[Cue] = []
    expected = 0
    for match in srt.SRT_REGEX.finditer(text):
        if match.start() != expected:
            _srt_gap(text, expected, match.start(), name)
        index, start, end, _proprietary, content = match.groups()
        content = content.replace("\r\n", "\n")
        swallowed = _SRT_SWALLOWED.search(content) if "-->" in content else None
        if swallowed:
            line = _line_of(text, text.find(swallowed["timing"], match.start()))
            raise BadInput(f"line {line}: malformed SRT timing {swallowed['timing'].strip()!r}", where=name)
        cues.append(Cue(
            _srt_ms(start, text, match.start(), name),
            _srt_ms(end, text, match.start(), name),
            _lines(_SRT_OVERRIDE.sub("", content) if "{" in content else content),
            colour=_hex_colour(_FONT_COLOUR.search(content)) if "<" in content else None,
            raised=bool(_RAISED_AN.search(content)) if "{" in content else False,
            number=_srt_number(index, text, match.start(), name),
        ))
        expected = match.end()
    if expected != len(text):
        _srt_gap(text, expected, len(text), name)
    return cues


def _srt_gap(text: str, expected: int, found: int, name: str) -> None:
    """Refuse text between two SRT cues (leading blank space or a byte order mark excepted)."""
    unmatched = text[expected:found]
    if expected == 0 and (unmatched.isspace() or unmatched == "\ufeff"):
        return
    raise BadInput(f"line {_line_of(text, expected)}: malformed SRT cue: {unmatched.strip()[:40]!r}", where=name)


def _is_number(text: str) -> bool:
    """Whether ``text`` is a cue number: ASCII digits, short enough for an integer a file can mean."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def _srt_number(index: str | None, text: str, at: int, name: str) -> int | None:
    """An SRT cue's number as written (``12.0`` as the ``srt`` library reads it, 12)."""
    if index is None:
        return None
    number = index.split(".")[0]
    if not _is_number(number.removeprefix("-")):
        raise BadInput(f"line {_line_of(text, at)}: SRT cue number {number[:20]!r} is too long", where=name)
    return int(number)


def _srt_ms(stamp: str, text: str, at: int, name: str) -> int:
    """An SRT timestamp in ms, read as the ``srt`` library reads it (``1:2:3,4`` is 1 h 2 min 3 s 4 ms)."""
    import srt

    if len(stamp) <= 30:  # longer is past any time castkit takes, and too long to turn into a number quickly
        h, m, s, ms = srt.TS_REGEX.match(stamp).groups()
        value = ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(ms or 0)
        if value <= MAX_TIME_MS:
            return value
    raise BadInput(f"line {_line_of(text, at)}: SRT time {stamp[:40]!r} is past {MAX_TIME_MS // 3_600_000} hours", where=name)


def _hex_colour(match: re.Match | None) -> str | None:
    return f"#{match.group(1).upper()}" if match else None


def _vtt_ms(h: str | None, m: str, s: str, frac: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac)


def _read_vtt(text: str, name: str) -> list[Cue]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise BadInput("line 1: a WebVTT file must start with WEBVTT", where=name)
    cues: list[Cue] = []
    i = 1
    while i < len(lines) and lines[i].strip():  # header lines after WEBVTT (YouTube: Kind:, Language:)
        i += 1
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
        classes = _VTT_CLASS.search(body)
        colour = next((VTT_COLOURS[c] for c in classes.group(1).split(".") if c in VTT_COLOURS), None) if classes else None
        line = _VTT_LINE.search(block[timing_at][match.end(8) :])
        identifier = block[0].strip() if timing_at else ""
        long_hours = any(len((match.group(k) or "").lstrip("0")) > 12 for k in (1, 5))
        start_ms, end_ms = (0, 0) if long_hours else (_vtt_ms(*match.group(1, 2, 3, 4)), _vtt_ms(*match.group(5, 6, 7, 8)))
        if long_hours or max(start_ms, end_ms) > MAX_TIME_MS:
            raise BadInput(f"line {start + timing_at + 1}: WebVTT time past {MAX_TIME_MS // 3_600_000} hours", where=name)
        cues.append(
            Cue(
                start_ms,
                end_ms,
                _lines(body),
                speaker=html.unescape(voice.group(1).strip()) if voice else None,
                colour=colour,
                raised=bool(line) and 0 <= float(line.group(1)) < (50 if line.group(2) else 6),
                number=int(identifier) if _is_number(identifier) else len(cues) + 1,
            )
        )
    return cues


@contextmanager
def _root_logger_kept() -> Iterator[None]:
    """pysubs2 logs with ``logging.debug()``, which gives the root logger a stderr handler in a program
    that set none up: every library's warnings would then print on stderr beside castkit's one-line
    notices. What it adds is taken away again."""
    before = list(logging.root.handlers)
    try:
        yield
    finally:
        for handler in [handler for handler in logging.root.handlers if handler not in before]:
            logging.root.removeHandler(handler)


def _read_ass(text: str, name: str) -> list[Cue]:
    import pysubs2

    try:
        with warnings.catch_warnings(), _root_logger_kept():
            warnings.simplefilter("ignore", RuntimeWarning)  # unreadable margins or layers fall back to defaults
            subs = pysubs2.SSAFile.from_string(text, format_="ass")
    except (ValueError, IndexError, pysubs2.exceptions.Pysubs2Error) as exc:  # IndexError: an empty colour field
        raise BadInput(f"malformed ASS/SSA file: {exc}", where=name) from None
    cues = []
    for n, event in enumerate(subs, start=1):
        style = subs.styles.get(event.style)
        colour = style.primarycolor if style else None
        cues.append(
            Cue(
                event.start,
                event.end,
                _ass_lines(event.text),
                speaker=event.name or None,
                colour=f"#{colour.r:02X}{colour.g:02X}{colour.b:02X}" if colour else None,
                raised=bool(_RAISED_AN.search(event.text)) or (style is not None and int(style.alignment) >= 7),
                number=n,
                kind=_ass_kind(event),
            )
        )
    return cues


def _ass_kind(event) -> str:  # event: pysubs2.SSAEvent
    """``comment``, ``karaoke`` (``\\k`` syllable timing), ``sign`` (an Effect, ``\\pos`` or ``\\move``) or ``dialogue``."""
    if event.is_comment:
        return "comment"
    if _KARAOKE.search(event.text):
        return "karaoke"
    if event.effect.strip() or _SIGN.search(event.text):
        return "sign"
    return "dialogue"


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
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    colours = {st.get(xml_id): st.get(f"{{{_TTS_NS}}}color") for st in root.iter(f"{{{_TTML_NS}}}style")}
    top = {r.get(xml_id) for r in root.iter(f"{{{_TTML_NS}}}region") if _region_is_top(r)}
    cues = []
    try:
        for p, begin, end in ttml_timing.paragraphs(root):
            if max(begin, end) > MAX_TIME_MS:
                raise BadInput(f"line {p.sourceline}: TTML time past {MAX_TIME_MS // 3_600_000} hours")
            shown = ttml_timing.lines(p)
            if not shown:
                continue
            styles = [p.get("style")] + [e.get("style") for e in p.iter(f"{{{_TTML_NS}}}span")]
            colour = next((colours[x] for x in styles if colours.get(x)), None)
            cues.append(Cue(begin, end, shown, speaker=agents.get(p.get(f"{{{_TTM_NS}}}agent")) or None,
                            colour=colour.upper() if colour and re.fullmatch(r"#[0-9A-Fa-f]{6}", colour) else None,
                            raised=p.get("region") in top, number=len(cues) + 1))
    except BadInput as exc:
        raise BadInput(str(exc), where=name) from None
    return cues


def _region_is_top(region) -> bool:  # region: an lxml element
    """A region in the upper half of the frame, where a raised cue goes."""
    origin = (region.get(f"{{{_TTS_NS}}}origin") or "").split()
    if len(origin) == 2 and origin[1].endswith("%"):
        try:
            return float(origin[1][:-1]) < 50
        except ValueError:
            return False
    return region.get(f"{{{_TTS_NS}}}displayAlign") == "before"


def _read_scc(text: str, name: str) -> list[Cue]:
    _check_scc_lines(text, name)
    return _read_scc_captions(text, name)


_SCC_LINE = re.compile(r"\d{2}:\d{2}:\d{2}[:;](\d{2})[ \t]+[0-9A-Fa-f]{4}(?:[ \t]+[0-9A-Fa-f]{4})*[ \t]*")


def _check_scc_lines(text: str, name: str) -> None:
    """Refuse, naming the line, what pycaption would skip or fail on without saying where:
    a line after the header that is not a timecode and 4-hex-digit words, or a frame past 29."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number == 1 or not line.strip():
            continue
        match = _SCC_LINE.fullmatch(line.strip())
        if not match:
            raise BadInput(f"not SCC: line {number} is not a timecode and 4-hex-digit words: {line.strip()[:40]!r}", where=name)
        if int(match.group(1)) >= 30:
            raise BadInput(f"line {number}: frame {match.group(1)} in an SCC timecode (frames run 0-29)", where=name)


def _summary(exc: Exception) -> str:
    """A library's error message on one short line: its first line and its first detail.

    pycaption lists every offending caption on a line of its own ("Lines longer than 32:" and
    one line each); one is enough to find the fault, and the count says how many there are.
    """
    message = str(exc.args[0]) if exc.args else str(exc)  # pycaption's str() wraps it in its class name
    lines = [line.strip() for line in message.splitlines() if line.strip()] or [type(exc).__name__]
    details = [line for line in lines[1:] if not line.endswith(":")]
    summary = lines[0].rstrip(".:")
    if details:
        summary += f": {details[0]}" + (f" (and {len(details) - 1} more)" if len(details) > 1 else "")
    return summary if len(summary) <= 160 else summary[:159] + "…"


def _read_scc_captions(text: str, name: str) -> list[Cue]:
    import pycaption
    from bs4 import XMLParsedAsHTMLWarning

    logging.getLogger("pycaption").setLevel(logging.ERROR)  # not its notices on stderr (mojibake it repaired)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            captions = pycaption.SCCReader().read(text)
    except pycaption.exceptions.CaptionReadNoCaptions:
        return []
    except (pycaption.exceptions.CaptionReadError, ValueError, KeyError, IndexError) as exc:
        raise BadInput(f"malformed SCC file: {_summary(exc)}", where=name) from None
    cues = []
    for lang in captions.get_languages():
        for caption in captions.get_captions(lang):
            lines = [line.strip() for line in caption.get_text().splitlines() if line.strip()]
            cues.append(Cue(round(caption.start / 1000), round(caption.end / 1000), lines, number=len(cues) + 1))
    return cues


_READERS = {"srt": _read_srt, "vtt": _read_vtt, "ass": _read_ass, "ttml": _read_ttml, "scc": _read_scc}

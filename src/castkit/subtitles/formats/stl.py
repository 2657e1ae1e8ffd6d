"""EBU STL (EBU Tech 3264): the binary subtitle file European playout and teletext inserters take.

A 1024-byte General Subtitle Information (GSI) block, then one 128-byte Text and Timing
Information (TTI) block per subtitle (extension blocks when the text needs more than 112
bytes). castkit writes Level-1 teletext (``DSC 1``, the default) or open subtitles (``DSC
0``), 25 fps (``STL25.01``) or 30 fps (``STL30.01``, for 29.97 and 30 fps profiles), the Latin
code table (ISO 6937, accents as prefix bytes), double-height rows in a box, the speaker's
colour as a teletext alpha colour and raised cues near the top of the screen. Time codes in
TTI blocks are the programme's time code (TCP) plus the cue's time; TCF is the first cue's.
The GSI block carries the title, language, dates and counts; a script's title fills the
programme title.

Characters the code table has no byte for are written as ``?`` and named by
:func:`notices`, as are rows wider than teletext's 40 cells; en and em dashes become hyphens.

No Python library writes STL (ttconv and pycaption read it at best), hence this module.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass

from castkit.errors import BadInput
from castkit.notices import Notice
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles

NAME = "stl"
LATEST_MS = 86_399_000
"""23:59:59: EBU STL timecodes hold hours 0-23 (a later time would wrap to the next day's)."""
EXTENSIONS = (".stl",)
BINARY = True

GSI_SIZE = 1024
TTI_SIZE = 128
TEXT_SIZE = 112
ROW_CELLS = 40
DOUBLE_HEIGHT, NORMAL_HEIGHT, START_BOX, END_BOX, NEWLINE, FILLER = 0x0D, 0x0C, 0x0B, 0x0A, 0x8A, 0x8F
TELETEXT_COLOURS = {
    0: "#000000", 1: "#FF0000", 2: "#00FF00", 3: "#FFFF00", 4: "#0000FF", 5: "#FF00FF", 6: "#00FFFF", 7: "#FFFFFF",
}
"""Teletext alpha colour codes and the colours they show."""
LANGUAGES = {"en": "09", "fr": "0F", "de": "08", "es": "0A", "it": "15", "nl": "1D", "pt": "21", "sv": "28", "da": "07",
             "no": "1E", "fi": "27", "pl": "20", "cs": "06", "hu": "17", "ro": "22", "tr": "2C", "ko": "00"}
"""ISO 639-1 ▸ the GSI language code of EBU Tech 3264 Appendix 2 (``00`` unknown)."""

# ISO 6937 (code table 00): non-spacing diacritics as prefix bytes, and the characters of the upper half.
_DIACRITICS = {"\u0300": 0xC1, "\u0301": 0xC2, "\u0302": 0xC3, "\u0303": 0xC4, "\u0304": 0xC5, "\u0306": 0xC6,
               "\u0307": 0xC7, "\u0308": 0xC8, "\u030a": 0xCA, "\u0327": 0xCB, "\u030b": 0xCD, "\u0328": 0xCE, "\u030c": 0xCF}
_SPECIAL = {"¡": 0xA1, "¢": 0xA2, "£": 0xA3, "¥": 0xA5, "§": 0xA7, "¤": 0xA8, "‘": 0xA9, "“": 0xAA, "«": 0xAB,
            "°": 0xB0, "±": 0xB1, "²": 0xB2, "³": 0xB3, "×": 0xB4, "µ": 0xB5, "¶": 0xB6, "·": 0xB7, "÷": 0xB8, "’": 0xB9,
            "”": 0xBA, "»": 0xBB, "¼": 0xBC, "½": 0xBD, "¾": 0xBE, "¿": 0xBF, "―": 0xD0, "¹": 0xD1, "®": 0xD2, "©": 0xD3,
            "™": 0xD4, "♪": 0xD5, "Ω": 0xE0, "Æ": 0xE1, "Đ": 0xE2, "ª": 0xE3, "Ħ": 0xE4, "Ĳ": 0xE6, "Ŀ": 0xE7, "Ł": 0xE8,
            "Ø": 0xE9, "Œ": 0xEA, "º": 0xEB, "Þ": 0xEC, "Ŧ": 0xED, "Ŋ": 0xEE, "ŉ": 0xEF, "ĸ": 0xF0, "æ": 0xF1, "đ": 0xF2,
            "ð": 0xF3, "ħ": 0xF4, "ı": 0xF5, "ĳ": 0xF6, "ŀ": 0xF7, "ł": 0xF8, "ø": 0xF9, "œ": 0xFA, "ß": 0xFB, "þ": 0xFC,
            "ŧ": 0xFD, "ŋ": 0xFE, "\u00a0": 0xA0, "–": 0x2D, "—": 0x2D}
_FROM_BYTE = {v: k for k, v in _SPECIAL.items() if k not in "–—"}
_FROM_DIACRITIC = {v: k for k, v in _DIACRITICS.items()}
_FRAME_RATES = {b"STL25.01": 25, b"STL30.01": 30}


@dataclass(frozen=True)
class Header:
    """What the GSI block says about the programme (the values castkit fills in)."""

    title: str = ""
    episode: str = ""
    language: str = "en"
    start_ms: int = 0
    teletext: bool = True


def sniff(data: bytes) -> bool:
    """True for an EBU STL file: its disk format code at bytes 3-10."""
    return len(data) >= GSI_SIZE and data[3:11] in _FRAME_RATES


# ---------------------------------------------------------------- writing


def fps_for(subs: Subtitles) -> int:
    """25 for 25 fps profiles (and 23.976/24, which STL cannot carry), 30 for 29.97 and 30."""
    return 30 if subs.profile.frame_rate > 26 else 25


def encode(text: str) -> tuple[bytes, str]:
    """``text`` in code table 00 (ISO 6937), and the characters it could not carry."""
    out, missing = bytearray(), ""
    for char in text:
        if 0x20 <= ord(char) < 0x7F:
            out.append(ord(char))
        elif char in _SPECIAL:
            out.append(_SPECIAL[char])
        else:
            base, *marks = unicodedata.normalize("NFD", char)
            if len(marks) == 1 and marks[0] in _DIACRITICS and 0x20 < ord(base) < 0x7F:
                out += bytes((_DIACRITICS[marks[0]], ord(base)))
            else:
                out.append(ord("?"))
                missing += char
    return bytes(out), missing


def _teletext_colour(hex_rgb: str | None) -> int:
    """The nearest of the eight teletext colours (white when the cue has none)."""
    if not hex_rgb:
        return 7
    r, g, b = (int(hex_rgb[k : k + 2], 16) for k in (1, 3, 5))
    return min(TELETEXT_COLOURS, key=lambda c: sum((x - y) ** 2 for x, y in zip((r, g, b), _rgb(TELETEXT_COLOURS[c]))))


def _rgb(hex_rgb: str) -> tuple[int, int, int]:
    return int(hex_rgb[1:3], 16), int(hex_rgb[3:5], 16), int(hex_rgb[5:7], 16)


def _row_codes(cue: Cue, teletext: bool) -> bytes:
    """The control codes that open each row: double height, the colour (white is the default), a box."""
    colour = _teletext_colour(cue.colour)
    return bytes([DOUBLE_HEIGHT] + ([colour] if colour != 7 else []) + ([START_BOX, START_BOX] if teletext else []))


def _text_field(cue: Cue, teletext: bool) -> bytes:
    codes = _row_codes(cue, teletext)
    rows = []
    for line in cue.lines:
        rows.append(codes + encode(line)[0])
    newline = bytes([NEWLINE, NEWLINE]) if teletext else bytes([NEWLINE])
    return newline.join(rows)


def _timecode(ms: int, fps: int) -> bytes:
    frames = round(ms * fps / 1000)
    seconds, frame = divmod(frames, fps)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return bytes((hours % 24, minute, second, frame))


def _tc_text(ms: int, fps: int) -> bytes:
    return "".join(f"{b:02d}" for b in _timecode(ms, fps)).encode("ascii")


def _field(text: str, size: int) -> bytes:
    return encode(text)[0][:size].ljust(size, b" ")


def _vertical_position(cue: Cue, teletext: bool) -> int:
    rows = 2 * len(cue.lines) if teletext else len(cue.lines)
    return 2 if cue.raised else max(1, 23 - rows)


def document(subs: Subtitles, header: Header | None = None) -> bytes:
    """The STL file for ``subs``: GSI block, then TTI blocks in cue order."""
    header = header or Header(language=subs.profile.language)
    fps = fps_for(subs)
    blocks = []
    for number, cue in enumerate(subs.cues, start=1):
        text = _text_field(cue, header.teletext)
        chunks = [text[k : k + TEXT_SIZE] for k in range(0, len(text), TEXT_SIZE)] or [b""]
        for extension, chunk in enumerate(chunks):
            last = extension == len(chunks) - 1
            blocks.append(
                bytes((0,)) + number.to_bytes(2, "little") + bytes((0xFF if last else extension, 0))
                + _timecode(header.start_ms + cue.start_ms, fps) + _timecode(header.start_ms + cue.end_ms, fps)
                + bytes((_vertical_position(cue, header.teletext), 2, 1 if cue.kind == "comment" else 0))
                + chunk.ljust(TEXT_SIZE, bytes((FILLER,)))
            )
    today = _dt.date.today().strftime("%y%m%d").encode("ascii")
    widest = max((len(line) for cue in subs.cues for line in cue.lines), default=0)
    first = header.start_ms + (subs.cues[0].start_ms if subs.cues else 0)
    gsi = b"".join(
        (
            b"850",
            b"STL30.01" if fps == 30 else b"STL25.01",
            b"1" if header.teletext else b"0",
            b"00",
            LANGUAGES.get(header.language.split("-")[0].lower(), "00").encode("ascii"),
            _field(header.title, 32),
            _field(header.episode, 32),
            _field("", 32) * 2,
            _field("", 32) * 2,
            _field("", 16),
            today,
            today,
            b"00",
            f"{len(blocks):05d}".encode("ascii"),
            f"{len(subs.cues):05d}".encode("ascii"),
            b"001",
            f"{min(99, max(widest, 1)):02d}".encode("ascii"),
            b"23" if header.teletext else b"11",
            b"1",
            _tc_text(header.start_ms, fps),
            _tc_text(first, fps),
            b"1",
            b"1",
            b"   ",
            _field("", 32) * 3,
        )
    )
    gsi = gsi.ljust(GSI_SIZE, b" ")
    return gsi + b"".join(blocks)


def render(subs: Subtitles) -> bytes:
    """``subs`` as a Level-1 teletext STL file (the bytes to write), titled from the script."""
    return document(subs, Header(title=subs.title, language=subs.profile.language))


def notices(subs: Subtitles, header: Header | None = None) -> list[Notice]:
    """What the STL file cannot carry: characters outside the code table, rows wider than 40 cells."""
    teletext = (header or Header()).teletext
    found = []
    for n, cue in enumerate(subs.cues, start=1):
        missing = "".join(dict.fromkeys("".join(encode(line)[1] for line in cue.lines)))
        if missing:
            found.append(Notice("stl", f"cue {n}", f"EBU STL's Latin code table has no {missing!r}: written as '?'"))
        cells = max((len(line) for line in cue.lines), default=0) + len(_row_codes(cue, teletext))
        if teletext and cells > ROW_CELLS:
            found.append(Notice("stl", f"cue {n}", f"a row needs {cells} teletext cells, more than the {ROW_CELLS} a screen has"))
    return found


# ---------------------------------------------------------------- reading


def read(data: bytes, name: str = "<stl>") -> list[Cue]:
    """Cues of an STL file: TTI blocks joined across extension blocks, comments marked ``comment``."""
    if not sniff(data):
        raise BadInput("not an EBU STL file (no STL25.01/STL30.01 disk format code)", where=name)
    if (len(data) - GSI_SIZE) % TTI_SIZE:
        raise BadInput(f"truncated EBU STL file: {len(data) - GSI_SIZE} bytes after the GSI block, not a whole number of 128-byte TTI blocks", where=name)
    fps = _FRAME_RATES[data[3:11]]
    teletext = data[11:12] in (b"1", b"2")
    start = _tc_field(data[256:264], fps, name)
    cues: list[Cue] = []
    text = b""
    for at in range(GSI_SIZE, len(data), TTI_SIZE):
        block = data[at : at + TTI_SIZE]
        extension = block[3]
        if extension == 0xFE:  # user data, not text
            continue
        text += block[16:].rstrip(bytes((FILLER,)))
        if extension != 0xFF:
            continue
        number = int.from_bytes(block[1:3], "little")
        cue_in, cue_out = _tc_bytes(block[5:9], fps), _tc_bytes(block[9:13], fps)
        lines, colour = _decode_text(text)
        text = b""
        cues.append(
            Cue(
                cue_in - start,
                cue_out - start,
                lines,
                colour=colour,
                raised=block[13] < (12 if teletext else 6),
                number=number,
                kind="comment" if block[15] == 1 else "dialogue",
            )
        )
    return cues


def _tc_bytes(tc: bytes, fps: int) -> int:
    hours, minutes, seconds, frames = tc
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + round(frames * 1000 / fps)


def _tc_field(text: bytes, fps: int, name: str) -> int:
    digits = text.decode("ascii", "replace")
    if not digits.isdigit():
        return 0  # no programme start time code: times count from zero
    return _tc_bytes(bytes(int(digits[k : k + 2]) for k in range(0, 8, 2)), fps)


def _decode_text(field: bytes) -> tuple[list[str], str | None]:
    """Rows of a text field (ISO 6937, teletext control codes as spaces) and its first colour."""
    rows, row, colour = [], "", None
    accent = None
    for byte in field:
        if byte == NEWLINE:
            rows.append(row)
            row = ""
        elif byte < 0x20:
            if byte < 8 and colour is None:
                colour = TELETEXT_COLOURS[byte]
            row += " "
        elif 0x80 <= byte < 0xA0:  # italics, underline, boxing on/off and unused space
            continue
        elif byte in _FROM_DIACRITIC:
            accent = _FROM_DIACRITIC[byte]
        else:
            char = chr(byte) if byte < 0x80 else _FROM_BYTE.get(byte, "?")
            row += unicodedata.normalize("NFC", char + accent) if accent else char
            accent = None
    rows.append(row)
    lines = [" ".join(r.split()) for r in rows]
    return [line for line in lines if line], colour

"""Scenarist SCC: CEA-608 pop-on captions on channel 1, encoded by castkit at 29.97 fps.

The character sets are CEA-608's (47 CFR §79.101, formerly §15.119): the basic set (ASCII
with ``á é í ó ú ç ÷ Ñ ñ █`` in place of ``* \\ ^ _ ` { | } ~``), the special set (``® ° ½
¿ ™ ¢ £ ♪ à è â ê î ô û``) and the two extended sets (Spanish/French/miscellaneous and
Portuguese/German/Danish). An extended character erases the character before it, so the
standard asks for a basic fallback character first (``u`` before ``ü``): decoders that know
the extended set replace it, older ones show the fallback. Text 608 cannot carry (Hangul,
CJK, most symbols) is refused: :func:`unsupported` names it and :func:`render` raises
:class:`castkit.errors.BadInput` rather than write letters no decoder can show.

A caption is loaded into the hidden memory (RCL, ENM, a preamble address per row, the
text) one code word a frame, then shown by End Of Caption (EOC) and cleared by Erase
Displayed Memory (EDM); control codes are sent twice, as every 608 stream does. A caption
can only be loaded after the previous one is shown, so its EOC can come later than the cue
asks: :func:`decoded` is the timing decoders show, and :func:`lead_ms` tells the cue
builder how long loading takes. Rows are centred with a preamble indent and tab offsets;
raised cues (a name super on screen) sit on rows 2–5, others end on row 15. A new speaker's
first caption opens with ``>>``, as 608 captioning marks a change of speaker: the cue builder
puts it in (:func:`adapt` sets the profile's ``speaker_mark``), so its line breaks and
reading speed count it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import islice

from castkit.errors import BadInput
from castkit.subtitles.breaking import break_lines
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles
from castkit.subtitles.profiles import Profile

NAME = "scc"
LATEST_MS = 86_399_000
"""23:59:59: a SMPTE timecode's hours run 00-23."""
EXTENSIONS = (".scc",)
COLUMNS = 32
ROWS = 4
FRAME_MS = Fraction(1001, 30)
"""One 608 frame at 29.97 fps: the time one code word takes to send."""
CARRIERS = "srt, vtt, ass, ttml or ebu-tt-d"
"""The formats that carry any Unicode text, named when SCC refuses some."""

_BASIC_SWAPS = {"á": 0x2A, "é": 0x5C, "í": 0x5E, "ó": 0x5F, "ú": 0x60, "ç": 0x7B, "÷": 0x7C, "Ñ": 0x7D, "ñ": 0x7E, "█": 0x7F}
BASIC: dict[str, int] = {chr(b): b for b in range(0x20, 0x7F) if b not in (0x2A, 0x5C, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E)}
BASIC.update(_BASIC_SWAPS)
"""The basic set: one byte per character."""

SPECIAL: dict[str, int] = dict(zip("®°½¿™¢£♪à\u00a0èâêîôû", range(0x30, 0x40)))
"""The special set (``0x11 0x30``–``0x3F``; 0x39 is the transparent space): no fallback needed."""

_EXTENDED_ROWS = (
    (0x12, "ÁÉÓÚÜü‘¡*'—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»", "AEOUUu'!*'-cs.\"\"AACEEEeIIiOUuU\"\""),
    (0x13, "ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤¦ÅåØø┌┐└┘", "AaIIiOoOo()/'-!-AaOos$$!AaOo++++"),
)
EXTENDED: dict[str, tuple[int, int, str]] = {
    char: (first, 0x20 + k, fallback) for first, chars, fallbacks in _EXTENDED_ROWS for k, (char, fallback) in enumerate(zip(chars, fallbacks))
}
"""The extended sets: character ▸ (first byte, second byte, the basic character sent before it)."""
EXTENDED["*"] = (0x12, 0x28, ".")  # "*" is not a basic character, so its fallback cannot be itself

EQUIVALENTS = {"’": "'", "…": "...", "–": "-", "\u2011": "-", "\u2009": " ", "\u202f": " ", "\u00a0": " "}
"""Typographic characters sent as their basic equivalents (decoders show 0x27 as an apostrophe)."""

_CARRIED = frozenset(BASIC) | frozenset(SPECIAL) | frozenset(EXTENDED) | frozenset(EQUIVALENTS) | {"\n"}
"""Every character 608 carries, itself or as its basic equivalent."""

RCL, ENM, EOC, EDM = 0x1420, 0x142E, 0x142F, 0x142C
_PAC_ROWS = {1: 0x1140, 2: 0x1160, 3: 0x1240, 4: 0x1260, 5: 0x1540, 6: 0x1560, 7: 0x1640, 8: 0x1660,
             9: 0x1740, 10: 0x1760, 11: 0x1040, 12: 0x1340, 13: 0x1360, 14: 0x1440, 15: 0x1460}
TOP_ROW = 2
BOTTOM_ROW = 15


def adapt(profile: Profile) -> Profile:
    """``profile`` narrowed to what 608 shows (rows of 32 columns, at most 4, 29.97 fps), with
    ``>>`` opening each new speaker's first caption."""
    return replace(
        profile,
        max_chars=min(profile.max_chars, COLUMNS),
        max_lines=min(profile.max_lines, ROWS),
        fps="29.97df" if profile.drop_frame else "29.97",
        speaker_mark=">>",
    )


def _plain(text: str) -> str:
    return "".join(EQUIVALENTS.get(c, c) for c in text)


def unsupported(text: str) -> list[str]:
    """The characters of ``text`` that CEA-608 cannot carry, in order of first appearance
    (line breaks aside: captions have rows)."""
    if _CARRIED.issuperset(text):
        return []
    bad: dict[str, None] = {}
    for char in _plain(text):
        if char not in BASIC and char not in SPECIAL and char not in EXTENDED and char != "\n":
            bad[char] = None
    return list(bad)


def refusal(text: str) -> str | None:
    """The one line that says why ``text`` cannot be SCC, or ``None`` when 608 carries it all."""
    bad = unsupported(text)
    if not bad:
        return None
    shown = " ".join(bad[:5]) + (" …" if len(bad) > 5 else "")
    where = next((line for line in text.splitlines() if unsupported(line)), text)  # a line separator may be the culprit
    return f"SCC (CEA-608) cannot carry {shown} (in {where[:30]!r}); write {CARRIERS} instead"


def rows(cue: Cue) -> list[str]:
    """The cue in 608 rows: its own lines when they fit, else castkit's breaks at 32 columns."""
    lines = [_plain(line) for line in cue.lines]
    if len(lines) <= ROWS and all(len(line) <= COLUMNS for line in lines):
        return lines
    text = " ".join(lines)
    return break_lines(text, COLUMNS, ROWS) or [text[k : k + COLUMNS] for k in range(0, len(text), COLUMNS)][:ROWS]


def _parity(byte: int) -> int:
    return byte | 0x80 if bin(byte).count("1") % 2 == 0 else byte


_HEX = [f"{_parity(byte):02x}" for byte in range(0x80)]
"""Each 7-bit byte as sent: odd parity, two hex digits (a caption file holds hundreds of thousands)."""


def _word(code: int) -> str:
    return _HEX[code >> 8] + _HEX[code & 0xFF]


class _Words:
    """Code words as sent: text packed two characters a word, control codes twice."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self._pending: int | None = None

    def control(self, code: int) -> None:
        self.flush()
        self.words += [_word(code)] * 2

    def char(self, char: str) -> None:
        if char in BASIC:
            self._byte(BASIC[char])
        elif char in SPECIAL:
            self.control(0x1100 | SPECIAL[char])
        else:
            first, second, fallback = EXTENDED[char]
            self._byte(BASIC[fallback])
            self.control(first << 8 | second)

    def _byte(self, byte: int) -> None:
        if self._pending is None:
            self._pending = byte
        else:
            self.words.append(_HEX[self._pending] + _HEX[byte])
            self._pending = None

    def flush(self) -> None:
        """Send a pending character, padded with a null (before a control code, at the end)."""
        if self._pending is not None:
            self.words.append(_HEX[self._pending] + "80")
            self._pending = None


def _load(lines: list[str], raised: bool) -> list[str]:
    """The code words that load one caption into hidden memory, each row centred."""
    out = _Words()
    out.control(RCL)
    out.control(ENM)
    first_row = TOP_ROW if raised else BOTTOM_ROW - len(lines) + 1
    for k, line in enumerate(lines):
        column = (COLUMNS - len(line)) // 2
        out.control(_PAC_ROWS[first_row + k] | 0x10 | (column // 4) << 1)
        if column % 4:
            out.control(0x1720 | column % 4)  # tab offset 1–3 columns
        for char in line:
            out.char(char)
    out.flush()
    return out.words


@dataclass
class _Caption:
    cue: Cue
    lines: list[str]
    show: int  # frame of the first EOC
    clear: int  # frame of the first EDM, or of the next caption's EOC when that replaces it


def _frame(ms: int) -> int:
    """The frame nearest ``ms`` (halves up): floor(ms / FRAME_MS + 1/2), in integers."""
    return (ms * 60 + 1001) // 2002


def _schedule(cues: list[Cue]) -> tuple[list[_Caption], dict[int, str]]:
    """Every caption on the frame grid, and the code word sent on each frame.

    A caption is loaded in the free frames just before its EOC, after the previous
    caption's EOC; its EOC is at the cue's start, or later when loading needs more time.
    Its EDM is at the cue's end unless the next caption is due by then (its EOC replaces it).
    """
    sent: dict[int, str] = {}
    captions: list[_Caption] = []
    free_from = 0
    for cue in cues:
        lines = rows(cue)
        due = _frame(cue.start_ms)
        if captions:
            previous = captions[-1]
            if previous.clear + 1 < due:
                sent[previous.clear] = sent[previous.clear + 1] = _word(EDM)
        load = _load(lines, cue.raised)
        show = max(due, free_from)
        free = sum(1 for f in range(free_from, show) if f not in sent)
        while free < len(load):  # later until enough frames before the EOC are free to load it
            free += show not in sent
            show += 1
        slots = list(islice((f for f in range(show - 1, free_from - 1, -1) if f not in sent), len(load)))
        for frame, word in zip(reversed(slots), load):
            sent[frame] = word
        sent[show] = sent[show + 1] = _word(EOC)
        if captions and captions[-1].clear + 1 >= due:
            captions[-1].clear = show
        captions.append(_Caption(cue, lines, show, max(_frame(cue.end_ms), show + 2)))
        free_from = show + 2
    if captions:
        sent[captions[-1].clear] = sent[captions[-1].clear + 1] = _word(EDM)
    return captions, sent


def decoded(subs: Subtitles) -> list[Cue]:
    """The cues as a 608 decoder shows the file :func:`render` writes: times on the frames of
    the EOC that shows each caption and of the EDM (or next EOC) that removes it, rows as sent."""
    return [
        replace(c.cue, start_ms=round(c.show * FRAME_MS), end_ms=round(c.clear * FRAME_MS), lines=c.lines)
        for c in _schedule(subs.cues)[0]
    ]


def lead_ms(cue: Cue) -> int:
    """How long after the previous caption shows this one can show: the previous EOC, an EDM
    to clear it, then this caption's load (text 608 cannot carry is refused here, before any
    file is written)."""
    problem = refusal(cue.text)
    if problem:
        raise BadInput(problem)
    return math.ceil((4 + len(_load(rows(cue), cue.raised))) * FRAME_MS)


def timecode(frame: int, drop_frame: bool) -> str:
    """SMPTE timecode of a 29.97 fps frame count: ``HH:MM:SS:FF``, or ``HH:MM:SS;FF`` drop-frame."""
    if drop_frame:  # frames 0 and 1 of every minute are skipped, except every tenth minute
        tens, rest = divmod(frame, 17982)
        frame += 18 * tens + (2 * ((rest - 2) // 1798) if rest >= 2 else 0)
    seconds, ff = divmod(frame, 30)
    minutes, ss = divmod(seconds, 60)
    hh, mm = divmod(minutes, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}{';' if drop_frame else ':'}{ff:02d}"


def render(subs: Subtitles) -> str:
    problem = refusal("\n".join(cue.text for cue in subs.cues))
    if problem:
        raise BadInput(problem)
    sent = _schedule(subs.cues)[1]
    lines: list[tuple[int, list[str]]] = []
    for frame in sorted(sent):
        if lines and lines[-1][0] + len(lines[-1][1]) == frame:
            lines[-1][1].append(sent[frame])
        else:
            lines.append((frame, [sent[frame]]))
    body = "\n\n".join(f"{timecode(frame, subs.profile.drop_frame)}\t{' '.join(words)}" for frame, words in lines)
    return f"Scenarist_SCC V1.0\n\n{body}\n"

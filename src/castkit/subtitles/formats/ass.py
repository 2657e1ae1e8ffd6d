"""Advanced SubStation Alpha for burn-in and preview, written with pysubs2.

One style per voice (anchor white, correspondent yellow, soundbites cyan, green, magenta) on an
opaque black box (BorderStyle 3), 1920×1080 PlayRes, ``WrapStyle: 2`` so the renderer keeps
castkit's ``\\N`` breaks. A raised cue (name super on screen) is drawn top centre (``\\an8``).
Copy that looks like markup stays text (:func:`escape`): braces become their full-width forms,
since no ASS reader (libass, ffmpeg, pysubs2) agrees on an escape for them, and a backslash is
followed by a word joiner (U+2060) so it never starts a tag or a ``\\N`` break; like SRT and
WebVTT text (:func:`formats.text_lines`), no line is blank or reads as a timing line when a
player converts the file. The speaker in
the Name field (:func:`field`) is one line without commas, which would shift the columns.
"""

from __future__ import annotations

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats import plain, text_lines
from castkit.subtitles.speakers import CYAN, GREEN, MAGENTA, WHITE, YELLOW

NAME = "ass"
LATEST_MS = 35_999_990
"""9:59:59.99: ASS writes one digit of hours (pysubs2 would clamp a later time there)."""
EXTENSIONS = (".ass",)

STYLES = {WHITE: "Anchor", YELLOW: "Correspondent", CYAN: "Soundbite", GREEN: "Soundbite2", MAGENTA: "Soundbite3"}
WORD_JOINER = "\u2060"
_BRACES = str.maketrans({"{": "\uff5b", "}": "\uff5d"})


def escape(line: str) -> str:
    """``line`` as ASS event text that every reader shows as written, never as an override or a break."""
    return plain(line).replace("\\", "\\" + WORD_JOINER).translate(_BRACES)


def field(value: str) -> str:
    """``value`` for a comma-separated field of a ``Dialogue:`` line before Text (Name): one line,
    and a low single quote, which looks like a comma, for each comma."""
    return " ".join(plain(value).split()).replace(",", "\u201a")


def _colour(hex_rgb: str):
    import pysubs2

    return pysubs2.Color(int(hex_rgb[1:3], 16), int(hex_rgb[3:5], 16), int(hex_rgb[5:7], 16), 0)


def render(subs: Subtitles) -> str:
    import pysubs2

    doc = pysubs2.SSAFile()
    doc.info.update({"PlayResX": "1920", "PlayResY": "1080", "WrapStyle": "2", "ScaledBorderAndShadow": "yes"})
    black = pysubs2.Color(0, 0, 0, 0)
    palette = STYLES if subs.profile.colours else {WHITE: "Anchor"}
    doc.styles = {
        name: pysubs2.SSAStyle(
            fontname="DejaVu Sans",
            fontsize=54,
            primarycolor=_colour(colour),
            outlinecolor=black,
            backcolor=black,
            borderstyle=3,
            outline=6,
            shadow=0,
            alignment=pysubs2.Alignment.BOTTOM_CENTER,
            marginv=60,
        )
        for colour, name in palette.items()
    }
    for cue in subs.cues:
        style = palette.get(cue.colour or "", "Anchor")
        text = "\\N".join(escape(line) for line in text_lines(cue.lines))
        if cue.raised:
            text = "{\\an8}" + text
        kind = "Comment" if cue.kind == "comment" else "Dialogue"  # a comment read from a file stays one
        doc.events.append(pysubs2.SSAEvent(start=cue.start_ms, end=cue.end_ms, text=text, style=style, name=field(cue.speaker or ""), type=kind))
    return doc.to_string("ass")

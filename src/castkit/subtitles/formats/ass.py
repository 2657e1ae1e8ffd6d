"""Advanced SubStation Alpha for burn-in and preview, written with pysubs2.

One style per voice (anchor white, correspondent yellow, soundbites cyan, green, magenta) on an
opaque black box (BorderStyle 3), 1920×1080 PlayRes, ``WrapStyle: 2`` so the renderer keeps
castkit's ``\\N`` breaks. A raised cue (name super on screen) is drawn top centre (``\\an8``).
Copy that looks like markup stays text: ``{`` and ``}`` are escaped as libass reads them and
a backslash is followed by a word joiner (U+2060) so it never starts a tag.
"""

from __future__ import annotations

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.speakers import CYAN, GREEN, MAGENTA, WHITE, YELLOW

NAME = "ass"
EXTENSIONS = (".ass",)

STYLES = {WHITE: "Anchor", YELLOW: "Correspondent", CYAN: "Soundbite", GREEN: "Soundbite2", MAGENTA: "Soundbite3"}
WORD_JOINER = "\u2060"


def escape(line: str) -> str:
    """``line`` as ASS event text that libass shows as written, never as an override or a break."""
    return line.replace("\\", "\\" + WORD_JOINER).replace("{", "\\{").replace("}", "\\}")


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
        text = "\\N".join(escape(line) for line in cue.lines)
        if cue.raised:
            text = "{\\an8}" + text
        doc.events.append(pysubs2.SSAEvent(start=cue.start_ms, end=cue.end_ms, text=text, style=style, name=cue.speaker or ""))
    return doc.to_string("ass")

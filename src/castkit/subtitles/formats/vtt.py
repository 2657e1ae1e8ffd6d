"""WebVTT: ``<v Speaker>`` voice spans and the built-in colour classes, no STYLE block.

No STYLE block because ffmpeg drops every cue of a file that has one; the built-in classes
(``.white``, ``.yellow``, ``.cyan``, ``.lime``) need none. Raised cues get ``line:10%``.
Text is entity-escaped (``&``, ``<``, ``>``), so ``-->`` and tags in copy stay text; no line is
blank and no time in the copy forms a timing line (:func:`formats.text_lines`); the voice name
is one line.
"""

from __future__ import annotations

import html

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.speakers import CYAN, GREEN, MAGENTA, WHITE, YELLOW
from castkit.subtitles.formats import clock, text_field, text_lines

NAME = "vtt"
EXTENSIONS = (".vtt",)

CLASSES = {WHITE: "white", YELLOW: "yellow", CYAN: "cyan", GREEN: "lime", MAGENTA: "magenta"}


def render(subs: Subtitles) -> str:
    out = ["WEBVTT", ""]
    for n, cue in enumerate(subs.cues, start=1):
        settings = " line:10% align:center" if cue.raised else ""
        text = "\n".join(html.escape(line, quote=False) for line in text_lines(cue.lines))
        css = CLASSES.get(cue.colour or "") if subs.profile.colours else None
        if css:
            text = f"<c.{css}>{text}</c>"
        who = cue.speaker or (cue.role or "").capitalize()
        if who:
            text = f"<v {html.escape(text_field(who), quote=False)}>{text}</v>"
        out += [str(n), f"{clock(cue.start_ms)} --> {clock(cue.end_ms)}{settings}", text, ""]
    return "\n".join(out)

"""SubRip: numbered cues, ``HH:MM:SS,mmm`` times, plain text unless the profile asks for colour.

Many playout systems reject any tag in SRT, so ``<font color>`` per speaker is written only
with the profile's ``srt_colours`` (``castkit subs --colors``).

SRT has no escape syntax, so text that players would take as markup is defused: a ``<``
that opens a tag-like run becomes ``‹``, an ASS override ``{\\`` becomes ``(\\``, an arrow
``-->`` (however many dashes) becomes ``->``, and a time in the copy never forms a timing line.
Lines are never blank (a blank line would end the cue). See :func:`formats.text_lines`.
"""

from __future__ import annotations

import re

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats import clock, text_lines

NAME = "srt"
LATEST_MS = 359_999_999
"""99:59:59,999: SRT times have two digits of hours."""
EXTENSIONS = (".srt",)

_TAG_LIKE = re.compile(r"<(?=[A-Za-z/])")


def escape(line: str) -> str:
    """``line`` defused for SRT, which has no escapes: no tag, ASS override or timing arrow survives."""
    return _TAG_LIKE.sub("‹", _no_arrow(line).replace("{\\", "(\\"))


def _no_arrow(line: str) -> str:
    """``line`` with every run of dashes before a ``>`` cut to one (linear, however long the run)."""
    parts = line.split(">")
    return ">".join([p.rstrip("-") + "-" if p.endswith("--") else p for p in parts[:-1]] + parts[-1:])


def render(subs: Subtitles) -> str:
    blocks = []
    for n, cue in enumerate(subs.cues, start=1):
        text = "\n".join(escape(line) for line in text_lines(cue.lines))
        if subs.profile.srt_colours and cue.colour:
            text = f'<font color="{cue.colour}">{text}</font>'
        blocks.append(f"{n}\n{clock(cue.start_ms, ',')} --> {clock(cue.end_ms, ',')}\n{text}\n")
    return "\n".join(blocks)

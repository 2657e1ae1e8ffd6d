"""Text with no structure castkit recognises: a reader story, never an error.

Every paragraph becomes anchor copy, so nothing spoken is lost; a warning tells the producer
that no package, soundbite or speaker was recognised. A short first line without closing
punctuation is taken as the title.
"""

from __future__ import annotations

import re

from castkit.ingest.base import Parsed, Style, register
from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
from castkit.notices import Notice
from castkit.text import is_korean

_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line; one per line when there are no blank lines."""
    blocks = [b for b in _BLANK_LINE.split(text.strip()) if b.strip()]
    if len(blocks) == 1:
        blocks = blocks[0].splitlines()
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _is_title(line: str) -> bool:
    return len(line.split()) <= 15 and line[-1] not in ".!?\"”'’:,;"


def parse(text: str) -> Parsed:
    """A reader story: the title line (when there is one) and one anchor element per paragraph."""
    paras = paragraphs(text)
    title = paras.pop(0) if len(paras) > 1 and _is_title(paras[0]) else ""
    story = Story(title=title, elements=[Element(Kind.ANCHOR, p, Speaker(role=Role.ANCHOR)) for p in paras])
    story.language = "ko" if is_korean(" ".join(paras)) else "en"
    guess = Notice("style", "", "no house style recognised: read as a reader story (anchor copy only); check it or use --style")
    return Parsed(bulletin=Bulletin(stories=[story]), style="plain", guesses=[guess])


def sniff(text: str) -> float:
    """Anything is plain text; every other style outbids this."""
    return 0.01


STYLE = register(Style("plain", "plain text: a reader story of anchor copy", sniff, parse))

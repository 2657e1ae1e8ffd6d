"""Which house style a text is in, and the parse with the best-fitting style."""

from __future__ import annotations

import importlib

from castkit.collector import paused
from castkit.errors import BadInput, UnsupportedFormat
from castkit.ingest.base import Parsed, styles
from castkit.model import Bulletin
from castkit.notices import Notice
from castkit.text import printable

# Importing a style module registers it. Order breaks ties in sniff scores.
STYLE_MODULES = ("segment_json", "mos", "spreadsheet", "markup", "producer", "radio", "labels", "bracket", "show", "web", "plain")
FALLBACK = "plain"

for _module in STYLE_MODULES:
    importlib.import_module(f"castkit.ingest.{_module}")


SNIFF_HEAD = 64_000
SNIFF_TAIL = 4_000
"""Sniffing reads the first 64,000 and the last 4,000 characters of a text (whole lines): a
style shows in its first pages and its sign-off, and a 1 MB transcript is not read seven times."""


def sniff_sample(text: str) -> str:
    """The part of ``text`` the sniffers read: its head and its tail, cut at line breaks."""
    head_end = text.find("\n", SNIFF_HEAD)
    tail_start = text.rfind("\n", 0, len(text) - SNIFF_TAIL) + 1
    if head_end < 0 or tail_start <= head_end + 1:
        return text
    return text[: head_end + 1] + text[tail_start:]


def detect(text: str) -> str:
    """The name of the style that fits ``text`` best (``plain`` when none fits)."""
    known = styles()
    sample = sniff_sample(text)
    best, best_score = FALLBACK, 0.0
    for name in STYLE_MODULES:
        score = known[name].sniff(sample)
        if score > best_score:
            best, best_score = name, score
    return best


@paused  # a megabyte of script is some 200,000 small objects and no reference cycles
def parse_text(text: str, *, style: str | None = None, name: str = "<text>", encoding: str = "utf-8") -> Parsed:
    """Parse ``text`` in the given style, or the detected one."""
    known = styles()
    if style is not None and style not in known:
        raise UnsupportedFormat(f"unknown style {style!r}; choose one of {', '.join(STYLE_MODULES)}")
    text = printable(text)
    chosen = style or detect(text)
    try:
        parsed = known[chosen].parse(text)
    except BadInput as exc:  # styles see only the text: name the input here
        raise BadInput(str(exc), where=name) from None
    parsed.encoding = encoding
    parsed.name = name
    parsed.guesses.extend(inferred_speakers(parsed.bulletin))
    return parsed


def inferred_speakers(bulletin: Bulletin) -> list[Notice]:
    """One ``speaker`` notice per element whose speaker was inferred from the narration around it."""
    found = []
    for number, story in enumerate(bulletin.stories, start=1):
        for element in story.elements:
            if element.speaker.inferred:
                where = f"story {number} {story.title[:40]!r}".rstrip()
                found.append(Notice("speaker", where, f"{element.kind.value} speaker {element.speaker.label!r} inferred from the narration: check it"))
    return found

"""Which house style a text is in, and the parse with the best-fitting style."""

from __future__ import annotations

import importlib

from castkit.errors import BadInput, UnsupportedFormat
from castkit.ingest.base import Parsed, styles
from castkit.text import printable

# Importing a style module registers it. Order breaks ties in sniff scores.
STYLE_MODULES = ("segment_json", "markup", "labels", "bracket", "show", "web", "plain")
FALLBACK = "plain"

for _module in STYLE_MODULES:
    importlib.import_module(f"castkit.ingest.{_module}")


def detect(text: str) -> str:
    """The name of the style that fits ``text`` best (``plain`` when none fits)."""
    known = styles()
    best, best_score = FALLBACK, 0.0
    for name in STYLE_MODULES:
        score = known[name].sniff(text)
        if score > best_score:
            best, best_score = name, score
    return best


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
    return parsed

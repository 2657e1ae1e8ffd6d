"""The bracket house style (being built)."""

from __future__ import annotations

from castkit.errors import UnsupportedFormat
from castkit.ingest.base import Parsed, Style, register


def sniff(text: str) -> float:
    return 0.0


def parse(text: str) -> Parsed:
    raise UnsupportedFormat("the bracket style is not available yet")


STYLE = register(Style("bracket", "bracket", sniff, parse))

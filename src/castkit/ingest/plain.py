"""The plain house style (being built)."""

from __future__ import annotations

from castkit.errors import UnsupportedFormat
from castkit.ingest.base import Parsed, Style, register


def sniff(text: str) -> float:
    return 0.0


def parse(text: str) -> Parsed:
    raise UnsupportedFormat("the plain style is not available yet")


STYLE = register(Style("plain", "plain", sniff, parse))

"""The segment_json house style (being built)."""

from __future__ import annotations

from castkit.errors import UnsupportedFormat
from castkit.ingest.base import Parsed, Style, register


def sniff(text: str) -> float:
    return 0.0


def parse(text: str) -> Parsed:
    raise UnsupportedFormat("the segment_json style is not available yet")


STYLE = register(Style("segment_json", "segment_json", sniff, parse))

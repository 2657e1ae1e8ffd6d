"""A ``castkit.segment/1`` JSON document (what ``castkit parse --json`` writes) as input.

Lets a parse be corrected by a program and fed back; the document is validated against the
schema, and errors name the field.
"""

from __future__ import annotations

from castkit import model
from castkit.ingest.base import Parsed, Style, register


def parse(text: str) -> Parsed:
    return Parsed(bulletin=model.loads(text), style="segment_json")


def sniff(text: str) -> float:
    """Certain with the schema marker; likely for any JSON object (parse then says what is wrong)."""
    head = text.lstrip()[:4000]
    if not head.startswith("{"):
        return 0.0
    return 1.0 if model.SCHEMA in head else 0.6


STYLE = register(Style("segment_json", "castkit.segment/1 JSON", sniff, parse))

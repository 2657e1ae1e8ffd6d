"""A ``castkit.segment/1`` JSON document (what ``castkit parse --json`` writes) as input.

Lets a parse be corrected by a program and fed back; the document is validated against the
schema, and errors name the field.
"""

from __future__ import annotations

from castkit import model
from castkit.ingest.base import Parsed, Style, register


def parse(text: str) -> Parsed:
    """The document as the model; a speech engine's transcript (Whisper's JSON and the like) is
    refused by name, pointing to ``castkit qa``, which scores it against the script."""
    if model.SCHEMA not in text[:4000]:
        from castkit.errors import BadInput
        from castkit.qa.asr_json import engine_of, loads

        try:
            engine = engine_of(loads(text, ""))
        except BadInput:  # not JSON at all: the model's reader says what is wrong with it
            engine = None
        if engine is not None:
            raise BadInput(f"this is a speech engine's transcript ({engine.title} JSON), not a script: "
                           "score it against the script with castkit qa SCRIPT TRANSCRIPT")
    return Parsed(bulletin=model.loads(text), style="segment_json")


def sniff(text: str) -> float:
    """Certain with the schema marker; likely for any JSON object (parse then says what is wrong)."""
    head = text.lstrip()[:4000]
    if not head.startswith("{"):
        return 0.0
    return 1.0 if model.SCHEMA in head else 0.6


STYLE = register(Style("segment_json", "castkit.segment/1 JSON", sniff, parse))

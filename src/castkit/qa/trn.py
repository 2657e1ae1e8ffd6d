"""Reading sclite ``trn`` transcripts: one utterance per line, ``text (utterance-id)``.

Lines starting with ``;;`` are comments. An utterance may be empty (silence). The id is the
last parenthesised group at the end of the line, so ``(word)`` inside the text stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.errors import BadInput

_ID = re.compile(r"[^()\s]+")


def _split(line: str) -> tuple[str, str] | None:
    """``(text, id)`` of a trn line ending in ``(id)``, else None; one pass, however the line is built."""
    body = line.rstrip()
    opening = body.rfind("(")
    if not body.endswith(")") or opening < 0 or not _ID.fullmatch(body, opening + 1, len(body) - 1):
        return None
    return body[:opening].rstrip(), body[opening + 1 : -1]


@dataclass(frozen=True)
class Utterance:
    """One trn line: its id, its text (possibly empty) and its line number."""

    id: str
    text: str
    line: int


def lines(text: str) -> list[str]:
    """The lines of a trn text as sclite reads them: split at line feeds only.

    Python's ``splitlines`` also breaks at vertical tabs, form feeds and Unicode line
    separators, which sclite reads as spaces or as part of a word.
    """
    return [line.removesuffix("\r") for line in text.split("\n")]


def is_comment(line: str) -> bool:
    return line.lstrip().startswith(";;")


def looks_like_trn(text: str) -> bool:
    """True when every non-blank, non-comment line ends with ``(id)``."""
    found = [ln for ln in lines(text) if ln.strip() and not is_comment(ln)]
    return bool(found) and all(_split(ln) for ln in found)


def parse_trn(text: str, *, name: str = "<text>") -> list[Utterance]:
    """The utterances of a trn text, refusing lines without an id and repeated ids."""
    utterances: list[Utterance] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines(text.lstrip("\ufeff")), start=1):
        if not line.strip() or is_comment(line):
            continue
        parts = _split(line)
        if parts is None:
            raise BadInput(f"line {number}: no utterance id; trn lines read 'text (utterance-id)'", where=name)
        text, uid = parts
        if uid in seen:
            raise BadInput(f"line {number}: utterance id {uid!r} already used on line {seen[uid]}", where=name)
        seen[uid] = number
        utterances.append(Utterance(uid, text, number))
    if not utterances:
        raise BadInput("no utterances in this trn file", where=name)
    return utterances

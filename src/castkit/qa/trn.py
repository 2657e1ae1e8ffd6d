"""Reading sclite ``trn`` transcripts: one utterance per line, ``text (utterance-id)``.

Lines starting with ``;;`` are comments. An utterance may be empty (silence). The id is the
last parenthesised group at the end of the line, so ``(word)`` inside the text stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.errors import BadInput

_LINE = re.compile(r"^(?P<text>.*?)\s*\((?P<id>[^()\s]+)\)\s*$")


@dataclass(frozen=True)
class Utterance:
    """One trn line: its id, its text (possibly empty) and its line number."""

    id: str
    text: str
    line: int


def is_comment(line: str) -> bool:
    return line.lstrip().startswith(";;")


def looks_like_trn(text: str) -> bool:
    """True when every non-blank, non-comment line ends with ``(id)``."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not is_comment(ln)]
    return bool(lines) and all(_LINE.match(ln) for ln in lines)


def parse_trn(text: str, *, name: str = "<text>") -> list[Utterance]:
    """The utterances of a trn text, refusing lines without an id and repeated ids."""
    utterances: list[Utterance] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip() or is_comment(line):
            continue
        match = _LINE.match(line)
        if match is None:
            raise BadInput(f"line {number}: no utterance id; trn lines read 'text (utterance-id)'", where=name)
        uid = match["id"]
        if uid in seen:
            raise BadInput(f"line {number}: utterance id {uid!r} already used on line {seen[uid]}", where=name)
        seen[uid] = number
        utterances.append(Utterance(uid, match["text"], number))
    if not utterances:
        raise BadInput("no utterances in this trn file", where=name)
    return utterances

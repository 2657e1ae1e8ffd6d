"""Notices: every guess castkit makes and every thing it could not do, as typed values.

A parser that infers a speaker, an aligner that estimates a word, a writer that cannot carry
a character: each adds a :class:`Notice` to its result instead of printing. Every front door
shows them the same way — the CLI one line each on stderr (``--strict`` makes any of them exit
1), JSON a ``notices`` list, the web app a badge — so nothing is ever silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Notice:
    """Something a person should check: a topic, where it is, and what.

    ``topic`` is a short word (``style``, ``encoding``, ``script``, ``speaker``, ``story``,
    ``audio``, ``timing``, ``subtitles``, ``reading-speed``, ``format``, ``rundown``, ``qa``);
    ``where`` names the file, story, element or cue ("" when it is the whole input).
    """

    topic: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.topic}: {self.where}: {self.message}" if self.where else f"{self.topic}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "where": self.where, "message": self.message}


def unique(notices: list[Notice]) -> list[Notice]:
    """The notices in order, each once (several steps may find the same thing)."""
    return list(dict.fromkeys(notices))

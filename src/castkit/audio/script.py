"""The script side of alignment: which words are spoken, in what order, in which sentences.

Alignment, the sample-audio generator and the benchmark must agree on exactly this: the
spoken elements of a bulletin in running order, each with its :func:`castkit.text.words`
and those words grouped into sentences (the unit the aligner falls back to and reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.model import Bulletin, Element
from castkit.text import words

# A token ends a sentence when it ends in . ? or ! (before closing quotes or brackets),
# unless it is an initialism or a title ("U.S.", "N.", "a.m.", "Mr.").
_END = re.compile(r"[.?!][\"')\]\u201d\u2019]*$")
_INITIALS = re.compile(r"^[\"'(\[\u201c\u2018]*(?:[A-Za-z]\.)+$")
_TITLES = frozenset({"mr.", "mrs.", "ms.", "dr.", "rep.", "sen.", "gov.", "gen.", "lt.", "st.", "jr.", "sr.", "prof.", "no.", "vs."})


@dataclass(frozen=True)
class SpokenElement:
    """One spoken element: where it is in the bulletin, its words, its sentences as word ranges."""

    story: int
    index: int
    element: Element
    words: list[str]
    sentences: list[range]


def sentence_spans(tokens: list[str]) -> list[range]:
    """Split a token list into sentences, as ranges of token indices covering every token."""
    spans, start = [], 0
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if last or (_END.search(token) and not _INITIALS.match(token) and token.lower() not in _TITLES):
            spans.append(range(start, i + 1))
            start = i + 1
    return spans


def spoken_elements(bulletin: Bulletin) -> list[SpokenElement]:
    """Every spoken element with at least one word, in running order (floated stories skipped)."""
    found = []
    for s, story in enumerate(bulletin.stories):
        if story.floated:
            continue
        for i, element in enumerate(story.elements):
            tokens = words(element.text) if element.spoken else []
            if tokens:
                found.append(SpokenElement(s, i, element, tokens, sentence_spans(tokens)))
    return found

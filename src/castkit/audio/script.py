"""The script side of alignment: which words are spoken, in what order, in which sentences.

Alignment, the sample-audio generator and the benchmark must agree on exactly this: the
spoken elements of a bulletin in running order, each with its :func:`castkit.text.words`
and those words grouped into sentences (the unit the aligner falls back to and reports).
"""

from __future__ import annotations

from dataclasses import dataclass

from castkit.model import Bulletin, Element
from castkit.text import sentence_spans, words

@dataclass(frozen=True)
class SpokenElement:
    """One spoken element: where it is in the bulletin, its words, its sentences as word ranges."""

    story: int
    index: int
    element: Element
    words: list[str]
    sentences: list[range]


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

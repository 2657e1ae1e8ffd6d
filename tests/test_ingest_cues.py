"""Cue words: the quick listing of a sentence's words must be exactly what the word pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.ingest.cues import APOSTROPHE, StoryWords, has_cues, words_of

_WORD = re.compile(r"\w+")
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")

_NEWS_CHARACTERS = st.sampled_from(
    list("abcXYZ019_ -.,;:'\"!?()\t\n\x0b\x1c\x7f") + ["’", "‘", "“", "”", "—", "–", "…", "é", "ß", "가", "İ", "ı", "K", "\u00a0", "\u2028"]
)


def _pattern_words(line: str) -> frozenset[str] | None:
    """What :func:`words_of` promises: the lower-case words the pattern finds, the apostrophe mark, None for case twins."""
    if not line.isascii() and _CASE_TWINS.search(line):
        return None
    words = frozenset(_WORD.findall(line.lower()))
    return words | {APOSTROPHE} if "'" in line or "’" in line else words


@settings(max_examples=3000)
@given(st.one_of(st.text(_NEWS_CHARACTERS, max_size=40), st.text(max_size=40)))
def test_words_are_the_patterns_words(line: str) -> None:
    assert words_of(line) == _pattern_words(line)


def test_curly_quotes_and_dashes_split_words() -> None:
    assert words_of("“We’ll stay,” she said—again…") == frozenset({"we", "ll", "stay", "she", "said", "again", APOSTROPHE})
    assert words_of("Café owners say “no”") == frozenset({"café", "owners", "say", "no"})
    assert words_of("KELVIN \u212a") is None  # a letter case-blind matching reads as ASCII: every pattern is tried


def test_story_words_lists_each_sentence_once() -> None:
    story_words = StoryWords()
    first = story_words["Our correspondent Kim Min-ji has the latest."]
    assert story_words["Our correspondent Kim Min-ji has the latest."] is first
    assert has_cues(first, (frozenset({"latest"}),)) and not has_cues(first, (frozenset({"live"}),))
    assert len(story_words) == 1

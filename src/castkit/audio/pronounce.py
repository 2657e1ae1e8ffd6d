"""Script tokens to the aligner's dictionary words, with a map back to the tokens.

The aligner only knows lowercase words of its pronouncing dictionary. Each script token
becomes one or more dictionary words (case and punctuation dropped, hyphenated names split
when the whole is unknown, acronyms spelled, numbers said as words); a word still unknown gets
a pronunciation from espeak-ng's phonemes mapped to the model's ARPAbet phones, and is
reported, since a guessed pronunciation is the likeliest cause of a poor timing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# espeak-ng phoneme mnemonic -> ARPAbet (pocketsphinx en-us phone set)
ESPEAK_TO_ARPA = {
    "a": "AE", "a#": "AH", "A:": "AA", "A@": "AA R", "A": "AA", "0": "AA", "O:": "AO", "O": "AO",
    "O@": "AO R", "o@": "AO R", "V": "AH", "@": "AH", "@2": "AH", "@5": "AH", "3": "ER", "3:": "ER",
    "a@": "AA R", "e@": "EH R", "E": "EH", "e": "EH", "eI": "EY", "I": "IH", "I2": "IH", "I#": "IH",
    "i": "IY", "i:": "IY", "i@": "IH R", "i@3": "IH R", "aI": "AY", "aI@": "AY ER", "aI3": "AY ER",
    "aU": "AW", "aU@": "AW ER", "OI": "OY", "oU": "OW", "o": "OW", "U": "UH", "u:": "UW", "u": "UW",
    "U@": "UH R", "u@": "UH R", "@L": "AH L", "3:r": "ER", "@r": "ER",
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "f": "F", "v": "V", "T": "TH",
    "D": "DH", "s": "S", "z": "Z", "S": "SH", "Z": "ZH", "tS": "CH", "dZ": "JH", "h": "HH",
    "m": "M", "n": "N", "N": "NG", "l": "L", "r": "R", "j": "Y", "w": "W", "x": "K", "?": "",
    "r-": "R", "t#": "T", "d#": "D", "z#": "Z", "n-": "N", "l/": "L", "W": "W", "C": "HH",
}

_LEAD = "\"'([{\u201c\u2018"
_TRAIL = "\"')]},;:!?\u201d\u2019"
_SPLIT = re.compile(r"[-\u2010\u2011\u2013\u2014/]+")
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")
_NUMBER = re.compile(r"^(?P<cur>[$\u20ac\u00a3])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<suffix>%|s|st|nd|rd|th)?$")

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = [(10**9, "billion"), (10**6, "million"), (1000, "thousand"), (100, "hundred")]
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
_CURRENCY = {"$": "dollars", "\u20ac": "euros", "\u00a3": "pounds"}


def cardinal(n: int) -> list[str]:
    """English words for a non-negative integer ("one hundred twenty three")."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + (cardinal(n % 10) if n % 10 else [])
    for value, name in _SCALES:
        if n >= value:
            return cardinal(n // value) + [name] + (cardinal(n % value) if n % value else [])
    raise AssertionError("unreachable")


def _ordinal(spoken: list[str]) -> list[str]:
    last = spoken[-1]
    if last in _ORDINAL:
        return spoken[:-1] + [_ORDINAL[last]]
    return spoken[:-1] + [last[:-1] + "ieth" if last.endswith("y") else last + "th"]


def _plural(spoken: list[str]) -> list[str]:
    last = spoken[-1]
    return spoken[:-1] + [last[:-1] + "ies" if last.endswith("y") else last + "s"]


def number_words(token: str) -> list[str] | None:
    """How a number token is said ("2025" -> twenty twenty five, "$5" -> five dollars), or None."""
    m = _NUMBER.match(token)
    if not m:
        return None
    digits = m["int"].replace(",", "")
    n = int(digits)
    if m["cur"] is None and m["frac"] is None and "," not in m["int"] and len(digits) == 4 and 1100 <= n < 2100 and n % 1000 >= 10:
        spoken = cardinal(n // 100) + (["oh"] if n % 100 < 10 else []) + cardinal(n % 100)  # a year
        if n % 100 == 0:
            spoken = cardinal(n // 100) + ["hundred"]
    else:
        spoken = cardinal(n)
    if m["frac"]:
        spoken += ["point"] + [_ONES[int(d)] for d in m["frac"]]
    suffix = m["suffix"]
    if suffix in ("st", "nd", "rd", "th"):
        spoken = _ordinal(spoken)
    elif suffix == "s":
        spoken = _plural(spoken)
    elif suffix == "%":
        spoken.append("percent")
    if m["cur"]:
        spoken.append(_CURRENCY[m["cur"]])
    return spoken


def arpabet(espeak: str) -> str:
    """Map espeak-ng phoneme mnemonics (``_``-separated) to ARPAbet, dropping what has no match."""
    phones = []
    for raw in re.split(r"[_\s]+", espeak):
        ph = re.sub(r"[',=%]", "", raw)
        for candidate in (ph, ph.rstrip("#"), ph[:-1]):
            if candidate in ESPEAK_TO_ARPA:
                phones.append(ESPEAK_TO_ARPA[candidate])
                break
    return " ".join(p for p in phones if p)


@dataclass
class Transcript:
    """Dictionary words for a token list: ``words[k]`` came from token ``tokens[k]``."""

    words: list[str] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)


class Lexicon:
    """Turns script tokens into dictionary words, adding guessed pronunciations for unknown ones.

    ``lookup(word)`` returns the dictionary pronunciation or None; ``add(word, phones)`` adds
    one. ``guessed`` maps every word that needed a guessed pronunciation to its phones.
    """

    def __init__(self, lookup: Callable[[str], str | None], add: Callable[[str, str], None], guess: Callable[[str], str] | None = None) -> None:
        self._lookup = lookup
        self._add = add
        self._guess = guess or _espeak_guess
        self.guessed: dict[str, str] = {}

    def known(self, word: str) -> bool:
        return bool(word) and self._lookup(word) is not None

    def transcribe(self, tokens: list[str]) -> Transcript:
        """Dictionary words for ``tokens``; every token yields at least one word."""
        result = Transcript()
        for i, token in enumerate(tokens):
            pieces = self.token_words(token)
            result.words += pieces
            result.tokens += [i] * len(pieces)
        return result

    def token_words(self, token: str) -> list[str]:
        """The dictionary words one token is said as (never empty)."""
        bare = token.replace("\u2019", "'").strip(_LEAD).rstrip(_TRAIL)
        for form in (bare.lower(), bare.lower().rstrip(".")):
            if self.known(form):
                return [form]
        spoken = number_words(bare.rstrip("."))
        if spoken:
            return spoken
        parts = [p for p in _SPLIT.split(bare) if re.search(r"[^\W_]", p)]
        if len(parts) > 1:
            return [w for p in parts for w in self.token_words(p)]
        letters = bare.rstrip(".")
        if _ACRONYM.match(letters) and all(self.known(c.lower()) for c in letters):
            return [c.lower() for c in letters]
        return [self._guessed(letters.lower().strip("'"))]

    def _guessed(self, word: str) -> str:
        word = re.sub(r"[^\w']", "", word) or "unknown"
        if word not in self.guessed and not self.known(word):
            phones = self._guess(word) or "AH"
            self._add(word, phones)
            self.guessed[word] = phones
        return word


def _espeak_guess(word: str) -> str:
    from castkit.audio import espeak

    return arpabet(espeak.phonemes(word))

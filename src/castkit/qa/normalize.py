"""Turning transcript text into the tokens that are scored, with the steps named.

Most differences between scorers come from tokenisation, not alignment, so every step is
explicit, applied identically to both sides, and listed in the report
(:meth:`Normalization.steps`). Without normalisation the raw whitespace tokens are scored.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from castkit.errors import BadInput

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
# A character kept only between two letters or digits: apostrophes, hyphens, and the
# separators inside numbers ("1,000", "3.5").
_JOINERS = "'-"
_NUMBER_JOINERS = ",."

_CONTRACTIONS = {
    "won't": "will not", "can't": "can not", "shan't": "shall not", "ain't": "is not",
    "let's": "let us", "it's": "it is", "that's": "that is", "there's": "there is",
    "here's": "here is", "what's": "what is", "who's": "who is", "where's": "where is",
    "he's": "he is", "she's": "she is", "how's": "how is",
}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"), ("'d", " would"))

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Normalization:
    """Which normalisation steps apply; ``substitutions`` are (from, to) pairs in file order."""

    enabled: bool = True
    split_hyphens: bool = False
    numbers: bool = False
    contractions: bool = False
    substitutions: tuple[tuple[str, str], ...] = ()
    substitutions_source: str | None = None
    _patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for before, after in self.substitutions:
            pattern = re.compile(rf"(?<!\w){re.escape(before)}(?!\w)", re.IGNORECASE)
            self._patterns.append((pattern, after))

    def steps(self) -> list[str]:
        """The steps applied, in order, as a report shows them."""
        if not self.enabled:
            return ["split on whitespace (raw tokens, no normalisation)"]
        steps = ["Unicode NFC", "curly quotes and apostrophes made straight"]
        if self.substitutions:
            where = f" from {self.substitutions_source}" if self.substitutions_source else ""
            steps.append(f"{len(self.substitutions)} substitution(s){where}")
        steps.append("split on whitespace (spaces, tabs, non-breaking spaces)")
        steps.append("case folded (Unicode casefold)")
        kept = "word-internal apostrophes" + ("" if self.split_hyphens else " and hyphens")
        steps.append(f"punctuation removed ({kept} and digit separators kept)")
        if self.contractions:
            steps.append("English contractions expanded (it's -> it is, don't -> do not)")
        if self.split_hyphens:
            steps.append("hyphenated words split (Jung-sil -> jung sil)")
        if self.numbers:
            steps.append("numbers written as digits (one thousand, 1,000 -> 1000)")
        return steps

    def tokens(self, text: str) -> list[str]:
        """The scored tokens of ``text``."""
        if not self.enabled:
            return text.split()
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
        for pattern, after in self._patterns:
            text = pattern.sub(after, text)
        keep_hyphens = not self.split_hyphens or self.numbers
        out: list[str] = []
        # casefold can decompose (İ -> i + combining dot): compose again so equal words compare equal
        for word in unicodedata.normalize("NFC", text.casefold()).split():
            if word.isalnum():  # the common case, and the hot path: nothing to strip or expand
                out.append(word)
                continue
            # removing punctuation can leave a combining mark beside its letter ("C:\u0327"): compose
            word = unicodedata.normalize("NFC", strip_punctuation(word, keep_hyphens=keep_hyphens))
            if self.contractions:
                word = expand_contraction(word)
            out.extend(word.split())
        if self.numbers:
            out = numbers_as_digits(out)
        if self.split_hyphens:
            out = [part for token in out for part in token.split("-") if part]
        return out


def strip_punctuation(word: str, *, keep_hyphens: bool = True) -> str:
    """Drop punctuation and symbols, keeping joiners between two letters or digits."""
    if word.isalnum():  # the common case, and the hot path on long documents
        return word
    word = _DOTS.sub("", word)  # "U.S.-North" -> "US-North"; "3.5" keeps its point
    chars: list[str] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"):
            chars.append(ch)
            continue
        inside = 0 < i < last and word[i - 1].isalnum() and word[i + 1].isalnum()
        if inside and (ch == "'" or (ch == "-" and keep_hyphens)):
            chars.append(ch)
        elif inside and ch in _NUMBER_JOINERS and word[i - 1].isdigit() and word[i + 1].isdigit():
            chars.append(ch)
        elif ch == "-" and inside:
            chars.append(" ")
        elif not inside and chars and ch.isspace():
            chars.append(" ")
    return "".join(chars)


def expand_contraction(word: str) -> str:
    """``it's`` -> ``it is``, ``don't`` -> ``do not``; a possessive ``'s`` is left alone."""
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + replacement
    return word


def _number_parts(token: str) -> list[int] | None:
    """The values a number token is made of (``8-hundred-87`` -> 8, 100, 87), else None."""
    parts: list[int] = []
    for piece in token.split("-"):
        if _DIGITS.match(piece):
            parts.append(int(piece.replace(",", "")))
        elif piece in _UNITS:
            parts.append(_UNITS[piece])
        elif piece in _TENS:
            parts.append(_TENS[piece])
        elif piece == "hundred":
            parts.append(100)
        elif piece in _SCALES:
            parts.append(_SCALES[piece])
        else:
            return None
    return parts


def numbers_as_digits(tokens: list[str]) -> list[str]:
    """Rewrite runs of number words and digits as digit strings (``one thousand`` -> 1000)."""
    out: list[str] = []
    run: list[int] = []
    for token in [*tokens, ""]:
        parts = _number_parts(token) if token else None
        if parts is not None:
            run.extend(parts)
            continue
        if run:
            out.extend(_evaluate(run))
            run = []
        if token:
            out.append(token)
    return out


def _fits(current: int, value: int) -> bool:
    """Whether ``value`` fills a free place of ``current`` (twenty + four, 800 + 87)."""
    if value >= 100:
        return False
    if value >= 10:
        return current % 100 == 0
    return current % 10 == 0 and not 10 <= current % 100 < 20


def _evaluate(parts: list[int]) -> list[str]:
    """The numbers a run of parts spells; a part that cannot continue one starts the next."""
    numbers: list[str] = []
    total, current = 0, parts[0]
    for value in parts[1:]:
        if value == 100 and current % 100:
            current = current - current % 100 + current % 100 * 100
        elif value in _SCALES.values() and current:
            total, current = total + current * value, 0
        elif _fits(current, value):
            current += value
        else:
            numbers.append(str(total + current))
            total, current = 0, value
    numbers.append(str(total + current))
    return numbers


def load_substitutions(path: str | Path) -> tuple[tuple[str, str], ...]:
    """Read a substitution list: TOML (``"U.S." = "US"``) or CSV/lines (``U.S. = US`` or ``U.S.,US``)."""
    from castkit.files import read_text

    source = read_text(path)
    if str(path).lower().endswith(".toml"):
        try:
            data = tomllib.loads(source.text)
        except tomllib.TOMLDecodeError as exc:
            raise BadInput(f"not valid TOML: {exc}", where=source.name) from None
        table = data.get("substitutions", data)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise BadInput("every substitution must map a string to a string", where=source.name)
        return tuple(table.items())
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(source.text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "=" in line:
            before, _, after = line.partition("=")
            row = [before, after]
        else:
            row = next(csv.reader(io.StringIO(line)))
        if len(row) != 2 or not row[0].strip():
            raise BadInput(f"line {number}: expected 'from = to' or 'from,to'", where=source.name)
        pairs.append((row[0].strip(), row[1].strip()))
    return tuple(pairs)

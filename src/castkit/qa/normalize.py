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

_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")


PRESETS: dict[str, dict[str, bool]] = {
    "broadcast": {"split_hyphens": True, "compounds": True, "contractions": True, "numbers": True},
}
"""Named sets of options. ``broadcast`` compares scripts with subtitles and ASR, which spell
the same words differently: hyphen and space variants, contractions and numbers match."""


@dataclass(frozen=True)
class Normalization:
    """Which normalisation steps apply; ``substitutions`` are (from, to) pairs in file order."""

    enabled: bool = True
    split_hyphens: bool = False
    numbers: bool = False
    contractions: bool = False
    substitutions: tuple[tuple[str, str], ...] = ()
    substitutions_source: str | None = None
    compounds: bool = False
    """Count a word written joined on one side and split on the other (groundbreaking / ground breaking) as a match."""
    preset: str | None = None
    _patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list, init=False, repr=False, compare=False)
    _number_rules: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    """The number rules that applied to the text tokenised so far (the report lists them)."""

    def __post_init__(self) -> None:
        for before, after in self.substitutions:
            pattern = re.compile(rf"(?<!\w){re.escape(before)}(?!\w)", re.IGNORECASE)
            self._patterns.append((pattern, after))

    @classmethod
    def named(cls, preset: str, **options: object) -> Normalization:
        """A preset of :data:`PRESETS`, with ``options`` (substitutions, say) on top."""
        if preset not in PRESETS:
            raise BadInput(f"unknown normalisation preset {preset!r}; choose one of {', '.join(PRESETS)}")
        return cls(**{**PRESETS[preset], **options, "preset": preset})  # type: ignore[arg-type]

    def steps(self) -> list[str]:
        """The steps applied, in order, as a report shows them."""
        if not self.enabled:
            return ["split on whitespace (raw tokens, no normalisation)"]
        steps = [f"preset {self.preset}"] if self.preset else []
        steps += ["Unicode NFC", "curly quotes and apostrophes made straight"]
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
        if self.compounds:
            steps.append("a word joined on one side and split on the other counted as one match (groundbreaking / ground breaking)")
        if self.numbers:
            from castkit.qa.numbers import RULES

            applied = [RULES[name] for name in RULES if name in self._number_rules]
            steps.append("numbers written as digits: " + ("; ".join(applied) if applied else "no number found"))
        return steps

    def tokens(self, text: str) -> list[str]:
        """The scored tokens of ``text``."""
        if not self.enabled:
            return text.split()
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
        for pattern, after in self._patterns:
            text = pattern.sub(after, text)
        # casefold can decompose (İ -> i + combining dot): compose again so equal words compare equal
        text = unicodedata.normalize("NFC", text.casefold())
        if self.numbers:  # before punctuation goes: $, %, : and dashes say what a number is
            from castkit.qa.numbers import normalize as numbers_normalize

            text, applied = numbers_normalize(text)
            self._number_rules.update(applied)
        keep_hyphens = not self.split_hyphens
        out: list[str] = []
        for word in text.split():
            if word.isalnum():  # the common case, and the hot path: nothing to strip or expand
                out.append(word)
                continue
            # removing punctuation can leave a combining mark beside its letter ("C:\u0327"): compose
            word = unicodedata.normalize("NFC", strip_punctuation(word, keep_hyphens=keep_hyphens))
            if self.contractions:
                word = expand_contraction(word)
            out.extend(word.split())
        if self.numbers:  # punctuation gone can reveal a number ("00/" -> "00"): read the words once more
            from castkit.qa.numbers import normalize as numbers_normalize

            again, applied = numbers_normalize(" ".join(out))
            self._number_rules.update(applied)
            out = again.split()
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

"""Numbers as people write and say them, rewritten to one form so both spellings match.

``1.5 million`` and ``1,500,000``, ``one hundred and twenty-seven`` and ``127``, ``twelfth``
and ``12th``, ``$35`` and ``35 dollars``, ``8:30`` and ``eight thirty`` all become the same
tokens (``1500000``, ``127``, ``12th``, ``35 dollars``, ``8 30``). :func:`normalize` works on
case-folded text before punctuation is removed (``$``, ``%``, ``:`` and dashes carry meaning
here) and names every rule it applied, so a report can list them. Korean text gets the same
for Sino-Korean numerals (``삼십오`` and ``35``; ``1억 5천만 원`` and ``150000000 원``).

The form is digits, so re-normalising normalised text changes nothing.
"""

from __future__ import annotations

import re
from fractions import Fraction

RULES = {
    "cardinal": "number words as digits (one hundred and twenty-seven -> 127)",
    "separators": "digit group separators dropped (1,500,000 -> 1500000)",
    "scale": "decimals with scale words (1.5 million -> 1500000)",
    "ordinal": "ordinals (twelfth, 12th -> 12th)",
    "percent": "percentages (5%, five per cent -> 5 percent)",
    "currency": "currencies ($35, 35 dollars -> 35 dollars; ₩, £, €, ¥)",
    "time": "clock times (8:30 -> 8 30, as eight thirty reads; 8:00 -> 8 o'clock)",
    "year": "years read in pairs (twenty twenty-four -> 2024)",
    "range": "ranges (2–3 -> 2 to 3)",
    "korean": "Korean numerals (삼십오 -> 35, 1억 5천만 -> 150000000)",
}
"""Every rule, by name, as the report lists it when the rule was applied."""

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9, "twelfth": 12}
_ORDINAL_WORDS.update({w + "th": v for w, v in _UNITS.items() if v >= 4 and w + "th" not in ("fiveth", "eightth", "nineth", "twelveth")})
_ORDINAL_WORDS.update({w[:-1] + "ieth": v for w, v in _TENS.items()})
_ORDINAL_WORDS.update({"hundredth": 100, **{w + "th": v for w, v in _SCALES.items()}})
_CENTURIES = (18, 19, 20)
"""A year read in pairs starts with one of these (nineteen ninety-nine, twenty twenty-four)."""
_STARTERS = frozenset([*_UNITS, *_TENS, *_ORDINAL_WORDS, "a"])
"""Words a spelled number can start with (a hundred, twenty-first, ...)."""
_ANY_START = re.compile(r"(?:^|[\s\"'(\[])(?:[$£€₩¥]?\d|(?:" + "|".join(sorted(_STARTERS, key=len, reverse=True))
                        + r")(?=[\s\-\"')\].,;:!?]|$))")
"""Somewhere in the text a word may start a number (what :func:`_may_start` asks of one word)."""
_SYMBOLS = {"$": "dollars", "£": "pounds", "€": "euros", "₩": "won", "¥": "yen"}
_CURRENCY_NAMES = {"dollar": "dollars", "dollars": "dollars", "pound": "pounds", "pounds": "pounds",
                   "euro": "euros", "euros": "euros", "won": "won", "yen": "yen"}

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = re.compile(rf"^{_NUMBER}$")
_MONEY = re.compile(rf"^([$£€₩¥])({_NUMBER})$")
_PERCENT = re.compile(rf"^({_NUMBER})%$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_RANGE = re.compile(rf"^({_NUMBER})[-–—]({_NUMBER})$")
_LEADS, _TRAILS = "\"'([", "\"')].,;:!?"


def _edges(word: str) -> tuple[str, str, str]:
    """``word`` as (opening quotes and brackets, core, closing punctuation): by stripping, so a
    word of 100,000 full stops is split in one pass (a pattern with a lazy core rescanned it)."""
    rest = word.lstrip(_LEADS)
    core = rest.rstrip(_TRAILS)
    return word[: len(word) - len(rest)], core, rest[len(core):]


_DIGIT_START = re.compile(r"[$£€₩¥]?\d").match


def _value(digits: str) -> Fraction:
    return Fraction(digits.replace(",", ""))


def _written(value: Fraction) -> str:
    """A value in digits: an integer, or a decimal (every value here has a power-of-ten denominator)."""
    if value.denominator == 1:
        return str(value.numerator)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    whole = str(abs(value.numerator) * 10**places // value.denominator).rjust(places + 1, "0")
    return whole[:-places] + "." + whole[-places:]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 < 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Part:
    """One piece of a spoken or written number: its value and what kind of piece it is."""

    __slots__ = ("value", "kind")

    def __init__(self, value: Fraction, kind: str) -> None:
        self.value, self.kind = value, kind  # kind: digits, word, hundred, scale


def _word_parts(core: str) -> list[_Part] | None:
    """The parts of ``twenty-seven``, ``8-hundred-87``, ``million``; None for any other word."""
    parts = []
    for piece in core.split("-"):
        if _DIGITS.match(piece):
            parts.append(_Part(_value(piece), "digits"))
        elif piece in _UNITS:
            parts.append(_Part(Fraction(_UNITS[piece]), "word"))
        elif piece in _TENS:
            parts.append(_Part(Fraction(_TENS[piece]), "word"))
        elif piece == "hundred":
            parts.append(_Part(Fraction(100), "hundred"))
        elif piece in _SCALES:
            parts.append(_Part(Fraction(_SCALES[piece]), "scale"))
        else:
            return None
    return parts


def _fits(current: Fraction, value: Fraction) -> bool:
    """Whether ``value`` fills a free place of ``current`` (twenty + four, 800 + 87)."""
    if current.denominator != 1 or value >= 100:
        return False
    if value >= 10:
        return current % 100 == 0
    return current % 10 == 0 and not 10 <= current % 100 < 20


def _evaluate(parts: list[_Part]) -> list[tuple[Fraction, bool]]:
    """The numbers a run of parts spells, each with whether it was spelled in words only.

    A part that cannot continue the number being read starts the next one; a number
    written in digits is never continued by another number, only by a scale word.
    """
    numbers: list[tuple[Fraction, bool]] = []
    total, current, spelled, last = Fraction(0), parts[0].value, parts[0].kind != "digits", parts[0].kind
    for part in parts[1:]:
        value = part.value
        if part.kind == "hundred" and current % 100 and current.denominator == 1:
            current = current - current % 100 + current % 100 * 100
        elif part.kind == "scale" and current:
            total, current = total + current * value, Fraction(0)
        elif (part.kind == "word" and last != "digits" or part.kind == "digits" and last in ("hundred", "scale")) \
                and _fits(current, value):
            current += value
        else:
            numbers.append((total + current, spelled))
            total, current, spelled = Fraction(0), value, part.kind != "digits"
        spelled = spelled and part.kind != "digits"
        last = part.kind
    numbers.append((total + current, spelled))
    return numbers


def normalize(text: str) -> tuple[str, set[str]]:
    """``text`` (case-folded) with its numbers in digit form, and the names of the rules applied."""
    fired: set[str] = set()
    if _HANGUL.search(text):  # first, so a Korean numeral then reads like any number
        text = _korean(text, fired)
    if not _ANY_START.search(text):  # no word can start a number: nothing to do
        return text, fired
    # forms complete in one word first (8:30 -> 8 30), so what follows them reads on (2–3 hundred)
    singles = []
    for word in text.split():
        if _may_start(word.lstrip(_LEADS).rstrip(_TRAILS)):
            lead, core, trail = _edges(word)
            word = lead + (_single(core, fired) or core) + trail
        singles.append(word)
    words = _Words(" ".join(singles).split())
    out: list[str] = []
    i = 0
    while i < len(words):
        if not _may_start(words.raw[i].lstrip(_LEADS).rstrip(_TRAILS)):  # the common case, and the hot path: an ordinary word
            out.append(words.raw[i])
            i += 1
            continue
        lead, core, trail = words[i]
        end, tokens = _run(words, i, fired)
        if end == i:
            out.append(lead + core + trail)
            i += 1
        else:
            out.append(lead + tokens + words[end - 1][2])
            i = end
    return " ".join(out), fired


class _Words:
    """Words split into (lead, core, trail) punctuation on demand: most are never looked at."""

    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self._split: dict[int, tuple[str, str, str]] = {}

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, k: int) -> tuple[str, str, str]:
        if k not in self._split:
            self._split[k] = _edges(self.raw[k])
        return self._split[k]


def _may_start(core: str) -> bool:
    """Whether a number can start at this word: it starts with a digit or a currency symbol, or is a number word."""
    return _DIGIT_START(core) is not None or core.split("-", 1)[0] in _STARTERS


def _single(core: str, fired: set[str]) -> str | None:
    """Written forms that are complete in one word: times, ordinals in digits, ranges, percents."""
    if match := _TIME.match(core):
        fired.add("time")
        hour, minute = int(match[1]), int(match[2])
        return f"{hour} o'clock" if minute == 0 else f"{hour} {minute}" if minute >= 10 else f"{hour} oh {minute}"
    if match := _ORDINAL.match(core):
        fired.add("ordinal")
        return _ordinal(int(match[1]))
    if match := _RANGE.match(core):
        fired.add("range")
        return f"{_written(_value(match[1]))} to {_written(_value(match[2]))}"
    if core in _ORDINAL_WORDS or "-" in core and _spelled_ordinal(core) is not None:
        fired.add("ordinal")
        return _ordinal(_ORDINAL_WORDS[core] if core in _ORDINAL_WORDS else _spelled_ordinal(core))  # type: ignore[arg-type]
    return None


def _spelled_ordinal(core: str) -> int | None:
    """``twenty-first`` -> 21."""
    head, _, tail = core.rpartition("-")
    parts = _word_parts(head)
    if tail not in _ORDINAL_WORDS or not parts or any(p.kind == "digits" for p in parts):
        return None
    numbers = _evaluate([*parts, _Part(Fraction(_ORDINAL_WORDS[tail]), "word")])
    return int(numbers[0][0]) if len(numbers) == 1 and numbers[0][0].denominator == 1 else None


def _run(words: _Words, start: int, fired: set[str]) -> tuple[int, str]:
    """Read the number starting at ``words[start]``: (index after it, its rewritten tokens)."""
    parts: list[_Part] = []
    currency = None
    percent = False
    i = start
    while i < len(words):
        lead, core, trail = words[i]
        if i > start and lead:
            break
        if parts and core == "and" and parts[-1].kind in ("hundred", "scale") and i + 1 < len(words):
            following = _word_parts(words[i + 1][1])
            if following and following[0].kind == "word" and not words[i][2]:
                i += 1
                continue
            break
        if core == "a" and not parts and i + 1 < len(words) and words[i + 1][1] in ("hundred", *_SCALES) and not trail:
            parts.append(_Part(Fraction(1), "word"))
            i += 1
            continue
        if (core == "point" and parts and parts[-1].kind in ("word", "digits") and not trail and i + 1 < len(words)
                and words[i + 1][1] in _UNITS):
            digits = []
            k = i + 1
            while k < len(words) and words[k][1] in _UNITS and not words[k][0]:
                digits.append(str(_UNITS[words[k][1]]))
                k += 1
                if words[k - 1][2]:
                    break
            parts[-1] = _Part(parts[-1].value + Fraction(f"0.{''.join(digits)}"), "digits")
            fired.add("scale")
            i = k
            if words[k - 1][2]:
                break
            continue
        found = None
        if not parts and (match := _MONEY.match(core)):
            currency = _SYMBOLS[match[1]]
            found = [_Part(_value(match[2]), "digits")]
        elif match := _PERCENT.match(core):
            percent = True
            found = [_Part(_value(match[1]), "digits")]
        else:
            found = _word_parts(core)
        if found is None or not parts and found[0].kind in ("hundred", "scale"):  # "million people" is no number
            break
        if any(p.kind == "digits" and "," in core for p in found):
            fired.add("separators")
        if any(p.kind == "scale" for p in found) and any(p.kind == "digits" and p.value.denominator != 1 for p in parts):
            fired.add("scale")
        parts.extend(found)
        i += 1
        if trail or percent:
            break
    if not parts:
        return start, ""
    numbers = _evaluate(parts)
    if any(p.kind != "digits" for p in parts):
        fired.add("cardinal")
    if len(numbers) == 2 and all(spelled for _, spelled in numbers) and numbers[0][0] in _CENTURIES \
            and 10 <= numbers[1][0] <= 99:
        fired.add("year")
        numbers = [(numbers[0][0] * 100 + numbers[1][0], True)]
    tokens = [_written(value) for value, _ in numbers]
    trail_of_last = words[i - 1][2]
    if not percent and not trail_of_last and i + 1 < len(words) and words[i][1] == "per" and words[i + 1][1] == "cent" \
            and not words[i][2] and not words[i + 1][0]:
        percent, i = True, i + 2
    elif not percent and not trail_of_last and i < len(words) and words[i][1] == "percent" and not words[i][0]:
        percent, i = True, i + 1
    if percent:
        fired.add("percent")
        tokens.append("percent")
    elif currency is None and not trail_of_last and i < len(words) and words[i][1] in _CURRENCY_NAMES and not words[i][0]:
        currency, i = _CURRENCY_NAMES[words[i][1]], i + 1
    if currency:
        fired.add("currency")
        tokens.append(currency)
    return i, " ".join(tokens)


_KOREAN_DIGITS = {c: i for i, c in enumerate("영일이삼사오육칠팔구")}
_KOREAN_SMALL = {"십": 10, "백": 100, "천": 1000}
_KOREAN_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12}
_KOREAN_COUNTERS = ("원", "명", "달러", "개", "년", "번", "살", "주")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_GROUPED = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
_KOREAN_TOKEN = re.compile(r"^([\d,영일이삼사오육칠팔구십백천만억조]+?)(" + "|".join(_KOREAN_COUNTERS) + r")?$")


def _korean_value(numeral: str) -> int | None:
    """``삼십오`` -> 35, ``1억5천만`` -> 150000000; None when it is not a whole numeral.

    A lone numeral character (일, 이, 오, 만 ...) is an everyday word too, so a numeral needs
    at least two characters, one of them a place word (십 백 천 만 억 조).
    """
    if numeral.isdigit() or len(numeral) < 2 or not any(c in _KOREAN_SMALL or c in _KOREAN_LARGE for c in numeral):
        return None
    total = section = 0
    pending: int | None = None
    k = 0
    while k < len(numeral):
        c = numeral[k]
        if c.isdigit():
            j = k
            while j < len(numeral) and numeral[j].isdigit():
                j += 1
            if pending is not None:
                return None
            pending, k = int(numeral[k:j]), j
            continue
        if c in _KOREAN_DIGITS:
            if pending is not None:
                return None
            pending = _KOREAN_DIGITS[c]
        elif c in _KOREAN_SMALL:
            section += (1 if pending is None else pending) * _KOREAN_SMALL[c]
            pending = None
        elif c in _KOREAN_LARGE:
            section += pending or 0
            total += (section or 1) * _KOREAN_LARGE[c]
            section, pending = 0, None
        k += 1
    return total + section + (pending or 0)


def _korean(text: str, fired: set[str]) -> str:
    """Korean numerals and digit-plus-place forms as digits; ``1억 5천만`` (spaced places) as one number."""
    out: list[str] = []
    open_place = 0  # the large place (만, 억, 조) the previous word ended on, if it can be continued
    for word in text.split():
        match = _KOREAN_TOKEN.match(word)
        if match is None:
            value = None
        elif _GROUPED.match(match[1]):  # 35명 reads as 35 명, so it matches 삼십오 명
            value = int(match[1].replace(",", "")) if match[2] else None
        else:
            value = _korean_value(match[1])
        if value is None:
            out.append(word)
            open_place = 0
            continue
        fired.add("korean")
        if open_place > value:
            out[-1] = str(int(out[-1]) + value)  # 1억 5천만: one number written with a space
        else:
            out.append(str(value))
        open_place = 0
        if match[2]:  # type: ignore[index]
            out.append(match[2])  # type: ignore[index]
        elif match[1][-1] in _KOREAN_LARGE:  # type: ignore[index]
            open_place = _KOREAN_LARGE[match[1][-1]]  # type: ignore[index]
    return " ".join(out)

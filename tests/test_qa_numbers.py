"""The English (and Korean) number normaliser: written and spoken forms score as matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from castkit.qa.inputs import from_text
from castkit.qa.normalize import Normalization
from castkit.qa.numbers import RULES, normalize
from castkit.qa.score import compare

SAME = [
    # (written, said, rule that must be named)
    ("1.5 million", "1,500,000", "scale"),
    ("one hundred and twenty-seven", "127", "cardinal"),
    ("12th", "twelfth", "ordinal"),
    ("twenty-first", "21st", "ordinal"),
    ("$35", "35 dollars", "currency"),
    ("$35", "thirty-five dollars", "currency"),
    ("₩10,000", "10,000 won", "currency"),
    ("£3 million", "three million pounds", "currency"),
    ("8:30", "eight thirty", "time"),
    ("8:00", "eight o'clock", "time"),
    ("8:05", "eight oh five", "time"),
    ("5%", "five per cent", "percent"),
    ("3.5%", "three point five percent", "percent"),
    ("2024", "twenty twenty-four", "year"),
    ("1999", "nineteen ninety-nine", "year"),
    ("2–3", "two to three", "range"),
    ("a hundred people", "100 people", "cardinal"),
    ("one point five million", "1.5 million", "scale"),
    ("35억 원", "삼십오억 원", "korean"),
    ("1억 5천만 원", "150,000,000원", "korean"),
]


@pytest.mark.parametrize("written,said,rule", SAME)
def test_written_and_said_forms_become_the_same_tokens(written: str, said: str, rule: str) -> None:
    a, rules_a = normalize(written.casefold())
    b, rules_b = normalize(said.casefold())
    assert a.split() == b.split() or Normalization(numbers=True).tokens(written) == Normalization(numbers=True).tokens(said)
    assert rule in rules_a | rules_b


@pytest.mark.parametrize("text,expected", [
    ("one hundred and twenty-seven", "127"),
    ("1.5 million", "1500000"),
    ("$1.5 million", "1500000 dollars"),
    ("8:30", "8 30"),
    ("twelfth", "12th"),
    ("twenty, twenty-four", "20, 24"),       # a comma ends a number: not a year
    ("eight thirty", "8 30"),                # a clock time, not a year
    ("2 4", "2 4"),                          # two numbers written in digits stay two
    ("a b and c", "a b and c"),
    ("one, two and three", "1, 2 and 3"),
    ("이번 오늘 만", "이번 오늘 만"),            # everyday words that hold numeral characters
])
def test_hand_worked_forms(text: str, expected: str) -> None:
    assert normalize(text)[0] == expected


@pytest.mark.parametrize("written,said", [(w, s) for w, s, _ in SAME])
def test_pairs_score_as_matches_under_numbers(written: str, said: str) -> None:
    result = compare(from_text(f"they said {written} today", name="ref", kind="text"),
                     from_text(f"they said {said} today", name="hyp", kind="text"),
                     normalization=Normalization(numbers=True))
    assert result.counts.errors == 0, result.ops
    plain = compare(from_text(f"they said {written} today", name="ref", kind="text"),
                    from_text(f"they said {said} today", name="hyp", kind="text"))
    assert plain.counts.errors > 0  # without --numbers the forms differ


def test_the_report_lists_the_rules_that_applied() -> None:
    norm = Normalization(numbers=True)
    compare(from_text("$35 at 8:30", name="ref", kind="text"), from_text("35 dollars at eight thirty", name="hyp", kind="text"),
            normalization=norm)
    step = next(s for s in norm.steps() if s.startswith("numbers"))
    assert RULES["currency"] in step and RULES["time"] in step and RULES["ordinal"] not in step


NUMBERISH = st.lists(st.sampled_from(
    "one two twelve twenty thirty-five hundred thousand million and a point per cent percent $35 £2 ₩1,000 "
    "1,500,000 1.5 8:30 12th twelfth twenty-first 2–3 5% dollars won o'clock oh , . 삼십오 1억 5천만 원 명".split()),
    max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NUMBERISH, st.text()))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once, _ = normalize(text.casefold())
    assert normalize(once)[0] == once
    tokens = Normalization(numbers=True).tokens(text)
    assert Normalization(numbers=True).tokens(" ".join(tokens)) == tokens

"""Normalisation steps, substitution lists, number words and trn reading, by hand-worked cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from castkit.errors import BadInput
from castkit.qa.inputs import detect
from castkit.qa.normalize import Normalization, load_substitutions
from castkit.qa.trn import looks_like_trn, parse_trn


@pytest.mark.parametrize("options,text,tokens", [
    ({}, "Good\tevening,\u00a0Seoul!", ["good", "evening", "seoul"]),
    ({}, "It\u2019s Kim\u2019s \u201cletter\u201d", ["it's", "kim's", "letter"]),
    ({}, "Kim Jung-sil", ["kim", "jung-sil"]),
    ({"split_hyphens": True}, "Kim Jung-sil", ["kim", "jung", "sil"]),
    ({}, "U.S.-North Korea", ["us-north", "korea"]),
    ({}, "caf\u0065\u0301", ["caf\u00e9"]),
    ({}, "-- ... !", []),
    ({"numbers": True}, "one thousand people", ["1000", "people"]),
    ({"numbers": True}, "1,000 people", ["1000", "people"]),
    ({"numbers": True}, "8-hundred-87 votes", ["887", "votes"]),
    ({"numbers": True}, "two million three hundred thousand", ["2300000"]),
    ({"numbers": True}, "twenty-five to 30", ["25", "to", "30"]),
    ({"contractions": True}, "it's not what they'd want, isn't it", ["it", "is", "not", "what", "they", "would", "want", "is", "not", "it"]),
    ({"contractions": True}, "Kim's letter won't", ["kim's", "letter", "will", "not"]),
    ({"substitutions": (("U.S.", "United States"),)}, "the U.S. said", ["the", "united", "states", "said"]),
    ({"enabled": False}, "Good\tevening, Seoul!", ["Good", "evening,", "Seoul!"]),
])
def test_tokens(options: dict, text: str, tokens: list[str]) -> None:
    assert Normalization(**options).tokens(text) == tokens


def test_steps_name_what_was_done() -> None:
    steps = Normalization(numbers=True, substitutions=(("a", "b"),), substitutions_source="subs.toml").steps()
    assert steps[0] == "Unicode NFC" and any("subs.toml" in s for s in steps) and any("digits" in s for s in steps)
    assert Normalization(enabled=False).steps() == ["split on whitespace (raw tokens, no normalisation)"]


def test_substitution_lists(tmp_path: Path) -> None:
    toml = tmp_path / "subs.toml"
    toml.write_text('"U.S." = "US"\n"N. Korea" = "North Korea"\n')
    assert load_substitutions(toml) == (("U.S.", "US"), ("N. Korea", "North Korea"))
    lines = tmp_path / "subs.csv"
    lines.write_text("# comment\nU.S. = US\n\"Seoul, city\",Seoul\n")
    assert load_substitutions(lines) == (("U.S.", "US"), ("Seoul, city", "Seoul"))
    bad = tmp_path / "bad.csv"
    bad.write_text("only-one-field\n")
    with pytest.raises(BadInput, match="line 1"):
        load_substitutions(bad)


@given(st.text())
def test_normalising_is_idempotent(text: str) -> None:
    norm = Normalization(numbers=True, contractions=True, split_hyphens=True)
    once = norm.tokens(text)
    assert norm.tokens(" ".join(once)) == once
    assert all(t and not any(c.isspace() for c in t) for t in once)


def test_trn_reading() -> None:
    text = ";; header\nhello (world) there (spk-001)\n (spk-002)\n"
    assert looks_like_trn(text)
    utts = parse_trn(text)
    assert [(u.id, u.text, u.line) for u in utts] == [("spk-001", "hello (world) there", 2), ("spk-002", "", 3)]
    with pytest.raises(BadInput, match="line 2: utterance id 'a' already used on line 1"):
        parse_trn("x (a)\ny (a)\n")
    with pytest.raises(BadInput, match="line 1: no utterance id"):
        parse_trn("no id here\n")
    assert not looks_like_trn("An ordinary line.\nAnother (with a remark) line.\n")


def test_a_transcript_starting_with_a_number_is_text_not_srt() -> None:
    assert detect("42\nPeople were hurt in the fire.\n", "hyp.txt") == "text"
    assert detect("1\n00:00:01,000 --> 00:00:02,500\nHello\n", "hyp.txt") == "subtitles"
    assert detect("1\n00:00:01,000 --> 00:00:02,500\nHello\n", "hyp.srt") == "subtitles"

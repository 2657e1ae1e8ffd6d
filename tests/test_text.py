"""Sentence splitting, word and syllable counts of news copy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from castkit.text import hangul_syllables, is_korean, split_sentences, word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. President Donald Trump may be looking. N. Korea said no.",
            ["U.S. President Donald Trump may be looking.", "N. Korea said no."],
        ),
        ("Rep. Kim met Dr. Lee on St. Mark's Square.", ["Rep. Kim met Dr. Lee on St. Mark's Square."]),
        ("He arrived at 9 a.m. The talks began.", ["He arrived at 9 a.m.", "The talks began."]),
        ("Talks start at 10 a.m. Tuesday in Seoul.", ["Talks start at 10 a.m. Tuesday in Seoul."]),
        ("Officials from the U.S. Treasury came.", ["Officials from the U.S. Treasury came."]),
        ("Growth was 3.5 percent. Exports fell.", ["Growth was 3.5 percent.", "Exports fell."]),
        ("It cost 1,000 dollars. Then 8-hundred-87 more.", ["It cost 1,000 dollars.", "Then 8-hundred-87 more."]),
        ('He said "Go home." Then he left.', ['He said "Go home."', "Then he left."]),
        ('"Stop!" she said. “Now.” Why?', ['"Stop!" she said.', "“Now.”", "Why?"]),
        ("We waited... and waited. It came.", ["We waited... and waited.", "It came."]),
        ("Well,... It is hard. I think... Yes.", ["Well,... It is hard.", "I think...", "Yes."]),
        ("Donald J. Trump spoke.", ["Donald J. Trump spoke."]),
        ("No end", ["No end"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@given(st.lists(st.sampled_from(["Kim said no.", "U.S. troops left.", "Is it 3.5?", "\"Go.\"", "Rep. Lee won."]), min_size=1, max_size=8))
def test_split_sentences_recovers_joined_sentences(sentences: list[str]) -> None:
    assert split_sentences(" ".join(sentences)) == sentences


@given(st.text(max_size=200))
def test_split_sentences_keeps_every_word(text: str) -> None:
    assert " ".join(split_sentences(text)).split() == text.split()


_COPY = st.lists(st.sampled_from(list("ab XY.!?…\"'”’“‘)]([,\n\t\x0b\u2028\u00a03") + ["Dr", "U.S.", "The ", "a.m.", "No. ", ",..."]),
                 max_size=30).map("".join)


@given(st.one_of(_COPY, st.text(max_size=60)))
def test_one_sentence_shortcut_splits_as_every_mark_tried(text: str) -> None:
    """A line whose only marks end it is taken whole at once: exactly what trying each mark gives."""
    from castkit.text import _split_at_marks

    assert split_sentences(text) == _split_at_marks(text)


@given(st.text(st.sampled_from(list("ab .\n\t\x0b\x1c\r\u2028\u00a0\u3000")), max_size=12))
def test_last_word_is_what_the_pattern_finds(text: str) -> None:
    import re

    from castkit.text import _last_word

    found = re.search(r"(?<!\S)(\S+)$", text)
    assert _last_word(text) == (found.group(1) if found else "")


@given(st.text(st.sampled_from(["a", " ", "\n", "\t", "\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "é", "가",
                                 "\ud800", "\udfff", "\ufffe", "\uffff", "’", "\U0001F600"]), max_size=12) | st.text(max_size=40))
def test_printable_takes_out_what_the_pattern_does(text: str) -> None:
    """Text is told clean by its bytes; when it is not, the pattern takes out exactly the same characters."""
    from castkit.text import _UNPRINTABLE, printable

    assert printable(text) == _UNPRINTABLE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def test_counts() -> None:
    assert word_count("Kim Jung-sil, Arirang News. — 8-hundred-87") == 5
    assert hangul_syllables("북한이 트럼프 친서") == 8
    assert is_korean("북한이 트럼프 대통령의 친서를") and not is_korean("North Korea 북한")


def test_korean_width_counts_latin_letters_digits_spaces_and_punctuation_half() -> None:
    from castkit.subtitles.profiles import load_profile
    from castkit.text import korean_width

    assert korean_width("KBS 뉴스") == 2 + 4 / 2  # 뉴스, then K, B, S and the space
    assert korean_width("서울의 낮 기온이 36도") == 8 + 5 / 2  # eight syllables; 3 and 6 and three spaces
    korean = load_profile("broadcast").for_language("ko")
    line = "BTS 새 발매, 팬들 환호"  # 15 characters: 7 syllables, then B, T, S, a comma and four spaces
    assert len(line) == 15 and korean.width(line) == 7 + 8 / 2 and load_profile("broadcast").width(line) == 15
    assert korean.characters(["KBS 뉴스", "36도"]) == 4.0 + 2.0

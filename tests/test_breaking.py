"""The line breaker and cue splitter, by the BBC and Netflix rules, and their invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.subtitles.breaking import NAME, Names, break_costs, break_lines, sentences, split_cues


def test_one_line_when_it_fits():
    assert break_lines("Asked about the matter,", 37) == ["Asked about the matter,"]


def test_breaks_after_punctuation_first():
    assert break_lines("At the same time, Pyongyang appears to be doubling", 37) == ["At the same time,", "Pyongyang appears to be doubling"]


def test_never_splits_a_known_name():
    lines = break_lines("Our correspondent Kim Jung-sil has the story today at noon.", 37, keep=["Kim Jung-sil"])
    assert lines is not None and all("Kim Jung-sil" in line or "Kim" not in line for line in lines)


def test_never_leaves_article_or_number_at_line_end():
    for text in ("He said that officials rejected the new letter sent on Monday", "He said the 10 percent rise was a record for the company"):
        lines = break_lines(text, 37)
        assert lines is not None and len(lines) == 2
        assert lines[0].split()[-1].lower() not in {"the", "a", "an", "10"}


def test_a_known_name_is_found_whatever_its_case_punctuation_or_possessive():
    names = Names(["Kim Jung-sil", "Oh Jae-hyuk", "Single"])
    words = "Reporter KIM Jung-sil's story, and (Oh Jae-hyuk) too, not Oh Kim".split()
    assert names.spans(words) == {1, 5}
    costs = break_costs(words, names)
    assert [i for i, cost in enumerate(costs) if cost == NAME] == [1, 5]
    assert costs == break_costs(words, ["Kim Jung-sil", "Oh Jae-hyuk", "Single"])  # a list of names reads the same


def test_bottom_heavy_when_two_lines_are_needed():
    top, bottom = break_lines("Analysts say the regime may reflect deeper dissatisfaction", 37)
    assert len(bottom) >= len(top) - 6


def test_keeps_first_and_last_name_together_without_being_told():
    lines = break_lines("A letter was sent by President Donald Trump to the leader", 37)
    assert not lines[0].endswith("Donald")


def test_word_longer_than_a_line_is_not_hidden():
    assert break_lines("a " + "x" * 40, 37) is None
    cues = split_cues(["a", "x" * 40, "b"], 37, 2)
    assert any(max(len(line) for line in lines) > 37 for _, _, lines in cues)


def test_sentences_know_initials_and_titles():
    assert len(sentences("U.S. President Trump met Mr. Kim in N. Korea. Then he left.")) == 2


WORD = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzKJ-'.,"), min_size=1, max_size=14).filter(lambda w: w.strip(".,'-"))


@settings(max_examples=150, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=60), st.sampled_from([16, 32, 37, 42]), st.sampled_from([1, 2, 3]))
def test_split_conserves_words_and_respects_limits(words, max_chars, max_lines):
    cues = split_cues(words, max_chars, max_lines, keep=["Kim Jung-sil"])
    assert [w for _, _, lines in cues for line in lines for w in line.split()] == words
    assert [a for a, _, _ in cues] == [0] + [b for _, b, _ in cues[:-1]]
    for a, b, lines in cues:
        assert 1 <= len(lines) <= max_lines
        if any(len(line) > max_chars for line in lines):  # only an unbreakable word may overflow, alone
            assert b - a == 1 and len(words[a]) > max_chars


def test_the_line_break_set_is_large_and_every_line_has_an_acceptable_break():
    from bench_breaking import cases

    test_set = cases()
    assert len(test_set) >= 300
    assert all(case.acceptable for case in test_set)


def test_no_break_on_the_set_splits_a_number_from_its_noun_or_more_from_than():
    from bench_breaking import castkit_breaks, cases, greedy_breaks, score

    ours = score(castkit_breaks, cases())
    assert ours.number_splits == 0 and ours.more_than_splits == 0
    assert score(greedy_breaks, cases()).number_splits > 0  # the check does catch such breaks
    assert ours.percent >= 85


def test_new_copy_breaks_where_a_reader_expects():
    assert break_lines("More than 3,000 people have been moved from their homes.", 37) == [
        "More than 3,000 people", "have been moved from their homes."]
    assert break_lines("More than four thousand residents are still without power.", 37) == [
        "More than four thousand residents", "are still without power."]
    assert break_lines("Analysts had widely expected the bank to hold rates.", 37) == [
        "Analysts had widely expected", "the bank to hold rates."]
    assert break_lines("Officials called off the search late on Sunday night.", 37)[0] != "Officials called"

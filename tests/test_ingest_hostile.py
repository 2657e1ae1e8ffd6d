"""Hostile lines for the patterns that read user text in ingest: each is built to make a
backtracking pattern try every way to match, and must still be read. These tests assert the
result only; how long each takes is measured in scripts/bench_hostile.py."""

from __future__ import annotations

from castkit.ingest import parse_text
from castkit.ingest.bracket import _label
from castkit.ingest.handoffs import handoff_name, live_handoff_name
from castkit.ingest.labels import split_glued_labels
from castkit.ingest.signoffs import signoff
from castkit.ingest.soundbites import infer_speaker
from castkit.text import ends_sentence, split_sentences

LONG = 100_000


def test_a_hyphenated_run_is_no_name_a_pattern_tries_to_cut_into_words():
    run = "A-" * (LONG // 2) + "!"
    assert handoff_name(run) is None
    assert live_handoff_name(f"We go now to {run}") is None
    assert signoff(run[:90] + ", Arirang News.") is None
    assert infer_speaker(run + " said").name is None
    named = infer_speaker("A-" * (LONG // 2) + "A said").name  # a name word is at most 61 characters
    assert named.endswith("A-A") and len(named) <= 61


def test_spaces_after_a_name_are_read_once():
    assert handoff_name("Kim" + " " * LONG + "y") is None
    assert handoff_name("Kim reports on" + " " * LONG + ".x") is None
    assert live_handoff_name("We go now to Kim" + " " * LONG + "x") is None
    assert handoff_name("Kim" + " " * 10 + "reports from Busan.") == "Kim"


def test_many_lives_before_a_dash_are_read_once():
    assert live_handoff_name("live " * (LONG // 5) + "?") is None
    assert live_handoff_name("We are live " + "live " * (LONG // 5) + "-- Kim Jung-sil?") == "Kim Jung-sil"


def test_a_run_of_capitals_before_a_title_is_read_once():
    assert _label("A" * LONG + "! (Reporter): words") is None
    assert _label("KIM " * 4 + "(Reporter): words").name == "KIM KIM KIM KIM"
    parsed = parse_text("[Anchor Lead]\nGood evening.\n" + "A" * LONG + "! (Reporter): words\n", style="bracket")
    assert parsed.bulletin.stories[1].title.startswith("A" * 100)  # not a soundbite label: a title line, with a notice
    assert [g.topic for g in parsed.guesses] == ["story"]


def test_a_run_of_marks_is_one_sentence_end():
    assert split_sentences("!" * LONG + "x") == ["!" * LONG + "x"]
    assert split_sentences("Stop" + "!" * LONG + " Go.") == ["Stop" + "!" * LONG, "Go."]
    assert not ends_sentence(["!" * LONG + "x", "Next"], 0)
    assert ends_sentence(["Stop" + "!" * LONG, "Next"], 0)


def test_a_long_sentence_of_marks_that_end_nothing_is_one_sentence():
    text = "Dr. " * (LONG // 4) + "Kim spoke."
    assert split_sentences(text) == [text.strip()]


def test_glued_labels_in_a_long_line():
    line = "and thanks for watchingANNA LEE, CNN: Hello. " * (LONG // 45)
    text, count = split_glued_labels(line)
    assert count == LONG // 45
    assert text.count("\nANNA LEE, CNN: Hello.") == count


def test_an_out_cue_with_a_long_gap_is_read_once():
    from castkit.ingest.producer import _OUTCUE, _SUPER

    assert _OUTCUE.match("OUTCUE: and that is" + " " * LONG + "the end)").group("cue") == "and that is" + " " * LONG + "the end"
    assert _OUTCUE.match("OUTCUE: x" + " " * LONG + "y" * 3 + "]").group("cue").endswith(" yyy")
    assert _SUPER.match("SUPER: Kim Jung-sil" + " " * LONG + "/ Arirang").group("lines").startswith("Kim Jung-sil ")


def test_anchor_cues_and_speaker_lines_with_long_runs_are_read_once():
    from castkit.ingest.producer import _NAMED_BY, _ON_CAM

    assert _ON_CAM.match("[ANC: Aa Aa Aa" + " " * LONG + "x]") is None  # minutes of backtracking when written with \\s*
    assert _ON_CAM.match("[ANCHOR" + " ON" * (LONG // 3) + "]") is None
    assert _ON_CAM.match("[ANCHOR: DANA ON CAM]").group("talent") == "DANA"
    assert _NAMED_BY.match("(Ab" + " " * LONG + ", x" + " " * LONG + ")").group("name", "title") == ("Ab", "x")
    assert _NAMED_BY.match("(" + "A " * (LONG // 2) + ")") is None


def test_header_and_title_dates_among_many_brackets_and_spaces():
    from castkit.ingest.furniture import air_time
    from castkit.ingest.show import _title_date

    aired = air_time("[" * LONG + " Arirang News 2025-06-12 20:00")
    assert aired.when.isoformat() == "2025-06-12T20:00:00" and aired.has_time
    assert _title_date("Heat wave" + " \t" * LONG + "x") is None
    assert _title_date("Heat wave" + " " * LONG + "(2025.06.12)").isoformat() == "2025-06-12T00:00:00"


def test_soundbite_labels_with_long_runs_are_read_once():
    from castkit.ingest.bracket import _BLOCK

    assert _label("김순자" + " " * LONG + "x") is None
    assert _label("김순자 / 서울 : 좋아요").rest == "좋아요"
    assert _BLOCK.match("[Kim/" + "a" * LONG + "x") is None
    assert _BLOCK.match('[Kim/Analyst: "Yes."]').group("title") == "Analyst"

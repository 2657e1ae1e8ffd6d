"""Patterns that read user text stay linear: a 100,000-character hostile case for each one
rewritten, with the answer it must give (the time is measured by scripts/bench_hostile.py).

Each case was minutes of backtracking before: a lazy core between two runs of punctuation
(QA numbers), ``\\s*`` from every line start over blank lines (QA subtitle sniffing), an
override block running over every later ``{`` (subtitle fix).
"""

from __future__ import annotations

from castkit.qa.inputs import detect
from castkit.qa.numbers import normalize
from castkit.subtitles.cue import Cue
from castkit.subtitles.fix import fix_cues
from castkit.subtitles.profiles import load_profile

N = 100_000


def test_a_word_of_punctuation_round_a_number_keeps_its_edges():
    word = "(" * (N // 2) + "5" + "." * (N // 2)
    text, fired = normalize(f"one {word}")
    assert text == f"1 {word}" and fired == {"cardinal"}
    dots = "." * N + "a"
    assert normalize(f"5 {dots}") == (f"5 {dots}", set())


def test_blank_lines_are_not_taken_for_subtitles_and_a_timing_line_after_them_is():
    assert detect("hello\n" + "\n" * N + "world\n", "notes") == "text"
    assert detect("1\n" + " \n" * (N // 2) + "00:00:01,000 --> 00:00:02,000\nhello\n", "notes") == "subtitles"


def test_override_braces_in_a_cue_are_removed_in_one_pass():
    profile = load_profile("broadcast")
    opened = "{\\" * (N // 2)
    cues = [Cue(1000, 3000, [f"Good evening {opened}"]), Cue(4000, 6000, [opened + "} and welcome {\\an8"]),
            Cue(7000, 9000, ["<b" * (N // 2)])]
    fixed, _changes = fix_cues(cues, profile)
    assert [c.lines for c in fixed[:2]] == [["Good evening"], ["and welcome"]]

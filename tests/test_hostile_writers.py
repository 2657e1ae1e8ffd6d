"""Every writer escapes for its target: arbitrary text in every field reads back, with an
independent reader, as the same cues or rows it was written as, and never as more.

Each property feeds hypothesis' arbitrary Unicode (line breaks, control characters, timing
lines, tags, override braces, commas, pipes) into one writer and reads the file back with
what a broadcaster would use: the ``srt`` library (strict), pysubs2, webvtt-py, ffmpeg and
Python's ``csv``.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess

import pysubs2
import pytest
import srt
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from castkit.audio.load import ffmpeg
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats import WORD_JOINER, render, text_lines
from castkit.subtitles.formats.ass import escape as ass_escape
from castkit.subtitles.formats.ass import field as ass_field
from castkit.subtitles.formats.srt import escape as srt_escape
from castkit.subtitles.profiles import load_profile

TRICKS = [
    "00:00:00,000 --> 99:00:00,000", "00:00:01.000 --> 00:00:02.000", "", " ", "\r", "\n\n", "\r\n\r\n",
    "1", "-->", "--->", "<b>", "</v>", "<v Anna>", "&amp;", "{\\an8}", "{\\fs200\\pos(960,540)}", "\\N",
    "\\n", "{", "}", ",", "|", "[bold]", "WEBVTT", "NOTE", "\u2028", "\x85", "\v", "\x1c", "10:00",
]
"""Text that forms cue or field syntax in some format, mixed into arbitrary Unicode."""

text = st.lists(st.one_of(st.text(), st.sampled_from(TRICKS)), max_size=5).map("".join)
line_lists = st.lists(text, min_size=1, max_size=3).map(lambda lines: lines if text_lines(lines) else [*lines, "…"])
"""A cue's lines: castkit never builds a cue with nothing to show."""
speakers = st.one_of(st.none(), text)


def cues_from(draws: list[tuple[list[str], str | None]]) -> Subtitles:
    cues = [Cue(1000 + n * 3000, 3000 + n * 3000, lines, speaker=who) for n, (lines, who) in enumerate(draws)]
    return Subtitles(cues=cues, profile=load_profile("broadcast"))


cue_draws = st.lists(st.tuples(line_lists, speakers), min_size=1, max_size=4)


def ffmpeg_cue_count(data: str, suffix: str, tmp_path) -> int:
    """How many cues ffmpeg reads in a subtitle file (converted to SRT, timing lines counted)."""
    path = tmp_path / f"in{suffix}"
    path.write_text(data, encoding="utf-8")
    done = subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-i", str(path), "-f", "srt", "-"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return sum(1 for line in done.stdout.decode("utf-8").splitlines() if TIMING.fullmatch(line))


TIMING = re.compile(r"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d")


EXAMPLES = int(os.environ.get("CASTKIT_FUZZ_EXAMPLES", "80"))
"""Examples per property (``make fuzz`` runs thousands); the ffmpeg ones run a fifth as many."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=max(15, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# ------------------------------------------------------------------ SRT


@SETTINGS
@given(cue_draws)
def test_srt_reads_back_as_the_same_cues(draws):
    subs = cues_from(draws)
    written = render(subs, "srt")
    parsed = list(srt.parse(written))
    assert len(parsed) == len(subs.cues)
    for cue, back in zip(subs.cues, parsed):
        assert (back.start.total_seconds() * 1000, back.end.total_seconds() * 1000) == (cue.start_ms, cue.end_ms)
        assert back.content == "\n".join(srt_escape(line) for line in text_lines(cue.lines))
    again = pysubs2.SSAFile.from_string(written, format_="srt")
    assert [(e.start, e.end) for e in again.events] == [(c.start_ms, c.end_ms) for c in subs.cues]


@FEW
@given(cue_draws)
def test_ffmpeg_reads_the_srt_as_the_same_cues(tmp_path, draws):
    subs = cues_from(draws)
    assert ffmpeg_cue_count(render(subs, "srt"), ".srt", tmp_path) == len(subs.cues)


def test_a_timing_line_in_the_copy_is_text_in_the_srt():
    subs = cues_from([(["Before", "00:00:00,000 --> 99:00:00,000", "", "7", "after --> it"], "Anna")])
    written = render(subs, "srt")
    assert written.count("-->") == 1 and "\n\n" not in written.strip()
    assert [c.content for c in srt.parse(written)] == [f"Before\n00:{WORD_JOINER}00:{WORD_JOINER}00,000 -> 99:{WORD_JOINER}00:{WORD_JOINER}00,000\n7\nafter -> it"]


# ------------------------------------------------------------------ WebVTT


@SETTINGS
@given(cue_draws)
def test_vtt_reads_back_as_the_same_cues(draws):
    subs = cues_from(draws)
    parsed = list(webvtt.from_string(render(subs, "vtt")))
    assert len(parsed) == len(subs.cues)
    for cue, back in zip(subs.cues, parsed):
        assert (back.start_in_seconds * 1000, back.end_in_seconds * 1000) == (cue.start_ms, cue.end_ms)
        assert html.unescape(back.text) == "\n".join(text_lines(cue.lines))
    again = pysubs2.SSAFile.from_string(render(subs, "vtt"), format_="vtt")
    assert [(e.start, e.end) for e in again.events] == [(c.start_ms, c.end_ms) for c in subs.cues]


@FEW
@given(cue_draws)
def test_ffmpeg_reads_the_vtt_as_the_same_cues(tmp_path, draws):
    subs = cues_from(draws)
    assert ffmpeg_cue_count(render(subs, "vtt"), ".vtt", tmp_path) == len(subs.cues)


# ------------------------------------------------------------------ ASS


@SETTINGS
@given(cue_draws)
def test_ass_reads_back_as_the_same_events_names_and_text(draws):
    subs = cues_from(draws)
    events = pysubs2.SSAFile.from_string(render(subs, "ass"), format_="ass").events
    assert len(events) == len(subs.cues)
    for cue, back in zip(subs.cues, events):
        assert (back.start, back.end) == (cue.start_ms, cue.end_ms)
        assert back.name == ass_field(cue.speaker or "")
        assert back.plaintext.rstrip() == "\n".join(ass_escape(line) for line in text_lines(cue.lines)).rstrip()  # a line ends where its text does
        assert "{" not in back.text and "}" not in back.text  # no override block, however the copy looked


@FEW
@given(cue_draws)
def test_ffmpeg_reads_the_ass_as_the_same_events(tmp_path, draws):
    subs = cues_from(draws)
    assert ffmpeg_cue_count(render(subs, "ass"), ".ass", tmp_path) == len(subs.cues)


def test_override_braces_and_commas_in_a_name_stay_text_in_ass():
    subs = cues_from([(["{\\an8}Top?", "{\\fs200\\pos(960,540)}Huge?"], "Park, Ji-min\nfake")])
    events = pysubs2.SSAFile.from_string(render(subs, "ass"), format_="ass").events
    assert len(events) == 1 and events[0].name == "Park\u201a Ji-min fake"
    assert events[0].plaintext == "\uff5b\\\u2060an8\uff5dTop?\n\uff5b\\\u2060fs200\\\u2060pos(960,540)\uff5dHuge?"


# ------------------------------------------------------------------ CSV and Markdown


def _sheet(titles: list[str]):
    from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
    from castkit.rundown import build_sheet

    stories = [Story(title=t, slug=t, elements=[Element(Kind.ANCHOR, "Good evening.", Speaker(t, role=Role.ANCHOR))])
               for t in titles]
    return build_sheet(Bulletin(title=titles[0], stories=stories))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(text, min_size=1, max_size=4))
def test_csv_rows_read_back_whole(titles):
    from castkit.rundown import render as render_rundown

    sheet = _sheet(titles)
    rows = list(csv.reader(io.StringIO(render_rundown(sheet, "csv"), newline="")))
    assert len(rows) == 1 + len(titles) and len({len(r) for r in rows}) == 1


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(text, min_size=1, max_size=4))
def test_markdown_rows_stay_rows(titles):
    from markdown_it import MarkdownIt

    from castkit.rundown import render as render_rundown

    sheet = _sheet(titles)
    tokens = MarkdownIt().enable("table").parse(render_rundown(sheet, "markdown"))
    widths: list[int] = []
    for token in tokens:
        if token.type == "tr_open":
            widths.append(0)
        elif token.type in ("td_open", "th_open"):
            widths[-1] += 1
    assert len(widths) == 1 + len(sheet.blocks()) + len(titles)
    assert len(set(widths)) == 1


def test_a_carriage_return_cannot_break_a_markdown_row():
    from castkit.rundown.markdown import cell

    assert "\r" not in cell("one\rtwo\r\nthree\u2028four") and "\n" not in cell("a\nb")


pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def test_lint_names_a_timing_line_injected_into_an_srt_and_finds_none_in_castkits():
    from castkit.subtitles.lint import lint_text

    profile = load_profile("broadcast")
    injected = "1\n00:00:01,000 --> 00:00:03,000\nHello\n00:00:00,000 --> 99:00:00,000\n\n2\n00:00:04,000 --> 00:00:06,000\nWorld\n"
    assert [p.cue for p in lint_text(injected, profile, format="srt").problems if p.rule == "timing-in-text"] == [1]
    ours = render(cues_from([(["Hello", "00:00:00,000 --> 99:00:00,000"], None)]), "srt")
    assert not [p for p in lint_text(ours, profile, format="srt").problems if p.rule == "timing-in-text"]

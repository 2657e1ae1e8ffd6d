"""Rundown maths against the hand-computed table in rundown_bulletin.py."""

from __future__ import annotations

import json

from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st
from rundown_bulletin import bulletin, words_of

from castkit.model import Bulletin, Element, Kind, Speaker, Story
from castkit.rundown.sheet import build_sheet, clock_text, slug_for
from castkit.timings import ElementTiming, Status, Timeline

EXPECTED = [
    # page, slug, format, read, runs, est, cume, front, back (block A to the 20:04:00 hit, B to the end)
    ("A1", "OPEN", "OPEN", 0, 10, 10, 0, "20:00:00", "20:00:29"),
    ("A2", "FLOODS", "RDR", 15, 0, 15, 10, "20:00:10", "20:00:39"),
    ("A3", "LETTER", "PKG", 11, 102, 113, 25, "20:00:25", "20:00:54"),
    ("A4", "SPARE", "RDR", 10, 0, 10, None, "", ""),
    ("A5", "MARKET", "VO/SOT", 4, 9, 13, 138, "20:02:18", "20:02:47"),
    ("A6", "BREAK", "BREAK", 0, 60, 60, 151, "20:02:31", "20:03:00"),
    ("B1", "WEATHER", "RDR", 10, 0, 10, 211, "20:04:00", "20:04:42"),
    ("B2", "VOICES", "SOT", 0, 8, 8, 221, "20:04:10", "20:04:52"),
]


def test_rows_match_the_hand_computed_table():
    sheet = build_sheet(bulletin())
    got = [
        (r.page, r.slug, r.format, r.read_s, r.runs_s, r.est_s, r.cume_s, clock_text(r.front_ms), clock_text(r.back_ms))
        for r in sheet.rows
    ]
    assert got == EXPECTED


def test_totals_over_under_and_hit():
    sheet = build_sheet(bulletin())
    assert (sheet.read_s, sheet.runs_s, sheet.est_s) == (40, 189, 229)
    assert sheet.est_s == sum(r[5] for r in EXPECTED if r[6] is not None)  # floated A4 left out
    assert sheet.projected_s == 258 and clock_text(sheet.projected_end_ms) == "20:04:18"
    assert (sheet.over_under_s, sheet.over_under) == (-42, "UNDER 0:42")
    weather = sheet.rows[6]
    assert weather.hit_gap_s == 29 and weather.notes == "hit 20:04:00: gap 0:29"
    blocks = sheet.blocks()
    assert [(b.letter, b.time_s, clock_text(b.target_ms), b.over_under) for b in blocks] == [
        ("A", 211, "20:04:00", "UNDER 0:29"),  # ends 20:03:31, before the weather hit
        ("B", 18, "20:05:00", "UNDER 0:42"),
    ]
    assert not [n for n in sheet.notices if n.topic == "rundown"]  # every hit is made


def test_estimates_rates_and_targets_are_marked():
    rows = build_sheet(bulletin()).rows
    assert rows[7].runs_estimated and rows[7].runs == "~0:08"
    assert not rows[2].runs_estimated and rows[2].runs == "1:42"
    assert rows[6].rate == "144 wpm" and rows[2].rate == "180 wpm"
    assert rows[2].words == 33  # lead 27 + tag 6; the package's words are not read time
    assert (rows[2].diff_s, rows[2].diff) == (3, "OVER 0:03")


def test_outcues_and_supers():
    rows = build_sheet(bulletin()).rows
    assert rows[2].outcue == 'SOC "Kim Jung-sil, Arirang News."'
    assert rows[4].outcue == '"…up again"'
    assert rows[1].outcue == '"…w41 w42 homes tonight."'
    supers = [s.text for s in rows[2].supers]
    assert supers == [
        "NAME? / TITLE? [CHECK: speaker unknown]",
        "Cheong Seong-chang / Sejong Institute [CHECK: speaker inferred]",
        "Lee Min-ho / Shop owner, Mapo-gu",
        "Kim Jung-sil / Correspondent",
    ]


def test_an_overloaded_show_is_over_and_an_exact_one_exact():
    show = bulletin()
    show.slot_ms = 258_000
    assert build_sheet(show).over_under == "EXACT"
    show.slot_ms = 246_000
    assert build_sheet(show).over_under == "OVER 0:12"


def test_end_instead_of_slot_and_no_start():
    show = bulletin()
    show.slot_ms, show.end_ms = None, (20 * 3600 + 5 * 60) * 1000
    assert build_sheet(show).over_under == "UNDER 0:42"
    show.start_ms = show.end_ms = None
    sheet = build_sheet(show)
    assert sheet.over_under == "" and sheet.rows[6].front_ms is None and sheet.rows[6].cume_s == 211


def test_actual_from_a_measured_timeline():
    show = Bulletin(stories=[Story(elements=[Element(Kind.ANCHOR, words_of(30))])])
    timeline = Timeline([ElementTiming(0, "anchor", None, 1000, 13_400, Status.MEASURED, story=0)])
    row = build_sheet(show, timeline=timeline).rows[0]
    assert (row.est_s, row.actual_s, row.diff_s, row.diff) == (10, 12, 2, "OVER 0:02")


def test_slug_from_title():
    assert slug_for(Story(title="N. Korea refusing to accept letter")) == "N-KOREA-REFUSING"
    assert slug_for(Story(title="")) == "UNTITLED"


@given(st.lists(st.integers(1, 400), min_size=1, max_size=12))
def test_totals_are_the_sum_of_the_displayed_seconds(counts):
    show = Bulletin(stories=[Story(elements=[Element(Kind.SOUNDBITE, words_of(n))]) for n in counts], start_ms=0, slot_ms=0)
    sheet = build_sheet(show)
    assert sheet.est_s == sum(r.est_s for r in sheet.rows) == sum(r.read_s + r.runs_s for r in sheet.rows)
    assert sheet.over_under_s == sheet.est_s
    assert sheet.rows[-1].back_ms == -sheet.rows[-1].est_s * 1000


def test_korean_copy_is_timed_in_syllables_marked_uncalibrated_until_measured():
    copy = "북한이 트럼프 대통령의 친서를 받지 않았다고 전했습니다"
    show = Bulletin(stories=[Story(slug="KO", language="ko", talent="Park", elements=[Element(Kind.ANCHOR, copy)])])
    row = build_sheet(show).rows[0]
    assert (row.words, row.unit.value, row.rate) == (24, "syllables", "330 spm?")
    assert [n.message for n in build_sheet(show).notices] == [
        "timed at 330 spm?, a rate no one has measured: measure it with --audio or set RATE"
    ]
    timeline = Timeline([ElementTiming(0, "anchor", "Park", 0, 4000, Status.MEASURED, story=0)])
    measured = build_sheet(show, timeline=timeline)
    (sample,) = measured.rate_samples
    assert (sample.presenter, sample.language, sample.units, sample.per_minute) == ("Park", "ko", 24, 360.0)
    assert sample.label == "Park (ko) 360 spm over 24 syllables in 0:04"
    assert measured.notices == [] and measured.measured_rates == {}  # presenter wpm stay English-only



def test_a_measured_korean_rate_feeds_the_next_estimate_through_the_rates_file(tmp_path):
    from castkit.ingest.markup import to_markup
    from castkit.timings import dumps

    copy = "북한이 트럼프 대통령의 친서를 받지 않았다고 전했습니다"
    show = Bulletin(stories=[Story(slug="KO", language="ko", talent="Park", elements=[Element(Kind.ANCHOR, copy, Speaker("Park"))])])
    script, timings, rates = tmp_path / "ko.castkit", tmp_path / "t.json", tmp_path / "rates.json"
    script.write_text(to_markup(show), encoding="utf-8")
    timings.write_text(dumps(Timeline([ElementTiming(0, "anchor", "Park", 0, 4000, Status.MEASURED, story=0)])), encoding="utf-8")
    assert run_cli("rundown", str(script), "--timings", str(timings), "--save-rates", str(rates)).returncode == 0
    assert json.loads(rates.read_text(encoding="utf-8"))["syllable_rates"] == {"Park": 360.0}
    result = run_cli("rundown", str(script), "--rates", str(rates), "--json")
    (row,) = json.loads(result.stdout)["rows"]
    assert (row["rate"], row["read_s"]) == ("360 spm", 4)  # 24 syllables at the measured 360 a minute, no longer "330 spm?"
    assert "no one has measured" not in result.stderr.decode()

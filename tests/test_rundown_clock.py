"""The show clock at the edges a real show reaches: midnight, hits it can and cannot make, blocks, after air.

The midnight show (fixtures/rundown/midnight.castkit), hand-computed, start 23:55:00, hard out 00:04:00:

| page | slug      | time | front    | back (to)      | cume |
|------|-----------|------|----------|----------------|------|
| A1   | HEADLINES | 90   | 23:55:00 | 23:57:15 (A4)  | 0    |
| A2   | FLOODS    | 15   | 23:56:30 | 23:58:45 (A4)  | 90   |  PAD
| A3   | LETTER    | 120  | 23:56:45 | 23:59:00 (A4)  | 105  |
| A4   | WEATHER   | 60   | 00:01:00 | 00:02:30 (END) | 225  |  HIT 00:01:00, gap 2:15
| A5   | CLOSE     | 30   | 00:02:00 | 00:03:30 (END) | 285  |

The show ends 00:02:30, 90 s before the hard out: UNDER 1:30.
"""

from __future__ import annotations

import csv
import io
import json
import re

from conftest import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from rundown_bulletin import words_of

from castkit.ingest import parse_file
from castkit.model import Bulletin, Element, Format, Kind, Story
from castkit.rundown import build_sheet, render
from castkit.rundown.columns import footer
from castkit.rundown.sheet import clock_text
from castkit.timing import DAY_MS, parse_clock, show_clock
from castkit.timings import ElementTiming, Status, Timeline

MIDNIGHT = FIXTURES / "rundown" / "midnight.castkit"
SHOW = ("--start", "23:55:00", "--end", "00:04:00")
H = 3600 * 1000


def _midnight(hit: str | None = None) -> Bulletin:
    show = parse_file(MIDNIGHT).bulletin
    show.start_ms, show.end_ms = parse_clock("23:55:00"), parse_clock("00:04:00")
    if hit:
        show.stories[3].hit_ms = parse_clock(hit)
    return show


def test_midnight_show_with_a_hit_times_right_in_the_sheet():
    sheet = build_sheet(_midnight())
    got = [(r.page, r.time_s, clock_text(r.front_ms), clock_text(r.back_ms), r.back_to, r.cume_s) for r in sheet.rows]
    assert got == [
        ("A1", 90, "23:55:00", "23:57:15", "A4", 0),
        ("A2", 15, "23:56:30", "23:58:45", "A4", 90),
        ("A3", 120, "23:56:45", "23:59:00", "A4", 105),
        ("A4", 60, "00:01:00", "00:02:30", "END", 225),
        ("A5", 30, "00:02:00", "00:03:30", "END", 285),
    ]
    assert sheet.rows[3].hit_gap_s == 135 and sheet.rows[1].story.pad
    assert (sheet.over_under_s, sheet.over_under, clock_text(sheet.projected_end_ms)) == (-90, "UNDER 1:30", "00:02:30")
    assert sheet.end_ms - sheet.start_ms == 9 * 60 * 1000 and sheet.slot_s == 540
    assert not sheet.missed_hits


def test_midnight_show_in_every_export_has_no_negative_or_24_hour_values():
    result = run_cli("rundown", str(MIDNIGHT), *SHOW, "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["totals"]["over_under"] == "UNDER 1:30" and data["totals"]["over_under_s"] == -90
    assert data["totals"]["projected_end"] == "00:02:30" and data["end"] == "00:04:00"
    assert [r["back"] for r in data["rows"]] == ["23:57:15", "23:58:45", "23:59:00", "00:02:30", "00:03:30"]
    sheet = build_sheet(_midnight())
    for name in ("table", "csv", "html", "markdown", "json", "prompter"):
        text = render(sheet, name)
        assert "UNDER 24" not in text and not re.search(r"\b(2[4-9]|[3-9]\d):\d\d:\d\d", text), name
        assert "-86" not in text, name
        if name not in ("csv", "prompter"):
            assert "UNDER 1:30" in text, name
    rows = list(csv.DictReader(io.StringIO(render(sheet, "csv"))))
    assert [r["front"] for r in rows] == ["23:55:00", "23:56:30", "23:56:45", "00:01:00", "00:02:00"]
    assert all(not r[k].startswith("-") for r in rows for k in r if k.endswith("_s") and k != "over_under_s")


def test_a_hit_the_running_order_cannot_make_is_the_headline_with_the_seconds_to_cut(tmp_path):
    sheet = build_sheet(_midnight("23:58:35"))  # 225 s of stories before it, only 215 s to get there
    (missed,) = sheet.missed_hits
    assert (missed.row.page, missed.cut_s, [r.page for r in missed.pad], missed.pad_s) == ("A4", 10, ["A2"], 15)
    assert footer(sheet)[0] == ("CUT", "0:10 before A4 (hit 23:58:35)")
    assert missed.message.endswith("pad A2 (0:15) covers it")
    far = build_sheet(_midnight("23:55:05")).missed_hits[0]  # 3:40 to cut, no story that long
    assert far.message.endswith("cut 3:40 before it; pad A2 (0:15) is not enough; no single story before it is long enough to float instead")
    script = tmp_path / "late.castkit"
    script.write_text(MIDNIGHT.read_text(encoding="utf-8").replace("HIT: 00:01:00", "HIT: 23:57:00"), encoding="utf-8")
    result = run_cli("rundown", str(script), *SHOW)
    err = result.stderr.decode()
    assert result.returncode == 0 and (
        "hit 23:57:00 (A4 WEATHER) cannot be made: cut 1:45 before it; pad A2 (0:15) is not enough; "
        "floating A3 LETTER (2:00) would cover it") in err
    assert "CUT 1:45 before A4 (hit 23:57:00)" in result.stdout.decode().split("\n")  # its own line above the totals
    assert run_cli("rundown", str(script), *SHOW, "--strict").returncode == 1
    data = json.loads(run_cli("rundown", str(script), *SHOW, "--json").stdout)
    assert data["cuts"] == [{"page": "A4", "hit": "23:57:00", "cut_s": 105, "pad": ["A2"], "pad_s": 15, "float": "A3"}]
    assert any("cannot be made" in n["message"] for n in data["notices"])


def test_block_carries_over_and_a_break_opens_the_next_block():
    def story(slug: str, block: str | None = None, fmt: Format | None = None) -> Story:
        return Story(slug=slug, block=block, format=fmt or Format.RDR, runs_ms=10_000)

    show = Bulletin(stories=[story("A"), story("B", "B"), story("C"), story("D"), story("BRK", fmt=Format.BREAK),
                             story("E"), story("F", "X1"), story("G")])
    pages = [(r.page, r.block) for r in build_sheet(show).rows]
    assert pages == [("A1", "A"), ("B1", "B"), ("B2", "B"), ("B3", "B"), ("B4", "B"), ("C1", "C"), ("D1", "D"), ("D2", "D")]


def test_block_targets_over_under_to_the_next_hit():
    show = _midnight("00:00:00")
    show.stories[3].block = "B"
    blocks = build_sheet(show).blocks()
    assert [(b.letter, clock_text(b.ends_ms), clock_text(b.target_ms), b.over_under) for b in blocks] == [
        ("A", "23:58:45", "00:00:00", "UNDER 1:15"),
        ("B", "00:01:30", "00:04:00", "UNDER 2:30"),
    ]
    assert blocks[0].label == "BLOCK A · EST 3:45 · TARGET 00:00:00 · UNDER 1:15"


def test_fill_stays_out_of_the_sums_and_pad_is_counted():
    show = _midnight()
    show.stories.append(Story(slug="SPARE", fill=True, format=Format.RDR, runs_ms=40_000))
    sheet = build_sheet(show)
    assert sheet.time_s == 315 and sheet.pad_s == 15 and sheet.fill_s == 40
    assert ("PAD", "0:15") in footer(sheet) and ("FILL", "0:40") in footer(sheet)
    assert sheet.rows[-1].floated and sheet.rows[-1].front_ms is None


def test_after_air_totals_over_under_and_ends_use_actual():
    show = _midnight()
    show.stories[2].elements = [Element(Kind.ANCHOR, words_of(30)), Element(Kind.TRACK, words_of(300))]
    show.stories[2].runs_ms = 120_000
    timeline = Timeline([ElementTiming(0, "anchor", None, 0, 12_000, Status.MEASURED, story=2),
                         ElementTiming(1, "track", None, 12_400, 162_400, Status.MEASURED, story=2)])  # LETTER aired 2:42
    sheet = build_sheet(show, timeline=timeline)
    letter = sheet.rows[2]
    assert (letter.read_s, letter.runs, letter.runs_measured, letter.est_s) == (10, "2:30", True, 160)  # RUNS as aired, plain
    assert (letter.actual_s, letter.time_s, letter.diff, letter.running_diff) == (162, 162, "OVER 0:02", "OVER 0:02")
    assert sheet.est_s == 355 and sheet.actual_s == 162 and sheet.time_s == 357
    assert clock_text(sheet.rows[0].back_ms) == "23:56:33"  # the measured time counts
    assert clock_text(sheet.rows[3].front_ms) == "00:01:00"  # the hit still holds
    pairs = dict(footer(sheet))
    assert pairs["ACTUAL"] == "2:42" and pairs["TOTAL"] == "5:57"
    as_run = next(r for r in csv.DictReader(io.StringIO(render(sheet, "csv"))) if r["page"] == "A3")
    assert [as_run[k] for k in ("est", "actual", "over_under", "running_s")] == ["0:02:40", "0:02:42", "OVER 0:02", "2"]
    mos = render(sheet, "mos")["roCreate.xml"].decode()
    assert "<actual>2:42</actual>" in mos and "<runningOverUnder>OVER 0:02</runningOverUnder>" in mos
    timeline.elements[0] = ElementTiming(0, "track", None, 0, 130_000, Status.MEASURED, story=4)  # CLOSE, after the hit
    show.stories[4].elements = [Element(Kind.TRACK, words_of(90))]
    sheet = build_sheet(show, timeline=timeline)
    assert (sheet.over_under, clock_text(sheet.projected_end_ms)) == ("OVER 0:10", "00:04:10")


def test_show_clock_places_a_time_of_day_either_side_of_midnight():
    start = (23 * 60 + 55) * 60 * 1000
    assert show_clock(60_000, start) == DAY_MS + 60_000  # 00:01 in a 23:55 show is 24:01
    assert show_clock(start - 600_000, start) == start - 600_000
    assert show_clock(20 * H, 19 * H) == 20 * H and show_clock(1 * H, 20 * H) == DAY_MS + H


# ---------------------------------------------------------------- invariants over random running orders

stories = st.lists(
    st.tuples(st.integers(0, 400), st.booleans(), st.booleans(), st.integers(0, 86_399)),  # seconds, float, has hit, hit
    min_size=1, max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(stories, st.integers(0, 86_399), st.integers(1, 4 * 3600))
def test_clock_invariants_over_random_running_orders(spec, start_s, slot_s):
    start = start_s * 1000
    show = Bulletin(start_ms=start, end_ms=(start + slot_s * 1000) % DAY_MS, stories=[
        Story(slug=f"S{n}", format=Format.RDR, runs_ms=secs * 1000, floated=floated,
              hit_ms=(start + hit // 24 * 1000) % DAY_MS if has_hit else None)  # within an hour of the start
        for n, (secs, floated, has_hit, hit) in enumerate(spec)
    ])
    sheet = build_sheet(show)
    rows = sheet.counted
    end = sheet.end_ms
    assert end - start == slot_s * 1000  # a hard out past midnight is the next day
    for row, after in zip(rows, rows[1:]):
        assert after.cume_s == row.cume_s + row.time_s >= row.cume_s  # CUME grows by each story's time
        if after.hit_ms is None:
            assert after.front_ms == row.front_ms + row.time_s * 1000  # FRONT + duration = next FRONT
        else:
            assert after.front_ms == after.hit_ms and after.hit_gap_s * 1000 == after.hit_ms - row.front_ms - row.time_s * 1000
    for n, row in enumerate(rows):
        following = rows[n:]
        anchor = next((k for k, r in enumerate(following) if k and r.hit_ms is not None), None)
        remaining = sum(r.time_s for r in following[:anchor])
        target = end if anchor is None else following[anchor].hit_ms
        assert row.back_ms + remaining * 1000 == target  # BACK + remaining = hard out (or the next hit)
        assert abs(row.front_ms - start) < DAY_MS and abs(row.back_ms - start) < 2 * DAY_MS
    if rows:
        assert sheet.projected_end_ms == rows[-1].front_ms + rows[-1].time_s * 1000
        assert sheet.over_under_s * 1000 == sheet.projected_end_ms - end
    assert [m.cut_s for m in sheet.missed_hits] == [-r.hit_gap_s for r in rows if (r.hit_gap_s or 0) < 0]
    for text in (clock_text(r.front_ms) for r in rows):
        assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d", text)

"""The on-air clock of a show that crosses midnight: now, hits and the end on one clock."""

from __future__ import annotations

from conftest import FIXTURES

from castkit.ingest import parse_file
from castkit.rundown import build_sheet
from castkit.rundown.show import ShowFacts
from castkit.studio.air import DAY_MS, Started, clock
from castkit.timing import format_clock, parse_clock


def midnight_sheet():
    bulletin = parse_file(FIXTURES / "rundown" / "midnight.castkit").bulletin
    ShowFacts(start_ms=parse_clock("23:55:00"), end_ms=parse_clock("00:04:00")).apply(bulletin)
    return build_sheet(bulletin)


def test_before_air_the_clock_projects_from_the_planned_start_and_agrees_with_the_sheet():
    sheet = midnight_sheet()
    state = clock(sheet, list(range(len(sheet.rows))), [], parse_clock("23:50:00"))
    # 3:45 of stories from 23:55 reach 23:58:45; WEATHER waits for its 00:01:00 hit, then 1:30 more
    assert state["projected_end"] == "00:02:30" == format_clock(sheet.projected_end_ms % DAY_MS)
    assert state["over_under"] == "UNDER 1:30" == sheet.over_under
    assert state["hit"]["hit"] == "00:01:00" and state["hit"]["arrive"] == "23:58:45"


def test_after_midnight_the_running_order_is_late_not_a_day_early():
    sheet = midnight_sheet()
    state = clock(sheet, list(range(len(sheet.rows))), [], parse_clock("00:00:30"))  # not started yet at 00:00:30
    assert state["hit"]["arrive"] == "00:04:15"  # 3:45 of stories from now, not from 23:55 a day later
    assert state["hit"]["over_under"] == "OVER 3:15"  # the 00:01:00 hit is missed unless 3:15 is cut
    assert state["projected_end"] == "00:02:30"  # cut to make the hit, the show still ends as planned
    assert state["to_make_it"] == []


def test_a_late_show_floats_only_what_comes_after_the_last_hit():
    sheet = midnight_sheet()
    ids = list(range(len(sheet.rows)))
    weather = next(i for i, row in zip(ids, sheet.rows) if row.slug == "WEATHER")
    state = clock(sheet, ids, [Started(weather, parse_clock("00:03:00"))], parse_clock("00:03:30"))  # on two minutes late
    assert state["projected_end"] == "00:04:30" and state["over_under"] == "OVER 0:30"
    assert state["to_make_it"] == ["float A5 CLOSE (0:30)"]

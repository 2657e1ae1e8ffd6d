"""The on-air clock of a show that crosses midnight: now, hits and the end on one clock."""

from __future__ import annotations

from conftest import FIXTURES

from castkit.ingest import parse_file
from castkit.rundown import build_sheet
from castkit.rundown.show import ShowFacts
from castkit.studio.air import clock
from castkit.timing import parse_clock


def midnight_sheet():
    bulletin = parse_file(FIXTURES / "rundown" / "midnight.castkit").bulletin
    ShowFacts(start_ms=parse_clock("23:55:00"), end_ms=parse_clock("00:04:00")).apply(bulletin)
    return build_sheet(bulletin)


def test_before_air_the_clock_projects_from_the_planned_start():
    sheet = midnight_sheet()
    state = clock(sheet, list(range(len(sheet.rows))), [], parse_clock("23:50:00"))
    assert state["projected_end"] == "00:00:15"  # 5:15 of stories from 23:55
    assert state["over_under"] == "UNDER 3:45"


def test_after_midnight_the_running_order_is_late_not_a_day_early():
    sheet = midnight_sheet()
    state = clock(sheet, list(range(len(sheet.rows))), [], parse_clock("00:00:30"))  # not started yet at 00:00:30
    assert state["projected_end"] == "00:05:45"  # 5:15 of stories from now, not from 23:55 a day later
    assert state["over_under"] == "OVER 1:45"  # against the 00:04:00 hard out

"""The rundown read back by the programs a newsroom uses: LibreOffice Calc and Sofie's MOS library.

LibreOffice (Debian's ``libreoffice-calc``, headless) recalculates a copy of the XLSX that a
producer edited and must land on the numbers castkit computes for the same edit; it also
opens the CSV and sums its durations. ``@mos-connection/helper`` (npm, installed into
tests/node by scripts/install_test_tools.sh) parses the MOS ``roCreate`` under two time
zones and must read the same start instant. Each skips loudly when its program is missing.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
import subprocess
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import to_excel
from conftest import FIXTURES, ROOT, needs_calc, run_cli
from rundown_bulletin import bulletin

from castkit.ingest import parse_file
from castkit.rundown import Options, build_sheet, write
from castkit.timing import parse_clock
from castkit.timings import ElementTiming, Status, Timeline

NODE = shutil.which("node")
NODE_DIR = ROOT / "tests" / "node"
HELPER = NODE_DIR / "node_modules" / "@mos-connection" / "helper"
MIDNIGHT = FIXTURES / "rundown" / "midnight.castkit"
DAY_S = 86_400

needs_helper = pytest.mark.skipif(
    NODE is None or not HELPER.is_dir(),
    reason="MOS LIBRARY TEST SKIPPED: node or @mos-connection/helper missing (scripts/install_test_tools.sh installs it into tests/node)",
)


def _seconds(value) -> int | None:
    """A LibreOffice cell value in seconds: durations, times of day and times past midnight."""
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):
        return round(value.total_seconds())
    if isinstance(value, datetime):  # a time past midnight: day 1 of the spreadsheet's calendar
        return round(to_excel(value) * 86_400)
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    return round(value) if isinstance(value, (int, float)) else None


def _read(path: Path) -> tuple[dict[str, dict[str, object]], dict[str, object]]:
    """Rows by page and the labelled facts below them, as LibreOffice computed them."""
    ws = openpyxl.load_workbook(path, data_only=True).active
    header = [c.value for c in ws[4]]
    rows: dict[str, dict[str, object]] = {}
    facts: dict[str, object] = {}
    for values in ws.iter_rows(min_row=5, values_only=True):
        if values[0] is None:
            continue
        if values[1] is not None and isinstance(values[0], str) and values[0][:1].isalpha() and values[0][1:].isdigit():
            rows[values[0]] = dict(zip(header, values))
        elif values[0] == "TOTAL":
            facts.update({f"TOTAL {k}": v for k, v in zip(header, values) if k and v is not None and k != "PG"})
        else:
            facts[values[0]] = values[1]
    return rows, facts


def _agree(sheet, path: Path) -> None:
    """Every number castkit shows equals the one LibreOffice computed from the formulas."""
    rows, facts = _read(path)
    assert set(rows) == {r.page for r in sheet.rows}
    for row in sheet.rows:
        got = rows[row.page]
        assert _seconds(got["EST"]) == row.est_s, row.page
        assert (got["+/- s"] if got["+/- s"] != "" else None) == row.diff_s, row.page
        if row.floated:
            assert got["FRONT"] is None and got["CUME"] is None and got["BACK"] is None
            continue
        assert _seconds(got["TIME"]) == row.time_s, row.page
        assert _seconds(got["CUME"]) == row.cume_s, row.page
        assert _seconds(got["FRONT"]) - row.front_ms // 1000 in (0, DAY_S), row.page  # the same time of day
        assert _seconds(got["BACK"]) - row.back_ms // 1000 in (0, DAY_S), row.page
        assert _seconds(got["BACK"]) >= 0 and _seconds(got["FRONT"]) >= 0  # no negative time, which shows as ####
        assert (got["Σ+/- s"] if got["Σ+/- s"] != "" else None) == row.running_diff_s, row.page
        assert (got["+/-"] or "") == row.diff and (got["Σ+/-"] or "") == row.running_diff, row.page
    assert _seconds(facts["TOTAL READ"]) == sheet.read_s and _seconds(facts["TOTAL RUNS"]) == sheet.runs_s
    assert _seconds(facts["TOTAL EST"]) == sheet.est_s and _seconds(facts["TOTAL TIME"]) == sheet.time_s
    assert _seconds(facts.get("TOTAL ACTUAL")) == sheet.actual_s  # blank, not 0:00:00, when nothing was measured
    assert _seconds(facts["ENDS"]) - sheet.projected_end_ms // 1000 in (0, DAY_S)
    assert (facts["OVER/UNDER s"], facts["OVER/UNDER"]) == (sheet.over_under_s, sheet.over_under)
    for block in sheet.blocks():
        if block.over_under_s is not None:
            assert facts[f"BLOCK {block.letter} +/- s"] == block.over_under_s
    for row in sheet.counted:
        if row.hit_gap_s is not None:
            assert facts[f"HIT {row.page} gap s (− = cut)"] == row.hit_gap_s


@needs_calc
def test_libreoffice_recalculates_an_edited_sheet_to_castkits_numbers(calc, tmp_path):
    path = tmp_path / "rundown.xlsx"
    write(build_sheet(bulletin()), "xlsx", str(path))
    book = openpyxl.load_workbook(path)
    ws = book.active
    header = [c.value for c in ws[4]]
    runs, actual = header.index("RUNS") + 1, header.index("ACTUAL") + 1
    ws.cell(7, runs).value = 132 / 86_400  # the producer re-times A3 LETTER's package: 1:42 -> 2:12
    ws.cell(9, actual).value = 20 / 86_400  # and A5 MARKET aired in 0:20
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    show = copy.deepcopy(bulletin())
    show.stories[2].runs_ms = 132_000
    timeline = Timeline([ElementTiming(0, "anchor", None, 0, 20_000, Status.MEASURED, story=4)])
    expected = build_sheet(show, timeline=timeline)
    assert [m.cut_s for m in expected.missed_hits] == [8]  # block A no longer makes the 20:04:00 hit
    _agree(expected, calc(edited, "xlsx:Calc MS Excel 2007 XML"))
    _agree(build_sheet(bulletin()), calc(path, "xlsx:Calc MS Excel 2007 XML"))  # and the sheet as written


@needs_calc
def test_libreoffice_times_the_midnight_show_like_castkit(calc, tmp_path):
    show = parse_file(MIDNIGHT).bulletin
    show.start_ms, show.end_ms = parse_clock("23:55:00"), parse_clock("00:04:00")
    sheet = build_sheet(show)
    path = tmp_path / "midnight.xlsx"
    write(sheet, "xlsx", str(path))
    _agree(sheet, calc(path, "xlsx:Calc MS Excel 2007 XML"))
    assert sheet.over_under == "UNDER 1:30"
    show.start_ms, show.end_ms = parse_clock("00:00:10"), parse_clock("00:05:10")  # just after midnight, and heavy
    show.stories[3].hit_ms = None
    heavy = build_sheet(show)
    assert heavy.rows[0].back_ms < 0 and heavy.over_under == "OVER 0:15"  # had to start 23:59:55 the day before
    path = tmp_path / "after-midnight.xlsx"
    write(heavy, "xlsx", str(path))
    _agree(heavy, calc(path, "xlsx:Calc MS Excel 2007 XML"))


@needs_calc
def test_libreoffice_reads_the_csv_durations_and_sums_them_right(calc, tmp_path):
    sheet = build_sheet(bulletin())
    path = tmp_path / "rundown.csv"
    write(sheet, "csv", str(path))
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    opened = calc(path, "xlsx:Calc MS Excel 2007 XML", infilter="CSV:44,34,76,1,,1033")
    book = openpyxl.load_workbook(opened)
    ws = book.active
    letter = {name: openpyxl.utils.get_column_letter(header.index(name) + 1) for name in ("est", "read", "runs", "float", "front")}
    last = len(sheet.rows) + 1
    for n, key in enumerate(("est", "read", "runs"), start=2):
        ws.cell(last + n, 1).value = f'=SUMIF({letter["float"]}2:{letter["float"]}{last},"false",{letter[key]}2:{letter[key]}{last})*86400'
    book.save(opened)
    summed = openpyxl.load_workbook(calc(opened, "xlsx:Calc MS Excel 2007 XML"), data_only=True).active
    totals = [round(summed.cell(last + n, 1).value) for n in (2, 3, 4)]
    assert totals == [sheet.est_s, sheet.read_s, sheet.runs_s] == [229, 40, 189]  # not 18,120 s of hours and minutes
    assert _seconds(summed[f"{letter['front']}3"].value) == 20 * 3600 + 10  # 20:00:10 read as a time of day


def _read_mos(path: Path, zone: str) -> dict:
    done = subprocess.run([NODE, str(NODE_DIR / "read_mos.js"), str(path)], capture_output=True, timeout=120,
                          env=dict(os.environ, TZ=zone))
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@needs_helper
def test_sofies_mos_library_reads_the_same_start_instant_in_any_time_zone(tmp_path):
    out = tmp_path / "mos"
    result = run_cli("rundown", str(MIDNIGHT), "--start", "23:55:00", "--end", "00:04:00", "--tz", "Asia/Seoul",
                     "--format", "mos", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    seoul, utc = _read_mos(out / "roCreate.xml", "Asia/Seoul"), _read_mos(out / "roCreate.xml", "UTC")
    assert seoul == utc
    assert utc["start"] == "2025-06-12T14:55:00.000Z"  # 23:55 in Seoul (UTC+9)
    assert utc["duration_s"] == 9 * 60 and [s["slug"] for s in utc["stories"]] == ["HEADLINES", "FLOODS", "LETTER", "WEATHER", "CLOSE"]
    write(build_sheet(bulletin()), "mos", str(tmp_path / "london"), Options(tz="Europe/London"))
    london = _read_mos(tmp_path / "london" / "roCreate.xml", "Asia/Seoul")
    assert london["start"] == "2025-06-12T19:00:00.000Z" and len(london["stories"]) == 7  # summer time: UTC+1


def test_an_unknown_time_zone_is_bad_input():
    result = run_cli("rundown", str(MIDNIGHT), "--tz", "Mars/Olympus", "--format", "json")
    assert result.returncode == 2 and "unknown time zone" in result.stderr.decode()

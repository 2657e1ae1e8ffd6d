"""Rundowns kept as spreadsheets: castkit's own CSV and XLSX read back into the same rundown, and
producers' sheets in several newsroom habits give the stories, formats, times and hits they hold."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

import pytest
from conftest import FIXTURES, SEED, needs_calc, run_cli
from openpyxl import Workbook

from castkit.errors import BadInput
from castkit.ingest import parse_file, parse_text
from castkit.ingest.detect import detect
from castkit.ingest.spreadsheet import clock_ms, duration_ms
from castkit.model import Format, Kind
from castkit.rundown import csv_export, xlsx
from castkit.rundown.exports import Options
from castkit.rundown.sheet import build_sheet, clock_text

SHEETS = FIXTURES / "spreadsheet"
ROUND_TRIP = [FIXTURES / "producer" / "evening-rundown.txt", FIXTURES / "rundown" / "midnight.castkit",
              FIXTURES / "rundown" / "bulletin.json", SEED]


def _columns(sheet) -> list[tuple]:
    """What a spreadsheet carries of each row: the rundown columns a producer plans with."""
    return [(r.page, r.slug, r.format, r.talent, r.reporter, r.read_s, r.runs_s, r.est_s, r.target_s, clock_text(r.hit_ms),
             r.floated, r.story.pad, r.story.fill, r.outcue) for r in sheet.rows]


def _totals(sheet) -> tuple:
    return len(sheet.counted), sheet.read_s, sheet.runs_s, sheet.est_s, sheet.pad_s, sheet.fill_s


def _ms(minutes: int, seconds: int) -> int:
    return (minutes * 60 + seconds) * 1000


def _clock(hours: int, minutes: int, seconds: int = 0) -> int:
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


@pytest.mark.parametrize("script", ROUND_TRIP, ids=lambda p: p.name)
def test_castkits_own_csv_reads_back_into_the_same_rundown(script) -> None:
    sheet = build_sheet(parse_file(script).bulletin)
    parsed = parse_text(csv_export.render(sheet, Options()))
    back = build_sheet(parsed.bulletin)
    assert parsed.style == "spreadsheet" and not parsed.warnings
    assert _columns(back) == _columns(sheet)
    assert _totals(back) == _totals(sheet)
    assert [r.block for r in back.rows] == [r.block for r in sheet.rows]
    assert back.start_ms == sheet.start_ms  # the first story's FRONT is when the show starts
    assert [r.front_ms for r in back.rows] == [r.front_ms for r in sheet.rows]


def test_castkits_seconds_only_csv_reads_back_too() -> None:
    sheet = build_sheet(parse_file(ROUND_TRIP[0]).bulletin)
    back = build_sheet(parse_text(csv_export.render(sheet, Options(seconds_only=True))).bulletin)
    assert _columns(back) == _columns(sheet) and _totals(back) == _totals(sheet)


def test_castkits_seconds_columns_win_over_the_text_beside_them() -> None:
    story = parse_text("slug,read,read_s,runs,runs_s\nA,0:00:13,12.6,0:02:00,119\n").bulletin.stories[0]
    assert (story.elements[0].runs_ms, story.runs_ms) == (12_600, 119_000)


def test_the_notes_castkit_derives_are_not_read_back_into_the_script() -> None:
    sheet = build_sheet(parse_file(ROUND_TRIP[2]).bulletin)
    text = csv_export.render(sheet, Options())
    assert "hit 20:04:00: gap" in text and "'=HYPERLINK" in text
    back = parse_text(text).bulletin
    assert [s.notes for s in back.stories] == [s.notes for s in parse_file(ROUND_TRIP[2]).bulletin.stories]


@pytest.mark.parametrize("script", ROUND_TRIP, ids=lambda p: p.name)
def test_castkits_own_xlsx_reads_back_into_the_same_rundown(script, tmp_path) -> None:
    sheet = build_sheet(parse_file(script).bulletin)
    path = tmp_path / "rundown.xlsx"
    path.write_bytes(xlsx.render(sheet, Options()))
    parsed = parse_file(path)
    back = build_sheet(parsed.bulletin)
    assert parsed.style == "spreadsheet" and not parsed.warnings
    assert _columns(back) == _columns(sheet)
    assert _totals(back) == _totals(sheet)
    assert (back.title, back.date, back.start_ms, back.end_ms, back.slot_s) == (sheet.title, sheet.date, sheet.start_ms, sheet.end_ms, sheet.slot_s)
    # EST is a formula openpyxl never computed: it is not read, and that is said
    blank = [n.message for n in parsed.notices if n.topic == "timing"]
    assert blank == [f"formula cells with no saved value, not read: EST ({len(sheet.rows)}); "
                     "open and save the workbook in a spreadsheet program to keep their values"]
    assert "TOTAL" in parsed.dropped  # the totals row and the footer under it are not stories


@needs_calc
def test_a_workbook_saved_by_a_spreadsheet_program_gives_its_formulas_saved_values(calc, tmp_path) -> None:
    sheet = build_sheet(parse_file(ROUND_TRIP[0]).bulletin)
    path = tmp_path / "rundown.xlsx"
    path.write_bytes(xlsx.render(sheet, Options()))
    parsed = parse_file(calc(path, "xlsx:Calc MS Excel 2007 XML"))  # LibreOffice computes EST and saves it
    back = build_sheet(parsed.bulletin)
    assert not parsed.warnings and [n.topic for n in parsed.notices] == ["style"]  # no blank formula left
    assert _columns(back) == _columns(sheet) and _totals(back) == _totals(sheet)


@pytest.mark.parametrize("path", sorted(SHEETS.iterdir()), ids=lambda p: p.name)
def test_detection_picks_the_spreadsheet_style(path) -> None:
    assert detect(path.read_text("utf-8")) == "spreadsheet"


def test_us_local_rundown_with_a_totals_row() -> None:
    parsed = parse_file(SHEETS / "kxyz-6pm-rundown.csv")
    stories = parsed.bulletin.stories
    assert [(s.page, s.slug, s.format, s.talent) for s in stories] == [
        ("A1", "COLD OPEN", Format.OPEN, None), ("A2", "COUNCIL VOTE", Format.RDR, "DANA"),
        ("A3", "I-40 CRASH", Format.VOSOT, "DANA/MIKE"), ("A4", "SCHOOL BOND", Format.PKG, "MIKE"),
        ("A5", "BREAK 1", Format.BREAK, None), ("B1", "WEATHER", Format.LIVE, "TOM"),
        ("B2", "SPORTS", Format.VO, "RAY"), ("B3", "KICKER", Format.VO, "DANA"),
    ]
    assert [s.runs_ms for s in stories] == [_ms(0, 20), _ms(0, 25), _ms(1, 5), _ms(1, 52), _ms(2, 0), _ms(2, 30), _ms(0, 45), _ms(0, 35)]
    assert [s.hit_ms for s in stories] == [_clock(18, 0), None, None, None, None, _clock(18, 10), None, None]  # 6:00:00 PM, 6:10 PM
    assert stories[2].notes == "SOT: Sgt. Lee, THP"
    sheet = build_sheet(parsed.bulletin)
    assert [r.est_s for r in sheet.rows] == [20, 25, 65, 112, 120, 150, 45, 35]
    assert sheet.est_s == 9 * 60 + 32  # what the sheet's own TOTAL row says
    assert parsed.dropped == ["TOTAL | 9:32"]
    notices = [(n.topic, n.message) for n in parsed.notices]
    assert notices == [
        ("style", "spreadsheet columns read: PG, SLUG, TAL, FMT, TIME, HIT, NOTES; not read: CAM, WRTR"),
        ("timing", "7 stories have no copy: their TIME is taken as their running time"),
    ]


def test_uk_running_order_with_a_title_row() -> None:
    parsed = parse_file(SHEETS / "look-north-running-order.csv")
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("BBC LOOK NORTH", "2026-12-03", _clock(18, 30))
    assert [(s.page, s.slug, s.format, s.talent, s.runs_ms) for s in bulletin.stories] == [
        ("1", "Headlines", Format.TEASE, "Harry & Amy", _ms(0, 45)),  # Item is the page, Title the slug
        ("2", "Rail strike", Format.PKG, "Harry", _ms(2, 10)),
        ("3", "Flood warnings", Format.VOSOT, "Amy", _ms(1, 5)),
        ("4", "Weather", Format.LIVE, "Paul", _ms(3, 0)),
        ("5", "Close", Format.CLOSE, "Harry & Amy", _ms(0, 20)),
    ]
    assert bulletin.stories[3].notes == "Hard out 18:59"
    sheet = build_sheet(bulletin)
    assert (sheet.est_s, clock_text(sheet.rows[-1].front_ms)) == (440, "18:37:00")
    assert not parsed.warnings and [n.topic for n in parsed.notices] == ["timing"]  # every column read


def test_semicolon_export_with_read_runs_float_and_outcues() -> None:
    parsed = parse_file(SHEETS / "brussels-export.csv")
    stories = parsed.bulletin.stories
    assert [(s.page, s.slug, s.format, s.correspondent, s.floated) for s in stories] == [
        ("10", "EU SUMMIT", Format.PKG, "Jan Novak", False), ("20", "ENERGY PRICES", Format.VO, None, False),
        ("30", "MARKETS", Format.RDR, None, True), ("40", "FOOTBALL", Format.SOT, None, False),
    ]
    sheet = build_sheet(parsed.bulletin)
    assert [(r.read_s, r.runs_s, r.est_s) for r in sheet.rows] == [(12, 108, 120), (25, 0, 25), (15, 0, 15), (8, 22, 30)]
    assert [r.outcue for r in sheet.rows] == ["...Jan Novak, Brussels.", "", "", "...first the goal; then the red card."]
    assert (sheet.read_s, sheet.runs_s, sheet.est_s) == (45, 130, 175)  # MARKETS floated: out of the sums
    assert not parsed.notices


def test_tsv_whose_script_column_holds_the_copy() -> None:
    parsed = parse_file(SHEETS / "late-desk.tsv")
    stories = parsed.bulletin.stories
    fire = stories[0]
    assert [(e.kind, e.speaker.name) for e in fire.elements] == [(Kind.ANCHOR, "Mia Chen")]
    assert fire.elements[0].text.startswith("Fire crews spent the night") and fire.elements[0].text.endswith("find the cause.")
    assert (fire.runs_ms, fire.target_ms) == (_ms(0, 15), _ms(0, 25))  # SOT time is RUNS; TIME beside copy is the target
    assert (stories[2].slug, stories[2].format, stories[2].runs_ms, stories[2].elements) == ("COMMERCIAL BREAK", Format.BREAK, _ms(2, 0), [])
    sheet = build_sheet(parsed.bulletin)
    assert [(r.words, r.read_s, r.runs_s, r.est_s) for r in sheet.rows] == [(28, 9, 15, 24), (22, 7, 0, 7), (0, 0, 120, 120), (13, 4, 0, 4)]
    assert sheet.rows[0].diff == "UNDER 0:01"
    assert [r.block for r in sheet.rows] == ["A", "A", "A", "B"]


def test_a_cell_that_is_not_a_time_is_a_warning_naming_row_and_column() -> None:
    parsed = parse_file(SHEETS / "late-desk.tsv")
    assert parsed.warnings == ["row 3, column Time: 'TBC' is not a running time (write 1:30, :30, 90 or 1'30\"): left blank"]
    assert parsed.bulletin.stories[1].target_ms is None
    bad_hit = parse_text("Slug,Format,Time,Hit\nA,RDR,:20,soon\nB,RDR,:10,25:00\n")
    assert bad_hit.warnings == ["row 2, column Hit: 'soon' is not a time of day (write 20:05:00): left blank",
                                "row 3, column Hit: '25:00' is not a time of day (write 20:05:00): left blank"]
    runaway = parse_text("Slug,Format,Time\nA,RDR," + "9" * 100_000 + "\n")
    assert runaway.warnings == ["row 2, column Time: '" + "9" * 39 + "…' is not a running time (write 1:30, :30, 90 or 1'30\"): left blank"]


def _workbook(path) -> None:
    """A producer's workbook: a notes sheet first, then the rundown with typed time cells under a title row."""
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["Remember: no live truck on Fridays"])
    ws = book.create_sheet("Rundown")
    ws.append(["Channel 9 Evening News", date(2026, 12, 3), time(19, 0)])
    ws.append([])
    ws.append(["No.", "Story", "Fmt", "Reader", "Rptr", "Length", "Hit", "Drop", "Comments", "Graphics"])
    ws.append([1, "TOP STORY", "PKG", "Lee", "Ana Diaz", timedelta(minutes=2, seconds=5), None, None, "lead", "OTS map"])
    ws.append([2, "ROADWORKS", "VO", "Lee", None, time(0, 0, 40), None, "x", None, None])
    ws.append([3, "WEATHER", "LIVE", "Kim", None, 90 / 86400, time(19, 5), None, None, None])
    ws.append([4, "SPORTS", "VO/SOT", "Kim", None, "1'15\"", None, None, None, "score card"])
    ws.append([5, "CLOSE", "CLOSE", "Lee", None, "=D9", None, None, None, None])
    ws.append(["Total", None, None, None, None, "=SUM(F4:F8)"])
    book.save(path)


def test_xlsx_with_time_typed_cells(tmp_path) -> None:
    path = tmp_path / "evening.xlsx"
    _workbook(path)
    parsed = parse_file(path)
    bulletin = parsed.bulletin
    assert parsed.style == "spreadsheet"
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("Channel 9 Evening News", "2026-12-03", _clock(19, 0))
    assert [(s.page, s.slug, s.format, s.talent, s.correspondent, s.runs_ms, s.hit_ms, s.floated) for s in bulletin.stories] == [
        ("1", "TOP STORY", Format.PKG, "Lee", "Ana Diaz", _ms(2, 5), None, False),
        ("2", "ROADWORKS", Format.VO, "Lee", None, _ms(0, 40), None, True),
        ("3", "WEATHER", Format.LIVE, "Kim", None, _ms(1, 30), _clock(19, 5), False),
        ("4", "SPORTS", Format.VOSOT, "Kim", None, _ms(1, 15), None, False),
        ("5", "CLOSE", Format.CLOSE, "Lee", None, None, None, False),
    ]
    notices = [(n.topic, n.message) for n in parsed.notices]
    assert notices == [
        ("style", "spreadsheet columns read: No., Story, Fmt, Reader, Rptr, Length, Hit, Drop, Comments; not read: Graphics"),
        ("timing", "4 stories have no copy: their TIME is taken as their running time"),
        ("timing", "formula cells with no saved value, not read: Length (1); "
                   "open and save the workbook in a spreadsheet program to keep their values"),
    ]
    sheet = build_sheet(bulletin)
    assert [clock_text(r.front_ms) for r in sheet.counted] == ["19:00:00", "19:05:00", "19:06:30", "19:07:45"]  # ROADWORKS dropped
    assert sheet.rows[2].hit_gap_s == 175  # TOP STORY ends 19:02:05, the hit is 19:05


@pytest.mark.parametrize(("cell", "ms"), [
    ("1:30", 90_000), ("0:01:30", 90_000), (":30", 30_000), ("90", 90_000), ("1'30\"", 90_000), ("1' 30", 90_000),
    ("1m30s", 90_000), ("2 min", 120_000), ("45 secs", 45_000), ("45s", 45_000), (time(0, 1, 30), 90_000), (timedelta(seconds=90), 90_000),
    (90 / 86400, 90_000), (90, 90_000), ("", None), (None, None),
])
def test_running_times_as_sheets_write_them(cell, ms) -> None:
    assert duration_ms(cell) == ms


def test_a_time_given_only_in_castkits_seconds_column_is_warned_about_by_that_column() -> None:
    parsed = parse_text("Slug,Script,est_s,target_s\nA,Hello there,30,40\n", style="spreadsheet")
    assert parsed.warnings == ["row 2, column est_s: not read: the row has copy, timed at the read rate, and a TARGET"]


@pytest.mark.parametrize(("cell", "ms"), [
    ("1:5", 65_000), ("0:59", 59_000), ("100:01", 6_001_000), (" 1:30 ", 90_000), ("\u0661:\u0663\u0660", 90_000),
    ("1:30.5", 90_500), ("1:02:03", 3_723_000),
])
def test_minutes_and_seconds_are_read_as_every_duration_is(cell, ms) -> None:
    """m:ss is read without a pattern: any digits, seconds under 60; other spellings take the general rule."""
    assert duration_ms(cell) == ms


@pytest.mark.parametrize("cell", ["TBC", "1:75", "1:60", "-1:30", "1::30", "1'75\"", "about 2 min", "1,5", "m", True])
def test_what_is_not_a_running_time(cell) -> None:
    with pytest.raises(ValueError):
        duration_ms(cell)


@pytest.mark.parametrize(("cell", "ms"), [("20:05", 72_300_000), ("20:05:30", 72_330_000), ("8:05 PM", 72_300_000),
                                          ("12:10 am", 600_000), (time(20, 5), 72_300_000), (0.5, 43_200_000)])
def test_times_of_day(cell, ms) -> None:
    assert clock_ms(cell) == ms


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty table"),
    ("Slug,Format,Time\n", "empty table: no story rows"),
    ("Page,Format,Time,Talent\nA1,RDR,:20,DANA\n", "no slug or story column in the header (Page, Format, Time, Talent)"),
])
def test_an_empty_table_or_one_without_slugs_is_refused(text, message) -> None:
    with pytest.raises(BadInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_text(text, style="spreadsheet")


def test_rundown_command_exports_a_spreadsheet_rundown(tmp_path) -> None:
    out = tmp_path / "out.csv"
    result = run_cli("rundown", str(SHEETS / "kxyz-6pm-rundown.csv"), "--start", "18:00:00", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [(r["page"], r["slug"], r["format"], r["est_s"], r["hit"]) for r in rows][:2] == [
        ("A1", "COLD OPEN", "OPEN", "20", "18:00:00"), ("A2", "COUNCIL VOTE", "RDR", "25", "")]
    assert rows[-1]["front"] == "18:13:15"  # the 18:10 hit, WEATHER 2:30, SPORTS 0:45, then KICKER
    assert "not read: CAM, WRTR" in result.stderr.decode()


def test_rundown_command_reads_an_xlsx(tmp_path) -> None:
    path = tmp_path / "evening.xlsx"
    _workbook(path)
    out = tmp_path / "out.csv"
    result = run_cli("rundown", str(path), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [(r["slug"], r["est_s"], r["float"]) for r in rows] == [
        ("TOP STORY", "125", "false"), ("ROADWORKS", "40", "true"), ("WEATHER", "90", "false"), ("SPORTS", "75", "false"), ("CLOSE", "0", "false")]
    strict = run_cli("rundown", str(path), "--strict", "--format", "csv", "-o", str(tmp_path / "strict.csv"))
    assert strict.returncode == 1  # the columns not read and the blank formula are notices


def test_rundown_command_refuses_a_table_without_slugs(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Page,Format,Time,Talent\nA1,RDR,:20,DANA\n", "utf-8")
    result = run_cli("rundown", str(path))
    err = result.stderr.decode().strip()
    assert result.returncode == 2 and len(err.splitlines()) == 1 and "no slug or story column" in err and "bad.csv" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli("rundown", str(broken))
    assert result.returncode == 2 and "not a readable Excel workbook" in result.stderr.decode()


@pytest.mark.parametrize(("suffix", "advice"), [(".ods", ".xlsx or .csv"), (".xls", ".xlsx or .csv"), (".odt", ".docx or plain text")])
def test_office_files_castkit_does_not_read_are_refused_with_what_to_save_them_as(tmp_path, suffix, advice) -> None:
    path = tmp_path / f"rundown{suffix}"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    done = run_cli("rundown", str(path))
    assert done.returncode == 2
    assert done.stderr.decode() == f"castkit: error: {path}: castkit does not read this file type: save it as {advice}\n"


def test_a_workbook_number_that_is_not_finite_is_no_time() -> None:
    from castkit.ingest.spreadsheet import _NotATime

    for bad in (float("inf"), float("nan")):
        with pytest.raises(_NotATime):
            clock_ms(bad)
        with pytest.raises(_NotATime):
            duration_ms(bad)

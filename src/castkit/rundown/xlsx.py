"""XLSX export: a live spreadsheet whose clock follows the producer's edits.

Durations are Excel times (fractions of a day, ``[h]:mm:ss``) and times of day ``hh:mm:ss``
on the show clock, which runs on past midnight (24:01 shows as 00:01:00). The cells a
producer types are values — READ, RUNS, TARGET, ACTUAL, HIT and the show's START, END and
SLOT; everything castkit derives from them is a formula over the row cells: EST = READ +
RUNS, TIME (ACTUAL once measured, else EST), CUME, FRONT (chained through hits), BACK (to
the next hit or the end), +/-, the as-run difference, the block and show totals, ENDS and
OVER/UNDER. Editing a duration re-times everything downstream, the way castkit would.

RUNS estimated from words is shown ``~0:08`` in italics; ACTUAL is blank, not zero, where
nothing was measured. Text that would run as a formula is stored as plain text with Excel's
quote prefix: the only formulas in the workbook are castkit's own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from castkit.rundown.cells import FORMULA_START
from castkit.rundown.columns import COLUMNS, Column, header
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Row, Sheet
from castkit.timing import DAY_MS

DAY_S = DAY_MS // 1000
DURATION = "[h]:mm:ss"
ESTIMATED = '"~"[h]:mm:ss'
CLOCK = "hh:mm:ss"
FIRST_ROW = 5  # title, show facts, legend, blank, then the column header
HEADER_ROW = FIRST_ROW - 1
TYPED = ("read", "runs", "target", "actual")  # durations the producer edits
HELPERS = ("+/- s", "AS RUN s", "Σ+/- s", "FLOAT", "TIME")  # formula columns after the sheet's own
LEGEND = ("~ italic: RUNS estimated from the words · ACTUAL blank: not measured · "
          "TIME = ACTUAL once measured, else EST · clock times past midnight run on the show clock")


@dataclass(frozen=True)
class _Layout:
    """Where things are: column letters by key and the show-fact cells."""

    letters: dict[str, str]
    start: str
    end: str
    slot: str

    def __getitem__(self, key: str) -> str:
        return self.letters[key]


def _signed_text(seconds_cell: str) -> str:
    """Formula text for a signed seconds cell: OVER 0:12, UNDER 0:25, EXACT, or blank."""
    c = seconds_cell
    return (f'IF({c}="","",IF({c}>0,"OVER "&TEXT({c}/{DAY_S},"[m]:ss"),'
            f'IF({c}<0,"UNDER "&TEXT(-{c}/{DAY_S},"[m]:ss"),"EXACT")))')


def _text(cell, value: object) -> None:
    """Set a text cell so no spreadsheet evaluates it, whatever it starts with."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True


def _duration(cell, secs: int | None, number_format: str = DURATION) -> None:
    cell.value = None if secs is None else secs / DAY_S
    cell.number_format = number_format


def _day_offset_ms(sheet: Sheet) -> int:
    """A day added to every clock cell when one would fall before midnight of day zero.

    Spreadsheets cannot show a negative time (a show starting 00:00:10 that must have started
    23:59:40 to end on time); a day later the cells read the same times of day.
    """
    clocks = [sheet.start_ms, sheet.end_ms, *(v for r in sheet.rows for v in (r.hit_ms, r.front_ms, r.back_ms))]
    return DAY_MS if any(ms is not None and ms < 0 for ms in clocks) else 0


def _plain(column: Column, row: Row) -> object:
    if column.key == "words":
        return row.words or None
    return column.text(row) or None


def render(sheet: Sheet, options: Options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = "Rundown"
    keys = [c.key for c in COLUMNS] + list(HELPERS)
    L = _Layout({k: get_column_letter(i) for i, k in enumerate(keys, start=1)}, "$B$2", "$D$2", "$F$2")
    bold = Font(bold=True)

    _text(ws.cell(1, 1), sheet.title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    offset = _day_offset_ms(sheet)
    facts = {"START": sheet.start_ms, "END": sheet.end_ms}
    for col, (label, ms) in zip((1, 3), facts.items()):
        _text(ws.cell(2, col), label)
        ws.cell(2, col).font = bold
        ws.cell(2, col + 1).value = None if ms is None else (ms + offset) / DAY_MS
        ws.cell(2, col + 1).number_format = CLOCK
    _text(ws.cell(2, 5), "SLOT")
    ws.cell(2, 5).font = bold
    _duration(ws.cell(2, 6), sheet.slot_s)
    others = [(k, v) for k, v in header(sheet)[1:] if k not in ("START", "END", "SLOT")]
    for n, (label, value) in enumerate(others):
        _text(ws.cell(2, 7 + 2 * n), label)
        ws.cell(2, 7 + 2 * n).font = bold
        _text(ws.cell(2, 8 + 2 * n), value)
    _text(ws.cell(3, 1), LEGEND)
    ws.cell(3, 1).font = Font(italic=True, color="666666")

    headers = [c.header for c in COLUMNS] + list(HELPERS)
    for col, title in enumerate(headers, start=1):
        _text(ws.cell(HEADER_ROW, col), title)
        ws.cell(HEADER_ROW, col).font = bold
        ws.cell(HEADER_ROW, col).fill = PatternFill("solid", fgColor="DDDDDD")

    number = {id(row): n for n, row in enumerate(sheet.rows, start=FIRST_ROW)}
    counted = sheet.counted
    grey = Font(color="808080", strike=True)
    for n, row in enumerate(sheet.rows, start=FIRST_ROW):
        cells = {k: ws.cell(n, i) for i, k in enumerate(keys, start=1)}
        for column in COLUMNS:
            if column.key not in ("read", "runs", "est", "target", "actual", "over_under", "running",
                                  "front", "back", "cume", "hit"):
                _text(cells[column.key], _plain(column, row))
        _duration(cells["read"], row.read_s)
        _duration(cells["runs"], row.runs_s, ESTIMATED if row.runs_estimated else DURATION)
        _duration(cells["target"], row.target_s)
        _duration(cells["actual"], row.actual_s)
        cells["est"].value = f"={L['read']}{n}+{L['runs']}{n}"
        cells["est"].number_format = ESTIMATED if row.runs_estimated else DURATION
        if row.hit_ms is not None:
            cells["hit"].value = (row.hit_ms + offset) / DAY_MS
        cells["hit"].number_format = CLOCK
        _text(cells["FLOAT"], "FLOAT" if row.floated else None)
        actual, est, target, flt = (f"{L[k]}{n}" for k in ("actual", "est", "target", "FLOAT"))
        cells["+/- s"].value = (f'=IF({actual}<>"",ROUND(({actual}-{est})*{DAY_S},0),'
                                f'IF({target}<>"",ROUND(({est}-{target})*{DAY_S},0),""))')
        cells["over_under"].value = "=" + _signed_text(f"{L['+/- s']}{n}")
        cells["AS RUN s"].value = f'=IF(OR({flt}="FLOAT",{actual}=""),"",ROUND(({actual}-{est})*{DAY_S},0))'
        as_run = L["AS RUN s"]
        cells["Σ+/- s"].value = f'=IF({as_run}{n}="","",SUM({as_run}${FIRST_ROW}:{as_run}{n}))'
        cells["running"].value = "=" + _signed_text(f"{L['Σ+/- s']}{n}")
        cells["TIME"].value = f'=IF({flt}="FLOAT","",IF({actual}="",{est},{actual}))'
        cells["TIME"].number_format = DURATION
        for key in ("front", "back"):
            cells[key].number_format = CLOCK
        cells["cume"].number_format = DURATION
        if row.floated:
            for cell in cells.values():
                cell.font = grey
        elif row.runs_estimated:
            cells["runs"].font = cells["est"].font = Font(italic=True)
        if row.hit_ms is not None and not row.floated:
            cells["hit"].font = bold

    time = L["TIME"]
    previous: int | None = None
    for k, row in enumerate(counted):
        n = number[id(row)]
        hit = f"{L['hit']}{n}"
        ws[f"{L['cume']}{n}"] = "=0" if previous is None else f"=SUM({time}${FIRST_ROW}:{time}{n - 1})"
        if sheet.start_ms is not None:
            before = L.start if previous is None else f"{L['front']}{previous}+{time}{previous}"
            ws[f"{L['front']}{n}"] = f'=IF({hit}<>"",{hit},{before})'
        anchor = next((r for r in counted[k + 1:] if r.hit_ms is not None), None)
        if anchor is not None:
            m = number[id(anchor)]
            ws[f"{L['back']}{n}"] = f"={L['hit']}{m}-SUM({time}{n}:{time}{m - 1})"
        elif sheet.end_ms is not None:
            last = number[id(counted[-1])]
            ws[f"{L['back']}{n}"] = f"={L.end}-SUM({time}{n}:{time}{last})"
        previous = n

    last_row = FIRST_ROW + len(sheet.rows) - 1
    flt_range = f"{L['FLOAT']}${FIRST_ROW}:{L['FLOAT']}${max(last_row, FIRST_ROW)}"
    totals = last_row + 2
    _text(ws.cell(totals, 1), "TOTAL")
    ws.cell(totals, 1).font = bold
    for key in ("read", "runs", "est", "actual", "TIME"):
        rng = f"{L[key]}${FIRST_ROW}:{L[key]}${max(last_row, FIRST_ROW)}"
        total = f'SUMIF({flt_range},"<>FLOAT",{rng})'
        cell = ws[f"{L[key]}{totals}"]
        cell.value = f'=IF(COUNT({rng})=0,"",{total})' if key == "actual" else f"={total}"
        cell.number_format = DURATION
        cell.font = bold

    facts_row = totals + 2
    ends = None
    if counted and sheet.start_ms is not None:
        last = number[id(counted[-1])]
        ends = f"{L['front']}{last}+{time}{last}"
    summary: list[tuple[str, str | None, str]] = [("ENDS", None if ends is None else "=" + ends, CLOCK)]
    if sheet.end_ms is not None and ends is not None:
        over = f"ROUND(({ends}-{L.end})*{DAY_S},0)"
    elif sheet.slot_s is not None:
        over = f"ROUND(({L['TIME']}{totals}-{L.slot})*{DAY_S},0)"
    else:
        over = None
    summary.append(("OVER/UNDER s", None if over is None else "=" + over, "0"))
    summary.append(("OVER/UNDER", None if over is None else "=" + _signed_text(f"$B${facts_row + 1}"), "@"))
    for block in sheet.blocks():
        timed = [r for r in block.rows if not r.floated]
        if not timed or block.ends_ms is None or block.target_ms is None:
            continue
        last = number[id(timed[-1])]
        following = counted.index(timed[-1]) + 1
        target = f"{L['hit']}{number[id(counted[following])]}" if following < len(counted) else L.end
        summary.append((f"BLOCK {block.letter} +/- s", f"=ROUND(({L['front']}{last}+{time}{last}-{target})*{DAY_S},0)", "0"))
    for row in counted:
        if row.hit_gap_s is not None:
            n = number[id(row)]
            prior = counted[counted.index(row) - 1] if counted.index(row) else None
            before = L.start if prior is None else f"{L['front']}{number[id(prior)]}+{time}{number[id(prior)]}"
            summary.append((f"HIT {row.page} gap s (− = cut)", f"=ROUND(({L['hit']}{n}-({before}))*{DAY_S},0)", "0"))
    for offset, (label, formula, number_format) in enumerate(summary):
        _text(ws.cell(facts_row + offset, 1), label)
        ws.cell(facts_row + offset, 1).font = bold
        cell = ws.cell(facts_row + offset, 2)
        cell.value = formula
        cell.number_format = number_format
        cell.font = bold

    signed = [L["+/- s"], L["Σ+/- s"]]
    for letter in signed:
        rng = f"{letter}{FIRST_ROW}:{letter}{max(last_row, FIRST_ROW)}"
        ws.conditional_formatting.add(rng, CellIsRule(operator="greaterThan", formula=["0"], font=Font(color="C00000")))
        ws.conditional_formatting.add(rng, CellIsRule(operator="lessThan", formula=["0"], font=Font(color="007A33")))
    facts_range = f"B{facts_row + 1}:B{facts_row + len(summary)}"
    ws.conditional_formatting.add(facts_range, CellIsRule(operator="greaterThan", formula=["0"], font=Font(color="C00000", bold=True)))

    widths = {"slug": 22, "talent": 16, "reporter": 16, "outcue": 34, "supers": 48, "notes": 28, "over_under": 12, "running": 12}
    for col, key in enumerate(keys, start=1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(key, 10)
    ws.freeze_panes = ws.cell(FIRST_ROW, 3)  # header row and page/slug stay in view
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

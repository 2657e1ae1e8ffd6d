"""XLSX export: real time cells (``[h]:mm:ss``), totals as formulas, frozen header, landscape print setup.

Durations are Excel times (fractions of a day) so producers can sum and re-time in the
spreadsheet; times of day are ``hh:mm:ss``. Text that would run as a formula is stored as
plain text with Excel's quote prefix: the only formulas in the workbook are the totals.
"""

from __future__ import annotations

import io

from castkit.rundown.cells import FORMULA_START
from castkit.rundown.columns import COLUMNS, Column, footer, header
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Row, Sheet

DAY_S = 86_400
DURATION = "[h]:mm:ss"
CLOCK = "hh:mm:ss"
CLOCKS = {"front": lambda r: r.front_ms, "back": lambda r: r.back_ms, "hit": lambda r: r.hit_ms}
TOTALLED = ("read", "runs", "est", "actual")
FIRST_ROW = 4  # title, show header, blank, then the column header


def _value(column: Column, row: Row) -> tuple[object, str | None]:
    """A cell's value and number format: durations and clocks as Excel times, the rest as text or numbers."""
    if column.key in CLOCKS:
        ms = None if row.floated else CLOCKS[column.key](row)
        return (None, None) if ms is None else (ms / 1000 / DAY_S % 1, CLOCK)
    if column.key == "over_under":
        return column.text(row) or None, None
    if column.seconds is not None:
        secs = column.seconds(row)
        return (None, None) if secs is None else (secs / DAY_S, DURATION)
    if column.key == "words":
        return (row.words or None), None
    return column.text(row) or None, None


def _text(cell, value: object) -> None:
    """Set a text cell so no spreadsheet evaluates it, whatever it starts with."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True


def render(sheet: Sheet, options: Options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = "Rundown"
    _text(ws.cell(1, 1), sheet.title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    _text(ws.cell(2, 1), " · ".join(f"{k} {v}" for k, v in header(sheet)[1:]))

    headers = [c.header for c in COLUMNS] + ["+/- s", "FLOAT"]
    for col, title in enumerate(headers, start=1):
        _text(ws.cell(FIRST_ROW, col), title)
        ws.cell(FIRST_ROW, col).font = Font(bold=True)
    diff_col, float_col = len(COLUMNS) + 1, len(COLUMNS) + 2
    grey = Font(color="808080", strike=True)
    for n, row in enumerate(sheet.rows, start=FIRST_ROW + 1):
        for col, column in enumerate(COLUMNS, start=1):
            value, number_format = _value(column, row)
            cell = ws.cell(n, col)
            _text(cell, value)
            if number_format:
                cell.number_format = number_format
            if row.floated:
                cell.font = grey
            elif column.key == "runs" and row.runs_estimated:
                cell.font = Font(italic=True)  # estimated from words, not given by the script
        ws.cell(n, diff_col).value = row.diff_s
        _text(ws.cell(n, float_col), "FLOAT" if row.floated else None)

    last = FIRST_ROW + len(sheet.rows)
    totals = last + 2
    float_range = f"{get_column_letter(float_col)}{FIRST_ROW + 1}:{get_column_letter(float_col)}{last}"
    _text(ws.cell(totals, 1), "TOTAL")
    ws.cell(totals, 1).font = Font(bold=True)
    for col, column in enumerate(COLUMNS, start=1):
        if column.key in TOTALLED and sheet.rows:
            letter = get_column_letter(col)
            cell = ws.cell(totals, col)
            cell.value = f'=SUMIF({float_range},"<>FLOAT",{letter}{FIRST_ROW + 1}:{letter}{last})'
            cell.number_format = DURATION
            cell.font = Font(bold=True)
    _text(ws.cell(totals + 1, 1), " · ".join(f"{k} {v}" for k, v in footer(sheet)))

    diff_letter = get_column_letter(diff_col)
    diff_range = f"{diff_letter}{FIRST_ROW + 1}:{diff_letter}{max(last, FIRST_ROW + 1)}"
    ws.conditional_formatting.add(diff_range, CellIsRule(operator="greaterThan", formula=["0"], font=Font(color="C00000")))
    ws.conditional_formatting.add(diff_range, CellIsRule(operator="lessThan", formula=["0"], font=Font(color="007A33")))
    ws.cell(FIRST_ROW, 1).fill = PatternFill("solid", fgColor="DDDDDD")

    widths = {"slug": 22, "talent": 16, "reporter": 16, "outcue": 34, "supers": 48, "notes": 28, "over_under": 12}
    for col, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(column.key, 10)
    ws.freeze_panes = ws.cell(FIRST_ROW + 1, 3)  # header row and page/slug stay in view
    ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

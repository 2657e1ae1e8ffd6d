"""Terminal export: a rich table with block rows, floated stories struck through, then cues by page.

Outcues, supers and notes are long, so a terminal lists them under the table by page
instead of squeezing them into columns; the reporter appears there as the correspondent's
super.
"""

from __future__ import annotations

import io

from castkit.rundown.columns import footer, header, visible
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet, duration_text

LISTED_BELOW = ("reporter", "outcue", "supers", "notes")
WRAPPING = ("talent",)  # the other columns are short and never wrap


DROPPED_FIRST = ("rate", "words", "cume", "target")  # left out, in this order, when the terminal is narrow
BLOCK_LABEL = "BLOCK {}"


def _widest(column, sheet: Sheet) -> int:
    texts = [column.text(r) for r in sheet.rows] + [column.header]
    if column.key == "slug":
        texts.append(BLOCK_LABEL.format("AA"))
    return max(len(t) for t in texts)


def fitting_columns(sheet: Sheet, width: int) -> list:
    """The printed columns that fit ``width``, dropping the least needed first."""
    columns = [c for c in visible(sheet) if c.key not in LISTED_BELOW]
    for key in DROPPED_FIRST:
        if sum((8 if c.key in WRAPPING else _widest(c, sheet)) + 2 for c in columns) <= width:
            break
        columns = [c for c in columns if c.key != key]
    return columns


def build(sheet: Sheet, width: int = 160) -> list:
    """The rich renderables: the table (titled with the show header), totals, then cues by page."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    columns = fitting_columns(sheet, width)
    title = Text(" · ".join(f"{k} {v}" for k, v in header(sheet)), style="bold")
    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True, show_edge=False, padding=(0, 1))
    for column in columns:
        wraps = column.key in WRAPPING
        table.add_column(
            column.header,
            justify="right" if column.numeric else "left",
            overflow="fold",
            min_width=None if wraps else _widest(column, sheet),
            ratio=1 if wraps else None,
        )
    for block in sheet.blocks():
        cells = [Text("") for _ in columns]
        cells[1] = Text(BLOCK_LABEL.format(block.letter), style="bold")
        cells[[c.key for c in columns].index("est")] = Text(duration_text(block.est_s), style="bold")
        if block.over_under_s is not None and "back" in [c.key for c in columns]:
            tone = "red" if block.over_under_s > 0 else "green" if block.over_under_s < 0 else ""
            cells[[c.key for c in columns].index("back")] = Text(block.over_under, style=f"bold {tone}".strip())
        table.add_row(*cells)
        for row in block.rows:
            style = "dim strike" if row.floated else ("bold" if row.hit_ms is not None else "")
            texts = ["FLOAT" if row.floated and c.key == "front" else c.text(row) for c in columns]
            table.add_row(*[Text(t, style=style) for t in texts])
    over = sheet.over_under_s or 0
    colour = " red" if over > 0 else " green" if over < 0 else ""
    totals = footer(sheet)
    cuts = [f"{k} {v}" for k, v in totals if k == "CUT"]
    out: list = [table, *[Text(cut, style="bold red") for cut in cuts]]
    out.append(Text(" · ".join(f"{k} {v}" for k, v in totals if k != "CUT"), style="bold" + colour))
    if any(r.runs_estimated for r in sheet.rows):
        out.append(Text("~ RUNS estimated from the words at a speaking rate", style="dim"))
    for sample in sheet.rate_samples:
        out.append(Text(f"RATE measured: {sample.label}", style="dim"))
    cues = [r for r in sheet.rows if r.outcue or r.supers or r.notes]
    if cues:
        out.append(Text("\nOUTCUES · SUPERS (CG) · NOTES", style="bold"))
    for row in cues:
        lines = [f"OUT {row.outcue}"] if row.outcue else []
        lines += [f"CG  {s.text}" for s in row.supers] + ([f"NB  {row.notes}"] if row.notes else [])
        out += [Text(f"{row.page if n == 0 else '':<4} {line}") for n, line in enumerate(lines)]
    return out


def show(sheet: Sheet, console) -> None:
    for renderable in build(sheet, console.width):
        console.print(renderable)


def render(sheet: Sheet, options: Options) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    show(sheet, Console(file=buffer, width=options.width or 160, force_terminal=False, color_system=None))
    return buffer.getvalue()

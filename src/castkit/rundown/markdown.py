"""Markdown export: the show header, the sheet as a pipe table with block rows, and the totals."""

from __future__ import annotations

import html

from castkit.rundown.columns import footer, header, visible
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet


def cell(text: str) -> str:
    """Table-safe text: HTML escaped (Markdown renders raw HTML), every line break a space (a
    row is one line), a backslash as its character reference (it could escape what follows) and
    pipes escaped."""
    one_line = " ".join(text.splitlines())
    return html.escape(one_line, quote=False).replace("\\", "&#92;").replace("|", "\\|")


def render(sheet: Sheet, options: Options) -> str:
    columns = visible(sheet)
    lines = [f"# {cell(sheet.title)}", "", " · ".join(f"**{k}** {cell(v)}" for k, v in header(sheet)[1:]), ""]
    lines.append("| " + " | ".join(c.header for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in columns) + "|")
    for block in sheet.blocks():
        subtotal = f"**{cell(block.label)}**"
        rows = block.rows
        lines.append("| " + " | ".join([subtotal] + [""] * (len(columns) - 1)) + " |")
        for row in rows:
            texts = [cell(c.text(row)) for c in columns]
            if row.floated:
                texts = [f"~~{t}~~" if t else t for t in texts]
            lines.append("| " + " | ".join(texts) + " |")
    lines += ["", " · ".join(f"**{k}** {cell(v)}" for k, v in footer(sheet)), ""]
    if sheet.rows and any(r.runs_estimated for r in sheet.rows):
        lines += ["~ RUNS estimated from the words at a speaking rate.", ""]
    return "\n".join(lines)

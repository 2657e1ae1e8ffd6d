"""Rundown sheets: the timed running order of a show and the exports a studio uses.

:func:`castkit.rundown.sheet.build_sheet` computes every row and total once;
:mod:`castkit.rundown.exports` renders it as a terminal table, CSV, XLSX, HTML, Markdown,
JSON, MOS 2.8.5 XML or prompter text.
"""

from __future__ import annotations

from castkit.rundown.exports import EXPORTS, Options, render, write
from castkit.rundown.sheet import Row, Sheet, build_sheet

__all__ = ["EXPORTS", "Options", "Row", "Sheet", "build_sheet", "render", "write"]

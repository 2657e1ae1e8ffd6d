"""Spreadsheet cell safety: text that a spreadsheet would run as a formula is made inert.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is read as a formula
by Excel, LibreOffice and Google Sheets (CSV injection). Such text gets a leading
apostrophe, the conventional marker for "this is text"; numbers are never touched.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """``value`` unchanged unless it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value

"""Printable HTML export: one self-contained page (print CSS, A4 landscape, block rows) plus a CG sheet.

Rendered with a jinja2 template that escapes every value, so script text can never
become markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from castkit.rundown.columns import footer, header, visible
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet, duration_text

if TYPE_CHECKING:
    from jinja2 import Environment


def environment() -> Environment:
    """castkit's page templates (this sheet, the pack's index): every value escaped, a missing one an error."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("castkit", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(sheet: Sheet, options: Options) -> str:
    env = environment()
    over = sheet.over_under_s or 0
    return env.get_template("rundown.html.j2").render(
        sheet=sheet,
        columns=visible(sheet),
        show_header=header(sheet),
        show_footer=footer(sheet),
        tone="over" if over > 0 else "under" if over < 0 else "",
        estimated=any(r.runs_estimated for r in sheet.rows),
        duration=duration_text,
    )

"""Prompter text: per story a header line, only the anchor's read copy, and one cue line per media run.

Floated stories and instructions are left out; talent changes inside a story show as
``((NAME))`` the way scripts mark them.
"""

from __future__ import annotations

from castkit.model import Role
from castkit.rundown.exports import Options
from castkit.rundown.script import Cue, Read, story_script
from castkit.rundown.sheet import Sheet


def render(sheet: Sheet, options: Options) -> str:
    blocks: list[str] = []
    for row in sheet.counted:
        head = " · ".join(x for x in (row.page, row.slug, row.format, row.talent.upper()) if x)
        lines = [head, ""]
        presenter = row.talent or Role.ANCHOR.value
        for part in story_script(row):
            if isinstance(part, Read):
                if part.presenter and part.presenter != presenter:
                    lines.append(f"(({part.presenter.upper()}))")
                    presenter = part.presenter
                lines += [part.element.text.strip(), ""]
            elif isinstance(part, Cue):
                lines += [part.text, ""]
        blocks.append("\n".join(lines).rstrip() + "\n")
    return "\n\n".join(blocks)

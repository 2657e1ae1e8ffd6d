"""Prompter copy a presenter can read: per story a header line, the read copy, and every cue in brackets.

Director and media cues stay, each in brackets on its own line — instructions as written
(``[TAKE VO on "Meanwhile"]``), each media run collapsed to one line with its running time
and outcue (``[PKG · TRT 1:42 · OUT: SOC "Kim Jung-sil, Arirang News."]``) so the presenter
knows when to come back in. A talent change shows as ``((NAME))``; the copy is printed as
the script has it, pronunciation guides included. Each story ends with a break line naming
the next one. Floated stories are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from castkit.model import Role
from castkit.rundown.exports import Options
from castkit.rundown.script import Cue, Instruction, Read, story_script
from castkit.rundown.sheet import Row, Sheet


@dataclass(frozen=True)
class Line:
    """One prompter line: ``kind`` is header, talent, copy, cue or break (the HTML view styles each)."""

    kind: str
    text: str


def bracketed(text: str) -> str:
    """A cue in brackets, once: ``TAKE VO`` and ``[TAKE VO]`` both give ``[TAKE VO]``."""
    text = text.strip()
    return text if text.startswith("[") and text.endswith("]") else f"[{text}]"


def story_lines(row: Row, following: Row | None) -> list[Line]:
    """The prompter lines of one story, ending with its break line."""
    lines = [Line("header", " · ".join(x for x in (row.page, row.slug, row.format, row.talent.upper()) if x))]
    presenter = row.talent or Role.ANCHOR.value
    for part in story_script(row):
        if isinstance(part, Read):
            if part.presenter and part.presenter != presenter:
                lines.append(Line("talent", f"(({part.presenter.upper()}))"))
                presenter = part.presenter
            lines.append(Line("copy", part.element.text.strip()))
        elif isinstance(part, Instruction):
            lines.append(Line("cue", bracketed(part.text)))
        elif isinstance(part, Cue):
            lines.append(Line("cue", part.text))
    after = f"NEXT {following.page} {following.slug}" if following else "END OF SHOW"
    lines.append(Line("break", f"——— END {row.page} · {after} ———"))
    return lines


def script_lines(sheet: Sheet) -> list[list[Line]]:
    """Every counted story's lines, in running order."""
    counted = sheet.counted
    return [story_lines(row, counted[n + 1] if n + 1 < len(counted) else None) for n, row in enumerate(counted)]


def render(sheet: Sheet, options: Options) -> str:
    return "\n\n".join("\n\n".join(line.text for line in story) + "\n" for story in script_lines(sheet))

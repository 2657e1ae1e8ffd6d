"""Prompter view as one HTML page: large high-contrast copy, cues set apart, one story after another.

Copy is 44 px white on black (browser zoom scales it further), talent changes yellow, cues
cyan and break lines dimmed, so a presenter can read it at arm's length; printed, it gives
one story per page at 24 pt. Every value is escaped.
"""

from __future__ import annotations

from castkit.rundown.exports import Options
from castkit.rundown.html import environment
from castkit.rundown.prompter import script_lines
from castkit.rundown.sheet import Sheet


def render(sheet: Sheet, options: Options) -> str:
    return environment().get_template("prompter.html.j2").render(sheet=sheet, stories=script_lines(sheet))

"""What every subcommand shares: output routing, format choice and progress display."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from castkit.errors import UnsupportedFormat

if TYPE_CHECKING:
    from castkit.notices import Notice

STRICT_HELP = "Exit 1 when anything was guessed, estimated or could not be done (every notice)."
STYLE_HELP = ("Force a house style instead of detecting it: show, bracket, labels, web, plain, markup, producer, radio, "
              "spreadsheet, mos or segment_json.")
ALLOW_MISMATCH_HELP = "Time from AUDIO even when most of the script is not found in it (otherwise: exit 2, the wrong recording)."
KEEP_MISSING_HELP = "Keep sentences not found in the audio as estimated cues (otherwise they were never said: no cue)."


def _replace_any(force: bool) -> bool:
    from castkit.files import allow_replacing

    allow_replacing(force)
    return force


FORCE = typer.Option(False, "--force", callback=_replace_any,
                     help="Replace an existing output that castkit did not write, or that was edited since it wrote it.")
"""The one ``--force`` of every command that writes files: it takes effect as it is parsed."""


def choose_format(output: str | None, given: str | None, by_extension: dict[str, str], default: str) -> str:
    """The format named by ``--format``, else by the output's extension, else ``default``."""
    if given:
        if given not in set(by_extension.values()) | {default}:
            names = ", ".join(sorted(set(by_extension.values()) | {default}))
            raise UnsupportedFormat(f"unknown format {given!r}; choose one of {names}")
        return given
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in by_extension:
            return by_extension[suffix]
        if suffix:
            known = ", ".join(sorted(by_extension))
            raise UnsupportedFormat(f"cannot tell the format from {suffix!r}; use --format or one of {known}", where=output)
    return default


def interactive() -> bool:
    """True when a person is watching stderr: only then show progress bars."""
    return sys.stderr.isatty()


@contextmanager
def progress(description: str) -> Iterator[Callable[[float], None]]:
    """A rich progress bar on a terminal; a silent stand-in when piped.

    Yields ``done(fraction)``, which the library's ``on_progress`` callbacks call with the
    share of the work finished so far (0 to 1).
    """
    if not interactive():
        yield lambda fraction: None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(description, total=1.0)
        yield lambda fraction: bar.update(task, completed=min(1.0, max(0.0, fraction)))


def announce(notices: list[Notice], *, strict: bool = False) -> None:
    """Print each notice once as one ``castkit: warning:`` line on stderr; with ``strict``, exit 1 if any.

    Call it after the outputs are written: ``--strict`` fails the run, it does not withhold the files.
    """
    from castkit.files import unrecorded
    from castkit.notices import unique

    shown = unique([*notices, *unrecorded()])
    for notice in shown:
        typer.echo(f"castkit: warning: {notice}", err=True)
    if strict and shown:
        typer.echo(f"castkit: --strict: {len(shown)} notice(s)", err=True)
        raise typer.Exit(1)

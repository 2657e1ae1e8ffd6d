"""What every subcommand shares: output routing, format choice and progress display."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from castkit.errors import UnsupportedFormat


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
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(description, total=1.0)
        yield lambda fraction: bar.update(task, completed=min(1.0, max(0.0, fraction)))

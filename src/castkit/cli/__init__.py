"""The ``castkit`` command line: a thin layer over the library.

Each subcommand lives in its own module and imports the library lazily, so ``castkit
--help`` stays fast. A :class:`castkit.errors.CastkitError` becomes one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import typer

from castkit.cli import align, build, lint, parse, qa, rundown, subs  # noqa: F401  (register commands)
from castkit.cli.app import app
from castkit.errors import CastkitError


def main() -> None:
    """Entry point of the ``castkit`` console script."""
    from typer.exceptions import TyperException

    try:
        code = app(standalone_mode=False)
    except TyperException as exc:  # usage errors (missing argument, bad option value): one line too
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare ``castkit``: typer has shown the overview
            sys.exit(0)
        command = context.command_path if context is not None else "castkit"
        print(f"castkit: error: {exc.format_message()} (see '{command} --help')", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 2))
    except CastkitError as exc:
        print(f"castkit: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, typer.Abort):
        print("castkit: interrupted", file=sys.stderr)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)

"""The ``castkit`` command line: a thin layer over the library.

Each subcommand lives in its own module and imports the library lazily, so ``castkit
--help`` stays fast. A :class:`castkit.errors.CastkitError` becomes one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

from castkit.cli import align, build, lint, parse, qa, rundown, subs  # noqa: F401  (register commands)
from castkit.cli.app import app
from castkit.errors import CastkitError


def main() -> None:
    """Entry point of the ``castkit`` console script."""
    try:
        app()
    except CastkitError as exc:
        print(f"castkit: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("castkit: interrupted", file=sys.stderr)
        sys.exit(130)

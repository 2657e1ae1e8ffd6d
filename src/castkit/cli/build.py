"""`castkit build` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="build")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit build is not available yet")

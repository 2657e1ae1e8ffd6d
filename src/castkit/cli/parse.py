"""`castkit parse` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="parse")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit parse is not available yet")

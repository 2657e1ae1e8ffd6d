"""`castkit rundown` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="rundown")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit rundown is not available yet")

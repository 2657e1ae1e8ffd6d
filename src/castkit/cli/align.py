"""`castkit align` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="align")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit align is not available yet")

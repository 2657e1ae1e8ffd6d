"""`castkit lint` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="lint")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit lint is not available yet")

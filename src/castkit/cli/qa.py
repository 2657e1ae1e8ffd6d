"""`castkit qa` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="qa")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit qa is not available yet")

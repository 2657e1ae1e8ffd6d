"""`castkit subs` (being built)."""

from __future__ import annotations

from castkit.cli.app import app
from castkit.errors import CastkitError


@app.command(name="subs")
def command() -> None:
    """Not available yet."""
    raise CastkitError("castkit subs is not available yet")

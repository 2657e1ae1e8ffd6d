"""The few exceptions castkit raises on purpose.

Every error a user can cause is a :class:`CastkitError`; the command line turns it into
one line on stderr and exit code 2. Anything else escaping is a bug.
"""

from __future__ import annotations


class CastkitError(Exception):
    """Base class: a message that names what is wrong and where."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class BadInput(CastkitError):
    """An input file or value that castkit cannot use (empty, binary, malformed, too big)."""


class UnsupportedFormat(CastkitError):
    """A format, style or extension castkit does not know."""


class OutputError(CastkitError):
    """An output that cannot be written (unwritable, or would overwrite an input)."""

"""The record of every output file castkit wrote: its path and the SHA-256 of its bytes.

castkit replaces an existing output only when the record proves castkit wrote it and nobody
changed it since, so a hand-edited subtitle file or someone else's file is never lost to a
re-run (``--force`` replaces it anyway). The record is a small SQLite database in the user's
state folder: ``$CASTKIT_STATE_DIR``, else ``$XDG_STATE_HOME/castkit``, else
``~/.local/state/castkit``. Concurrent commands share it safely (SQLite's write-ahead log);
one that cannot open it refuses to replace anything, never overwrites blindly.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

DATABASE = "written.sqlite3"
_BUSY_TIMEOUT_S = 30.0
"""How long a write waits for another command holding the database (SQLite's lock)."""


class Unavailable(Exception):
    """The record cannot be opened or written (a read-only home, a corrupt database)."""


def state_dir() -> Path:
    """The folder castkit keeps its record in."""
    if os.environ.get("CASTKIT_STATE_DIR"):
        return Path(os.environ["CASTKIT_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "castkit"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data`` as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read in blocks."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


_connection: sqlite3.Connection | None = None
_opened_by: int | None = None


def _database() -> sqlite3.Connection:
    """The record's database, opened once per process (a forked worker opens its own)."""
    global _connection, _opened_by
    if _connection is None or _opened_by != os.getpid():
        _connection, _opened_by = _open(), os.getpid()
    return _connection


def _open() -> sqlite3.Connection:
    """Open (and on first use create) the database. Two commands creating it at once can find
    it locked while the other switches it to write-ahead logging, where SQLite does not wait by
    itself: that is retried within the busy timeout, so no written file goes unrecorded."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        connection = None
        try:
            folder = state_dir()
            folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(folder / DATABASE, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE TABLE IF NOT EXISTS written (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL)")
            return connection
        except sqlite3.OperationalError as exc:
            if connection is not None:
                connection.close()
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise Unavailable(f"{state_dir() / DATABASE}: {exc}") from None
            time.sleep(0.02)
        except (OSError, sqlite3.Error) as exc:
            raise Unavailable(f"{state_dir() / DATABASE}: {exc}") from None


def recorded(path: Path) -> str | None:
    """The SHA-256 castkit last wrote to ``path`` (resolved), or None if it never wrote there."""
    try:
        row = _database().execute("SELECT sha256 FROM written WHERE path = ?", (str(path),)).fetchone()
    except sqlite3.Error as exc:
        raise Unavailable(str(exc)) from None
    return row[0] if row else None


def record(path: Path, sha256: str) -> None:
    """Remember that castkit wrote bytes hashing to ``sha256`` at ``path`` (resolved)."""
    try:
        _database().execute("INSERT OR REPLACE INTO written (path, sha256) VALUES (?, ?)", (str(path), sha256))
    except sqlite3.Error as exc:
        raise Unavailable(str(exc)) from None


def castkit_wrote(path: Path) -> bool:
    """Whether the file at ``path`` holds exactly what castkit last wrote there."""
    known = recorded(path)
    return known is not None and known == file_digest(path)

"""An online backup of the studio's database, taken while the studio keeps serving.

SQLite: the sqlite3 online backup API copies a consistent snapshot page by page into a new
database file that ``castkit serve --db sqlite:///FILE`` opens as it is. PostgreSQL:
``pg_dump`` in its custom format, restored with ``pg_restore``.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from castkit.errors import BadInput, OutputError
from castkit.files import check_destination


def backup(url: str, target: str | Path) -> Path:
    """Copy the database at ``url`` into the file ``target`` (written whole, then moved into place)."""
    target = check_destination(Path(target), recorded=False)  # stricter below: a backup replaces nothing
    if target.exists():
        raise OutputError("exists; a backup never overwrites a file", where=str(target))
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        partial = Path(folder) / target.name
        if url.startswith("sqlite:///"):
            source = sqlite3.connect(f"file:{url[len('sqlite:///'):]}?mode=ro", uri=True)
            copy = sqlite3.connect(partial)
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        elif url.startswith("postgresql"):
            tool = shutil.which("pg_dump")
            if tool is None:
                raise BadInput("backing up PostgreSQL needs pg_dump (Debian package postgresql-client)")
            done = subprocess.run([tool, "--format=custom", f"--file={partial}", url.replace("postgresql+psycopg://", "postgresql://")],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise BadInput(f"pg_dump failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
        else:
            raise BadInput("only sqlite:/// and postgresql:// databases can be backed up", where="--db")
        partial.replace(target)
    return target

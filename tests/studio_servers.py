"""Real services for the studio tests and benchmark: a throwaway PostgreSQL cluster and the studio on uvicorn.

PostgreSQL comes from Debian's ``postgresql`` package: ``initdb`` and ``pg_ctl`` make a
cluster in a temporary folder, listening on 127.0.0.1 only, as the ``postgres`` user when
run as root (PostgreSQL refuses to run as root). Where it cannot start, :func:`postgres`
says why, and the tests skip loudly.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class Unavailable(Exception):
    """Why PostgreSQL could not be started here."""


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A fresh PostgreSQL cluster on 127.0.0.1; yields its server URL (append a database name)."""
    initdb, pg_ctl = _pg_tool("initdb"), _pg_tool("pg_ctl")
    if not initdb or not pg_ctl:
        raise Unavailable("no initdb/pg_ctl (scripts/install_test_tools.sh installs Debian's postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="castkit-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        try:
            import pwd

            account = pwd.getpwnam("postgres")
        except KeyError:
            account = None
        if not runuser or account is None:
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable("running as root with no 'postgres' user to run the server as")
        os.chown(folder, account.pw_uid, account.pw_gid)
        folder.chmod(0o700)
        prefix = [runuser, "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    try:
        made = subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "castkit", "--no-sync", "-E", "UTF8"],
                              capture_output=True, text=True)
        if made.returncode != 0:
            raise Unavailable(f"initdb failed: {made.stderr.strip().splitlines()[-1:]}")
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off -c full_page_writes=off"
        started = subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "-t", "60", "start"],
                                 capture_output=True, text=True)
        if started.returncode != 0:
            raise Unavailable(f"pg_ctl start failed: {started.stderr.strip() or started.stdout.strip()}")
        try:
            yield f"postgresql://castkit@127.0.0.1:{port}/"
        finally:
            subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """A new empty database on the cluster at ``server``; returns its URL."""
    import psycopg

    with psycopg.connect(server + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server + name


@dataclass
class Running:
    url: str  # http://127.0.0.1:PORT
    store: object
    db: str


@contextlib.contextmanager
def studio(db: str, folder: Path, *, loopback: bool = True, max_upload: int = 64 * 1024 * 1024, sample: bool = True) -> Iterator[Running]:
    """The studio on ``db`` served by uvicorn on 127.0.0.1 in a thread (``loopback=False``: accounts required)."""
    import uvicorn

    from castkit.studio.app import Settings, create_app
    from castkit.studio.server import load_sample, open_store, session_secret

    store = open_store(db)
    if sample:
        load_sample(store)
    app = create_app(Settings(store, session_secret(folder), loopback=loopback, max_upload=max_upload))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1,
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the studio did not start")
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", store, db)
    finally:
        server.should_exit = True
        thread.join(10)
        store.engine.dispose()  # type: ignore[attr-defined]

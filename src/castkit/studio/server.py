"""Starting the studio: the database (created and migrated on first use), the first show, the web server.

With no ``--db`` the studio keeps an SQLite database in the user's data folder and loads
the bundled sample into it as its first show. Binding to an address other machines can
reach is refused until accounts exist.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from castkit.errors import BadInput
from castkit.notices import Notice
from castkit.studio.auth import is_loopback
from castkit.studio.db import connect, migrate
from castkit.studio.store import Store

DEFAULT_PORT = 8765


def data_dir() -> Path:
    """Where the studio keeps its default database and session secret (platformdirs' user data folder)."""
    from platformdirs import user_data_path

    return user_data_path("castkit", appauthor=False)


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'studio.sqlite3'}"


def open_store(url: str) -> Store:
    """The store on ``url``, its schema brought up to date."""
    if not url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
        raise BadInput(f"unsupported database {url.split(':', 1)[0]!r}: give sqlite:///FILE or postgresql://…", where="--db")
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = connect(url)
    try:
        migrate(engine)
    except Exception as exc:  # the database cannot be reached or is not ours: say so in one line
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            raise BadInput(f"cannot open the database: {str(exc.orig if hasattr(exc, 'orig') else exc).strip().splitlines()[0]}",
                           where="--db") from None
        raise
    return Store(engine)


def load_sample(store: Store) -> list[Notice]:
    """Put the bundled sample (script and recording) in an empty studio as its first show; returns what parsing it noted."""
    from castkit.build import sample
    from castkit.studio import derived

    if store.shows():
        return []
    try:
        found = sample()
    except BadInput as exc:
        return [Notice("studio", "sample", f"no first show: {exc}")]
    from castkit.files import read_text

    source = read_text(found.script)
    parts = derived.import_script(source.text, found.script.name, source.encoding)
    show_id = store.add_show(parts["title"], parts["header"], parts["stories"], parts["notices"], parts["cues"], "castkit")
    store.add_media(show_id, found.audio.name, "audio/mpeg", found.audio.read_bytes())
    return [Notice(n["topic"], n["where"], n["message"]) for n in parts["notices"]]


def session_secret(folder: Path) -> str:
    """The key that signs session cookies, made once and kept readable by its owner only."""
    path = folder / "studio.secret"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), "utf-8")
    return path.read_text("utf-8").strip()


def check_bind(host: str, store: Store) -> None:
    """Refuse an address other machines can reach unless everyone there must sign in."""
    if not is_loopback(host) and not store.has_accounts():
        raise BadInput(
            f"refusing to serve on {host} without accounts: anyone on the network could change the shows; "
            "add one first with 'castkit serve --add-user NAME --role producer', or serve on 127.0.0.1",
            where="--host",
        )


def run(store: Store, host: str, port: int, *, max_upload: int, folder: Path | None = None) -> None:
    """Serve the studio until interrupted."""
    import uvicorn

    from castkit.studio.app import Settings, create_app

    check_bind(host, store)
    app = create_app(Settings(store, session_secret(folder or data_dir()), loopback=is_loopback(host), max_upload=max_upload))
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)

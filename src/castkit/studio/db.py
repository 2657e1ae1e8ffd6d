"""The studio's storage: one schema (SQLAlchemy Core), migrated by Alembic, on SQLite or PostgreSQL.

Every row a user can change carries a ``version``; an update names the version it was based
on and is refused when the row has moved on, so a stale edit can never overwrite a newer one.
Every accepted change is also written to ``edits`` (who, when, what, before and after), the
history that undo works from. SQLite runs in WAL mode so readers never wait for a writer.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)

metadata = MetaData()

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

shows = Table(
    "shows", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("header", JSON, nullable=False),  # the bulletin's own fields (date, start, slot, rates)
    Column("notices", JSON, nullable=False),  # what parsing the imported script said, [{where, message, story}]
    Column("version", Integer, nullable=False),  # running order and header
    Column("created_at", DateTime(timezone=True), nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("data", JSON, nullable=False),  # the story as castkit.segment/1 writes it
    Column("dropped", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

cues = Table(
    "cues", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("start_ms", Integer, nullable=False),
    Column("end_ms", Integer, nullable=False),
    Column("lines", JSON, nullable=False),
    Column("speaker", Text),
    Column("role", String(16)),
    Column("colour", String(7)),
    Column("story", Integer),
    Column("element", Integer),
    Column("version", Integer, nullable=False),
)

media = Table(
    "media", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("mime", String(80), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

qa_results = Table(
    "qa_results", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("author", String(80), nullable=False),
    Column("name", Text, nullable=False),
    Column("wer", Float),
    Column("report", JSON, nullable=False),  # castkit.qa/1, plus the aligned rows the page shows
)

edits = Table(
    "edits", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("author", String(80), nullable=False),
    Column("target", String(16), nullable=False),  # show | story | cue
    Column("target_id", Integer, nullable=False),
    Column("field", String(40), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("undoes", Integer),
)

as_run = Table(
    "as_run", metadata,
    Column("id", Integer, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id"), nullable=False, index=True),
    Column("story_id", Integer, ForeignKey("stories.id")),  # None: the show is off air
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("author", String(80), nullable=False),
)

MIGRATIONS = Path(__file__).with_name("migrations")


def connect(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with foreign keys and a busy timeout, or PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record) -> None:  # type: ignore[no-untyped-def]
            connection.isolation_level = None  # SQLAlchemy, not the driver, says when a transaction begins
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection) -> None:  # type: ignore[no-untyped-def]
            # A writer takes the lock up front: upgrading a read snapshot to a write fails at
            # once in WAL mode when another writer committed meanwhile, whatever the timeout.
            immediate = connection.get_execution_options().get("immediate")
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_size=20, max_overflow=10, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (Alembic ``upgrade head``), creating it on a new database."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

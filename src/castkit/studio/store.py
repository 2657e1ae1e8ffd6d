"""Reading and changing what the studio stores, so that no edit is ever lost or merged.

Every change names the version of the row it was made against. The update only applies
``WHERE version = <that version>``; when someone else got there first it is refused with
:class:`Conflict`, which carries the newer value so the author can see both and choose.
Each accepted change and its history line are written in one transaction, and undo is
itself a change: it restores the value an edit replaced, only while nobody has changed it
since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from castkit.errors import BadInput
from castkit.studio.db import as_run, cues, edits, media, qa_results, shows, stories, users

STORY_FIELDS = ("slug", "title", "page", "talent", "format", "block", "floated", "hit_ms", "target_ms", "runs_ms", "rate_wpm",
                "notes", "dropped")
"""Story fields the producer grid can set (``dropped`` takes a story out of the running order)."""

SHOW_FIELDS = ("title", "start_ms", "slot_ms", "end_ms", "rate_wpm")

TARGETS = {"shows": "show", "stories": "story", "cues": "cue"}
"""What the history calls a row of each versioned table."""


def story_with(data: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    """A stored story with one field set; setting the format marks it as given, clearing it lets the elements decide."""
    changed = {**data, field: value}
    if field == "format":
        changed["format_given"] = value is not None
    return changed


def now() -> datetime:
    return datetime.now(timezone.utc)


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Conflict(Exception):
    """A change made against an old version: what the row holds now, and who changed it last."""

    def __init__(self, target: str, target_id: int, field: str, current: Any, version: int, by: str | None, at: datetime | None):
        super().__init__(f"{target} {target_id} changed since you loaded it")
        self.info = {
            "target": target, "id": target_id, "field": field, "current": current, "version": version,
            "by": by, "at": utc(at).isoformat() if at else None,
        }


class NotFound(Exception):
    """A show, story, cue or edit that does not exist (or is not in this show)."""


@dataclass
class Store:
    """The studio's data on one database."""

    engine: Engine

    def _write(self) -> Any:
        """A write transaction; on SQLite it takes the write lock at BEGIN (see :func:`castkit.studio.db.connect`)."""
        return self.engine.execution_options(immediate=True).begin()

    # ------------------------------------------------------------ shows

    def add_show(self, title: str, header: dict[str, Any], story_data: list[dict[str, Any]], notices: list[dict[str, Any]],
                 cue_rows: list[dict[str, Any]], author: str) -> int:
        """A new show with its stories and cues, as one transaction; a notice's ``story`` index becomes that story's id."""
        with self._write() as db:
            show_id = db.execute(insert(shows).values(title=title, header=header, notices=[], version=1, created_at=now())).inserted_primary_key[0]
            ids = [db.execute(insert(stories).values(show_id=show_id, position=n, data=data, dropped=False, version=1)).inserted_primary_key[0]
                   for n, data in enumerate(story_data)]
            placed = [{**n, "story": None if n.get("story") is None else ids[n["story"]]} for n in notices]
            db.execute(update(shows).where(shows.c.id == show_id).values(notices=placed))
            self._put_cues(db, show_id, cue_rows)
            self._log(db, show_id, author, "show", show_id, "created", None, title)
        return show_id

    def shows(self) -> list[dict[str, Any]]:
        return self._all(select(shows.c.id, shows.c.title, shows.c.created_at).order_by(shows.c.id))

    def show(self, show_id: int) -> dict[str, Any]:
        return self._one(select(shows).where(shows.c.id == show_id), f"no show {show_id}")

    def set_show_field(self, show_id: int, field: str, value: Any, version: int, author: str) -> int:
        """Set a header field (title, start, slot, end, rate) of a show read at ``version``."""
        if field not in SHOW_FIELDS:
            raise BadInput(f"a show has no field {field!r}")
        with self._write() as db:
            current = self._locked_show(db, show_id)
            before = current["title"] if field == "title" else current["header"].get(field)
            if current["version"] != version:
                raise self._conflict(db, "show", show_id, field, before, current["version"])
            values: dict[str, Any] = {"title": value} if field == "title" else {"header": {**current["header"], field: value}}
            self._bump(db, shows, show_id, version, values)
            self._log(db, show_id, author, "show", show_id, field, before, value)
            return version + 1

    # ------------------------------------------------------------ stories and the running order

    def stories(self, show_id: int, *, dropped: bool = False) -> list[dict[str, Any]]:
        """The stories in running order (with the dropped ones when asked)."""
        query = select(stories).where(stories.c.show_id == show_id).order_by(stories.c.position, stories.c.id)
        if not dropped:
            query = query.where(stories.c.dropped.is_(False))
        return self._all(query)

    def set_story_field(self, show_id: int, story_id: int, field: str, value: Any, version: int, author: str) -> int:
        """Set one field of a story read at ``version``; returns the story's new version."""
        if field not in STORY_FIELDS:
            raise BadInput(f"a story has no field {field!r} the grid can set")
        with self._write() as db:
            row = self._story(db, show_id, story_id)
            before = row["dropped"] if field == "dropped" else row["data"].get(field)
            if row["version"] != version:
                raise self._conflict(db, "story", story_id, field, before, row["version"])
            self._write_story_field(db, row, field, value)
            self._log(db, show_id, author, "story", story_id, field, before, value)
            return version + 1

    def add_story(self, show_id: int, data: dict[str, Any], author: str) -> int:
        """A story (a break, say) added at the end of the running order."""
        with self._write() as db:
            self._locked_show(db, show_id)
            last = db.execute(select(func.max(stories.c.position)).where(stories.c.show_id == show_id)).scalar()
            story_id = db.execute(insert(stories).values(show_id=show_id, position=(last or 0) + 1, data=data, dropped=False,
                                                          version=1)).inserted_primary_key[0]
            self._log(db, show_id, author, "story", story_id, "dropped", True, False)
        return story_id

    def reorder(self, show_id: int, order: list[int], version: int, author: str) -> int:
        """Put the running order in ``order`` (every story id of the show, once), made against show ``version``."""
        with self._write() as db:
            current = self._locked_show(db, show_id)
            before = [r.id for r in db.execute(
                select(stories.c.id).where(stories.c.show_id == show_id, stories.c.dropped.is_(False)).order_by(stories.c.position, stories.c.id))]
            if current["version"] != version:
                raise self._conflict(db, "show", show_id, "order", before, current["version"])
            if sorted(order) != sorted(before):
                raise BadInput("the new running order must list every story of the show once")
            self._bump(db, shows, show_id, version, {})
            self._place(db, order)
            self._log(db, show_id, author, "show", show_id, "order", before, order)
            return version + 1

    # ------------------------------------------------------------ cues

    def cues(self, show_id: int) -> list[dict[str, Any]]:
        return self._all(select(cues).where(cues.c.show_id == show_id).order_by(cues.c.position))

    def set_cue(self, show_id: int, cue_id: int, value: dict[str, Any], version: int, author: str) -> int:
        """Set a cue's ``start_ms``, ``end_ms`` and ``lines`` as read at ``version``."""
        with self._write() as db:
            row = db.execute(select(cues).where(cues.c.id == cue_id, cues.c.show_id == show_id).with_for_update()).first()
            if row is None:
                raise NotFound(f"no cue {cue_id} in show {show_id}")
            before = {k: row._mapping[k] for k in ("start_ms", "end_ms", "lines")}
            if row.version != version:
                raise self._conflict(db, "cue", cue_id, "cue", before, row.version)
            self._bump(db, cues, cue_id, version, value)
            self._log(db, show_id, author, "cue", cue_id, "cue", before, value)
            return version + 1

    def replace_cues(self, show_id: int, cue_rows: list[dict[str, Any]], author: str) -> None:
        """A new set of cues for the show (re-timed to the recording); the old ones are kept in the history line."""
        with self._write() as db:
            self._locked_show(db, show_id)
            columns = ("start_ms", "end_ms", "lines", "speaker", "role", "colour", "story", "element")
            before = [{k: r._mapping[k] for k in columns} for r in db.execute(select(cues).where(cues.c.show_id == show_id).order_by(cues.c.position))]
            db.execute(cues.delete().where(cues.c.show_id == show_id))
            self._put_cues(db, show_id, cue_rows)
            self._log(db, show_id, author, "show", show_id, "cues", before, f"{len(cue_rows)} cues")

    # ------------------------------------------------------------ history and undo

    def history(self, show_id: int, limit: int = 200) -> list[dict[str, Any]]:
        return self._all(select(edits).where(edits.c.show_id == show_id).order_by(edits.c.id.desc()).limit(limit))

    def edit(self, show_id: int, edit_id: int) -> dict[str, Any]:
        return self._one(select(edits).where(edits.c.id == edit_id, edits.c.show_id == show_id), f"no edit {edit_id} in show {show_id}")

    def undo(self, show_id: int, edit_id: int, author: str) -> dict[str, Any]:
        """Restore what edit ``edit_id`` replaced, provided nothing has changed it since."""
        with self._write() as db:
            edit = db.execute(select(edits).where(edits.c.id == edit_id, edits.c.show_id == show_id)).first()
            if edit is None or edit.field in ("created", "cues"):
                raise NotFound(f"no edit {edit_id} that can be undone in show {show_id}")
            if edit.target == "story":
                row = self._story(db, show_id, edit.target_id)
                current, version = (row["dropped"] if edit.field == "dropped" else row["data"].get(edit.field)), row["version"]
            elif edit.target == "cue":
                row = db.execute(select(cues).where(cues.c.id == edit.target_id).with_for_update()).first()
                if row is None:
                    raise NotFound(f"the cue edit {edit_id} changed has been rebuilt since")
                current, version = {k: row._mapping[k] for k in ("start_ms", "end_ms", "lines")}, row.version
            else:
                show = self._locked_show(db, show_id)
                version = show["version"]
                if edit.field == "order":
                    current = [r.id for r in db.execute(select(stories.c.id).where(
                        stories.c.show_id == show_id, stories.c.dropped.is_(False)).order_by(stories.c.position, stories.c.id))]
                else:
                    current = show["title"] if edit.field == "title" else show["header"].get(edit.field)
            if current != edit.after:
                raise self._conflict(db, edit.target, edit.target_id, edit.field, current, version)
            if edit.target == "story":
                self._write_story_field(db, row, edit.field, edit.before)
            elif edit.target == "cue":
                self._bump(db, cues, edit.target_id, version, dict(edit.before))
            elif edit.field == "order":
                if sorted(edit.before) != sorted(current):
                    raise self._conflict(db, "show", show_id, "order", current, version)
                self._bump(db, shows, show_id, version, {})
                self._place(db, edit.before)
            else:
                values = {"title": edit.before} if edit.field == "title" else {"header": {**show["header"], edit.field: edit.before}}
                self._bump(db, shows, show_id, version, values)
            self._log(db, show_id, author, edit.target, edit.target_id, edit.field, edit.after, edit.before, undoes=edit_id)
            return {"target": edit.target, "id": edit.target_id, "field": edit.field, "value": edit.before}

    # ------------------------------------------------------------ QA, media, on air

    def add_qa(self, show_id: int, name: str, wer: float | None, report: dict[str, Any], author: str) -> int:
        with self._write() as db:
            self._locked_show(db, show_id)
            return db.execute(insert(qa_results).values(show_id=show_id, created_at=now(), author=author, name=name, wer=wer,
                                                        report=report)).inserted_primary_key[0]

    def qa_results(self, show_id: int) -> list[dict[str, Any]]:
        return self._all(select(qa_results.c.id, qa_results.c.created_at, qa_results.c.author, qa_results.c.name, qa_results.c.wer)
                         .where(qa_results.c.show_id == show_id).order_by(qa_results.c.id.desc()))

    def qa_result(self, show_id: int, result_id: int) -> dict[str, Any]:
        return self._one(select(qa_results).where(qa_results.c.id == result_id, qa_results.c.show_id == show_id),
                         f"no QA result {result_id} in show {show_id}")

    def add_media(self, show_id: int, name: str, mime: str, data: bytes) -> int:
        with self._write() as db:
            return db.execute(insert(media).values(show_id=show_id, name=name, mime=mime, data=data)).inserted_primary_key[0]

    def media(self, show_id: int) -> dict[str, Any] | None:
        """The show's audio or video (the latest added), or None."""
        found = self._all(select(media).where(media.c.show_id == show_id).order_by(media.c.id.desc()).limit(1))
        return found[0] if found else None

    def mark_start(self, show_id: int, story_id: int | None, author: str) -> datetime:
        """Log that ``story_id`` went on air now (None: the show came off air)."""
        moment = now()
        with self._write() as db:
            self._locked_show(db, show_id)
            db.execute(insert(as_run).values(show_id=show_id, story_id=story_id, started_at=moment, author=author))
        return moment

    def as_run(self, show_id: int) -> list[dict[str, Any]]:
        return [{**row, "started_at": utc(row["started_at"])} for row in self._all(select(as_run).where(as_run.c.show_id == show_id).order_by(as_run.c.id))]

    # ------------------------------------------------------------ accounts

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        with self._write() as db:
            if db.execute(select(users.c.id).where(users.c.name == name)).first():
                db.execute(update(users).where(users.c.name == name).values(role=role, password_hash=password_hash))
            else:
                db.execute(insert(users).values(name=name, role=role, password_hash=password_hash, created_at=now()))

    def user(self, name: str) -> dict[str, Any] | None:
        found = self._all(select(users).where(users.c.name == name))
        return found[0] if found else None

    def has_accounts(self) -> bool:
        return bool(self._all(select(users.c.id).limit(1)))

    # ------------------------------------------------------------ reading

    def _all(self, query: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as db:
            return [dict(r._mapping) for r in db.execute(query)]

    def _one(self, query: Any, missing: str) -> dict[str, Any]:
        found = self._all(query)
        if not found:
            raise NotFound(missing)
        return found[0]

    # ------------------------------------------------------------ inside a transaction

    def _locked_show(self, db: Connection, show_id: int) -> dict[str, Any]:
        row = db.execute(select(shows).where(shows.c.id == show_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no show {show_id}")
        return dict(row._mapping)

    def _story(self, db: Connection, show_id: int, story_id: int) -> dict[str, Any]:
        row = db.execute(select(stories).where(stories.c.id == story_id, stories.c.show_id == show_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no story {story_id} in show {show_id}")
        return dict(row._mapping)

    def _write_story_field(self, db: Connection, row: dict[str, Any], field: str, value: Any) -> None:
        values = {"dropped": bool(value)} if field == "dropped" else {"data": story_with(row["data"], field, value)}
        self._bump(db, stories, row["id"], row["version"], values)

    @staticmethod
    def _bump(db: Connection, table: Any, row_id: int, version: int, values: dict[str, Any]) -> None:
        """Write ``values`` and the next version, only if the row is still at ``version``."""
        done = db.execute(update(table).where(table.c.id == row_id, table.c.version == version).values(version=version + 1, **values))
        if done.rowcount != 1:  # another writer committed between our read and this write
            raise Conflict(TARGETS[table.name], row_id, "version", None, version + 1, None, None)

    @staticmethod
    def _place(db: Connection, order: list[int]) -> None:
        for position, story_id in enumerate(order):
            db.execute(update(stories).where(stories.c.id == story_id).values(position=position))

    @staticmethod
    def _put_cues(db: Connection, show_id: int, cue_rows: list[dict[str, Any]]) -> None:
        if cue_rows:
            db.execute(insert(cues), [{**row, "show_id": show_id, "position": n, "version": 1} for n, row in enumerate(cue_rows)])

    @staticmethod
    def _log(db: Connection, show_id: int, author: str, target: str, target_id: int, field: str, before: Any, after: Any,
             undoes: int | None = None) -> None:
        db.execute(insert(edits).values(show_id=show_id, at=now(), author=author, target=target, target_id=target_id, field=field,
                                        before=before, after=after, undoes=undoes))

    @staticmethod
    def _conflict(db: Connection, target: str, target_id: int, field: str, current: Any, version: int) -> Conflict:
        last = db.execute(select(edits.c.author, edits.c.at).where(edits.c.target == target, edits.c.target_id == target_id)
                          .order_by(edits.c.id.desc()).limit(1)).first()
        return Conflict(target, target_id, field, current, version, last.author if last else None, last.at if last else None)

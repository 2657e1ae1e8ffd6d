"""The batch ledger: one JSON line per finished item, in the output folder.

Each line carries the item's key — a hash of its inputs' bytes, the job, its options and
castkit's version — so a re-run skips an item whose key is recorded as done and redoes one
whose inputs or options changed. Only the process that runs the batch writes the ledger,
one whole line at a time, so an interrupted batch leaves at worst a torn last line, which
is ignored.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from castkit import __version__
from castkit.batch import store
from castkit.batch.items import Item

NAME = "ledger.jsonl"
REMOTE_EVERY_S = 10.0
"""A remote ledger is one object, rewritten whole: it is written at most this often while the batch runs
(and once more when it ends), not once per item, which would upload the whole ledger again for each
of ten thousand items. A batch killed outright redoes the items finished since the last write."""


def item_key(job: str, item: Item, options: dict[str, Any]) -> str:
    """What makes an item's result what it is: its inputs' bytes, the job, the options, castkit's version."""
    facts = {
        "job": job,
        "options": options,
        "castkit": __version__,
        "inputs": {role: store.content_hash(location) for role, location in sorted(item.inputs().items())},
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode("utf-8")).hexdigest()


class Ledger:
    """The records of a batch's output folder, the latest per item, and appending new ones."""

    def __init__(self, out: str) -> None:
        self.location = store.join(out, NAME)
        self.lines: list[str] = []
        self.latest: dict[str, dict[str, Any]] = {}
        self._written_at = time.monotonic()
        self._unwritten = False
        text = store.read_text(self.location)
        self._torn = bool(text) and not text.endswith("\n")
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:  # a line torn by an interruption
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                self.lines.append(line)
                self.latest[record["id"]] = record

    def done(self, item_id: str, key: str) -> dict[str, Any] | None:
        """The record of ``item_id`` if it was done with this very key."""
        record = self.latest.get(item_id)
        return record if record and record.get("status") == "done" and record.get("key") == key else None

    def add(self, record: dict[str, Any]) -> None:
        """Record a finished item: one line appended locally (in the system's hands when this returns, so
        a killed batch keeps it), the whole ledger rewritten remotely every :data:`REMOTE_EVERY_S`."""
        line = json.dumps(record, ensure_ascii=False, sort_keys=True)
        self.lines.append(line)
        self.latest[record["id"]] = record
        if store.is_remote(self.location):
            self._unwritten = True
            if time.monotonic() - self._written_at >= REMOTE_EVERY_S:
                self.flush()
            return
        with Path(self.location).open("a", encoding="utf-8") as handle:
            handle.write(("\n" if self._torn else "") + line + "\n")
            self._torn = False

    def flush(self) -> None:
        """Write a remote ledger's records not yet written (a local one has every line already)."""
        if self._unwritten:
            store.write_text(self.location, "\n".join(self.lines) + "\n")
            self._unwritten = False
            self._written_at = time.monotonic()

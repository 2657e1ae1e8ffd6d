"""Load test of castkit studio: simulated users editing one show at once against 127.0.0.1.

The studio runs as ``castkit serve`` in its own process on a fresh database. Each user signs
in to its own session and, for the whole run, picks a story and a field at random and saves
a new value against the version it last saw; a refusal (409, someone saved first) is counted
and the user reads the story again, as the grid does. A separate listener follows the show's
event stream and times how long each change takes to reach other browsers.

Afterwards the history is checked against what the users were told: an edit answered 200
but missing from the history is **lost**; one whose "before" is not the value the previous
accepted edit left is **merged** (written over a change its author never saw). Both must be 0.

Times: p50/p95 of every request, against one user alone on the same server (the baseline,
measured in the same run). Run by ``make bench``:
    python scripts/bench_studio.py [--users 20] [--seconds 60] [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from studio_servers import Unavailable, create_database, free_port, postgres  # noqa: E402

FIELDS = ("notes", "talent", "slug", "target_ms")
STORIES = 5


def _value(field: str, rng: random.Random, user: int, n: int) -> str:
    if field == "target_ms":
        return f"{rng.randint(1, 3)}:{rng.randint(0, 59):02d}"
    return f"U{user}-{n}"


@contextlib.contextmanager
def serving(db: str) -> Iterator[tuple[str, int]]:
    """A show of STORIES stories in a new database, and ``castkit serve`` on it; yields (url, show id)."""
    from castkit.build import sample
    from castkit.studio import derived
    from castkit.studio.server import open_store

    store = open_store(db)
    parts = derived.import_script(sample().script.read_text("utf-8"), "bench")
    stories = [{**parts["stories"][0], "slug": f"S{n}"} for n in range(STORIES)]
    show = store.add_show("Load test", {**parts["header"], "start_ms": 72_000_000, "slot_ms": 900_000}, stories, [], parts["cues"], "bench")
    store.engine.dispose()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "castkit", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"castkit serve did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.1)
        yield url, show
    finally:
        server.terminate()
        server.wait(15)


class User(threading.Thread):
    """One simulated editor: its own session, saving values until the run ends."""

    def __init__(self, url: str, show: int, number: int, until: float, log: list, lock: threading.Lock) -> None:
        super().__init__(daemon=True)
        self.url, self.show, self.number, self.until = url, show, number, until
        self.log, self.lock = log, lock
        self.times: list[float] = []
        self.refused = 0
        self.errors = 0

    def run(self) -> None:
        rng = random.Random(self.number)
        with httpx.Client(base_url=self.url, timeout=30) as http:
            token = re.search(r'<meta name="csrf" content="([^"]+)"', http.get(f"/shows/{self.show}").text)[1]
            versions = self._read(http)
            n = 0
            while time.monotonic() < self.until:
                story = rng.choice(sorted(versions))
                field = rng.choice(FIELDS)
                value = _value(field, rng, self.number, n)
                n += 1
                started = time.perf_counter()
                answer = http.post(f"/api/shows/{self.show}/stories/{story}", headers={"X-CSRF-Token": token},
                                   json={"field": field, "value": value, "version": versions[story], "client": f"u{self.number}-{n}"})
                self.times.append(time.perf_counter() - started)
                if answer.status_code == 200:
                    data = answer.json()
                    with self.lock:
                        self.log.append((story, data["version"], field, f"u{self.number}-{n}", started))
                    versions = {row["id"]: row["version"] for row in data["rows"]}
                elif answer.status_code == 409:
                    self.refused += 1
                    versions = self._read(http)
                else:
                    self.errors += 1

    def _read(self, http: httpx.Client) -> dict[int, int]:
        started = time.perf_counter()
        rows = http.get(f"/api/shows/{self.show}/sheet").json()["rows"]
        self.times.append(time.perf_counter() - started)
        return {row["id"]: row["version"] for row in rows}


class Listener(threading.Thread):
    """A browser's event stream: the moment each change (by its client tag) arrives."""

    def __init__(self, url: str, show: int) -> None:
        super().__init__(daemon=True)
        self.url, self.show = url, show
        self.seen: dict[str, float] = {}
        self.ready = threading.Event()

    def run(self) -> None:
        with contextlib.suppress(httpx.HTTPError), httpx.Client(base_url=self.url, timeout=None) as http, \
                http.stream("GET", f"/api/shows/{self.show}/events") as stream:
            self.ready.set()
            for line in stream.iter_lines():  # until the server stops
                if line.startswith("data: "):
                    self.seen[json.loads(line[6:]).get("client") or ""] = time.perf_counter()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def check(db: str, show: int, log: list) -> tuple[int, int]:
    """(lost, merged): accepted edits missing from the history, and edits that did not build on the one before."""
    from castkit.studio.server import open_store

    store = open_store(db)
    history = [e for e in reversed(store.history(show, limit=10 ** 7)) if e["target"] == "story"]
    store.engine.dispose()
    by_story: dict[int, list] = {}
    for edit in history:
        by_story.setdefault(edit["target_id"], []).append(edit)
    accepted = {(story, version) for story, version, *_ in log}
    recorded = {(story, n + 2) for story, edits in by_story.items() for n in range(len(edits))}
    lost = len(accepted - recorded)
    merged = 0
    for edits in by_story.values():
        last: dict[str, object] = {}
        for edit in edits:
            if edit["field"] in last and edit["before"] != last[edit["field"]]:
                merged += 1
            last[edit["field"]] = edit["after"]
    return lost, merged


def measure(db: str, users: int, seconds: float) -> dict:
    with serving(db) as (url, show):
        listener = Listener(url, show)
        listener.start()
        listener.ready.wait(10)
        alone: list = []
        single = User(url, show, 999, time.monotonic() + min(5.0, seconds / 4), alone, threading.Lock())
        single.start()
        single.join()
        log: list = []
        lock = threading.Lock()
        until = time.monotonic() + seconds
        crowd = [User(url, show, n, until, log, lock) for n in range(users)]
        for user in crowd:
            user.start()
        for user in crowd:
            user.join()
        time.sleep(1.0)
        delays = [listener.seen[tag] - sent for _, _, _, tag, sent in log if tag in listener.seen]
    lost, merged = check(db, show, log)
    times = [t for u in crowd for t in u.times]
    return {
        "requests": len(times), "saved": len(log), "refused": sum(u.refused for u in crowd), "errors": sum(u.errors for u in crowd),
        "lost": lost, "merged": merged, "p50": statistics.median(times), "p95": percentile(times, 0.95),
        "alone_p50": statistics.median(single.times), "events_p95": percentile(delays, 0.95), "events_missed": len(log) - len(delays),
    }


def line(kind: str, users: int, seconds: float, r: dict) -> str:
    return (f"studio {users} users × {seconds:g} s on {kind:<10} {r['requests']:>6} requests, {r['saved']:>5} edits saved, "
            f"{r['refused']:>5} refused as stale, {r['lost']} lost, {r['merged']} merged, {r['errors']} errors | "
            f"p50 {r['p50'] * 1000:6.1f} ms p95 {r['p95'] * 1000:6.1f} ms  vs one user alone p50 {r['alone_p50'] * 1000:5.1f} ms  "
            f"ratio {r['p95'] / r['alone_p50']:5.1f}x | seen by other browsers p95 {r['events_p95'] * 1000:6.1f} ms, "
            f"{r['events_missed']} missed")


def lines(users: int = 20, seconds: float = 60, kinds: tuple[str, ...] = ("sqlite", "postgresql")) -> Iterator[str]:
    for kind in kinds:
        with tempfile.TemporaryDirectory() as folder:
            if kind == "sqlite":
                yield line(kind, users, seconds, measure(f"sqlite:///{folder}/bench.sqlite3", users, seconds))
                continue
            try:
                with postgres() as server:
                    yield line(kind, users, seconds, measure(create_database(server, "bench"), users, seconds))
            except Unavailable as exc:
                yield f"studio {users} users × {seconds:g} s on postgresql: skipped ({exc})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), action="append", help="database(s) to test (default: both)")
    args = parser.parse_args()
    for text in lines(args.users, args.seconds, tuple(args.db or ("sqlite", "postgresql"))):
        print(text, flush=True)


if __name__ == "__main__":
    main()

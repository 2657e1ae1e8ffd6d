"""Running a batch: items on a ``concurrent.futures`` executor, recorded in the ledger.

The executor is the only thing that differs between a laptop and a cluster: a process
pool by default, any other :class:`~concurrent.futures.Executor` (a Dask client's
``get_executor()``) when given. An item's own failure (bad input, anything it raises) is
caught on the worker and recorded with its one-line error; a worker that dies (a killed
process, a lost Dask worker) costs nothing but a retry of the items it held.
"""

from __future__ import annotations

import json
import queue
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from castkit import __version__
from castkit.batch import store
from castkit.batch.items import Item
from castkit.batch.jobs import JOBS
from castkit.batch.ledger import Ledger, item_key
from castkit.errors import BadInput, CastkitError

ITEM_FILE = "item.json"
"""Written into every item's folder: the job, inputs, options and castkit version behind it."""

RETRIES = 2
"""How many times an item is sent again after the worker running it was lost."""


@dataclass
class ItemResult:
    """How one item ended: ``done``, ``failed`` (with its one-line error) or ``skipped`` (done before)."""

    id: str
    key: str
    status: str
    error: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    attempts: int = 1

    def record(self) -> dict[str, Any]:
        """The ledger line for this result."""
        return {**asdict(self), "finished": datetime.now(timezone.utc).isoformat(timespec="seconds")}


@dataclass
class BatchReport:
    """Every item's result in id order, the job and options, and how long the run took."""

    job: str
    out: str
    options: dict[str, Any]
    results: list[ItemResult]
    seconds: float

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def run_item(job: str, item: Item, out: str, options: dict[str, Any], key: str) -> ItemResult:
    """Run one item on a worker: fetch its inputs, run the job into a hidden folder, publish it whole."""
    started = time.perf_counter()
    staging: Path | None = None
    try:
        spec = JOBS[job]
        spec.check(item.inputs())
        staging = store.staging_folder(out, item.id)
        inputs = {role: location for role, location in item.inputs().items() if role in spec.needs + spec.uses}
        remote = any(store.is_remote(location) for location in inputs.values())  # local inputs are read where they are
        with tempfile.TemporaryDirectory(prefix="castkit-batch-in-") if remote else nullcontext(str(staging)) as tmp:
            summary = spec.run({role: store.fetch(location, Path(tmp)) for role, location in inputs.items()}, staging, options)
        facts = {"schema": "castkit.batch-item/1", "id": item.id, "job": job, "inputs": item.inputs(),
                 "options": options, "castkit": __version__, "key": key, "summary": summary}
        # the staging folder is this item's alone and is published whole: its files need no atomic write of their own
        (staging / ITEM_FILE).write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        store.publish(staging, out, item.id)
        return ItemResult(item.id, key, "done", None, summary, round(time.perf_counter() - started, 3))
    except Exception as exc:  # an item's failure is recorded, and the batch goes on
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        error = str(exc) if isinstance(exc, CastkitError) else f"internal error: {type(exc).__name__}: {exc}"
        return ItemResult(item.id, key, "failed", error.splitlines()[0] if error else type(exc).__name__,
                          seconds=round(time.perf_counter() - started, 3))


class InlineExecutor(Executor):
    """Runs each item in this process as it is submitted: one worker, no pool to start."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001  (handed to the caller through the future)
            future.set_exception(exc)
        return future


def run_batch(
    job: str,
    items: list[Item],
    out: str,
    *,
    options: dict[str, Any] | None = None,
    executor: Executor | None = None,
    workers: int = 1,
    on_result: Callable[[ItemResult, int], None] | None = None,
) -> BatchReport:
    """Run ``job`` over ``items`` into ``out`` and return every item's result.

    Items done before with the same key are skipped. ``executor`` runs the items (a Dask
    client's ``get_executor()``); without one, ``workers`` local processes do (1: this
    process). ``on_result(result, total)`` is called as each item ends, for progress.
    """
    if job not in JOBS:
        raise BadInput(f"unknown job {job!r}; choose one of {', '.join(JOBS)}")
    if workers < 1:
        raise BadInput("--workers must be 1 or more")
    options = dict(options or {})
    started = time.perf_counter()
    store.prepare_output(out)
    store.tidy(out)
    ledger = Ledger(out)
    results: dict[str, ItemResult] = {}

    def finish(result: ItemResult) -> None:
        results[result.id] = result
        ledger.add(result.record())
        if on_result:
            on_result(result, len(items))

    def todo() -> Iterator[tuple[Item, str]]:
        """Each item not done before, with its key. Keys are made as the items are sent, so the first
        items run while the rest of an archive's inputs are still being read to make theirs."""
        for item in items:
            try:
                key = item_key(job, item, options)
            except BadInput as exc:  # an input that cannot be read: this item's failure, not the batch's
                finish(ItemResult(item.id, "", "failed", str(exc).splitlines()[0]))
                continue
            record = ledger.done(item.id, key)
            if record is None:
                yield item, key
                continue
            results[item.id] = ItemResult(item.id, key, "skipped", None, record.get("summary", {}), record.get("seconds", 0.0))
            if on_result:
                on_result(results[item.id], len(items))

    own = executor is None
    local_pool = own and workers > 1
    pool = executor or (_local_pool(workers) if local_pool else InlineExecutor())
    try:
        _drain(pool, todo(), job, out, options, finish, fresh_pool=(lambda: _local_pool(workers)) if local_pool else None)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
        ledger.flush()  # an interrupted batch keeps what it finished
    store.tidy(out)  # what a lost worker was writing when it died
    ordered = [results[item.id] for item in items]
    return BatchReport(job, out, options, ordered, round(time.perf_counter() - started, 3))


def _local_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes that leave Ctrl-C to the batch: it reaches the whole process group, and
    a worker interrupted while waiting for its next item could leave the pool's shutdown waiting
    for ever; the batch cancels what has not started and lets each worker end its item."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_the_batch)


def _leave_interrupts_to_the_batch() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command's handler turns SIGTERM into Ctrl-C: not in a worker


def _drain(pool: Executor, todo: Iterable[tuple[Item, str]], job: str, out: str, options: dict[str, Any],
           finish: Callable[[ItemResult], None], *, fresh_pool: Callable[[], Executor] | None) -> None:
    """Submit every item, retrying those whose worker was lost, until each has ended once.

    Each future reports itself on a queue as it ends, so taking the next one costs the same with
    ten items pending or ten thousand (waiting on all pending futures each time grows with the
    square of the batch). What ends while later items are still being taken from ``todo`` is
    recorded at once, so a long list of inputs to read does not hold back the ledger."""
    attempts: dict[str, int] = {}
    pending: dict[Future, tuple[Item, str]] = {}
    ended: queue.SimpleQueue[Future] = queue.SimpleQueue()
    replacements: list[Executor] = []

    def send(item: Item, key: str) -> None:
        attempts[item.id] = attempts.get(item.id, 0) + 1
        try:
            future = pool.submit(run_item, job, item, out, options, key)
        except RuntimeError as exc:  # a pool broken before its loss was seen: the item is lost like those it held
            if not _broken(exc):
                raise
            future = Future()
            future.set_exception(exc)
        pending[future] = (item, key)
        future.add_done_callback(ended.put)

    def settle(future: Future) -> None:
        nonlocal pool
        if future not in pending:  # cancelled with a broken pool, and already sent again
            return
        lost = []
        item, key = pending.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # the worker died under the item, not the item itself
            lost.append((item, key, exc))
        else:
            result.attempts = attempts[item.id]
            finish(result)
        if lost and fresh_pool is not None and any(_broken(exc) for _, _, exc in lost):
            pool.shutdown(wait=False, cancel_futures=True)
            unfinished = [future for future in pending if not _succeeded(future)]  # the rest are queued, done
            lost += [(*pending.pop(future), None) for future in unfinished]
            pool = fresh_pool()
            replacements.append(pool)
        for item, key, exc in lost:
            if attempts[item.id] > RETRIES:
                reason = f"worker lost {attempts[item.id]} times" + (f" ({type(exc).__name__})" if exc else "")
                finish(ItemResult(item.id, key, "failed", reason, attempts=attempts[item.id]))
            else:
                send(item, key)

    try:
        for item, key in todo:
            send(item, key)
            while not ended.empty():
                settle(ended.get())
        while pending:
            settle(ended.get())
    finally:
        for spare in replacements:
            spare.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _broken(exc: BaseException | None) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)

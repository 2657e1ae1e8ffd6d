"""Batch throughput: the overhead of ``castkit batch`` and what a second worker buys.

On ``count`` generated bulletins of ``minutes`` each with the ``subs`` job: the batch in one process against the
same items run one by one through the library (the batch's overhead: hashing, ledger,
per-item folders), two local worker processes against one (the speed-up), and a Dask
``LocalCluster`` of two worker processes. Run by ``make bench``, or alone:
    python scripts/bench_batch.py [--count 200]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from synthetic_batch import write_batch

JOB = "subs"
OPTIONS = {"profile": "broadcast", "formats": ["srt"]}


REPEAT = 3
"""Each figure is the best of this many runs: a batch of small items takes a few seconds, where
one run disturbed by other work on the machine would move a ratio by tens of percent."""


def _timed(work) -> float:
    """The fastest of :data:`REPEAT` runs of ``work``, in seconds."""
    best = float("inf")
    for _ in range(REPEAT):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def lines(count: int, minutes: int = 5) -> Iterator[str]:
    from castkit.batch import find_items, run_batch
    from castkit.batch.jobs import JOBS

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_batch(root / "in", count, minutes=minutes)
        items = find_items(str(root / "in"))

        def one_by_one() -> None:
            for item in items:
                out = root / "plain" / item.id
                out.mkdir(parents=True, exist_ok=True)
                JOBS[JOB].run(item.inputs(), out, OPTIONS)

        def batch(workers: int, name: str, executor=None) -> float:
            def fresh() -> None:  # each run starts without the outputs and ledger of the one before
                shutil.rmtree(root / name, ignore_errors=True)
                run_batch(JOB, items, str(root / name), options=OPTIONS, workers=workers, executor=executor)
            return _timed(fresh)

        one_by_one()  # warm the imports and caches both sides use
        plain = _timed(one_by_one)
        single = batch(1, "one")
        yield (f"batch  {count} bulletins ({JOB}), 1 process {single:8.2f} s  vs the items one by one {plain:8.2f} s  "
               f"overhead {(single / plain - 1) * 100:+5.1f} %")
        double = batch(2, "two")
        yield (f"batch  {count} bulletins ({JOB}), 2 workers {double:8.2f} s  vs 1 process {single:8.2f} s  "
               f"speed-up {single / double:4.2f}x  ({count / double:.1f} items/s)")
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            yield "batch  Dask not installed: the cluster figure is left out"
            return
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            dask = batch(1, "dask", client.get_executor())
        yield (f"batch  {count} bulletins ({JOB}), Dask LocalCluster of 2 {dask:8.2f} s  vs 1 process {single:8.2f} s  "
               f"speed-up {single / dask:4.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="bulletins in the batch")
    parser.add_argument("--minutes", type=int, default=5, help="length of each bulletin")
    args = parser.parse_args()
    for line in lines(args.count, args.minutes):
        print(line, flush=True)


if __name__ == "__main__":
    main()

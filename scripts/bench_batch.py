"""Batch throughput: the overhead of ``castkit batch`` and what a second worker buys.

On ``count`` generated bulletins of ``minutes`` each with the ``subs`` job: the batch in one process against the
same items run one by one through the library (the batch's overhead: hashing, ledger,
per-item folders), two local worker processes against one (the speed-up), and a Dask
``LocalCluster`` of two worker processes. Run by ``make bench``, or alone:
    python scripts/bench_batch.py [--count 200]
"""

from __future__ import annotations

import argparse
import itertools
import logging
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from measure import best_in_turns, paired_ratio, times_in_turns
from synthetic_batch import write_batch

JOB = "subs"
OPTIONS = {"profile": "broadcast", "formats": ["srt"]}


REPEAT = 9
"""Rounds of runs taken in turns: each time printed is the best of them, each ratio the median of the
rounds' ratios. A batch of small items takes a few seconds, where one run disturbed by other work on
the machine would move a ratio by tens of percent."""


def lines(count: int, minutes: int = 5) -> Iterator[str]:
    from castkit.batch import find_items, run_batch
    from castkit.batch.jobs import JOBS

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_batch(root / "in", count, minutes=minutes)
        items = find_items(str(root / "in"))

        runs = itertools.count()  # every run writes into a new folder: none pays for clearing the one before

        def one_by_one() -> None:
            folder = root / f"run{next(runs)}"
            for item in items:
                out = folder / item.id
                out.mkdir(parents=True)
                JOBS[JOB].run(item.inputs(), out, OPTIONS)

        def batch(workers: int = 1, executor=None) -> Callable[[], None]:
            return lambda: run_batch(JOB, items, str(root / f"run{next(runs)}"), options=OPTIONS, workers=workers, executor=executor)

        one_by_one()  # warm the imports and caches every run uses
        times = times_in_turns({"plain": one_by_one, "one": batch(), "two": batch(workers=2)}, REPEAT)
        plain, single, double = (min(times[name]) for name in ("plain", "one", "two"))
        yield (f"batch  {count} bulletins ({JOB}), 1 process {single:8.2f} s  vs the items one by one {plain:8.2f} s  "
               f"overhead {(paired_ratio(times, 'one', 'plain') - 1) * 100:+5.1f} %")
        yield (f"batch  {count} bulletins ({JOB}), 2 workers {double:8.2f} s  vs 1 process {single:8.2f} s  "
               f"speed-up {paired_ratio(times, 'one', 'two'):4.2f}x  ({count / double:.1f} items/s)")
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            yield "batch  Dask not installed: the cluster figure is left out"
            return
        # started only now: its idle workers would otherwise share the machine with the runs above
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            dask = best_in_turns({"dask": batch(executor=client.get_executor())}, REPEAT)["dask"]
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

"""How the benchmark scripts time and weigh a piece of work.

Times are the best of several runs (the run least disturbed by other load on the machine);
memory is the peak of Python allocations (tracemalloc) in a separate, untimed run, since
tracing slows the work down. A command is timed from a small launcher process (this file run
as a script), because a child's peak resident memory counts its parent's at spawn time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable, Hashable


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs of ``work``, in seconds."""
    return min(timeit.repeat(work, number=1, repeat=repeat))


def times_in_turns(works: dict[Hashable, Callable[[], object]], rounds: int) -> dict[Hashable, list[float]]:
    """Each of ``works`` run ``rounds`` times, in seconds, the works taking turns round by round: a slow
    spell on the machine then falls on all of them, not on every run of one. Every other round goes in
    the opposite order, so no work always runs right after the same other one (the run after a batch
    of worker processes, or after another's allocations, is not like the others)."""
    times: dict[Hashable, list[float]] = {name: [] for name in works}
    order = list(works)
    for turn in range(rounds):
        for name in order if turn % 2 == 0 else reversed(order):
            started = time.perf_counter()
            works[name]()
            times[name].append(time.perf_counter() - started)
    return times


def best_in_turns(works: dict[Hashable, Callable[[], object]], rounds: int) -> dict[Hashable, float]:
    """The fastest of the runs of each of ``works`` taken in turns (:func:`times_in_turns`)."""
    return {name: min(runs) for name, runs in times_in_turns(works, rounds).items()}


def paired_ratio(times: dict[Hashable, list[float]], slower: Hashable, faster: Hashable) -> float:
    """The median over rounds of ``slower``'s time over ``faster``'s in the same round: a slow spell that
    lasts a round falls on both sides of each ratio, where the best runs of each may come from different spells."""
    return statistics.median(a / b for a, b in zip(times[slower], times[faster]))


def peak_mb(work: Callable[[], object]) -> float:
    """The peak of memory allocated while ``work`` runs, in MB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def seconds(value: float) -> str:
    """A duration as the reports print it: ms below a second, else seconds."""
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def command_usage(argv: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one run of ``argv``, output discarded."""
    done = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    took, peak_kb = done.stdout.split()
    return float(took), float(peak_kb) / 1024


def _launch(argv: list[str]) -> None:
    """Run ``argv`` with its output discarded; print its wall time and peak RSS (kB); exit as it did."""
    began = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)])
    _, status, usage = os.wait4(pid, 0)
    print(time.perf_counter() - began, usage.ru_maxrss)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    _launch(sys.argv[1:])

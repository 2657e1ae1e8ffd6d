"""How fast castkit parses a 1 MB transcript, against reading and splitting the same text.

The baseline (decode + str.split of the same bytes) is measured in the same run, so the
ratio holds across machines; the absolute time is printed as well. Usage:
    python scripts/bench_parse.py [--size-mb 1] [--repeat 5]
"""

from __future__ import annotations

import argparse
import timeit
from collections.abc import Callable
from pathlib import Path

from castkit.files import decode
from castkit.ingest import parse_text
from castkit.ingest.markup import parse_markup, to_markup

SEED = Path(__file__).resolve().parent.parent / "media" / "arirang-284316.txt"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other load)."""
    return min(timeit.repeat(work, number=1, repeat=repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seed = SEED.read_text("utf-8")
    size = int(args.size_mb * 1_000_000)
    one_page = (seed + "\n\n") * (size // (len(seed) + 2) + 1)  # a listing of many story pages
    body = "\n\n".join(seed.split("\n\n")[4:-3])
    one_story = (body + "\n\n") * (size // (len(body) + 2) + 1)  # one very long story
    for label, text in (("many stories", one_page), ("one long story", one_story)):
        data = text.encode("utf-8")
        baseline = best_of(args.repeat, lambda: decode(data, "bench").text.split())
        parse = best_of(args.repeat, lambda: parse_text(decode(data, "bench").text))
        print(f"{label}: {len(data) / 1e6:.2f} MB  parse {parse * 1000:.0f} ms  "
              f"read+split {baseline * 1000:.1f} ms  ratio {parse / baseline:.0f}x")
    bulletin = parse_text(one_page).bulletin
    markup = to_markup(bulletin)
    write = best_of(args.repeat, lambda: to_markup(bulletin))
    read = best_of(args.repeat, lambda: parse_markup(markup))
    print(f"markup: {len(markup.encode()) / 1e6:.2f} MB  write {write * 1000:.0f} ms  read {read * 1000:.0f} ms")


if __name__ == "__main__":
    main()

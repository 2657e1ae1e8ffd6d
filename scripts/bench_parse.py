"""How fast castkit parses large transcripts, against reading and splitting the same text.

The baseline (decode + str.split of the same bytes) is measured in the same run, so the
ratio holds across machines; the absolute time is printed as well, and for each house style
against the product's target (a megabyte parsed in at most 150 ms: "under" or "OVER"). Cases:
the seed page repeated as a listing of many stories, its body repeated as one very long story,
each house style's test fixtures repeated to the same size, and a markup round trip. Usage:
    python scripts/bench_parse.py [--size-mb 1] [--repeat 5]
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

from measure import best_in_turns, best_of, peak_mb, seconds

from castkit.files import decode
from castkit.ingest import parse_text
from castkit.ingest.detect import detect
from castkit.ingest.markup import parse_markup, to_markup

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "media" / "arirang-284316.txt"
FIXTURES = ROOT / "tests" / "fixtures"
STYLE_FOLDERS = ("show", "bracket", "labels", "web", "plain", "markup", "producer", "radio")
"""Fixture folders named after the house style their scripts are in."""
SPREADSHEET = FIXTURES / "spreadsheet" / "kxyz-6pm-rundown.csv"
"""A producer's rundown kept as a CSV: its story rows are repeated under its one header."""
TARGET_S_PER_MB = 0.150
"""The product's target: a megabyte of script in any house style parsed in at most 150 ms."""


def repeated(text: str, size: int) -> str:
    """``text`` repeated, blank line between copies, to at least ``size`` characters."""
    return (text + "\n\n") * (size // (len(text) + 2) + 1)


def seed_cases(size: int) -> dict[str, str]:
    """The seed page as a listing of many story pages, and its body as one very long story."""
    seed = SEED.read_text("utf-8")
    body = "\n\n".join(seed.split("\n\n")[4:-3])
    return {"seed, many stories": repeated(seed, size), "seed, one long story": repeated(body, size)}


def style_cases(size: int) -> dict[str, str]:
    """Each house style's fixtures, one after another, repeated to ``size`` characters; and a
    spreadsheet rundown of that size (a table has one header: its rows are what repeats)."""
    cases = {}
    for style in STYLE_FOLDERS:
        pages = [p.read_text("utf-8") for p in sorted((FIXTURES / style).iterdir()) if p.is_file()]
        cases[f"{style} fixtures"] = repeated("\n\n".join(pages), size)
    header, *rows = [line for line in SPREADSHEET.read_text("utf-8").splitlines() if "TOTAL" not in line]
    body = "".join(row + "\n" for row in rows)
    cases["spreadsheet rows"] = header + "\n" + body * (size // len(body) + 1)
    return cases


def parse_lines(cases: dict[str, str], rounds: int, targets: Collection[str] = ()) -> list[str]:
    """One figure line per case (:func:`parse_line`), each the best of ``rounds`` runs taken in turns:
    every round times each case once, so a slow spell on the machine falls on all the cases rather
    than on every run of one."""
    works = {}
    for label, text in cases.items():
        data = text.encode("utf-8")
        works[label, "baseline"] = lambda data=data: decode(data, "bench").text.split()
        works[label, "parse"] = lambda data=data: parse_text(decode(data, "bench").text)
    best = best_in_turns(works, rounds)
    return [parse_line(label, text, best[label, "parse"], best[label, "baseline"], target=label in targets) for label, text in cases.items()]


def parse_line(label: str, text: str, parse: float, baseline: float, *, target: bool = False) -> str:
    """One figure line: the parse time (detection included) against decode + split, and peak memory;
    with ``target``, the time per MB against :data:`TARGET_S_PER_MB`."""
    data = text.encode("utf-8")
    peak = peak_mb(lambda: parse_text(decode(data, "bench").text))
    case = f"{label} {len(data) / 1e6:.2f} MB ({detect(text)})"
    per_mb = parse / (len(data) / 1e6)
    verdict = f"  {seconds(per_mb)}/MB {'under' if per_mb <= TARGET_S_PER_MB else 'OVER'} the {TARGET_S_PER_MB * 1000:.0f} ms target" if target else ""
    return (f"parse  {case:<40} {seconds(parse):>9}{verdict}  "
            f"vs read+split {seconds(baseline):>8}  ratio {parse / baseline:5.1f}x  peak {peak:5.1f} MB")


def markup_line(text: str, repeat: int) -> str:
    """Writing and reading back the markup of the parsed ``text``."""
    bulletin = parse_text(text).bulletin
    markup = to_markup(bulletin)
    write = best_of(repeat, lambda: to_markup(bulletin))
    read = best_of(repeat, lambda: parse_markup(markup))
    case = f"markup round trip {len(markup.encode()) / 1e6:.2f} MB"
    return f"parse  {case:<40} write {seconds(write)}, read {seconds(read)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    size = int(args.size_mb * 1_000_000)
    styles = style_cases(size)
    cases = {**seed_cases(size), **styles}
    for line in parse_lines(cases, args.repeat, styles):
        print(line, flush=True)
    print(markup_line(cases["seed, many stories"], args.repeat))


if __name__ == "__main__":
    main()

"""A generated archive for batch tests and benchmarks: bulletins with what aired.

Item ``bNNNN`` is a bulletin in castkit markup (``bNNNN.castkit``) and an ASR-like transcript of
it (``bNNNN.asr.txt``) with about 5 % substitutions, 3 % deletions and 3 % insertions, all
drawn from seeded generators so a count and a seed always give the same folder.
"""

from __future__ import annotations

import random
from pathlib import Path

from synthetic_news import bulletin_markup, misheard

MISHEARD = ("the", "a", "uh", "and", "in", "on", "said", "new", "um", "this")


def write_batch(folder: Path, count: int, *, minutes: int = 1, seed: int = 11) -> list[str]:
    """Write ``count`` items into ``folder``; returns their ids."""
    from castkit.ingest import parse_text
    from castkit.text import words

    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(count):
        item = f"b{n:04d}"
        markup = bulletin_markup(minutes, seed=seed + n)
        bulletin = parse_text(markup, style="markup").bulletin
        spoken = [w for story in bulletin.stories for e in story.elements if e.spoken for w in words(e.text)]
        (folder / f"{item}.castkit").write_text(markup, encoding="utf-8")
        (folder / f"{item}.asr.txt").write_text(" ".join(misheard(random.Random(seed * 1000 + n), spoken, MISHEARD)) + "\n", encoding="utf-8")
        ids.append(item)
    return ids

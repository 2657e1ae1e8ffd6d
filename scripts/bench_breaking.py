"""Line-break quality: castkit's two-line breaks against hand-marked acceptable ones.

The test set (tests/fixtures/breaking/lines.txt) is news copy that needs two lines of 37
characters, with every acceptable break marked ``|``. The score is the share of lines broken
at an acceptable place; greedy filling (fill the top line, as most tools do) is the baseline
from the same run. Also counted: breaks that split a number from its noun or "more" from
"than", which must never happen.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from castkit.subtitles.breaking import break_lines

LINES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "breaking" / "lines.txt"
WIDTH = 37
_NUMBER = re.compile(r"^[$£€₩]?\d[\d,.]*$|^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|thousand|million|billion)$", re.I)


@dataclass(frozen=True)
class Case:
    """One line of the set: its words and the acceptable breaks (words on the top line)."""

    words: tuple[str, ...]
    acceptable: frozenset[int]


@dataclass(frozen=True)
class Score:
    lines: int
    acceptable: int
    number_splits: int
    more_than_splits: int

    @property
    def percent(self) -> float:
        return 100 * self.acceptable / self.lines if self.lines else 0.0


def cases(path: Path = LINES) -> list[Case]:
    """The test set, with the marked breaks where both lines fit."""
    out = []
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = [p.split() for p in raw.split("|")]
        words = tuple(w for part in parts for w in part)
        marks, count = set(), 0
        for part in parts[:-1]:
            count += len(part)
            if len(" ".join(words[:count])) <= WIDTH and len(" ".join(words[count:])) <= WIDTH:
                marks.add(count)
        out.append(Case(words, frozenset(marks)))
    return out


def split_at(top: int, words: tuple[str, ...]) -> tuple[str, str]:
    """The two words either side of a break after ``top`` words."""
    return words[top - 1].strip(",.").lower(), words[top].strip(",.").lower()


def score(breaker: Callable[[str], list[str] | None], test_set: list[Case]) -> Score:
    """How often ``breaker`` (text ▸ lines) breaks where the set says it may."""
    good = numbers = more_than = 0
    for case in test_set:
        lines = breaker(" ".join(case.words)) or []
        top = len(lines[0].split()) if len(lines) == 2 else -1
        good += top in case.acceptable
        if 0 < top < len(case.words):
            before, after = split_at(top, case.words)
            numbers += bool(_NUMBER.match(before)) and not after[:1].isupper()
            more_than += (before, after) in {("more", "than"), ("less", "than"), ("fewer", "than")}
    return Score(len(test_set), good, numbers, more_than)


def castkit_breaks(text: str) -> list[str] | None:
    return break_lines(text, WIDTH, 2)


def greedy_breaks(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH)


def lines() -> Iterator[str]:
    test_set = cases()
    ours, base = score(castkit_breaks, test_set), score(greedy_breaks, test_set)
    yield (f"breaks {ours.lines} news lines, 2×{WIDTH}: {ours.percent:.1f}% at a hand-marked acceptable break "
           f"vs greedy fill {base.percent:.1f}%  ratio {ours.percent / max(base.percent, 0.1):.1f}x  "
           f"number/noun splits {ours.number_splits}, more/than splits {ours.more_than_splits}")


if __name__ == "__main__":
    for line in lines():
        print(line)

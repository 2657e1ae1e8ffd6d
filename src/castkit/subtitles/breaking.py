"""Line breaking and cue splitting by the BBC and Netflix rules, as one tested function each.

Breaks are scored between words, never inside one: best after a sentence end, then after
other punctuation, then before a conjunction or preposition. A break is penalised heavily
after an article, a title (Mr., Dr.), an auxiliary, a subject pronoun, a preposition or a
conjunction, between a number and its unit, and between capitalised words (a name such as
"Donald Trump"); a break inside a name the caller knows (``keep`` — e.g. "Kim Jung-sil") is
the last resort of all. When two lines are needed the layout is bottom-heavy (pyramid).
Linguistic cost always outweighs geometry (BBC §3.4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from castkit.text import ends_sentence, sentence_spans

_CLAUSE_END = re.compile(r"[,;:–—][\"'’”)\]]*$|--$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")
_NUMBER = re.compile(r"^[$£€₩]?\d[\d,.]*$")
_NO_BREAK_AFTER = frozenset(
    """a an the this that these those my your his her its our their
    mr. mrs. ms. dr. prof. president minister
    will would shall should can could may might must is are was were be been being am has have had
    do does did not don't doesn't didn't won't can't isn't aren't wasn't weren't
    hasn't haven't hadn't wouldn't couldn't shouldn't
    i you he she we they it who
    to of in on at by for with from into onto about over under after before between through toward towards
    during without within against among across around near than like as per via
    and but or nor so yet because although though while if unless until whether""".split()
)
_BREAK_BEFORE = frozenset(
    """and but or nor so yet because although though while if unless until whether which who where when
    to of in on at by for with from into about over under after before between through toward towards
    during without within against among across around""".split()
)

SENTENCE, CLAUSE, PHRASE, PLAIN, GLUED, NAME = 0, 1, 3, 6, 60, 600
"""Break costs: after a sentence, after a clause, before a phrase, anywhere, inside a
grammatical unit, inside a known name."""


def tokens(text: str) -> list[str]:
    """The words of ``text`` as they are displayed (whitespace-separated, punctuation attached)."""
    return text.split()


def sentences(text: str) -> list[list[str]]:
    """The words of ``text`` grouped in sentences (:func:`castkit.text.sentence_spans`)."""
    words = tokens(text)
    return [words[span.start : span.stop] for span in sentence_spans(words)]


def _capitalised(word: str) -> bool:
    core = word.strip("\"'‘’“”()[]")
    return core[:1].isupper()


def _name_spans(words: Sequence[str], keep: Iterable[str]) -> set[int]:
    """Indices ``i`` such that breaking between ``words[i]`` and ``words[i+1]`` splits a known name."""
    glued: set[int] = set()
    folded = [w.strip(".,;:!?\"'‘’“”()").lower() for w in words]
    for name in keep:
        parts = name.lower().split()
        for start in range(len(words) - len(parts) + 1):
            if folded[start : start + len(parts)] == parts or (
                folded[start : start + len(parts) - 1] == parts[:-1] and folded[start + len(parts) - 1].startswith(parts[-1])
            ):
                glued.update(range(start, start + len(parts) - 1))
    return glued


def break_costs(words: Sequence[str], keep: Iterable[str] = ()) -> list[int]:
    """Cost of breaking after each word (the last entry, the end of the text, costs nothing)."""
    names = _name_spans(words, keep)
    costs = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            costs.append(SENTENCE)
            continue
        nxt = words[i + 1]
        bare = word.strip("\"'‘’“”(").lower()
        if i in names:
            cost = NAME
        elif ends_sentence(words, i):
            cost = SENTENCE
        elif _CLAUSE_END.search(word):
            cost = CLAUSE
        elif word == ">>" or bare in _NO_BREAK_AFTER or bare.endswith(("'s", "’s")) or _NUMBER.match(bare) or _INITIALS.match(bare) or (_capitalised(word) and _capitalised(nxt) and i > 0):
            cost = GLUED
        elif nxt.strip("\"'‘“(").lower() in _BREAK_BEFORE:
            cost = PHRASE
        else:
            cost = PLAIN
        costs.append(cost)
    return costs


def _width_of(words: Sequence[str]) -> Callable[[int, int], int]:
    """``width(i, j)``: the characters of ``words[i:j]`` on one line, in constant time (prefix sums).

    The searches below ask for it millions of times on an hour of copy."""
    prefix = [0, *accumulate(map(len, words))]
    return lambda i, j: prefix[j] - prefix[i] + (j - i - 1)


def _balance(widths: Sequence[int]) -> float:
    """Geometry cost of a multi-line layout: prefer equal lines, a longer bottom to a longer top."""
    cost = 0.0
    for top, bottom in zip(widths, widths[1:]):
        cost += (bottom - top) * 0.1 if bottom >= top else (top - bottom) * 0.35
    return cost


def layout(words: Sequence[str], costs: Sequence[int], max_chars: int, max_lines: int) -> tuple[float, list[str]] | None:
    """The best way to show ``words`` in at most ``max_lines`` lines of ``max_chars``, with its cost.

    One line whenever the words fit in one (Netflix); ``None`` when they cannot fit at all.
    ``costs[k]`` is the cost of breaking after ``words[k]``.
    """
    n = len(words)
    if n == 0:
        return 0.0, []
    width = _width_of(words)
    if width(0, n) <= max_chars:
        return 0.0, [" ".join(words)]
    best: tuple[float, list[int]] | None = None

    def search(start: int, lines_left: int, cuts: list[int], acc: float) -> None:
        nonlocal best
        if lines_left == 1:
            if width(start, n) <= max_chars:
                bounds = [0, *cuts, n]
                total = acc + _balance([width(a, b) for a, b in zip(bounds, bounds[1:])])
                if best is None or total < best[0]:
                    best = (total, list(cuts))
            return
        for end in range(start + 1, n):
            if width(start, end) > max_chars:
                break
            search(end, lines_left - 1, [*cuts, end], acc + costs[end - 1])

    for lines in range(2, max_lines + 1):
        search(0, lines, [], 0.0)
        if best is not None:
            break
    if best is None:
        return None
    bounds = [0, *best[1], n]
    return best[0], [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def break_lines(text: str, max_chars: int, max_lines: int = 2, *, keep: Iterable[str] = ()) -> list[str] | None:
    """Break ``text`` into at most ``max_lines`` lines of at most ``max_chars`` characters.

    Returns the lines, or ``None`` when the text cannot fit (too long, or a word longer than
    a line). ``keep`` lists names that must not be split ("Kim Jung-sil").
    """
    words = tokens(text)
    result = layout(words, break_costs(words, keep), max_chars, max_lines)
    return None if result is None else result[1]


CUE_COST = 12.0
"""What one more cue costs: a sentence stays in one cue unless a good boundary pays for two."""


def _shortness(width: Callable[[int, int], int], a: int, b: int, max_chars: int) -> float:
    """Penalty for a cue too short to read comfortably (fewer than 4 words, under half a line)."""
    return (8.0 if b - a < 4 else 0.0) + (4.0 if width(a, b) < max_chars // 2 else 0.0)


def split_cues(
    words: Sequence[str],
    max_chars: int,
    max_lines: int = 2,
    *,
    keep: Iterable[str] = (),
    fits: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, list[str]]]:
    """Split one sentence's words into cues: ``(first, end, lines)`` with ``words[first:end]``.

    Chooses the fewest, best-bounded cues by dynamic programming: boundaries cost as line
    breaks do (clause and phrase boundaries win), each cue costs :data:`CUE_COST`, and each
    cue's lines are laid out by :func:`layout`. ``fits(first, end)`` may veto a cue (e.g. one
    longer than the maximum duration). A word longer than a line gets a cue of its own whose
    line is too long; the caller reports it.
    """
    n = len(words)
    costs = break_costs(words, keep)
    width = _width_of(words)

    @lru_cache(maxsize=None)
    def cue(a: int, b: int) -> tuple[float, list[str]] | None:
        if fits is not None and b - a > 1 and not fits(a, b):
            return None
        return layout(words[a:b], costs[a : b - 1] + [SENTENCE], max_chars, max_lines)

    best: list[tuple[float, int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, [])
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            if width(start, end) > max_chars * max_lines + max_lines:
                break
            prev = best[start]
            placed = cue(start, end)
            if prev is None or placed is None:
                continue
            total = prev[0] + placed[0] + CUE_COST + (costs[start - 1] * 2 if start else 0) + _shortness(width, start, end, max_chars)
            if best[end] is None or total < best[end][0]:
                best[end] = (total, start, placed[1])
        if best[end] is None:  # an unbreakable word: it gets a cue of its own, over length
            best[end] = (best[end - 1][0] + 1000.0, end - 1, [words[end - 1]])  # type: ignore[index]
    cues: list[tuple[int, int, list[str]]] = []
    end = n
    while end > 0:
        entry = best[end]
        assert entry is not None
        cues.append((entry[1], end, entry[2]))
        end = entry[1]
    return cues[::-1]

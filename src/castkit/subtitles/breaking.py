"""Line breaking and cue splitting by the BBC and Netflix rules, as one tested function each.

Breaks are scored between words, never inside one: best after a sentence end, then after
other punctuation, then before a conjunction or preposition or after a verb of saying. A
break is penalised heavily after an article, a title (Mr., Dr.), an auxiliary, a subject
pronoun, a preposition or a conjunction, after a number (figures or words: "four thousand
residents"), before "than" ("more than"), before a verb's particle ("called off"), and
between capitalised words (a name such as "Donald Trump"); less heavily before "of"
("hundreds of homes") and after an adverb in -ly ("widely expected"). A break inside a
name the caller knows (``keep`` — e.g. "Kim Jung-sil") is the last resort of all. When two lines are needed the layout is bottom-heavy (pyramid).
Linguistic cost always outweighs geometry (BBC §3.4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate

from castkit.text import ends_sentence, sentence_spans

_CLAUSE_END = re.compile(r"[,;:–—][\"'’”)\]]*$|--$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")
_NUMBER = re.compile(r"^[$£€₩]?\d[\d,.]*$")
_NO_BREAK_AFTER = frozenset(
    """a an the this that these those my your his her its our their
    mr. mrs. ms. dr. prof. president minister
    new former prime foreign first last next local senior top chief deputy vice acting interim
    more most some many several each every any both
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
    to in on at by for with from into about under after before between through toward towards
    during without within against among across around despite""".split()
)
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion trillion""".split()
)
_COMPARATIVES = frozenset("more less fewer rather other longer higher lower better worse faster bigger smaller".split())
_PARTICLES = frozenset("up down out off back away".split())
"""Particles of phrasal verbs ("called off", "turned out"): never the start of a line."""
_PHRASAL = {
    particle: frozenset(verbs.split())
    for particle, verbs in {
        "in": "sworn swore swear brought bring brings bringing handed hand hands gave give gives giving phased phase",
        "on": "went go goes going taken take takes took taking carried carry carries carrying called call calls",
        "over": "handed hand hands took take takes taken taking",
        "into": "looking look looks looked come comes came coming",
        "for": "looking look looks looked calling call calls called",
        "at": "aimed aim aims aiming looking look looks looked",
    }.items()
}
"""Verbs and the particle that belongs to them ("sworn in", "looking into", "called for")."""
_REPORTING = frozenset("say says said warn warns warned told tells added insist insists insisted".split())
"""Verbs of saying: their clause ("Police say | the men...") is a good place for a new line."""

SENTENCE, CLAUSE, PHRASE, PLAIN, HELD, GLUED, NAME = 0, 1, 3, 6, 12, 60, 600
"""Break costs: after a sentence, after a clause, before a phrase, anywhere, inside a loose
unit, inside a grammatical unit, inside a known name."""


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
        following = nxt.strip("\"'‘“(").lower().rstrip(".,;:!?")
        if i in names:
            cost = NAME
        elif ends_sentence(words, i):
            cost = SENTENCE
        elif _CLAUSE_END.search(word):
            cost = CLAUSE
        elif (word == ">>" or bare in _NO_BREAK_AFTER or bare.endswith(("'s", "’s")) or _NUMBER.match(bare)
              or bare in _NUMBER_WORDS or _INITIALS.match(bare) or (_capitalised(word) and _capitalised(nxt) and i > 0)
              or following in _PARTICLES or following == "than" or (bare in _COMPARATIVES and following == "than")
              or bare in _PHRASAL.get(following, ())):
            cost = GLUED
        elif following == "of" or (bare.endswith("ly") and len(bare) > 4):
            cost = HELD  # "hundreds / of homes", "widely / expected"
        elif bare in _REPORTING or following in _BREAK_BEFORE:
            cost = PHRASE
        else:
            cost = PLAIN
        costs.append(cost)
    return costs


def _width_of(words: Sequence[str], measure: Callable[[str], float] = len) -> Callable[[int, int], float]:
    """``width(i, j)``: the characters of ``words[i:j]`` on one line, in constant time (prefix sums).

    The searches below ask for it millions of times on an hour of copy. ``measure`` counts a
    word's characters (Korean counts Latin letters, digits and punctuation half)."""
    prefix = [0, *accumulate(map(measure, words))]
    space = measure(" ")
    return lambda i, j: prefix[j] - prefix[i] + (j - i - 1) * space


def _balance(widths: Sequence[int]) -> float:
    """Geometry cost of a multi-line layout: prefer equal lines, a longer bottom to a longer top."""
    cost = 0.0
    for top, bottom in zip(widths, widths[1:]):
        cost += (bottom - top) * 0.2 if bottom >= top else (top - bottom) * 0.35
    return cost


def _best_cuts(width: Callable[[int, int], int], costs: Sequence[int], a: int, b: int,
               max_chars: int, max_lines: int) -> tuple[float, list[int]] | None:
    """The cheapest line breaks for words ``a`` to ``b``: cost and the indices lines start at.

    ``width`` and ``costs`` cover the whole text, so a caller laying out many spans of one
    sentence (:func:`split_cues`) slices nothing. One line whenever the words fit in one.
    """
    if width(a, b) <= max_chars:
        return 0.0, []
    best: tuple[float, list[int]] | None = None

    def search(start: int, lines_left: int, cuts: list[int], acc: float) -> None:
        nonlocal best
        if lines_left == 1:
            if width(start, b) <= max_chars:
                bounds = [a, *cuts, b]
                total = acc + _balance([width(x, y) for x, y in zip(bounds, bounds[1:])])
                if best is None or total < best[0]:
                    best = (total, list(cuts))
            return
        for end in range(start + 1, b):
            if width(start, end) > max_chars:
                break
            search(end, lines_left - 1, [*cuts, end], acc + costs[end - 1])

    if max_lines >= 2:  # two lines, the common case, without the general search's bookkeeping
        for cut in range(a + 1, b):
            top = width(a, cut)
            if top > max_chars:
                break
            bottom = width(cut, b)
            if bottom <= max_chars:
                total = costs[cut - 1] + _balance((top, bottom))
                if best is None or total < best[0]:
                    best = (total, [cut])
    for lines in range(3, max_lines + 1):
        if best is not None:
            break
        search(a, lines, [], 0.0)
    return best


def _lines(words: Sequence[str], a: int, b: int, cuts: list[int]) -> list[str]:
    bounds = [a, *cuts, b]
    return [" ".join(words[x:y]) for x, y in zip(bounds, bounds[1:])]


def layout(
    words: Sequence[str], costs: Sequence[int], max_chars: int, max_lines: int, *, measure: Callable[[str], float] = len
) -> tuple[float, list[str]] | None:
    """The best way to show ``words`` in at most ``max_lines`` lines of ``max_chars``, with its cost.

    One line whenever the words fit in one (Netflix); ``None`` when they cannot fit at all.
    ``costs[k]`` is the cost of breaking after ``words[k]``.
    """
    n = len(words)
    if n == 0:
        return 0.0, []
    found = _best_cuts(_width_of(words, measure), costs, 0, n, max_chars, max_lines)
    return None if found is None else (found[0], _lines(words, 0, n, found[1]))


def break_lines(
    text: str, max_chars: int, max_lines: int = 2, *, keep: Iterable[str] = (), measure: Callable[[str], float] = len
) -> list[str] | None:
    """Break ``text`` into at most ``max_lines`` lines of at most ``max_chars`` characters.

    Returns the lines, or ``None`` when the text cannot fit (too long, or a word longer than
    a line). ``keep`` lists names that must not be split ("Kim Jung-sil").
    """
    words = tokens(text)
    result = layout(words, break_costs(words, keep), max_chars, max_lines, measure=measure)
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
    measure: Callable[[str], float] = len,
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
    width = _width_of(words, measure)

    def cue(a: int, b: int) -> tuple[float, list[int]] | None:
        if fits is not None and b - a > 1 and not fits(a, b):
            return None
        return _best_cuts(width, costs, a, b, max_chars, max_lines)

    best: list[tuple[float, int, list[int] | None] | None] = [None] * (n + 1)
    best[0] = (0.0, 0, [])
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            if width(start, end) > max_chars * max_lines + max_lines:
                break
            prev = best[start]
            if prev is None:
                continue
            fixed = prev[0] + CUE_COST + (costs[start - 1] * 2 if start else 0) + _shortness(width, start, end, max_chars)
            if best[end] is not None and fixed >= best[end][0]:
                continue  # no layout can make this cue win: layout costs are never negative
            placed = cue(start, end)
            if placed is None:
                continue
            total = fixed + placed[0]
            if best[end] is None or total < best[end][0]:
                best[end] = (total, start, placed[1])
        if best[end] is None:  # an unbreakable word: it gets a cue of its own, over length
            best[end] = (best[end - 1][0] + 1000.0, end - 1, None)  # type: ignore[index]
    cues: list[tuple[int, int, list[str]]] = []
    end = n
    while end > 0:
        entry = best[end]
        assert entry is not None
        start, cuts = entry[1], entry[2]
        cues.append((start, end, [words[start]] if cuts is None else _lines(words, start, end, cuts)))
        end = start
    return cues[::-1]

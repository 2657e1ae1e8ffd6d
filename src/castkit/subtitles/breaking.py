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

import math
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


class Names:
    """Names never to be split across lines ("Kim Jung-sil"), indexed by their first word, so
    finding them in a sentence costs one look-up per word however many names a bulletin has.

    A name matches words that read as it once punctuation and case are set aside; its last
    word may carry a suffix ("Kim Jung-sil's"). Build it once and pass it as ``keep``."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_first: dict[str, list[tuple[list[str], str]]] = {}
        for name in names:
            parts = name.lower().split()
            if len(parts) > 1:  # a one-word name has no break inside it
                self._by_first.setdefault(parts[0], []).append((parts[:-1], parts[-1]))

    def spans(self, words: Sequence[str]) -> set[int]:
        """Indices ``i`` such that breaking between ``words[i]`` and ``words[i+1]`` splits a name."""
        glued: set[int] = set()
        if not self._by_first:
            return glued
        folded = [w.strip(".,;:!?\"'‘’“”()").lower() for w in words]
        for start, word in enumerate(folded):
            for head, last in self._by_first.get(word, ()):
                end = start + len(head)
                if end < len(folded) and folded[start:end] == head and folded[end].startswith(last):
                    glued.update(range(start, end))
        return glued


def _names(keep: Iterable[str] | Names) -> Names:
    return keep if isinstance(keep, Names) else Names(keep)


_CLAUSE_CHARS = frozenset(",;:–—\"'’”)]-")
"""Last characters of a token that may end a clause: any other token cannot."""


def break_costs(words: Sequence[str], keep: Iterable[str] | Names = ()) -> list[int]:
    """Cost of breaking after each word (the last entry, the end of the text, costs nothing).

    ``keep`` names the names never to split (a :class:`Names` built once is cheapest)."""
    if not words:
        return []
    names = _names(keep).spans(words)
    bares = [w.strip("\"'‘’“”(").lower() for w in words]
    capitals = [w.strip("\"'‘’“”()[]")[:1].isupper() for w in words]  # capitalised, quotes and brackets aside
    costs = []
    last = len(words) - 1
    for i in range(last):
        word, bare = words[i], bares[i]
        following = words[i + 1].strip("\"'‘“(").lower().rstrip(".,;:!?")
        if i in names:
            cost = NAME
        elif ends_sentence(words, i):
            cost = SENTENCE
        elif word[-1:] in _CLAUSE_CHARS and _CLAUSE_END.search(word):
            cost = CLAUSE
        elif (bare in _NO_BREAK_AFTER or bare in _NUMBER_WORDS or following in _PARTICLES or following == "than"
              or bare in _PHRASAL.get(following, ()) or (capitals[i] and capitals[i + 1] and i > 0) or word == ">>"
              or bare.endswith(("'s", "’s")) or _NUMBER.match(bare) or _INITIALS.match(bare)):
            cost = GLUED  # "more than" is caught by "than" alone
        elif following == "of" or (bare.endswith("ly") and len(bare) > 4):
            cost = HELD  # "hundreds / of homes", "widely / expected"
        elif bare in _REPORTING or following in _BREAK_BEFORE:
            cost = PHRASE
        else:
            cost = PLAIN
        costs.append(cost)
    costs.append(SENTENCE)
    return costs


def _prefix(words: Sequence[str], measure: Callable[[str], float] = len) -> tuple[list[float], float]:
    """Prefix sums of the words' widths and the width of a space: the characters of
    ``words[i:j]`` on one line are ``prefix[j] - prefix[i] + (j - i - 1) * space``, in constant time.

    The searches below ask for such widths millions of times on an hour of copy, so they
    compute them inline. ``measure`` counts a word's characters (Korean counts Latin letters,
    digits and punctuation half)."""
    return [0, *accumulate(map(measure, words))], measure(" ")


def _balance(widths: Sequence[float]) -> float:
    """Geometry cost of a multi-line layout: prefer equal lines, a longer bottom to a longer top."""
    cost = 0.0
    for top, bottom in zip(widths, widths[1:]):
        cost += (bottom - top) * 0.2 if bottom >= top else (top - bottom) * 0.35
    return cost


def _best_cuts(prefix: Sequence[float], space: float, costs: Sequence[int], a: int, b: int,
               max_chars: int, max_lines: int) -> tuple[float, list[int]] | None:
    """The cheapest line breaks for words ``a`` to ``b``: cost and the indices lines start at.

    ``prefix`` and ``costs`` cover the whole text (:func:`_prefix`), so a caller laying out
    many spans of one sentence (:func:`split_cues`) slices nothing. One line whenever the
    words fit in one; two lines, the common case, without the general search's bookkeeping.
    """
    start, stop = prefix[a], prefix[b]
    if stop - start + (b - a - 1) * space <= max_chars:
        return 0.0, []
    best: tuple[float, list[int]] | None = None
    if max_lines >= 2:
        for cut in range(a + 1, b):
            middle = prefix[cut]
            top = middle - start + (cut - a - 1) * space
            if top > max_chars:
                break
            bottom = stop - middle + (b - cut - 1) * space
            if bottom <= max_chars:
                total = costs[cut - 1] + ((bottom - top) * 0.2 if bottom >= top else (top - bottom) * 0.35)
                if best is None or total < best[0]:
                    best = (total, [cut])
    for lines in range(3, max_lines + 1):
        if best is not None:
            break
        best = _search(_Layout(prefix, space, costs, a, b, max_chars), a, lines, [], 0.0, None)
    return best


class _Layout:
    """What :func:`_search` lays out: words ``a`` to ``b`` of a text, in lines of ``max_chars``."""

    def __init__(self, prefix: Sequence[float], space: float, costs: Sequence[int], a: int, b: int, max_chars: int) -> None:
        self.prefix, self.space, self.costs, self.a, self.b, self.max_chars = prefix, space, costs, a, b, max_chars

    def width(self, i: int, j: int) -> float:
        return self.prefix[j] - self.prefix[i] + (j - i - 1) * self.space


def _search(span: _Layout, start: int, lines_left: int, cuts: list[int], acc: float,
            best: tuple[float, list[int]] | None) -> tuple[float, list[int]] | None:
    """The cheapest way to lay ``span`` from word ``start`` in exactly ``lines_left`` more lines
    (three or more lines: rare), or ``best`` when none beats it."""
    width, b = span.width, span.b
    if lines_left == 1:
        if width(start, b) <= span.max_chars:
            bounds = [span.a, *cuts, b]
            total = acc + _balance([width(x, y) for x, y in zip(bounds, bounds[1:])])
            if best is None or total < best[0]:
                best = (total, list(cuts))
        return best
    for end in range(start + 1, b):
        if width(start, end) > span.max_chars:
            break
        best = _search(span, end, lines_left - 1, [*cuts, end], acc + span.costs[end - 1], best)
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
    found = _best_cuts(*_prefix(words, measure), costs, 0, n, max_chars, max_lines)
    return None if found is None else (found[0], _lines(words, 0, n, found[1]))


def break_lines(
    text: str, max_chars: int, max_lines: int = 2, *, keep: Iterable[str] | Names = (), measure: Callable[[str], float] = len
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


def split_cues(
    words: Sequence[str],
    max_chars: int,
    max_lines: int = 2,
    *,
    keep: Iterable[str] | Names = (),
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
    prefix, space = _prefix(words, measure)
    longest = max_chars * max_lines + max_lines
    short = max_chars // 2
    whole = _one_cue(prefix, space, costs, n, max_chars, max_lines, fits)
    if whole is not None:
        return [(0, n, _lines(words, 0, n, whole))]
    totals: list[float] = [0.0]  # the cheapest cost of cues up to each word ...
    starts: list[int] = [0]  # ... where the last of those cues starts ...
    layouts: list[list[int] | None] = [[]]  # ... and where its lines break (None: a word alone, too long)
    opening: list[float] = [CUE_COST]  # what a cue starting at each word costs before its layout
    for end in range(1, n + 1):
        here, first, cuts = math.inf, end - 1, None
        stop = prefix[end]
        for start in range(end - 1, -1, -1):
            width = stop - prefix[start] + (end - start - 1) * space
            if width > longest:
                break
            fixed = opening[start] + ((8.0 if end - start < 4 else 0.0) + (4.0 if width < short else 0.0))  # short: hard to read
            if fixed >= here:
                continue  # no layout can make this cue win: layout costs are never negative
            if fits is not None and end - start > 1 and not fits(start, end):
                continue
            if width <= max_chars:  # one line, the common case: :func:`_best_cuts` without the call
                here, first, cuts = fixed, start, []
                continue
            placed = _best_cuts(prefix, space, costs, start, end, max_chars, max_lines)
            if placed is not None and fixed + placed[0] < here:
                here, first, cuts = fixed + placed[0], start, placed[1]
        if cuts is None:  # an unbreakable word: it gets a cue of its own, over length
            here = totals[end - 1] + 1000.0
        totals.append(here)
        starts.append(first)
        layouts.append(cuts)
        opening.append(here + CUE_COST + costs[end - 1] * 2)
    cues: list[tuple[int, int, list[str]]] = []
    end = n
    while end > 0:
        start, cuts = starts[end], layouts[end]
        cues.append((start, end, [words[start]] if cuts is None else _lines(words, start, end, cuts)))
        end = start
    return cues[::-1]


def _one_cue(prefix: Sequence[float], space: float, costs: Sequence[int], n: int, max_chars: int, max_lines: int,
             fits: Callable[[int, int], bool] | None) -> list[int] | None:
    """The line breaks of the whole sentence as one cue when nothing else can beat it: any
    split costs at least two cues (all other costs are never negative), so a single cue that
    costs less is the answer without the search. ``None`` when the search must decide."""
    width = prefix[n] - prefix[0] + (n - 1) * space
    if n == 0 or width > max_chars * max_lines + max_lines or (fits is not None and n > 1 and not fits(0, n)):
        return None
    placed = _best_cuts(prefix, space, costs, 0, n, max_chars, max_lines)
    if placed is None:
        return None
    shortness = (8.0 if n < 4 else 0.0) + (4.0 if width < max_chars // 2 else 0.0)
    return placed[1] if CUE_COST + shortness + placed[0] < 2 * CUE_COST else None

"""sclite's alignment rules, reproduced exactly, with its trn word syntax.

NIST sclite does not minimise the number of errors: it minimises the weighted cost
substitution 4, insertion 3, deletion 3 (2 for an optionally deletable ``(word)``, 0.001 for
the null word ``@``), and breaks ties in each cell in a fixed order: the diagonal if it is no
dearer than both others, else the deletion if strictly cheaper than the insertion, else the
insertion. The path is traced back from the end. Its counts can therefore exceed the minimum
edit distance, and its S/D/I breakdown differs from jiwer's on ambiguous pairs.

The reference may hold alternatives ``{it's / it is}`` (an alternative may be ``@``, i.e.
nothing), so it is aligned as a small network. Long inputs are cut at long runs of exact
matches (found by the minimum-edit-distance alignment) and each piece is aligned on its
own, so memory stays linear in practice where sclite itself needs n x m cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from castkit.errors import BadInput
from castkit.qa.wer import DEL, HIT, INS, SUB, Op
from castkit.qa.wer import align as min_edit_align

# Costs in thousandths, so the null word's 0.001 stays exact in integers.
COST_SUB, COST_INS, COST_DEL, COST_OPTIONAL_DEL, COST_NULL = 4000, 3000, 3000, 2000, 1
_DIAG, _INSERT, _DELETE, _SKIP = 0, 1, 2, 3

DIRECT_CELLS = 250_000
"""Inputs up to this many DP cells are aligned in one piece."""
MAX_CELLS = 16_000_000
"""A stretch without anchors larger than this is refused (sclite itself would need GBs)."""
ANCHOR_RUN = 8
"""Exact matches in a row that make an anchor to cut at (the cut goes in the middle)."""

_BRACES = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Slot:
    """One reference position: a word, or alternatives (each a word sequence; empty = ``@``)."""

    alternatives: tuple[tuple[str, ...], ...]
    optional: bool = False

    @classmethod
    def word(cls, word: str, optional: bool = False) -> Slot:
        return cls(((word,),), optional)

    @property
    def plain(self) -> str | None:
        """The word of a slot that is a single word, else None."""
        if len(self.alternatives) == 1 and len(self.alternatives[0]) == 1:
            return self.alternatives[0][0]
        return None


def _strip_tag(token: str) -> str:
    """``word;tag`` is scored as ``word``: ``;`` starts a tag."""
    return token.split(";", 1)[0]


def parse_reference(text: str, tokens: Callable[[str], list[str]]) -> list[Slot]:
    """The slots of a reference in trn syntax; ``tokens`` normalises each written word."""
    slots: list[Slot] = []
    pos = 0
    for match in [*_BRACES.finditer(text), None]:
        end = match.start() if match else len(text)
        for raw in text[pos:end].split():
            raw = _strip_tag(raw)
            if raw == "@" or not raw:
                continue
            optional = len(raw) > 2 and raw.startswith("(") and raw.endswith(")")
            slots.extend(Slot.word(w, optional) for w in tokens(raw[1:-1] if optional else raw))
        if match is None:
            break
        alternatives = []
        for alternative in match.group(1).split("/"):
            words = [_strip_tag(w) for w in alternative.split()]
            alternatives.append(tuple(t for w in words if w and w != "@" for t in tokens(w)))
        unique = tuple(dict.fromkeys(alternatives))
        if unique and unique != ((),):
            slots.append(Slot(unique))
        pos = match.end()
    return slots


def parse_hypothesis(text: str, tokens: Callable[[str], list[str]]) -> list[str]:
    """Hypothesis words in trn syntax: tags and the null word dropped, ``(word)`` read as a word."""
    words: list[str] = []
    for raw in text.split():
        raw = _strip_tag(raw).strip("(){}")
        if raw and raw not in ("@", "/"):
            words.extend(tokens(raw))
    return words


def ascii_fold(word: str) -> str:
    """sclite's case folding: ASCII letters only (É and é stay different)."""
    return word.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class _Net:
    """The reference as a word network: nodes in topological order, arcs into each node."""

    def __init__(self, slots: Sequence[Slot], first: int, key: Callable[[str], str]) -> None:
        self.incoming: list[list[tuple[int, str | None, str | None, bool, int]]] = [[]]
        for offset, slot in enumerate(slots):
            start, arcs = len(self.incoming) - 1, []
            for alternative in slot.alternatives:
                node = start
                for k, word in enumerate(alternative):
                    arc = (node, word, key(word), slot.optional, first + offset)
                    if k == len(alternative) - 1:
                        arcs.append(arc)
                    else:
                        self.incoming.append([arc])
                        node = len(self.incoming) - 1
                if not alternative:
                    arcs.append((start, None, None, False, first + offset))
            self.incoming.append(arcs)


def _align_piece(slots: Sequence[Slot], first: int, hyp: Sequence[str], hyp_first: int,
                 key: Callable[[str], str]) -> list[Op]:
    """Full weighted DP with sclite's tie-break over one piece, traced back from the end."""
    net = _Net(slots, first, key)
    m = len(hyp)
    hyp_keys = [key(h) for h in hyp]
    cost: list[list[int]] = [[j * COST_INS for j in range(m + 1)]]
    back: list[list[int]] = [[_INSERT] * (m + 1)]
    for arcs in net.incoming[1:]:
        row = [0] * (m + 1)
        ptr = [0] * (m + 1)
        for j in range(m + 1):
            best, code = -1, 0
            if j:  # diagonals first: they win every tie
                h = hyp_keys[j - 1]
                for k, (start, word, wkey, _opt, _slot) in enumerate(arcs):
                    if word is not None:
                        c = cost[start][j - 1] + (0 if wkey == h else COST_SUB)
                        if best < 0 or c < best:
                            best, code = c, k * 4 + _DIAG
                c = row[j - 1] + COST_INS
                if best < 0 or c < best:
                    best, code = c, _INSERT
            for k, (start, word, _wkey, opt, _slot) in enumerate(arcs):
                step = COST_NULL if word is None else COST_OPTIONAL_DEL if opt else COST_DEL
                c = cost[start][j] + step
                if best < 0 or c < best:
                    best, code = c, k * 4 + (_SKIP if word is None else _DELETE)
            row[j], ptr[j] = best, code
        cost.append(row)
        back.append(ptr)
    ops: list[Op] = []
    v, j = len(net.incoming) - 1, m
    while v or j:
        code = back[v][j]
        kind = code & 3
        if kind == _INSERT:
            j -= 1
            ops.append(Op(INS, None, hyp[j], -1, hyp_first + j))
            continue
        start, word, wkey, _opt, slot = net.incoming[v][code >> 2]
        if kind == _DIAG:
            j -= 1
            ops.append(Op(HIT if wkey == hyp_keys[j] else SUB, word, hyp[j], slot, hyp_first + j))
        elif kind == _DELETE:
            ops.append(Op(DEL, word, None, slot, hyp_first + j - 1))
        v = start
    ops.reverse()
    return _place_insertions(ops, first - 1)


def _place_insertions(ops: list[Op], before: int) -> list[Op]:
    """Give each insertion the reference position of the last reference word before it."""
    last = before
    out = []
    for op in ops:
        if op.kind == INS:
            op = op._replace(ref_pos=last)
        else:
            last = op.ref_pos
        out.append(op)
    return out


def align(slots: Sequence[Slot], hyp: Sequence[str], *, key: Callable[[str], str] = str) -> list[Op]:
    """sclite's alignment of reference slots against hypothesis words.

    ``key`` is what words are compared by (``ascii_fold`` for sclite's default case folding).
    """
    n, m = len(slots), len(hyp)
    if (n + 1) * (m + 1) <= DIRECT_CELLS:
        return _align_piece(slots, 0, hyp, 0, key)
    ops: list[Op] = []
    for (i0, i1), (j0, j1) in _pieces(slots, hyp, key):
        if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
            raise BadInput(f"sclite alignment: {i1 - i0} reference words and {j1 - j0} hypothesis words "
                           "share no anchor; score them as utterances (trn) instead")
        ops.extend(_align_piece(slots[i0:i1], i0, hyp[j0:j1], j0, key))
    return _place_insertions(ops, -1)


def _pieces(slots: Sequence[Slot], hyp: Sequence[str], key: Callable[[str], str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Cut points in the middle of every run of ``ANCHOR_RUN`` plain exact matches."""
    guide = min_edit_align([key(s.plain) if s.plain is not None else "\x00{}" for s in slots],
                           [key(h) for h in hyp])
    cuts: list[tuple[int, int]] = []
    run: list[Op] = []
    for op in [*guide, Op(SUB, None, None, -1, -1)]:
        if op.kind == HIT:
            run.append(op)
            continue
        if len(run) >= ANCHOR_RUN:
            middle = run[len(run) // 2]
            cuts.append((middle.ref_pos, middle.hyp_pos))
        run = []
    bounds = [(0, 0), *cuts, (len(slots), len(hyp))]
    return [((a[0], b[0]), (a[1], b[1])) for a, b in zip(bounds, bounds[1:])]

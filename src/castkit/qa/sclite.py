"""sclite's alignment rules, reproduced exactly, with its trn word syntax.

NIST sclite does not minimise the number of errors: it minimises the weighted cost
substitution 4, insertion 3, deletion 3 (0.001 for the null word ``@``; with sclite's ``-D``,
2 for an optionally deletable ``(word)``, whose deletion then counts as correct), and breaks ties in each cell in a fixed order: the diagonal if it is no
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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

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
_WORD = re.compile(r"[^ \t\n\v\f\r]+")


def split_words(text: str) -> list[str]:
    """Words as sclite reads them: split on ASCII whitespace only (C ``isspace``).

    A no-break space or any other Unicode space joins two words, as it does for sclite.
    """
    return _WORD.findall(text)


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


def parse_reference(text: str, tokens: Callable[[str], list[str]], *, deletable: bool = False) -> list[Slot]:
    """The slots of a reference in trn syntax; ``tokens`` normalises each written word.

    ``(word)`` is optionally deletable only with ``deletable`` (sclite's ``-D``); without it
    sclite compares the parentheses as part of the word, and so does this.
    """
    slots: list[Slot] = []
    pos = 0
    for match in [*_BRACES.finditer(text), None]:
        end = match.start() if match else len(text)
        for raw in split_words(text[pos:end]):
            raw = _strip_tag(raw)
            if raw == "@" or not raw:
                continue
            optional = deletable and len(raw) > 2 and raw.startswith("(") and raw.endswith(")")
            slots.extend(Slot.word(w, optional) for w in tokens(raw[1:-1] if optional else raw))
        if match is None:
            break
        alternatives = []
        for alternative in match.group(1).split("/"):
            words = [_strip_tag(w) for w in split_words(alternative)]
            alternatives.append(tuple(t for w in words if w and w != "@" for t in tokens(w)))
        unique = tuple(dict.fromkeys(alternatives))
        if unique and unique != ((),):
            slots.append(Slot(unique))
        pos = match.end()
    return slots


def parse_hypothesis(text: str, tokens: Callable[[str], list[str]], *, deletable: bool = False) -> list[str]:
    """Hypothesis words in trn syntax: tags and the null word dropped; ``(word)`` read as ``word``
    with ``deletable`` (sclite's ``-D``), else with its parentheses, as sclite does."""
    words: list[str] = []
    for raw in split_words(text):
        raw = _strip_tag(raw).strip("(){}" if deletable else "{}")
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
        start, word, wkey, optional, slot = net.incoming[v][code >> 2]
        if kind == _DIAG:
            j -= 1
            ops.append(Op(HIT if wkey == hyp_keys[j] else SUB, word, hyp[j], slot, hyp_first + j))
        elif kind == _DELETE:  # an optionally deletable word left out is correct (sclite -D)
            ops.append(Op(HIT if optional else DEL, word, None, slot, hyp_first + j - 1))
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
    return align_many([(slots, hyp)], key=key)[0]


def align_many(pairs: Sequence[tuple[Sequence[Slot], Sequence[str]]], *,
               key: Callable[[str], str] = str) -> list[list[Op]]:
    """:func:`align` for many pairs (the utterances of a trn file), sharing the work between them.

    Every pair is cut into pieces (one piece when small); the pieces of single words are
    aligned together by :func:`_align_words`, the others by :func:`_align_piece`.
    """
    pieces: list[_Piece] = []
    owner: list[int] = []
    for index, (slots, hyp) in enumerate(pairs):
        n, m = len(slots), len(hyp)
        cuts = [((0, n), (0, m))] if (n + 1) * (m + 1) <= DIRECT_CELLS else _pieces(slots, hyp, key)
        for (i0, i1), (j0, j1) in cuts:
            if (i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS:
                raise BadInput(f"sclite alignment: {i1 - i0} reference words and {j1 - j0} hypothesis words "
                               "share no anchor; score them as utterances (trn) instead")
            pieces.append(_Piece(slots[i0:i1], i0, hyp[j0:j1], j0))
            owner.append(index)
    words = [[slot.plain for slot in piece.slots] for piece in pieces]
    plain = [None not in found for found in words]
    by_words = iter(_align_words([(piece, found) for piece, found, ok in zip(pieces, words, plain) if ok], key))
    results: list[list[Op]] = [[] for _ in pairs]
    for piece, index, ok in zip(pieces, owner, plain):
        results[index].extend(next(by_words) if ok else
                              _align_piece(piece.slots, piece.first, piece.hyp, piece.hyp_first, key))
    pieces_of = Counter(owner)
    return [_place_insertions(ops, -1) if pieces_of[index] > 1 else ops for index, ops in enumerate(results)]


@dataclass(frozen=True)
class _Piece:
    """A stretch of reference slots and hypothesis words aligned on its own, with its offsets."""

    slots: Sequence[Slot]
    first: int
    hyp: Sequence[str]
    hyp_first: int


BATCH_CELLS = 1_000_000
"""DP cells (one byte of back pointer each) aligned together at most by :func:`_align_words`."""


def _align_words(pieces: Sequence[tuple[_Piece, list[str]]], key: Callable[[str], str]) -> list[list[Op]]:
    """:func:`_align_piece` for pieces whose slots are all single words, many at once with numpy.

    Same costs, same tie-break, same trace back. Pieces of similar size are padded to one
    shape and computed a reference word (a DP row) at a time for the whole batch. Within a
    row, only the insertion depends on the cell to its left: row[j] = min(best of diagonal
    and deletion, row[j-1] + insertion), a running minimum, so no cell loop is needed.
    """
    number: dict[str, int] = {}
    refs = [[number.setdefault(key(w), len(number)) for w in words] for _, words in pieces]
    hyps = [[number.setdefault(key(h), len(number)) for h in p.hyp] for p, _ in pieces]
    order = sorted(range(len(pieces)), key=lambda k: (len(refs[k]), len(hyps[k])))
    results: list[list[Op]] = [[] for _ in pieces]
    start = 0
    while start < len(order):
        end, rows, cols = start + 1, len(refs[order[start]]), len(hyps[order[start]])
        while end < len(order):
            n, m = max(rows, len(refs[order[end]])), max(cols, len(hyps[order[end]]))
            if (end - start + 1) * (n + 1) * (m + 1) > BATCH_CELLS:
                break
            end, rows, cols = end + 1, n, m
        batch = order[start:end]
        back = _weighted_dp([refs[k] for k in batch], [hyps[k] for k in batch],
                            [[COST_OPTIONAL_DEL if s.optional else COST_DEL for s in pieces[k][0].slots] for k in batch],
                            rows, cols)
        for k, steps in zip(batch, _trace_back(back, [len(refs[k]) for k in batch], [len(hyps[k]) for k in batch])):
            results[k] = _word_ops(*pieces[k], refs[k], hyps[k], steps)
        start = end
    return results


def _weighted_dp(refs: list[list[int]], hyps: list[list[int]], deletion: list[list[int]], rows: int, cols: int) -> Any:
    """Back pointers (batch, rows + 1, cols + 1) of sclite's DP for padded word-number pieces."""
    import numpy as np

    size = len(refs)
    ref = np.full((size, max(rows, 1)), -1, np.int64)
    hyp = np.full((size, max(cols, 1)), -2, np.int64)  # padding never matches
    delete = np.zeros((size, max(rows, 1)), np.int64)
    for b, (r, h, d) in enumerate(zip(refs, hyps, deletion)):
        ref[b, : len(r)], hyp[b, : len(h)], delete[b, : len(d)] = r, h, d
    hyp = hyp[:, :cols]
    back = np.empty((size, rows + 1, cols + 1), np.int8)
    back[:, 0, :] = _INSERT
    steps = np.arange(cols + 1, dtype=np.int64) * COST_INS
    row = np.broadcast_to(steps, (size, cols + 1)).copy()
    for v in range(1, rows + 1):
        diagonal = row[:, :-1] + np.where(ref[:, v - 1, None] == hyp, 0, COST_SUB)
        best = row + delete[:, v - 1, None]
        take_diagonal = diagonal <= best[:, 1:]  # the diagonal wins ties; else the deletion
        best[:, 1:] = np.where(take_diagonal, diagonal, best[:, 1:])
        code = np.full((size, cols + 1), _DELETE, np.int8)
        code[:, 1:][take_diagonal] = _DIAG
        row = np.minimum.accumulate(best - steps, axis=1) + steps
        via_left = row[:, :-1] + COST_INS  # an insertion beats a deletion on a tie, never the diagonal
        code[:, 1:][(via_left < best[:, 1:]) | ((via_left == best[:, 1:]) & ~take_diagonal)] = _INSERT
        back[:, v] = code
    return back


def _trace_back(back: Any, rows: list[int], cols: list[int]) -> list[list[list[int]]]:
    """For each piece, its [code, node, column] steps from its own end back to the start."""
    import numpy as np

    size = len(rows)
    v, j, b = np.array(rows), np.array(cols), np.arange(size)
    codes, nodes, columns = [], [], []
    while True:
        live = (v > 0) | (j > 0)
        if not live.any():
            break
        code = np.where(live, back[b, v, j], -1)
        codes.append(code)
        nodes.append(v)
        columns.append(j)
        j = j - ((code == _INSERT) | (code == _DIAG))
        v = v - ((code == _DIAG) | (code == _DELETE))
    if not codes:
        return [[] for _ in range(size)]
    table = np.stack([np.stack(codes), np.stack(nodes), np.stack(columns)], axis=2).transpose(1, 0, 2).tolist()
    return [[step for step in steps if step[0] >= 0] for steps in table]


def _word_ops(piece: _Piece, words: list[str], ref: list[int], hyp: list[int], steps: list[list[int]]) -> list[Op]:
    """The ops of one piece from its trace (end first), insertions placed as ``_place_insertions`` does."""
    ops: list[Op] = []
    last = piece.first - 1
    for code, v, j in reversed(steps):
        if code == _INSERT:
            ops.append(Op(INS, None, piece.hyp[j - 1], last, piece.hyp_first + j - 1))
            continue
        last = piece.first + v - 1
        word = words[v - 1]
        if code == _DIAG:
            ops.append(Op(HIT if ref[v - 1] == hyp[j - 1] else SUB, word, piece.hyp[j - 1], last, piece.hyp_first + j - 1))
        else:  # an optionally deletable word left out is correct (sclite -D)
            ops.append(Op(HIT if piece.slots[v - 1].optional else DEL, word, None, last, piece.hyp_first + j - 1))
    return ops


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

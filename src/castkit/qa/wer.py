"""Word alignment and error counts: the minimum edit distance, computed by jiwer.

An alignment is a list of :class:`Op`, one per aligned pair; every report (counts,
breakdowns, the coloured view, the NER worksheet) is read from the same ops, so the view
never disagrees with the score. :mod:`castkit.qa.sclite` produces the same ops under
sclite's weighted rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

HIT, SUB, DEL, INS = "C", "S", "D", "I"


class Op(NamedTuple):
    """One step of an alignment.

    ``kind`` is ``C`` (hit), ``S``, ``D`` or ``I``. ``ref_pos`` is the index of the reference
    token (for an insertion: of the last reference token before it, -1 at the start);
    ``hyp_pos`` likewise on the hypothesis side.
    """

    kind: str
    ref: str | None
    hyp: str | None
    ref_pos: int
    hyp_pos: int


_KIND = itemgetter(0)


@dataclass
class Counts:
    """Hits, substitutions, deletions and insertions, with the measures derived from them."""

    hits: int = 0
    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0

    @classmethod
    def of(cls, ops: Iterable[Op]) -> Counts:
        tally = Counter(map(_KIND, ops))
        return cls(tally[HIT], tally[SUB], tally[DEL], tally[INS])

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.hits + other.hits, self.substitutions + other.substitutions,
                      self.deletions + other.deletions, self.insertions + other.insertions)

    @property
    def ref_words(self) -> int:
        return self.hits + self.substitutions + self.deletions

    @property
    def hyp_words(self) -> int:
        return self.hits + self.substitutions + self.insertions

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float | None:
        """Errors per reference word; undefined (None) for an empty reference."""
        return self.errors / self.ref_words if self.ref_words else None

    @property
    def mer(self) -> float | None:
        total = self.errors + self.hits
        return self.errors / total if total else None

    @property
    def wil(self) -> float | None:
        """Word information lost; undefined when either side is empty."""
        if not self.ref_words or not self.hyp_words:
            return None
        return 1 - (self.hits / self.ref_words) * (self.hits / self.hyp_words)

    def to_dict(self) -> dict[str, int]:
        return {"hits": self.hits, "substitutions": self.substitutions, "deletions": self.deletions,
                "insertions": self.insertions, "ref_words": self.ref_words, "hyp_words": self.hyp_words}


def align(ref: Sequence[str], hyp: Sequence[str]) -> list[Op]:
    """The minimum-edit-distance alignment of two token lists (jiwer's; ties go to substitution)."""
    return align_many([(ref, hyp)])[0]


def align_many(pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[list[Op]]:
    """Align many pairs (the utterances of a trn file) with ``jiwer.process_words``, in one call.

    The tokens are already normalised and hold no whitespace, so jiwer's own split of the
    space-joined text gives them back unchanged; one batched call keeps short utterances cheap.
    """
    import jiwer

    results: list[list[Op] | None] = [None] * len(pairs)
    batch = [n for n, (ref, hyp) in enumerate(pairs) if ref and hyp]
    if batch:
        output = jiwer.process_words([" ".join(pairs[n][0]) for n in batch], [" ".join(pairs[n][1]) for n in batch])
        for n, chunks in zip(batch, output.alignments):
            results[n] = _ops(chunks, *pairs[n])
    for n, (ref, hyp) in enumerate(pairs):
        if results[n] is None:  # nothing to align: every word is a deletion or an insertion
            results[n] = [Op(DEL, w, None, i, -1) for i, w in enumerate(ref)] + [Op(INS, None, w, -1, j) for j, w in enumerate(hyp)]
    return results  # type: ignore[return-value]


def _ops(chunks: Iterable, ref: Sequence[str], hyp: Sequence[str]) -> list[Op]:
    """jiwer's alignment chunks as one :class:`Op` per aligned word."""
    ops: list[Op] = []
    append = ops.append
    for chunk in chunks:
        r0, r1, h0, h1 = chunk.ref_start_idx, chunk.ref_end_idx, chunk.hyp_start_idx, chunk.hyp_end_idx
        if chunk.type in ("equal", "substitute"):
            kind = HIT if chunk.type == "equal" else SUB
            for i, j in zip(range(r0, r1), range(h0, h1)):
                append(Op(kind, ref[i], hyp[j], i, j))
        elif chunk.type == "delete":
            for i in range(r0, r1):
                append(Op(DEL, ref[i], None, i, h0 - 1))
        else:
            for j in range(h0, h1):
                append(Op(INS, None, hyp[j], r0 - 1, j))
    return ops


def merge_compounds(ops: list[Op]) -> list[Op]:
    """A word joined on one side and split on the other as one hit (groundbreaking / ground breaking).

    A substitution next to an insertion (or a deletion) whose words, joined, equal the other
    side's word becomes one hit carrying both spellings; every other op is kept.
    """
    out: list[Op] = []
    k = 0
    while k < len(ops):
        pair = ops[k:k + 2]
        if len(pair) == 2 and {pair[0].kind, pair[1].kind} in ({SUB, INS}, {SUB, DEL}):
            sub = pair[0] if pair[0].kind == SUB else pair[1]
            other = pair[1] if sub is pair[0] else pair[0]
            if other.kind == INS:
                split = [op.hyp for op in pair]
                if "".join(split) == sub.ref:  # type: ignore[arg-type]
                    out.append(Op(HIT, sub.ref, " ".join(split), sub.ref_pos, min(sub.hyp_pos, other.hyp_pos)))  # type: ignore[arg-type]
                    k += 2
                    continue
            else:
                split = [op.ref for op in pair]
                if "".join(split) == sub.hyp:  # type: ignore[arg-type]
                    out.append(Op(HIT, " ".join(split), sub.hyp, min(sub.ref_pos, other.ref_pos), sub.hyp_pos))  # type: ignore[arg-type]
                    k += 2
                    continue
        out.append(ops[k])
        k += 1
    return out


def character_errors(ops: Iterable[Op]) -> tuple[int, int]:
    """(character errors, reference characters) along a word alignment; spaces are not scored.

    Hit words are identical characters, so only the stretches between hits are compared, by
    character edit distance (rapidfuzz). This keeps long documents linear; the count can only
    exceed the unconstrained character distance where an error stretch borders a hit.
    """
    from rapidfuzz.distance import Levenshtein

    errors = ref_chars = 0
    ref_run: list[str] = []
    hyp_run: list[str] = []
    for op in [*ops, Op(HIT, "", "", -1, -1)]:
        if op.ref:
            ref_chars += len(op.ref)
        if op.kind != HIT:
            ref_run.append(op.ref or "")
            hyp_run.append(op.hyp or "")
        elif ref_run:
            errors += Levenshtein.distance("".join(ref_run), "".join(hyp_run))
            ref_run, hyp_run = [], []
    return errors, ref_chars

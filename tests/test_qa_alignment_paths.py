"""The fast alignment paths give exactly the alignments of the reference implementations.

Default mode: castkit's own call into rapidfuzz against ``jiwer.process_words`` itself.
sclite mode: the batched numpy DP over pieces of single words against the cell-by-cell
network DP (``_align_piece``), including optionally deletable words, empty sides and
batches of pieces of different sizes.
"""

from __future__ import annotations

import jiwer
from hypothesis import given, settings, strategies as st

from castkit.qa import sclite
from castkit.qa.wer import DEL, HIT, INS, SUB, Op, align_many

words = st.lists(st.sampled_from("a b c d the".split()), max_size=14)


def jiwer_ops(ref: list[str], hyp: list[str]) -> list[Op]:
    """The ops jiwer's own alignment chunks spell out."""
    ops: list[Op] = []
    for chunk in jiwer.process_words(" ".join(ref), " ".join(hyp)).alignments[0]:
        r0, r1, h0, h1 = chunk.ref_start_idx, chunk.ref_end_idx, chunk.hyp_start_idx, chunk.hyp_end_idx
        if chunk.type in ("equal", "substitute"):
            ops += [Op(HIT if chunk.type == "equal" else SUB, ref[i], hyp[j], i, j) for i, j in zip(range(r0, r1), range(h0, h1))]
        elif chunk.type == "delete":
            ops += [Op(DEL, ref[i], None, i, h0 - 1) for i in range(r0, r1)]
        else:
            ops += [Op(INS, None, hyp[j], r0 - 1, j) for j in range(h0, h1)]
    return ops


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words.filter(bool), words.filter(bool)), min_size=1, max_size=6))
def test_default_alignment_is_jiwers(pairs: list[tuple[list[str], list[str]]]) -> None:
    assert align_many(pairs) == [jiwer_ops(ref, hyp) for ref, hyp in pairs]


slots = st.lists(st.tuples(st.sampled_from("a b c d the".split()), st.booleans()), max_size=14)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(slots, words), min_size=1, max_size=8))
def test_batched_sclite_dp_is_the_cell_by_cell_dp(pairs: list[tuple[list[tuple[str, bool]], list[str]]]) -> None:
    problems = [([sclite.Slot.word(w, optional) for w, optional in ref], hyp) for ref, hyp in pairs]
    expected = [sclite._align_piece(ref, 0, hyp, 0, sclite.ascii_fold) for ref, hyp in problems]
    assert sclite.align_many(problems, key=sclite.ascii_fold) == expected


def test_a_batch_mixes_word_pieces_and_alternatives() -> None:
    plain = ([sclite.Slot.word(w) for w in "good evening seoul".split()], ["good", "evening"])
    network = (sclite.parse_reference("{it's / it is} over", str.split), ["it", "is", "over"])
    got = sclite.align_many([plain, network, plain])
    assert got == [sclite._align_piece(*plain[:1], 0, plain[1], 0, str),
                   sclite._align_piece(*network[:1], 0, network[1], 0, str),
                   sclite._align_piece(*plain[:1], 0, plain[1], 0, str)]

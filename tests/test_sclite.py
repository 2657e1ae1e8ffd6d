"""sclite mode against an independent implementation of sclite's rules, and the default
mode against an independent minimum edit distance, on tricky pairs.

The reference DP below is written from the rule text (sub 4, ins/del 3; per cell: diagonal
if no dearer than both, else deletion if strictly cheaper than insertion, else insertion;
trace back from the end), with a full matrix, independently of castkit's network DP.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings, strategies as st

from synthetic_news import transcript_pair

from castkit.qa import sclite
from castkit.qa.inputs import from_text
from castkit.qa.normalize import Normalization
from castkit.qa.score import compare
from castkit.qa.wer import Counts


def sclite_counts(ref: list[str], hyp: list[str]) -> tuple[int, int, int, int]:
    """(hits, S, D, I) by sclite's rules, full matrix, traced back from the end."""
    n, m = len(ref), len(hyp)
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        cost[0][j], move[0][j] = 3 * j, "ins"
    for i in range(1, n + 1):
        cost[i][0], move[i][0] = 3 * i, "del"
        for j in range(1, m + 1):
            diag = cost[i - 1][j - 1] + (0 if ref[i - 1] == hyp[j - 1] else 4)
            dele = cost[i - 1][j] + 3
            ins = cost[i][j - 1] + 3
            if diag <= dele and diag <= ins:
                cost[i][j], move[i][j] = diag, "diag"
            elif dele < ins:
                cost[i][j], move[i][j] = dele, "del"
            else:
                cost[i][j], move[i][j] = ins, "ins"
    h = s = d = k = 0
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "diag":
            if ref[i - 1] == hyp[j - 1]:
                h += 1
            else:
                s += 1
            i, j = i - 1, j - 1
        elif step == "del":
            d, i = d + 1, i - 1
        else:
            k, j = k + 1, j - 1
    return h, s, d, k


def min_edits(ref: list[str], hyp: list[str]) -> int:
    """Unit-cost Levenshtein distance, two rows."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        row = [i]
        for j, h in enumerate(hyp, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = row
    return prev[-1]


def _doc(rng: random.Random, words: int, vocab: int = 400) -> tuple[str, str]:
    """The shared news-like pair (5 % S, 3 % D, 3 % I) as two strings."""
    ref, hyp = transcript_pair(rng, words, vocab)
    return " ".join(ref), " ".join(hyp)


_LONG_REF, _LONG_HYP = _doc(random.Random(2000), 2000)

PAIRS = [
    ("empty reference", "", "music playing"),
    ("empty hypothesis", "good evening", ""),
    ("both empty", "", ""),
    ("identical", "good evening and welcome", "good evening and welcome"),
    ("sclite tie-break D+I over 2 S", "A B", "B C"),
    ("cost model: 6 errors beat 5", "a b c d e", "x y z a b"),
    ("cost model: shifted match", "a b c d e", "v a b w x"),
    ("shift right", "a b c d", "x a b c"),
    ("shift left", "x a b c", "a b c d"),
    ("repeats in hypothesis", "the the cat", "the the the cat"),
    ("repeats in reference", "no no no no", "no no"),
    ("all substituted", "one two three", "four five six"),
    ("transposition", "kim jong un", "jong kim un"),
    ("insert at start", "north korea", "the north korea"),
    ("delete at end", "north korea refused", "north korea"),
    ("case", "Good Evening SEOUL", "good evening seoul"),
    ("punctuation", "Seoul, Korea. Yes!", "seoul korea yes"),
    ("punctuation kept inside", "U.S.-North talks", "us-north talks"),
    ("numbers raw", "1,000 people", "one thousand people"),
    ("contractions raw", "it's Kim's letter", "it is kims letter"),
    ("curly apostrophe", "isn\u2019t it", "isn't it"),
    ("Unicode names", "Kim Jong-un met Moon Jae-in", "kim jong un met moon jae-in"),
    ("accents", "café École", "cafe école"),
    ("NFC vs NFD", "caf\u00e9 time", "cafe\u0301 time"),
    ("Hangul NFD", "\uae40\uc815\uc2e4 \uae30\uc790", "\u1100\u1175\u11b7\u110c\u1165\u11bc\u1109\u1175\u11af \uae30\uc790"),
    ("tabs", "good\tevening\tseoul", "good evening seoul"),
    ("non-breaking space", "good\u00a0evening", "good evening"),
    ("Turkish dotted I", "İSTANBUL", "istanbul"),
    ("single characters", "I a", "a I"),
    ("interleaved", "a x b y c", "a b c"),
    ("long insertion run", "start end", "start one two three four five six end"),
    ("long deletion run", "start one two three four five six end", "start end"),
    ("mixed", "the letter was sent by trump to kim", "a letter sent by president trump to kim jong un"),
    ("2,000-word utterance", _LONG_REF, _LONG_HYP),
]


def _score(ref: str, hyp: str, *, mode_sclite: bool, norm: Normalization | None = None) -> Counts:
    result = compare(from_text(ref, name="ref", kind="text"), from_text(hyp, name="hyp", kind="text"),
                     normalization=norm, sclite=mode_sclite)
    return result.counts


@pytest.mark.parametrize("name,ref,hyp", PAIRS, ids=[p[0] for p in PAIRS])
def test_sclite_mode_matches_the_rules(name: str, ref: str, hyp: str) -> None:
    norm = Normalization()
    r, h = norm.tokens(ref), norm.tokens(hyp)
    c = _score(ref, hyp, mode_sclite=True, norm=norm)  # castkit's normalisation on top of sclite's rules
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == sclite_counts(r, h)


@pytest.mark.parametrize("name,ref,hyp", PAIRS, ids=[p[0] for p in PAIRS])
def test_sclite_mode_alone_reads_words_as_sclite_does(name: str, ref: str, hyp: str) -> None:
    # sclite's own text rules: ASCII whitespace splits, ASCII letters fold, nothing else changes
    fold = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    r = [w.translate(fold) for w in re.split(r"[ \t]+", ref) if w]
    h = [w.translate(fold) for w in re.split(r"[ \t]+", hyp) if w]
    c = _score(ref, hyp, mode_sclite=True)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == sclite_counts(r, h)


@pytest.mark.parametrize("name,ref,hyp", PAIRS, ids=[p[0] for p in PAIRS])
def test_default_mode_is_the_minimum_edit_distance(name: str, ref: str, hyp: str) -> None:
    norm = Normalization()
    r, h = norm.tokens(ref), norm.tokens(hyp)
    c = _score(ref, hyp, mode_sclite=False)
    assert c.errors == min_edits(r, h)
    assert (c.ref_words, c.hyp_words) == (len(r), len(h))


def test_the_2000_word_pair_is_cut_into_pieces() -> None:
    # It exceeds the one-piece limit, so the test above checked the anchored path.
    assert 2000 * len(_LONG_HYP.split()) > sclite.DIRECT_CELLS
    assert len(sclite._pieces([sclite.Slot.word(w) for w in _LONG_REF.split()], _LONG_HYP.split(), str)) > 10


def test_hand_worked_counts() -> None:
    # sclite reports more errors than the minimum: 2 C + 3 D + 3 I (cost 18) beats 5 S (20).
    c = _score("a b c d e", "x y z a b", mode_sclite=True)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == (2, 0, 3, 3)
    assert _score("a b c d e", "x y z a b", mode_sclite=False).errors == 5
    # Same total, different breakdown: sclite D+I, jiwer 2 S.
    c = _score("A B", "B C", mode_sclite=True)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == (1, 0, 1, 1)
    c = _score("A B", "B C", mode_sclite=False)
    assert (c.substitutions, c.deletions, c.insertions) == (2, 0, 0)
    # An empty reference: insertions only, WER undefined.
    c = _score("", "music playing", mode_sclite=True)
    assert (c.insertions, c.wer) == (2, None)


RAW = Normalization(enabled=False)
TRN_CASES = [
    # (reference in trn syntax, hypothesis, (hits, S, D, I)) worked out by hand
    ("hello; world", "hello world", (2, 0, 0, 0)),            # ; starts a tag
    ("good @ evening", "good evening", (2, 0, 0, 0)),         # @ is the null word: N = 2
    ("good @ evening", "good big evening", (2, 0, 0, 1)),     # a word against @ is an insertion
    ("(uh) yes", "yes", (1, 0, 1, 0)),                        # without -D, (uh) is a word: deleted
    ("(uh) yes", "uh yes", (1, 1, 0, 0)),                     # ... and "uh" is another word
    ("{it's / it is} over", "it is over", (3, 0, 0, 0)),      # alternatives, multi-word
    ("{it's / it is} over", "it's over", (2, 0, 0, 0)),
    ("{a / @} cat", "cat", (1, 0, 0, 0)),                     # an empty alternative
    ("{colour / color} red", "colr red", (1, 1, 0, 0)),
    ("Hello WORLD", "hello world", (2, 0, 0, 0)),             # sclite folds ASCII case
    ("ÉCOLE", "école", (0, 1, 0, 0)),                         # ... but not the rest of Unicode
    ("good\tevening", "good evening", (2, 0, 0, 0)),          # and splits on tabs
]


@pytest.mark.parametrize("ref,hyp,expected", TRN_CASES)
def test_trn_syntax_by_hand(ref: str, hyp: str, expected: tuple[int, int, int, int]) -> None:
    c = _score(ref, hyp, mode_sclite=True, norm=RAW)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == expected


DELETABLE_CASES = [
    # sclite -D: a reference (word) may be left out, and its deletion counts as correct
    ("(uh) yes", "uh yes", (2, 0, 0, 0)),
    ("(uh) yes", "yes", (2, 0, 0, 0)),
    ("(uh) yes", "(uh) yes", (2, 0, 0, 0)),
    ("well yes", "(well) yes", (2, 0, 0, 0)),                 # hypothesis parentheses dropped
    ("(uh) yes", "um yes", (1, 1, 0, 0)),                     # a different word is still an error
]


@pytest.mark.parametrize("ref,hyp,expected", DELETABLE_CASES)
def test_optionally_deletable_words_with_minus_d(ref: str, hyp: str, expected: tuple[int, int, int, int]) -> None:
    c = compare(from_text(ref, name="ref", kind="text"), from_text(hyp, name="hyp", kind="text"),
                normalization=RAW, sclite=True, deletable=True).counts
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == expected


words = st.lists(st.sampled_from("a b c d the".split()), max_size=12)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_random_pairs_match_the_rules(ref: list[str], hyp: list[str]) -> None:
    ops = sclite.align([sclite.Slot.word(w) for w in ref], hyp)
    c = Counts.of(ops)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == sclite_counts(ref, hyp)
    assert [op.ref for op in ops if op.ref is not None] == ref
    assert [op.hyp for op in ops if op.hyp is not None] == hyp


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6))
def test_anchored_alignment_equals_the_full_dp(seed: int) -> None:
    ref, hyp = _doc(random.Random(seed), 700, vocab=60)
    r, h = ref.split(), hyp.split()
    slots = [sclite.Slot.word(w) for w in r]
    pieces = [sclite._align_piece(slots[i0:i1], i0, h[j0:j1], j0, str) for (i0, i1), (j0, j1) in sclite._pieces(slots, h, str)]
    c = Counts.of(op for piece in pieces for op in piece)
    assert (c.hits, c.substitutions, c.deletions, c.insertions) == sclite_counts(r, h)

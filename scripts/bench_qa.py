"""Transcript QA speed: castkit against raw jiwer on the same generated pairs, same run.

Prints, for a 50,000-word document pair and a 10,000-utterance trn pair, the time of raw
``jiwer.process_words`` and of castkit's full scoring (normalisation, alignment, counts,
breakdowns, CER) in its default and sclite modes and with the broadcast preset, their ratio, and the peak memory (tracemalloc). Usage:
    python scripts/bench_qa.py [--words 50000] [--utterances 10000]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import jiwer
from measure import best_of, peak_mb, seconds
from synthetic_news import transcript_pair

from castkit.qa.inputs import Segment, Transcript
from castkit.qa.normalize import Normalization
from castkit.qa.score import Result, compare


@dataclass
class Case:
    """A QA workload: the raw strings jiwer gets and the transcripts castkit gets."""

    name: str
    refs: list[str]
    hyps: list[str]
    reference: Transcript
    hypothesis: Transcript


def document_case(words: int, seed: int = 7) -> Case:
    """One long document pair of ``words`` reference words."""
    ref, hyp = (" ".join(side) for side in transcript_pair(random.Random(seed), words))
    return Case(f"{words:,}-word document", [ref], [hyp],
                Transcript("ref", "text", "text", [Segment(ref)]), Transcript("hyp", "text", "text", [Segment(hyp)]))


def trn_case(utterances: int, seed: int = 8) -> Case:
    """``utterances`` trn utterances of 5 to 40 words each."""
    rng = random.Random(seed)
    pairs = [transcript_pair(rng, rng.randint(5, 40)) for _ in range(utterances)]
    refs = [" ".join(r) for r, _ in pairs]
    hyps = [" ".join(h) for _, h in pairs]

    def trn(name: str, texts: list[str]) -> Transcript:
        return Transcript(name, "trn", "trn", [Segment(t, utterance=f"u-{k}") for k, t in enumerate(texts)])

    return Case(f"{utterances:,}-utterance trn pair", refs, hyps, trn("ref", refs), trn("hyp", hyps))


MODES = {"default": {}, "sclite": {"sclite": True}, "broadcast": {"preset": "broadcast"}}
"""castkit's modes timed: minimum edit distance, sclite's rules, and the broadcast preset (numbers, hyphens, contractions)."""


def score(case: Case, mode: str) -> Result:
    """Scoring as ``castkit qa`` does it, with every number the reports show computed."""
    options = dict(MODES[mode])
    preset = options.pop("preset", None)
    normalization = Normalization.named(preset) if preset else None
    result = compare(case.reference, case.hypothesis, normalization=normalization, **options)
    result.to_dict()
    return result


def lines(case: Case, repeat: int = 3) -> Iterator[str]:
    """The figure lines for ``case``: raw jiwer, then castkit default and sclite against it."""
    raw: Callable[[], object] = lambda: jiwer.process_words([r or "@" for r in case.refs], [h or "@" for h in case.hyps])
    base = best_of(repeat, raw)
    yield f"qa     {case.name:<32} raw jiwer {seconds(base):>9}  peak {peak_mb(raw):5.1f} MB"
    for mode in MODES:
        took = best_of(repeat, lambda: score(case, mode))
        peak = peak_mb(lambda: score(case, mode))
        yield (f"qa     {case.name:<32} castkit {mode:<9} {seconds(took):>9}  ratio {took / base:5.2f}x  "
               f"peak {peak:5.1f} MB  WER {score(case, mode).counts.wer:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--utterances", type=int, default=10_000)
    args = parser.parse_args()
    for case in (document_case(args.words), trn_case(args.utterances)):
        for line in lines(case):
            print(line, flush=True)


if __name__ == "__main__":
    main()

"""Transcript QA speed: castkit against raw jiwer on the same generated pairs, same run.

Prints, for a 50,000-word document pair and a 10,000-utterance trn pair, the time of raw
``jiwer.process_words`` and of castkit's full scoring (normalisation, alignment, counts,
breakdowns, CER) in both modes, their ratio, and the peak memory (tracemalloc).
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable

import jiwer

from castkit.qa.inputs import Segment, Transcript
from castkit.qa.score import compare


def generate(rng: random.Random, words: int) -> tuple[list[str], list[str]]:
    """News-like pair: Zipf vocabulary of 6,000 types; 5 % S, 3 % D, 3 % I."""
    lexicon = [f"word{k}" for k in range(6000)]
    weights = [1 / (k + 1) for k in range(len(lexicon))]
    ref = rng.choices(lexicon, weights, k=words)
    hyp: list[str] = []
    for w in ref:
        x = rng.random()
        if x < 0.05:
            hyp.append(rng.choice(lexicon))
        elif x >= 0.08:
            hyp.append(w)
        if rng.random() < 0.03:
            hyp.append(rng.choice(lexicon))
    return ref, hyp


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mb(work: Callable[[], object]) -> float:
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def report(name: str, raw: Callable[[], object], ours: dict[str, Callable[[], object]]) -> None:
    base = best_of(3, raw)
    print(f"{name}: raw jiwer {base:.3f} s, peak {peak_mb(raw):.0f} MB")
    for mode, work in ours.items():
        t = best_of(3 if mode == "default" else 1, work)
        print(f"  castkit {mode:8s} {t:.3f} s  ratio {t / base:.2f}x  peak {peak_mb(work):.0f} MB  "
              f"WER {work().counts.wer:.4f}")


def main() -> None:
    rng = random.Random(7)
    ref, hyp = generate(rng, 50_000)
    ref_doc = Transcript("ref", "text", "text", [Segment(" ".join(ref))])
    hyp_doc = Transcript("hyp", "text", "text", [Segment(" ".join(hyp))])
    report("50,000-word document",
           lambda: jiwer.process_words(" ".join(ref), " ".join(hyp)),
           {"default": lambda: _full(ref_doc, hyp_doc, False), "sclite": lambda: _full(ref_doc, hyp_doc, True)})

    pairs = [generate(rng, rng.randint(5, 40)) for _ in range(10_000)]
    refs = [" ".join(r) for r, _ in pairs]
    hyps = [" ".join(h) for _, h in pairs]
    ref_trn = Transcript("ref", "trn", "trn", [Segment(t, utterance=f"u-{k}") for k, t in enumerate(refs)])
    hyp_trn = Transcript("hyp", "trn", "trn", [Segment(t, utterance=f"u-{k}") for k, t in enumerate(hyps)])
    report("10,000-utterance trn pair",
           lambda: jiwer.process_words([r or "@" for r in refs], [h or "@" for h in hyps]),
           {"default": lambda: _full(ref_trn, hyp_trn, False), "sclite": lambda: _full(ref_trn, hyp_trn, True)})


def _full(ref: Transcript, hyp: Transcript, sclite: bool):
    """Scoring as the command does it, with every number the reports show computed."""
    result = compare(ref, hyp, sclite=sclite)
    result.to_dict()
    return result


if __name__ == "__main__":
    main()

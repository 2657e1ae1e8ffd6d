"""Quality gates: thresholds on WER, CER and NER accuracy that decide a run's exit code.

A threshold is written as a fraction (``0.05``) or a percentage (``5%``). A bare number above
1 is refused rather than read as a fraction: ``--max-wer 5`` meaning 500 % would make a gate
that can never fail. Each verdict says the threshold the way the user wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from castkit.errors import BadInput

if TYPE_CHECKING:
    from castkit.qa.corpus import CorpusResult
    from castkit.qa.ner import NerScore
    from castkit.qa.score import Result

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*$")
_FRACTION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*$")

METRICS = {"wer": ("WER", "max"), "cer": ("CER", "max"), "ner": ("NER accuracy", "min")}
"""Gated measures: their display name and whether the threshold is a maximum or a minimum."""


@dataclass(frozen=True)
class Threshold:
    """A limit on one measure, as a fraction, with the spelling the user gave."""

    metric: str
    limit: float
    written: str

    @property
    def bound(self) -> str:
        return METRICS[self.metric][1]


def parse(metric: str, text: str) -> Threshold:
    """``0.05`` or ``5%`` as a threshold on ``metric``; anything else is bad input."""
    option = f"--{METRICS[metric][1]}-{metric}"
    if match := _PERCENT.match(text):
        value = float(match[1]) / 100
    elif match := _FRACTION.match(text):
        value = float(match[1])
        if value > 1:
            raise BadInput(f"{option} {text}: a rate is a fraction or a percentage; "
                           f"write {value / 100:g} or {text.strip()}% for {text.strip()} %")
    else:
        raise BadInput(f"{option} {text!r}: write a fraction (0.05) or a percentage (5%)")
    if value > 1:
        raise BadInput(f"{option} {text}: a rate cannot be above 100 %")
    return Threshold(metric, value, text.strip())


@dataclass(frozen=True)
class Verdict:
    """One gate checked: the measured value (None when undefined) against its threshold."""

    threshold: Threshold
    value: float | None
    passed: bool

    def line(self) -> str:
        """``gate: WER 3.51 % against max 5%: passed`` (the threshold as written)."""
        name, bound = METRICS[self.threshold.metric]
        shown = "undefined" if self.value is None else f"{self.value * 100:.2f} %"
        return f"gate: {name} {shown} against {bound} {self.threshold.written}: {'passed' if self.passed else 'FAILED'}"

    def to_dict(self) -> dict:
        t = self.threshold
        return {"metric": t.metric, "bound": t.bound, "threshold": t.limit, "written": t.written,
                "value": self.value, "passed": self.passed}


def check(threshold: Threshold, value: float | None, *, undefined_passes: bool = False) -> Verdict:
    """The verdict of ``threshold`` on ``value``; an undefined value passes only when told so."""
    if value is None:
        return Verdict(threshold, None, undefined_passes)
    passed = value <= threshold.limit if threshold.bound == "max" else value >= threshold.limit
    return Verdict(threshold, value, passed)


def judge(result: Result | CorpusResult, thresholds: Sequence[Threshold], ner: NerScore | None = None) -> list[Verdict]:
    """Every threshold checked against ``result``; an empty reference passes only without insertions."""
    verdicts = []
    for t in thresholds:
        if t.metric == "wer":
            verdicts.append(check(t, result.counts.wer, undefined_passes=result.counts.insertions == 0))
        elif t.metric == "cer":
            verdicts.append(check(t, result.cer, undefined_passes=result.characters[0] == 0))
        else:
            verdicts.append(check(t, ner.accuracy if ner else None))
    return verdicts

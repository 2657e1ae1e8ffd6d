"""What the terminal and HTML reports share: headings, breakdowns and the aligned words grouped for display.

Rows follow the reference: one per element of a script, per utterance of a trn file, or
per cue or line otherwise. In errors-only mode only rows with errors are kept, each cut to
the errors and a few words around them (``None`` marks the cuts).
"""

from __future__ import annotations

from dataclasses import dataclass

from castkit.qa.inputs import Segment
from castkit.qa.ner import NerScore
from castkit.qa.score import Group, Result, percent
from castkit.qa.wer import HIT, Op

CONTEXT = 3
"""Words kept on each side of an error in errors-only mode."""


def method(result: Result) -> str:
    """How the words were aligned, as a report's heading names it."""
    return "sclite rules" if result.sclite else "minimum edit distance"


def breakdowns(result: Result) -> list[tuple[str, list[Group]]]:
    """The breakdown tables a report shows, titled: by element, then by speaker."""
    return [("element", result.by_element()), ("speaker", result.by_speaker())]


def ner_line(ner: NerScore) -> str:
    """NER accuracy with the N, E and R it comes from."""
    return f"{percent(ner.accuracy)} (N={ner.words}, E={ner.edition:g}, R={ner.recognition:g})"


@dataclass
class Row:
    """One line of the aligned view: its label and its ops (``None`` where errors-only mode cut words)."""

    label: str
    ops: list[Op | None]

    @property
    def errors(self) -> int:
        return sum(1 for op in self.ops if op is not None and op.kind != HIT)


def label(segment: Segment | None, unit_id: str | None) -> str:
    """A row's label: the trn utterance id, else ``story.element kind (speaker)``, else the speaker."""
    if unit_id is not None:
        return unit_id
    if segment is None:
        return ""
    if segment.kind is not None:
        where = f"{(segment.story or 0) + 1}.{(segment.element or 0) + 1}"
        return f"{where} {segment.kind}" + (f" ({segment.speaker})" if segment.speaker else "")
    return segment.speaker or ""


def rows(result: Result, *, errors_only: bool = False) -> list[Row]:
    """Display rows of the alignment, in reference order."""
    out: list[Row] = []
    for unit in result.scored:
        current: object = None
        for k, op in enumerate(unit.ops):
            segment = unit.segment_of(op)
            if k == 0 or segment is not current:
                out.append(Row(label(segment, unit.id), []))
                current = segment
            out[-1].ops.append(op)
    if errors_only:
        out = [_around_errors(r) for r in out if r.errors]
    return out


def _around_errors(row: Row) -> Row:
    ops = row.ops
    keep = [False] * len(ops)
    for k, op in enumerate(ops):
        if op is not None and op.kind != HIT:
            for n in range(max(0, k - CONTEXT), min(len(ops), k + CONTEXT + 1)):
                keep[n] = True
    cut: list[Op | None] = []
    for k, op in enumerate(ops):
        if keep[k]:
            cut.append(op)
        elif not cut or cut[-1] is not None:
            cut.append(None)
    return Row(row.label, cut)

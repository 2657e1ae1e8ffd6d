"""NER accuracy for subtitles (Romero-Fresco & Martínez; Ofcom's live-subtitle measure).

Accuracy = (N - E - R) / N, with N the words in the subtitles, E the edition errors and R
the recognition errors, each weighted by severity (minor 0.25, standard 0.5, serious 1);
98 % is acceptable. Severity is a human judgement, so castkit proposes one row per error in
a CSV worksheet with a default severity and category, a checker edits it, and
:func:`rescore` reads it back. A row set to ``none`` is a correct edition: logged, not
penalised. The proposed category says why in the row's note (:func:`default_category`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from castkit.errors import BadInput
from castkit.qa.score import Result
from castkit.qa.wer import DEL, INS, SUB, Op

WEIGHTS = {"none": 0.0, "minor": 0.25, "standard": 0.5, "serious": 1.0}
CATEGORIES = ("edition", "recognition")
ACCEPTABLE = 0.98
COLUMNS = ("id", "error", "reference", "hypothesis", "context", "category", "severity", "note")
_ERROR_NAMES = {SUB: "substitution", DEL: "omission", INS: "addition"}
_FUNCTION_WORDS = frozenset(
    "a an the and or but so of to in on at by for with from as is are was were be been it its "
    "this that these those there here then than um uh er ah oh well just very really".split())
_CONTEXT = 4


@dataclass
class Row:
    """One error of the worksheet, as proposed or as the checker set it."""

    id: str
    error: str
    reference: str
    hypothesis: str
    context: str
    category: str
    severity: str
    note: str = ""


@dataclass(frozen=True)
class NerScore:
    """N, the weighted E and R, and the accuracy (None when the subtitles have no words)."""

    words: int
    edition: float
    recognition: float

    @property
    def accuracy(self) -> float | None:
        return (self.words - self.edition - self.recognition) / self.words if self.words else None

    @property
    def acceptable(self) -> bool:
        return self.accuracy is not None and self.accuracy >= ACCEPTABLE

    def to_dict(self) -> dict:
        return {"words": self.words, "edition": self.edition, "recognition": self.recognition,
                "accuracy": self.accuracy, "acceptable": self.acceptable, "threshold": ACCEPTABLE}


def default_severity(op: Op) -> str:
    """A first guess for the checker: numbers and names serious, function words minor."""
    words = [w for w in (op.ref, op.hyp) if w]
    if any(any(ch.isdigit() for ch in w) for w in words):
        return "serious"
    if all(w.casefold() in _FUNCTION_WORDS for w in words):
        return "minor"
    return "standard"


SIMILAR = 0.5
"""A substitution at least this similar in spelling to the script word is proposed as misrecognised."""


def default_category(op: Op) -> tuple[str, str]:
    """A first guess at the category, with the reason, for the checker to confirm.

    Leaving words out is editing; words that were never said come from recognition; a
    substitution that spells like the script word (Trump / Trunk) or changes a number was
    misheard, one that does not (roughly / about) is a paraphrase, so editing.
    """
    from rapidfuzz.fuzz import ratio

    if op.kind == DEL:
        return "edition", "left out"
    if op.kind == INS:
        return "recognition", "not in the script"
    if any(ch.isdigit() for ch in (op.ref or "") + (op.hyp or "")) or ratio(op.ref or "", op.hyp or "") >= SIMILAR * 100:
        return "recognition", "spelled like the script word: misheard?"
    return "edition", "a different word: a paraphrase?"


def worksheet(result: Result) -> list[Row]:
    """One row per error of the alignment, with default category and severity."""
    rows: list[Row] = []
    for unit in result.scored:
        ops = unit.ops
        for k, op in enumerate(ops):
            if op.kind not in _ERROR_NAMES:
                continue
            window = ops[max(0, k - _CONTEXT): k + _CONTEXT + 1]
            context = " ".join(o.ref if o.ref is not None else f"+{o.hyp}" for o in window)
            prefix = f"{unit.id}:" if unit.id is not None else ""
            category, reason = default_category(op)
            rows.append(Row(
                id=f"{prefix}{len(rows) + 1}", error=_ERROR_NAMES[op.kind], reference=op.ref or "",
                hypothesis=op.hyp or "", context=context, category=category, severity=default_severity(op),
                note=f"proposed: {reason}"))
    return rows


def score(words: int, rows: list[Row]) -> NerScore:
    """NER from the subtitle word count and the (checked) rows."""
    edition = sum(WEIGHTS[r.severity] for r in rows if r.category == "edition")
    recognition = sum(WEIGHTS[r.severity] for r in rows if r.category == "recognition")
    return NerScore(words, edition, recognition)


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ is prefixed with '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([_cell(str(getattr(r, c))) for c in COLUMNS])
    return out.getvalue()


def _uncell(value: str) -> str:
    return value[1:] if value[:2] in ("'=", "'+", "'-", "'@") else value


def read_sheet(text: str, *, name: str = "<sheet>") -> list[Row]:
    """Rows of a worksheet as the checker saved it, refusing unknown severities or categories."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise BadInput(f"line {max(reader.line_num, 1)}: not readable as CSV: {exc}", where=name) from None
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadInput(f"not a castkit NER worksheet: column(s) {', '.join(missing)} missing", where=name)
    rows = []
    for number, record in enumerate(records, start=2):
        row = Row(**{c: _uncell((record.get(c) or "").strip()) for c in COLUMNS})
        row.severity = row.severity.casefold().replace("normal", "standard")
        row.category = row.category.casefold()
        if row.severity not in WEIGHTS:
            raise BadInput(f"line {number}: severity {row.severity!r} is not one of {', '.join(WEIGHTS)}", where=name)
        if row.category not in CATEGORIES:
            raise BadInput(f"line {number}: category {row.category!r} is not edition or recognition", where=name)
        rows.append(row)
    return rows


def rescore(result: Result, text: str, *, name: str = "<sheet>") -> NerScore:
    """NER of ``result`` with the checker's worksheet; the sheet must belong to these files."""
    checked = read_sheet(text, name=name)
    proposed = worksheet(result)
    if [(r.id, r.reference, r.hypothesis) for r in checked] != [(r.id, r.reference, r.hypothesis) for r in proposed]:
        raise BadInput("the worksheet's errors do not match this reference and hypothesis "
                       "(was it made from other files or other options?)", where=name)
    return score(result.counts.hyp_words, checked)

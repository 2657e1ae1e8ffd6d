"""Comparing a reference transcript with a hypothesis: totals, breakdowns and confusions.

:func:`compare` is the library entry point behind ``castkit qa``. Documents are aligned as
one token sequence (the hypothesis may have no structure, e.g. ASR output) and each
reference token keeps the element, speaker or utterance it came from, so the breakdowns are
read off the one alignment. Two trn files are scored utterance by utterance, matched by id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import TYPE_CHECKING, Any

from castkit.collector import paused
from castkit.errors import BadInput
from castkit.qa.inputs import Segment, Transcript
from castkit.qa.normalize import Normalization
from castkit.qa.wer import DEL, INS, SUB, Counts, Op, character_errors, merge_compounds

if TYPE_CHECKING:
    from castkit.qa.gate import Verdict

SCHEMA = "castkit.qa/1"
MODES = {False: "minimum-edit-distance", True: "sclite"}
TOP = 20
"""How many confusion pairs, insertions and deletions a report lists."""

@dataclass
class Unit:
    """One scored stretch: the whole document, or one trn utterance.

    ``segments`` are the reference segments and ``ref_segment[i]`` the segment of reference
    token ``i``. ``status`` says whether both sides had the utterance.
    """

    id: str | None
    ops: list[Op]
    segments: list[Segment]
    ref_segment: list[int]
    status: str = "scored"

    @cached_property
    def counts(self) -> Counts:
        return Counts.of(self.ops)

    def segment_of(self, op: Op) -> Segment | None:
        """The reference segment an op belongs to (an insertion: the one it follows)."""
        if not self.ref_segment:
            return self.segments[0] if self.segments else None
        return self.segments[self.ref_segment[max(op.ref_pos, 0)]]

    def counts_by_segment(self) -> list[tuple[Segment | None, Counts]]:
        """Counts per reference segment, in the order the ops first reach each segment."""
        if not self.ops:
            return []
        if len(self.segments) <= 1 or not self.ref_segment:  # one segment takes every op
            return [(self.segment_of(self.ops[0]), self.counts)]
        found: dict[int, list[Op]] = {}
        for op in self.ops:
            found.setdefault(self.ref_segment[max(op.ref_pos, 0)], []).append(op)
        return [(self.segments[k], Counts.of(ops)) for k, ops in found.items()]


@dataclass
class Group:
    """Counts for one speaker or one element."""

    key: tuple
    counts: Counts = field(default_factory=Counts)

    @property
    def name(self) -> str:
        """Display name: story and element numbers from 1, then kind and speaker."""
        return " ".join(str(k + 1) if isinstance(k, int) else str(k) for k in self.key if k is not None)


def percent(value: float | None) -> str:
    """A rate as reports show it; ``undefined`` for an empty reference."""
    return "undefined" if value is None else f"{value * 100:.2f} %"


@dataclass
class Result:
    """Everything a report shows; built by :func:`compare`."""

    reference: Transcript
    hypothesis: Transcript
    normalization: Normalization
    sclite: bool
    units: list[Unit]
    case_sensitive: bool = False

    def steps(self) -> list[str]:
        """How the text became the scored tokens, in order, as every report lists it."""
        if not self.sclite:
            return self.normalization.steps()
        rules = ["sclite words: split on ASCII whitespace only (a no-break space joins two words)",
                 "trn syntax read (word;tag, @ null word, {a / b} alternatives)"]
        if self.normalization.enabled:
            return rules + ["then castkit's normalisation of each word:", *self.normalization.steps()]
        case = "case kept (sclite -s)" if self.case_sensitive else "ASCII letters case folded, as sclite does (É and é differ)"
        return rules + [case, "punctuation kept"]

    @property
    def scored(self) -> list[Unit]:
        return [u for u in self.units if u.status == "scored"]

    @cached_property
    def ops(self) -> list[Op]:
        return [op for unit in self.scored for op in unit.ops]

    @cached_property
    def counts(self) -> Counts:
        return sum((u.counts for u in self.scored), Counts())

    @cached_property
    def characters(self) -> tuple[int, int]:
        """(character errors, reference characters), summed over scored units."""
        pairs = [character_errors(u.ops) for u in self.scored]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    @property
    def cer(self) -> float | None:
        errors, chars = self.characters
        return errors / chars if chars else None

    def _groups(self, key) -> list[Group]:
        totals: dict[tuple, Counts] = {}
        for unit in self.scored:
            for segment, counts in unit.counts_by_segment():
                k = key(unit, segment)
                if k is not None:
                    totals[k] = totals.get(k, Counts()) + counts
        return [Group(k, counts) for k, counts in totals.items()]

    def by_speaker(self) -> list[Group]:
        """Per reference speaker (script or subtitle speaker, or the trn id's speaker prefix)."""
        def key(unit: Unit, seg: Segment | None) -> tuple | None:
            if seg is not None and seg.speaker:
                return (seg.speaker,)
            if unit.id is not None:
                return (unit.id.rsplit("-", 1)[0] if "-" in unit.id else unit.id,)
            return None

        return self._groups(key)

    def by_element(self) -> list[Group]:
        """Per element of a script reference: (story, element, kind, speaker)."""
        def key(_unit: Unit, seg: Segment | None) -> tuple | None:
            if seg is None or seg.element is None or seg.kind is None:
                return None
            return (seg.story, seg.element, seg.kind, seg.speaker)

        return self._groups(key)

    def confusions(self) -> list[tuple[str, str, int]]:
        """Word-level substitution pairs, most frequent first (sclite ``dtl`` style)."""
        pairs = Counter((op.ref, op.hyp) for op in self.ops if op.kind == SUB)
        return [(r, h, n) for (r, h), n in pairs.most_common(TOP)]

    def insertions(self) -> list[tuple[str, int]]:
        return Counter(op.hyp for op in self.ops if op.kind == INS).most_common(TOP)

    def deletions(self) -> list[tuple[str, int]]:
        return Counter(op.ref for op in self.ops if op.kind == DEL).most_common(TOP)

    @paused
    def to_dict(self, gates: Sequence[Verdict] = ()) -> dict[str, Any]:
        """The ``castkit.qa/1`` document (see ``schemas/qa.schema.json``)."""
        counts = self.counts
        errors, chars = self.characters
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "mode": MODES[self.sclite],
            "reference": _source(self.reference),
            "hypothesis": _source(self.hypothesis),
            "wer": counts.wer, "mer": counts.mer, "wil": counts.wil, "cer": errors / chars if chars else None,
            "counts": counts.to_dict(),
            "characters": {"errors": errors, "ref_chars": chars},
            "normalization": {"enabled": self.normalization.enabled, "steps": self.steps()},
            "utterances": [
                {"id": u.id, "status": u.status, "wer": u.counts.wer, "counts": u.counts.to_dict(),
                 "alignment": [[kind, ref, hyp] for kind, ref, hyp, _, _ in u.ops]}
                for u in self.units
            ],
            "by_speaker": [{"speaker": g.key[0], "wer": g.counts.wer, "counts": g.counts.to_dict()}
                           for g in self.by_speaker()],
            "by_element": [{"story": g.key[0], "element": g.key[1], "kind": g.key[2], "speaker": g.key[3],
                            "wer": g.counts.wer, "counts": g.counts.to_dict()} for g in self.by_element()],
            "confusions": [{"ref": r, "hyp": h, "count": n} for r, h, n in self.confusions()],
            "insertions": [{"word": w, "count": n} for w, n in self.insertions()],
            "deletions": [{"word": w, "count": n} for w, n in self.deletions()],
        }
        if gates:
            data["gates"] = [v.to_dict() for v in gates]
        return data


def _source(t: Transcript) -> dict[str, str]:
    return {"name": t.name, "kind": t.kind, "format": t.detail}


@paused
def compare(reference: Transcript, hypothesis: Transcript, *,
            normalization: Normalization | None = None, sclite: bool = False, deletable: bool = False,
            case_sensitive: bool = False) -> Result:
    """Score ``hypothesis`` against ``reference``.

    ``sclite`` switches from the minimum edit distance (jiwer) to sclite's weighted alignment,
    trn word syntax and text rules: without a ``normalization`` the words are sclite's own
    (split on ASCII whitespace, ASCII case folded, punctuation kept), so the counts are
    sclite's. ``deletable`` adds sclite's ``-D`` (a reference ``(word)`` may be left out) and
    ``case_sensitive`` its ``-s``. Two trn inputs are scored per utterance id; an id on one
    side only is listed with status ``missing`` or ``extra`` and left out of the totals.
    """
    norm = normalization or Normalization(enabled=not sclite)
    if (reference.kind == "trn") != (hypothesis.kind == "trn"):
        trn = reference if reference.kind == "trn" else hypothesis
        raise BadInput("a trn transcript can only be compared with another trn transcript", where=trn.name)
    if reference.kind == "trn":
        pairs = _by_id(reference, hypothesis)
    else:
        pairs = [(None, reference.segments, hypothesis.segments, "scored")]
    units = _align_units(pairs, norm, sclite, deletable, case_sensitive)
    return Result(reference, hypothesis, norm, sclite, units, case_sensitive)


def _by_id(reference: Transcript, hypothesis: Transcript) -> list[tuple]:
    hyp = {s.utterance: s for s in hypothesis.segments}
    ref_ids = {s.utterance for s in reference.segments}
    pairs = [(s.utterance, [s], [hyp[s.utterance]] if s.utterance in hyp else [],
              "scored" if s.utterance in hyp else "missing") for s in reference.segments]
    pairs += [(s.utterance, [], [s], "extra") for s in hypothesis.segments if s.utterance not in ref_ids]
    return pairs


def _align_units(pairs: list[tuple], norm: Normalization, sclite: bool, deletable: bool,
                 case_sensitive: bool) -> list[Unit]:
    """Tokenise every pair, then align all the scored ones in one call (they share the work)."""
    if sclite:
        from castkit.qa import sclite as sc

        # trn syntax is read word by word; each word is then castkit-normalised, or kept as sclite keeps it
        word_tokens = lru_cache(maxsize=None)(norm.tokens) if norm.enabled else _as_written

        def split_ref(text: str) -> list:
            return sc.parse_reference(text, word_tokens, deletable=deletable)

        def split_hyp(text: str) -> list[str]:
            return sc.parse_hypothesis(text, word_tokens, deletable=deletable)

        align = partial(sc.align_many, key=str if norm.enabled or case_sensitive else sc.ascii_fold)
    else:
        from castkit.qa.wer import align_many as align

        split_ref = split_hyp = norm.tokens
    tokenised = []
    for uid, ref_segs, hyp_segs, status in pairs:
        ref, labels = _tokens(ref_segs, split_ref)
        hyp = [w for s in hyp_segs for w in split_hyp(s.text)]
        tokenised.append((uid, ref_segs, labels, status, ref, hyp))
    aligned = align([(t[4], t[5]) for t in tokenised if t[3] == "scored"])
    if norm.enabled and norm.compounds:
        aligned = [merge_compounds(ops) for ops in aligned]
    aligned = iter(aligned)
    return [Unit(uid, next(aligned) if status == "scored" else [], segs, labels, status)
            for uid, segs, labels, status, _ref, _hyp in tokenised]


def _as_written(word: str) -> list[str]:
    return [word]


def _tokens(segments: Iterable[Segment], split) -> tuple[list, list[int]]:
    """The reference items of all segments, with the segment index of each."""
    items: list = []
    labels: list[int] = []
    for index, segment in enumerate(segments):
        found = split(segment.text)
        items.extend(found)
        labels.extend([index] * len(found))
    return items, labels

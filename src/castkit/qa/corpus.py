"""Corpus QA: many reference/hypothesis pairs scored at once, totalled the way WER is defined.

Pairs come from two folders matched by file name (the stem, so ``a.txt`` pairs with
``a.srt``) or from a manifest (CSV with ``reference`` and ``hypothesis`` columns, paths relative
to the manifest, and optional ``speaker`` and ``outlet`` columns). Corpus WER is the errors of
every file summed over the reference words of every file — never an average of per-file
rates, which would weigh a ten-word file like a ten-thousand-word one. Per-speaker and
per-outlet totals are summed the same way. A file on one side only is named, not scored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from castkit.errors import BadInput
from castkit.notices import Notice
from castkit.qa.normalize import Normalization
from castkit.qa.score import Result
from castkit.qa.wer import Counts

SCHEMA = "castkit.qa-corpus/1"


@dataclass(frozen=True)
class Pair:
    """One reference/hypothesis pair of the corpus, with what the manifest says about it."""

    name: str
    reference: Path
    hypothesis: Path
    speaker: str | None = None
    outlet: str | None = None


def from_folders(references: Path, hypotheses: Path) -> tuple[list[Pair], list[Notice]]:
    """Pairs of the files of two folders with the same stem; files on one side only as notices."""
    def by_stem(folder: Path) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            if path.stem in found:
                raise BadInput(f"two files named {path.stem!r} ({found[path.stem].name}, {path.name}): "
                               "cannot tell which to pair", where=str(folder))
            found[path.stem] = path
        return found

    refs, hyps = by_stem(references), by_stem(hypotheses)
    notices = [Notice("qa", str(refs[s]), "no hypothesis of this name: not scored") for s in refs if s not in hyps]
    notices += [Notice("qa", str(hyps[s]), "no reference of this name: not scored") for s in hyps if s not in refs]
    pairs = [Pair(stem, refs[stem], hyps[stem]) for stem in refs if stem in hyps]
    if not pairs:
        raise BadInput(f"no file names in common with {hypotheses}", where=str(references))
    return pairs, notices


def from_manifest(path: Path) -> list[Pair]:
    """Pairs listed in a CSV manifest: ``reference,hypothesis[,speaker][,outlet]`` with a header row."""
    from castkit.files import read_text

    source = read_text(path)
    reader = csv.DictReader(io.StringIO(source.text.lstrip("\ufeff"), newline=""))
    if not {"reference", "hypothesis"} <= set(reader.fieldnames or []):
        raise BadInput("a manifest needs a header row with reference and hypothesis columns", where=source.name)
    base = Path(path).parent
    pairs = []
    for number, row in enumerate(reader, start=2):
        ref, hyp = (row.get("reference") or "").strip(), (row.get("hypothesis") or "").strip()
        if not ref or not hyp:
            raise BadInput(f"line {number}: a reference and a hypothesis are both needed", where=source.name)
        pairs.append(Pair(Path(ref).stem, base / ref, base / hyp,
                          (row.get("speaker") or "").strip() or None, (row.get("outlet") or "").strip() or None))
    if not pairs:
        raise BadInput("no pairs in this manifest", where=source.name)
    return pairs


@dataclass
class CorpusResult:
    """Each pair's result and the totals; built by :func:`score`."""

    pairs: list[Pair]
    results: list[Result]
    notices: list[Notice] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return sum((r.counts for r in self.results), Counts())

    @property
    def characters(self) -> tuple[int, int]:
        return sum(r.characters[0] for r in self.results), sum(r.characters[1] for r in self.results)

    @property
    def cer(self) -> float | None:
        errors, chars = self.characters
        return errors / chars if chars else None

    def totals(self, by: str) -> dict[str, Counts]:
        """Counts summed per ``speaker`` or ``outlet``: the manifest's column, else (speaker) the script's labels."""
        totals: dict[str, Counts] = {}
        for pair, result in zip(self.pairs, self.results):
            given = getattr(pair, by)
            groups = [(given, result.counts)] if given else \
                [(g.key[0], g.counts) for g in result.by_speaker()] if by == "speaker" else []
            for name, counts in groups:
                totals[name] = totals.get(name, Counts()) + counts
        return totals

    def to_dict(self, gates: list | tuple = ()) -> dict[str, Any]:
        """The ``castkit.qa-corpus/1`` document."""
        counts = self.counts
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "wer": counts.wer, "cer": self.cer, "counts": counts.to_dict(),
            "characters": dict(zip(("errors", "ref_chars"), self.characters)),
            "normalization": self.results[0].steps() if self.results else [],
            "files": [{"name": p.name, "reference": str(p.reference), "hypothesis": str(p.hypothesis),
                       "speaker": p.speaker, "outlet": p.outlet, "wer": r.counts.wer, "cer": r.cer,
                       "counts": r.counts.to_dict()} for p, r in zip(self.pairs, self.results)],
            "by_speaker": [{"speaker": k, "wer": c.wer, "counts": c.to_dict()} for k, c in self.totals("speaker").items()],
            "by_outlet": [{"outlet": k, "wer": c.wer, "counts": c.to_dict()} for k, c in self.totals("outlet").items()],
            "notices": [n.to_dict() for n in self.notices],
        }
        if gates:
            data["gates"] = [v.to_dict() for v in gates]
        return data


def score(pairs: list[Pair], *, normalization: Callable[[], Normalization], sclite: bool = False,
          deletable: bool = False, case_sensitive: bool = False,
          on_progress: Callable[[float], None] | None = None) -> CorpusResult:
    """Score every pair (``normalization`` makes each pair's settings) and keep the results in order."""
    from castkit.qa import inputs
    from castkit.qa.score import compare

    results, notices = [], []
    for k, pair in enumerate(pairs):
        ref, hyp = inputs.load(pair.reference), inputs.load(pair.hypothesis)
        notices += [*ref.notices, *hyp.notices]
        results.append(compare(ref, hyp, normalization=normalization(), sclite=sclite, deletable=deletable,
                               case_sensitive=case_sensitive))
        if on_progress:
            on_progress((k + 1) / len(pairs))
    return CorpusResult(pairs, results, notices)

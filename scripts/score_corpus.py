"""Score castkit's parser on the script corpus against its hand-made gold files.

Each ``tests/corpus/NAME.txt`` has a ``NAME.gold.json``::

    {"stories": [{"handoff": "Kim Jung-sil" | null,
                  "elements": [["anchor", null], ["track", "Kim Jung-sil"], ["soundbite", "Lee Min-ho"], ...]}],
     "never_spoken": ["Sentences Mode", "Published on: 2025/06/12 20:00"]}

Figures, each the mean over scripts (1.0 is perfect):

- **kind sequence**: the element kinds of the whole script, story after story, matched in order
  (matched elements ÷ the longer of the two sequences);
- **speakers**: of the matched elements whose gold names a speaker, the share whose parsed
  speaker has that name (case aside);
- **handoffs**: of the stories whose gold or parse names a correspondent, the share where both
  name the same one;
- **story count**: the share of scripts parsed into as many stories as the gold has;
- **boilerplate leaks**: the number of never-spoken lines found in spoken text (0 is the target).

Run ``python scripts/score_corpus.py [CORPUS_DIR] [--details]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from castkit.ingest import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


@dataclass
class ScriptScore:
    """How one script parsed against its gold."""

    name: str
    outlet: str
    kinds: float
    speakers: tuple[int, int]  # right, asked
    handoffs: tuple[int, int]
    stories_ok: bool
    leaks: list[str] = field(default_factory=list)
    got: list[str] = field(default_factory=list)
    want: list[str] = field(default_factory=list)


@dataclass
class CorpusScore:
    scripts: list[ScriptScore]

    @staticmethod
    def _share(pairs: list[tuple[int, int]]) -> float:
        right, asked = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
        return right / asked if asked else 1.0

    @property
    def kinds(self) -> float:
        return sum(s.kinds for s in self.scripts) / len(self.scripts)

    @property
    def speakers(self) -> float:
        return self._share([s.speakers for s in self.scripts])

    @property
    def handoffs(self) -> float:
        return self._share([s.handoffs for s in self.scripts])

    @property
    def stories(self) -> float:
        return sum(s.stories_ok for s in self.scripts) / len(self.scripts)

    @property
    def leaks(self) -> int:
        return sum(len(s.leaks) for s in self.scripts)

    def by_outlet(self) -> dict[str, CorpusScore]:
        groups: dict[str, list[ScriptScore]] = {}
        for script in self.scripts:
            groups.setdefault(script.outlet, []).append(script)
        return {outlet: CorpusScore(scripts) for outlet, scripts in sorted(groups.items())}

    def row(self, label: str) -> str:
        return (f"| {label} | {len(self.scripts)} | {self.kinds:.3f} | {self.speakers:.3f} | {self.handoffs:.3f} | "
                f"{self.stories:.3f} | {self.leaks} |")


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold().strip() == (b or "").casefold().strip()


def score_script(script: Path) -> ScriptScore:
    gold = json.loads(script.with_suffix(".gold.json").read_text("utf-8"))
    stories = parse_file(script).bulletin.stories
    want = [(kind, who) for story in gold["stories"] for kind, who in story["elements"]]
    got = [(e.kind.value, e.speaker.name) for story in stories for e in story.elements]
    matcher = SequenceMatcher(a=[k for k, _ in want], b=[k for k, _ in got], autojunk=False)
    matched = [(want[block.a + n], got[block.b + n]) for block in matcher.get_matching_blocks() for n in range(block.size)]
    kinds = len(matched) / max(len(want), len(got)) if (want or got) else 1.0
    named = [(w, g) for w, g in matched if w[1]]
    speakers = (sum(_same(w[1], g[1]) for w, g in named), len(named))
    handoff_pairs = [
        (g["handoff"], stories[n].correspondent if n < len(stories) else None)
        for n, g in enumerate(gold["stories"])
    ]
    asked = [(w, g) for w, g in handoff_pairs if w or g]
    handoffs = (sum(_same(w, g) for w, g in asked), len(asked))
    spoken = "\n".join(e.text for story in stories for e in story.spoken_elements)
    leaks = [line for line in gold.get("never_spoken", []) if re.search(rf"(?<!\w){re.escape(line)}(?!\w)", spoken)]
    return ScriptScore(
        script.stem, script.stem.split("-")[0], kinds, speakers, handoffs, len(stories) == len(gold["stories"]), leaks,
        [k for k, _ in got], [k for k, _ in want],
    )


def score_corpus(folder: Path = CORPUS) -> CorpusScore:
    """Score every script in ``folder`` that has a gold file."""
    return CorpusScore([score_script(p) for p in sorted(folder.glob("*.txt")) if p.with_suffix(".gold.json").exists()])


def table(score: CorpusScore) -> str:
    lines = ["| outlet | scripts | kind sequence | speakers | handoffs | story count | boilerplate leaks |",
             "|---|---|---|---|---|---|---|"]
    lines += [group.row(outlet) for outlet, group in score.by_outlet().items()]
    lines.append(score.row("**all**"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--details", action="store_true", help="list every script that is not perfect")
    args = parser.parse_args(argv)
    score = score_corpus(args.folder)
    print(table(score))
    if args.details:
        for s in score.scripts:
            if s.kinds < 1 or s.speakers[0] < s.speakers[1] or s.handoffs[0] < s.handoffs[1] or not s.stories_ok or s.leaks:
                print(f"\n{s.name}: kinds {s.kinds:.2f} speakers {s.speakers} handoffs {s.handoffs} stories_ok {s.stories_ok} leaks {s.leaks}")
                print("  want", " ".join(s.want))
                print("  got ", " ".join(s.got))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark script prints every figure, and the bulletin it times is a real one-hour show."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from synthetic_news import bulletin_markup

from castkit.ingest import parse_text
from castkit.rundown import build_sheet
from castkit.text import word_count

STYLES = ("show", "bracket", "labels", "web", "plain", "markup")
RATIO = r"ratio +\d+(\.\d+)?x"
PEAK = r"peak +\d+(\.\d+)? MB"


def test_the_generated_hour_is_a_full_bulletin() -> None:
    parsed = parse_text(bulletin_markup(60))
    assert parsed.style == "markup"
    stories = parsed.bulletin.stories
    sheet = build_sheet(parsed.bulletin)
    assert {"PKG", "RDR", "VO/SOT", "LIVE", "BREAK"} <= {row.format for row in sheet.rows}
    spoken = sum(word_count(e.text) for s in stories for e in s.elements if e.kind.value != "instruction")
    assert 8_000 <= spoken <= 10_000
    assert 55 * 60 <= sheet.est_s <= 65 * 60
    kinds = {e.kind.value for s in stories for e in s.elements}
    assert {"anchor", "track", "soundbite", "standup", "signoff", "question", "answer", "tag"} <= kinds


def test_the_bulletin_is_the_same_for_the_same_seed() -> None:
    assert bulletin_markup(10, seed=3) == bulletin_markup(10, seed=3)
    assert bulletin_markup(10, seed=3) != bulletin_markup(10, seed=4)


@pytest.mark.slow
def test_quick_run_prints_every_figure() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    expected = [
        rf"^start  castkit --help \d+ ms \((under|OVER) the 150 ms target\)  vs python -c pass \d+ ms  {RATIO}  peak RSS \d+ MB",
        rf"^breaks \d+ news lines, 2×37: \d+\.\d% at a hand-marked acceptable break vs greedy fill \d+\.\d%  {RATIO}  "
        r"number/noun splits 0, more/than splits 0$",
        rf"^parse  5-minute bulletin .*\(markup\) .*{RATIO}  {PEAK}$",
        *(rf"^parse  {style} fixtures .*{RATIO}  {PEAK}$" for style in STYLES),
        rf"^build  5-minute bulletin, \d+ files .*{RATIO}  {PEAK}$",
        rf"^subs   0\.\d+ MB script, [\d,]+ cues .*{RATIO}  peak RSS \d+ MB$",
        rf"^qa     5,000-word document +raw jiwer .*{PEAK}$",
        rf"^qa     1,000-utterance trn pair +raw jiwer .*{PEAK}$",
        *(rf"^qa     {case} +castkit {mode} .*{RATIO}  {PEAK}  WER 0\.\d+$"
          for case in ("5,000-word document", "1,000-utterance trn pair") for mode in ("default", "sclite", "broadcast")),
        r"^align  sample .*cues mean .* words median .* RTF 0\.\d+ \| peak +\d+ MB",
        r"^retime .+",
        r"^batch  20 bulletins \(subs\), 1 process +\d+\.\d+ s  vs the items one by one +\d+\.\d+ s  overhead +[+-]\d+\.\d %$",
        r"^batch  20 bulletins \(subs\), 2 workers +\d+\.\d+ s  vs 1 process +\d+\.\d+ s  speed-up \d+\.\d+x",
        r"^batch  20 bulletins \(subs\), Dask LocalCluster of 2 +\d+\.\d+ s  vs 1 process +\d+\.\d+ s  speed-up \d+\.\d+x$",
    ]
    for pattern in expected:
        assert re.search(pattern, out, re.MULTILINE), f"no line matches {pattern!r} in:\n{out}"
    header, *figures = out.splitlines()
    assert header.startswith("castkit bench (quick): Python ")
    unknown = [line for line in figures if not re.match(r"(start|breaks|parse|build|subs|qa|align|retime|batch) ", line)]
    assert not unknown, f"lines no section printed: {unknown}"

"""castkit fix: every repair listed per cue, what cannot be repaired named, nothing silently dropped."""

from __future__ import annotations

import json

from conftest import run_cli

from castkit.subtitles.cue import Cue
from castkit.subtitles.fix import fix_cues
from castkit.subtitles.lint import lint_cues
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import read_cues

BROKEN = """1
00:00:01,000 --> 00:00:03,500
  Stray   spaces  here  <i

2
00:00:03,000 --> 00:00:05,000
This opening line is a great deal longer
than this

3
00:00:05,020 --> 00:00:05,300
Short

4
00:00:07,000 --> 00:00:08,000
 

5
00:00:09,000 --> 00:00:19,000
Stays up far too long for anyone

6
00:00:20,000 --> 00:00:21,000
{\\an8}Raised and fine
"""


def test_each_repair_listed_and_the_result_lints_clean(tmp_path):
    path = tmp_path / "broken.srt"
    path.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "fixed.srt"
    done = run_cli("fix", str(path), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    changes = summary["changes"]
    by_rule = {(c["cue"], c["rule"]) for c in changes}
    assert {(1, "text"), (1, "overlap"), (2, "line-break"), (2, "min-gap"), (3, "min-duration"), (4, "empty"), (5, "max-duration")} <= by_rule
    cues = read_cues(out)
    assert [c.text for c in cues] == ["Stray spaces here", "This opening line is a great deal longer than this", "Short", "Stays up far too long for anyone", "Raised and fine"]
    assert any("raised (top of screen) positions dropped from 1 cue(s)" in n["message"] for n in summary["notices"])
    report = lint_cues(cues, load_profile("broadcast"), language="en")
    named = {(n["where"], n["message"].split(":")[0]) for n in summary["notices"]}
    assert report.problems and {(f"cue {p.cue}", p.rule) for p in report.problems} <= named  # what is left was named


def test_what_cannot_be_fixed_is_named_and_strict_fails(tmp_path):
    path = tmp_path / "fast.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nFar too many words to read in a single second of screen time\n\n"
                    "2\n00:00:02,000 --> 00:00:03,000\nNext\n", encoding="utf-8")
    out = tmp_path / "out.srt"
    done = run_cli("fix", str(path), "-o", str(out), "--strict")
    assert done.returncode == 1 and out.exists()
    assert "castkit: warning: subtitles: cue 1: cps:" in done.stderr.decode()


def test_numbers_and_non_dialogue_lines_are_kept():
    cues = [Cue(0, 500, ["a  b"], number=0), Cue(100, 3000, ["{\\k20}la la"], kind="karaoke", number=1)]
    fixed, changes = fix_cues(cues, load_profile("broadcast"))
    assert [c.number for c in fixed] == [0, 1] and fixed[1].lines == ["{\\k20}la la"]
    assert changes[0].cue == 0 and changes[0].rule == "text"

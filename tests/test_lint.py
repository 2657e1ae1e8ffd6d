"""`castkit lint`: every violation with cue number and time; exit 1 dirty, 0 clean, 2 bad input."""

from __future__ import annotations

import json

from conftest import run_cli

DIRTY = """1
00:00:01,000 --> 00:00:01,400
This first line is far longer than thirty-seven characters
and a second line
and a third line

2
00:00:01,300 --> 00:00:09,000
Overlaps the first and stays too long.

3
00:00:09,020 --> 00:00:10,500
Two cues with a one-frame gap.

4
00:00:05,000 --> 00:00:06,500
Out of order.
"""

CLEAN = """1
00:00:01,000 --> 00:00:03,000
A clean cue.

2
00:00:03,080 --> 00:00:05,000
Chained to a two-frame gap.
"""


def test_reports_each_rule_with_cue_and_time(tmp_path):
    path = tmp_path / "dirty.srt"
    path.write_text(DIRTY, encoding="utf-8")
    done = run_cli("lint", str(path), "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found = {(v["rule"], v["cue"]) for v in report["violations"]}
    assert {("line-length", 1), ("line-count", 1), ("min-duration", 1), ("cps", 1), ("overlap", 2),
            ("max-duration", 2), ("min-gap", 3), ("order", 4)} <= found
    assert next(v for v in report["violations"] if v["rule"] == "overlap")["time"] == "00:00:01.300"
    text = run_cli("lint", str(path))
    assert text.returncode == 1 and b"cue 3 at 00:00:09.020: min-gap" in text.stdout


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "clean.srt"
    path.write_text(CLEAN, encoding="utf-8")
    done = run_cli("lint", str(path), "--profile", "streaming", "--fps", "25")
    assert done.returncode == 0 and b"clean: 2 cues meet the streaming profile" in done.stdout
    assert run_cli("lint", "-", input=CLEAN).returncode == 0


def test_truncated_file_is_bad_input(tmp_path):
    path = tmp_path / "cut.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:03.000 --> 00:0", encoding="utf-8")
    done = run_cli("lint", str(path))
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert done.stderr.decode().strip() == f"castkit: error: {path}: line 6: malformed WebVTT timing '00:00:03.000 --> 00:0'"

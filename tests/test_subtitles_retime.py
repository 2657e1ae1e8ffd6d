"""castkit retime: the sample's subtitles, 2.3 s late and 0.1 % slow, put back on the speech cue by cue."""

from __future__ import annotations

import json

import pytest
from bench_retime import late as shifted
from bench_retime import true_subtitles
from conftest import MEDIA, run_cli

from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats import render
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import read_cues

AUDIO = MEDIA / "arirang-284316.mp3"
NOT_SAID = "Tomorrow will be sunny across the whole peninsula."


@pytest.mark.slow
def test_retime_puts_shifted_and_stretched_cues_back_and_names_the_one_not_said(tmp_path):
    cues, onsets = true_subtitles()
    late = shifted(cues)
    gap_at = 20
    extra = Cue(late[gap_at - 1].end_ms + 80, late[gap_at].start_ms - 80, [NOT_SAID])
    given = tmp_path / "late.srt"
    given.write_text(render(Subtitles(late[:gap_at] + [extra] + late[gap_at:], load_profile("broadcast")), "srt"), encoding="utf-8")
    out = tmp_path / "retimed.srt"
    done = run_cli("retime", str(given), str(AUDIO), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    retimed = read_cues(out)
    assert len(retimed) == len(cues) + 1
    placed = retimed[:gap_at] + retimed[gap_at + 1 :]
    errors = [abs(c.start_ms - onset) for c, onset in zip(placed, onsets)]
    assert sum(e <= 100 for e in errors) >= 0.95 * len(errors), sorted(errors)[-5:]
    assert abs(summary["offset_ms"] + 2300) < 100 and abs(summary["drift_ppm"] + 1000) < 300
    named = {n["where"]: n["message"] for n in summary["notices"] if n["topic"] == "timing"}
    assert "moved with its neighbours" in named[f"cue {gap_at + 1}"]  # the line nobody says is named ...
    assert summary["missing"] + summary["estimated"] == len(named)  # ... as is every cue not heard in full
    assert retimed[gap_at - 1].start_ms <= retimed[gap_at].start_ms <= retimed[gap_at + 1].start_ms  # and stays in its place
    assert f"cue {gap_at + 1}:" in done.stderr.decode()


def test_a_subtitle_file_with_no_words_needs_no_audio_work(tmp_path):
    given = tmp_path / "x.srt"
    given.write_text("1\n00:00:01,000 --> 00:00:02,000\n♪\n", encoding="utf-8")
    done = run_cli("retime", str(given), str(tmp_path / "none.wav"), "-o", str(tmp_path / "out.srt"))
    assert done.returncode == 2 and "none.wav" in done.stderr.decode()

"""Shot changes: cuts found in a generated video within a frame, none in a pan; Netflix's snapping rules."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import run_cli

from castkit.subtitles.cue import Cue
from castkit.subtitles.lint import lint_cues
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import read_cues
from castkit.subtitles.shots import detect_shots, snap

CUTS_MS = [2000, 3600, 4800]
"""Where the generated video cuts: frames 50, 90 and 120 at 25 fps."""


def _ffmpeg(*args: str) -> None:
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    """Four lavfi test patterns cut together, and a pan across a wide test card with no cut."""
    folder = tmp_path_factory.mktemp("video")
    cuts, pan = folder / "cuts.mp4", folder / "pan.mp4"
    sources = ["testsrc2=s=320x240:r=25:d=2", "smptebars=s=320x240:r=25:d=1.6", "rgbtestsrc=s=320x240:r=25:d=1.2",
               "mandelbrot=s=320x240:r=25,trim=duration=2"]
    inputs = [arg for source in sources for arg in ("-f", "lavfi", "-i", source)]
    _ffmpeg(*inputs, "-filter_complex", "[0][1][2][3]concat=n=4:v=1:a=0,format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast", str(cuts))
    _ffmpeg("-f", "lavfi", "-i", "testsrc=s=1600x240:r=25:d=4,crop=320:240:'t*300':0,format=yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", str(pan))
    return cuts, pan


def test_every_cut_found_within_a_frame(videos, tmp_path):
    out = tmp_path / "shots.json"
    done = run_cli("shots", str(videos[0]), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "castkit.shots/1" and doc["fps"] == 25
    found = [cut["ms"] for cut in doc["cuts"]]
    assert len(found) == len(CUTS_MS)
    assert all(abs(a - b) <= 40 for a, b in zip(found, CUTS_MS))
    assert [cut["frame"] for cut in doc["cuts"]] == [50, 90, 120]
    assert all(cut["score"] > 0.3 for cut in doc["cuts"])


def test_no_false_cut_in_a_pan(videos):
    assert detect_shots(videos[1]).cuts_ms == []


def test_not_a_video_is_bad_input(tmp_path):
    path = tmp_path / "x.mp4"
    path.write_text("not a video", encoding="utf-8")
    done = run_cli("shots", str(path))
    assert done.returncode == 2 and "x.mp4: not an audio or video file" in done.stderr.decode()
    assert done.stderr.decode().count("\n") == 1


FRAME = 40  # ms at 25 fps


def test_in_time_within_12_frames_snaps_onto_the_cut():
    profile = load_profile("broadcast")
    cues = [Cue(10_000 - 12 * FRAME, 12_000, ["a"]), Cue(20_000 + 12 * FRAME, 22_000, ["b"]), Cue(30_000 + 13 * FRAME, 32_000, ["c"])]
    moves = snap(cues, [10_000, 20_000, 30_000], profile)
    assert [c.start_ms for c in cues] == [10_000, 20_000, 30_000 + 13 * FRAME]  # 13 frames away: left alone
    assert [(m.cue, m.edge) for m in moves] == [(1, "in"), (2, "in")]


def test_out_time_within_12_frames_ends_2_frames_before_the_cut():
    profile = load_profile("broadcast")
    cues = [Cue(5_000, 10_000 - 12 * FRAME, ["a"]), Cue(15_000, 20_000 + 5 * FRAME, ["b"]), Cue(25_000, 30_000 - 13 * FRAME, ["c"])]
    snap(cues, [10_000, 20_000, 30_000], profile)
    assert [c.end_ms for c in cues] == [10_000 - 2 * FRAME, 20_000 - 2 * FRAME, 30_000 - 13 * FRAME]


def test_chained_cues_2_frames_apart():
    profile = load_profile("streaming")  # 23.976 fps: a frame is 41.7 ms
    cues = [Cue(1_000, 3_000, ["a"]), Cue(3_100, 5_000, ["b"]), Cue(6_000, 8_000, ["c"])]
    snap(cues, [], profile)
    assert cues[1].start_ms - cues[0].end_ms == round(2 * 1001 / 24)
    assert cues[1].end_ms == 5_000  # a gap over the closing distance stays


def test_lint_reports_cues_off_or_across_a_cut(tmp_path):
    profile = load_profile("streaming")
    frame = 1001 / 24
    cues = [
        Cue(1_000, 3_000, ["Starts", "just before the cut"], number=10),
        Cue(5_000, 9_000, ["Runs right across a cut"], number=11),
        Cue(10_000, round(12_000 - 2 * frame), ["Snapped cleanly"], number=12),
    ]
    report = lint_cues(cues, profile, shots=[1_200, 7_000, 10_000, 12_000], language="en")
    shot = [(p.cue, p.message) for p in report.problems if p.rule == "shot-change"]
    assert [n for n, _ in shot] == [10, 11]
    assert "starts 5 frames before the cut at 00:00:01.200" in shot[0][1]
    assert "crosses the cut at 00:00:07.000" in shot[1][1]


def test_fix_with_shots_snaps_and_lists_the_moves(videos, tmp_path):
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,880 --> 00:00:03,400\nOn the cut\n\n2\n00:00:03,800 --> 00:00:04,700\nNext one\n", encoding="utf-8")
    shots = tmp_path / "shots.json"
    assert run_cli("shots", str(videos[0]), "-o", str(shots)).returncode == 0
    out = tmp_path / "b.srt"
    done = run_cli("fix", str(path), "--shots", str(shots), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    cues = read_cues(out)
    assert cues[0].start_ms == 2000 and cues[1].start_ms == 3600
    assert "cue 1: in 00:00:01.880 → 00:00:02.000 (on the shot change)" in done.stderr.decode()
    linted = run_cli("lint", str(out), "--shots", str(videos[0]), "--json")
    assert not [v for v in json.loads(linted.stdout)["violations"] if v["rule"] == "shot-change"]


def test_subs_snaps_built_cues_to_a_shots_file(tmp_path):
    from conftest import SEED

    plain = tmp_path / "plain.srt"
    assert run_cli("subs", str(SEED), "-o", str(plain)).returncode == 0
    third = read_cues(plain)[2]
    cut = third.start_ms + 5 * FRAME
    shots = tmp_path / "shots.json"
    shots.write_text(json.dumps({"schema": "castkit.shots/1", "video": "x", "fps": 25, "threshold": 0.3,
                                 "cuts": [{"ms": cut, "frame": cut // FRAME, "score": 0.9}]}), encoding="utf-8")
    snapped = tmp_path / "snapped.srt"
    done = run_cli("subs", str(SEED), "-o", str(snapped), "--shots", str(shots))
    assert done.returncode == 0, done.stderr.decode()
    cues = read_cues(snapped)
    assert cues[2].start_ms == cut
    assert cues[1].end_ms <= cut - 2 * FRAME
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "something/else"}', encoding="utf-8")
    refused = run_cli("subs", str(SEED), "-o", str(tmp_path / "x.srt"), "--shots", str(bad))
    assert refused.returncode == 2 and "castkit.shots/1" in refused.stderr.decode()

"""castkit shift: offsets, start timecodes, two-point sync and frame-rate changes, frame-exact on 1,500 cues."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import srt
from conftest import run_cli

from castkit.errors import BadInput
from castkit.subtitles.read import read_cues
from castkit.subtitles.timecode import frame_at, parse_offset, parse_time, rate_of, timecode, to_frames

PAL = Fraction(25)
FILM = Fraction(24000, 1001)


def _clock(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


@pytest.fixture(scope="module")
def film(tmp_path_factory):
    """A 100-minute, 1,500-cue SRT timed to frames at 25 fps, and its cues' frame numbers."""
    rng = random.Random(7)
    frames, at = [], 250
    for _ in range(1500):
        length = rng.randint(25, 150)
        frames.append((at, at + length))
        at += length + rng.choice([2, 3, 12, 40])
    blocks = [
        f"{n}\n{_clock(a * 40)} --> {_clock(b * 40)}\nLine {n}\n" for n, (a, b) in enumerate(frames, start=1)
    ]
    path = tmp_path_factory.mktemp("film") / "film.srt"
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path, frames


def test_frame_rate_change_keeps_every_frame_number(film, tmp_path):
    path, frames = film
    out = tmp_path / "film-23976.srt"
    done = run_cli("shift", str(path), "--fps", "25:23.976", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    cues = read_cues(out)
    assert len(cues) == 1500
    assert [(frame_at(c.start_ms, FILM), frame_at(c.end_ms, FILM)) for c in cues] == frames
    assert cues[-1].end_ms > 100 * 60_000  # a feature's length, stretched by 25/23.976


def test_two_point_sync_recovers_a_drifted_file_frame_for_frame(film, tmp_path):
    """The file as played 0.1 % slow and 2.3 s late; two known cues put every cue back on its frame."""
    path, frames = film
    drifted = tmp_path / "drifted.srt"
    subs = list(srt.parse(path.read_text(encoding="utf-8")))
    for sub in subs:
        sub.start = sub.start * 1.001 + srt.timedelta(seconds=2.3)
        sub.end = sub.end * 1.001 + srt.timedelta(seconds=2.3)
    drifted.write_text(srt.compose(subs, reindex=False), encoding="utf-8")
    first, last = frames[0][0] * 40, frames[1349][0] * 40
    out = tmp_path / "synced.srt"
    done = run_cli("shift", str(drifted), "--fps", "25", "--sync", f"1={_clock(first).replace(',', '.')}",
                   "--sync", f"1350={_clock(last).replace(',', '.')}", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    cues = read_cues(out)
    assert [(frame_at(c.start_ms, PAL), frame_at(c.end_ms, PAL)) for c in cues] == frames
    assert all(c.start_ms % 40 == 0 for c in cues)


def test_offset_in_frames_and_start_timecode(film, tmp_path):
    path, frames = film
    out = tmp_path / "earlier.srt"
    assert run_cli("shift", str(path), "--by", "-00:00:02:10", "--fps", "25", "-o", str(out)).returncode == 0
    assert read_cues(out)[0].start_ms == frames[0][0] * 40 - 2400
    start = tmp_path / "ten.srt"
    assert run_cli("shift", str(path), "--start", "10:00:00:00", "-o", str(start)).returncode == 0
    cues = read_cues(start)
    assert cues[0].start_ms == 36_000_000 and cues[1].start_ms - cues[0].start_ms == (frames[1][0] - frames[0][0]) * 40
    seconds = tmp_path / "later.srt"
    assert run_cli("shift", str(path), "--by", "+1.5s", "-o", str(seconds)).returncode == 0
    assert read_cues(seconds)[0].end_ms == frames[0][1] * 40 + 1500


def test_drop_frame_timecodes_across_minute_marks():
    rate, drop = rate_of("29.97df")
    assert drop
    assert timecode(1799, rate, True) == "00:00:59;29"
    assert timecode(1800, rate, True) == "00:01:00;02"  # ;00 and ;01 are skipped at the minute
    assert timecode(17981, rate, True) == "00:09:59;29"
    assert timecode(17982, rate, True) == "00:10:00;00"  # ... but not at the tenth
    assert to_frames(1, 0, 0, 0, rate, True) == 107892  # an hour of 29.97 fps video
    for frame in range(0, 40_000, 7):  # every label reads back as its frame, minute marks included
        label = timecode(frame, rate, True)
        h, m, s, f = (int(x) for x in label.replace(";", ":").split(":"))
        assert to_frames(h, m, s, f, rate, True) == frame
    with pytest.raises(BadInput, match="does not exist"):
        to_frames(0, 1, 0, 0, rate, True)
    assert parse_time("01:00:00;00", rate) == Fraction(107892 * 1001, 30)  # wall-clock 3599.996 s


def test_start_on_a_drop_frame_timecode(tmp_path):
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n", encoding="utf-8")
    out = tmp_path / "b.srt"
    done = run_cli("shift", str(path), "--start", "00:01:00;02", "--fps", "29.97df", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert read_cues(out)[0].start_ms == round(1800 * 1001 / 30)


def test_offsets_parse():
    assert parse_offset("+1.5s", PAL) == 1500
    assert parse_offset("-400ms", PAL) == -400
    assert parse_offset("-00:00:02:10", PAL) == -2400
    assert parse_offset("00:00:12.400", PAL) == 12400


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "1s", "--start", "10:00:00:00"], "not --by and --start"),
        ([], "say how to shift"),
        (["--sync", "1=00:00:01.000"], "two --sync points"),
        (["--sync", "1=00:00:01.000", "--sync", "9=00:00:05.000"], "no cue with that number"),
        (["--by", "-10s"], "before 00:00:00"),
        (["--by", "soon"], "cannot read 'soon'"),
        (["--fps", "26:25"], "unknown frame rate"),
    ],
)
def test_bad_shifts_are_one_line_and_exit_2(tmp_path, args, message):
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n", encoding="utf-8")
    out = tmp_path / "out.srt"
    done = run_cli("shift", str(path), *args, "-o", str(out))
    assert done.returncode == 2
    assert message in done.stderr.decode() and done.stderr.decode().count("\n") == 1
    assert not out.exists()

"""castkit as a careless user and an attacker meet it: nothing lost, nothing injected, nothing hung.

Every case runs the real command. Bad input ends with exit 2 and one stderr line, no
traceback, and leaves every file as it was; outputs never destroy what castkit did not write;
an interrupted or concurrent ``castkit build`` leaves a whole pack, the old one or the new one.
Speed and memory on the big inputs are measured by ``make bench`` (scripts/bench_hostile.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import stat
import struct
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import MEDIA, SEED, run_cli

MALFORMED = Path(__file__).resolve().parents[2] / "shared" / "audio" / "malformed"
ENV = dict(os.environ, COLUMNS="120", NO_COLOR="1")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def one_error_line(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, f"exit {done.returncode}: {err}"
    assert err.startswith("castkit: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def wav(path: Path, *, rate: int = 16000, channels: int = 1, samples: bytes = b"\x00\x10" * 16000) -> Path:
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
    body = b"WAVEfmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(samples)) + samples
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


# ------------------------------------------------------------------ bad input: one line, exit 2, nothing touched


def _cases(tmp: Path) -> list[tuple[str, list[str]]]:
    script = tmp / "seed.txt"
    script.write_bytes(SEED.read_bytes())
    (tmp / "fifo").exists() or os.mkfifo(tmp / "fifo")
    (tmp / "mos").mkdir()
    (tmp / "mos" / "roCreate.xml").write_text("<mos/>", encoding="utf-8")
    wav(tmp / "one-hertz.wav", rate=1)
    wav(tmp / "many-channels.wav", channels=1000)
    (tmp / "list.wav").write_text(f"ffconcat version 1.0\nfile '{MEDIA / 'arirang-284316.mp3'}'\n", encoding="utf-8")
    (tmp / "list.m3u8").write_text(f"#EXTM3U\n{MEDIA / 'arirang-284316.mp3'}\n", encoding="utf-8")
    (tmp / "concat.mp3").write_text("concat:a.mp3|b.mp3\n", encoding="utf-8")
    (tmp / "text.mp3").write_bytes(SEED.read_bytes())
    (tmp / "bom-nul.txt").write_bytes(b"\xef\xbb\xbfAnchor: good evening\x00\x00\x00 and more")
    (tmp / "overlong.txt").write_bytes(b"Anchor: caf\xc0\xa9 \xe0\x80\xaf and \xc0\xae\xc0\xae/")
    (tmp / "ambiguous.txt").write_bytes("[ANCHOR] Jane\n대한민국만세\n".encode("cp949"))
    (tmp / "nested.json").write_text('{"schema": "castkit.segment/1", "stories": ' + "[" * 1500 + "]" * 1500 + "}", encoding="utf-8")
    (tmp / "surrogate.json").write_text('{"schema": "castkit.segment/1", "title": "\\ud800", "stories": []}', encoding="utf-8")
    (tmp / "rates-inf.json").write_text('{"Jane Doe": Infinity}', encoding="utf-8")
    (tmp / "rates-slow.toml").write_text('"Jane Doe" = 0.5\n', encoding="utf-8")
    (tmp / "timings-nan.json").write_text('{"schema": "castkit.timings/1", "elements": [{"start_ms": NaN}]}', encoding="utf-8")
    cases = [
        ("FIFO as a script", ["parse", str(tmp / "fifo")]),
        ("device as a script", ["parse", "/dev/zero"]),
        ("output onto a device", ["subs", str(script), "-o", "/dev/null", "--format", "srt"]),
        ("output onto a FIFO", ["subs", str(script), "-o", str(tmp / "fifo"), "--format", "srt"]),
        ("output onto the input by another spelling", ["subs", str(script), "-o", f"{tmp}/../{tmp.name}/./seed.txt", "--format", "srt"]),
        ("MOS folder holding an input", ["rundown", str(tmp / "mos" / "roCreate.xml"), "--format", "mos", "-o", str(tmp / "mos")]),
        ("MOS folder whose parent is missing", ["rundown", str(script), "--format", "mos", "-o", str(tmp / "no" / "where")]),
        ("1 Hz WAV", ["align", str(script), str(tmp / "one-hertz.wav"), "-o", str(tmp / "t.json")]),
        ("1000-channel WAV", ["align", str(script), str(tmp / "many-channels.wav"), "-o", str(tmp / "t.json")]),
        ("ffconcat list as audio", ["align", str(script), str(tmp / "list.wav"), "-o", str(tmp / "t.json")]),
        ("HLS playlist as audio", ["align", str(script), str(tmp / "list.m3u8"), "-o", str(tmp / "t.json")]),
        ("concat: protocol as audio", ["align", str(script), str(tmp / "concat.mp3"), "-o", str(tmp / "t.json")]),
        ("text named .mp3", ["align", str(script), str(tmp / "text.mp3"), "-o", str(tmp / "t.json")]),
        ("NUL bytes after a BOM", ["parse", str(tmp / "bom-nul.txt")]),
        ("overlong UTF-8", ["parse", str(tmp / "overlong.txt")]),
        ("Korean or Chinese", ["parse", str(tmp / "ambiguous.txt")]),
        ("JSON nested 1500 deep", ["parse", str(tmp / "nested.json")]),
        ("lone surrogate in JSON", ["parse", str(tmp / "surrogate.json")]),
        ("Infinity wpm", ["rundown", str(script), "--rates", str(tmp / "rates-inf.json")]),
        ("0.5 wpm", ["rundown", str(script), "--rates", str(tmp / "rates-slow.toml")]),
        ("NaN in a timings file", ["rundown", str(script), "--timings", str(tmp / "timings-nan.json")]),
    ]
    cases += [(f"malformed {p.name}", ["align", str(script), str(p), "-o", str(tmp / "t.json")])
              for p in sorted(MALFORMED.glob("*.wav"))]
    return cases


def test_hostile_inputs_are_one_line_exit_2_and_touch_nothing(tmp_path):
    cases = _cases(tmp_path)
    assert len(cases) >= 24
    before = snapshot(tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda case: run_cli(*case[1]), cases))
    failures = []
    for (name, _), done in zip(cases, runs):
        try:
            one_error_line(done)
        except AssertionError as exc:
            failures.append(f"{name}: {exc}")
    assert not failures, "\n".join(failures)
    assert snapshot(tmp_path) == before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    said = {name: done.stderr.decode() for (name, _), done in zip(cases, runs)}
    assert "cp949 (Korean), gb18030 (Simplified Chinese)" in said["Korean or Chinese"] and "--encoding" in said["Korean or Chinese"]
    assert "not an audio or video file" in said["ffconcat list as audio"]  # refused before ffmpeg runs
    assert "sample rate of 1 Hz" in said["1 Hz WAV"]
    assert "device or pipe" in said["output onto a device"] and "device or pipe" in said["FIFO as a script"]


def test_encoding_is_named_or_given(tmp_path):
    chinese = tmp_path / "zh.txt"
    chinese.write_bytes("[ANCHOR] 李明\n朝鲜拒绝接受特朗普总统的信件，媒体报道。\n".encode("gb18030"))
    done = run_cli("parse", str(chinese), "--json")
    assert done.returncode == 0 and b"gb18030" in done.stderr
    assert "朝鲜拒绝接受" in done.stdout.decode()
    korean = tmp_path / "ambiguous.txt"
    korean.write_bytes("[ANCHOR] Jane\n대한민국만세\n".encode("cp949"))
    given = run_cli("parse", str(korean), "--encoding", "cp949", "--json")
    assert given.returncode == 0 and "대한민국만세" in given.stdout.decode()


def test_rich_markup_in_a_path_is_shown_as_written(tmp_path):
    out = tmp_path / "[bold]pack[red]"
    done = run_cli("build", str(SEED), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert f"{out}: " in done.stdout.decode()


def test_an_unexpected_error_is_one_internal_error_line():
    code = ("import sys; sys.argv = ['castkit', 'parse', '-']; import castkit.cli as c; import castkit.ingest as i; "
            "i.parse_file = lambda *a, **k: 1 / 0; c.main()")
    done = subprocess.run([sys.executable, "-c", code], input=b"Anchor: hi\n", capture_output=True, env=ENV, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and err.startswith("castkit: internal error: ZeroDivisionError")
    assert "--debug" in err
    debug = subprocess.run([sys.executable, "-c", code.replace("'parse', '-'", "'parse', '-', '--debug'")],
                           input=b"Anchor: hi\n", capture_output=True, env=ENV, timeout=120)
    assert b"Traceback" in debug.stderr


# ------------------------------------------------------------------ outputs only add


def test_output_through_a_symlink_updates_its_target(tmp_path):
    real = tmp_path / "real.srt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.srt"
    link.symlink_to(real)
    assert run_cli("subs", str(SEED), "-o", str(link)).returncode == 2  # real.srt is not castkit's
    done = run_cli("subs", str(SEED), "-o", str(link), "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and "-->" in real.read_text(encoding="utf-8")


def test_build_into_the_current_folder_of_user_files_deletes_nothing(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "README.md").write_text("mine", encoding="utf-8")
    script = tmp_path / "seed.txt"
    script.write_bytes(SEED.read_bytes())
    before = snapshot(tmp_path)
    one_error_line(run_cli("build", "seed.txt", "-o", ".", cwd=tmp_path))
    other = tmp_path / "other"
    other.mkdir()
    (other / "build.json").write_text('{"name": "my-app"}', encoding="utf-8")
    (other / "main.js").write_text("x", encoding="utf-8")
    before = snapshot(tmp_path)
    err = one_error_line(run_cli("build", str(script), "-o", str(other)))
    assert "castkit did not write" in err
    assert snapshot(tmp_path) == before


def test_a_rebuild_keeps_the_users_files_and_refuses_to_overwrite_an_edited_one(tmp_path):
    out = tmp_path / "pack"
    assert run_cli("build", str(SEED), "-o", str(out)).returncode == 0
    profile = out / "house.toml"
    profile.write_text('base = "broadcast"\nmax_chars = 40\n', encoding="utf-8")
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    (out / "subtitles" / "extra.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nmine\n", encoding="utf-8")
    done = run_cli("build", str(SEED), "-o", str(out), "--profile", "streaming")
    assert done.returncode == 0, done.stderr
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine" and profile.is_file()
    assert (out / "subtitles" / "extra.srt").read_text(encoding="utf-8").endswith("mine\n")
    assert_whole(out, "streaming")
    edited = out / "subtitles" / f"{SEED.stem}.srt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n99\n00:10:00,000 --> 00:10:01,000\nmy fix\n", encoding="utf-8")
    before = snapshot(tmp_path)
    err = one_error_line(run_cli("build", str(SEED), "-o", str(out)))
    assert f"subtitles/{SEED.stem}.srt" in err
    assert snapshot(tmp_path) == before


def assert_whole(pack: Path, profile: str | None = None) -> str:
    """Every file build.json lists is there with its hash; returns the pack's profile."""
    manifest = json.loads((pack / "build.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert hashlib.sha256((pack / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
    assert (pack / "index.html").is_file()
    if profile:
        assert manifest["profile"] == profile
    return manifest["profile"]


def hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_two_builds_at_once_into_one_folder_both_finish(tmp_path):
    out = tmp_path / "pack"
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda profile: run_cli("build", str(SEED), "-o", str(out), "--profile", profile),
                             ["broadcast", "streaming"]))
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert assert_whole(out) in ("broadcast", "streaming")
    assert hidden_leftovers(tmp_path) == []


INTERRUPTS = int(os.environ.get("CASTKIT_INTERRUPTS", "6"))
"""Random interrupts of a rebuild (``make fuzz`` runs 40)."""


def test_an_interrupted_rebuild_leaves_the_old_pack_or_the_new_one_whole(tmp_path):
    out = tmp_path / "pack"
    notes = out / "my-notes.txt"
    assert run_cli("build", str(SEED), "-o", str(out)).returncode == 0
    notes.write_text("mine", encoding="utf-8")
    chance = random.Random(os.environ.get("CASTKIT_INTERRUPT_SEED", "castkit"))
    profiles = ["broadcast", "streaming"]
    for n in range(INTERRUPTS):
        wanted = profiles[n % 2]
        process = subprocess.Popen([sys.executable, "-m", "castkit", "build", str(SEED), "-o", str(out), "--profile", wanted],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
        timer = threading.Timer(chance.uniform(0.3, 4.0), process.send_signal,
                                [chance.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])])
        timer.start()
        _, err = process.communicate(timeout=600)
        timer.cancel()
        # 130 once castkit runs; killed by the signal itself when it came before Python set up its handlers
        assert b"Traceback" not in err and process.returncode in (0, 130, -signal.SIGINT, -signal.SIGTERM, -signal.SIGKILL), \
            (process.returncode, err)
        assert assert_whole(out) in profiles
        assert notes.read_text(encoding="utf-8") == "mine"
        assert all(name.startswith(".pack.castkit-") for name in hidden_leftovers(tmp_path))  # a killed build's staging
    assert run_cli("build", str(SEED), "-o", str(out)).returncode == 0
    assert hidden_leftovers(tmp_path) == [] and notes.read_text(encoding="utf-8") == "mine"
    assert_whole(out, "broadcast")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_line(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        one_error_line(run_cli("build", str(SEED), "-o", str(locked / "pack")))
        one_error_line(run_cli("subs", str(SEED), "-o", str(locked / "x.srt")))
    finally:
        locked.chmod(0o755)

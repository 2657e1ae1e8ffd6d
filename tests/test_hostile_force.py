"""castkit replaces only what it wrote: a file someone made or edited survives a re-run, unless --force.

castkit records each output it writes (path and SHA-256) in its state folder; these tests
run the real command with a state folder of their own and read that record back with
sqlite3 itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import SEED

REFUSED = "exists and castkit did not write it (or it was edited since): --force replaces it"


def castkit(state: Path, *args: str | Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CASTKIT_STATE_DIR=str(state), COLUMNS="120", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "castkit", *map(str, args)], capture_output=True, text=True, env=env)


def refused(done: subprocess.CompletedProcess, name: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"castkit: error: {name}: ") and "--force" in done.stderr, done.stderr


def records(state: Path) -> dict[str, str]:
    with sqlite3.connect(state / "written.sqlite3") as db:
        return dict(db.execute("SELECT path, sha256 FROM written"))


def test_a_rerun_replaces_what_castkit_wrote_and_records_it(tmp_path):
    out = tmp_path / "seed.srt"
    assert castkit(tmp_path / "state", "subs", SEED, "-o", out).returncode == 0
    assert records(tmp_path / "state") == {str(out.resolve()): hashlib.sha256(out.read_bytes()).hexdigest()}
    again = castkit(tmp_path / "state", "subs", SEED, "-o", out, "--format", "srt", "--profile", "streaming")
    assert again.returncode == 0, again.stderr
    assert records(tmp_path / "state")[str(out.resolve())] == hashlib.sha256(out.read_bytes()).hexdigest()


def test_a_hand_edited_srt_is_refused_and_force_replaces_it(tmp_path):
    out = tmp_path / "seed.srt"
    assert castkit(tmp_path / "state", "subs", SEED, "-o", out).returncode == 0
    edited = out.read_text(encoding="utf-8").replace("\n\n", "\n\n", 1) + "99\n10:00:00,000 --> 10:00:01,000\nmy correction\n"
    out.write_text(edited, encoding="utf-8")
    done = castkit(tmp_path / "state", "subs", SEED, "-o", out)
    refused(done, str(out))
    assert REFUSED in done.stderr
    assert out.read_text(encoding="utf-8") == edited
    forced = castkit(tmp_path / "state", "subs", SEED, "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "my correction" not in out.read_text(encoding="utf-8")
    assert castkit(tmp_path / "state", "subs", SEED, "-o", out).returncode == 0  # castkit's own again


@pytest.mark.parametrize("command", [["parse", SEED], ["rundown", SEED], ["convert", "{srt}"], ["shift", "{srt}", "--by", "+1s"]])
def test_someone_elses_file_is_never_replaced(tmp_path, command):
    source = tmp_path / "source.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:03,000\nGood evening.\n", encoding="utf-8")
    theirs = tmp_path / ("theirs.json" if command[0] == "parse" else "theirs.csv" if command[0] == "rundown" else "theirs.srt")
    theirs.write_text("someone's work\n", encoding="utf-8")
    args = [str(a).replace("{srt}", str(source)) for a in command]
    refused(castkit(tmp_path / "state", *args, "-o", theirs), str(theirs))
    assert theirs.read_text(encoding="utf-8") == "someone's work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.srt", "state", theirs.name]  # no temporary file left


def test_without_its_record_castkit_refuses_to_replace_anything(tmp_path):
    out = tmp_path / "seed.srt"
    assert castkit(tmp_path / "state", "subs", SEED, "-o", out).returncode == 0
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # the state folder cannot be made: its name is a file
    done = castkit(blocked, "subs", SEED, "-o", out)
    refused(done, str(out))
    assert "record" in done.stderr
    assert castkit(blocked, "subs", SEED, "-o", out, "--force").returncode == 0
    fresh = castkit(blocked, "subs", SEED, "-o", tmp_path / "new.srt")
    assert fresh.returncode == 0, fresh.stderr  # a new file replaces nothing


@pytest.mark.parametrize(("command", "suffix"), [(("subs", SEED), ".srt"), (("parse", SEED, "--to", "markup"), ".castkit"),
                                                 (("rundown", SEED), ".csv")])
def test_a_file_written_but_not_recorded_is_named_at_once(tmp_path, command, suffix):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    done = castkit(blocked, *command, "-o", out)
    assert done.returncode == 0, done.stderr
    unrecorded = [line for line in done.stderr.splitlines() if line.startswith("castkit: warning: record: ")]
    assert len(unrecorded) == 1 and str(out) in unrecorded[0] and "--force" in unrecorded[0], done.stderr
    assert out.exists()
    assert castkit(blocked, *command, "-o", tmp_path / f"strict{suffix}", "--strict").returncode == 1  # it fails --strict
    assert "castkit: warning: record: " not in castkit(tmp_path / "state", *command, "-o", tmp_path / f"ok{suffix}").stderr


def _write_many(state: str, folder: str, writer: int) -> None:
    os.environ["CASTKIT_STATE_DIR"] = state
    from castkit.files import write_text

    for n in range(60):
        write_text(Path(folder) / f"w{writer}-{n % 20}.txt", f"writer {writer} round {n}\n")


def test_two_writers_at_once_keep_the_record_whole(tmp_path):
    state, folder = tmp_path / "state", tmp_path / "out"
    folder.mkdir()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_write_many, [str(state)] * 2, [str(folder)] * 2, [1, 2]))
    with sqlite3.connect(state / "written.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    known = records(state)
    files = sorted(folder.iterdir())
    assert len(files) == 40
    assert all(known[str(f.resolve())] == hashlib.sha256(f.read_bytes()).hexdigest() for f in files)


def test_force_lets_a_build_replace_files_its_manifest_does_not_know(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    (project / "index.html").write_text("<p>my page</p>\n", encoding="utf-8")
    refused(castkit(tmp_path / "state", "build", SEED, "-o", project), str(project.resolve()))
    assert (project / "index.html").read_text(encoding="utf-8") == "<p>my page</p>\n"
    done = castkit(tmp_path / "state", "build", SEED, "-o", project, "--force")
    assert done.returncode == 0, done.stderr
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine\n"  # kept: the build writes no file of that name
    manifest = json.loads((project / "build.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed["index.html"] == hashlib.sha256((project / "index.html").read_bytes()).hexdigest()
    assert "notes.txt" not in listed

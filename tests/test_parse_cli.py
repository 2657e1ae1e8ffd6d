"""`castkit parse` as a user runs it: outputs, encodings and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, run_cli

from castkit.model import loads

SEED_TEXT = SEED.read_text("utf-8")


def test_tree_shows_story_elements_speakers_and_counts() -> None:
    result = run_cli("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "N. Korea refusing to accept letter from Trump: media report" in out
    assert "soundbite" in out and "White House?" in out and "40 words" in out and "PKG · 2025-06-12T20:00 · Arirang News · Kim Jung-sil" in out
    err = result.stderr.decode()
    assert "utf-8" in err and "style web" in err


def test_json_matches_the_contract() -> None:
    result = run_cli("parse", str(SEED), "--json")
    data = json.loads(result.stdout)
    assert data["schema"] == "castkit.segment/1"
    story = data["stories"][0]
    assert story["published"] == "2025-06-12T20:00" and story["format"] == "PKG"
    assert story["source"] == {"outlet": "Arirang News", "url": "https://www.arirang.com/news/view?id=284316"}
    bite = story["elements"][2]
    assert bite["kind"] == "soundbite" and bite["speaker"] == {"name": "White House", "title": None, "role": "interviewee", "inferred": True}


def test_stdin_style_and_verbose() -> None:
    result = run_cli("parse", "-", "--style", "plain", "--json", "--verbose", input=SEED_TEXT)
    assert result.returncode == 0
    assert json.loads(result.stdout)["stories"][0]["format"] == "RDR"
    assert b"style plain" in result.stderr and b"warning:" in result.stderr
    verbose = run_cli("parse", str(SEED), "--json", "--verbose").stderr.decode()
    assert "dropped: Sentences Mode" in verbose and "dropped: You must be logged in to add a comment." in verbose


def test_output_file_by_extension_and_json_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    assert run_cli("parse", str(SEED), "-o", str(out)).returncode == 0
    again = run_cli("parse", str(out), "--json")
    assert b"style segment_json" in again.stderr
    assert loads(again.stdout.decode()) == loads(out.read_text("utf-8"))
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, encoding: str, reported: str) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED_TEXT.replace("isn't", "isn’t").encode(encoding))
    result = run_cli("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert f"{reported}, style web".encode() in result.stderr
    assert "isn’t picking up" in json.loads(result.stdout)["stories"][0]["elements"][0]["text"]


def test_korean_cp949(tmp_path: Path) -> None:
    path = tmp_path / "ko.txt"
    path.write_bytes((FIXTURES / "plain" / "korean.txt").read_text("utf-8").encode("cp949"))
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert b"cp949" in result.stderr and "요금이" in result.stdout.decode() and "19 syl" in result.stdout.decode()


def _one_line_error(result, *needles: str) -> None:
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err


def test_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    _one_line_error(run_cli("parse", str(empty)), "empty", str(empty))
    binary = tmp_path / "clip.mp4"
    binary.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4)
    _one_line_error(run_cli("parse", str(binary)), "binary")
    invalid = tmp_path / "bad.txt"
    invalid.write_bytes(b"\x81\xfe\xff\xc0\x80" * 3)
    _one_line_error(run_cli("parse", str(invalid)), "not valid UTF-8")
    _one_line_error(run_cli("parse", str(tmp_path)), "directory")
    _one_line_error(run_cli("parse", str(tmp_path / "missing.txt")), "no such file")
    _one_line_error(run_cli("parse", str(SEED), "--style", "teletext"), "unknown style")
    _one_line_error(run_cli("parse", str(SEED), "-o", str(SEED)), "overwrite an input")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "castkit.segment/1", "stories": [{"elements": [{"kind": "chat", "text": ""}]}]}')
    _one_line_error(run_cli("parse", str(broken)), str(broken), "stories/0/elements/0/kind")
    script = tmp_path / "story.castkit"
    script.write_text("# castkit script 1\n=== Rates\n[SOT] Kim\nRUNS: nine\n")
    _one_line_error(run_cli("parse", str(script)), f"{script}: line 4: RUNS: cannot read 'nine'")


def test_fifty_megabyte_file_is_refused_naming_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        handle.write((SEED_TEXT + "\n") * (50 * 1024 * 1024 // len(SEED_TEXT) + 1))
    out = tmp_path / "out.json"
    _one_line_error(run_cli("parse", str(big), "-o", str(out)), "8 MB limit")
    assert not out.exists()
    _one_line_error(run_cli("parse", "-", input=big.read_bytes()), "8 MB limit")


def test_markup_out_and_back_in(tmp_path: Path) -> None:
    script = tmp_path / "seed.castkit"
    assert run_cli("parse", str(SEED), "--to", "markup", "-o", str(script)).returncode == 0
    edited = script.read_text("utf-8").replace("[SOUNDBITE] White House ?", "[SOUNDBITE] Karine Jean-Pierre\nTITLE: White House Press Secretary")
    script.write_text(edited, "utf-8")
    result = run_cli("parse", str(script), "--json")
    assert b"style markup" in result.stderr
    bite = json.loads(result.stdout)["stories"][0]["elements"][2]
    assert bite["speaker"] == {"name": "Karine Jean-Pierre", "title": "White House Press Secretary", "role": "interviewee", "inferred": False}


def test_every_command_that_reads_a_script_names_its_guesses(tmp_path) -> None:
    """A style fallback and an inferred speaker are named by rundown, subs and build, not only parse."""
    plain = tmp_path / "notes.txt"
    plain.write_text("just some words here\nand more words that nobody structured\n", "utf-8")
    for args in (["rundown", str(plain)], ["subs", str(plain), "-o", str(tmp_path / "out.srt")]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert b"warning: style:" in result.stderr and b"no house style recognised" in result.stderr
    built = run_cli("build", str(plain), "-o", str(tmp_path / "pack"))
    assert built.returncode == 0 and b"no house style recognised" in built.stdout + built.stderr
    seed = run_cli("rundown", str(SEED))
    assert b"warning: speaker:" in seed.stderr and b"White House" in seed.stderr

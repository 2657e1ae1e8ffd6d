"""Bad input across every command and every input position.

Each case runs the real ``castkit`` command once with exactly one thing wrong (an empty,
binary or wrongly encoded file, a truncated subtitle file, text given as audio, a folder, a
missing file, an output that cannot be written or would overwrite an input) and must end with
exit code 2 and exactly one line on stderr naming what is wrong and where, no traceback,
nothing on stdout, no file written or left behind, and every input byte-for-byte as it was.

Cases of one command run side by side in a few subprocesses at once; a failure lists every
case that broke the contract, not only the first.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from castkit.ingest import parse_file
from castkit.timing import estimate_timeline
from castkit.timings import dumps as timings_json
from conftest import MEDIA, SEED, run_cli

# ------------------------------------------------------------------ what goes wrong, by input kind

TEXT = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\r\n",
    "binary.txt": bytes(range(256)) * 4,
    "invalid-utf8.txt": b"\xff" * 64 + b" Anchor text",
    "invalid-utf16.txt": b"\xff\xfe" + "Anchor".encode("utf-16-le") + b"\x00\xd8",
}
"""Files no text input can use (plus a folder and a missing file, added per position)."""

SCRIPTS = {
    "rate-zero.castkit": b"# castkit script 1\nRATE: 0\n\n=== A story\n\n[ANCHOR] Anna Park\nGood evening.\n",
    "rate-nan.json": b'{"schema": "castkit.segment/1", "rate_wpm": NaN, "stories": []}',
}
"""Scripts that read as text but hold a value no script can have."""

SUBTITLES = {
    "truncated.srt": b"1\n00:00:01,000 --> 00:00:02,000\nFine.\n\n2\n00:00:03,000 --> 00:0",
    "bad-time.srt": b"1\n00:00:01,000 --> 00:00:02,000\nFine.\n\n2\n00:00:xx,000 --> 00:00:04,000\nBroken.\n",
    "truncated.vtt": b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFine.\n\n00:00:03.000 --> 00:0",
    "no-timing.vtt": b"WEBVTT\n\n1\nText without a timing line.\n",
    "truncated.ass": (
        b"[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        b"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        b"Dialogue: 0,0:00:01.00,0:00"
    ),
    "bad-time.ass": (
        b"[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        b"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        b"Dialogue: 0,soon,later,Default,,0,0,0,,Broken.\n"
    ),
    "truncated.ttml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en">'
        b'<body><div><p begin="00:00:01.000" end="00:00:02.000">Fine.</p><p begin="00:00:03.0'
    ),
    "bad-time.ttml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en">'
        b'<body><div><p begin="soon" end="later">Broken.</p></div></body></tt>\n'
    ),
    "truncated.scc": b"Scenarist_SCC V1.0\n\n00:00:01:00\t9420 94",
    "bad-code.scc": b"Scenarist_SCC V1.0\n\n00:00:0x:00\tzzzz qqqq\n",
}
"""Subtitle files that are cut short or malformed, one or two per format castkit reads."""

AUDIO = {
    "script-as-audio.mp3": SEED.read_bytes(),
    "binary-as-audio.wav": bytes(range(256)) * 64,
    "empty.wav": b"",
}
"""Files given as audio that hold no audio (a silent WAV and a video without sound are made by the fixture)."""

TIMINGS = {
    "not-json.json": b"{\"schema\": \"castkit.timings/1\", \"elements\": [",
    "wrong-shape.json": b'{"schema": "castkit.timings/1", "elements": [{"index": "first"}]}',
    "json-list.json": b"[1, 2, 3]",
}

RATES = {
    "rates-not-json.json": b"{Anna Park: fast}",
    "rates-negative.json": b'{"Anna Park": -172}',
    "rates-bad.toml": b"Anna Park = 172",
    "rates-text.toml": b'"Anna Park" = "fast"',
    "rates-true.json": b'{"presenters": {"Anna Park": true}}',
}

PROFILES = {
    "syntax.toml": b"max_chars = = 40\n",
    "unknown-key.toml": b"max_chars = 40\nwidth = 3\n",
    "wrong-type.toml": b'max_chars = "forty"\n',
    "zero-chars.toml": b"max_chars = 0\n",
    "bad-fps.toml": b'fps = "31"\n',
    "bad-base.toml": b'base = "cinema"\n',
    "empty.toml": b"",
    "binary.toml": bytes(range(256)),
}

SUBSTITUTIONS = {
    "subs-syntax.toml": b'"U.S." = \n',
    "subs-number.toml": b'"U.S." = 1\n',
    "subs-not-a-table.toml": b"substitutions = 3\n",
    "subs-three.csv": b"U.S.,US,USA\n",
    "subs-no-from.csv": b" = US\n",
}

NER_SHEETS = {
    "sheet-columns.csv": b"id,reference\n1,a\n",
    "sheet-severity.csv": (
        b"id,story,element,speaker,type,reference,hypothesis,context,severity,category,correction,note\n"
        b"1,,,,,a,b,,deadly,edition,,\n"
    ),
}


@dataclass(frozen=True)
class Case:
    """One run of a command with one thing wrong; ``where`` must appear in the error line."""

    id: str
    args: tuple[str, ...]
    where: str
    stdin: bytes | None = None


class Workspace:
    """Good inputs, bad inputs and an empty output folder in one tree, snapshotted around each run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs = root / "in"
        self.out = root / "out"
        self.inputs.mkdir()
        self.out.mkdir()
        for name, data in {**TEXT, **SCRIPTS, **SUBTITLES, **AUDIO, **TIMINGS, **RATES, **PROFILES, **SUBSTITUTIONS, **NER_SHEETS}.items():
            (self.inputs / name).write_bytes(data)
        shutil.copy(SEED, self.inputs / "script.txt")
        (self.inputs / "hyp.txt").write_text(SEED.read_text("utf-8").replace("Trump", "Trumps"), "utf-8")
        (self.inputs / "clean.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\nA clean cue.\n", "utf-8")
        (self.inputs / "too-big.txt").write_bytes(b"Anchor copy that goes on and on.\n" * 300_000)  # over the 8 MB script limit
        (self.inputs / "folder").mkdir()
        (self.inputs / "folder.toml").mkdir()
        (root / "occupied").mkdir()
        (root / "occupied" / "notes.txt").write_text("someone's own folder\n", "utf-8")
        (self.inputs / "blocker.txt").write_text("a file where a folder should be\n", "utf-8")
        _silent_wav(self.inputs / "silent.wav")
        _video_without_sound(self.inputs / "no-sound.mp4")
        self.timings = self.path("timings.json")
        Path(self.timings).write_text(timings_json(estimate_timeline(parse_file(SEED).bulletin)), "utf-8")

    def path(self, name: str) -> str:
        return str(self.inputs / name)

    def missing(self, slot: str) -> str:
        return str(self.inputs / f"no-such-{slot}.txt")

    def snapshot(self) -> dict[str, bytes | None]:
        """Every file (with its bytes) and folder under the workspace."""
        return {str(p.relative_to(self.root)): (p.read_bytes() if p.is_file() else None) for p in sorted(self.root.rglob("*"))}


def _silent_wav(path: Path) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * 16000)


def _video_without_sound(path: Path) -> None:
    import imageio_ffmpeg

    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "color=c=black:s=32x32:d=0.5", "-an", str(path)],
        check=True, capture_output=True,
    )


# ------------------------------------------------------------------ cases, by input position

Args = Callable[[str], list[str]]


def files(ws: Workspace, slot: str, build: Args, names: list[str], *, folder: str = "folder") -> list[Case]:
    """A case for each named bad input in one position; ``folder`` and ``missing`` name a folder and a missing path."""
    def path(name: str) -> str:
        return ws.path(folder) if name == "folder" else ws.missing(slot.strip("-")) if name == "missing" else ws.path(name)

    return [Case(f"{slot}:{name}", tuple(build(path(name))), path(name)) for name in names]


def outputs(ws: Workspace, slot: str, build: Args, suffix: str, same_as_input: str) -> list[Case]:
    """Outputs that cannot be written: under a file, in a missing folder, a folder, an input."""
    targets = {
        "under-a-file": ws.path(f"blocker.txt/out{suffix}"),
        "missing-folder": str(ws.out / f"nope/out{suffix}"),
        "a-folder": str(ws.out),
        "an-input": same_as_input,
    }
    return [Case(f"{slot}:{kind}", tuple(build(target)), target) for kind, target in targets.items()]


def stdin_cases(slot: str, build: Args) -> list[Case]:
    """Bad text piped in for ``-``."""
    return [Case(f"{slot}:stdin-{name}", tuple(build("-")), "<stdin>", stdin=TEXT[name]) for name in ("empty.txt", "binary.txt", "invalid-utf8.txt")]


def cases_for(command: str, ws: Workspace) -> list[Case]:
    """Every kind of bad file at the inputs a reader is first met; a few kinds at the others (the same readers behind them)."""
    script, srt, timings, hyp = ws.path("script.txt"), ws.path("clean.srt"), ws.timings, ws.path("hyp.txt")
    text, anywhere = list(TEXT), ["folder", "missing"]
    truncated = [name for name in SUBTITLES if name.startswith("truncated")]
    if command == "parse":
        return [
            *files(ws, "FILE", lambda p: ["parse", p], [*text, "not-json.json", "wrong-shape.json", *anywhere]),
            *stdin_cases("FILE", lambda p: ["parse", p]),
            Case("FILE:endless-device", ("parse", "/dev/zero"), "/dev/zero"),
            *outputs(ws, "-o", lambda o: ["parse", script, "--json", "-o", o], ".json", script),
            Case("-o:an-input-spelled-otherwise", ("parse", script, "-o", f"{ws.inputs}/../in/./script.txt"), "script.txt"),
            Case("--style", ("parse", script, "--style", "cuneiform"), "cuneiform"),
            Case("usage:missing-argument", ("parse",), "Missing argument"),
            Case("usage:unknown-option", ("parse", script, "--colour"), "--colour"),
        ]
    if command == "rundown":
        return [
            *files(ws, "FILE", lambda p: ["rundown", p], [*text, *SCRIPTS, *anywhere]),
            *files(ws, "FILE2", lambda p: ["rundown", script, p, "-o", str(ws.out / "r.csv")], ["empty.txt"]),
            *stdin_cases("FILE", lambda p: ["rundown", p])[:1],
            *files(ws, "--rates", lambda p: ["rundown", script, "--rates", p], ["invalid-utf8.txt", *RATES, "folder"]),
            Case("usage:--rate", ("rundown", script, "--rate", "abc"), "--rate"),
            *files(ws, "--timings", lambda p: ["rundown", script, "--timings", p], ["not-json.json", "wrong-shape.json", "missing"]),
            *files(ws, "--audio", lambda p: ["rundown", script, "--audio", p], ["script-as-audio.mp3", "silent.wav"]),
            *outputs(ws, "-o", lambda o: ["rundown", script, "-o", o], ".csv", script),
            *outputs(ws, "-o-xlsx", lambda o: ["rundown", script, "--timings", timings, "-o", o], ".xlsx", timings)[3:],
            *outputs(ws, "--save-rates", lambda o: ["rundown", script, "--timings", timings, "--save-rates", o], ".json", timings)[::3],
            Case("mos:under-a-file", ("rundown", script, "--format", "mos", "-o", ws.path("blocker.txt/mos")), ws.path("blocker.txt/mos")),
            Case("--start", ("rundown", script, "--start", "25:00:00"), "--start"),
            Case("--slot", ("rundown", script, "--slot", "half an hour"), "--slot"),
            Case("--end", ("rundown", script, "--end", "8pm"), "--end"),
            Case("--preset", ("rundown", script, "--preset", "breakneck"), "breakneck"),
            Case("--format", ("rundown", script, "--format", "pdf"), "pdf"),
            Case("stdin-twice", ("rundown", "-", "-"), "stdin"),
        ]
    if command == "subs":
        return [
            *files(ws, "SCRIPT", lambda p: ["subs", p], ["empty.txt", "binary.txt", "invalid-utf16.txt", "too-big.txt", *SCRIPTS, *anywhere]),
            *stdin_cases("SCRIPT", lambda p: ["subs", p])[1:2],
            *files(ws, "--timings", lambda p: ["subs", script, "--timings", p], ["json-list.json", "wrong-shape.json", "clean.srt", "missing"]),
            *files(ws, "--audio", lambda p: ["subs", script, "--audio", p], ["no-sound.mp4", "empty.wav", "folder"]),
            *files(ws, "--profile", lambda p: ["subs", script, "--profile", p], [*PROFILES, *anywhere], folder="folder.toml"),
            *outputs(ws, "-o", lambda o: ["subs", script, "-o", o], ".srt", script),
            *outputs(ws, "-o-ttml", lambda o: ["subs", script, "--timings", timings, "-o", o], ".ttml", timings)[3:],
            Case("--fps", ("subs", script, "--fps", "31"), "31"),
            Case("--format", ("subs", script, "--format", "sub"), "sub"),
            Case("-o-extension", ("subs", script, "-o", str(ws.out / "out.doc")), str(ws.out / "out.doc")),
        ]
    if command == "align":
        recording = str(MEDIA / "arirang-284316.mp3")
        return [
            *files(ws, "SCRIPT", lambda p: ["align", p, recording], ["binary.txt", "missing"]),
            *files(ws, "AUDIO", lambda p: ["align", script, p], [*AUDIO, "silent.wav", "no-sound.mp4", *anywhere]),
            *outputs(ws, "-o", lambda o: ["align", script, recording, "-o", o], ".json", script),
        ]
    if command == "qa":
        return [
            *files(ws, "REFERENCE", lambda p: ["qa", p, hyp], ["empty.txt", "folder"]),
            *files(ws, "HYPOTHESIS", lambda p: ["qa", script, p], [*text, *truncated, "bad-time.srt", "missing"]),
            *stdin_cases("HYPOTHESIS", lambda p: ["qa", script, p])[2:],
            *files(ws, "--subs", lambda p: ["qa", script, hyp, "--subs", p], ["empty.txt", *SUBSTITUTIONS]),
            *files(ws, "--ner-sheet", lambda p: ["qa", script, hyp, "--ner-sheet", p], ["binary.txt", *NER_SHEETS, "missing"]),
            *outputs(ws, "--html", lambda o: ["qa", script, hyp, "--html", o], ".html", hyp)[::3],
            Case("--hyp-format", ("qa", script, hyp, "--hyp-format", "braille"), "braille"),
            Case("text-as-trn", ("qa", script, hyp, "--hyp-format", "trn"), hyp),
            Case("text-as-subtitles", ("qa", script, hyp, "--hyp-format", "subtitles"), hyp),
        ]
    if command == "lint":
        return [
            *files(ws, "FILE", lambda p: ["lint", p], ["blank.txt", "invalid-utf8.txt", *SUBTITLES, "script.txt", *anywhere]),
            *stdin_cases("FILE", lambda p: ["lint", p])[:2],
            *files(ws, "--profile", lambda p: ["lint", srt, "--profile", p], ["zero-chars.toml", "folder"], folder="folder.toml"),
            Case("--fps", ("lint", srt, "--fps", "12"), "12"),
        ]
    if command == "build":
        pack = str(ws.out / "pack")
        return [
            *files(ws, "SCRIPT", lambda p: ["build", p, "-o", pack], ["empty.txt", "binary.txt", "invalid-utf8.txt", *anywhere]),
            *files(ws, "SCRIPT2", lambda p: ["build", script, p, "-o", pack], ["invalid-utf16.txt"]),
            *files(ws, "--audio", lambda p: ["build", script, "--audio", p, "-o", pack], ["binary-as-audio.wav", "silent.wav"]),
            *files(ws, "--hyp", lambda p: ["build", script, "--hyp", p, "-o", pack], ["truncated.vtt", "bad-code.scc", "missing"]),
            *files(ws, "--profile", lambda p: ["build", script, "--profile", p, "-o", pack], ["unknown-key.toml", "missing"]),
            Case("-o:under-a-file", ("build", script, "-o", ws.path("blocker.txt/pack")), ws.path("blocker.txt")),
            Case("-o:missing-folder", ("build", script, "-o", str(ws.out / "nope/pack")), str(ws.out / "nope")),
            Case("-o:a-file", ("build", script, "-o", ws.path("blocker.txt")), ws.path("blocker.txt")),
            Case("-o:holds-an-input", ("build", script, "-o", str(ws.inputs)), str(ws.inputs)),
            Case("-o:an-input", ("build", script, "-o", script), script),
            Case("-o:someone-elses-folder", ("build", script, "-o", str(ws.root / "occupied")), str(ws.root / "occupied")),
            Case("--start", ("build", script, "--start", "24:00", "-o", pack), "--start"),
            Case("--slot", ("build", script, "--slot", "1:75", "-o", pack), "--slot"),
        ]
    raise AssertionError(f"no cases for {command}")


COMMANDS = ["parse", "rundown", "subs", "align", "qa", "lint", "build"]


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("battery"))


def broken_contract(case: Case, done: subprocess.CompletedProcess) -> str | None:
    """What ``done`` got wrong for a bad-input case, or None."""
    err = done.stderr.decode("utf-8", "replace")
    lines = err.strip().splitlines()
    if done.returncode != 2:
        return f"exit {done.returncode}, stderr {err[-300:]!r}"
    if "Traceback" in err or len(lines) != 1:
        return f"{len(lines)} stderr lines: {err[-600:]!r}"
    if not lines[0].startswith("castkit: error: ") or case.where not in lines[0]:
        return f"error line does not name {case.where!r}: {lines[0]!r}"
    if done.stdout:
        return f"wrote to stdout: {done.stdout[:200]!r}"
    return None


@pytest.mark.parametrize("command", COMMANDS)
def test_every_bad_input_is_one_line_and_exit_2(command, ws):
    cases = cases_for(command, ws)
    assert len({c.id for c in cases}) == len(cases)
    before = ws.snapshot()
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda c: run_cli(*c.args, input=c.stdin, cwd=ws.out), cases))
    failures = [f"{c.id}: {problem}" for c, done in zip(cases, runs) if (problem := broken_contract(c, done))]
    after = ws.snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k, b"?") != after.get(k, b"?"))
    assert not failures, "\n".join(failures)
    assert not changed, f"files written, left behind or changed: {changed}"


# ------------------------------------------------------------------ files that read but break the rules

_ASS_HEAD = (
    "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
)
_TTML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div>\n'

RULE_BREAKERS = {
    ".srt": (
        "1\n00:00:05,000 --> 00:00:03,000\nA cue that ends before it starts.\n\n"
        "2\n00:00:06,000 --> 00:00:09,000\nThe first of two.\n\n"
        "3\n00:00:08,000 --> 00:00:10,000\nThis one overlaps it.\n"
    ),
    ".vtt": (
        "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nA cue that ends before it starts.\n\n"
        "00:00:06.000 --> 00:00:09.000\nThe first of two.\n\n"
        "00:00:08.000 --> 00:00:10.000\nThis one overlaps it.\n"
    ),
    ".ass": _ASS_HEAD + (
        "Dialogue: 0,0:00:05.00,0:00:03.00,Default,,0,0,0,,A cue that ends before it starts.\n"
        "Dialogue: 0,0:00:06.00,0:00:09.00,Default,,0,0,0,,The first of two.\n"
        "Dialogue: 0,0:00:08.00,0:00:10.00,Default,,0,0,0,,This one overlaps it.\n"
    ),
    ".ttml": _TTML_HEAD + (
        '<p begin="00:00:05.000" end="00:00:03.000">A cue that ends before it starts.</p>\n'
        '<p begin="00:00:06.000" end="00:00:09.000">The first of two, in a cafÃ©.</p>\n'
        '<p begin="00:00:08.000" end="00:00:10.000">This one overlaps it.</p>\n</div></body></tt>\n'
    ),
}


@pytest.mark.parametrize("suffix", RULE_BREAKERS)
def test_negative_and_overlapping_cues_are_lint_findings_not_bad_input(tmp_path, suffix):
    """Reported on stdout with exit 1, and nothing on stderr (the TTML one holds mojibake a library repairs, quietly)."""
    path = tmp_path / f"rules{suffix}"
    path.write_text(RULE_BREAKERS[suffix], "utf-8")
    done = run_cli("lint", str(path), "--json")
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    found = {(v["rule"], v["cue"]) for v in json.loads(done.stdout)["violations"]}
    assert {("duration", 1), ("overlap", 3)} <= found

"""Hostile and oversized inputs: time and peak memory of the real command, and how work grows.

Growth cases run the same command on an input and on one four times its size: the ratio of
the time per MB (large against small) is about 1 for linear work and about 4 for quadratic.
A generated script goes through ``castkit subs`` at 1, 2, 4 and 8 MB, the largest also timed
against decoding and splitting its bytes. Single cases (pathological lines, hostile audio
headers) print their time and memory, which should stay in seconds and under 500 MB. Run by
``make bench``:
    python scripts/bench_hostile.py [--full]      (--full: 5 MB words, 64 MB SRT through lint and qa)
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import measure
from synthetic_news import bulletin_markup

CASTKIT = [sys.executable, "-m", "castkit"]
MEMORY_LIMIT_MB = 500


def usage(args: list[str]) -> tuple[float, float, int]:
    """Wall time (s), peak resident memory (MB) and exit code of one ``castkit`` run."""
    done = subprocess.run([sys.executable, measure.__file__, *CASTKIT, *args], capture_output=True, text=True)
    took, peak_kb = done.stdout.split()
    return float(took), float(peak_kb) / 1024, done.returncode


def script_of(size: int) -> str:
    """A generated bulletin in castkit markup, repeated to about ``size`` bytes."""
    hour = bulletin_markup(60)
    head, body = hour.split("\n", 8)[:8], hour.split("\n", 8)[8]
    text = "\n".join(head) + "\n" + body
    while len(text.encode()) < size:
        text += "\n" + body
    return text


def words_of(size: int) -> str:
    """One paragraph of plain words, no punctuation, about ``size`` bytes."""
    return " ".join(["word"] * (size // 5)) + "\n"


def srt_of(size: int) -> str:
    """A clean broadcast SRT of about ``size`` bytes: two lines a cue, 5 s on screen (64 MB: about 585,000 cues)."""
    words = "the minister said on tuesday that new budget would fund hospitals schools and roads across".split()
    blocks, total, n = [], 0, 0
    while total < size:
        n += 1
        start = n * 6000
        first = " ".join(words[(n + k) % len(words)] for k in range(6))[:37]
        second = " ".join(words[(n * 7 + k) % len(words)] for k in range(6))[:37]
        blocks.append(f"{n}\n{_clock(start)} --> {_clock(start + 5000)}\n{first}\n{second}\n\n")
        total += len(blocks[-1])
    return "".join(blocks)


def _clock(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def wav(rate: int) -> bytes:
    samples = b"\x00\x10" * 16000
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVEfmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", len(body)) + body


def growth(tmp: Path, label: str, make, suffix: str, small: int, command: list[str]) -> None:
    rows = []
    for size in (small, small * 4):
        path = tmp / f"input-{size}{suffix}"
        path.write_text(make(size), encoding="utf-8")
        took, peak, code = usage([a.replace("{input}", str(path)).replace("{tmp}", str(tmp)) for a in command])
        rows.append((size / 1e6, took, peak, code))
    (mb1, t1, _, _), (mb2, t2, peak, code) = rows
    ratio = (t2 / mb2) / (t1 / mb1)
    print(f"{label}: {mb1:.1f} MB {measure.seconds(t1)}, {mb2:.1f} MB {measure.seconds(t2)} (exit {code}, peak {peak:.0f} MB); "
          f"time per MB grows x{ratio:.2f} for x4 input ({'near-linear' if ratio < 2 else 'GROWS FASTER THAN LINEAR'})")


def script_growth(tmp: Path, sizes: tuple[int, ...]) -> None:
    """``castkit subs`` of a generated script of each size to WebVTT: time, peak memory, how the time per
    MB grows from the smallest to the largest, and the largest against decoding its bytes."""
    from castkit.files import decode

    rows = []
    for size in sizes:
        data = script_of(size).encode("utf-8")
        path = tmp / f"script-{size}.castkit"
        path.write_bytes(data)
        # WebVTT carries any time; 8 MB of script runs past 100 hours, which SRT refuses
        took, peak, code = usage(["subs", str(path), "-o", str(path.with_suffix(".vtt"))])
        rows.append((len(data) / 1e6, took, peak, code))
    base = measure.best_of(3, lambda: decode(data, "bench").text.split())
    (mb1, t1, _, _), (mb2, t2, _, _) = rows[0], rows[-1]
    ratio = (t2 / mb2) / (t1 / mb1)
    peak = max(row[2] for row in rows)
    verdict = "ok" if peak < MEMORY_LIMIT_MB and all(row[3] in (0, 1) for row in rows) else "OVER"
    times = ", ".join(f"{mb:.1f} MB {measure.seconds(took)}" for mb, took, _, _ in rows)
    print(f"script through subs: {times} (exit {max(row[3] for row in rows)}, peak {peak:.0f} MB, {verdict}); "
          f"time per MB grows x{ratio:.2f} from {mb1:.0f} to {mb2:.0f} MB ({'near-linear' if ratio < 2 else 'GROWS FASTER THAN LINEAR'}); "
          f"{mb2:.0f} MB {measure.seconds(t2)} vs decoding and splitting it {measure.seconds(base)}  ratio {t2 / base:.0f}x")


def single(tmp: Path, label: str, name: str, data: bytes, command: list[str]) -> None:
    path = tmp / name
    path.write_bytes(data)
    took, peak, code = usage([a.replace("{input}", str(path)).replace("{tmp}", str(tmp)) for a in command])
    verdict = "ok" if peak < MEMORY_LIMIT_MB and code in (0, 1, 2) else "OVER"
    print(f"{label}: {measure.seconds(took)}, peak {peak:.0f} MB, exit {code} ({verdict})")


def patterns() -> None:
    """Each pattern rewritten to stay linear, on a 100,000-character hostile case against the same
    at 25,000: the time grows about x4 for linear work and x16 for quadratic."""
    from castkit.ingest import parse_text
    from castkit.ingest.furniture import air_time
    from castkit.ingest.handoffs import handoff_name, live_handoff_name
    from castkit.ingest.labels import split_glued_labels
    from castkit.ingest.producer import _OUTCUE
    from castkit.qa.inputs import detect
    from castkit.qa.numbers import normalize
    from castkit.subtitles.cue import Cue
    from castkit.subtitles.fix import fix_cues
    from castkit.subtitles.profiles import load_profile

    profile = load_profile("broadcast")
    cases = {
        "QA numbers, a word of full stops": lambda n: normalize("5 " + "." * n + "a"),
        "QA input sniffing, blank lines": lambda n: detect("hello\n" + "\n" * n + "world\n", "notes"),
        "subtitle fix, open override braces": lambda n: fix_cues([Cue(1000, 3000, ["{\\" * (n // 2)])], profile),
        "ingest handoff, a name of 'A-'": lambda n: handoff_name("A-" * (n // 2) + "! reports."),
        "ingest handoff, spaces after a name": lambda n: handoff_name("Kim" + " " * n + "y"),
        "ingest live handoff, 'live' before a question": lambda n: live_handoff_name("live " * (n // 5) + "?"),
        "ingest sentences, a run of '!'": lambda n: parse_text("Stop" + "!" * n + "x. Go.", style="web"),
        "ingest sentences, 'Dr. ' repeated": lambda n: parse_text("Dr. " * (n // 4) + "Kim spoke.", style="web"),
        "ingest bracket label, capitals": lambda n: parse_text("[Anchor Lead]\nHi.\n" + "A" * n + "! (Reporter): x\n", style="bracket"),
        "ingest header, '[' without ']'": lambda n: air_time("[" * n + " CNN 2025-06-12"),
        "ingest out-cue, a long gap": lambda n: _OUTCUE.match("OUTCUE: x" + " " * n + "y"),
        "ingest glued speaker labels": lambda n: split_glued_labels("thanksANNA LEE, CNN: Hi. " * (n // 25)),
    }
    for label, work in cases.items():
        small = measure.best_of(3, lambda: work(25_000))
        large = measure.best_of(3, lambda: work(100_000))
        growth = large / small
        print(f"pattern, {label}: 100,000 characters {measure.seconds(large)}, x{growth:.1f} the time of 25,000 "
              f"({'linear' if growth < 8 else 'GROWS FASTER THAN LINEAR'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the sizes of the field reports (minutes of work)")
    full = parser.parse_args().full
    seed = Path(__file__).resolve().parents[1] / "media" / "arirang-284316.txt"
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        patterns()
        script_growth(tmp, (1_000_000, 2_000_000, 4_000_000, 8_000_000))
        growth(tmp, "one paragraph of words through subs", words_of, ".txt", 1_250_000 if full else 100_000,
               ["subs", "{input}", "-o", "{tmp}/out.srt"])
        growth(tmp, "SRT through lint", srt_of, ".srt", 16_000_000 if full else 2_000_000, ["lint", "{input}"])
        (tmp / "ref.txt").write_text("the minister said on tuesday that the budget would fund hospitals\n", encoding="utf-8")
        growth(tmp, "SRT as the hypothesis of qa", srt_of, ".srt", 2_000_000 if full else 500_000,
               ["qa", "{tmp}/ref.txt", "{input}"])
        big = 64_000_000 if full else 8_000_000
        for command in (["lint", "{input}"], ["qa", "{tmp}/ref.txt", "{input}"]):
            single(tmp, f"a {big // 1_000_000} MB SRT through {command[0]}", "big.srt", srt_of(big).encode(), command)
        header = "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        single(tmp, "100,000 '{\\' in an ASS event through lint", "braces.ass",
               (header + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,," + "{\\" * 100_000 + "\n").encode(), ["lint", "{input}"])
        single(tmp, "100,000 '<v ' in a WebVTT cue through lint", "voices.vtt",
               ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<v " * 100_000 + "\n").encode(), ["lint", "{input}"])
        single(tmp, "a 400,000 '<' line through subs", "angles.txt", ("Anchor: hello\n" + "<" * 400_000 + "\n").encode(),
               ["subs", "{input}", "-o", "{tmp}/angles.srt"])
        (tmp / "hello.txt").write_text("hello world\n", encoding="utf-8")
        single(tmp, "a trn line of a million spaces through qa", "spaces.trn",
               ("hello world (u1)\nx" + " " * 1_000_000 + "y\n").encode(), ["qa", "{tmp}/hello.txt", "{input}"])
        single(tmp, "a WAV header claiming 1 Hz through align", "one-hertz.wav", wav(1),
               ["align", str(seed), "{input}", "-o", "{tmp}/t.json"])
        single(tmp, "an ffconcat playlist as audio through align", "list.wav",
               f"ffconcat version 1.0\nfile '{seed}'\n".encode(), ["align", str(seed), "{input}", "-o", "{tmp}/t.json"])
        for malformed in sorted((Path(__file__).resolve().parents[2] / "shared" / "audio" / "malformed").glob("*.wav")):
            single(tmp, f"malformed {malformed.name} through align", malformed.name, malformed.read_bytes(),
                   ["align", str(seed), "{input}", "-o", "{tmp}/t.json"])


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main()

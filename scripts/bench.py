"""castkit's benchmark: every speed figure of the toolkit, each against a baseline from the same run.

Figures (one line each): parse time of a generated one-hour bulletin and of each house
style's fixtures scaled to 1 MB (against decode + split of the same bytes); build time of
the one-hour bulletin (against writing the same files plainly); ``castkit subs`` of a 1 MB
script (against decode + split of its bytes); QA on a 50,000-word pair
and on 10,000 trn utterances (against raw jiwer), default and sclite; the alignment
real-time factor with cue and word-boundary errors against the sample's truth; retime's
real-time factor and cue-start errors on the sample's subtitles moved late; the share of
hand-marked news lines broken at an acceptable place (against greedy filling); the start-up
time of ``castkit --help`` (against ``python -c pass``); a batch of generated bulletins (against
the same items one by one, and two workers against one); and peak memory for each. Ratios
hold across machines; absolute values are printed too. Run by ``make bench``:
    python scripts/bench.py [--quick] [--skip-align]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import bench_align
import bench_breaking
import bench_hostile
import bench_parse
import bench_qa
import bench_retime
from measure import best_of, command_usage, peak_mb, seconds
from synthetic_news import bulletin_markup

STARTUP_TARGET_S = 0.15
SUBS_TARGET_S = 3.0
"""``castkit subs`` of a 1 MB script, in a new process as a user runs it."""


def castkit_command() -> list[str]:
    """``castkit`` as a user starts it: the installed script, else ``python -m castkit``."""
    script = Path(sys.executable).with_name("castkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "castkit"]


def parse_lines(bulletin: str, markup: str, size: int, repeat: int) -> Iterator[str]:
    """The generated bulletin, then every house style scaled to ``size`` characters."""
    styles = bench_parse.style_cases(size)
    return iter(bench_parse.parse_lines({bulletin: markup, **styles}, repeat, styles))


def build_lines(bulletin: str, markup: str, repeat: int) -> Iterator[str]:
    """``castkit build`` of the bulletin (read-rate timing), against writing its files plainly."""
    from castkit.build import build_pack

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "hour.castkit"
        script.write_text(markup, "utf-8")
        pack = Path(folder) / "pack"
        took = best_of(repeat, lambda: build_pack([script], pack))
        peak = peak_mb(lambda: build_pack([script], pack))
        files = {p.relative_to(pack): p.read_bytes() for p in pack.rglob("*") if p.is_file()}
        copy = Path(folder) / "copy"

        def write_plainly() -> None:
            shutil.rmtree(copy, ignore_errors=True)
            for name, data in files.items():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                (copy / name).write_bytes(data)

        base = best_of(repeat, write_plainly)
    size = sum(len(data) for data in files.values()) / 1e6
    case = f"{bulletin}, {len(files)} files {size:.2f} MB"
    yield (f"build  {case:<40} {seconds(took):>9}  vs writing them plainly {seconds(base):>8}  "
            f"ratio {took / base:5.0f}x  peak {peak:5.1f} MB")


def subs_line(size: int, repeat: int) -> str:
    """``castkit subs`` of a generated script of ``size`` bytes to SRT (cues built, written and
    read back for the as-written check), best of ``repeat``, against decoding and splitting its bytes."""
    from castkit.files import decode

    data = bench_hostile.script_of(size).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        script, srt = Path(folder) / "script.castkit", Path(folder) / "script.srt"
        script.write_bytes(data)
        took, rss = min(command_usage([*castkit_command(), "subs", str(script), "-o", str(srt)]) for _ in range(repeat))
        cues = srt.read_text("utf-8").count(" --> ")
    base = best_of(repeat, lambda: decode(data, "bench").text.split())
    verdict = f" ({'under' if took <= SUBS_TARGET_S else 'OVER'} the {SUBS_TARGET_S:g} s target)" if size >= 1_000_000 else ""
    case = f"{len(data) / 1e6:.2f} MB script, {cues:,} cues"
    return (f"subs   {case:<40} {seconds(took):>9}{verdict}  vs read+split {seconds(base):>8}  "
            f"ratio {took / base:5.0f}x  peak RSS {rss:.0f} MB")


def qa_lines(words: int, utterances: int, repeat: int) -> Iterator[str]:
    """A ``words``-word document pair and ``utterances`` trn utterances, each against raw jiwer."""
    for case in (bench_qa.document_case(words), bench_qa.trn_case(utterances)):
        yield from bench_qa.lines(case, repeat)


def align_lines(quick: bool) -> Iterator[str]:
    """The sample only (quick), else every case of ``bench_align.py`` (up to one hour of audio)."""
    if quick:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            bench_align.run("sample", bench_align.SAMPLE, 1)
        text = out.getvalue()
    else:
        text = subprocess.run([sys.executable, bench_align.__file__], capture_output=True, check=True, text=True).stdout
    return (f"align  {line.strip()}" for line in text.splitlines() if line.strip())


def startup_line(repeat: int) -> str:
    """``castkit --help`` as a user starts it, best of ``repeat``, against ``python -c pass``."""
    command = [*castkit_command(), "--help"]
    base, base_rss = min(command_usage([sys.executable, "-c", "pass"]) for _ in range(repeat))
    took, rss = min(command_usage(command) for _ in range(repeat))
    verdict = "under" if took < STARTUP_TARGET_S else "OVER"
    return (f"start  castkit --help {took * 1000:.0f} ms ({verdict} the {STARTUP_TARGET_S * 1000:.0f} ms target)  "
            f"vs python -c pass {base * 1000:.0f} ms  ratio {took / base:4.1f}x  peak RSS {rss:.0f} MB (python alone {base_rss:.0f} MB)")


def retime_lines(quick: bool) -> Iterator[str]:
    """``castkit retime`` of the sample's subtitles moved late and stretched (and, in full, a 10-minute programme)."""
    argv = [sys.executable, bench_retime.__file__] + (["--quick"] if quick else [])
    text = subprocess.run(argv, capture_output=True, check=True, text=True).stdout
    return (f"retime {line.strip()}" for line in text.splitlines() if line.strip())


def batch_lines(count: int, minutes: int) -> list[str]:
    """The batch figures (``scripts/bench_batch.py``) from a new process, as ``castkit batch`` runs: this one
    holds what every figure before left, and a garbage collection in the middle of a batch walks all of it."""
    script = Path(__file__).with_name("bench_batch.py")
    done = subprocess.run([sys.executable, str(script), "--count", str(count), "--minutes", str(minutes)],
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats: a smoke run")
    parser.add_argument("--skip-align", action="store_true", help="leave out audio alignment (the slowest part)")
    args = parser.parse_args()
    quick = args.quick
    repeat = 1 if quick else 3
    print(f"castkit bench{' (quick)' if quick else ''}: Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, best of {repeat}", flush=True)
    print(startup_line(3 if quick else 10), flush=True)
    for line in bench_breaking.lines():
        print(line, flush=True)
    minutes = 5 if quick else 60
    bulletin = f"{minutes}-minute bulletin" if quick else "one-hour bulletin"
    markup = bulletin_markup(minutes)
    sections = [
        lambda: parse_lines(bulletin, markup, 100_000 if quick else 1_000_000, repeat + 2),  # quick runs, taken in turns
        lambda: build_lines(bulletin, markup, repeat),
        lambda: [subs_line(100_000 if quick else 1_000_000, repeat)],
        lambda: qa_lines(5_000 if quick else 50_000, 1_000 if quick else 10_000, repeat),
        lambda: batch_lines(20 if quick else 200, 1 if quick else 5),
    ]
    if not args.skip_align:
        sections.append(lambda: align_lines(quick))
        sections.append(lambda: retime_lines(quick))
    for section in sections:
        for line in section():
            print(line, flush=True)


if __name__ == "__main__":
    main()

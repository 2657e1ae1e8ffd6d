"""Benchmark ``castkit retime``: the sample's subtitles put back on the speech after a shift and a stretch.

The sample's subtitles are built from its hand-checked word times, then moved 2.3 s late
and stretched by 0.1 % (a file from another edit, a drifting caption feed). Re-timed, each
cue start is compared with its first word's true onset: the share within 100 ms, the 95th
percentile and the worst. Cases: the sample, and a 10-minute programme (the sample repeated,
its cues with it). The real-time factor is the re-timing time against the audio's duration
(the baseline in the same run), and against aligning the script itself to the same audio
(retime's work is that alignment, cue by cue), with decode time and peak memory. Run:
``python scripts/bench_retime.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "media"
SAMPLE = MEDIA / "arirang-284316.mp3"
TRUTH = MEDIA / "arirang-284316.truth.json"
SHIFT_MS, STRETCH = 2300, 1.001


def true_subtitles():  # -> tuple[list[Cue], list[int]]
    """The sample's subtitles timed from its hand-checked word times, and each cue's true first-word onset."""
    from castkit.ingest import parse_file
    from castkit.subtitles.cues import build_cues
    from castkit.subtitles.profiles import load_profile
    from castkit.text import words
    from castkit.timings import ElementTiming, Status, Timeline, WordTiming

    facts = json.loads(TRUTH.read_text(encoding="utf-8"))
    bulletin = parse_file(MEDIA / facts["script"]).bulletin
    elements = []
    for e in facts["elements"]:
        timed = []
        for w in e["words"]:
            if w["start_ms"] is None:  # a word the reader skipped: zero length where it would be
                at = timed[-1].end_ms if timed else e["start_ms"]
                timed.append(WordTiming(w["text"], at, at, Status.ESTIMATED))
            else:
                timed.append(WordTiming(w["text"], w["start_ms"], w["end_ms"], Status.MEASURED))
        elements.append(ElementTiming(e["index"], e["kind"], None, e["start_ms"], e["end_ms"], Status.MEASURED, timed, e["story"]))
    cues = build_cues(bulletin, Timeline(elements), load_profile("broadcast")).cues
    onsets, used = [], {}
    for cue in cues:
        first = used.get(cue.element, 0)
        word = facts["elements"][cue.element]["words"][first]
        onsets.append(word["start_ms"] if word["start_ms"] is not None else cue.start_ms)
        used[cue.element] = first + len(words(cue.text))
    return cues, onsets


def late(cues: list, shift_ms: int = SHIFT_MS, stretch: float = STRETCH) -> list:
    """The cues as a file running ``shift_ms`` late and ``stretch`` slow."""
    return [replace(c, start_ms=round(c.start_ms * stretch + shift_ms), end_ms=round(c.end_ms * stretch + shift_ms)) for c in cues]


def worker(audio: str, copies: int) -> None:
    """Re-time ``copies`` of the sample's late subtitles to ``audio``; print errors and times as JSON."""
    from castkit.audio.load import load
    from castkit.subtitles.profiles import load_profile
    from castkit.subtitles.retime import retime_cues

    cues, onsets = true_subtitles()
    period = json.loads(TRUTH.read_text("utf-8"))["duration_ms"]
    many = [replace(c, start_ms=c.start_ms + k * period, end_ms=c.end_ms + k * period) for k in range(copies) for c in cues]
    truth = [t + k * period for k in range(copies) for t in onsets]
    began = time.perf_counter()
    duration_ms = load(audio).duration_ms
    decoded = time.perf_counter()
    result = retime_cues(late(many), audio, load_profile("broadcast"))
    done = time.perf_counter()
    errors = [abs(c.start_ms - t) for c, t in zip(result.cues, truth)]
    print(json.dumps({
        "duration_s": duration_ms / 1000, "decode_s": decoded - began, "retime_s": done - decoded, "errors": errors,
        "cues": len(many), "measured": result.statuses.count("measured"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def run(label: str, audio: Path, copies: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", str(audio), str(copies)], capture_output=True, check=True, text=True)
    result = json.loads(done.stdout)
    errors = np.array(result["errors"])
    print(
        f"{label:>8} {result['duration_s']:7.1f} s, {result['cues']} cues | starts within 100 ms {100 * (errors <= 100).mean():5.1f} %, "
        f"p95 {np.percentile(errors, 95):5.0f} ms, max {errors.max():5.0f} ms | measured {result['measured']}/{result['cues']} | "
        f"decode {result['decode_s']:5.2f} s, retime {result['retime_s']:6.2f} s | RTF {result['retime_s'] / result['duration_s']:.4f} "
        f"(target 0.05) | peak {result['peak_mb']:5.0f} MB"
    )
    return result


def main() -> None:
    import bench_align
    from bench_align import repeated_wav

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the sample only")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    mine = run("sample", SAMPLE, 1)
    script = bench_align.run("align", SAMPLE, 1)  # the baseline: the script aligned to the same audio
    print(f"{'':>8} retime {mine['retime_s'] / script['align_s']:.2f}x the time of aligning the script itself")
    if args.quick:
        return
    copies = math.ceil(600 / (json.loads(TRUTH.read_text("utf-8"))["duration_ms"] / 1000))
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / f"{copies}x.wav"
        repeated_wav(copies, wav)
        run("10 min", wav, copies)


if __name__ == "__main__":
    main()

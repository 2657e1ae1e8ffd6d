"""Benchmark alignment against the exact truth of the bundled sample and of news audio as it airs.

News conditions (scripts/news_audio.py: real LibriVox and espeak-ng voices with known
boundaries): clean, music bed 15 dB under, telephone soundbites, all three with MP3 at 64 kb/s,
crowd and street noise 15 dB under, an off-script take (one sentence cut, one added) and an unrelated recording. For each:
word-boundary mean and median error, share within 50 ms, element boundaries within 100 ms,
counts per status, mismatches found, real-time factor and peak memory.

Sample cases: the sample itself (MP3), a 10-minute programme (the sample repeated as consecutive
stories) and a one-hour one (generated here, never committed). For each: cue (sentence)
boundary error mean / 95th percentile / max, word boundary median and share within 50 ms,
decode-only time, alignment time, the real-time factor and peak memory. Each case runs in
a fresh process so its peak memory is its own. Ratios are against baselines measured in the
same run: the audio's duration (RTF) and the decode-only time. Run:
``python scripts/bench_align.py [--no-hour]``.
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
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "media"
SAMPLE = MEDIA / "arirang-284316.mp3"
TRUTH = MEDIA / "arirang-284316.truth.json"


def worker(audio: str, copies: int) -> None:
    """Decode, then align ``copies`` stories of the seed to ``audio``; print times and errors as JSON."""
    from castkit.audio.align import align_bulletin
    from castkit.audio.load import load
    from castkit.ingest import parse_file

    facts = json.loads(TRUTH.read_text("utf-8"))
    bulletin = parse_file(MEDIA / facts["script"]).bulletin
    bulletin.stories = bulletin.stories * copies
    began, cpu = time.perf_counter(), time.process_time()
    duration_ms = load(audio).duration_ms
    decoded = time.perf_counter()
    timeline = align_bulletin(bulletin, audio)
    aligned, cpu = time.perf_counter(), time.process_time() - cpu
    period = facts["duration_ms"]
    cues, words = [], []
    for e, timing in enumerate(timeline.elements):
        expected = facts["elements"][e % len(facts["elements"])]
        shift = (e // len(facts["elements"])) * period
        first = 0
        for sentence in expected["sentences"]:
            count = sentence["text"].count(" ") + 1
            span = timing.words[first : first + count]
            cues += [abs(sentence["start_ms"] + shift - span[0].start_ms), abs(sentence["end_ms"] + shift - span[-1].end_ms)]
            first += count
        for t, w in zip(expected["words"], timing.words):
            if t["start_ms"] is not None:
                words += [abs(t["start_ms"] + shift - w.start_ms), abs(t["end_ms"] + shift - w.end_ms)]
    print(json.dumps({
        "duration_s": duration_ms / 1000,
        "decode_s": decoded - began,
        "align_s": aligned - decoded,
        "cpu_s": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cues": cues,
        "words": words,
        "mismatches": len(timeline.mismatches),
        "measured": sum(w.status.value == "measured" for e in timeline.elements for w in e.words),
        "total_words": sum(len(e.words) for e in timeline.elements),
    }))


NEWS_CONDITIONS = ("clean", "music", "phone", "all", "crowd", "off-script", "unrelated")


def news_worker(condition: str, folder: str) -> None:
    """Align the news take under ``condition``; print errors, statuses and costs as JSON."""
    import news_audio
    from castkit.audio.align import RecordingMismatch, align_bulletin
    from castkit.ingest import parse_file

    take = news_audio.take()
    script = Path(folder) / "take.castkit"
    script.write_text(take.script, "utf-8")
    bulletin = parse_file(script).bulletin
    if condition == "off-script":
        off = news_audio.take(off_script=True)
        audio, truth = news_audio.write(off.samples, Path(folder) / "off.wav"), off.truth
    elif condition == "unrelated":
        audio, truth = SAMPLE, []
    else:
        audio, truth = news_audio.condition_file(take, condition, Path(folder)), take.truth
    began, cpu = time.perf_counter(), time.process_time()
    try:
        timeline = align_bulletin(bulletin, audio)
        refused = None
    except RecordingMismatch as exc:
        timeline, refused = None, str(exc)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    words, elements, statuses = [], [], {}
    for known, element in zip(truth, timeline.elements if timeline else []):
        for edges, word in zip(known["words"], element.words):
            statuses[word.status.value] = statuses.get(word.status.value, 0) + 1
            if edges is not None:
                words += [abs(word.start_ms - edges[0])] if edges[0] is not None else []
                words += [abs(word.end_ms - edges[1])] if edges[1] is not None else []
        elements += [abs(element.start_ms - known["start_ms"]), abs(element.end_ms - known["end_ms"])]
    from castkit.audio.load import load

    print(json.dumps({
        "duration_s": load(audio).duration_ms / 1000, "align_s": took, "cpu_s": cpu, "refused": refused,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "words": words, "elements": elements, "statuses": statuses,
        "mismatches": len(timeline.mismatches) if timeline else 0,
    }))


def run_news(condition: str, folder: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--news-worker", condition, folder], capture_output=True, check=True, text=True)
    r = json.loads(done.stdout)
    words, elements = np.array(r["words"] or [0]), np.array(r["elements"] or [0])
    cost = (f"RTF {r['align_s'] / r['duration_s']:.4f} (CPU time alone {r['cpu_s'] / r['duration_s']:.4f}, "
            f"what a busy machine cannot slow) | peak {r['peak_mb']:5.0f} MB")
    if r["refused"]:
        print(f"{condition:>10} {r['duration_s']:6.1f} s | refused: {r['refused'].split(' (')[0]} | {cost}")
    else:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(r["statuses"].items()))
        print(
            f"{condition:>10} {r['duration_s']:6.1f} s | words mean {words.mean():5.1f} median {np.median(words):5.1f} ms, "
            f"{100 * (words <= 50).mean():5.1f} % <= 50 ms | elements {100 * (elements <= 100).mean():5.1f} % <= 100 ms | "
            f"{counts} | {r['mismatches']} mismatches | {cost}"
        )
    return r


def repeated_wav(copies: int, path: Path) -> None:
    """The sample ``copies`` times back to back, as 16 kHz mono WAV, written in pieces."""
    from castkit.audio.load import RATE, load

    facts = json.loads(TRUTH.read_text("utf-8"))
    one = load(SAMPLE).samples
    period = facts["duration_ms"] * RATE // 1000
    one = np.concatenate([one, np.zeros(max(0, period - len(one)), np.int16)])[:period]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        for _ in range(copies):
            out.writeframes(one.tobytes())


def run(label: str, audio: Path, copies: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", str(audio), str(copies)], capture_output=True, check=True, text=True)
    result = json.loads(done.stdout)
    cues, words = np.array(result["cues"]), np.array(result["words"])
    total = result["decode_s"] + result["align_s"]
    print(
        f"{label:>8} {result['duration_s']:7.1f} s | cues mean {cues.mean():5.1f} p95 {np.percentile(cues, 95):5.1f} "
        f"max {cues.max():5.0f} ms | words median {np.median(words):4.1f} ms, {100 * (words <= 50).mean():4.1f} % <= 50 ms | "
        f"decode {result['decode_s']:5.2f} s, align {result['align_s']:6.2f} s ({result['align_s'] / result['decode_s']:4.1f}x decode) | "
        f"RTF {total / result['duration_s']:.4f} | peak {result['peak_mb']:5.0f} MB | RTF of CPU time alone {result['cpu_s'] / result['duration_s']:.4f} | "
        f"measured {result['measured']}/{result['total_words']} words, {result['mismatches']} mismatches"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-hour", action="store_true", help="skip the one-hour case")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--news-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return
    if args.news_worker:
        news_worker(*args.news_worker)
        return
    import news_audio

    if news_audio.LIBRIVOX.is_dir():
        with tempfile.TemporaryDirectory() as folder:
            for condition in NEWS_CONDITIONS:
                run_news(condition, folder)
    else:
        print(f"news conditions skipped: no LibriVox speech in {news_audio.LIBRIVOX}")
    period_s = json.loads(TRUTH.read_text("utf-8"))["duration_ms"] / 1000
    run("sample", SAMPLE, 1)
    cases = [("10 min", math.ceil(600 / period_s))] + ([] if args.no_hour else [("1 hour", math.ceil(3600 / period_s))])
    with tempfile.TemporaryDirectory() as folder:
        for label, copies in cases:
            wav = Path(folder) / f"{copies}x.wav"
            repeated_wav(copies, wav)
            run(label, wav, copies)
            wav.unlink()


if __name__ == "__main__":
    main()

"""Generate the bundled sample audio for the seed script, with its exact timing truth.

Each sentence is synthesised on its own with espeak-ng (one voice for the anchor, another
for the correspondent, others for the soundbites), trimmed to its speech and joined with
seeded pauses, so every sentence and word boundary is known exactly. A light noise bed lies
under everything except a few pauses that are left as exact digital silence (broadcast audio
has both). Two versions are written to ``media/``: the on-script sample and an off-script one
with one unscripted sentence added and one scripted sentence cut. Each comes as a compressed
MP3 plus a truth JSON of element, sentence and word times (``null`` where espeak-ng gives no
word onset). Run: ``python scripts/make_sample_audio.py`` (deterministic).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from castkit.audio import espeak
from castkit.audio.load import RATE
from castkit.audio.script import SpokenElement, spoken_elements
from castkit.model import Bulletin, Kind, bulletin_to_dict

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "media" / "arirang-284316.txt"
SPEECH_LEVEL = 40  # |sample| above this (about -58 dBFS) is speech when trimming espeak-ng output
NOISE_RMS = 45.0  # light white-noise bed: speech SNR around 30 dB
VOICES = {  # (espeak-ng voice, words per minute) by element kind and soundbite number
    "anchor": ("en-us+f3", 165),
    "correspondent": ("en-us+m3", 160),
    "soundbites": [("en-gb-x-rp+m7", 150), ("en-us+f4", 155), ("en+m1", 150)],
}
ADDED = "Officials in Seoul declined to comment on the report on Thursday."
ADDED_AFTER = ("track", 1, 0)  # off-script: insert after sentence 0 of the 2nd track ...
CUT = ("track", 0, 3)  # ... and cut sentence 3 of the 1st track ("Asked about the matter, ...")


@dataclass
class Piece:
    """One synthesised sentence placed in the programme."""

    text: str
    samples: np.ndarray  # int16 at RATE, trimmed to speech
    onsets: list[int | None]  # per token, sample offset in ``samples``
    element: int | None  # position in the spoken-element list; None for the unscripted sentence
    sentence: int | None


def seed_bulletin() -> Bulletin:
    """The seed script as castkit parses it."""
    from castkit.ingest import parse_file

    return parse_file(SEED).bulletin


def synthesise(text: str, voice: tuple[str, int]) -> tuple[np.ndarray, list[int | None]]:
    """A sentence at RATE trimmed to its speech, and each token's onset (None when espeak-ng fuses it)."""
    raw, events = espeak.synthesise(text, *voice)
    t = np.arange(int(len(raw) * RATE / espeak.SAMPLE_RATE)) * espeak.SAMPLE_RATE / RATE
    samples = np.interp(t, np.arange(len(raw)), raw.astype(np.float64)).round().astype(np.int16)
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SPEECH_LEVEL)
    first, last = int(loud[0]), int(loud[-1]) + 1
    spans = [m.span() for m in re.finditer(r"\S+", text) if re.search(r"[^\W_]", m.group())]
    onsets: list[int | None] = [None] * len(spans)
    for position, audio_ms in events:
        char = position - 1
        token = next((k for k, (a, b) in enumerate(spans) if a <= char < b), None)
        if token is not None and onsets[token] is None:
            at = max(0, audio_ms * RATE // 1000 - first)
            after = loud[loud - first >= at]  # snap an onset that falls in silence to the speech
            onsets[token] = int(after[0]) - first if len(after) else at
    return samples[first:last], onsets


def word_truth(piece: Piece, offset: int) -> list[dict]:
    """Word start/end in ms: onset to the last speech sample before the next known onset."""
    loud = np.flatnonzero(np.abs(piece.samples.astype(np.int32)) > SPEECH_LEVEL)
    known = [o for o in piece.onsets if o is not None] + [len(piece.samples)]
    result = []
    for onset in piece.onsets:
        if onset is None:
            result.append({"start_ms": None, "end_ms": None})
            continue
        following = min(o for o in known if o > onset)
        end = int(loud[loud < following][-1]) + 1
        result.append({"start_ms": ms(offset + onset), "end_ms": ms(offset + end)})
    return result


def ms(sample: int) -> int:
    return round(sample * 1000 / RATE)


def voice_for(spoken: list[SpokenElement]) -> list[tuple[str, int]]:
    voices, bites = [], iter(VOICES["soundbites"])
    for item in spoken:
        kind = item.element.kind
        if kind in (Kind.ANCHOR, Kind.TAG, Kind.QUESTION):
            voices.append(VOICES["anchor"])
        elif kind is Kind.SOUNDBITE:
            voices.append(next(bites))
        else:
            voices.append(VOICES["correspondent"])
    return voices


def find(spoken: list[SpokenElement], where: tuple[str, int, int]) -> tuple[int, int]:
    kind, nth, sentence = where
    matches = [i for i, item in enumerate(spoken) if item.element.kind.value == kind]
    return matches[nth], sentence


def build(spoken: list[SpokenElement], off_script: bool, seed: int) -> tuple[np.ndarray, dict]:
    """Place every sentence with seeded pauses; return the programme and its truth."""
    rng = random.Random(seed)
    voices = voice_for(spoken)
    cut = find(spoken, CUT) if off_script else None
    added_after = find(spoken, ADDED_AFTER) if off_script else None
    pieces: list[Piece] = []
    for e, item in enumerate(spoken):
        for s, span in enumerate(item.sentences):
            text = " ".join(item.words[i] for i in span)
            if (e, s) != cut:
                pieces.append(Piece(text, *synthesise(text, voices[e]), e, s))
            if (e, s) == added_after:
                pieces.append(Piece(ADDED, *synthesise(ADDED, voices[e]), None, None))
    # pauses: 0.3-0.7 s inside an element, 0.6-1.1 s between elements; a few are digital silence
    parts, silent, cursor = [np.zeros(int(0.8 * RATE), np.int16)], [(0, int(0.8 * RATE))], int(0.8 * RATE)
    placed = []
    for k, piece in enumerate(pieces):
        placed.append(cursor)
        parts.append(piece.samples)
        cursor += len(piece.samples)
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        boundary = nxt is None or nxt.element != piece.element
        pause = int((rng.uniform(0.6, 1.1) if boundary else rng.uniform(0.3, 0.7)) * RATE)
        if rng.random() < 0.3:
            silent.append((cursor, cursor + pause))
        parts.append(np.zeros(pause, np.int16))
        cursor += pause
    audio = np.concatenate(parts).astype(np.float64)
    noise = np.random.default_rng(seed).normal(0.0, NOISE_RMS, len(audio))
    for a, b in silent:
        noise[a:b] = 0.0
    audio = np.clip(audio + noise, -32768, 32767).astype(np.int16)
    return audio, truth(spoken, pieces, placed, len(audio))


def truth(spoken: list[SpokenElement], pieces: list[Piece], placed: list[int], length: int) -> dict:
    elements = []
    for e, item in enumerate(spoken):
        words: list[dict] = [{"text": w, "start_ms": None, "end_ms": None} for w in item.words]
        sentences = []
        for s, span in enumerate(item.sentences):
            text = " ".join(item.words[i] for i in span)
            k = next((k for k, p in enumerate(pieces) if p.element == e and p.sentence == s), None)
            if k is None:
                sentences.append({"text": text, "start_ms": None, "end_ms": None, "missing": True})
                continue
            start, end = placed[k], placed[k] + len(pieces[k].samples)
            sentences.append({"text": text, "start_ms": ms(start), "end_ms": ms(end), "missing": False})
            for i, times in zip(span, word_truth(pieces[k], start)):
                words[i].update(times)
        present = [s for s in sentences if not s["missing"]]
        elements.append({
            "story": item.story,
            "index": item.index,
            "kind": item.element.kind.value,
            "start_ms": present[0]["start_ms"],
            "end_ms": present[-1]["end_ms"],
            "sentences": sentences,
            "words": words,
        })
    extra = [
        {"text": p.text, "start_ms": ms(placed[k]), "end_ms": ms(placed[k] + len(p.samples))}
        for k, p in enumerate(pieces) if p.element is None
    ]
    return {"duration_ms": ms(length), "elements": elements, "extra": extra}


def write_mp3(audio: np.ndarray, path: Path) -> None:
    import imageio_ffmpeg

    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", "48k", "-map_metadata", "-1", "-fflags", "+bitexact", str(path),
    ]
    subprocess.run(command, input=audio.tobytes(), check=True)


def main() -> None:
    bulletin = seed_bulletin()
    spoken = spoken_elements(bulletin)
    out = SEED.parent
    for name, off_script, seed in (("arirang-284316", False, 284316), ("arirang-284316-offscript", True, 316284)):
        audio, facts = build(spoken, off_script, seed)
        mp3 = out / f"{name}.mp3"
        write_mp3(audio, mp3)
        facts = {"schema": "castkit.sample-truth/1", "audio": mp3.name, "script": SEED.name,
                 "segment": bulletin_to_dict(bulletin), **facts}
        (out / f"{name}.truth.json").write_text(json.dumps(facts, indent=1) + "\n", encoding="utf-8")
        print(f"{mp3.name}: {facts['duration_ms'] / 1000:.1f} s, {mp3.stat().st_size // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    main()

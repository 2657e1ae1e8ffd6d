"""News audio with known boundaries, clean and degraded, for the alignment tests and benchmark.

A two-story bulletin is voiced by real people (the LibriVox utterances in
``shared/audio/librivox``, whose speech start and end are hand-labelled) and by espeak-ng voices
(exact word times), joined with known pauses at different levels, as news audio has. Copies
are then degraded as broadcast audio is: a synthesised music bed 15 dB under the speech, the
soundbites through a telephone line (8 kHz, 300–3400 Hz), MP3 at 64 kb/s, or all of them, or
crowd and street noise (six real voices talking over each other, traffic rumble) 15 dB under. An
off-script take cuts one scripted sentence and adds an unscripted one.

The degrading uses numpy on samples decoded by the ffmpeg that imageio-ffmpeg ships and
ffmpeg's own filters for the telephone band and the MP3 codec (pydub would need ffprobe, which
no pip package ships). Everything is deterministic: a condition always gives the same samples.
"""

from __future__ import annotations

import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from castkit.audio.load import RATE, ffmpeg

ROOT = Path(__file__).resolve().parent.parent
LIBRIVOX = ROOT.parent / "shared" / "audio" / "librivox"
UTTERANCE = "sense_and_sensibility_01_austen_64kb-{}"
MUSIC_UNDER_DB = 15.0
CROWD_UNDER_DB = 15.0  # babble and traffic together, under the speech
CROWD_TALKERS = 6
CONDITIONS = ("clean", "music", "phone", "all", "crowd")
"""``all`` is the music bed, telephone soundbites and MP3 at 64 kb/s together."""

# (kind, speaker, [(text, source)]): a source is a LibriVox id or an espeak-ng (voice, wpm).
ANCHOR, CORRESPONDENT = ("en-us+f3", 165), ("en-us+m3", 160)
STORIES = [
    ("ESTATE", "Tom Baker", [
        ("ANCHOR", "Jane Doe", [("The Dashwood estate has passed to a new heir.", ANCHOR),
                                ("Our correspondent Tom Baker has the story.", ANCHOR)]),
        ("TRACK", "Tom Baker", [("And Mister John Dashwood had then leisure to consider how much there might be "
                                 "prudently in his power to do for them.", "0870")]),
        ("SOUNDBITE", "Maria Lopez", [("He was not an ill disposed young man.", "0880"),
                                      ("Unless to be rather cold hearted and rather selfish is to be ill disposed.", "0890")]),
        ("TRACK", "Tom Baker", [("Neighbours in the county say the family will have to move before the winter.", CORRESPONDENT)]),
        ("SOUNDBITE", "Kim Soon-ja", [("Had he married a more a amiable woman he might have been made still more "
                                       "respectable than he was.", "0920")]),
        ("TRACK", "Tom Baker", [("He might even have been made amiable himself.", "0930")]),
        ("SIGNOFF", "Tom Baker", [("Tom Baker, Arirang News, Norland Park.", CORRESPONDENT)]),
    ]),
    ("RAIL STRIKE", None, [
        ("ANCHOR", "Jane Doe", [("In other news, the rail strike in Busan has entered its third day.", ANCHOR),
                                ("Unions say talks with the operator will resume on Monday morning.", ANCHOR)]),
    ]),
]
ROOM_TONE_RMS = 30.0  # about -61 dBFS of hiss under everything, as a studio line has
GAIN_DB = {"ANCHOR": -4.0, "TRACK": 0.0, "SOUNDBITE": 3.0, "SIGNOFF": 0.0}  # level jumps between voices
CUT = (0, 2, 1)  # off-script: story 0, element 2, sentence 1 is not said ...
ADDED = ("The estate itself, said one villager, had not changed hands in a century.", CORRESPONDENT)  # ... this is
ADDED_AFTER = (0, 1)  # ... after element 1 of story 0


@dataclass
class Take:
    """A voiced bulletin: its script, its samples (int16, RATE) and what is where in them."""

    script: str
    samples: np.ndarray
    truth: list[dict]  # per spoken element: story, index, kind, start_ms, end_ms, sentences, words, soundbite
    extra: list[tuple[int, int]]  # unscripted speech, ms


def script() -> str:
    """The bulletin in castkit markup."""
    lines = ["# castkit script 1", "SHOW: Arirang News", "PRESENTER: Jane Doe, 165 wpm", ""]
    for slug, correspondent, elements in STORIES:
        lines += [f"=== {slug}", f"SLUG: {slug.replace(' ', '-')}"] + ([f"CORRESPONDENT: {correspondent}"] if correspondent else []) + [""]
        for kind, speaker, sentences in elements:
            lines += [f"[{kind}] {speaker}", " ".join(text for text, _ in sentences), ""]
    return "\n".join(lines)


def _real(utterance: str) -> tuple[np.ndarray, int, int]:
    """A LibriVox utterance and its hand-labelled speech start and end (samples)."""
    with wave.open(str(LIBRIVOX / f"{UTTERANCE.format(utterance)}.wav")) as f:
        assert f.getframerate() == RATE and f.getnchannels() == 1
        samples = np.frombuffer(f.readframes(f.getnframes()), "<i2")
    lab = (LIBRIVOX / f"{UTTERANCE.format(utterance)}.lab").read_text().split()
    return samples, round(float(lab[0]) * RATE), round(float(lab[3]) * RATE)


def _voiced(text: str, voice: tuple[str, int]) -> tuple[np.ndarray, list[int | None]]:
    from make_sample_audio import synthesise

    return synthesise(text, voice)


def _word_edges(samples: np.ndarray, onsets: list[int | None]) -> list[tuple[int, int] | None]:
    """Each synthesised word's start and end (samples): onset to the last sound before the next onset."""
    from make_sample_audio import SPEECH_LEVEL

    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SPEECH_LEVEL)
    known = [o for o in onsets if o is not None] + [len(samples)]
    edges: list[tuple[int, int] | None] = []
    for onset in onsets:
        if onset is None:
            edges.append(None)
            continue
        following = min(o for o in known if o > onset)
        edges.append((onset, int(loud[loud < following][-1]) + 1))
    return edges


def take(off_script: bool = False) -> Take:
    """The bulletin voiced with known pauses (0.5–0.9 s in an element, 1.0–1.4 s between)."""
    rng = np.random.default_rng(11)
    parts, cursor, truth, extra = [np.zeros(RATE // 2, np.int16)], RATE // 2, [], []

    def place(samples: np.ndarray, gain_db: float) -> int:
        nonlocal cursor
        at = cursor
        parts.append(np.clip(samples * 10 ** (gain_db / 20), -32768, 32767).astype(np.int16))
        cursor += len(samples)
        return at

    def pause(seconds: float) -> None:
        nonlocal cursor
        parts.append(np.zeros(int(seconds * RATE), np.int16))
        cursor += int(seconds * RATE)

    for s, (_, _, elements) in enumerate(STORIES):
        for e, (kind, _, sentences) in enumerate(elements):
            element = {"story": s, "index": e, "kind": kind.lower(), "sentences": [], "words": [], "soundbite": kind == "SOUNDBITE"}
            for k, (text, source) in enumerate(sentences):
                count = len(text.split())
                if off_script and (s, e, k) == CUT:
                    element["sentences"].append(None)
                    element["words"] += [None] * count
                    continue
                if isinstance(source, str):
                    samples, a, b = _real(source)
                    at = place(samples, GAIN_DB[kind])
                    edges = [(a, None)] + [None] * (count - 2) + [(None, b)] if count > 1 else [(a, b)]
                    words = [None if w is None else tuple(None if x is None else ms(at + x) for x in w) for w in edges]
                    span = (ms(at + a), ms(at + b))
                else:
                    samples, onsets = _voiced(text, source)
                    at = place(samples, GAIN_DB[kind])
                    words = [None if w is None else (ms(at + w[0]), ms(at + w[1])) for w in _word_edges(samples, onsets)]
                    span = (ms(at), ms(at + len(samples)))
                element["sentences"].append(span)
                element["words"] += words
                pause(rng.uniform(0.5, 0.9) if k + 1 < len(sentences) else 0.0)
            said = [x for x in element["sentences"] if x]
            element["start_ms"], element["end_ms"] = said[0][0], said[-1][1]
            truth.append(element)
            pause(rng.uniform(1.0, 1.4))
            if off_script and (s, e) == ADDED_AFTER:
                samples, _ = _voiced(*ADDED)
                at = place(samples, 0.0)
                extra.append((ms(at), ms(at + len(samples))))
                pause(1.2)
    samples = np.concatenate(parts).astype(np.float64) + np.random.default_rng(5).normal(0.0, ROOM_TONE_RMS, cursor)
    return Take(script(), np.clip(samples, -32768, 32767).astype(np.int16), truth, extra)


def ms(sample: int) -> int:
    return round(sample * 1000 / RATE)


def music_bed(length: int, level_rms: float) -> np.ndarray:
    """A synthesised music bed (chords with harmonics, a kick and a hi-hat, 120 bpm) at ``level_rms``."""
    rng = np.random.default_rng(7)
    t = np.arange(length) / RATE
    chords = [(220.0, 277.2, 329.6), (196.0, 246.9, 293.7), (174.6, 220.0, 261.6), (196.0, 246.9, 329.6)]
    bed = np.zeros(length)
    bar = 2 * RATE
    for start in range(0, length, bar):
        piece = t[start : start + bar]
        for f in chords[(start // bar) % len(chords)]:
            for h, weight in ((1, 1.0), (2, 0.5), (3, 0.25)):
                bed[start : start + bar] += weight * np.sin(2 * np.pi * f * h * piece)
    beat = RATE // 2
    for start in range(0, length, beat):
        n = min(beat, length - start)
        decay = np.exp(-np.arange(n) / (0.05 * RATE))
        bed[start : start + n] += 4.0 * decay * np.sin(2 * np.pi * 55 * np.arange(n) / RATE)  # kick
        hat = min(n, RATE // 40)
        off = start + beat // 2
        if off + hat <= length:
            bed[off : off + hat] += 1.5 * rng.normal(0, 1, hat) * np.exp(-np.arange(hat) / (0.008 * RATE))
    return bed * level_rms / np.sqrt(np.mean(bed**2))


def crowd(length: int, level_rms: float) -> np.ndarray:
    """Crowd and street noise at ``level_rms``: :data:`CROWD_TALKERS` real voices talking over each
    other (the LibriVox utterances played backwards, so the crowd says no word of the script, each
    looped from its own offset and level) over traffic rumble
    (white noise low-passed at 150 Hz by ffmpeg) and broadband hiss."""
    rng = np.random.default_rng(13)
    voices = [_real(utterance)[0][::-1].astype(np.float64) for utterance in ("0870", "0880", "0890", "0920", "0930")]
    babble = np.zeros(length)
    for talker in range(CROWD_TALKERS):
        voice = voices[talker % len(voices)]
        looped = np.tile(voice, length // len(voice) + 2)
        at = int(rng.integers(0, len(voice)))
        babble += looped[at : at + length] * 10 ** (rng.uniform(-6.0, 0.0) / 20)
    white = rng.normal(0.0, 1.0, length)
    rumble = through_ffmpeg((white * 3000).astype(np.int16), "-af", "lowpass=f=150:poles=1,lowpass=f=150:poles=1", "-f", "s16le", "pipe:1")
    rumble = rumble[:length].astype(np.float64)
    street = rumble / np.sqrt(np.mean(rumble**2)) + 0.3 * white
    noise = babble / np.sqrt(np.mean(babble**2)) + 0.7 * street / np.sqrt(np.mean(street**2))
    return noise * level_rms / np.sqrt(np.mean(noise**2))


def speech_rms(samples: np.ndarray) -> float:
    """RMS of the samples that are speech (above -50 dBFS over 10 ms)."""
    frames = samples[: len(samples) // 160 * 160].reshape(-1, 160).astype(np.float64)
    power = np.mean(frames**2, axis=1)
    return float(np.sqrt(np.mean(power[power > (32768 * 10 ** (-50 / 20)) ** 2])))


def through_ffmpeg(samples: np.ndarray, *args: str) -> np.ndarray:
    """``samples`` run through ffmpeg with ``args`` (filters, a codec) and back to 16 kHz mono."""
    raw = ["-f", "s16le", "-ar", str(RATE), "-ac", "1"]
    command = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", *raw, "-i", "pipe:0", *args]
    return np.frombuffer(subprocess.run(command, input=samples.tobytes(), capture_output=True, check=True).stdout, "<i2")


def telephone(samples: np.ndarray) -> np.ndarray:
    """A telephone line: 8 kHz, 300–3400 Hz, mu-law, back to 16 kHz."""
    line = through_ffmpeg(samples, "-af", "highpass=f=300:poles=2,lowpass=f=3400:poles=2", "-ar", "8000", "-acodec", "pcm_mulaw", "-f", "mulaw", "pipe:1")
    command = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "mulaw", "-ar", "8000", "-ac", "1", "-i", "pipe:0",
               "-ar", str(RATE), "-f", "s16le", "pipe:1"]
    return np.frombuffer(subprocess.run(command, input=line.tobytes(), capture_output=True, check=True).stdout, "<i2")[: len(samples)]


def degrade(voiced: Take, condition: str) -> np.ndarray:
    """The take's samples under ``condition`` (one of :data:`CONDITIONS`; MP3 is applied on writing)."""
    samples = voiced.samples.astype(np.float64)
    if condition in ("phone", "all"):
        for element in voiced.truth:
            if element["soundbite"]:
                a = max(0, (element["start_ms"] - 300) * RATE // 1000)
                b = (element["end_ms"] + 300) * RATE // 1000
                samples[a:b] = telephone(voiced.samples[a:b])[: b - a]
    if condition in ("music", "all"):
        level = speech_rms(voiced.samples) * 10 ** (-MUSIC_UNDER_DB / 20)
        samples = samples + music_bed(len(samples), level)
    if condition == "crowd":
        samples = samples + crowd(len(samples), speech_rms(voiced.samples) * 10 ** (-CROWD_UNDER_DB / 20))
    return np.clip(samples, -32768, 32767).astype(np.int16)


def write(samples: np.ndarray, path: Path) -> Path:
    """WAV, or MP3 at 64 kb/s when ``path`` ends in ``.mp3``."""
    if path.suffix == ".mp3":
        through_ffmpeg(samples, "-codec:a", "libmp3lame", "-b:a", "64k", "-fflags", "+bitexact", "-y", str(path))
        return path
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return path


def condition_file(voiced: Take, condition: str, folder: Path, stem: str = "take") -> Path:
    """The take under ``condition`` written to ``folder`` (``all`` as MP3 64 kb/s)."""
    return write(degrade(voiced, condition), folder / f"{stem}-{condition}.{'mp3' if condition == 'all' else 'wav'}")

"""Where in the audio someone is speaking: WebRTC's voice activity detector, and frame energy.

The aligner uses speech regions to cut its search windows at pauses, to restart after a
sentence it could not find, and to name stretches of speech that no script word covers
(``extra_in_audio``). News audio has music beds, telephone soundbites and street noise, all
with energy, so regions come from WebRTC's speech model (``webrtcvad-wheels``, in its most
aggressive mode), which tells speech from music: on real voices under a music bed 15 dB down
it marks 96 % of 10 ms frames right where an energy threshold marks 67 % (docs/audio.md has
the comparison with Silero's ONNX model and energy). Frame energy still moves word edges
onto the sound (:func:`frame_activity`): inside a word the decoder already knows it is speech.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from castkit.audio.load import RATE, Audio

FRAME_MS = 10
MIN_PAUSE_MS = 150  # shorter dips are gaps inside speech (stops, breaths), not pauses
MIN_SPEECH_MS = 80  # shorter bursts are clicks
VAD_MODE = 3  # webrtcvad's most aggressive: least music and noise taken for speech
VAD_FRAME_MS = 30
ABOVE_FLOOR_DB = 12.0
BELOW_PEAK_DB = 40.0
_BLOCK_FRAMES = 6000
_SECOND = 1000 // FRAME_MS
_FLOOR_REACH = 2  # seconds either side whose quietest frames set a frame's floor


@dataclass(frozen=True)
class Region:
    """A stretch of speech, in ms."""

    start_ms: int
    end_ms: int

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


def frame_levels(audio: Audio) -> np.ndarray:
    """Level in dBFS of each 10 ms frame."""
    size = RATE * FRAME_MS // 1000
    count = len(audio.samples) // size
    frames = audio.samples[: count * size].reshape(count, size)
    power = np.empty(count, dtype=np.float64)
    for at in range(0, count, _BLOCK_FRAMES):  # a minute at a time: no float copy of the whole file
        block = frames[at : at + _BLOCK_FRAMES].astype(np.float32)
        power[at : at + _BLOCK_FRAMES] = np.mean(block * block, axis=1) / (32768.0 * 32768.0)
    return 10.0 * np.log10(np.maximum(power, 1e-12))


def frame_activity(audio: Audio) -> np.ndarray:
    """For each 10 ms frame, whether it is well above the noise floor around it (sound, not hiss).

    The floor is local (the quietest tenth of each second, the lowest within two seconds either
    side): voices recorded in different rooms and over lines bring their own hiss with them.
    """
    levels = frame_levels(audio)
    if len(levels) == 0:
        return np.zeros(0, dtype=bool)
    seconds = -(-len(levels) // _SECOND)
    padded = np.concatenate([levels, np.full(seconds * _SECOND - len(levels), np.nan)]).reshape(seconds, _SECOND)
    audible = np.where(padded > -110.0, padded, np.nan)  # exact digital silence says nothing about the floor
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a second of digital silence has no floor
        quiet = np.nanpercentile(audible, 10, axis=1)
    quiet = np.where(np.isnan(quiet), np.nanmin(quiet) if not np.all(np.isnan(quiet)) else -110.0, quiet)
    reach = np.lib.stride_tricks.sliding_window_view(np.pad(quiet, _FLOOR_REACH, mode="edge"), 2 * _FLOOR_REACH + 1).min(axis=1)
    floor = np.repeat(reach, _SECOND)[: len(levels)]
    return levels > np.maximum(floor + ABOVE_FLOOR_DB, float(levels.max()) - BELOW_PEAK_DB)


def voice_activity(audio: Audio) -> np.ndarray:
    """For each 10 ms frame, whether WebRTC's detector hears speech in the 30 ms around it."""
    import webrtcvad

    detector = webrtcvad.Vad(VAD_MODE)
    step = RATE * VAD_FRAME_MS // 1000
    per = VAD_FRAME_MS // FRAME_MS
    count = len(audio.samples) // step
    heard = np.fromiter(
        (detector.is_speech(audio.samples[k * step : (k + 1) * step].tobytes(), RATE) for k in range(count)), dtype=bool, count=count
    )
    active = np.zeros(len(audio.samples) // (RATE * FRAME_MS // 1000), dtype=bool)
    active[: count * per] = np.repeat(heard, per)
    return active


def speech_regions(audio: Audio, active: np.ndarray | None = None) -> list[Region]:
    """Speech regions in time order: voiced frames, with pauses under 150 ms bridged."""
    active = voice_activity(audio) if active is None else active
    edges = np.flatnonzero(np.diff(np.concatenate(([0], active.view(np.int8), [0]))))
    spans = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and (a - merged[-1][1]) * FRAME_MS < MIN_PAUSE_MS:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [Region(a * FRAME_MS, b * FRAME_MS) for a, b in merged if (b - a) * FRAME_MS >= MIN_SPEECH_MS]

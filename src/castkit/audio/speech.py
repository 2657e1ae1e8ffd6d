"""Where in the audio someone is speaking: voice activity from frame energy.

The aligner uses speech regions to cut its search windows at pauses, to restart after a
sentence it could not find, and to name stretches of speech that no script word covers
(``extra_in_audio``). News audio is close-miked speech over a quiet bed, so an energy
threshold set from the file's own noise floor is enough and costs nothing next to decoding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from castkit.audio.load import RATE, Audio

FRAME_MS = 10
MIN_PAUSE_MS = 150  # shorter dips are gaps inside speech (stops, breaths), not pauses
MIN_SPEECH_MS = 80  # shorter bursts are clicks
ABOVE_FLOOR_DB = 12.0
BELOW_PEAK_DB = 40.0
_BLOCK_FRAMES = 6000


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
    """For each 10 ms frame, whether it is well above the file's noise floor (speech)."""
    levels = frame_levels(audio)
    if len(levels) == 0:
        return np.zeros(0, dtype=bool)
    audible = levels[levels > -110.0]  # exact digital silence says nothing about the noise floor
    floor = float(np.percentile(audible, 10)) if len(audible) else -110.0
    return levels > max(floor + ABOVE_FLOOR_DB, float(levels.max()) - BELOW_PEAK_DB)


def speech_regions(audio: Audio, active: np.ndarray | None = None) -> list[Region]:
    """Speech regions in time order: active frames, with pauses under 150 ms bridged."""
    active = frame_activity(audio) if active is None else active
    edges = np.flatnonzero(np.diff(np.concatenate(([0], active.view(np.int8), [0]))))
    spans = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and (a - merged[-1][1]) * FRAME_MS < MIN_PAUSE_MS:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [Region(a * FRAME_MS, b * FRAME_MS) for a, b in merged if (b - a) * FRAME_MS >= MIN_SPEECH_MS]

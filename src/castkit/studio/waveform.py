"""Waveform peaks for the subtitle editor, from the audio decoded by ffmpeg (castkit.audio.load)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from castkit.audio.load import RATE, load

PEAKS_PER_SECOND = 50


def peaks(data: bytes, name: str) -> dict:
    """The largest absolute sample in each 20 ms of the audio, scaled to 0..1."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("media" + Path(name).suffix)
        path.write_bytes(data)
        audio = load(path)
    step = RATE // PEAKS_PER_SECOND
    samples = np.abs(audio.samples.astype(np.int32))
    usable = len(samples) // step * step
    values = samples[:usable].reshape(-1, step).max(axis=1) / 32768.0
    return {"per_second": PEAKS_PER_SECOND, "duration_ms": audio.duration_ms, "peaks": [round(float(v), 3) for v in values]}

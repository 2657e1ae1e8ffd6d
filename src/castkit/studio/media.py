"""A show's recording for the editor and QA: waveform peaks, shot changes, cues re-timed to the
speech, and the latency of live subtitles.

Both read the recording through castkit's audio library (ffmpeg from imageio-ffmpeg); the
bytes stored in the database are put in a private temporary file for it, removed after.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from castkit.audio.load import RATE, load
from castkit.model import Bulletin
from castkit.notices import Notice

PEAKS_PER_SECOND = 50


@contextlib.contextmanager
def on_disk(data: bytes, name: str) -> Iterator[Path]:
    """``data`` in a private temporary file with ``name``'s extension (never ``name`` itself), removed after."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower()[:8])
        path.write_bytes(data)
        yield path


def peaks(data: bytes, name: str, *, video: bool = False) -> dict[str, Any]:
    """The largest absolute sample in each 20 ms of the recording, scaled to 0..1; for a video
    also its shot changes (ms), found by ffmpeg's scene detection as ``castkit shots`` does."""
    from castkit.subtitles.shots import detect_shots

    with on_disk(data, name) as path:
        audio = load(path)
        cuts = detect_shots(path).cuts_ms if video else []
    step = RATE // PEAKS_PER_SECOND
    samples = np.abs(audio.samples.astype(np.int32))
    usable = len(samples) // step * step
    values = samples[:usable].reshape(-1, step).max(axis=1) / 32768.0
    return {"per_second": PEAKS_PER_SECOND, "duration_ms": audio.duration_ms, "peaks": [round(float(v), 3) for v in values],
            "shots": cuts}


def retime(show: Bulletin, data: bytes, name: str) -> tuple[list[dict[str, Any]], list[Notice]]:
    """Cues timed from the speech in the recording (forced alignment, as ``castkit align``), and what it could not find."""
    from castkit.audio.align import align_bulletin
    from castkit.audio.report import notices
    from castkit.studio.derived import cue_rows

    with on_disk(data, name) as path:
        timeline = align_bulletin(show, path)
    return cue_rows(show, timeline), notices(timeline)


def live(show: Bulletin, subtitles: bytes, name: str, recording: bytes, recording_name: str) -> dict[str, Any]:
    """Live subtitles measured against the show's recording and script, as ``castkit qa --live`` does:
    the ``castkit.qa-live/1`` document, marked ``kind: live``."""
    from castkit.model import dumps
    from castkit.qa.live import measure

    with on_disk(subtitles, name) as cues, on_disk(recording, recording_name) as audio, \
            on_disk(dumps(show).encode("utf-8"), "script.json") as script:
        result = measure(cues, audio, script=script)
    report = result.to_dict()
    report["subtitles"], report["audio"] = name, recording_name  # the names people know, not the temporary files
    return {**report, "kind": "live"}

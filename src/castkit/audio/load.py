"""Audio in: any file ffmpeg reads, decoded straight to 16 kHz mono 16-bit PCM.

The aligner's acoustic model wants 16 kHz mono. Asking ffmpeg (the binary the
``imageio-ffmpeg`` wheel ships, so no system ffmpeg is needed) for exactly that while it
decodes keeps memory at 32 KB per second of audio: a one-hour programme is 115 MB, never the
full-rate stereo file. Unreadable, empty and silent audio are refused with a clear message.

pydub is not used for this: its decoder asks ffprobe (which no pip package ships) about every
file and keeps several full-rate copies of the decoded audio in memory.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from castkit.audio.container import MAX_SECONDS, ffmpeg_input
from castkit.errors import BadInput

RATE = 16000
"""Samples per second of decoded audio (the acoustic model's rate)."""

SILENT_PEAK = 16
"""Audio whose loudest sample stays below this (about -66 dBFS) holds nothing to align."""

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Audio:
    """Decoded audio: int16 samples at :data:`RATE`, mono."""

    samples: np.ndarray
    path: str

    @property
    def duration_ms(self) -> int:
        return len(self.samples) * 1000 // RATE

    def pcm(self, start_ms: int = 0, end_ms: int | None = None) -> bytes:
        """Raw little-endian PCM of a stretch, as the decoder takes it."""
        end = len(self.samples) if end_ms is None else min(len(self.samples), end_ms * RATE // 1000)
        return self.samples[max(0, start_ms * RATE // 1000):end].tobytes()


def ffmpeg() -> str:
    """Path of the ffmpeg binary installed with imageio-ffmpeg."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def load(path: str | Path) -> Audio:
    """Decode ``path`` to 16 kHz mono; :class:`BadInput` if it is missing, unreadable, empty or silent."""
    name = str(path)
    command = [
        ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", *ffmpeg_input(path),
        "-vn", "-ac", "1", "-ar", str(RATE), "-t", str(MAX_SECONDS + 1), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1",
    ]
    buffer = bytearray()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: ffmpeg can never block on its own messages
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors) as process:
            assert process.stdout is not None
            while chunk := process.stdout.read(_CHUNK):
                buffer += chunk
            process.wait()
        errors.seek(0)
        error = errors.read(1 << 16).decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise BadInput(f"cannot decode audio: {_reason(error, process.returncode)}", where=name)
    if len(buffer) > MAX_SECONDS * RATE * 2:
        raise BadInput(f"audio is longer than the {MAX_SECONDS // 3600} h limit", where=name)
    if len(buffer) < 2:
        raise BadInput("audio file holds no audio", where=name)
    samples = np.frombuffer(buffer, dtype="<i2", count=len(buffer) // 2)
    if max(int(samples.max()), -int(samples.min())) < SILENT_PEAK:  # no int32 copy of an hour of audio
        raise BadInput("audio is silent", where=name)
    return Audio(samples, name)


def _reason(ffmpeg_error: str, code: int) -> str:
    """ffmpeg's first error line without its ``[component @ 0x...]`` prefix, or plain words for the common cases."""
    if "does not contain any stream" in ffmpeg_error:
        return "the file holds no audio stream (is it an audio or video file?)"
    lines = [re.sub(r"^\[[^\]]*\]\s*", "", line) for line in ffmpeg_error.splitlines() if line.strip()]
    return lines[0] if lines else f"ffmpeg exit code {code}"

"""What a media file is, checked from its first bytes before ffmpeg is let near it.

ffmpeg reads far more than audio: playlists (HLS, ffconcat, ``concat:``) that make it open
other files or URLs, and headers that claim a 1 Hz sample rate or a thousand channels and
turn decoding into hours of work and gigabytes of memory. So castkit decides the container
itself, from the file's magic bytes, and runs ffmpeg with that demuxer forced, on the plain
local file only (:func:`ffmpeg_input`): no other protocol, no probing into anything else.
WAV headers are checked field by field, since WAV is where broken and hostile headers live.
"""

from __future__ import annotations

import struct
from pathlib import Path

from castkit.errors import BadInput

MAX_SECONDS = 3 * 60 * 60
"""Longest media castkit decodes: three hours is 345 MB of 16 kHz mono samples."""

SAMPLE_RATES = (8000, 384000)
"""Sample rates a real recording has (Hz, inclusive)."""

MAX_CHANNELS = 32

_SNIFF = 64
_KNOWN = "WAV, MP3, FLAC, Ogg, AAC, MP4/M4A/MOV, WebM/Matroska, AIFF, MXF, MPEG-TS"


def demuxer(path: str | Path) -> str:
    """The ffmpeg demuxer for ``path`` from its magic bytes; :class:`BadInput` for anything else.

    Playlists, concat lists, text, images and unknown containers are refused, and so is a WAV
    whose header is malformed or out of range.
    """
    from castkit.files import check_readable

    p, name = Path(path), str(path)
    check_readable(p, name)
    try:
        with p.open("rb") as handle:
            head = handle.read(_SNIFF)
            size = p.stat().st_size
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}", where=name) from None
    if not head:
        raise BadInput("audio file is empty", where=name)
    found = _sniff(head)
    if found is None:
        raise BadInput(f"not an audio or video file castkit reads ({_KNOWN})", where=name)
    if found == "wav":
        check_wav(p, size)
    return found


def _sniff(head: bytes) -> str | None:
    if head[:4] in (b"RIFF", b"RIFX", b"RF64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if head[4:8] == b"ftyp":
        return "mov"  # ffmpeg's MP4/M4A/MOV/3GP demuxer
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"  # WebM too
    if head[:4] == b"\x06\x0e\x2b\x34":
        return "mxf"
    if head[:1] == b"\x47" and len(head) > 0 and _transport_stream(head):
        return "mpegts"
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac"  # ADTS
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "mp3"  # an MPEG audio frame (layer I-III)
    return None


def _transport_stream(head: bytes) -> bool:
    return head[0] == 0x47 and (len(head) < 2 or head[1] & 0x80 == 0)


def check_wav(path: Path, size: int) -> None:
    """Refuse a WAV whose chunks run past the file or whose format is not a real recording."""
    name = str(path)
    with path.open("rb") as handle:
        handle.seek(12)
        fmt = None
        position = 12
        while position + 8 <= size:
            header = handle.read(8)
            if len(header) < 8:
                break
            chunk, length = header[:4], struct.unpack("<I", header[4:])[0]
            if chunk == b"fmt ":
                if not 16 <= length <= 1024 or position + 8 + length > size:
                    raise BadInput(f"malformed WAV header: a format chunk of {length} bytes", where=name)
                fmt = handle.read(length)
            elif chunk == b"data":
                if fmt is None:
                    raise BadInput("malformed WAV header: audio data before its format", where=name)
                _check_format(fmt, name, min(length, size - position - 8))
                return
            elif position + 8 + length > size:
                raise BadInput(f"malformed WAV header: a '{chunk.decode('latin-1')}' chunk runs past the end of the file", where=name)
            else:
                handle.seek(length + (length & 1), 1)
            position += 8 + length + (length & 1)
    raise BadInput("malformed WAV: no audio data chunk", where=name)


def _check_format(fmt: bytes, name: str, data_bytes: int) -> None:
    _, channels, rate, byte_rate, block_align, bits = struct.unpack("<HHIIHH", fmt[:16])
    low, high = SAMPLE_RATES
    if not low <= rate <= high:
        raise BadInput(f"WAV header claims a sample rate of {rate} Hz (castkit reads {low}-{high} Hz)", where=name)
    if not 1 <= channels <= MAX_CHANNELS:
        raise BadInput(f"WAV header claims {channels} channels (castkit reads 1-{MAX_CHANNELS})", where=name)
    if bits not in (8, 16, 24, 32, 64) or block_align == 0 or byte_rate == 0:
        raise BadInput(f"WAV header is inconsistent ({bits} bits, block {block_align}, {byte_rate} bytes/s)", where=name)
    if data_bytes / byte_rate > MAX_SECONDS:
        raise BadInput(f"audio is longer than the {MAX_SECONDS // 3600} h limit", where=name)


def ffmpeg_input(path: str | Path) -> list[str]:
    """ffmpeg arguments that read ``path`` as its sniffed container and nothing else: no other
    protocol (``-protocol_whitelist file``), no playlist, no probing of what the name suggests."""
    format_ = demuxer(path)
    return ["-protocol_whitelist", "file", "-f", format_, "-i", "file:" + str(Path(path).resolve())]

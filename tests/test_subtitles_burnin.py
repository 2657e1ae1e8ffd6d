"""Burn our ASS into a generated video with ffmpeg's libass and look at the pixels."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story, Super
from castkit.subtitles.cues import build_cues
from castkit.subtitles.formats import render
from castkit.subtitles.profiles import load_profile
from castkit.timing import estimate_timeline

W, H = 640, 360
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts")


def font_dir() -> Path | None:
    """A folder holding a TrueType font for libass (the DejaVu the machine image ships)."""
    for folder in map(Path, FONT_DIRS):
        if folder.is_dir() and any(folder.rglob("*.ttf")):
            return folder
    return None


def frame(ass: Path, fonts: Path, at_s: float) -> np.ndarray:
    import imageio_ffmpeg

    graph = f"subtitles=filename={ass.name}:fontsdir={fonts}"
    raw = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", f"color=c=black:s={W}x{H}:d=20:r=25",
         "-vf", graph, "-ss", str(at_s), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True, cwd=ass.parent,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(H, W, 3)


def count(pixels: np.ndarray, rgb: tuple[int, int, int]) -> int:
    return int(np.all(np.abs(pixels.astype(int) - rgb) < 60, axis=-1).sum())


def test_burned_in_text_has_the_speakers_colour_in_the_right_band(tmp_path):
    fonts = font_dir()
    if fonts is None:
        pytest.skip("no TrueType font on this machine for libass")
    bulletin = Bulletin(stories=[Story(elements=[
        Element(Kind.ANCHOR, "Good evening and welcome to the news.", Speaker(role=Role.ANCHOR)),
        Element(Kind.TRACK, "The talks in the capital stalled again today.", Speaker("Kim Jung-sil", role=Role.CORRESPONDENT)),
        Element(Kind.SOUNDBITE, "We will wait for their answer, however long.", Speaker("Lee Min", role=Role.INTERVIEWEE), super=Super(["Lee Min"])),
    ])])
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    ass = tmp_path / "burn.ass"
    ass.write_text(render(subs, "ass"), encoding="utf-8")
    white, yellow, cyan = (255, 255, 255), (255, 255, 0), (0, 255, 255)
    for cue, colour in zip(subs.cues, (white, yellow, cyan)):
        pixels = frame(ass, fonts, (cue.start_ms + cue.end_ms) / 2000)
        top, bottom = pixels[: H // 3], pixels[2 * H // 3 :]
        band, other = (top, bottom) if cue.raised else (bottom, top)
        assert count(band, colour) > 100, (cue.text, colour)
        assert sum(count(band, c) for c in (white, yellow, cyan) if c != colour) < 10
        assert count(other, colour) == 0
    assert subs.cues[2].raised
    after = frame(ass, fonts, subs.cues[-1].end_ms / 1000 + 0.5)
    assert sum(count(after, c) for c in (white, yellow, cyan)) == 0

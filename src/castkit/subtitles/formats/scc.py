"""Scenarist SCC (CEA-608) through pycaption, at 29.97 fps.

608 rows hold 32 characters and pycaption wraps greedily, so cues built for SCC use the
profile narrowed by :func:`adapt` (32 columns, 29.97 fps): castkit's own line breaks reach
the file. Cues built for a wider profile are re-broken into rows of at most 32 characters
(up to 4 rows, the pop-on maximum). Drop-frame timecode when the frame rate is 29.97 DF.

608 sends one code word (two characters) a frame, so a pop-on caption is loaded before it
shows; pycaption's writer starts the load early by that time. :func:`lead_ms` tells the cue
builder how long that takes, so no caption is due before it can have been sent.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import replace
from fractions import Fraction

from castkit.subtitles.breaking import break_lines
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles
from castkit.subtitles.profiles import Profile

NAME = "scc"
EXTENSIONS = (".scc",)
COLUMNS = 32
ROWS = 4
FRAME_MS = Fraction(1001, 30)
"""One 608 frame at 29.97 fps: the time one code word takes to send."""


def adapt(profile: Profile) -> Profile:
    """``profile`` narrowed to what 608 shows: rows of 32 columns, at most 4, 29.97 fps."""
    return replace(
        profile,
        max_chars=min(profile.max_chars, COLUMNS),
        max_lines=min(profile.max_lines, ROWS),
        fps="29.97df" if profile.drop_frame else "29.97",
    )


def rows(cue: Cue) -> list[str]:
    """The cue in 608 rows: its own lines when they fit, else castkit's breaks at 32 columns."""
    if len(cue.lines) <= ROWS and all(len(line) <= COLUMNS for line in cue.lines):
        return cue.lines
    return break_lines(cue.text, COLUMNS, ROWS) or textwrap.wrap(cue.text, COLUMNS, break_long_words=True)


def _caption(cue: Cue, start_ms: int, end_ms: int):
    import pycaption

    nodes = []
    for k, row in enumerate(rows(cue)):
        if k:
            nodes.append(pycaption.CaptionNode.create_break())
        nodes.append(pycaption.CaptionNode.create_text(row))
    return pycaption.Caption(start_ms * 1000, end_ms * 1000, nodes)


def _write(captions: list, language: str, drop_frame: bool) -> str:
    import pycaption

    return pycaption.SCCWriter(drop_frame=drop_frame).write(pycaption.CaptionSet({language: captions}))


def lead_ms(cue: Cue) -> int:
    """How long before its start the cue's pop-on caption must begin to be sent."""
    alone = _write([_caption(cue, 3_600_000, 3_610_000)], "en", False)
    body = [line.split("\t", 1)[1] for line in alone.splitlines() if "\t" in line]
    words = sum(len(codes.split()) for codes in body[:-1])  # the last line clears the screen
    return math.ceil(words * FRAME_MS)


def render(subs: Subtitles) -> str:
    captions = [_caption(cue, cue.start_ms, cue.end_ms) for cue in subs.cues]
    return _write(captions, subs.profile.language, subs.profile.drop_frame)

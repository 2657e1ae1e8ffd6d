"""Scenarist SCC (CEA-608) through pycaption, at 29.97 fps.

608 rows hold 32 characters, and pycaption wraps greedily, so castkit re-breaks each cue
into rows of at most 32 characters with its own line breaker first (up to 4 rows, the
pop-on maximum). Drop-frame timecode when the profile's frame rate is 29.97 DF.
"""

from __future__ import annotations

import textwrap

from castkit.subtitles.breaking import break_lines
from castkit.subtitles.cues import Subtitles

NAME = "scc"
EXTENSIONS = (".scc",)
COLUMNS = 32
ROWS = 4


def rows(text: str) -> list[str]:
    """``text`` in 608 rows: castkit's breaks where they fit, else a plain wrap at 32 columns."""
    return break_lines(text, COLUMNS, ROWS) or textwrap.wrap(text, COLUMNS, break_long_words=True)


def render(subs: Subtitles) -> str:
    import pycaption

    captions = []
    for cue in subs.cues:
        nodes = []
        for k, row in enumerate(rows(cue.text)):
            if k:
                nodes.append(pycaption.CaptionNode.create_break())
            nodes.append(pycaption.CaptionNode.create_text(row))
        captions.append(pycaption.Caption(cue.start_ms * 1000, cue.end_ms * 1000, nodes))
    caption_set = pycaption.CaptionSet({subs.profile.language: captions})
    return pycaption.SCCWriter(drop_frame=subs.profile.drop_frame).write(caption_set)

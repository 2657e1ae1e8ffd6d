"""Subtitle writers, one module per format behind a registry (the way pysubs2 keeps them).

Each module exposes ``NAME``, ``EXTENSIONS`` and ``render(subs) -> str``; adding a format
is adding a module and a line in :data:`MODULES`. A format with limits of its own (SCC's 32
columns and transmission time) also exposes ``adapt(profile) -> Profile`` and
``lead_ms(cue) -> int``; :func:`build_cues_for` builds cues that meet them. A format that
cannot carry every character exposes ``refusal(text) -> str | None`` (:func:`refusal`); one
whose times end somewhere (ASS's one-digit hours, a timecode's 24 hours) exposes ``LATEST_MS``
and is never written with a cue past it (:func:`time_refusal`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from types import ModuleType

from castkit.errors import BadInput, UnsupportedFormat
from castkit.model import Bulletin
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles, build_cues
from castkit.subtitles.profiles import Profile
from castkit.timings import Timeline

MODULES = {"srt": "srt", "ass": "ass", "vtt": "vtt", "ttml": "ttml", "ebu-tt-d": "ebuttd", "scc": "scc", "stl": "stl", "txt": "txt"}
"""Format name ▸ module in this package."""

EXTENSIONS = {".srt": "srt", ".ass": "ass", ".vtt": "vtt", ".ttml": "ttml", ".dfxp": "ttml", ".xml": "ebu-tt-d", ".scc": "scc", ".stl": "stl", ".txt": "txt"}
"""Output extension ▸ format name."""


def writer(name: str) -> ModuleType:
    """The writer module for a format name."""
    if name not in MODULES:
        raise UnsupportedFormat(f"unknown subtitle format {name!r}; choose one of {', '.join(MODULES)}")
    return import_module(f"{__name__}.{MODULES[name]}")


def profile_for(name: str, profile: Profile) -> Profile:
    """``profile`` within the limits of format ``name`` (SCC: 32 columns, 29.97 fps)."""
    adapt = getattr(writer(name), "adapt", None)
    return adapt(profile) if adapt else profile


def refusal(name: str, bulletin: Bulletin) -> str | None:
    """Why format ``name`` cannot carry the spoken text of ``bulletin`` (SCC: characters CEA-608
    lacks), in one line, or ``None`` when it can."""
    refuse = getattr(writer(name), "refusal", None)
    spoken = "\n".join(e.text for story in bulletin.stories if not story.floated for e in story.spoken_elements)
    return refuse(spoken) if refuse else None


def time_refusal(name: str, subs: Subtitles) -> str | None:
    """Why format ``name`` cannot carry the times of ``subs`` (the first cue past its
    ``LATEST_MS``), in one line, or ``None`` when it can: a clamped or wrapped time would pile
    cues up at the end, or show them on the wrong day."""
    latest = getattr(writer(name), "LATEST_MS", None)
    if latest is None:
        return None
    for number, cue in enumerate(subs.cues, start=1):
        if cue.end_ms > latest:
            return (f"{name.upper()} cannot carry times past {clock(latest)}: cue {number:,} ends at "
                    f"{clock(cue.end_ms)}; WebVTT and TTML carry any time")
    return None


def lead_for(name: str) -> Callable[[Cue], int] | None:
    """How long a cue of format ``name`` must be sent before it shows, when that matters (SCC)."""
    return getattr(writer(name), "lead_ms", None)


def build_cues_for(name: str, bulletin: Bulletin, timeline: Timeline, profile: Profile, *, include_floated: bool = False,
                   checked: bool = True) -> Subtitles:
    """Cues of ``bulletin`` that meet ``profile`` within the limits of format ``name``: the cues
    to write in that format (SCC's differ: 32 columns, 29.97 fps, time to send each caption).
    Floated stories are left out unless ``include_floated``; ``checked`` as for :func:`build_cues`."""
    return build_cues(bulletin, timeline, profile_for(name, profile), lead=lead_for(name), include_floated=include_floated,
                      checked=checked)


def render(subs: Subtitles, name: str) -> str:
    """``subs`` in format ``name``, as text ready to write (refused when the format cannot carry their times)."""
    problem = time_refusal(name, subs)
    if problem:
        raise BadInput(problem)
    return writer(name).render(subs)


_TIME_COLON = re.compile(r"(?<=\d):(?=\d)")
_BREAKS = str.maketrans(dict.fromkeys("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029", " ")
                        | dict.fromkeys([*range(0x09), *range(0x0e, 0x1c), 0x1f, 0x7f]))
WORD_JOINER = "\u2060"


def text_lines(lines: list[str]) -> list[str]:
    """Cue text lines no reader can take for cue syntax (SRT, WebVTT): a line-break character
    inside a line becomes a space, other control characters (a NUL ends the text for ffmpeg)
    are dropped, a blank line, which would end the cue, is dropped, and a colon between digits is followed by an invisible word joiner,
    so copy such as ``00:00:00,000 --> 99:00:00,000`` never reads as a timing line (pysubs2 takes
    any line holding two times for one)."""
    lines = [plain(line) for line in lines]
    return [_TIME_COLON.sub(":" + WORD_JOINER, line) for line in lines if line.strip()]


def plain(line: str) -> str:
    """``line`` with every line-break character (``\\r``, U+2028, ...) as a space and other control
    characters dropped: what a cue line may hold in any format."""
    return line.translate(_BREAKS)


def text_field(value: str) -> str:
    """``value`` (a speaker name) as one line of text no reader takes for cue syntax: whitespace
    runs become one space and a colon between digits is followed by a word joiner."""
    return _TIME_COLON.sub(":" + WORD_JOINER, " ".join(plain(value).split()))


def clock(ms: int, separator: str = ".") -> str:
    """``HH:MM:SS.mmm`` (or with ``,`` for SRT) from integer milliseconds."""
    seconds, millis = divmod(max(0, ms), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"

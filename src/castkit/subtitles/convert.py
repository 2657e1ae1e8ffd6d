"""Any subtitle format castkit reads into any it writes, saying what the target cannot carry.

Text and times always travel (times to the target's own precision: centiseconds in ASS,
frames in SCC and STL). Speakers, colours, raised positions, comment lines, karaoke
syllable timing and sign positioning travel where the target has a place for them; where it
has none, one notice per kind of loss names how many cues lost it. :func:`write_cues` is the
one way the editor's tools (convert, shift, retime, fix) write their result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from castkit.notices import Notice
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Problem, Subtitles
from castkit.subtitles.profiles import Profile

WHITE = "#FFFFFF"
PALETTES = {"vtt": ("vtt", "CLASSES"), "ass": ("ass", "STYLES"), "ttml": ("ttml", "STYLE_IDS"), "ebu-tt-d": ("ttml", "STYLE_IDS")}
"""Where each writer keeps its speaker colours (a colour outside them is written white)."""
CARRIES: dict[str, set[str]] = {
    "srt": {"colour"},
    "vtt": {"speaker", "palette", "raised"},
    "ass": {"speaker", "palette", "raised", "comment"},
    "ttml": {"speaker", "palette", "raised"},
    "ebu-tt-d": {"speaker", "palette", "raised"},
    "scc": set(),
    "stl": {"teletext", "raised", "comment"},
    "txt": set(),
}
"""What each target keeps besides text: any ``colour``, the writer's ``palette`` of four or
the eight ``teletext`` colours, ``speaker`` names, ``raised`` positions, ``comment`` lines."""

JOINED_GAP_MS = 200
"""SCC readers join cues under 6 frames apart: such a gap reads back as none."""


@dataclass
class Written:
    """A set of cues as written: the file's content, the cues in it, and what it could not carry."""

    format: str
    content: str | bytes
    subtitles: Subtitles
    notices: list[Notice] = field(default_factory=list)


def losses(cues: list[Cue], target: str) -> list[Notice]:
    """One notice per kind of information ``target`` cannot carry, with how many cues lose it."""
    from castkit.subtitles.formats.stl import TELETEXT_COLOURS

    carries = CARRIES.get(target, set())
    label = target.upper()
    found: list[Notice] = []

    def lost(what: str, count: int) -> None:
        if count:
            found.append(Notice("format", label, f"{what} dropped from {count} cue(s): {label} has no place for it"))

    dialogue = [c for c in cues if c.kind != "comment"]
    lost("speaker names", sum(1 for c in dialogue if c.speaker) if "speaker" not in carries else 0)
    if "colour" not in carries:
        keeps = _palette(target) if "palette" in carries else set(TELETEXT_COLOURS.values()) if "teletext" in carries else set()
        lost("colours", sum(1 for c in dialogue if c.colour and c.colour != WHITE and c.colour not in keeps))
    lost("raised (top of screen) positions", 0 if "raised" in carries else sum(1 for c in dialogue if c.raised))
    lost("comment lines", 0 if "comment" in carries else sum(1 for c in cues if c.kind == "comment"))
    lost("karaoke syllable timing", sum(1 for c in cues if c.kind == "karaoke"))
    lost("sign positioning and effects", sum(1 for c in cues if c.kind == "sign"))
    if target == "txt":
        found.append(Notice("format", label, "a plain transcript has no times"))
    return found


def _palette(target: str) -> set[str]:
    from importlib import import_module

    module, name = PALETTES[target]
    return set(getattr(import_module(f"castkit.subtitles.formats.{module}"), name))


def render_cues(cues: list[Cue], target: str, profile: Profile) -> Written:
    """``cues`` in format ``target``: colours written when the cues have any, notices for what is lost."""
    from castkit.subtitles.formats import profile_for, render, writer

    coloured = any(c.colour and c.colour != WHITE for c in cues)
    profile = profile_for(target, replace(profile, colours=coloured, srt_colours=coloured))
    kept = cues if "comment" in CARRIES.get(target, set()) else [c for c in cues if c.kind != "comment"]
    subs = Subtitles(kept, profile)
    module = writer(target)
    notices = losses(cues, target)
    extra: Callable[[Subtitles], list[Notice]] | None = getattr(module, "notices", None)
    if extra:
        notices += extra(subs)
    content = render(subs, target)
    return Written(target, content, subs, notices + read_back(content, target, kept))


def read_back(content: str | bytes, target: str, cues: list[Cue]) -> list[Notice]:
    """Each cue the written file shows at another time or with other words than asked (an SCC
    caption needs time to be sent, so it can show later), read back as a player reads it."""
    from castkit.subtitles.formats import clock
    from castkit.subtitles.formats.stl import read as read_stl
    from castkit.subtitles.lint import JOINED_GAPS, RESOLUTION_MS
    from castkit.subtitles.read import parse_cues

    if target == "txt":
        return []
    fmt = "ttml" if target == "ebu-tt-d" else target
    shown = read_stl(content) if isinstance(content, bytes) else parse_cues(content, format=fmt, comments=True)
    tolerance = RESOLUTION_MS.get(fmt, 20)
    if len(shown) != len(cues):
        return [Notice("format", target.upper(), f"{len(cues)} cues written, {len(shown)} read back")]
    found = []
    for n, (asked, got) in enumerate(zip(cues, shown), start=1):
        where = f"cue {asked.number if asked.number is not None else n}"
        following = cues[n].start_ms if n < len(cues) else None
        joined = (fmt in JOINED_GAPS and following is not None and got.end_ms == shown[n].start_ms
                  and following - asked.end_ms <= JOINED_GAP_MS)  # 608 keeps a caption up until the next one
        if " ".join(got.text.split()).casefold() != " ".join(asked.text.split()).casefold():
            found.append(Notice("format", where, f"{target.upper()} shows {got.text!r}, not {asked.text!r}"))
        elif abs(got.start_ms - asked.start_ms) > tolerance or (abs(got.end_ms - asked.end_ms) > tolerance and not joined):
            found.append(Notice("format", where, f"{target.upper()} shows it {clock(got.start_ms)}-{clock(got.end_ms)}, not {clock(asked.start_ms)}-{clock(asked.end_ms)}"))
    return found


def write_cues(cues: list[Cue], path: str | Path, target: str, profile: Profile) -> Written:
    """Render ``cues`` as ``target`` and write them atomically to ``path`` (``-`` for stdout)."""
    from castkit.files import write_bytes, write_text

    written = render_cues(cues, target, profile)
    if isinstance(written.content, bytes):
        write_bytes(path, written.content)
    else:
        write_text(path, written.content)
    return written


def check_result(cues: list[Cue], profile: Profile, target: str) -> list[Problem]:
    """The profile's rules the written cues break, as ``castkit lint`` would report them."""
    from castkit.subtitles.lint import lint_cues

    return lint_cues(cues, profile, format="ttml" if target == "ebu-tt-d" else target).problems

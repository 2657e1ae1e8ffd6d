"""What the editor's commands (convert, shift, retime, fix) share: their options, reading the
file, writing the result in the chosen format, and reporting it the same way."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from castkit.subtitles.cue import Cue
    from castkit.subtitles.profiles import Profile

from castkit.cli.common import STRICT_HELP

PROFILE_HELP = "broadcast, streaming, or a TOML profile file: the limits the result is held to."
SHOTS_HELP = "Snap cue in and out times to shot changes: a castkit.shots/1 file (castkit shots) or the video itself."

# The options every editor's command takes, declared once:
OUTPUT = typer.Option("-", "--output", "-o", metavar="FILE", help="Write here (atomically); - is stdout.")
FORMAT = typer.Option(None, "--format", "-f", metavar="FORMAT",
                      help="Output format: srt, ass, vtt, ttml, ebu-tt-d, scc, stl or txt (default: from -o's extension, else the input's).")
PROFILE = typer.Option(None, "--profile", "-p", metavar="PROFILE", help=PROFILE_HELP)
FPS = typer.Option(None, "--fps", metavar="FPS", help="Frame rate: 23.976, 24, 25, 29.97, 29.97df, 30 (default: the profile's).")
SHOTS = typer.Option(None, "--shots", metavar="FILE|VIDEO", help=SHOTS_HELP)
LANGUAGE = typer.Option(None, "--language", "-l", metavar="LANG", help="The subtitles' language, e.g. fr (default: told from the text).")
STRICT = typer.Option(False, "--strict", help=STRICT_HELP)


def profile_for_cues(profile: str | None, fps: str | None, cues: list[Cue], language: str | None = None, *, detect: bool = True) -> Profile:
    """The named profile (broadcast by default) for the cues' language, told from their text
    unless given (or, without ``detect``, when nothing depends on it)."""
    from castkit.subtitles.language import detect_language, for_language
    from castkit.subtitles.profiles import load_profile

    rules = load_profile(profile or "broadcast", fps=fps)
    return for_language(rules, language or (detect_language(cues) if detect else None) or rules.language)


LANGUAGE_TAGGED = {"ttml", "ebu-tt-d", "stl"}
"""Formats that name the subtitles' language in the file."""


def target_format(output: str, given: str | None, source: str) -> str:
    """The format named by ``--format``, else by ``-o``'s extension, else the input's own."""
    from castkit.cli.common import choose_format
    from castkit.subtitles.formats import EXTENSIONS

    return choose_format(output, given, EXTENSIONS, "ttml" if source == "ttml" else source)


def check_json(as_json: bool, output: str) -> None:
    from castkit.errors import BadInput

    if as_json and output == "-":
        raise BadInput("--json prints a summary on stdout: write the subtitles to a file with -o")


def snap_to_shots(cues: list[Cue], shots: str | None, profile: Profile) -> list[Any]:
    """Cue times moved to the shot changes of ``shots`` (a shots file or a video), in place; the moves."""
    if not shots:
        return []
    from castkit.cli.common import progress
    from castkit.subtitles.shots import load_shots, snap

    with progress("finding shot changes") as done:
        cuts = load_shots(shots, on_progress=done)
    return snap([c for c in cues if c.kind == "dialogue"], cuts, profile)


def finish(
    cues: list[Cue],
    *,
    output: str,
    format: str,
    profile: Profile,
    source: str,
    as_json: bool,
    strict: bool,
    notices: list | None = None,
    lines: list[str] | None = None,
    summary: dict[str, Any] | None = None,
) -> None:
    """Write ``cues`` to ``output`` as ``format``, then report: ``lines`` (what changed, on
    stderr), the notices, a summary line or ``--json``; exit 1 under ``--strict`` when anything
    was lost or could not be done."""
    from castkit.cli.common import announce
    from castkit.subtitles.convert import write_cues

    written = write_cues(cues, output, format, profile)
    everything = list(notices or []) + written.notices
    if as_json:
        doc = {
            "input": source,
            "output": output,
            "format": format,
            "profile": profile.name,
            "language": profile.language,
            "fps": profile.fps,
            "cues": len(written.subtitles.cues),
            **(summary or {}),
            "notices": [n.to_dict() for n in everything],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for line in lines or []:
            typer.echo(f"castkit: {line}", err=True)
        if output != "-":
            typer.echo(f"{output}: {len(written.subtitles.cues)} cues, {format}, profile {profile.name} ({profile.language}, {profile.fps} fps)", err=True)
    announce(everything, strict=strict)

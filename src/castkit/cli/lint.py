"""`castkit lint`: check any subtitle file against a profile."""

from __future__ import annotations

import json
from typing import Optional

import typer

from castkit.cli.app import subcommand


@subcommand("lint")
def command(
    file: str = typer.Argument(..., metavar="FILE|-", help="Subtitle file (SRT, ASS, WebVTT, TTML/EBU-TT-D, SCC, EBU STL); - for stdin."),
    profile: str = typer.Option("broadcast", "--profile", "-p", metavar="PROFILE", help="broadcast, streaming, or a TOML profile file."),
    fps: Optional[str] = typer.Option(None, "--fps", metavar="FPS", help="Frame rate for the gap rules (default: the profile's)."),
    language: Optional[str] = typer.Option(None, "--language", "-l", metavar="LANG", help="The file's language, e.g. fr, for its reading speed (default: told from the text)."),
    shots: Optional[str] = typer.Option(None, "--shots", metavar="FILE|VIDEO", help="Report cues that cross a shot change or miss it by a few frames: a castkit.shots/1 file or the video."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    from castkit.subtitles.lint import lint_file
    from castkit.subtitles.profiles import load_profile

    cuts = None
    if shots:
        from castkit.cli.common import progress
        from castkit.subtitles.shots import load_shots

        with progress("finding shot changes") as done:
            cuts = load_shots(shots, on_progress=done)
    report = lint_file(file, load_profile(profile, fps=fps), language=language, shots=cuts)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            typer.echo(line)
    raise typer.Exit(0 if report.clean else 1)

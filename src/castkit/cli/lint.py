"""`castkit lint`: check any subtitle file against a profile."""

from __future__ import annotations

import json
from typing import Optional

import typer

from castkit.cli.app import app


@app.command(name="lint")
def command(
    file: str = typer.Argument(..., help="Subtitle file (SRT, ASS, WebVTT, TTML/EBU-TT-D, SCC); - for stdin."),
    profile: str = typer.Option("broadcast", "--profile", "-p", help="broadcast, streaming, or a TOML profile file."),
    fps: Optional[str] = typer.Option(None, "--fps", help="Frame rate for the gap rules (default: the profile's)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Report every rule FILE breaks (exit 1), or say it is clean (exit 0)."""
    from castkit.subtitles.lint import lint_file
    from castkit.subtitles.profiles import load_profile

    report = lint_file(file, load_profile(profile, fps=fps))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in report.lines():
            typer.echo(line)
    raise typer.Exit(0 if report.clean else 1)

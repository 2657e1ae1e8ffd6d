"""`castkit shots`: find the shot changes (cuts) in a video."""

from __future__ import annotations

import json

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE


@subcommand("shots")
def command(
    video: str = typer.Argument(..., metavar="VIDEO", help="Any video ffmpeg reads."),
    output: str = typer.Option("-", "--output", "-o", metavar="FILE", help="Write the castkit.shots/1 JSON here (atomically); - is stdout."),
    threshold: float = typer.Option(0.3, "--threshold", "-t", metavar="0-1", help="Scene score a cut must exceed: lower finds softer cuts, higher ignores flashes."),
    force: bool = FORCE,
) -> None:
    from castkit.cli.common import progress
    from castkit.files import check_output, write_text
    from castkit.subtitles.shots import detect_shots

    check_output(output, [video])
    with progress("finding shot changes") as done:
        shots = detect_shots(video, threshold=threshold, on_progress=done)
    write_text(output, json.dumps(shots.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if output != "-":
        typer.echo(f"{output}: {len(shots.cuts_ms)} shot changes at {shots.fps:g} fps (threshold {threshold:g})", err=True)

"""`castkit subs`: a script into timed subtitles in any delivery format."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import ALLOW_MISMATCH_HELP, FORCE, KEEP_MISSING_HELP, STRICT_HELP, STYLE_HELP

if TYPE_CHECKING:
    from castkit.subtitles.cues import Subtitles


@subcommand("subs")
def command(
    script: str = typer.Argument(..., help="Script file (any house style, or castkit JSON); - for stdin."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file (format from its extension); - or none for stdout."),
    format: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="srt, ass, vtt, ttml, ebu-tt-d, scc, stl or txt."),
    profile: str = typer.Option("broadcast", "--profile", "-p", metavar="PROFILE", help="broadcast, streaming, or a TOML profile file."),
    fps: Optional[str] = typer.Option(None, "--fps", metavar="FPS", help="Frame rate: 23.976, 24, 25, 29.97 (29.97df, 29.97ndf), 30."),
    timings: Optional[str] = typer.Option(None, "--timings", help="castkit.timings/1 file with measured times (castkit align)."),
    audio: Optional[str] = typer.Option(None, "--audio", help="Align the script to this audio for the times."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP),
    colors: Optional[bool] = typer.Option(
        None, "--colors/--no-colors", help="Speaker colours in every format, SRT <font> tags included / in none (default: the profile's)."
    ),
    include_floated: bool = typer.Option(
        False, "--include-floated", help="Subtitle floated stories too (the rundown leaves them out, and so do subtitles by default)."
    ),
    allow_mismatch: bool = typer.Option(False, "--allow-mismatch", help=ALLOW_MISMATCH_HELP),
    keep_missing: bool = typer.Option(False, "--keep-missing", help=KEEP_MISSING_HELP),
    shots: Optional[str] = typer.Option(None, "--shots", metavar="FILE|VIDEO", help="Snap cue in and out times to shot changes: a castkit.shots/1 file (castkit shots) or the video itself."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (cues, problems, notices) on stdout."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    from castkit.cli.common import announce, choose_format, progress
    from castkit.errors import BadInput
    from castkit.files import check_output, write_bytes, write_text
    from dataclasses import replace

    from castkit.subtitles.formats import EXTENSIONS
    from castkit.subtitles.lint import as_written, reads_back
    from castkit.subtitles.profiles import load_profile
    from castkit.subtitles.timeline import build_for

    fmt = choose_format(output, format, EXTENSIONS, "srt")
    inputs = [p for p in (script, timings, audio, shots) if p]
    if output:
        check_output(output, inputs)
    if timings and audio:
        raise BadInput("give --timings or --audio, not both")
    if as_json and (not output or output == "-"):
        raise BadInput("--json prints the summary on stdout: write the subtitles to a file with -o")
    rules = load_profile(profile, fps=fps)
    if colors is not None:
        rules = replace(rules, colours=colors, srt_colours=colors)
    with progress("timing the script") as done:
        subs = build_for(script, rules, style=style, timings=timings, audio=audio, format=fmt, on_progress=done,
                         include_floated=include_floated, allow_mismatch=allow_mismatch, keep_missing=keep_missing,
                         checked=not reads_back(fmt))  # as_written checks the text instead
    if shots:
        from castkit.subtitles.shots import load_shots, snap

        with progress("finding shot changes") as found:
            snap(subs.cues, load_shots(shots, on_progress=found), subs.profile)
    text, subs = as_written(subs, fmt)
    (write_bytes if isinstance(text, bytes) else write_text)(output or "-", text)
    if as_json:
        print(json.dumps(subs.summary(fmt, output), ensure_ascii=False, indent=2))
    else:
        _report(subs, fmt, output)
    announce(subs.notices, strict=strict)
    if strict and subs.problems:
        raise typer.Exit(1)


def _report(subs: Subtitles, fmt: str, output: str | None) -> None:
    """One warning line per problem, then what was written, on stderr."""
    from castkit.subtitles.lint import describe

    if subs.problems:  # one write: a long script has thousands
        typer.echo("\n".join(f"castkit: warning: {describe(problem)}" for problem in subs.problems), err=True)
    if output and output != "-":
        drift, most = "", subs.drift_ms
        if most >= 50:  # below that it would print as 0.0 s
            latest = next(n for n, c in enumerate(subs.cues, start=1) if c.drift_ms == most)
            drift = f"; cues start up to {most / 1000:.1f} s after the read-rate estimate (cue {latest})"
        typer.echo(
            f"{output}: {len(subs.cues)} cues, {fmt}, profile {subs.profile.name} ({subs.profile.fps} fps), "
            f"{len(subs.problems)} problems{drift}",
            err=True,
        )

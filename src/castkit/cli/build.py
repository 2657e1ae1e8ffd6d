"""`castkit build`: the whole newsroom pack for a bulletin, linked from one page."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, List, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import ALLOW_MISMATCH_HELP, FORCE, STYLE_HELP

if TYPE_CHECKING:
    from castkit.build import BuildResult


@subcommand("build")
def command(
    scripts: Optional[List[str]] = typer.Argument(None, metavar="[SCRIPT...]", help="Scripts in running order; none builds the bundled sample."),
    audio: Optional[str] = typer.Option(None, "--audio", metavar="AUDIO", help="Time everything from this recording (and play it in the page)."),
    hypothesis: Optional[str] = typer.Option(None, "--hyp", metavar="FILE", help="What aired (ASR or subtitles) to score the script against."),
    profile: str = typer.Option("broadcast", "--profile", "-p", metavar="PROFILE", help="Subtitle profile: broadcast, streaming, or a TOML file."),
    output: str = typer.Option("build", "--output", "-o", metavar="DIR", help="The pack folder: new, empty, or an earlier pack (files you added to it are kept)."),
    start: Optional[str] = typer.Option(None, "--start", metavar="HH:MM:SS", help="Planned on-air time for the rundown clock."),
    slot: Optional[str] = typer.Option(None, "--slot", metavar="M:SS", help="Planned duration: the rundown shows OVER/UNDER."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP),
    allow_mismatch: bool = typer.Option(False, "--allow-mismatch", help=ALLOW_MISMATCH_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the castkit.build/1 summary on stdout, nothing else."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when anything is listed under To check (the pack is still written)."),
) -> None:
    """With no SCRIPT it builds the bundled sample with its recording and an as-aired transcript.
    The last line printed is the path of index.html.
    """
    from castkit.build import build_pack, sample
    from castkit.cli.common import announce, progress
    from castkit.timing import parse_clock, parse_duration

    if not scripts:
        demo = sample()
        scripts = [str(demo.script)]
        audio = audio or str(demo.audio)
        hypothesis = hypothesis or str(demo.hypothesis)
    start_ms = parse_clock(start, where="--start") if start else None
    slot_ms = parse_duration(slot, where="--slot") if slot else None
    with progress("building") as done:
        result = build_pack(scripts, output, audio=audio, hypothesis=hypothesis, profile=profile, style=style,
                            start_ms=start_ms, slot_ms=slot_ms, allow_mismatch=allow_mismatch, on_progress=done)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        announce(result.warnings, strict=strict)
    else:
        _summary(result)
        if strict and result.warnings:
            raise typer.Exit(1)


def _summary(result: BuildResult) -> None:
    """What was written and, last, the page to open on stdout; what to check on stderr."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    kinds: dict[str, int] = {}
    for output in result.outputs:
        kinds[output.kind] = kinds.get(output.kind, 0) + 1
    console.print(f"[bold]{escape(str(result.out_dir))}[/]: {len(result.outputs)} files "
                  f"({', '.join(f'{n} {kind}' for kind, n in kinds.items())})", markup=True)
    facts = [f"{result.stories} stor{'y' if result.stories == 1 else 'ies'}", f"timed from {result.timed_from}",
             f"{result.cues} cues ({result.profile})", f"EST {result.est_s // 60}:{result.est_s % 60:02d}"]
    if result.over_under:
        facts.append(result.over_under)
    if result.qa:
        wer = result.qa["wer"]
        facts.append(f"WER {'undefined' if wer is None else f'{wer * 100:.2f} %'}")
    console.print("  " + " · ".join(facts), markup=False)
    if result.warnings:  # on stderr, one line each, like every command's notices
        to_check = Console(stderr=True, highlight=False, soft_wrap=True)
        to_check.print(f"[bold]To check ({len(result.warnings)}):[/]", markup=True)
        for notice in result.warnings:
            to_check.print(f"  {notice}", markup=False)
    console.print(str(result.index), markup=False)

"""`castkit align`: time a script to its audio and write the ``castkit.timings/1`` file."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import ALLOW_MISMATCH_HELP, FORCE, STYLE_HELP


@subcommand("align")
def command(
    script: str = typer.Argument(..., metavar="SCRIPT|-", help="The script, in any house style; - reads stdin."),
    audio: str = typer.Argument(..., metavar="AUDIO", help="The recording: WAV, MP3, M4A/MP4 or anything ffmpeg reads."),
    output: str = typer.Option("-", "--output", "-o", metavar="OUT", help="Write the timings JSON here (atomically); - is stdout."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when anything was not measured, script and audio disagree or the script was guessed at (outputs are still written)."),
    allow_mismatch: bool = typer.Option(False, "--allow-mismatch", help=ALLOW_MISMATCH_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print a JSON summary (counts, mismatches, notices, guessed pronunciations) on stdout."),
) -> None:
    """Each script/audio mismatch (a sentence missing from the audio, speech not in the script)
    and each element with words not measured (low confidence, estimated) is named in one
    warning line on stderr and listed in the timings file. A recording in which most of the
    script cannot be found is refused (exit 2, nothing written).
    """
    from castkit.audio.align import align_bulletin
    from castkit.audio.report import notices, summary
    from castkit.cli.common import announce, progress
    from castkit.errors import BadInput
    from castkit.files import check_output, write_text
    from castkit.ingest import parse_file
    from castkit.timings import dumps

    if json_out and output == "-":
        raise BadInput("--json prints a summary on stdout: write the timings elsewhere with -o FILE")
    check_output(output, [script, audio])
    parsed = parse_file(script, style=style)
    bulletin = parsed.bulletin
    with progress("aligning") as done:
        timeline = align_bulletin(bulletin, audio, allow_mismatch=allow_mismatch, on_progress=done)
    write_text(output, dumps(timeline))
    if timeline.guessed:
        guesses = ", ".join(f"{word} ({phones})" for word, phones in timeline.guessed.items())
        print(f"castkit: note: pronunciation guessed for {guesses}", file=sys.stderr)
    summary_data = summary(timeline)
    if json_out:
        sys.stdout.write(json.dumps(summary_data, ensure_ascii=False, indent=2) + "\n")
    else:
        counts = summary_data["elements"]
        print(
            f"castkit: {counts['measured']} measured, {counts['estimated']} estimated, {counts['missing']} missing "
            f"of {sum(counts.values())} elements; {len(timeline.mismatches)} mismatch(es)",
            file=sys.stderr,
        )
    announce([*parsed.notices, *notices(timeline)], strict=strict)

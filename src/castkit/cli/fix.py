"""`castkit fix`: repair what subtitle editors fix by hand, listing every change."""

from __future__ import annotations

from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE
from castkit.cli.editor import FORMAT, FPS, LANGUAGE, OUTPUT, PROFILE, SHOTS, STRICT


@subcommand("fix")
def command(
    file: str = typer.Argument(..., metavar="FILE|-", help="Subtitle file in any format castkit reads; - reads stdin."),
    output: str = OUTPUT,
    format: Optional[str] = FORMAT,
    profile: Optional[str] = PROFILE,
    fps: Optional[str] = FPS,
    shots: Optional[str] = SHOTS,
    language: Optional[str] = LANGUAGE,
    force: bool = FORCE,
    strict: bool = STRICT,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (every change, what is left to fix) on stdout."),
) -> None:
    """What cannot be fixed without changing the words (a cue too fast to read) is named, never dropped.
    """
    from castkit.cli.editor import check_json, finish, profile_for_cues, snap_to_shots, target_format
    from castkit.files import check_output
    from castkit.notices import Notice
    from castkit.subtitles.fix import fix_cues
    from castkit.subtitles.read import read_subtitles

    check_json(as_json, output)
    check_output(output, [file] + ([shots] if shots else []))
    source, cues, name = read_subtitles(file, comments=True)
    rules = profile_for_cues(profile, fps, cues, language)
    fixed, changes = fix_cues(cues, rules)
    moves = snap_to_shots(fixed, shots, rules)
    left = [Notice("subtitles", f"cue {c.cue}", f"{c.rule}: {c.message}") for c in changes if not c.fixed]
    lines = [f"fixed {c}" for c in changes if c.fixed] + [f"moved {m}" for m in moves]
    summary = {"from": source, "changes": [c.to_dict() for c in changes], "shot_moves": [str(m) for m in moves]}
    finish(fixed, output=output, format=target_format(output, format, source), profile=rules, source=name,
           as_json=as_json, strict=strict, notices=left, lines=lines, summary=summary)

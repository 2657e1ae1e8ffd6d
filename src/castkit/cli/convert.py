"""`castkit convert`: any subtitle file castkit reads into any format it writes."""

from __future__ import annotations

from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE
from castkit.cli.editor import FORMAT, FPS, LANGUAGE, OUTPUT, PROFILE_HELP, SHOTS_HELP, STRICT


@subcommand("convert")
def command(
    file: str = typer.Argument(..., metavar="FILE|-", help="Subtitle file: SRT, ASS/SSA, WebVTT, TTML/EBU-TT-D, SCC or EBU STL; - reads stdin."),
    output: str = OUTPUT,
    format: Optional[str] = FORMAT,
    profile: Optional[str] = typer.Option(None, "--profile", "-p", metavar="PROFILE", help=PROFILE_HELP + " Reports what breaks it."),
    fit: bool = typer.Option(False, "--fit", help="Re-fit the cues to the profile (line breaks, durations, gaps), as castkit fix does."),
    shots: Optional[str] = typer.Option(None, "--shots", metavar="FILE|VIDEO", help=SHOTS_HELP + " Needs --fit."),
    fps: Optional[str] = FPS,
    language: Optional[str] = LANGUAGE,
    force: bool = FORCE,
    strict: bool = STRICT,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (cues, what was dropped, problems) on stdout."),
) -> None:
    """Text and times always travel; speakers, colours and positions where the target has a place for them.
    """
    from castkit.cli.editor import check_json, finish, profile_for_cues, snap_to_shots, target_format
    from castkit.errors import BadInput
    from castkit.files import check_output
    from castkit.notices import Notice
    from castkit.subtitles.convert import check_result
    from castkit.subtitles.fix import fix_cues
    from castkit.subtitles.lint import describe
    from castkit.subtitles.read import read_subtitles

    check_json(as_json, output)
    check_output(output, [file] + ([shots] if shots else []))
    if shots and not fit:
        raise BadInput("--shots moves cue times: add --fit to re-fit the cues to the profile and the shot changes")
    source, cues, name = read_subtitles(file, comments=True)
    fmt = target_format(output, format, source)
    rules = profile_for_cues(profile, fps, cues, language)
    lines: list[str] = []
    summary: dict = {"from": source}
    if fit:
        cues, changes = fix_cues(cues, rules)
        moves = snap_to_shots(cues, shots, rules)
        lines = [f"fixed {c}" for c in changes if c.fixed] + [f"moved {m}" for m in moves]
        summary |= {"changes": [c.to_dict() for c in changes], "shot_moves": [str(m) for m in moves]}
    notices = []
    if profile or fit:
        problems = check_result([c for c in cues if c.kind != "comment"], rules, fmt)
        notices = [Notice("subtitles", "", describe(p)) for p in problems]
        summary["problems"] = len(problems)
    finish(cues, output=output, format=fmt, profile=rules, source=name, as_json=as_json, strict=strict,
           notices=notices, lines=lines, summary=summary)

"""`castkit shift`: move a subtitle file in time, frame-exact."""

from __future__ import annotations

from typing import List, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE
from castkit.cli.editor import FORMAT, OUTPUT, STRICT


@subcommand("shift")
def command(
    file: str = typer.Argument(..., metavar="FILE|-", help="Subtitle file in any format castkit reads; - reads stdin."),
    output: str = OUTPUT,
    by: Optional[str] = typer.Option(None, "--by", metavar="OFFSET", help="Move every cue: +1.5s, -400ms, -00:00:02:10 (2 s 10 frames earlier)."),
    start: Optional[str] = typer.Option(None, "--start", metavar="TIMECODE", help="Move the first cue to this time: 10:00:00:00 (frames), 09:59:58;12 (drop-frame) or 00:00:12.400."),
    sync: Optional[List[str]] = typer.Option(None, "--sync", metavar="CUE=TIME", help="Two-point sync, given twice: cue number (as in the file) = its true start, e.g. 1=00:00:12.400."),
    fps: Optional[str] = typer.Option(None, "--fps", metavar="FPS|FROM:TO", help="The file's frame rate (times land on its frames), or a change of rate such as 25:23.976 (each cue keeps its frame number). Rates: 23.976, 24, 25, 29.97, 29.97df, 30."),
    format: Optional[str] = FORMAT,
    force: bool = FORCE,
    strict: bool = STRICT,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (the shift as scale and offset) on stdout."),
) -> None:
    from castkit.cli.editor import LANGUAGE_TAGGED, check_json, finish, profile_for_cues, target_format
    from castkit.errors import BadInput
    from castkit.files import check_output
    from castkit.subtitles.read import read_subtitles
    from castkit.subtitles.shift import between_rates, by_offset, by_sync, shift_cues, to_start
    from castkit.subtitles.timecode import parse_offset, parse_time, rate_of

    check_json(as_json, output)
    check_output(output, [file])
    chosen = [name for name, value in (("--by", by), ("--start", start), ("--sync", sync)) if value]
    if len(chosen) > 1:
        raise BadInput(f"give one of --by, --start or --sync, not {' and '.join(chosen)}")
    if not chosen and not (fps and ":" in fps):
        raise BadInput("say how to shift: --by OFFSET, --start TIMECODE, --sync CUE=TIME (twice) or --fps FROM:TO")
    source_rate = target_rate = None
    drop = False
    if fps:
        names = fps.split(":")
        if len(names) > 2:
            raise BadInput(f"--fps takes a rate or FROM:TO, not {fps!r}")
        source_rate, _ = rate_of(names[0])
        target_rate, drop = rate_of(names[-1])
    grid = target_rate
    reading_rate = target_rate or rate_of("25")[0]
    source, cues, name = read_subtitles(file, comments=True)
    steps = []
    if source_rate is not None and source_rate != target_rate:  # first the rate, then any offset on the new frames
        steps.append(between_rates(source_rate, target_rate))
        cues = shift_cues(cues, steps[-1])
    if by:
        shift = by_offset(parse_offset(by, reading_rate), grid=grid)
    elif start:
        shift = to_start(cues, parse_time(start, reading_rate, drop), grid=grid)
    elif sync:
        points = []
        for point in sync:
            number, _, time = point.partition("=")
            if not number.strip().lstrip("-").isdigit() or not time:
                raise BadInput(f"--sync takes CUE=TIME, e.g. 1=00:00:12.400, not {point!r}")
            points.append((int(number), parse_time(time, reading_rate, drop)))
        shift = by_sync(cues, points, grid=grid)
    if chosen:
        steps.append(shift)
        cues = shift_cues(cues, shift)
    fmt = target_format(output, format, source)
    rules = profile_for_cues(None, fps.split(":")[-1] if fps else None, cues, detect=fmt in LANGUAGE_TAGGED)
    summary = {"from": source, "fps": fps, "steps": [{"scale": float(s.scale), "offset_ms": float(s.offset_ms)} for s in steps]}
    finish(cues, output=output, format=fmt, profile=rules, source=name,
           as_json=as_json, strict=strict, summary=summary)

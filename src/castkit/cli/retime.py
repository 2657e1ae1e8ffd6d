"""`castkit retime`: re-time a subtitle file's own text to its recording, cue by cue."""

from __future__ import annotations

from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE
from castkit.cli.editor import FORMAT, FPS, LANGUAGE, OUTPUT, PROFILE, SHOTS, STRICT


@subcommand("retime")
def command(
    file: str = typer.Argument(..., metavar="SUBS", help="Subtitle file in any format castkit reads (- reads stdin): an edit's, ASR's or live captions."),
    audio: str = typer.Argument(..., metavar="AUDIO", help="The recording: WAV, MP3, M4A/MP4 or anything ffmpeg reads."),
    output: str = OUTPUT,
    format: Optional[str] = FORMAT,
    profile: Optional[str] = PROFILE,
    fps: Optional[str] = FPS,
    shots: Optional[str] = SHOTS,
    language: Optional[str] = LANGUAGE,
    force: bool = FORCE,
    strict: bool = STRICT,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (cues measured, estimated, not found; offset and drift; repairs) on stdout."),
) -> None:
    """Cues whose words are not in the audio move with the file's overall offset and are named
    one by one; the profile's durations and gaps are applied to the result.
    """
    from castkit.cli.common import progress
    from castkit.cli.editor import check_json, finish, profile_for_cues, snap_to_shots, target_format
    from castkit.files import check_output
    from castkit.subtitles.read import read_subtitles
    from castkit.subtitles.retime import retime_cues

    check_json(as_json, output)
    check_output(output, [file, audio] + ([shots] if shots else []))
    source, cues, name = read_subtitles(file, comments=True)
    rules = profile_for_cues(profile, fps, cues, language)
    with progress("aligning the subtitles to the audio") as done:
        result = retime_cues(cues, audio, rules, on_progress=done)
    moves = snap_to_shots(result.cues, shots, rules)
    counts = result.summary()
    lines = [f"moved {m}" for m in moves]
    if not as_json:
        lines.append(
            f"{counts['measured']} cues measured, {counts['estimated']} estimated, {counts['missing']} not found; "
            f"the file ran {-result.offset_ms / 1000:+.2f} s off, drifting {-counts['drift_ppm']} ppm"
        )
    finish(result.cues, output=output, format=target_format(output, format, source), profile=rules, source=name,
           as_json=as_json, strict=strict, notices=result.notices, lines=lines,
           summary={"from": source, **{k: v for k, v in counts.items() if k != "notices"}, "shot_moves": [str(m) for m in moves]})

"""`castkit rundown`: the timed rundown sheet of one or several scripts, in the format a studio uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import ALLOW_MISMATCH_HELP, FORCE, STRICT_HELP, STYLE_HELP

if TYPE_CHECKING:
    from castkit.model import Bulletin
    from castkit.notices import Notice
    from castkit.timings import Timeline


@subcommand("rundown")
def command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Scripts in running order (one story block each); - reads stdin."),
    start: Optional[str] = typer.Option(None, "--start", metavar="HH:MM:SS", help="Planned on-air time, e.g. 20:00:00."),
    slot: Optional[str] = typer.Option(None, "--slot", metavar="M:SS", help="Planned duration, e.g. 30:00."),
    end: Optional[str] = typer.Option(None, "--end", metavar="HH:MM:SS", help="Hard out instead of a slot, e.g. 20:30:00."),
    rate: Optional[float] = typer.Option(None, "--rate", min=1, metavar="WPM", help="Bulletin read rate in words a minute (default 180)."),
    preset: Optional[str] = typer.Option(None, "--preset", metavar="NAME", help="Named read rate: news 180, relaxed 160, slow 150, talk 120."),
    rates: Optional[str] = typer.Option(None, "--rates", metavar="FILE", help="Presenter read rates (JSON or TOML: name = wpm)."),
    speaking: float = typer.Option(160, "--speaking-rate", min=1, metavar="WPM", help="Rate soundbites are estimated at."),
    timings: Optional[str] = typer.Option(None, "--timings", metavar="FILE", help="Measured castkit.timings/1 file: adds ACTUAL and +/-."),
    audio: Optional[str] = typer.Option(None, "--audio", metavar="AUDIO", help="Align to this recording to measure ACTUAL."),
    allow_mismatch: bool = typer.Option(False, "--allow-mismatch", help=ALLOW_MISMATCH_HELP),
    save_rates: Optional[str] = typer.Option(None, "--save-rates", metavar="FILE", help="Save each presenter's measured read rate (JSON)."),
    title: Optional[str] = typer.Option(None, "--title", help="Show title for the header."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="table, csv, xlsx, html, markdown, json, mos, prompter or prompter-html."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write here (a directory for mos); format from the extension."),
    json_out: bool = typer.Option(False, "--json", help="Print the castkit.rundown/1 JSON."),
    timebase: float = typer.Option(50, "--timebase", min=1, help="MOS samples per second (50 PAL, 59.94 NTSC)."),
    tz: Optional[str] = typer.Option(None, "--tz", metavar="ZONE", help="Time zone of the show's clock for MOS roEdStart, e.g. Asia/Seoul (default: this machine's)."),
    seconds_only: bool = typer.Option(False, "--seconds", help="CSV: durations only as whole-second columns (<col>_s)."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Prints a table on a terminal; -o sheet.csv|.xlsx|.html|.md|.json|.txt (prompter) writes a file,
    --format mos -o DIR writes roCreate.xml and one roStorySend per story.
    """
    from castkit.audio import report
    from castkit.cli.common import announce, choose_format
    from castkit.errors import BadInput, UnsupportedFormat
    from castkit.files import check_output, check_output_folder, write_text
    from castkit.rundown import EXPORTS, Options, build_sheet, write
    from castkit.rundown.exports import by_extension
    from castkit.rundown.mos import zone
    from castkit.rundown.show import ShowFacts
    from castkit.timing import dump_rates, load_rates, load_syllable_rates, measured_rates, parse_clock, parse_duration
    from castkit.timing import preset as preset_rate
    from castkit.timings import said

    given = "json" if json_out else fmt
    if given and given not in EXPORTS:
        raise UnsupportedFormat(f"unknown format {given!r}; choose one of {', '.join(EXPORTS)}")
    name = given or choose_format(output, None, by_extension(), "table")
    if name == "mos" and not output:
        raise BadInput("the mos format writes a directory: give it with -o DIR")
    if slot and end:
        raise BadInput("give either --slot or --end, not both")
    if rate and preset:
        raise BadInput("give either --rate or --preset, not both")
    if save_rates and not (timings or audio):
        raise BadInput("--save-rates needs measured times: add --timings FILE or --audio AUDIO")
    if timings and audio:
        raise BadInput("give either --timings or --audio, not both")
    zone(tz)
    inputs = [*files, *(p for p in (rates, timings, audio) if p)]
    if output:
        (check_output_folder if name == "mos" else check_output)(output, inputs)
    if save_rates:
        check_output(save_rates, inputs)

    bulletin, notices = load_bulletin(files, style=style)
    ShowFacts(
        start_ms=parse_clock(start, where="--start") if start else None,
        slot_ms=parse_duration(slot, where="--slot") if slot else None,
        end_ms=parse_clock(end, where="--end") if end else None,
        rate_wpm=rate or (preset_rate(preset) if preset else None),
        presenters=load_rates(rates) if rates else {},
        title=title,
    ).apply(bulletin)
    timeline = measure(bulletin, timings=timings, audio=audio, allow_mismatch=allow_mismatch)
    audio_notices = report.notices(timeline) if timeline else []
    timeline = said(bulletin, timeline)[1] if timeline else None  # a sentence never said is not in ACTUAL
    measured = measured_rates(bulletin, timeline) if timeline else {}
    sheet = build_sheet(bulletin, timeline=timeline, measured_rates=measured, speaking_wpm=speaking,
                        syllable_rates=load_syllable_rates(rates) if rates else None)
    sheet.audio_notices = audio_notices
    options = Options(timebase=timebase, seconds_only=seconds_only, tz=tz)
    if save_rates:
        write_text(save_rates, dump_rates(measured, sheet.rate_samples))
    if name == "table" and (not output or output == "-"):
        from rich.console import Console

        from castkit.rundown.table import show

        show(sheet, Console(highlight=False))
    else:
        write(sheet, name, output or "-", options)
    announce([*notices, *sheet.notices], strict=strict)


def load_bulletin(files: list[str], *, style: str | None = None) -> tuple[Bulletin, list[Notice]]:
    """One bulletin from the scripts given, refused when none of them holds a story, and their parse notices."""
    from castkit.build import load_scripts
    from castkit.errors import BadInput

    bulletin, parsed = load_scripts(files, style=style)
    if not bulletin.stories:
        raise BadInput("no stories found", where=files[0])
    return bulletin, [n for p in parsed for n in p.notices]


def measure(bulletin: Bulletin, *, timings: str | None, audio: str | None, allow_mismatch: bool = False) -> Timeline | None:
    """The measured timeline from a timings file or from aligning the audio, if either is given."""
    if timings:
        from castkit import timings as timings_file
        from castkit.files import read_text

        source = read_text(timings)
        return timings_file.loads(source.text, where=source.name)
    if audio:
        from castkit.audio.align import align_bulletin
        from castkit.cli.common import progress

        with progress("aligning") as done:
            return align_bulletin(bulletin, audio, allow_mismatch=allow_mismatch, on_progress=done)
    return None

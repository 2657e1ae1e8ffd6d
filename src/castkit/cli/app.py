"""The typer application every ``castkit`` subcommand registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="castkit",
    help=(
        "Broadcast news scripts into rundown sheets, timed subtitles and transcript QA.\n\n"
        "Exit codes: 0 ok, 1 a QA or lint threshold failed, 2 bad input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

"""The typer application every ``castkit`` subcommand registers on."""

from __future__ import annotations

import typer
from typer.core import TyperArgument, TyperOption


def _option_label(option: TyperOption, ctx: object) -> str | None:
    """What help shows after an option: its metavar (``FILE``, ``FORMAT``), or the option's own
    name in capitals, and nothing after a flag; never the option library's ``<bool>``,
    ``<str>``, ``<list[str]>`` or ``<float range>``, so every command's usage reads the same."""
    if option.is_flag or option.is_bool_flag:
        return None
    return option.metavar or (option.name or "value").upper().replace("_", "-")


def _usage_name(argument: TyperArgument) -> str:
    """An argument in the usage line as POSIX writes it: ``SCRIPT``, ``[REFERENCE]``, ``[SCRIPT...]`` (not typer's ``{script}``)."""
    name = argument.display_name_raw
    if name.startswith("["):
        return name
    name += "..." if argument.nargs != 1 else ""
    return name if argument.required else f"[{name}]"


# One style for every command's help, whichever option library version renders it:
TyperOption.display_type_rich = _option_label
TyperOption._get_number_range_help_str = lambda option: None  # limits are said in the help text, not as "[x>=1]"
TyperArgument.display_type_rich = lambda argument, ctx: None  # an argument's name (SCRIPT, FILE|-) says it all
TyperArgument.display_name_raw = property(lambda argument: argument.metavar or (argument.name or "value").upper())
TyperArgument._usage_display_name = _usage_name

app = typer.Typer(
    name="castkit",
    help=(
        "Broadcast news scripts into rundown sheets, timed subtitles and transcript QA.\n\n"
        "Exit codes: 0 ok, 1 a QA or lint threshold failed, 2 bad input or usage.\n\n"
        "With any command: --encoding NAME reads text inputs in that encoding (cp949, gb18030, ...) "
        "instead of detecting it; --debug shows the traceback of an internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"castkit {version('castkit')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Print castkit's version and exit."),
) -> None:
    pass

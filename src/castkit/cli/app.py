"""The typer application every ``castkit`` subcommand registers on, and the list of those commands."""

from __future__ import annotations

import importlib
import inspect
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from typing import TypeVar

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

COMMANDS = {
    "align": "Measure when every element and word of SCRIPT is spoken in AUDIO (offline forced alignment).",
    "batch": "Run JOB over every item of INPUTS into OUT, resumably: a re-run skips what is done and redoes what changed.",
    "build": "Build everything for SCRIPT: model, rundown, subtitles, lint, QA, and an index.html linking it all.",
    "convert": "Convert FILE to another subtitle format, keeping what the target can carry and naming what it drops.",
    "fix": "Repair FILE: overlaps, gaps, durations, line breaks, empty cues, spaces and tags, listing each change.",
    "lint": "Report every rule FILE breaks (exit 1), or say it is clean (exit 0).",
    "parse": "Parse a news script (web page, full show, bracket, speaker-label, markup, JSON or plain text).",
    "qa": "Compare a hypothesis with a reference: WER, MER, WIL, CER, breakdowns and aligned words.",
    "retime": "Re-time SUBS to AUDIO: each cue starts when its words are heard.",
    "rundown": "Time a bulletin: READ (anchor copy at the read rate), RUNS (media), EST, front, back, cume, over/under.",
    "serve": "Serve castkit studio: the rundown grid, subtitle editor, QA, on-air clock and prompter in a browser.",
    "shift": "Shift FILE by an offset, to a start timecode, by two-point sync, or between frame rates.",
    "shots": "Find the cuts in VIDEO (ffmpeg's scene detection) for --shots in subs, retime, convert --fit, fix and lint.",
    "subs": "Make subtitles from SCRIPT, timed by read rate, a timings file or the audio.",
}
"""Every command, defined in ``castkit.cli.<name>``, with the line that opens its help and lists it in
``castkit --help``: the list is shown from here, so it needs no command's module loaded."""

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., None])

_UNUSED_BY_HELP = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}
"""What typer's help renderer imports up front but castkit's help never uses: Markdown (markdown
help, which loads markdown-it and Pygments) and Traceback (pretty tracebacks, which loads attrs),
together about a third of the time ``castkit --help`` takes."""


class _Deferred(type):
    """A class that stands in for a rich class until it is used, then hands every use to the real one."""

    def __call__(cls, *args: object, **kwargs: object) -> object:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> object:
        if name.startswith("__"):  # what Python asks any class (``Markdown | Text``): not the real one's
            raise AttributeError(name)
        return getattr(cls.real(), name)

    def real(cls) -> type:
        return getattr(importlib.import_module(cls.__module__), cls.__name__)


def _stand_in(module: str, name: str) -> types.ModuleType:
    """A module offering a deferred ``name``; anything else it is asked for comes from the real ``module``."""
    stand_in = types.ModuleType(module)
    deferred = _Deferred(name, (), {"__module__": module})

    def attribute(wanted: str) -> object:
        if wanted == name:
            return deferred
        if wanted.startswith("__"):  # what the import system asks any module
            raise AttributeError(wanted)
        sys.modules.pop(module, None)  # something else: the real module takes the stand-in's place
        return getattr(importlib.import_module(module), wanted)

    stand_in.__getattr__ = attribute
    return stand_in


@contextmanager
def _unused_by_help_deferred() -> Iterator[None]:
    """While typer's help renderer is imported, :data:`_UNUSED_BY_HELP` are stand-ins (:func:`_stand_in`)."""
    stand_ins = {module: _stand_in(module, name) for module, name in _UNUSED_BY_HELP.items() if module not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


class _HelpRendererFinder(MetaPathFinder):
    """Imports ``typer.rich_utils``, the first time typer asks for it, with :func:`_unused_by_help_deferred`."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if name != "typer.rich_utils":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module: types.ModuleType) -> None:
            with _unused_by_help_deferred():
                load(module)

        spec.loader.exec_module = exec_module
        return spec


if "typer.rich_utils" not in sys.modules:
    sys.meta_path.insert(0, _HelpRendererFinder())


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


class _Listed(TyperCommand):
    """A command known by its summary alone, until it runs or shows its own help."""


class _CommandsOnDemand(TyperGroup):
    """castkit's commands, each listed by its summary and loaded (its module imported, its options
    built) only when it is the one to run or to show its help: a command starts without the others."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, summary in COMMANDS.items():
            self.commands.setdefault(name, _Listed(name, help=summary))

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> tuple[str | None, TyperCommand | None, list[str]]:
        name, found, rest = super().resolve_command(ctx, args)
        if isinstance(found, _Listed):
            found = self.commands[name] = load_command(name)
        return name, found, rest


def load_command(name: str) -> TyperCommand:
    """``castkit NAME`` as it runs: its module imported, its options built by typer."""
    importlib.import_module(f"castkit.cli.{name}")
    return typer.main.get_command(app).commands[name]


def subcommand(name: str) -> Callable[[CommandFunction], CommandFunction]:
    """Register the decorated function as ``castkit NAME``: its help is its summary in :data:`COMMANDS`,
    then the function's docstring."""

    def register(function: CommandFunction) -> CommandFunction:
        details = inspect.getdoc(function) or ""
        return app.command(name=name, help="\n\n".join(filter(None, (COMMANDS[name], details))))(function)

    return register


app = typer.Typer(
    name="castkit",
    cls=_CommandsOnDemand,
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

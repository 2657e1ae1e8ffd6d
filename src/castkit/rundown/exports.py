"""The registry of rundown exports: one module per format, imported only when used.

Each export module has ``render(sheet, options) -> str | bytes | dict[str, bytes]``: text,
a binary file, or a set of files for a directory (MOS). :func:`write` puts the result in
place atomically; ``-`` writes text or bytes to stdout.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from castkit.errors import OutputError, UnsupportedFormat
from castkit.files import write_bytes, write_text
from castkit.rundown.sheet import Sheet


@dataclass(frozen=True)
class Export:
    name: str
    module: str
    extensions: tuple[str, ...] = ()
    to_directory: bool = False


@dataclass(frozen=True)
class Options:
    """Settings some exports read; each ignores the ones it does not need."""

    timebase: float = 50.0  # MOS samples per second (PAL 50, NTSC 59.94)
    mos_id: str = "castkit.prompter.mos"  # the receiving device
    ncs_id: str = "castkit.ncs"
    object_mos_id: str = "castkit.video.mos"  # placeholder device for media items
    width: int | None = None  # terminal table width
    seconds_only: bool = False  # CSV: durations only as seconds columns
    tz: str | None = None  # MOS: IANA zone of the show's clock times; None is the machine's zone


EXPORTS: dict[str, Export] = {
    e.name: e
    for e in (
        Export("table", "castkit.rundown.table"),
        Export("csv", "castkit.rundown.csv_export", (".csv",)),
        Export("xlsx", "castkit.rundown.xlsx", (".xlsx",)),
        Export("html", "castkit.rundown.html", (".html", ".htm")),
        Export("markdown", "castkit.rundown.markdown", (".md", ".markdown")),
        Export("json", "castkit.rundown.json_export", (".json",)),
        Export("mos", "castkit.rundown.mos", to_directory=True),
        Export("prompter", "castkit.rundown.prompter", (".txt",)),
        Export("prompter-html", "castkit.rundown.prompter_html"),
    )
}


def by_extension() -> dict[str, str]:
    return {ext: e.name for e in EXPORTS.values() for ext in e.extensions}


def render(sheet: Sheet, name: str, options: Options | None = None) -> str | bytes | dict[str, bytes]:
    """The sheet in the named format, in memory."""
    if name not in EXPORTS:
        raise UnsupportedFormat(f"unknown rundown format {name!r}; choose one of {', '.join(EXPORTS)}")
    module = importlib.import_module(EXPORTS[name].module)
    return module.render(sheet, options or Options())


def write(sheet: Sheet, name: str, output: str, options: Options | None = None) -> list[str]:
    """Render and write atomically to ``output`` (a file, a directory for MOS, or ``-``); returns the paths written."""
    export = EXPORTS.get(name)
    if export and export.to_directory and output == "-":
        raise OutputError(f"the {name} export writes a directory of files; give one with -o DIR")
    result = render(sheet, name, options)
    if isinstance(result, dict):
        directory = Path(output)
        if directory.exists() and not directory.is_dir():
            raise OutputError("exists and is not a directory", where=output)
        try:
            directory.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create directory: {exc.strerror}", where=output) from None
        for filename, data in result.items():
            write_bytes(directory / filename, data)
        return [str(directory / f) for f in result]
    if isinstance(result, bytes):
        write_bytes(output, result)
    else:
        write_text(output, result)
    return [] if output == "-" else [output]

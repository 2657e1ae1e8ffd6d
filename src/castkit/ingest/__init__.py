"""Turning scripts in many house styles into the model.

Each house style is one module with a ``STYLE`` object (:class:`castkit.ingest.base.Style`);
:mod:`castkit.ingest.detect` sniffs which one a text is in. :func:`parse_text` and
:func:`parse_file` are the entry points the rest of castkit uses.
"""

from __future__ import annotations

from pathlib import Path

from castkit.ingest.base import Parsed, Style, register, styles
from castkit.ingest.detect import parse_text

__all__ = ["Parsed", "Style", "parse_file", "parse_text", "register", "styles"]


MAX_SCRIPT_BYTES = 8 * 1024 * 1024
"""Scripts larger than this are refused: a whole day of transcripts is under 2 MB, and the
parsed model takes about 17 times the text's size in memory."""


def parse_file(path: str | Path, *, style: str | None = None) -> Parsed:
    """Read a script file (or ``-`` for stdin), detect its encoding and style, and parse it.

    A ``.json`` file holding a ``castkit.segment/1`` document is loaded as is; a Word ``.docx``
    is read as the text it holds; an Excel ``.xlsx`` is read as a rundown table
    (:func:`castkit.ingest.spreadsheet.parse_workbook`); a MOS ``roCreate`` file brings in every message for the same
    running order in its folder (:func:`castkit.ingest.mos.read_running_order`).
    """
    from castkit.errors import BadInput
    from castkit.files import read_bytes, read_text

    saved_as = _SAVE_AS.get(Path(str(path)).suffix.lower())
    if saved_as:
        raise BadInput(f"castkit does not read this file type: save it as {saved_as}", where=str(path))

    if str(path) != "-" and Path(path).suffix.lower() == ".docx":
        from castkit.ingest.docx import docx_text

        text = docx_text(read_bytes(path, limit=MAX_SCRIPT_BYTES), str(path))
        return parse_text(text, style=style, name=str(path), encoding="docx")
    if str(path) != "-" and Path(path).suffix.lower() == ".xlsx":
        from castkit.ingest.spreadsheet import parse_workbook

        parsed = parse_workbook(read_bytes(path, limit=MAX_SCRIPT_BYTES), str(path))
        parsed.name, parsed.encoding = str(path), "xlsx"
        return parsed
    source = read_text(path, limit=MAX_SCRIPT_BYTES)
    if style is None:
        _refuse_subtitles(source.text, source.name)
    if str(path) != "-" and style in (None, "mos"):
        from castkit.ingest import mos

        if mos.sniff(source.text):
            parsed = mos.read_running_order(Path(path), source.text)
            parsed.name, parsed.encoding = source.name, source.encoding
            return parsed
    return parse_text(source.text, style=style, name=source.name, encoding=source.encoding)


_SAVE_AS = {
    ".xls": ".xlsx or .csv", ".ods": ".xlsx or .csv", ".numbers": ".xlsx or .csv",
    ".doc": ".docx or plain text", ".odt": ".docx or plain text", ".pages": ".docx or plain text", ".rtf": ".docx or plain text",
}
"""Office formats castkit does not read, and the one to save them as (their bytes would only be refused as binary)."""


def _refuse_subtitles(text: str, name: str) -> None:
    """A subtitle file is not a script (its timecodes would be subtitled as words): name the command that takes it."""
    from castkit.errors import BadInput
    from castkit.subtitles.read import subtitle_format

    fmt = subtitle_format(text)
    if fmt:
        raise BadInput(f"this is a subtitle file ({fmt.upper()}), not a script: "
                       "convert it with castkit convert, or re-time it to its audio with castkit retime", where=name)

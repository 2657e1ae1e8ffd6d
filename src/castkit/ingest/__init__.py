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


def parse_file(path: str | Path, *, style: str | None = None) -> Parsed:
    """Read a script file (or ``-`` for stdin), detect its encoding and style, and parse it.

    A ``.json`` file holding a ``castkit.segment/1`` document is loaded as is.
    """
    from castkit.files import read_text

    source = read_text(path)
    return parse_text(source.text, style=style, name=source.name, encoding=source.encoding)

"""Reading inputs safely and writing outputs atomically.

Inputs arrive in many encodings (UTF-8 with or without BOM, UTF-16, CP949/EUC-KR,
Windows-1252); :func:`read_text` detects which and says so. Outputs are written to a
temporary file beside the target and renamed into place, so a failed run never leaves a
partial file, and no output may overwrite an input.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from castkit.errors import BadInput, OutputError

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Text inputs larger than this are refused: no script or subtitle file is that big."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in this order when there is no BOM; the first that decodes cleanly wins, except that
# charset-normalizer arbitrates between the legacy code pages.
_LEGACY = ("cp949", "cp1252")


@dataclass(frozen=True)
class TextInput:
    """Decoded text with the encoding that was detected and where it came from."""

    text: str
    encoding: str
    name: str


def read_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file, or of stdin for ``-``, with the errors users make named."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(p)
        if p.is_dir():
            raise BadInput("is a directory, not a file", where=name)
        if not p.exists():
            raise BadInput("no such file", where=name)
        try:
            if p.stat().st_size > limit:
                raise BadInput(f"file is larger than the {limit // (1024 * 1024)} MB limit", where=name)
            with p.open("rb") as handle:  # bounded: a device or pipe has no size to check first
                data = handle.read(limit + 1)
        except PermissionError:
            raise BadInput("permission denied", where=name) from None
        except OSError as exc:
            raise BadInput(f"cannot read: {exc.strerror}", where=name) from None
    if len(data) > limit:
        raise BadInput(f"input is larger than the {limit // (1024 * 1024)} MB limit", where=name)
    return data


def decode(data: bytes, name: str) -> TextInput:
    """Decode bytes as text, detecting the encoding; refuse binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return TextInput(data.decode(encoding), encoding, name)
            except UnicodeDecodeError as exc:
                raise BadInput(f"invalid {encoding} at byte {exc.start}", where=name) from None
    if b"\x00" in data[:8192]:
        raise BadInput("looks like a binary file, not text", where=name)
    try:
        return TextInput(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is not None and best.encoding in ("cp949", "euc_kr", "cp1252", "windows_1252"):
        encoding = "cp949" if best.encoding in ("cp949", "euc_kr") else "cp1252"
        return TextInput(str(best), encoding, name)
    raise BadInput(
        f"not valid UTF-8 (byte {utf8_error.start}) and not a recognised legacy encoding", where=name
    )


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> TextInput:
    """Read a text input (file or ``-``) of at most ``limit`` bytes and detect its encoding."""
    name = "<stdin>" if str(path) == "-" else str(path)
    text = decode(read_bytes(path, limit=limit), name)
    if not text.text.strip():
        raise BadInput("file is empty", where=name)
    return text


def check_not_input(output: str | Path, inputs: list[str | Path]) -> None:
    """Refuse an output path that names one of the inputs."""
    if str(output) == "-":
        return
    out = Path(output).resolve()
    for item in inputs:
        if str(item) != "-" and Path(item).resolve() == out:
            raise OutputError("output would overwrite an input", where=str(output))


def check_output(output: str | Path, inputs: list[str | Path]) -> None:
    """Refuse, before any work is done, an output that would overwrite an input or has nowhere to go."""
    check_not_input(output, inputs)
    if str(output) != "-":
        check_destination(Path(output))


def check_destination(target: Path) -> None:
    """Refuse an output path that is a folder or whose folder does not exist."""
    if target.is_dir():
        raise OutputError("is a directory", where=str(target))
    directory = target.parent
    if not directory.is_dir():
        reason = f"{directory} is a file, not a folder" if directory.exists() else "folder does not exist"
        raise OutputError(reason, where=str(target))


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds."""
    target = Path(path)
    check_destination(target)
    directory = target.parent if str(target.parent) else Path(".")
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", where=str(target)) from None
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else newline) as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` atomically, or to stdout for ``-``."""
    if str(path) == "-":
        sys.stdout.write(text)
        return
    with atomic_writer(path, encoding=encoding, newline="") as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` atomically, or to stdout for ``-``."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        return
    with atomic_writer(path, "wb") as handle:
        handle.write(data)

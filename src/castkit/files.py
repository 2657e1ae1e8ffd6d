"""Reading inputs safely and writing outputs atomically.

Inputs arrive in many encodings (UTF-8 with or without BOM, UTF-16, CP949/EUC-KR,
Windows-1252); :func:`read_text` detects which and says so. Outputs are written to a
temporary file beside the target and renamed into place, so a failed run never leaves a
partial file, and no output may overwrite an input. An existing file is replaced only when
castkit's record (:mod:`castkit.written`) shows castkit wrote it, or with ``--force``.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from castkit.errors import BadInput, OutputError
from castkit.notices import Notice

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Text inputs larger than this are refused: no script or subtitle file is that big."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

LEGACY = {
    "cp949": "Korean",
    "gb18030": "Simplified Chinese",
    "big5": "Traditional Chinese",
    "cp932": "Japanese Shift-JIS",
    "cp1252": "Western European",
}
"""Legacy encodings tried when a text is not UTF-8: one is chosen only when it alone reads as
text in its own script; when several do (their byte ranges overlap), the file is refused and
the candidates are named, so a script is never silently read as mojibake."""

_FIT = 0.95
"""Share of non-ASCII characters that must belong to an encoding's own script."""

_KOREAN_RUN = 6
"""Korean puts spaces between words; Chinese and Japanese run whole sentences together. The
mean length of runs of non-ASCII characters tells them apart: at most this for Korean, at
least this for the others."""

_LATIN_RUN = 2.5
"""Mean run of non-ASCII characters above which a Windows-1252 reading is not text but noise."""

_chosen_encoding: str | None = None
_force = False


def use_encoding(name: str | None) -> None:
    """Read every text input in encoding ``name`` (``castkit --encoding``) instead of detecting it."""
    global _chosen_encoding
    if name is not None:
        try:
            name = codecs.lookup(name).name
        except LookupError:
            raise BadInput(f"unknown encoding {name!r}", where="--encoding") from None
    _chosen_encoding = name


def allow_replacing(force: bool) -> None:
    """Replace output files castkit did not write, or that were edited since (``--force``)."""
    global _force
    _force = force


def replacing_allowed() -> bool:
    """Whether ``--force`` was given: a pack then replaces files of its folder its manifest does not know."""
    return _force


@dataclass(frozen=True)
class TextInput:
    """Decoded text with the encoding that was detected and where it came from."""

    text: str
    encoding: str
    name: str


def check_readable(path: Path, name: str) -> None:
    """Refuse an input path that is missing, a folder, or not a regular file (a FIFO or device would hang or never end)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise BadInput("no such file", where=name) from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror}", where=name) from None
    if stat.S_ISDIR(mode):
        raise BadInput("is a directory, not a file", where=name)
    if not stat.S_ISREG(mode):
        raise BadInput("is a device or pipe, not a file (use - to read stdin)", where=name)


def read_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file, or of stdin for ``-``, with the errors users make named."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(p)
        check_readable(p, name)
        try:
            if p.stat().st_size > limit:
                raise BadInput(f"file is larger than the {limit // (1024 * 1024)} MB limit", where=name)
            with p.open("rb") as handle:
                data = handle.read(limit + 1)
        except PermissionError:
            raise BadInput("permission denied", where=name) from None
        except OSError as exc:
            raise BadInput(f"cannot read: {exc.strerror}", where=name) from None
    if len(data) > limit:
        raise BadInput(f"input is larger than the {limit // (1024 * 1024)} MB limit", where=name)
    return data


def decode(data: bytes, name: str) -> TextInput:
    """Decode bytes as text, detecting the encoding; refuse binary data and guesses between look-alikes."""
    if _chosen_encoding is not None:
        return _checked(data, _chosen_encoding, name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data, encoding, name)
    if b"\x00" in data[:8192]:
        raise BadInput("looks like a binary file, not text", where=name)
    try:
        return TextInput(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    readings = {}
    for encoding in LEGACY:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    fitting = [encoding for encoding, text in readings.items() if _reads_as(encoding, text)]
    if len(fitting) == 1:
        return TextInput(readings[fitting[0]], fitting[0], name)
    if fitting:
        candidates = ", ".join(f"{e} ({LEGACY[e]})" for e in fitting)
        raise BadInput(f"not UTF-8, and it reads as more than one legacy encoding: {candidates}; "
                       "say which with --encoding", where=name)
    raise BadInput(
        f"not valid UTF-8 (byte {utf8_error.start}) and not a recognised legacy encoding "
        f"({', '.join(LEGACY)}); convert it to UTF-8 or name it with --encoding", where=name
    )


def _checked(data: bytes, encoding: str, name: str) -> TextInput:
    """``data`` decoded as ``encoding`` (a BOM's or the user's), still refusing binary data."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BadInput(f"invalid {encoding} at byte {exc.start}", where=name) from None
    if "\x00" in text[:8192]:
        raise BadInput("looks like a binary file, not text", where=name)
    return TextInput(text, encoding, name)


def _script(char: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3 or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF:
        return "han"
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
        return "cjk-punctuation"
    if 0xC0 <= code <= 0x24F and code not in (0xD7, 0xF7) or char in "“”‘’–—…«»€°·• ":
        return "latin"
    return "other"


_SCRIPTS = {
    "cp949": {"hangul", "han", "cjk-punctuation"},
    "gb18030": {"han", "cjk-punctuation"},
    "big5": {"han", "cjk-punctuation"},
    "cp932": {"kana", "han", "cjk-punctuation"},
    "cp1252": {"latin"},
}


def _reads_as(encoding: str, text: str) -> bool:
    """Whether ``text`` (``data`` decoded as ``encoding``) reads as that encoding's own language."""
    wide = [c for c in text if ord(c) > 127]
    scripts = [_script(c) for c in wide]
    if sum(s in _SCRIPTS[encoding] for s in scripts) < _FIT * len(wide):
        return False
    runs = [len(run) for run in re.findall(r"[^\x00-\x7f\s]+", text)]
    mean_run = sum(runs) / len(runs) if runs else 0  # no runs: the only wide characters are spaces (NBSP)
    if encoding == "cp1252":  # accented letters sit among plain ones, one or two at a time
        return mean_run <= _LATIN_RUN
    if encoding == "cp949":  # Korean text keeps to KS X 1001 (EUC-KR); other bytes read as CP949's rare extensions
        common = sum(min(c.encode("cp949")) >= 0xA1 for c in wide) >= _FIT * len(wide)
        return common and scripts.count("hangul") > scripts.count("han") and mean_run <= _KOREAN_RUN
    if mean_run < _KOREAN_RUN:
        return False
    if encoding == "cp932":
        return "kana" in scripts
    if encoding == "gb18030":  # Chinese text keeps to GB2312; other bytes read as GB18030's rare extensions
        return sum(_encodes(c, "gb2312") for c in wide) >= _FIT * len(wide)
    return True


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> TextInput:
    """Read a text input (file or ``-``) of at most ``limit`` bytes and detect its encoding."""
    name = "<stdin>" if str(path) == "-" else str(path)
    text = decode(read_bytes(path, limit=limit), name)
    if not text.text.strip():
        raise BadInput("file is empty", where=name)
    return text


MAX_JSON_DEPTH = 500
"""JSON inputs nested deeper than this are refused (no castkit document is nested past ten)."""


def loads_json(text: str, *, where: str | None = None) -> Any:
    """A JSON document as Python data, refusing what JSON does not have but Python would read:
    ``NaN`` and ``Infinity``, strings holding lone surrogates (no file can be written with them),
    and nesting past :data:`MAX_JSON_DEPTH`."""
    import json

    def not_a_number(constant: str) -> float:
        raise ValueError(f"{constant} is not a number JSON allows")

    try:
        data = json.loads(text, parse_constant=not_a_number)
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}", where=where) from None
    except ValueError as exc:
        raise BadInput(f"not valid JSON: {exc}", where=where) from None
    except RecursionError:
        raise BadInput(f"JSON nested more than {MAX_JSON_DEPTH} levels deep", where=where) from None
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise BadInput(f"JSON nested more than {MAX_JSON_DEPTH} levels deep", where=where)
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and _SURROGATE.search(value):
            raise BadInput("JSON holds a lone surrogate (\\ud800-\\udfff), which is not text", where=where)
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_not_input(output: str | Path, inputs: list[str | Path]) -> None:
    """Refuse an output path that names one of the inputs, however spelled (``..``, a symlink, a hard link)."""
    if str(output) == "-":
        return
    out = Path(output).resolve()
    for item in inputs:
        if str(item) == "-":
            continue
        source = Path(item)
        if source.resolve() == out or (out.exists() and source.exists() and os.path.samefile(source, out)):
            raise OutputError("output would overwrite an input", where=str(output))


def check_output(output: str | Path, inputs: list[str | Path]) -> None:
    """Refuse, before any work is done, an output that would overwrite an input or has nowhere to go."""
    check_not_input(output, inputs)
    if str(output) != "-":
        check_destination(Path(output))


def check_output_folder(output: str | Path, inputs: list[str | Path]) -> None:
    """Refuse an output folder that is a file, whose parent folder is missing, or that holds an input."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise OutputError("exists and is not a folder", where=str(folder))
    resolved = folder.resolve()
    if not resolved.parent.is_dir():
        reason = f"{folder.parent} is a file, not a folder" if resolved.parent.exists() else "folder does not exist"
        raise OutputError(reason, where=str(folder))
    for item in inputs:
        if str(item) != "-" and resolved in Path(item).resolve().parents:
            raise OutputError(f"the output folder holds the input {item}; choose another -o", where=str(folder))


def check_destination(target: Path, *, recorded: bool = True) -> Path:
    """The file to write for output path ``target``: a symlink is written through to the file it
    names; a folder, a device, a pipe, or a path whose folder does not exist is refused, and so
    is an existing file castkit did not write (or that was edited since) unless ``--force``
    was given. ``recorded=False`` is for a folder castkit keeps its own manifest of."""
    real = target.resolve()
    if real.is_dir():
        raise OutputError("is a directory", where=str(target))
    if real.exists() and not real.is_file():
        raise OutputError("is a device or pipe, not a file (use - for stdout)", where=str(target))
    directory = real.parent
    if not directory.is_dir():
        reason = f"{target.parent} is a file, not a folder" if directory.exists() else "folder does not exist"
        raise OutputError(reason, where=str(target))
    if recorded and not _force and real.exists():
        _check_replaceable(real, str(target))
    return real


def _check_replaceable(real: Path, name: str) -> None:
    """Refuse to replace ``real`` unless castkit's record shows it wrote these very bytes."""
    from castkit import written

    try:
        ours = written.castkit_wrote(real)
    except written.Unavailable as exc:
        raise OutputError(f"exists, and castkit's record of the files it wrote cannot be read ({exc}): "
                          "--force replaces it", where=name) from None
    except OSError as exc:
        raise OutputError(f"exists and cannot be read: {exc.strerror}", where=name) from None
    if not ours:
        raise OutputError("exists and castkit did not write it (or it was edited since): --force replaces it", where=name)


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None,
                  recorded: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only if the block succeeds.

    A symlink at ``path`` stays a symlink: the file it points to is the one replaced. The
    file's SHA-256 goes into castkit's record (:mod:`castkit.written`), so a later run may
    replace it; ``recorded=False`` skips the record and its check, for a file in a folder
    castkit keeps its own manifest of (a pack, a batch's staging folder)."""
    target = check_destination(Path(path), recorded=recorded)
    binary = "b" in mode
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", where=str(path)) from None
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else newline) as handle:
            yield handle
        os.chmod(tmp, 0o644)
        sha256 = _digest(tmp) if recorded else None
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", where=str(path)) from None
        raise
    if sha256 is not None:
        _remember(target, sha256)


def _digest(path: str) -> str:
    from castkit.written import file_digest

    return file_digest(Path(path))


_unrecorded: list[Notice] = []


def _remember(target: Path, sha256: str) -> None:
    """Record a written file. Without a record a later run refuses to replace it, the safe side,
    and the user is told now (:func:`unrecorded`) rather than surprised then."""
    from castkit import written

    try:
        written.record(target, sha256)
    except written.Unavailable as exc:
        _unrecorded.append(Notice("record", str(target), f"written, but castkit's record of the files it wrote is "
                                  f"unavailable ({exc}): a later run will replace it only with --force"))


def unrecorded() -> list[Notice]:
    """The files written since the last call that could not be recorded, one notice each (the list empties)."""
    taken = _unrecorded[:]
    _unrecorded.clear()
    return taken


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8", recorded: bool = True) -> None:
    """Write ``text`` atomically, or to stdout for ``-``; ``recorded`` as for :func:`atomic_writer`."""
    if str(path) == "-":
        sys.stdout.write(text)
        return
    with atomic_writer(path, encoding=encoding, newline="", recorded=recorded) as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes, *, recorded: bool = True) -> None:
    """Write ``data`` atomically, or to stdout for ``-``; ``recorded`` as for :func:`atomic_writer`."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        return
    with atomic_writer(path, "wb", recorded=recorded) as handle:
        handle.write(data)

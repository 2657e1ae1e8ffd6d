"""Where batch inputs and outputs live: local paths or fsspec URLs (``s3://``, ``gs://``, …).

Workers copy each remote input into a private temporary folder before the job reads it, and
publish an item's outputs in one step: a local folder is renamed into place (the old one kept
until the new one is whole); a remote folder is uploaded before the ledger records the item,
so an interrupted upload is redone on resume, never counted as done.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from castkit.errors import BadInput, OutputError

_STAGING = ".castkit-batch-"
"""Prefix of the hidden folders an item is written into before it is published."""


def is_remote(location: str) -> bool:
    """True for an fsspec URL other than a plain local path or ``file://``."""
    return "://" in location and not location.startswith("file://")


def filesystem(location: str) -> tuple[Any, str]:
    """The fsspec filesystem for ``location`` and the path inside it."""
    import fsspec

    try:
        return fsspec.core.url_to_fs(location)
    except (ImportError, ValueError) as exc:
        raise BadInput(f"cannot open this location: {exc}".splitlines()[0], where=location) from None


def join(base: str, name: str) -> str:
    """``base/name`` for a local path or a URL."""
    return f"{base.rstrip('/')}/{name}" if is_remote(base) else str(Path(base) / name)


def content_hash(location: str) -> str:
    """SHA-256 of a file's bytes, read in blocks, local or remote."""
    digest = hashlib.sha256()
    fs, path = filesystem(location)
    try:
        with fs.open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise BadInput("no such file", where=location) from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc}".splitlines()[0], where=location) from None
    return digest.hexdigest()


def fetch(location: str, into: Path) -> str:
    """A local path to read ``location`` from: itself when local, else a copy in ``into``."""
    if not is_remote(location):
        return location.removeprefix("file://")
    fs, path = filesystem(location)
    local = into / Path(path).name
    fs.get(path, str(local))
    return str(local)


def staging_folder(out: str, item_id: str) -> Path:
    """A fresh hidden folder to write one item into: beside its final place when local."""
    if is_remote(out):
        import tempfile

        return Path(tempfile.mkdtemp(prefix=_STAGING))
    folder = Path(out) / f"{_STAGING}{item_id}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    return folder


def publish(staging: Path, out: str, item_id: str) -> None:
    """Put a finished item's folder in its place: an atomic swap locally, an upload remotely."""
    if is_remote(out):
        fs, path = filesystem(join(out, item_id))
        if fs.exists(path):
            fs.rm(path, recursive=True)
        fs.put(str(staging), path, recursive=True)
        shutil.rmtree(staging, ignore_errors=True)
        return
    target = Path(out) / item_id
    old = None
    if target.exists():
        old = Path(out) / f"{_STAGING}{item_id}-old-{uuid.uuid4().hex[:8]}"
        os.rename(target, old)
    os.rename(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def tidy(out: str) -> None:
    """Remove what an interrupted batch left in a local output folder: unpublished items.

    A folder moved aside for a swap that never finished is moved back first, so an item
    that was done before the interruption stays done.
    """
    if is_remote(out) or not Path(out).is_dir():
        return
    for leftover in sorted(Path(out).glob(f"{_STAGING}*")):
        name = leftover.name[len(_STAGING):]
        if "-old-" in name:
            target = Path(out) / name.rsplit("-old-", 1)[0]
            if not target.exists():
                os.rename(leftover, target)
                continue
        shutil.rmtree(leftover, ignore_errors=True)


def prepare_output(out: str) -> None:
    """Make sure the output folder can be written: created when its parent exists."""
    if is_remote(out):
        fs, path = filesystem(out)
        fs.makedirs(path, exist_ok=True)
        return
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError("exists and is not a folder", where=out)
    if not folder.parent.is_dir():
        raise OutputError("folder does not exist", where=str(folder.parent))
    folder.mkdir(exist_ok=True)


def read_text(location: str) -> str:
    """A small text file (a manifest, the ledger), local or remote; "" when it does not exist."""
    fs, path = filesystem(location)
    try:
        with fs.open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 (byte {exc.start}): save it as UTF-8", where=location) from None


def write_text(location: str, text: str) -> None:
    """Write a small text file whole: atomically locally, as one object remotely."""
    if is_remote(location):
        fs, path = filesystem(location)
        with fs.open(path, "wb") as handle:
            handle.write(text.encode("utf-8"))
        return
    from castkit.files import write_text as write_local

    write_local(location, text)

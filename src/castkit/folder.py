"""An output folder castkit owns: written whole, replaced in one step, never taking a user's file.

A folder output (the ``castkit build`` pack) is built in a hidden staging folder beside its
target and swapped into place with one ``rename``. castkit replaces a folder only when it is
empty or when it can prove it made it: the folder's manifest lists every file castkit wrote
with its SHA-256. A file castkit did not write, or changed since, is the user's: it is carried
into the new folder untouched (hard-linked, so never copied or lost), and if the new folder
would write a file of the same name the build is refused instead.

Interrupts: SIGINT and SIGTERM are held while the folders are swapped, so the target is
always either the whole old folder or the whole new one; the staging folder is removed on the
way out. A SIGKILL can leave a hidden staging folder (``.NAME.castkit-*``) behind; the next
build into the same folder removes it. A lock on the parent folder makes a second build into
it wait until the first has finished.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from castkit.errors import OutputError

LOCK_WAIT_S = 600
"""How long a build waits for another build into the same folder before giving up."""

_STAGING = ".castkit-"


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def owned_files(target: Path, manifest: str, schema: str) -> dict[str, str]:
    """The files of ``target`` castkit can prove it wrote: relative path ▸ SHA-256 from the manifest.

    An empty or missing folder owns nothing. A folder with other files and no manifest of
    ours is refused: castkit never writes into a folder it did not make; with ``--force`` it
    owns nothing there, keeps every file and replaces those the new build writes.
    """
    from castkit.files import replacing_allowed

    if not target.exists() or not any(target.iterdir()):
        return {}
    try:
        return _listed_files(target, manifest, schema)
    except OutputError:
        if replacing_allowed():
            return {}
        raise


def _listed_files(target: Path, manifest: str, schema: str) -> dict[str, str]:
    """The files ``target``'s manifest lists that still hold what castkit wrote."""
    path = target / manifest
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        files = document["files"] if document.get("schema") == schema else None
        listed = {f["path"]: f["sha256"] for f in files} if isinstance(files, list) else None
    except FileNotFoundError:
        raise OutputError(f"exists and is not a castkit build folder (no {manifest}); choose another -o, or --force builds beside its files", where=str(target)) from None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        listed = None
    if listed is None:
        raise OutputError(f"holds a {manifest} castkit did not write; choose another -o, or --force builds beside its files", where=str(target))
    return {name: digest for name, digest in listed.items()
            if isinstance(name, str) and isinstance(digest, str) and _file_matches(target, name, digest)}


def _file_matches(root: Path, name: str, digest: str) -> bool:
    path = root / name
    inside = ".." not in Path(name).parts and not Path(name).is_absolute()
    return inside and path.is_file() and not path.is_symlink() and sha256(path) == digest


@contextmanager
def replacing(target: Path, *, manifest: str, schema: str) -> Iterator[Path]:
    """A staging folder for a new ``target``; when the block ends, it becomes ``target`` in one step.

    The manifest must be the last file written into the staging folder. On any exception
    (interrupts included) the staging folder is removed and ``target`` is left as it was.
    """
    target = target.resolve()
    parent = target.parent
    if not parent.is_dir():
        raise OutputError("folder does not exist", where=str(parent))
    if target.exists() and (target.is_symlink() or not target.is_dir()):
        raise OutputError("exists and is not a folder", where=str(target))
    with _locked(parent, target):
        _remove_stale(parent, target.name)
        owned = owned_files(target, manifest, schema)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{_STAGING}", dir=parent))
        except OSError as exc:
            raise OutputError(f"cannot write here: {exc.strerror}", where=str(parent)) from None
        try:
            yield staging
            if target.exists():
                _carry_user_files(target, staging, owned, manifest)
            staging.chmod(0o755)
            _swap_into_place(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(parent: Path, target: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``parent`` (no lock file to leave behind); wait for another build."""
    try:
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise OutputError(f"cannot open the folder: {exc.strerror}", where=str(parent)) from None
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError("another castkit build is still writing here; try again when it ends",
                                      where=str(target)) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock


def _remove_stale(parent: Path, name: str) -> None:
    """Remove staging folders a killed build left beside ``name`` (the lock says none is in use)."""
    for leftover in parent.glob(f".{name}{_STAGING}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _carry_user_files(target: Path, staging: Path, owned: dict[str, str], manifest: str) -> None:
    """Hard-link every file of ``target`` castkit did not write (or that was changed) into ``staging``."""
    from castkit.files import replacing_allowed

    for directory, folders, files in os.walk(target):
        here = Path(directory)
        relative = here.relative_to(target)
        for folder in folders:
            made = staging / relative / folder
            if made.exists() and not made.is_dir():
                raise OutputError(f"{(relative / folder).as_posix()} is a folder of yours where the new build "
                                  "writes a file; move it away or choose another -o", where=str(target))
            made.mkdir(exist_ok=True)
        for file in files:
            name = (relative / file).as_posix()
            if name == manifest or name in owned:
                continue
            destination = staging / name
            if destination.exists() and replacing_allowed():  # --force: the new build's file replaces it
                continue
            if destination.exists() or destination.is_symlink():
                raise OutputError(f"{name} was not written by castkit (or was changed since) and the new build "
                                  "writes a file of that name; move it away, choose another -o, or --force replaces it", where=str(target))
            try:
                os.link(here / file, destination, follow_symlinks=False)
            except OSError:
                shutil.copy2(here / file, destination, follow_symlinks=False)


def _swap_into_place(staging: Path, target: Path) -> None:
    """``staging`` becomes ``target`` in one rename; the old folder is then removed. Interrupts wait."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        if not target.exists():
            _rename(staging, target)
        elif not any(target.iterdir()):
            _rename(staging, target)  # rename(2) replaces an empty folder
        else:
            _exchange(staging, target)
            shutil.rmtree(staging, ignore_errors=True)  # now the old folder
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _rename(source: Path, target: Path) -> None:
    try:
        os.rename(source, target)
    except OSError as exc:
        raise OutputError(f"cannot put the new folder in place: {exc.strerror}", where=str(target)) from None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (Linux ``renameat2(RENAME_EXCHANGE)``); elsewhere, two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if done == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS):
            raise OutputError(f"cannot replace the earlier build: {os.strerror(code)}", where=str(b))
    aside = a.with_name(a.name + "-old")
    _rename(b, aside)
    try:
        os.rename(a, b)
    except OSError as exc:
        os.rename(aside, b)
        raise OutputError(f"cannot replace the earlier build: {exc.strerror}", where=str(b)) from None
    os.rename(aside, a)


def check_not_inside(target: Path, inputs: list[str]) -> None:
    """Refuse an output folder that is, or holds, one of the inputs."""
    resolved = target.resolve()
    for item in inputs:
        if item == "-":
            continue
        source = Path(item).resolve()
        if resolved == source or resolved in source.parents:
            raise OutputError(f"the output folder holds the input {item}; choose another -o", where=str(target))

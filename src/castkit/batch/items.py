"""What a batch works on: items found in a folder (matched by name) or listed in a manifest.

In a folder, files that share a name up to the first dot are one item, their roles told by
extension: ``x.mp3`` (or any audio/video extension) is its audio, ``x.asr.txt``, ``x.hyp.*``
or a subtitle file its hypothesis (what aired), and the remaining text file its script.
A manifest is CSV with a header or JSON Lines, with the fields ``id``, ``script``, ``audio``,
``hypothesis``; relative paths are read beside the manifest.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from castkit.batch import store
from castkit.errors import BadInput

AUDIO = frozenset({".wav", ".mp3", ".m4a", ".mp4", ".aac", ".flac", ".ogg", ".opus", ".mov", ".mkv", ".webm"})
SUBTITLES = frozenset({".srt", ".vtt", ".ass", ".ssa", ".ttml", ".dfxp", ".scc", ".stl"})
HYPOTHESIS_MARKS = frozenset({"asr", "hyp", "aired"})
"""A second dotted part that marks a hypothesis: ``x.asr.txt``, ``x.hyp.trn``, ``x.aired.srt``."""
SCRIPTS = frozenset({".txt", ".json", ".castkit", ".docx", ".xml", ".md", ".trn"})
MANIFESTS = frozenset({".csv", ".jsonl", ".ndjson"})
FIELDS = ("id", "script", "audio", "hypothesis")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


@dataclass(frozen=True)
class Item:
    """One bulletin of a batch: an id (its output folder's name) and where its inputs are."""

    id: str
    script: str | None = None
    audio: str | None = None
    hypothesis: str | None = None

    def inputs(self) -> dict[str, str]:
        """The inputs it has, by role."""
        return {k: v for k, v in asdict(self).items() if k != "id" and v}


def find_items(inputs: str) -> list[Item]:
    """The items of a folder or a manifest (local path or fsspec URL), sorted by id."""
    suffix = PurePosixPath(inputs.split("?", 1)[0]).suffix.lower()
    if suffix in MANIFESTS:
        items = _from_manifest(inputs, suffix)
    else:
        fs, path = store.filesystem(inputs)
        if not fs.isdir(path):
            kind = "not a folder or a manifest (.csv, .jsonl)" if fs.exists(path) else "no such folder or manifest"
            raise BadInput(kind, where=inputs)
        items = _from_folder(inputs, [PurePosixPath(p).name for p in fs.ls(path, detail=False)])
    if not items:
        raise BadInput("no items found (see docs/batch.md for how files are matched)", where=inputs)
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BadInput(f"item id {duplicates[0]!r} appears more than once", where=inputs)
    return sorted(items, key=lambda item: item.id)


def _role(name: str) -> tuple[str, str] | None:
    """(item id, role) for a file name, or None for a file that is no input (hidden, unknown)."""
    if name.startswith("."):
        return None
    parts = name.split(".")
    if len(parts) < 2:
        return None
    key, suffix = parts[0], "." + parts[-1].lower()
    if len(parts) > 2 and parts[1].lower() in HYPOTHESIS_MARKS:
        return key, "hypothesis"
    if suffix in AUDIO:
        return key, "audio"
    if suffix in SUBTITLES:
        return key, "hypothesis"
    if suffix in SCRIPTS:
        return key, "script"
    return None


def _from_folder(folder: str, names: list[str]) -> list[Item]:
    found: dict[str, dict[str, str]] = {}
    for name in sorted(names):
        role = _role(name)
        if role is None:
            continue
        key, kind = role
        roles = found.setdefault(key, {})
        if kind in roles:
            raise BadInput(f"two {kind} files for item {key!r}: {PurePosixPath(roles[kind]).name} and {name}", where=folder)
        roles[kind] = store.join(folder, name)
    return [_checked(Item(key, **roles), folder) for key, roles in found.items()]


def _from_manifest(manifest: str, suffix: str) -> list[Item]:
    text = store.read_text(manifest)
    if not text.strip():
        raise BadInput("no such manifest, or it is empty", where=manifest)
    if suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise BadInput(f"line {number}: not JSON ({exc.msg})", where=manifest) from None
            if not isinstance(row, dict):
                raise BadInput(f"line {number}: not a JSON object", where=manifest)
            rows.append(row)
    base = manifest.rsplit("/", 1)[0] if "/" in manifest else "."
    items = []
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - set(FIELDS))
        if unknown:
            raise BadInput(f"item {number}: unknown field {unknown[0]!r}; fields are {', '.join(FIELDS)}", where=manifest)
        values = {k: str(v).strip() for k, v in row.items() if v not in (None, "")}
        paths = {k: _beside(base, v) for k, v in values.items() if k != "id"}
        script = paths.get("script") or paths.get("hypothesis") or paths.get("audio") or ""
        item_id = values.get("id") or PurePosixPath(script).name.split(".")[0]
        items.append(_checked(Item(item_id, **paths), manifest))
    return items


def _beside(base: str, path: str) -> str:
    if store.is_remote(path) or path.startswith("/"):
        return path
    return store.join(base, path)


def _checked(item: Item, where: str) -> Item:
    if not _ID.match(item.id):
        raise BadInput(f"item id {item.id!r} cannot name a folder (letters, digits, . _ - only)", where=where)
    if not item.inputs():
        raise BadInput(f"item {item.id!r} has no inputs", where=where)
    return item

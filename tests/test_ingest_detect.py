"""Style detection picks the right house style for every fixture of every style."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

from castkit.ingest import parse_text
from castkit.ingest.detect import detect
from castkit.model import SCHEMA

STYLE_DIRS = ("web", "show", "bracket", "labels", "markup", "plain", "producer", "radio", "spreadsheet")


def _expected(path: Path) -> str | None:
    if path.suffix == ".json":
        return "segment_json" if SCHEMA in path.read_text("utf-8") else None
    return path.parent.name if path.parent.name in STYLE_DIRS else None


CASES = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and _expected(p)] + [SEED]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_detects_the_style_of_every_fixture(path: Path) -> None:
    text = path.read_text("utf-8")
    expected = _expected(path) or "web"
    assert detect(text) == expected
    parsed = parse_text(text)
    assert parsed.style == expected and parsed.bulletin.stories


def test_every_style_dir_has_fixtures() -> None:
    for name in STYLE_DIRS:
        assert len(list((FIXTURES / name).glob("*"))) >= 2, name

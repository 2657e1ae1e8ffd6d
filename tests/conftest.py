"""Shared fixtures: paths to the bundled sample and the shared schemas."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# castkit's record of the files it wrote lives in a folder of this test run, not the user's
os.environ["CASTKIT_STATE_DIR"] = tempfile.mkdtemp(prefix="castkit-state-")
# and the unpacked language model in one of its own
os.environ["CASTKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="castkit-cache-")

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "media"
SEED = MEDIA / "arirang-284316.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SCHEMAS = SHARED / "schemas"


@pytest.fixture
def seed_path() -> Path:
    return SEED


def run_cli(*args: str, input: str | bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``castkit`` command in a subprocess, as a user would (stdin/stdout piped)."""
    env = dict(os.environ, COLUMNS="120", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "castkit", *args],
        input=input.encode() if isinstance(input, str) else input,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


@pytest.fixture
def cli():
    return run_cli

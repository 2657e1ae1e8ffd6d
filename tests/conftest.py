"""Shared fixtures: paths to the bundled sample and the shared schemas."""

from __future__ import annotations

import os
import shutil
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


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_calc = pytest.mark.skipif(
    SOFFICE is None, reason="LIBREOFFICE TEST SKIPPED: no soffice on PATH (scripts/install_test_tools.sh installs Debian's libreoffice-calc)"
)


@pytest.fixture(scope="module")
def calc(tmp_path_factory):
    """Convert a file with LibreOffice headless, which computes every formula on the way."""
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(path: Path, target: str, *, infilter: str | None = None) -> Path:
        out = path.parent / f"lo-{path.stem}"
        command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(out), str(path)]
        subprocess.run(command, capture_output=True, timeout=300, check=True)
        return out / f"{path.stem}.xlsx"

    return convert

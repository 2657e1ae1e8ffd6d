"""``castkit --help`` stays fast: no heavy library and no castkit work module is imported to show help.

The time itself is measured by the benchmark (wall-clock limits do not belong in unit tests);
this test guards the cause, so an eager import added anywhere shows up here by name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from castkit.cli.app import COMMANDS as LISTED

HEAVY = {
    "bs4", "charset_normalizer", "defusedxml", "imageio_ffmpeg", "jinja2", "jiwer", "jsonschema", "lxml", "numpy",
    "openpyxl", "pocketsphinx", "pycaption", "pysubs2", "rapidfuzz", "srt",
}
"""Libraries only the work of a command needs."""

HELP_FRAMEWORK_EXTRAS = {"markdown_it", "pygments", "attr"}
"""What typer's help renderer would load for markdown help and pretty tracebacks, neither of which castkit's help uses."""

HELP_MODULES = {"castkit", "castkit.errors"}
"""The castkit modules showing help may load, besides the command-line modules under castkit.cli."""

COMMANDS = ["", "parse", "rundown", "subs", "align", "qa", "lint", "build"]


def imported_by(*args: str) -> set[str]:
    """Every module ``castkit ARGS`` has loaded when it exits (``sys.modules``: what ``import`` and
    ``importlib`` loaded alike)."""
    code = ("import atexit, runpy, sys\n"
            "atexit.register(lambda: print(*sys.modules, file=sys.stderr))\n"
            f"sys.argv = ['castkit', *{list(args)!r}]\n"
            "runpy.run_module('castkit', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="120"), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return set(done.stderr.split())


@pytest.fixture(scope="module")
def help_imports() -> dict[str, set[str]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(COMMANDS, pool.map(lambda c: imported_by(*filter(None, [c, "--help"])), COMMANDS)))


@pytest.mark.parametrize("command", COMMANDS)
def test_help_imports_nothing_heavy(command, help_imports):
    modules = help_imports[command]
    assert "castkit.cli" in modules  # the parse of -X importtime output found the imports
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert not heavy, f"castkit {command} --help imports {heavy}"
    work = sorted(m for m in modules if m.split(".")[0] == "castkit" and m not in HELP_MODULES and not m.startswith("castkit.cli"))
    assert not work, f"castkit {command} --help imports {work}"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_loads_no_other_command(command, help_imports):
    """``castkit --help`` lists every command from its summary; ``castkit X --help`` loads X alone."""
    loaded = {m.rpartition(".")[2] for m in help_imports[command] if m.startswith("castkit.cli.")} & set(LISTED)
    assert loaded == ({command} if command else set())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_defers_what_the_help_renderer_does_not_use(command, help_imports):
    modules = help_imports[command]
    assert "typer.rich_utils" in modules  # the help was rendered by typer's rich renderer
    extras = sorted(m for m in modules if m.split(".")[0] in HELP_FRAMEWORK_EXTRAS or m in ("rich.markdown", "rich.traceback"))
    assert not extras, f"castkit {command} --help imports {extras}"


def test_the_deferred_renderer_classes_are_the_real_ones_when_used():
    """Markdown help and rich tracebacks still work: the stand-ins hand every use to rich's classes."""
    code = (
        "import castkit.cli, sys\n"
        "from typer import rich_utils\n"
        "text = rich_utils._make_rich_text(text='**bold**', markup_mode='markdown')\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError as exc:\n"
        "    trace = rich_utils.Traceback.from_exception(type(exc), exc, exc.__traceback__)\n"
        "print(type(text).__module__, type(text).__name__, type(trace).__module__, type(trace).__name__)\n"
        "print(type(sys.modules['rich.markdown']).__name__, hasattr(sys.modules['rich.markdown'], 'MarkdownIt'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["rich.markdown Markdown rich.traceback Traceback", "module True"]

"""One command line that reads like one tool: --version, usage lines in one style, the same short flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli

from castkit import cli
from castkit.cli.app import COMMANDS, load_command
from castkit.cli.common import STYLE_HELP
from castkit.ingest import styles

LEAKS = re.compile(r"<(?:bool|str|int|float|path|list\[[^\]]*\]|[a-z]+ range)>|\[x[<>]=")


def test_version():
    done = run_cli("--version")
    assert done.returncode == 0 and re.fullmatch(r"castkit \d+\.\d+\.\d+\S*\n", done.stdout.decode())


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_option_library_types(command):
    done = run_cli(command, "--help")
    assert done.returncode == 0
    text = done.stdout.decode()
    assert not LEAKS.search(text), LEAKS.search(text).group(0)


def test_every_command_module_is_listed_and_opens_its_help_with_its_summary():
    modules = {path.stem for path in Path(cli.__file__).parent.glob("*.py") if "@subcommand(" in path.read_text("utf-8")}
    assert modules == set(COMMANDS)
    for name, summary in COMMANDS.items():
        command = load_command(name)
        assert command.params and command.help.split("\n\n")[0] == summary


def test_the_overview_lists_every_command_by_its_summary_and_a_typo_is_named():
    listed = " ".join(run_cli("--help").stdout.decode().split())
    assert all(f"{name} {' '.join(summary.split())}" in listed.replace(" │ ", " ") for name, summary in COMMANDS.items())
    done = run_cli("lnit", "film.srt")
    assert done.returncode == 2 and "No such command 'lnit'. Did you mean 'lint'?" in done.stderr.decode()


@pytest.mark.parametrize(("args", "named"), [(["qa", "ref.txt", "--max-wer"], "castkit qa"), (["lint", "--bogus", "x"], "castkit lint"),
                                             (["--bogus"], "castkit")])
def test_a_usage_error_names_the_help_of_the_command_given(args, named):
    done = run_cli(*args)
    assert done.returncode == 2 and done.stderr.decode().endswith(f"(see '{named} --help')\n")


def test_each_short_flag_means_one_option_everywhere():
    meaning: dict[str, set[str]] = {}
    for command in map(load_command, COMMANDS):
        for param in command.params:
            long = next((o for o in param.opts if o.startswith("--")), None)
            for short in (o for o in param.opts if re.fullmatch(r"-[A-Za-z]", o)):
                meaning.setdefault(short, set()).add(long)
    assert all(len(longs) == 1 for longs in meaning.values()), meaning
    assert meaning["-o"] == {"--output"} and meaning["-f"] == {"--format"} and meaning["-s"] == {"--style"}


def test_every_style_option_lists_every_style():
    assert set(re.findall(r"\w+", STYLE_HELP.split(":", 1)[1])) - {"or"} == set(styles())


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("film.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n", "SRT"),
        ("film.vtt", "WEBVTT\nKind: captions\n\n00:01.000 --> 00:02.000\nHello\n", "VTT"),
    ],
)
def test_a_subtitle_file_given_as_a_script_names_the_right_command(tmp_path, name, text, kind):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.srt"
    done = run_cli("subs", str(path), "-o", str(out))
    assert done.returncode == 2 and not out.exists()
    line = done.stderr.decode()
    assert line.count("\n") == 1 and f"subtitle file ({kind})" in line
    assert "castkit convert" in line and "castkit retime" in line

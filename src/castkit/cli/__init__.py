"""The ``castkit`` command line: a thin layer over the library.

Each subcommand lives in its own module, loaded only when it runs or shows its help, and
imports the library only inside its function, so ``castkit --help`` and every command start
fast. :func:`main` is the one place errors reach the user: a
:class:`castkit.errors.CastkitError` becomes one line on stderr and exit code 2; any other
exception is a bug and becomes one ``internal error`` line, exit 2 too (``--debug``, anywhere
on the command line, shows the traceback). SIGTERM interrupts like Ctrl-C, so a killed run
cleans up after itself.
"""

from __future__ import annotations

import signal
import sys

import typer

from castkit.cli.app import COMMANDS, app
from castkit.errors import CastkitError

DEBUG = "--debug"
"""Show the traceback of an internal error instead of its one-line summary."""

ENCODING = "--encoding"
"""``--encoding NAME``: read every text input in this encoding instead of detecting it."""

_LONGEST = 400
"""Characters of an error message shown; the rest of a runaway message is cut."""


def one_line(message: str) -> str:
    """``message`` on one line: line breaks folded, control characters dropped, length bounded."""
    text = " ".join(message.split())
    text = "".join(c for c in text if c.isprintable())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Entry point of the ``castkit`` console script."""
    from typer.exceptions import TyperException

    arguments = sys.argv[1:]
    options = arguments[: arguments.index("--")] if "--" in arguments else arguments
    debug = DEBUG in options
    if debug:
        arguments.remove(DEBUG)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        arguments = _take_encoding(arguments)
        code = app(args=arguments, prog_name="castkit", standalone_mode=False)
        _announce_unrecorded()
    except TyperException as exc:  # usage errors (missing argument, bad option value): one line too
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare ``castkit``: typer has shown the overview
            sys.exit(0)
        command = context.command_path if context is not None else _named(arguments)
        _fail(f"castkit: error: {one_line(exc.format_message())} (see '{command} --help')", getattr(exc, "exit_code", 2))
    except CastkitError as exc:
        _fail(f"castkit: error: {one_line(str(exc))}", 2)
    except (KeyboardInterrupt, typer.Abort):
        _fail("castkit: interrupted", 130)
    except BrokenPipeError:  # the reader of stdout went away (``| head``): nothing left to say
        sys.stderr.close()
        sys.exit(0)
    except RecursionError:
        if debug:
            raise
        _fail("castkit: error: the input is nested too deeply to read", 2)
    except MemoryError:
        _fail("castkit: error: not enough memory for this input", 2)
    except Exception as exc:
        if debug:
            raise
        _fail(f"castkit: internal error: {type(exc).__name__}: {one_line(str(exc))} "
              f"(a bug in castkit: please report it with the command you ran; {DEBUG} shows the traceback)", 2)
    sys.exit(code if isinstance(code, int) else 0)


def _named(arguments: list[str]) -> str:
    """``castkit COMMAND`` for the command ``arguments`` name (for an error the option parser raises
    without its command), else ``castkit``."""
    name = next((argument for argument in arguments if not argument.startswith("-")), None)
    return f"castkit {name}" if name in COMMANDS else "castkit"


def _announce_unrecorded() -> None:
    """Name the written files castkit could not record, for the commands whose notices did not already."""
    files = sys.modules.get("castkit.files")  # not loaded: nothing was written (and ``--help`` stays fast)
    for notice in files.unrecorded() if files else []:
        print(f"castkit: warning: {notice}", file=sys.stderr)


def _take_encoding(arguments: list[str]) -> list[str]:
    """``arguments`` without ``--encoding NAME`` (anywhere before ``--``), which is applied to every text input."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    for n, argument in enumerate(arguments[:end]):
        if argument == ENCODING or argument.startswith(ENCODING + "="):
            from castkit.files import use_encoding

            value = argument.partition("=")[2] if "=" in argument else (arguments[n + 1] if n + 1 < end else "")
            if not value:
                raise CastkitError(f"{ENCODING} needs an encoding name, such as cp949 or gb18030")
            use_encoding(value)
            return arguments[:n] + arguments[n + (1 if "=" in argument else 2):]
    return arguments


def _fail(line: str, code: int) -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    print(line, file=sys.stderr)
    sys.exit(code)

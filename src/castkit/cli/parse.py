"""`castkit parse`: read a script in any house style and show, or write, the model."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE, STRICT_HELP, STYLE_HELP

if TYPE_CHECKING:
    from castkit.ingest import Parsed
    from castkit.model import Bulletin

_BY_EXTENSION = {".json": "json", ".castkit": "markup", ".txt": "markup"}


@subcommand("parse")
def command(
    file: str = typer.Argument(..., metavar="FILE|-", help="Script to read; - reads stdin."),
    json_out: bool = typer.Option(False, "--json", help="Print the castkit.segment/1 JSON."),
    to: Optional[str] = typer.Option(None, "--to", metavar="FORMAT", help="Write as: markup (editable script), json or tree."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write here (atomically) instead of stdout."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list the site boilerplate that was dropped."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Shows a tree of stories and elements on a terminal; --json or --to markup for files.
    Detected encoding, style and warnings go to stderr.
    """
    from castkit.cli.common import announce, choose_format
    from castkit.files import check_output, write_text
    from castkit.ingest import parse_file

    fmt = choose_format(output, "json" if json_out else to, _BY_EXTENSION, "tree")
    if output:
        check_output(output, [file])
    parsed = parse_file(file, style=style)
    _report(parsed, file, verbose)
    if fmt == "tree" and not (output and output != "-"):
        _print_tree(parsed.bulletin)
    else:
        write_text(output or "-", _render(parsed.bulletin, fmt))
    announce(parsed.notices, strict=strict)


def _render(bulletin: Bulletin, fmt: str) -> str:
    """The bulletin as a tree (plain text), castkit JSON or castkit markup."""
    if fmt == "tree":
        return _tree_text(bulletin)
    if fmt == "json":
        from castkit.model import dumps

        return dumps(bulletin)
    from castkit.ingest.markup import to_markup

    return to_markup(bulletin)


def _report(parsed: Parsed, file: str, verbose: bool) -> None:
    """What was detected and (verbose) what was dropped, on stderr; the notices follow the output."""
    name = "<stdin>" if file == "-" else file
    stories = len(parsed.bulletin.stories)
    print(f"castkit: {name}: {parsed.encoding}, style {parsed.style}, {stories} stor{'y' if stories == 1 else 'ies'}", file=sys.stderr)
    if verbose:
        for line in parsed.dropped:
            print(f"castkit: dropped: {line}", file=sys.stderr)


def _tree(bulletin: Bulletin):
    """A rich Tree: stories with their format and source, elements with kind, speaker and size.

    Lines are cut with an ellipsis at the terminal's width rather than wrapped.
    """
    from rich.text import Text
    from rich.tree import Tree

    from castkit.text import hangul_syllables, word_count

    def line(*parts: tuple[str, str]) -> Text:
        return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")

    root = Tree(line((bulletin.title or "bulletin", "bold")))
    for story in bulletin.stories:
        facts = [story.effective_format().value]
        facts += [x for x in (story.published and story.published.isoformat(timespec="minutes"), story.source.outlet, story.correspondent) if x]
        node = root.add(line((story.title or "(untitled)", "bold"), ("\n" + " · ".join(facts), "dim")))
        for element in story.elements:
            who = element.speaker.label + ("?" if element.speaker.inferred else "")
            size = f"{hangul_syllables(element.text)} syl" if story.language == "ko" else f"{word_count(element.text)} words"
            node.add(line((f"{element.kind.value:<11}", "cyan"), (f"{who:<17} ", ""), (f"{size:>9}  ", "dim"), (" ".join(element.text.split()), "")))
    return root


def _print_tree(bulletin: Bulletin) -> None:
    from rich.console import Console

    Console().print(_tree(bulletin))


def _tree_text(bulletin: Bulletin) -> str:
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(_tree(bulletin))
    return console.file.getvalue()

"""The terminal report: scores, breakdowns, confusions and the aligned words in colour.

Substitutions show ``ref→hyp``, deletions ``[-ref]`` and insertions ``[+hyp]`` so the
view stays readable without colour (``NO_COLOR``, pipes); long rows wrap at word boundaries.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING

from castkit.qa.corpus import CorpusResult
from castkit.qa.gate import Verdict
from castkit.qa.live import LiveResult
from castkit.qa.ner import NerScore
from castkit.qa.score import Result, percent
from castkit.qa.view import Row, breakdowns, method, ner_line, rows
from castkit.qa.wer import DEL, HIT, INS, SUB, Counts

if TYPE_CHECKING:
    from rich.console import Console


def _counts_line(c: Counts) -> str:
    return (f"N={c.ref_words} hyp={c.hyp_words}  hits {c.hits}  sub {c.substitutions}  "
            f"del {c.deletions}  ins {c.insertions}")


_OP_STYLE = {DEL: "red", INS: "green", SUB: "yellow"}


def _words(row: Row) -> Iterator[tuple[str, str | None]]:
    """A row as (word, style) pairs: the label, then ``ref``, ``[-ref]``, ``[+hyp]`` or ``ref→hyp``."""
    if row.label:
        yield f"{row.label}:", "bold"
    for op in row.ops:
        if op is None:
            yield "…", "dim"
        elif op.kind == HIT:
            yield op.ref, None
        elif op.kind == DEL:
            yield f"[-{op.ref}]", _OP_STYLE[DEL]
        elif op.kind == INS:
            yield f"[+{op.hyp}]", _OP_STYLE[INS]
        else:
            yield f"{op.ref}→{op.hyp}", _OP_STYLE[SUB]


def _print_rows(console: Console, shown: list[Row]) -> None:
    """The aligned words, wrapped at word boundaries to the console width and coloured by hand:
    a transcript of millions of words prints in seconds (rich's own wrapping of one long
    ``Text`` takes minutes and gigabytes)."""
    from rich.cells import cell_len
    from rich.console import COLOR_SYSTEMS
    from rich.style import Style

    system = COLOR_SYSTEMS.get(console.color_system or "")
    styles = {name: Style.parse(name) for name in ("bold", "dim", *_OP_STYLE.values())}
    write, width = console.file.write, console.width
    for row in shown:
        used, line = 0, []
        for word, style in _words(row):
            size = cell_len(word)
            if used and used + 1 + size > width:
                write("".join(line) + "\n")
                used, line = 0, []
            if used:
                line.append(" ")
                used += 1
            line.append(styles[style].render(word, color_system=system) if style and system else word)
            used += size
        write("".join(line) + "\n")


def render(result: Result, *, file: IO[str] | None = None, errors_only: bool = False,
           gates: Sequence[Verdict] = (), ner: NerScore | None = None, width: int | None = None) -> None:
    """Print the report to ``file`` (stdout by default)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console = Console(file=file, width=width, highlight=False)
    counts = result.counts
    console.print(f"[bold]{escape(result.hypothesis.name)}[/] against [bold]{escape(result.reference.name)}[/] "
                  f"({method(result)})")
    console.print(f"WER {percent(counts.wer)}  MER {percent(counts.mer)}  WIL {percent(counts.wil)}  "
                  f"CER {percent(result.cer)}")
    console.print(_counts_line(counts))
    if counts.wer is None:
        console.print(f"[yellow]empty reference: WER is undefined; {counts.insertions} insertion(s)[/]")
    console.print("normalisation: " + "; ".join(result.steps()), style="dim", markup=False)
    for unit in result.units:
        if unit.status != "scored":
            side = "hypothesis" if unit.status == "missing" else "reference"
            console.print(f"[yellow]utterance {escape(str(unit.id))}: not in the {side}, not scored[/]")
    for title, groups in breakdowns(result):
        if len(groups) < 2 and title == "speaker" or not groups:
            continue
        table = Table(title=f"by {title}", title_justify="left")
        for column in (title, "WER", "N", "sub", "del", "ins"):
            table.add_column(column, justify="left" if column == title else "right")
        for g in groups:
            c = g.counts
            table.add_row(Text(g.name), percent(c.wer), str(c.ref_words), str(c.substitutions), str(c.deletions), str(c.insertions))
        console.print(table)
    confusions = result.confusions()
    if confusions:
        console.print("top confusions: " + ", ".join(f"{r}→{h} ×{n}" for r, h, n in confusions[:10]), markup=False)
    if result.deletions():
        console.print("top deletions: " + ", ".join(f"{w} ×{n}" for w, n in result.deletions()[:10]), markup=False)
    if result.insertions():
        console.print("top insertions: " + ", ".join(f"{w} ×{n}" for w, n in result.insertions()[:10]), markup=False)
    if ner is not None:
        console.print(f"NER accuracy {ner_line(ner)}: " + ("acceptable" if ner.acceptable else "below 98 %"))
    console.print()
    _print_rows(console, rows(result, errors_only=errors_only))
    for verdict in gates:
        console.print(verdict.line(), style=None if verdict.passed else "bold red", markup=False)


def render_live(result: LiveResult, *, file: IO[str] | None = None, gates: Sequence[Verdict] = (),
                width: int | None = None) -> None:
    """Print the live-subtitle report: latency, speed per minute, bursts, accuracy."""
    from rich.console import Console
    from rich.table import Table

    from castkit.qa.live import BURST_WPM, OFCOM_LATENCY_MS

    def seconds(ms: int | None) -> str:
        return "-" if ms is None else f"{ms / 1000:.2f} s"

    console = Console(file=file, width=width, highlight=False)
    lat = result.latency()
    console.print(f"[bold]{result.subtitles}[/] against the audio [bold]{result.audio}[/] (live subtitles)")
    console.print(f"latency: mean {seconds(lat['mean_ms'])}  median {seconds(lat['median_ms'])}  "
                  f"95th percentile {seconds(lat['p95_ms'])}  over {OFCOM_LATENCY_MS / 1000:g} s: "
                  f"{lat['over_target']} of {lat['cues']} timed cue(s) ({len(result.cues)} in all)")
    speed = Table(title="words per minute of programme", title_justify="left")
    for column in ("minute", "words", "wpm"):
        speed.add_column(column, justify="right")
    for m in result.minutes():
        speed.add_row(f"{m.index}:00", str(m.words), f"{m.wpm:.0f}")
    console.print(speed)
    bursts = result.bursts()
    console.print(f"bursts over {BURST_WPM} wpm: {len(bursts)}"
                  + ("  (" + ", ".join(f"cue {c.number} {c.wpm:.0f} wpm" for c in bursts[:10]) + ")" if bursts else ""))
    if result.accuracy is not None:
        console.print(f"accuracy against the script: WER {percent(result.accuracy.counts.wer)}; "
                      f"{len(result.sheet)} difference(s) in the NER worksheet (--ner)")
    if result.ner is not None:
        console.print(f"NER accuracy (proposed severities) {ner_line(result.ner)}: "
                      + ("acceptable" if result.ner.acceptable else "below 98 %"))
    for verdict in gates:
        console.print(verdict.line(), style=None if verdict.passed else "bold red")


def render_corpus(result: CorpusResult, *, file: IO[str] | None = None, gates: Sequence[Verdict] = (),
                  width: int | None = None) -> None:
    """Print corpus QA: the totals, a table per file, and per-speaker and per-outlet totals."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file, width=width, highlight=False)
    counts = result.counts
    console.print(f"corpus of {len(result.results)} pair(s): WER {percent(counts.wer)}  CER {percent(result.cer)}  "
                  "(errors summed over all words, not an average of file rates)")
    console.print(_counts_line(counts))
    if result.results:
        console.print("normalisation: " + "; ".join(result.results[0].steps()), style="dim")
    tables = [("file", [(p.name, r.counts) for p, r in zip(result.pairs, result.results)]),
              ("speaker", list(result.totals("speaker").items())), ("outlet", list(result.totals("outlet").items()))]
    for title, rows in tables:
        if not rows:
            continue
        table = Table(title=f"by {title}", title_justify="left")
        for column in (title, "WER", "N", "sub", "del", "ins"):
            table.add_column(column, justify="left" if column == title else "right")
        for name, c in rows:
            table.add_row(name, percent(c.wer), str(c.ref_words), str(c.substitutions), str(c.deletions), str(c.insertions))
        console.print(table)
    for verdict in gates:
        console.print(verdict.line(), style=None if verdict.passed else "bold red")

"""`castkit batch`: one job over many bulletins, on local processes or a Dask cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE, STRICT_HELP, STYLE_HELP

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from castkit.batch import BatchReport


@subcommand("batch")
def command(
    job: str = typer.Argument(..., metavar="JOB", help="build, subs, align or qa."),
    inputs: str = typer.Argument(..., metavar="INPUTS", help="A folder (files matched by name) or a manifest (.csv, .jsonl); local or an fsspec URL."),
    output: str = typer.Option(..., "--output", "-o", metavar="OUT", help="Output folder: one folder per item, the ledger and the summary."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, metavar="N", help="Local worker processes (1 runs the items in this process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Run on this Dask scheduler, e.g. tcp://host:8786, instead of local processes."),
    profile: str = typer.Option("broadcast", "--profile", "-p", metavar="PROFILE", help="Subtitle profile for build and subs: broadcast, streaming or a TOML file."),
    formats: Optional[List[str]] = typer.Option(None, "--format", "-f", metavar="FORMAT", help="subs: a format to write (repeat for more; default srt)."),
    style: Optional[str] = typer.Option(None, "--style", "-s", metavar="STYLE", help=STYLE_HELP + " (for every script)"),
    sclite: bool = typer.Option(False, "--sclite", help="qa: sclite's alignment and text rules."),
    as_json: bool = typer.Option(False, "--json", help="Print the castkit.batch/1 summary on stdout."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Exit codes: 0 every item done, 1 an item failed (or, with --strict, any notice), 2 bad input.
    """
    import json

    from castkit.batch import JOBS, find_items, run_batch
    from castkit.batch.report import to_dict, write
    from castkit.errors import BadInput

    if job not in JOBS:
        raise BadInput(f"unknown job {job!r}; choose one of {', '.join(JOBS)}")
    options = _options(job, profile=profile, formats=formats, style=style, sclite=sclite)
    items = find_items(inputs)
    executor = _executor(scheduler) if scheduler else None
    try:
        with _progress(len(items)) as on_result:
            report = run_batch(job, items, output, options=options, executor=executor, workers=workers, on_result=on_result)
    finally:
        if executor is not None:
            executor.shutdown(wait=False)
    json_at, html_at = write(report)
    if as_json:
        typer.echo(json.dumps(to_dict(report), ensure_ascii=False, indent=2))
    _report(report, html_at, strict=strict)


def _options(job: str, *, profile: str, formats: list[str] | None, style: str | None, sclite: bool) -> dict:
    """The options that shape this job's outputs (and so each item's key): only those it uses."""
    from castkit.errors import BadInput
    from castkit.subtitles.formats import EXTENSIONS

    options: dict = {"style": style} if style else {}
    if job in ("build", "subs"):
        options["profile"] = profile
    if job == "subs":
        known = sorted(set(EXTENSIONS.values()))
        for name in formats or []:
            if name not in known:
                raise BadInput(f"unknown format {name!r}; choose from {', '.join(known)}")
        options["formats"] = formats or ["srt"]
    elif formats:
        raise BadInput("--format is for the subs job")
    if job == "qa" and sclite:
        options["sclite"] = True
    elif sclite:
        raise BadInput("--sclite is for the qa job")
    return options


def _executor(address: str) -> Executor:
    """A Dask cluster's executor: the same interface as a local process pool."""
    from castkit.errors import BadInput

    try:
        from distributed import Client
    except ImportError:
        raise BadInput("--scheduler needs Dask: pip install 'castkit[cluster]'") from None
    try:
        return Client(address, timeout="10s").get_executor()
    except (OSError, TimeoutError) as exc:
        raise BadInput(f"cannot reach the Dask scheduler: {exc}".splitlines()[0], where=address) from None


def _progress(total: int):
    """A progress bar counting done, failed and skipped items with the time left; silent when piped."""
    from contextlib import contextmanager

    from castkit.cli.common import interactive

    @contextmanager
    def bar():
        if not interactive():
            yield lambda result, total: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        tally = {"done": 0, "failed": 0, "skipped": 0}
        with Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                      TimeRemainingColumn(), transient=True) as progress:
            task = progress.add_task("", total=total)

            def advance(result, total):
                tally[result.status] += 1
                progress.update(task, advance=1, description=" · ".join(f"{n} {k}" for k, n in tally.items()))

            yield advance

    return bar()


def _report(report: BatchReport, html_at: str, *, strict: bool) -> None:
    """A line per failed item and per notice of the items run now, the totals, and the exit code."""
    from castkit.batch.report import totals

    found = totals(report)
    for result in report.results:
        if result.status == "failed":
            typer.echo(f"castkit: error: {result.id}: {result.error}", err=True)
        elif result.status == "done":
            for notice in result.summary.get("notices", []):
                where = f"{notice['where']}: " if notice["where"] else ""
                typer.echo(f"castkit: warning: {result.id}: {notice['topic']}: {where}{notice['message']}", err=True)
    facts = [f"{found['items']} items", f"{found['done']} done", f"{found['skipped']} skipped", f"{found['failed']} failed"]
    if "qa" in found:
        wer = found["qa"]["wer"]
        facts.append("corpus WER " + ("undefined" if wer is None else f"{wer * 100:.2f} %") + f" ({found['qa']['errors']}/{found['qa']['ref_words']} words)")
    typer.echo(f"batch {report.job}: " + " · ".join(facts) + f" in {report.seconds:.1f} s", err=True)
    typer.echo(html_at, err=True)
    if found["failed"] or (strict and found["notices"]):
        raise typer.Exit(1)

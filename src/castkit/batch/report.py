"""What a batch adds up to: corpus totals, the per-item table, and a dashboard page.

Rates over a corpus are computed from summed counts — corpus WER is all errors over all
reference words, never an average of per-item rates — so a long bulletin weighs as much as
its words.
"""

from __future__ import annotations

import json
from typing import Any

from castkit.batch import store
from castkit.batch.runner import BatchReport, ItemResult

SCHEMA = "castkit.batch/1"
SLOWEST = 10


def _qa_counts(result: ItemResult) -> dict[str, int] | None:
    return result.summary.get("qa")


def totals(report: BatchReport) -> dict[str, Any]:
    """Corpus figures over every item that is done (this run's and earlier runs' alike)."""
    ended = [r for r in report.results if r.status in ("done", "skipped")]
    found: dict[str, Any] = {"items": len(report.results), "done": report.count("done"),
                             "skipped": report.count("skipped"), "failed": report.count("failed")}
    counts = [c for c in map(_qa_counts, ended) if c]
    if counts:
        summed = {k: sum(c[k] for c in counts) for k in ("hits", "substitutions", "deletions", "insertions", "ref_words", "hyp_words")}
        errors = summed["substitutions"] + summed["deletions"] + summed["insertions"]
        found["qa"] = {**summed, "errors": errors, "wer": errors / summed["ref_words"] if summed["ref_words"] else None}
    for name in ("cues", "problems", "reading_speed", "stories", "mismatches", "est_s"):
        values = [r.summary[name] for r in ended if isinstance(r.summary.get(name), int)]
        if values:
            found[name] = sum(values)
    statuses: dict[str, int] = {}
    for r in ended:
        for status, n in (r.summary.get("elements") or {}).items():
            statuses[status] = statuses.get(status, 0) + n
    if statuses:
        found["elements"] = statuses
    found["notices"] = sum(len(r.summary.get("notices", [])) for r in ended)
    return found


def item_wer(result: ItemResult) -> float | None:
    counts = _qa_counts(result)
    if not counts or not counts.get("ref_words"):
        return None
    return (counts["substitutions"] + counts["deletions"] + counts["insertions"]) / counts["ref_words"]


def to_dict(report: BatchReport) -> dict[str, Any]:
    """The ``castkit.batch/1`` document: ``summary.json`` and ``castkit batch --json``."""
    return {
        "schema": SCHEMA,
        "job": report.job,
        "output": report.out,
        "options": report.options,
        "seconds": report.seconds,
        "totals": totals(report),
        "items": [
            {"id": r.id, "status": r.status, "error": r.error, "seconds": r.seconds, "attempts": r.attempts,
             "wer": item_wer(r), "summary": r.summary}
            for r in report.results
        ],
    }


def write(report: BatchReport) -> tuple[str, str]:
    """Write ``summary.json`` and ``summary.html`` into the output folder; returns their locations."""
    data = to_dict(report)
    json_at, html_at = store.join(report.out, "summary.json"), store.join(report.out, "summary.html")
    store.write_text(json_at, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    store.write_text(html_at, dashboard(data))
    return json_at, html_at


def _histogram(values: list[float], bins: int = 10, top: float | None = None) -> list[int]:
    top = top or max(values, default=0) or 1
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int(value / top * bins))] += 1
    return counts


def dashboard(data: dict[str, Any]) -> str:
    """A self-contained page: totals, WER distribution, statuses, the slowest and the failed items."""
    from castkit.rundown.html import environment

    items = data["items"]
    wers = [i["wer"] for i in items if i["wer"] is not None]
    top = max(wers, default=0) or 1
    slowest = sorted((i for i in items if i["status"] == "done"), key=lambda i: -i["seconds"])[:SLOWEST]
    template = environment().get_template("batch.html.j2")
    return template.render(data=data, totals=data["totals"], wer_bins=_histogram(wers, top=top), wer_top=top,
                            slowest=slowest, failed=[i for i in items if i["status"] == "failed"])

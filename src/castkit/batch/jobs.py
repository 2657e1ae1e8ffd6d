"""The jobs a batch can run, each a thin call into castkit's library for one item.

A job reads an item's inputs (local paths by then), writes its outputs into the item's
folder and returns a small summary — counts the batch adds up into corpus totals, and the
item's notices. Jobs are plain module-level functions so any executor (a process pool, a
Dask cluster) can send them to a worker by reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from castkit.errors import BadInput

Summary = dict[str, Any]


@dataclass(frozen=True)
class Job:
    """A batch job: its name, the inputs it needs and may use, and the function that runs it."""

    name: str
    needs: tuple[str, ...]
    uses: tuple[str, ...]
    run: Callable[[dict[str, str], Path, dict[str, Any]], Summary]
    help: str

    def check(self, roles: dict[str, str]) -> None:
        """Refuse an item that lacks an input this job needs."""
        missing = [role for role in self.needs if role not in roles]
        if missing:
            raise BadInput(f"{self.name} needs a {' and a '.join(missing)} for this item")


def _notices(notices: list) -> list[dict[str, str]]:
    return [n.to_dict() for n in notices]


def run_build(inputs: dict[str, str], folder: Path, options: dict[str, Any]) -> Summary:
    """The whole pack (``castkit build``) in the item's folder."""
    from castkit.build import build_pack

    result = build_pack([inputs["script"]], folder, audio=inputs.get("audio"), hypothesis=inputs.get("hypothesis"),
                        profile=options.get("profile", "broadcast"), style=options.get("style"))
    summary: Summary = {"stories": result.stories, "cues": result.cues, "est_s": result.est_s,
                        "timed_from": result.timed_from, "notices": _notices(result.warnings)}
    if result.qa:
        summary["qa"] = result.qa["counts"]
    return summary


def run_subs(inputs: dict[str, str], folder: Path, options: dict[str, Any]) -> Summary:
    """Subtitles in each requested format (``castkit subs``), timed from the audio when the item has one."""
    from castkit.files import write_bytes, write_text
    from castkit.subtitles.formats import EXTENSIONS, render
    from castkit.subtitles.profiles import load_profile
    from castkit.subtitles.timeline import build_for

    rules = load_profile(options.get("profile", "broadcast"))
    extension = {fmt: ext for ext, fmt in reversed(EXTENSIONS.items())}
    summary: Summary = {"cues": 0, "problems": 0, "reading_speed": 0, "notices": []}
    for fmt in options.get("formats", ["srt"]):
        subs = build_for(inputs["script"], rules, format=fmt, style=options.get("style"), audio=inputs.get("audio"))
        rendered = render(subs, fmt)
        path = folder / f"{folder_stem(inputs)}{extension[fmt]}"
        if isinstance(rendered, bytes):  # EBU STL is binary; staged files need no record of their own
            write_bytes(path, rendered, recorded=False)
        else:
            write_text(path, rendered, recorded=False)
        summary["cues"] = max(summary["cues"], len(subs.cues))
        summary["problems"] = max(summary["problems"], len(subs.problems))
        summary["reading_speed"] = max(summary["reading_speed"], sum(p.rule == "cps" for p in subs.problems))
        summary["notices"] = _notices(subs.notices)
    return summary


def run_align(inputs: dict[str, str], folder: Path, options: dict[str, Any]) -> Summary:
    """The measured timings (``castkit align``) as ``timings.json``."""
    from castkit.audio.align import align_bulletin
    from castkit.audio.report import summary as align_summary
    from castkit.files import write_text
    from castkit.ingest import parse_file
    from castkit.timings import dumps

    parsed = parse_file(inputs["script"], style=options.get("style"))
    timeline = align_bulletin(parsed.bulletin, inputs["audio"])
    write_text(folder / "timings.json", dumps(timeline), recorded=False)
    counts = align_summary(timeline)
    return {"elements": counts["elements"], "words": counts["words"], "mismatches": len(timeline.mismatches),
            "notices": _notices(parsed.notices)}


def run_qa(inputs: dict[str, str], folder: Path, options: dict[str, Any]) -> Summary:
    """The script scored against what aired (``castkit qa --json``) as ``qa.json``."""
    import json

    from castkit.files import write_text
    from castkit.qa import inputs as qa_inputs
    from castkit.qa.score import compare

    reference, hypothesis = qa_inputs.load(inputs["script"]), qa_inputs.load(inputs["hypothesis"])
    result = compare(reference, hypothesis, sclite=bool(options.get("sclite")))
    write_text(folder / "qa.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", recorded=False)
    return {"qa": result.counts.to_dict(), "notices": _notices([*reference.notices, *hypothesis.notices])}


def folder_stem(inputs: dict[str, str]) -> str:
    """The name an item's files take: its script's, up to the first dot."""
    return Path(inputs["script"]).name.split(".")[0]


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job("build", ("script",), ("audio", "hypothesis"), run_build, "the whole pack, as castkit build"),
        Job("subs", ("script",), ("audio",), run_subs, "subtitles, timed from the audio when there is one"),
        Job("align", ("script", "audio"), (), run_align, "measured timings, as castkit align"),
        Job("qa", ("script", "hypothesis"), (), run_qa, "WER of what aired against the script"),
    )
}

"""Everything the studio shows that is computed, computed by castkit's library from what is stored.

A stored show is a ``castkit.segment/1`` document cut into rows; :func:`bulletin` puts it
back together, and from there the rundown sheet (:func:`castkit.rundown.build_sheet`), the
cues (:func:`castkit.subtitles.cues.build_cues`), the lint (:func:`castkit.subtitles.lint.lint_cues`),
the exports and the QA scores (:func:`castkit.qa.score.compare`) are the library's own.
The studio adds only what a browser needs around them: ids, versions and editable values.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import replace
from functools import lru_cache
from typing import Any

from castkit.errors import BadInput
from castkit.model import SCHEMA, Bulletin, Format, Story, bulletin_from_dict, bulletin_to_dict, dumps, story_to_dict
from castkit.notices import Notice
from castkit.rundown import Sheet, build_sheet
from castkit.rundown.columns import footer, header, record
from castkit.studio.store import story_with
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles, build_cues
from castkit.subtitles.lint import describe, lint_cues
from castkit.subtitles.profiles import Profile, load_profile
from castkit.timing import estimate_timeline, format_clock, format_duration, parse_clock, parse_duration
from castkit.timings import Timeline

PROFILE = "broadcast"
CUE_FIELDS = ("start_ms", "end_ms", "lines", "speaker", "role", "colour", "story", "element")


def profile() -> Profile:
    return load_profile(PROFILE)


# ---------------------------------------------------------------- shows in and out of storage


def read_upload(data: bytes, name: str) -> tuple[str, str]:
    """An uploaded script's text and encoding: a Word file's text, or the bytes decoded as castkit reads any file."""
    if name.lower().endswith(".docx"):
        from castkit.ingest.docx import docx_text

        return docx_text(data, name), "docx"
    from castkit.files import decode

    source = decode(data, name)
    return source.text, source.encoding


def import_script(text: str, name: str, encoding: str = "utf-8") -> dict[str, Any]:
    """A pasted or uploaded script as the rows a new show is stored in, with its parse notices."""
    from castkit.ingest import MAX_SCRIPT_BYTES, parse_text

    if len(text.encode("utf-8")) > MAX_SCRIPT_BYTES:
        raise BadInput(f"larger than {MAX_SCRIPT_BYTES // (1024 * 1024)} MB, the most a script may be", where=name)
    parsed = parse_text(text, name=name, encoding=encoding)
    bulletin = parsed.bulletin
    if not bulletin.stories:
        raise BadInput("no story found in the script", where=name)
    document = bulletin_to_dict(bulletin)
    return {
        "title": bulletin.title or bulletin.stories[0].title or name,
        "header": {k: v for k, v in document.items() if k not in ("schema", "stories")},
        "stories": [story_to_dict(s) for s in bulletin.stories],
        "notices": [{**n.to_dict(), "story": _story_of(n, bulletin)} for n in parsed.notices],
        "cues": cue_rows(bulletin),
    }


def _story_of(notice: Notice, bulletin: Bulletin) -> int | None:
    """The story a parse notice names ("story 2" in where it happened), so the grid shows it beside that story."""
    found = re.search(r"\bstory (\d+)\b", notice.where or "")
    if found and 0 < int(found[1]) <= len(bulletin.stories):
        return int(found[1]) - 1
    return None


def bulletin(show: dict[str, Any], story_rows: list[dict[str, Any]]) -> Bulletin:
    """The stored show as castkit's model (the running order, dropped stories left out).

    Each story is read (and checked against the segment schema) once per distinct content:
    checking dominated every request, and a story only changes through a new version.
    """
    head = bulletin_from_dict({"schema": SCHEMA, **show["header"], "title": show["title"], "stories": []}, where=f"show {show['id']}")
    return replace(head, stories=[_story(json.dumps(r["data"], sort_keys=True)) for r in story_rows])


@lru_cache(maxsize=4096)
def _story(document: str) -> Story:
    """A stored story as the model; shared between requests, which only read it."""
    return bulletin_from_dict({"schema": SCHEMA, "stories": [json.loads(document)]}).stories[0]


def cue_rows(show: Bulletin, timeline: Timeline | None = None) -> list[dict[str, Any]]:
    """Cues fitted to the broadcast profile, timed by ``timeline`` (else at read rate), as rows to store."""
    subs = build_cues(show, timeline or estimate_timeline(show), profile())
    return [{k: getattr(cue, k) for k in CUE_FIELDS} for cue in subs.cues]


def as_cue(row: dict[str, Any]) -> Cue:
    return Cue(**{k: row[k] for k in CUE_FIELDS})


# ---------------------------------------------------------------- values typed into the grid


def story_value(field: str, text: Any) -> Any:
    """A grid cell's text as the story field stores it (times as milliseconds); empty clears it."""
    if isinstance(text, bool) or field in ("floated", "dropped"):
        return text if isinstance(text, bool) else str(text).lower() == "true"
    value = str(text).strip()
    if not value:
        return None
    if field == "format":
        try:
            return Format(value.upper()).value
        except ValueError:
            raise BadInput(f"unknown format {value!r}; choose one of {', '.join(f.value for f in Format)}") from None
    if field == "hit_ms":
        return parse_clock(value, where="hit")
    if field in ("target_ms", "runs_ms"):
        return parse_duration(value, where=field[:-3])
    if field == "rate_wpm":
        return rate(value)
    return value


def show_value(field: str, text: str) -> Any:
    """A show header cell as stored."""
    value = str(text).strip()
    if field == "title":
        if not value:
            raise BadInput("a show needs a title")
        return value
    if not value:
        return None
    if field in ("start_ms", "end_ms"):
        return parse_clock(value, where=field[:-3])
    if field == "slot_ms":
        return parse_duration(value, where="slot")
    return rate(value)


def rate(value: str) -> float:
    try:
        wpm = float(value)
    except ValueError:
        raise BadInput(f"not a read rate: {value!r} (words per minute, e.g. 170)") from None
    if not 30 <= wpm <= 400:
        raise BadInput(f"a read rate of {value} words per minute is outside 30-400")
    return wpm


# ---------------------------------------------------------------- the producer's grid


def sheet_view(show: dict[str, Any], story_rows: list[dict[str, Any]]) -> tuple[Sheet, dict[str, Any]]:
    """The rundown sheet, and what the grid shows of it: the library's rows with each story's id and version."""
    sheet = build_sheet(bulletin(show, story_rows))
    head = show["header"]
    rows = []
    for row, stored in zip(sheet.rows, story_rows):
        data = stored["data"]
        rows.append({
            **record(row),
            "id": stored["id"],
            "version": stored["version"],
            "floated": row.floated,
            "edit": {
                "slug": row.slug, "title": data.get("title") or "", "talent": row.talent, "format": row.format,
                "block": data.get("block") or "", "page": data.get("page") or "", "notes": data.get("notes") or "",
                "hit_ms": format_clock(data["hit_ms"]) if data.get("hit_ms") is not None else "",
                "target_ms": format_duration(data["target_ms"]) if data.get("target_ms") is not None else "",
                "runs_ms": format_duration(data["runs_ms"]) if data.get("runs_ms") is not None else "",
                "rate_wpm": f"{data['rate_wpm']:g}" if data.get("rate_wpm") else "",
            },
        })
    view = {
        "show": {
            "id": show["id"], "version": show["version"], "title": show["title"],
            "edit": {
                "title": show["title"],
                "start_ms": format_clock(head["start_ms"]) if head.get("start_ms") is not None else "",
                "slot_ms": format_duration(head["slot_ms"]) if head.get("slot_ms") is not None else "",
                "rate_wpm": f"{head['rate_wpm']:g}" if head.get("rate_wpm") else "",
            },
        },
        "header": header(sheet),
        "totals": footer(sheet),
        "over_under": sheet.over_under,
        "rows": rows,
        "notices": show["notices"],
        "formats": [f.value for f in Format],
    }
    return sheet, view


def preview(show: dict[str, Any], story_rows: list[dict[str, Any]], target: str, target_id: int, field: str, text: str) -> dict[str, Any]:
    """The grid as it would be with one value changed, not stored: totals recomputed as the producer types."""
    if target == "show":
        value = show_value(field, text)
        show = {**show, "title": value} if field == "title" else {**show, "header": {**show["header"], field: value}}
    else:
        value = story_value(field, text)
        story_rows = [{**r, "data": story_with(r["data"], field, value)} if r["id"] == target_id else r for r in story_rows]
    return sheet_view(show, story_rows)[1]


RUNDOWN_TYPES = {
    "csv": ("text/csv", "csv"), "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "html": ("text/html", "html"), "markdown": ("text/markdown", "md"), "json": ("application/json", "json"),
    "prompter": ("text/plain", "txt"), "mos": ("application/zip", "zip"), "table": ("text/plain", "txt"),
}


def rundown_file(sheet: Sheet, name: str) -> tuple[bytes, str, str]:
    """A rundown export as (bytes, media type, file extension); MOS's set of files comes zipped."""
    from castkit.rundown import render

    result = render(sheet, name)
    mime, extension = RUNDOWN_TYPES.get(name, ("application/octet-stream", name))
    if isinstance(result, dict):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for filename, data in result.items():
                archive.writestr(filename, data)
        return buffer.getvalue(), mime, extension
    return (result if isinstance(result, bytes) else result.encode("utf-8")), mime, extension


# ---------------------------------------------------------------- the subtitle editor


def lint(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Each cue's lint problems by cue id, and the report's verdict, as ``castkit lint`` finds them."""
    report = lint_cues([as_cue(r) for r in rows], profile(), format="srt", source="cues")
    problems: dict[int, list[dict[str, str]]] = {}
    for problem in report.problems:
        problems.setdefault(rows[problem.cue - 1]["id"], []).append({"rule": problem.rule, "message": describe(problem)})
    verdict = report.lines()[-1].split(": ", 1)[1]
    return {"problems": problems, "verdict": verdict, "clean": report.clean}


def subtitle_file(rows: list[dict[str, Any]], name: str) -> str:
    """The cues as edited, written by the library's writer for ``name`` (SRT, ASS, VTT, TTML, EBU-TT-D, SCC, text)."""
    from castkit.subtitles.formats import profile_for, render

    return render(Subtitles([as_cue(r) for r in rows], profile_for(name, profile())), name)


# ---------------------------------------------------------------- QA


def score(show: Bulletin, text: str, name: str, max_wer: str) -> dict[str, Any]:
    """A hypothesis (ASR text, subtitles, trn) scored against the show's script: the ``castkit.qa/1``
    document with the WER gate, NER accuracy from the proposed severities, the notices and the word diff rows."""
    from castkit.notices import Notice
    from castkit.qa import gate, inputs, ner
    from castkit.qa.score import compare
    from castkit.qa.view import ner_line, rows

    if not text.strip():
        raise BadInput("the hypothesis is empty", where=name)
    threshold = gate.parse("wer", max_wer)
    reference = inputs.from_text(dumps(show), name="script", kind="script")
    hypothesis = inputs.from_text(text, name=name, kind=inputs.detect(text, name))
    result = compare(reference, hypothesis)
    verdicts = gate.judge(result, [threshold])
    accuracy = ner.score(result.counts.hyp_words, ner.worksheet(result))
    notices = [*hypothesis.notices, Notice("qa", name, "NER accuracy uses the proposed severities; a checker's worksheet may differ")]
    report = result.to_dict(verdicts)
    report["ner"] = {**accuracy.to_dict(), "line": ner_line(accuracy)}
    report["gate_lines"] = [v.line() for v in verdicts]
    report["notices"] = [n.to_dict() for n in notices]
    report["rows"] = [{"label": r.label, "ops": [[op.kind, op.ref, op.hyp] for op in r.ops if op is not None]} for r in rows(result)]
    return report

"""The newsroom pack: every castkit output for one bulletin, in one folder, linked from one page.

:func:`build_pack` parses the scripts once and hands the same model (and timeline) to every
part of castkit: the model as JSON and markup, the rundown in every export, the subtitles in
every format, their lint reports, the QA report, the timings file, and ``index.html``.

The folder appears whole or not at all (:mod:`castkit.folder`): everything is written into a
hidden folder beside the target and swapped into place at the end, so a failed or interrupted
build leaves the earlier pack as it was. An existing target is replaced only when it is empty
or an earlier pack whose ``build.json`` lists the files castkit wrote with their SHA-256; any
other file in it (added or edited by hand) is kept, never deleted.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from castkit.errors import BadInput, OutputError
from castkit.notices import Notice

if TYPE_CHECKING:
    from castkit.ingest import Parsed
    from castkit.model import Bulletin
    from castkit.qa.score import Result
    from castkit.rundown import Sheet
    from castkit.subtitles.cues import Subtitles
    from castkit.subtitles.lint import LintReport
    from castkit.subtitles.profiles import Profile
    from castkit.timings import Timeline

SCHEMA = "castkit.build/1"
MANIFEST = "build.json"
"""Written last into every pack: what was built, and the mark that a folder may be rebuilt."""

DEFAULT_DIR = "build"
SAMPLE = "arirang-284316"
"""The bundled sample in ``media/``: its script, recording and an as-aired ASR transcript."""

LINTED = ("srt", "ass", "vtt", "ttml", "ebu-tt-d", "scc")
"""Subtitle formats the pack lints after writing (every one but the plain transcript)."""

_STEPS = 8
_ALIGN_SHARE = 0.6
"""Of a build with audio, the part of the progress bar alignment takes."""


@dataclass(frozen=True)
class Sample:
    """The bundled demo inputs."""

    script: Path
    audio: Path
    hypothesis: Path


@dataclass(frozen=True)
class Output:
    """A file in the pack: its path inside the folder, what it is, its format and its SHA-256
    (the proof that castkit wrote it, so a rebuild may replace it)."""

    path: str
    kind: str
    format: str
    sha256: str = ""


@dataclass
class BuildResult:
    """What :func:`build_pack` wrote and what it wants a person to check."""

    out_dir: Path
    scripts: list[str]
    audio: str | None
    hypothesis: str | None
    profile: str
    timed_from: str  # "audio" | "read rate"
    stories: int
    cues: int
    est_s: int
    over_under: str | None
    qa: dict[str, Any] | None
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"

    def to_dict(self) -> dict[str, Any]:
        """The ``castkit.build/1`` document: ``build.json`` and ``castkit build --json``."""
        return {
            "schema": SCHEMA,
            "output": str(self.out_dir),
            "index": str(self.index),
            "inputs": {"scripts": self.scripts, "audio": self.audio, "hypothesis": self.hypothesis},
            "profile": self.profile,
            "timed_from": self.timed_from,
            "stories": self.stories,
            "cues": self.cues,
            "rundown": {"est_s": self.est_s, "over_under": self.over_under},
            "qa": self.qa,
            "files": [o.__dict__ for o in self.outputs],
            "warnings": [n.__dict__ for n in self.warnings],
        }


def sample() -> Sample:
    """The bundled sample, found in the ``media/`` folder of a castkit checkout."""
    media = Path(__file__).resolve().parents[2] / "media"
    found = Sample(media / f"{SAMPLE}.txt", media / f"{SAMPLE}.mp3", media / f"{SAMPLE}.asr.txt")
    missing = [p.name for p in (found.script, found.audio, found.hypothesis) if not p.is_file()]
    if missing:
        raise BadInput(
            f"the bundled sample ({', '.join(missing)}) comes with a castkit checkout, not an installed package; "
            "give a SCRIPT to build"
        )
    return found


def build_pack(
    scripts: Sequence[str | Path],
    out_dir: str | Path = DEFAULT_DIR,
    *,
    audio: str | Path | None = None,
    hypothesis: str | Path | None = None,
    profile: str = "broadcast",
    style: str | None = None,
    start_ms: int | None = None,
    slot_ms: int | None = None,
    allow_mismatch: bool = False,
    on_progress: Callable[[float], None] | None = None,
) -> BuildResult:
    """Build the whole pack for ``scripts`` (in running order) into ``out_dir``.

    ``audio`` times everything from the recording (alignment) instead of read rates and is
    copied into the pack for the page's player; a recording in which most of the script is
    not found is refused unless ``allow_mismatch``, and sentences never said in it get no cue.
    QA compares the script with ``hypothesis`` when given, else, with audio, with the
    subtitles written. ``start_ms``/``slot_ms`` give the rundown its clock and OVER/UNDER.
    ``on_progress`` receives the fraction done.
    """
    from castkit.folder import owned_files, replacing, sha256
    from castkit.subtitles.profiles import load_profile

    report = on_progress or (lambda fraction: None)
    names = [str(s) for s in scripts]
    if not names:
        raise BadInput("no script to build")
    inputs = [*names, *(str(p) for p in (audio, hypothesis) if p)]
    target = _check_target(Path(out_dir), inputs)
    owned_files(target, MANIFEST, SCHEMA)  # refuse someone else's folder before any work
    rules = load_profile(profile)
    bulletin, parsed = load_scripts(names, style=style)
    if not any(story.spoken_elements for story in bulletin.stories):
        raise BadInput("the script has no spoken text to build from", where=names[0])
    if start_ms is not None:
        bulletin.start_ms = start_ms
    if slot_ms is not None:
        bulletin.slot_ms, bulletin.end_ms = slot_ms, None
    report(0.05)
    timeline, measured = _timeline(bulletin, audio, report, allow_mismatch)
    with replacing(target, manifest=MANIFEST, schema=SCHEMA) as staging:
        pack = _Pack(staging)
        sheet, fitted, qa, lint = _write_all(pack, bulletin, timeline, measured, rules,
                                           stem=_stem(names[0]), audio=audio, hypothesis=hypothesis,
                                           report=lambda step: report(_done(step, audio)))
        subs = fitted["srt"]
        result = BuildResult(
            out_dir=Path(out_dir),
            scripts=names,
            audio=str(audio) if audio else None,
            hypothesis=str(hypothesis) if hypothesis else None,
            profile=subs.profile.name,
            timed_from="audio" if measured else "read rate",
            stories=len(bulletin.stories),
            cues=len(subs.cues),
            est_s=sheet.est_s,
            over_under=sheet.over_under or None,
            qa=_qa_summary(qa),
            outputs=pack.outputs,
            warnings=_notices(parsed, sheet, fitted, lint, timeline if measured else None),
        )
        pack.text("index.html", render_index(result, sheet, subs, qa), "page", "html")
        pack.outputs[:] = [replace(o, sha256=sha256(staging / o.path)) for o in pack.outputs]
        pack.text(MANIFEST, json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", "manifest", "json")
    report(1.0)
    return result


def _done(step: int, audio: object) -> float:
    start = 0.05 + (_ALIGN_SHARE if audio else 0.0)
    return start + (0.95 - start) * step / _STEPS


class _Pack:
    """The folder being built: writes files atomically and records them as outputs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.outputs: list[Output] = []

    def path(self, name: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def text(self, name: str, text: str | bytes, kind: str, fmt: str) -> Path:
        """Write a file of the pack: text, or bytes for binary formats (EBU STL)."""
        from castkit.files import write_bytes, write_text

        path = self.path(name)
        if isinstance(text, bytes):  # the pack's manifest records it, not castkit's record of single files
            write_bytes(path, text, recorded=False)
        else:
            write_text(path, text, recorded=False)
        self.outputs.append(Output(name, kind, fmt))
        return path

    def copy(self, source: str | Path, name: str, kind: str, fmt: str) -> None:
        try:
            shutil.copyfile(source, self.path(name))
        except OSError as exc:
            raise BadInput(f"cannot copy into the pack: {exc.strerror}", where=str(source)) from None
        self.outputs.append(Output(name, kind, fmt))


def _check_target(target: Path, inputs: list[str]) -> Path:
    """The output folder, refused when it is a file, its parent is missing, or it holds an input."""
    from castkit.folder import check_not_inside

    resolved = target.resolve()
    if target.exists() and not target.is_dir():
        raise OutputError("exists and is not a folder", where=str(target))
    if not resolved.parent.is_dir():
        raise OutputError("folder does not exist", where=str(target.parent))
    check_not_inside(target, inputs)
    return resolved


def load_scripts(names: list[str], *, style: str | None = None) -> tuple[Bulletin, list[Parsed]]:
    """One bulletin from several scripts, and each script as parsed (for its warnings).

    Stories run in the order given; show facts come from the first script, and a presenter's
    read rate from the first script that gives one.
    """
    from castkit.ingest import parse_file

    if names.count("-") > 1:
        raise BadInput("stdin (-) can be read only once")
    parsed = [parse_file(name, style=style) for name in names]
    bulletin = parsed[0].bulletin
    for other in parsed[1:]:
        bulletin.stories.extend(other.bulletin.stories)
        for presenter, wpm in other.bulletin.presenters.items():
            bulletin.presenters.setdefault(presenter, wpm)
    return bulletin, parsed


def _timeline(bulletin: Bulletin, audio: str | Path | None, report: Callable[[float], None], allow_mismatch: bool) -> tuple[Timeline, bool]:
    """The timeline every output shares: aligned to the audio, or estimated from read rates."""
    from castkit.subtitles.timeline import timeline_for

    def aligning(fraction: float) -> None:
        report(0.05 + _ALIGN_SHARE * min(1.0, max(0.0, fraction)))

    timeline = timeline_for(bulletin, audio=str(audio) if audio else None, allow_mismatch=allow_mismatch, on_progress=aligning)
    return timeline, audio is not None


def _stem(script: str) -> str:
    return "bulletin" if script == "-" else Path(script).stem


def _write_all(
    pack: _Pack,
    bulletin: Bulletin,
    timeline: Timeline,
    measured: bool,
    rules: Profile,
    *,
    stem: str,
    audio: str | Path | None,
    hypothesis: str | Path | None,
    report: Callable[[int], None],
) -> tuple[Sheet, dict[str, Subtitles], Result | None, list[LintReport]]:
    """Every output but the page and the manifest, in the pack folder; the cues fitted per format."""
    from castkit import timings
    from castkit.ingest.markup import to_markup
    from castkit.model import dumps
    from castkit.rundown import build_sheet, write
    from castkit.subtitles.formats import EXTENSIONS
    from castkit.subtitles.lint import written
    from castkit.timing import measured_rates
    from castkit.timings import said

    pack.text("script/segment.json", dumps(bulletin), "model", "json")
    pack.text("script/script.castkit", to_markup(bulletin), "model", "markup")
    report(1)
    if measured:
        pack.text("timings.json", timings.dumps(timeline), "timings", "json")
        pack.copy(audio, f"media/{Path(audio).name}", "audio", Path(audio).suffix.lstrip(".").lower())
    report(2)

    sheet = build_sheet(bulletin, timeline=said(bulletin, timeline)[1] if measured else None,
                        measured_rates=measured_rates(bulletin, timeline) if measured else {})
    for name, filename in _RUNDOWN_FILES.items():
        for path in write(sheet, name, str(pack.path(f"rundown/{filename}"))):
            pack.outputs.append(Output(Path(path).relative_to(pack.root).as_posix(), "rundown", name))
    report(4)

    fitted = _fitted_cues(*said(bulletin, timeline), rules)
    extension = {fmt: ext for ext, fmt in reversed(EXTENSIONS.items())}
    reports: dict[str, LintReport | None] = {}
    for fmt in fitted:  # each file linted once, as written: its problems are lint's
        name = f"subtitles/{stem}{extension[fmt]}"
        text, fitted[fmt], reports[fmt] = written(fitted[fmt], fmt, source=name)
        pack.text(name, text, "subtitles", fmt)
    lint = [report_ for fmt in LINTED if (report_ := reports.get(fmt))]
    pack.text("lint/lint.json", json.dumps([r.to_dict() for r in lint], ensure_ascii=False, indent=2) + "\n", "lint", "json")
    pack.text("lint/lint.txt", "".join(line + "\n" for r in lint for line in r.lines()), "lint", "text")
    report(6)

    qa = _qa(bulletin, stem, hypothesis, pack.root / f"subtitles/{stem}.srt" if measured else None)
    if qa is not None:
        from castkit.qa import html as qa_html

        pack.text("qa/qa.json", json.dumps(qa.to_dict(), ensure_ascii=False, indent=2) + "\n", "qa", "json")
        pack.text("qa/qa.html", qa_html.render(qa), "qa", "html")
    report(8)
    return sheet, fitted, qa, lint


_RUNDOWN_FILES = {"csv": "rundown.csv", "xlsx": "rundown.xlsx", "html": "rundown.html", "markdown": "rundown.md",
                  "json": "rundown.json", "mos": "mos", "prompter": "prompter.txt", "prompter-html": "prompter.html"}
"""Rundown export ▸ its file (or folder, for MOS) under ``rundown/``; the terminal table has none."""


def _fitted_cues(bulletin: Bulletin, timeline: Timeline, rules: Profile) -> dict[str, Subtitles]:
    """Each subtitle format's cues. Formats without limits of their own share one set, built
    once; only a format that narrows the profile or sends captions ahead (SCC) gets its own.
    A format that cannot carry the script (SCC and Hangul) or its times (ASS past ten hours) is
    left out, and why travels in the SRT cues' notices, as every pack has SRT."""
    from castkit.subtitles.formats import MODULES, build_cues_for, lead_for, profile_for, refusal, time_refusal

    fitted: dict[str, Subtitles] = {}
    shared: Subtitles | None = None
    refused = {fmt: why for fmt in MODULES if (why := refusal(fmt, bulletin))}
    for fmt in MODULES:
        if fmt in refused:
            continue
        if profile_for(fmt, rules) != rules or lead_for(fmt) is not None:
            fitted[fmt] = build_cues_for(fmt, bulletin, timeline, rules)
            continue
        if shared is None:
            shared = build_cues_for(fmt, bulletin, timeline, rules)
        fitted[fmt] = shared
    refused |= {fmt: why for fmt, subs in fitted.items() if (why := time_refusal(fmt, subs))}
    if "srt" in refused:  # every pack has SRT (a hundred hours of programme)
        raise BadInput(refused["srt"])
    fitted = {fmt: subs for fmt, subs in fitted.items() if fmt not in refused}
    fitted["srt"].notices += [Notice("format", fmt, f"not written: {why}") for fmt, why in refused.items()]
    return fitted


def _qa(bulletin: Bulletin, stem: str, hypothesis: str | Path | None, subtitles: Path | None) -> Result | None:
    """The script against the hypothesis, else against the subtitles written, else nothing.

    Scored with the broadcast preset (hyphen/space, contraction and number variants match),
    so the score measures words, not spelling; ``castkit qa`` without ``--preset`` is strict."""
    if hypothesis is None and subtitles is None:
        return None
    from castkit.model import dumps
    from castkit.qa import inputs
    from castkit.qa.normalize import Normalization
    from castkit.qa.score import compare

    reference = inputs.from_text(dumps(bulletin), name=f"{stem} (script)", kind="script")
    if hypothesis is not None:
        return compare(reference, inputs.load(hypothesis), normalization=Normalization.named("broadcast"))
    written = inputs.load(subtitles, "subtitles")
    written.name = f"{stem}.srt (subtitles)"
    return compare(reference, written, normalization=Normalization.named("broadcast"))


def _notices(
    parsed: list[Parsed], sheet: Sheet, fitted: dict[str, Subtitles], lint: list[LintReport], timeline: Timeline | None
) -> list[Notice]:
    """What the producer should look at, most urgent first: script and speakers, audio, timing, subtitles.

    ``fitted`` holds each format's cues, ``lint`` the reports of the :data:`LINTED` files in order."""
    from castkit.subtitles.formats import clock

    notes = [n for p in parsed for n in p.notices]
    notes += sheet.notices
    notes += fitted["srt"].notices  # stories left out (floated), formats not written
    if timeline is not None:
        from castkit.audio.report import notices

        notes += notices(timeline)
    if sheet.over_under:
        notes.append(Notice("timing", "rundown", f"the show runs {sheet.over_under} against its slot"))
    for p in fitted["srt"].problems:
        topic = "reading-speed" if p.rule == "cps" else "subtitles"
        notes.append(Notice(topic, f"cue {p.cue} at {clock(p.start_ms)}", f"{p.rule}: {p.message}"))
    listed = [(p.rule, p.cue) for p in fitted["srt"].problems]
    for r in lint:
        if r.problems and [(p.rule, p.cue) for p in r.problems] != listed:
            notes.append(Notice("subtitles", r.source, f"{len(r.problems)} violations in this file (see lint/lint.txt)"))
    return notes


def _qa_summary(qa: Result | None) -> dict[str, Any] | None:
    if qa is None:
        return None
    return {"reference": qa.reference.name, "hypothesis": qa.hypothesis.name, "wer": qa.counts.wer,
            "cer": qa.cer, "counts": qa.counts.to_dict()}


def render_index(result: BuildResult, sheet: Sheet, subs: Subtitles, qa: Result | None) -> str:
    """``index.html``: the pack's one page, every value escaped by the template."""
    from castkit.qa.score import percent
    from castkit.qa.view import rows
    from castkit.rundown.columns import footer, visible
    from castkit.rundown.html import environment
    from castkit.subtitles.formats import clock

    env = environment()
    env.filters["basename"] = lambda path: Path(path).name
    groups: dict[str, list[Output]] = {}
    for output in result.outputs:
        groups.setdefault(output.kind, []).append(output)
    return env.get_template("index.html.j2").render(
        result=result,
        title=sheet.title,
        stories=[(row, _web_link(row.story.source.url)) for row in sheet.rows],
        groups=groups,
        audio=next((o.path for o in result.outputs if o.kind == "audio"), None),
        vtt=next(o.path for o in result.outputs if o.format == "vtt"),
        language=subs.profile.language,
        cues=subs.cues,
        cue_data=[{"start": c.start_ms, "end": c.end_ms, "lines": c.lines, "colour": c.colour, "raised": c.raised}
                  for c in subs.cues],
        clock=clock,
        columns=[c for c in visible(sheet) if c.key not in _PAGE_OMITS],
        sheet=sheet,
        totals=footer(sheet),
        qa=qa,
        percent=percent,
        diff=rows(qa, errors_only=True) if qa else [],
    )


_PAGE_OMITS = {"words", "rate", "notes", "hit"}
"""Rundown columns the page leaves to the printable sheet."""


def _web_link(url: str | None) -> str | None:
    """A source link only when it is a web address: never ``javascript:`` or ``data:``."""
    return url if url and url.lower().startswith(("https://", "http://")) else None

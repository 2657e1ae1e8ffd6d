"""Check any subtitle file against a profile: every violation with its cue number and time.

Rules (ids as reported): ``line-length``, ``line-count``, ``cps`` (Netflix counting: all
characters, spaces and punctuation included, no tags or line breaks), ``min-duration``
(max(words × per-word minimum, minimum)), ``max-duration``, ``overlap``, ``min-gap`` (under
the profile's frames), ``short-gap`` (between the minimum and the gap that should be closed
or widened), ``order`` (a cue starting before the previous one), ``empty``,
``timing-in-text`` (an SRT or WebVTT text line other players read as a timing line: a cue
injected into the file) and, given the shot changes, ``shot-change`` (a cue crossing a cut). The file's language is detected from
its text (or given) and sets the reading speed (:mod:`castkit.subtitles.language`); Korean
files are held to the Korean limits. Cues are named by their number in the file (an SRT
may count from 0), and ASS karaoke and sign lines are counted, not checked. Times are
compared with the file format's own resolution (centiseconds in ASS, frames in SCC) as
tolerance, and in SCC, which cannot carry a gap shorter than 6 frames, cues that touch count
as chained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Problem, Subtitles, check
from castkit.subtitles.formats import clock
from castkit.subtitles.language import detect_language, for_language
from castkit.subtitles.profiles import Profile
from castkit.text import is_korean

_CUE_REF = re.compile(r"\bcue (\d+)\b")

RESOLUTION_MS = {"srt": 1, "vtt": 1, "ttml": 1, "ass": 10, "scc": 34}
"""How precisely each format stores a time: the tolerance of every timing rule."""

JOINED_GAPS = {"scc"}
"""Formats read back with short gaps joined: a 608 pop-on caption stays up until the next
one's End Of Caption, and pycaption's SCC reader joins cues under 6 frames apart (the
2-frame gap castkit writes included), so a gap of 0 there is a chained gap."""


@dataclass
class LintReport:
    """The cues of one file, the profile they were held to, and what they break."""

    source: str
    format: str
    profile: Profile
    cues: list[Cue]
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    """Lines left unchecked by kind (ASS ``karaoke`` and ``sign`` lines are not dialogue)."""

    @property
    def clean(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        """The report as ``castkit lint --json`` prints it."""
        return {
            "file": self.source,
            "format": self.format,
            "profile": self.profile.name,
            "language": self.profile.language,
            "cues": len(self.cues),
            "skipped": self.skipped,
            "clean": self.clean,
            "violations": [
                {"rule": p.rule, "cue": p.cue, "start_ms": p.start_ms, "time": clock(p.start_ms), "message": p.message}
                for p in self.problems
            ],
        }

    def lines(self) -> list[str]:
        """The report as ``castkit lint`` prints it: a line per violation, then the verdict."""
        out = [f"{self.source}: {describe(p)}" for p in self.problems]
        if self.skipped:
            kinds = ", ".join(f"{n} {kind}" for kind, n in self.skipped.items())
            out.append(f"{self.source}: not checked as dialogue: {kinds} line(s)")
        if self.clean:
            out.append(f"{self.source}: clean: {len(self.cues)} cues meet the {self.profile.name} profile")
        else:
            cues = len({p.cue for p in self.problems})
            out.append(f"{self.source}: {len(self.problems)} violations in {cues} of {len(self.cues)} cues ({self.profile.name} profile)")
        return out


def describe(problem: Problem) -> str:
    """A violation in one line, as ``castkit lint`` reports it and ``castkit subs`` warns of it."""
    return f"cue {problem.cue} at {clock(problem.start_ms)}: {problem.rule}: {problem.message}"


def lint_cues(
    cues: list[Cue],
    profile: Profile,
    *,
    format: str = "srt",
    source: str = "<cues>",
    language: str | None = None,
    shots: list[int] | None = None,
) -> LintReport:
    """Check cues against ``profile`` within the format's own limits (SCC: 32 columns, 29.97
    fps), switched to Korean limits for Korean text: the profile ``castkit subs`` builds to."""
    from castkit.subtitles.formats import MODULES, profile_for

    if format in MODULES:
        profile = profile_for(format, profile)
    skipped: dict[str, int] = {}
    for cue in cues:
        if cue.kind != "dialogue":
            skipped[cue.kind] = skipped.get(cue.kind, 0) + 1
    cues = [c for c in cues if c.kind == "dialogue"]
    language = language or detect_language(cues) or ("ko" if is_korean(" ".join(c.text for c in cues)) else profile.language)
    profile = for_language(profile, language)
    problems = check(cues, profile, tolerance_ms=RESOLUTION_MS.get(format, 1), joined_gaps=format in JOINED_GAPS)
    if format in ("srt", "vtt"):
        problems = sorted(problems + _timing_lines(cues), key=lambda p: p.cue)
    if shots:
        from castkit.subtitles.shots import crossings

        problems = sorted(problems + crossings(cues, shots, profile), key=lambda p: p.cue)
    return LintReport(source, format, profile, cues, _numbered(problems, cues), skipped)


_TIME = re.compile(r"\d{1,2}:\d{1,2}:\d{1,2}[.,]\d{1,3}|\d{2}:\d{2}\.\d{2,3}")
"""A time as pysubs2 finds one in SRT and WebVTT: it takes any line holding two for a timing line."""


def _timing_lines(cues: list[Cue]) -> list[Problem]:
    """Text lines other players (pysubs2, ffmpeg) would read as a timing line: an injected cue."""
    return [Problem("timing-in-text", n, cue.start_ms, f"line {i} reads as a timing line to other players: {line[:60]!r}")
            for n, cue in enumerate(cues, start=1) for i, line in enumerate(cue.lines, start=1)
            if line.count(":") >= 2 and len(_TIME.findall(line)) >= 2]


def _numbered(problems: list[Problem], cues: list[Cue]) -> list[Problem]:
    """``problems`` with cue numbers as the file writes them, in the messages too ("after cue 41")."""
    numbers = [c.number if c.number is not None else n for n, c in enumerate(cues, start=1)]
    if numbers == list(range(1, len(cues) + 1)):
        return problems

    def renumber(match: re.Match) -> str:
        return f"cue {numbers[int(match.group(1)) - 1]}"

    return [Problem(p.rule, numbers[p.cue - 1], p.start_ms, _CUE_REF.sub(renumber, p.message)) for p in problems]


def lint_text(text: str, profile: Profile, *, format: str, source: str = "<text>") -> LintReport:
    """Read subtitle text in ``format`` and check it: what :func:`lint_file` says of it once written."""
    from castkit.subtitles.read import parse_cues

    return lint_cues(parse_cues(text, format=format, name=source), profile, format=format, source=source)


def _read_as(format: str) -> str:
    return "ttml" if format == "ebu-tt-d" else format


def reads_back(format: str) -> bool:
    """Whether lint reads ``format`` back: :func:`as_written` then replaces the build's problems
    with lint's, and the build need not check its cues (``checked=False``)."""
    return _read_as(format) in RESOLUTION_MS


def as_written(subs: Subtitles, format: str) -> tuple[str, Subtitles]:
    """``subs`` rendered in ``format``, and the build as that text reads back: its cue times
    and lines (an SCC caption shows when a decoder can show it) and its problems are lint's
    on the text, so what ``castkit subs`` reports is what ``castkit lint`` finds in the file.
    Formats lint cannot read (the plain transcript) keep the build's own check."""
    text, subs, _ = written(subs, format)
    return text, subs


def written(subs: Subtitles, format: str, *, source: str = "<text>") -> tuple[str, Subtitles, LintReport | None]:
    """:func:`as_written`, with lint's report on the text (named ``source``; ``None`` for a
    format lint cannot read): a caller that writes many files lints each one once."""
    from castkit.subtitles.formats import render

    text = render(subs, format)
    if not reads_back(format):
        return text, subs, None
    read_as = _read_as(format)
    report = lint_text(text, subs.profile, format=read_as, source=source)
    cues = report.cues
    if len(cues) == len(subs.cues):
        cues = [
            replace(built, start_ms=read.start_ms, end_ms=read.end_ms, lines=read.lines)
            for built, read in zip(subs.cues, cues)
        ]
    return text, replace(subs, cues=cues, profile=report.profile, problems=report.problems), report


def lint_file(path: str | Path, profile: Profile, *, language: str | None = None, shots: list[int] | None = None) -> LintReport:
    """Read a subtitle file of any supported format (or ``-``) and check it; ``shots`` are cut times in ms."""
    from castkit.subtitles.read import read_subtitles

    fmt, cues, name = read_subtitles(path)
    return lint_cues(cues, profile, format=fmt, source=name, language=language, shots=shots)

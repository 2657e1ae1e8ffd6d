"""The producer's own script, typed the way newsroom systems print it.

Each story starts at a slug line — ``BOK-RATE / RDR / HAN`` (slug, format, talent), with an
optional page in front (``A2  NK-LETTER / PKG / HAN``). Under it come the anchor's copy and
the production lines that are never spoken:

- format lines (``VO``, ``SOT``, ``PKG``, ``TAKE VO``, ``(TAKE SOT)``, ``ON CAM``) say what
  the copy after them is: anchor copy over video, a soundbite, the package's track;
- ``RUNS 1:55`` (or ``TRT``) times the media run above it, ``OUTCUE: "...Arirang News."``
  (or ``OC:``) says how it ends, ``SUPER: Name / Title`` gives its lower third;
- ``BREAK 1 / 2:00`` is a commercial break of that length;
- bracketed director cues (``[CAM 2]``, ``[GFX: rate chart]``) are kept as instructions.

Slug, format and BREAK lines set the story's fields and never reach the spoken text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.furniture import air_time
from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story, Super
from castkit.notices import Notice
from castkit.text import is_korean
from castkit.timing import parse_exact

FORMATS = {
    "RDR": Format.RDR, "READER": Format.RDR, "VO": Format.VO, "V/O": Format.VO, "VO/SOT": Format.VOSOT,
    "VOSOT": Format.VOSOT, "VO-SOT": Format.VOSOT, "SOT": Format.SOT, "PKG": Format.PKG, "PACKAGE": Format.PKG,
    "LIVE": Format.LIVE, "TEASE": Format.TEASE, "OPEN": Format.OPEN, "CLOSE": Format.CLOSE,
}
"""Format codes a slug line may carry."""

_FORMAT = "|".join(re.escape(code) for code in sorted(FORMATS, key=len, reverse=True))
_SLUG_LINE = re.compile(
    rf"^(?:(?P<page>[A-Z]?\d{{1,3}}[A-Z]?)\s+)?(?P<slug>[A-Z0-9][A-Z0-9&'.-]*(?:[ _][A-Z0-9&'.-]+){{0,4}})"
    rf"\s*/\s*(?P<format>{_FORMAT})(?:\s*/\s*(?P<talent>[A-Z][A-Za-z.-]*(?:\s*/\s*[A-Z][A-Za-z.-]*)*))?$"
)
_TAKE = re.compile(r"^[(\[]?\s*(?:TAKE\s+)?(?P<what>VO/SOT|VO|V/O|SOT|PKG|LIVE|ON CAM|ON CAMERA|OC|CAM)\s*[)\]]?$")
_RUNS = re.compile(r"^[(\[]?\s*(?:RUNS|TRT|RUN ?TIME)\s*:?\s*(?P<time>\d*:\d{2})\s*[)\]]?$", re.IGNORECASE)
_OUTCUE = re.compile(r"^[(\[]?\s*(?:OUTCUE|OUT ?CUE|OC|OUT)\s*:\s*(?P<cue>.*?\S|.)\s*[)\]]?$", re.IGNORECASE)
_SUPER = re.compile(r"^[(\[]?\s*(?:SUPER|CG|LOWER THIRD)\s*:\s*(?P<lines>.*?\S|.)\s*[)\]]?$", re.IGNORECASE)
_BREAK = re.compile(r"^[(\[]?\s*(?:COMMERCIAL\s+)?BREAK(?:\s+(?P<n>\d+))?(?:\s*/\s*(?P<time>\d*:\d{2}))?\s*[)\]]?$", re.IGNORECASE)
_ON_CAM = re.compile(
    r"^[(\[] ?(?:ANCHOR|ANC|TALENT)(?::? (?P<talent>(?!ON\b|OC\b)[A-Z][A-Za-z.'-]*(?: (?!ON\b|OC\b)[A-Z][A-Za-z.'-]*){0,3}))?"
    r"(?: (?:ON CAM(?:ERA)?|OC|ON SET))? ?[)\]]$"
)
"""A bracketed anchor cue: "[ANCHOR: DANA ON CAM]", "[ANCHOR ON CAM]", "(ANC OC)": the copy after it is read on camera.
Lines are matched with their spaces folded to one, so one space separates the words here (no run of
spaces can be split between neighbouring quantifiers)."""
_NAMED_BY = re.compile(r"^\((?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})\s*[,/]\s*(?P<title>[^()]{1,80}?)\s*\)$")
"""A soundbite's speaker on a line of its own under TAKE SOT: "(Mike Chen, Public Works Director)"."""
_MAYBE_PRODUCTION = re.compile(r"[(\[]|(?i:take|vo|v/o|sot|pkg|live|on|oc|cam|run|trt|out|super|cg|lower|commercial|break)")
"""How every production line but the slug line opens (a bracket, or its keyword): a line that
opens otherwise is copy, without trying each production pattern on it."""
_BARE_SLUG = re.compile(r"^[A-Z0-9][A-Z0-9&'’-]*(?: [A-Z0-9&'’-]+){0,5}$")
"""A slug written alone at the top of a one-story script ("WATER MAIN", "FLOOD-UPDATE 2")."""
_CUE = re.compile(r"^\[(?P<cue>[^\]]+)\]$")
_QUOTED = re.compile(r"^[\"“](?P<text>.*?)[\"”]?$")

_COPY_KIND = {"VO": Kind.ANCHOR, "V/O": Kind.ANCHOR, "VO/SOT": Kind.ANCHOR, "ON CAM": Kind.ANCHOR,
              "ON CAMERA": Kind.ANCHOR, "OC": Kind.ANCHOR, "CAM": Kind.ANCHOR, "SOT": Kind.SOUNDBITE,
              "PKG": Kind.TRACK, "LIVE": Kind.ANSWER}
"""What the copy after a format line is: read over video, someone else's words, the package."""


@dataclass
class _Draft:
    story: Story
    kind: Kind = Kind.ANCHOR
    talent: list[str] = field(default_factory=list)
    super: Super | None = None

    def element(self, kind: Kind, text: str) -> Element:
        """A new element of ``kind`` whose speaker follows from the story's talent line."""
        if kind in (Kind.ANCHOR, Kind.TAG):
            speaker = Speaker(name=self.story.talent, role=Role.ANCHOR)
        elif kind in (Kind.TRACK, Kind.ANSWER):
            speaker = Speaker(name=self.story.correspondent, role=Role.CORRESPONDENT)
        else:
            speaker = Speaker(role=Role.INTERVIEWEE)
        element = Element(kind, text, speaker)
        self.story.elements.append(element)
        if self.super is not None:
            self.give_super(element)
        return element

    def give_super(self, element: Element) -> None:
        """Put the pending SUPER on a soundbite, whose speaker it names."""
        if element.kind is not Kind.SOUNDBITE or element.super is not None or self.super is None:
            return
        element.super, self.super = self.super, None
        element.speaker.name = element.super.lines[0]
        element.speaker.title = element.super.lines[1] if len(element.super.lines) > 1 else None

    def last_media(self) -> Element | None:
        return next((e for e in reversed(self.story.elements) if e.kind not in (Kind.ANCHOR, Kind.TAG, Kind.INSTRUCTION)), None)


def _bare_slug(line: str) -> bool:
    """A slug written alone ("WATER MAIN"), not a format line ("TAKE VO") or a break."""
    return bool(_BARE_SLUG.match(line)) and not _TAKE.match(line) and not _BREAK.match(line)


def _talent(value: str | None) -> list[str]:
    return [t.strip() for t in (value or "").split("/") if t.strip()]


def _copy(draft: _Draft, line: str) -> None:
    """A line of spoken copy: fills the media element a TAKE line opened, or joins the copy above it."""
    kind = draft.kind
    text = line
    if kind is Kind.SOUNDBITE and (quote := _QUOTED.match(line)):
        text = quote.group("text").strip()
    last = draft.story.elements[-1] if draft.story.elements else None
    if last is not None and last.kind is kind and (not last.text or kind is not Kind.SOUNDBITE):
        last.text = f"{last.text} {text}".strip()
    else:
        draft.element(kind, text)


def _production_line(draft: _Draft, line: str) -> bool:
    """Apply a RUNS / OUTCUE / SUPER / format / cue line to the story; False when the line is copy."""
    if match := _ON_CAM.match(line):
        draft.kind = Kind.ANCHOR
        if match.group("talent") and not draft.story.talent:
            draft.story.talent = match.group("talent").title()
        return True
    if draft.kind is Kind.SOUNDBITE and (match := _NAMED_BY.match(line)):
        draft.super = Super([match.group("name"), match.group("title")])
        if draft.story.elements:
            draft.give_super(draft.story.elements[-1])
        return True
    if match := _TAKE.match(line):
        draft.kind = _COPY_KIND[match.group("what")]
        if draft.kind is not Kind.ANCHOR:
            draft.element(draft.kind, "")  # the media run, filled by any copy under it
        return True
    if match := _RUNS.match(line):
        media = draft.last_media()
        if media is not None:
            media.runs_ms = parse_exact(match.group("time"))
        else:
            draft.story.runs_ms = parse_exact(match.group("time"))
        return True
    if match := _OUTCUE.match(line):
        last = draft.last_media() or next((e for e in reversed(draft.story.elements) if e.spoken), None)
        if last is not None:
            last.out_cue = match.group("cue")
        return True
    if match := _SUPER.match(line):
        draft.super = Super([part.strip() for part in match.group("lines").split("/") if part.strip()])
        if draft.story.elements:
            draft.give_super(draft.story.elements[-1])
        return True
    if match := _CUE.match(line):
        draft.story.elements.append(Element(Kind.INSTRUCTION, match.group("cue").strip()))
        return True
    return False


def _break_story(match: re.Match[str]) -> Story:
    number = match.group("n")
    story = Story(title=f"Break {number}" if number else "Break", slug=f"BREAK{number or ''}", format=Format.BREAK)
    if match.group("time"):
        story.runs_ms = parse_exact(match.group("time"))
    return story


def parse(text: str) -> Parsed:
    """Read a producer's script: one story per slug line, one BREAK story per break line.

    A script without any slug line (one story, written on its own) is read as one untitled
    story, and that guess is said in a ``story`` notice.
    """
    parsed = Parsed(bulletin=Bulletin(), style="producer")
    bulletin = parsed.bulletin
    draft: _Draft | None = None
    lines = [" ".join(raw.split()) for raw in text.splitlines()]
    one_story = not any("/" in line and _SLUG_LINE.match(line) for line in lines)
    if one_story:
        draft = _Draft(Story())
        bulletin.stories.append(draft.story)
        parsed.guesses.append(Notice("story", "", "no slug line: the whole script is read as one story; check it"))
        head = [n for n, line in enumerate(lines) if line][:2]
        if len(head) == 2 and _bare_slug(lines[head[0]]) and (_CUE.match(lines[head[1]]) or _TAKE.match(lines[head[1]])):
            draft.story.title = draft.story.slug = lines[head[0]]  # the slug alone above the first cue
            lines[head[0]] = ""
    for line in lines:
        if not line:
            continue
        if one_story and draft is not None and not draft.story.elements and not bulletin.title and (header := air_time(line)):
            bulletin.title, bulletin.date, bulletin.start_ms = header.programme or None, header.when.date().isoformat(), header.start_ms
            continue  # a programme line above the story's first cue
        production = bool(_MAYBE_PRODUCTION.match(line))
        if "/" in line and (match := _SLUG_LINE.match(line)):
            talent = _talent(match.group("talent"))
            story = Story(
                title=match.group("slug"), slug=match.group("slug"), page=match.group("page"),
                format=FORMATS[match.group("format")], talent=talent[0] if talent else None,
                correspondent=talent[1] if len(talent) > 1 else None,
            )
            bulletin.stories.append(story)
            draft = _Draft(story, talent=talent)
            continue
        if production and (match := _BREAK.match(line)):
            bulletin.stories.append(_break_story(match))
            draft = None
            continue
        if draft is None:
            header = air_time(line) if not bulletin.stories else None
            if header is not None and bulletin.date is None:
                bulletin.title = header.programme or None
                bulletin.date = header.when.date().isoformat()
                bulletin.start_ms = header.start_ms
            else:
                parsed.warnings.append(f"copy outside any story (no slug line above it): {line[:50]}")
                parsed.dropped.append(line)
            continue
        if not (production and _production_line(draft, line)):
            _copy(draft, line)
    for story in bulletin.stories:
        story.language = "ko" if is_korean(" ".join(e.text for e in story.elements)) else "en"
        story.elements = [e for e in story.elements if e.text or e.runs_ms is not None or e.kind is Kind.INSTRUCTION]
    return parsed


def sniff(text: str) -> float:
    """Slug lines with a format code; RUNS, TAKE and BREAK lines make it certain. Without slug
    lines, TAKE lines and on-camera cues still mark a producer's script of one story: at the
    labels style's score, which they win as the style tried first (no transcript says
    "TAKE SOT", while "(ANC OC)" reads there as a tape cue)."""
    lines = [" ".join(line.split()) for line in text[:20000].splitlines() if line.strip()]
    slugs = sum(1 for line in lines if _SLUG_LINE.match(line))
    production = sum(1 for line in lines if _TAKE.match(line) or _RUNS.match(line) or _BREAK.match(line) or _OUTCUE.match(line))
    if not slugs:
        takes = sum(1 for line in lines if _TAKE.match(line) or _ON_CAM.match(line))
        return min(0.9, 0.2 * takes + 0.1 * production) if takes >= 2 else 0.0
    return min(0.95, 0.5 + 0.15 * slugs + 0.1 * production)


STYLE = register(Style("producer", "a producer's script: slug / format / talent lines, TAKE VO, RUNS, OUTCUE, BREAK", sniff, parse))

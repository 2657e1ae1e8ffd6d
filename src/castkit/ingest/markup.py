"""castkit script markup: the model as a text a producer can read, correct and feed back.

``castkit parse X --to markup`` writes it; any castkit command reads it. It carries
everything in the model and round-trips without loss::

    # castkit script 1
    SHOW: Arirang News at 8
    START: 20:00:00
    PRESENTER: Jane Doe, 170 wpm

    === N. Korea refusing to accept letter from Trump: media report
    SLUG: NK-LETTER
    PUBLISHED: 2025-06-12T20:00
    CORRESPONDENT: Kim Jung-sil

    [ANCHOR] Jane Doe
    U.S. President Donald Trump may be looking to reopen talks with North Korea, ...

    [SOUNDBITE] White House ?
    RUNS: :09
    SUPER: White House
    The president remains receptive to correspondence with Kim Jong-un, ...

Lines of ``FIELD: value`` directly under the bulletin top, a ``=== title`` story line or a
``[KIND] speaker`` element line describe it; the lines after them are the spoken text. A
speaker ending in `` ?`` was inferred. ``#`` starts a comment line; a text line that would
read as markup is written with a leading backslash. See docs/markup.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from castkit.errors import BadInput
from castkit.ingest.base import Parsed, Style, register
from castkit.model import Bulletin, Element, Format, Kind, Role, Source, Speaker, Story, Super
from castkit.timing import format_exact, parse_exact

MAGIC = "# castkit script 1"

DEFAULT_ROLE = {
    Kind.ANCHOR: Role.ANCHOR,
    Kind.TAG: Role.ANCHOR,
    Kind.QUESTION: Role.ANCHOR,
    Kind.TRACK: Role.CORRESPONDENT,
    Kind.STANDUP: Role.CORRESPONDENT,
    Kind.SIGNOFF: Role.CORRESPONDENT,
    Kind.ANSWER: Role.CORRESPONDENT,
    Kind.SOUNDBITE: Role.INTERVIEWEE,
    Kind.INSTRUCTION: Role.UNKNOWN,
}
"""The role a speaker has unless a ROLE line says otherwise."""

_KIND_NAMES = {k.value.upper(): k for k in Kind} | {
    "LEAD": Kind.ANCHOR, "READ": Kind.ANCHOR, "VO": Kind.TRACK, "NARRATION": Kind.TRACK,
    "SOT": Kind.SOUNDBITE, "BITE": Kind.SOUNDBITE, "STAND-UP": Kind.STANDUP,
    "SIGN-OFF": Kind.SIGNOFF, "Q": Kind.QUESTION, "A": Kind.ANSWER, "NOTE": Kind.INSTRUCTION,
    "CUE": Kind.INSTRUCTION,
}
_HEADER = re.compile(r"^\[(?P<kind>[^\]\\]{1,20})\](?P<speaker>.*)$")
_FIELD = re.compile(r"^(?P<key>[A-Z][A-Z-]*): ?(?P<value>.*)$")
_STORY = "==="
_ESCAPED_START = ("\\", "[", "#", _STORY)

# ---------------------------------------------------------------- values


def _rate(value: str) -> float:
    rate = float(value.strip().removesuffix("wpm").strip())
    if not 1 <= rate < math.inf:  # NaN fails too
        raise ValueError(f"a read rate is at least 1 word a minute, not {value.strip()!r}")
    return rate


def _format_rate(rate: float) -> str:
    return f"{int(rate) if float(rate).is_integer() else rate!r} wpm"


def _yes(value: str) -> bool:
    answer = value.strip().lower()
    if answer not in ("yes", "no", "true", "false"):
        raise ValueError(f"write yes or no, not {value!r}")
    return answer in ("yes", "true")


def _presenter(value: str) -> tuple[str, float]:
    name, comma, rate = value.rpartition(",")
    if not comma:
        raise ValueError("write PRESENTER: Name, 170 wpm")
    return name.strip(), _rate(rate)


# ---------------------------------------------------------------- writing


def _escape(line: str) -> str:
    return "\\" + line if line.startswith(_ESCAPED_START) or _HEADER.match(line) or _FIELD.match(line) else line


def _one_line(value: str) -> str:
    """Field values are one line: line breaks inside one become spaces."""
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _text_lines(text: str) -> list[str]:
    """Spoken text as the lines the reader will see: split at every line break it splits at
    (``\\r`` included, so a carriage return can never start a story or a field), without the
    blank lines it skips at either end, each escaped when it would read as markup."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return [_escape(line) for line in lines]


def _fields(pairs: list[tuple[str, Any]]) -> Iterator[str]:
    for key, value in pairs:
        if value is not None:
            yield f"{key}: {_one_line(str(value))}"


def _speaker_header(speaker: Speaker) -> tuple[str, list[tuple[str, Any]]]:
    """The speaker part of an element line, and the fields for what it cannot show."""
    name = None if speaker.name is None else _one_line(speaker.name)  # as a SPEAKER: field would read back
    plain = name is not None and name != "" and name == name.strip() and not name.endswith("?")
    mark = "?" if speaker.inferred else ""
    header = f" {name} {mark}".rstrip() if plain else (f" {mark}" if mark else "")
    return header, [] if plain else [("SPEAKER", name)]


def _element_lines(element: Element) -> Iterator[str]:
    header, extra = _speaker_header(element.speaker)
    yield f"[{element.kind.value.upper()}]{header}"
    role = element.speaker.role
    yield from _fields(
        extra
        + [
            ("TITLE", element.speaker.title),
            ("ROLE", role.value if role is not DEFAULT_ROLE[element.kind] else None),
            ("RUNS", None if element.runs_ms is None else format_exact(element.runs_ms)),
            ("RATE", None if element.rate_wpm is None else _format_rate(element.rate_wpm)),
            ("IN", element.in_cue),
            ("OUT", element.out_cue),
            ("MEDIA", element.media),
        ]
    )
    if element.super is not None:
        yield from (f"SUPER: {_one_line(line)}" for line in element.super.lines)
    if element.text:
        yield from _text_lines(element.text)
    yield ""


def _story_lines(story: Story) -> Iterator[str]:
    yield f"{_STORY} {_one_line(story.title).strip()}".rstrip()
    yield from _fields(
        [
            ("PAGE", story.page),
            ("SLUG", story.slug),
            ("FORMAT", story.format.value if story.format else None),
            ("BLOCK", story.block),
            ("FLOAT", "yes" if story.floated else None),
            ("PAD", "yes" if story.pad else None),
            ("FILL", "yes" if story.fill else None),
            ("HIT", None if story.hit_ms is None else format_exact(story.hit_ms, time_of_day=True)),
            ("TARGET", None if story.target_ms is None else format_exact(story.target_ms)),
            ("RUNS", None if story.runs_ms is None else format_exact(story.runs_ms)),
            ("RATE", None if story.rate_wpm is None else _format_rate(story.rate_wpm)),
            ("PUBLISHED", _iso(story.published)),
            ("OUTLET", story.source.outlet),
            ("URL", story.source.url),
            ("CORRESPONDENT", story.correspondent),
            ("TALENT", story.talent),
            ("LANGUAGE", story.language if story.language != "en" else None),
        ]
    )
    if story.notes is not None:
        yield from (f"NOTES: {line}" for line in story.notes.split("\n"))
    if story.format is None and story.elements:
        yield f"# format {story.effective_format().value}, from the elements (add FORMAT: to fix it)"
    yield ""
    for element in story.elements:
        yield from _element_lines(element)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="minutes") if not (value.second or value.microsecond) else value.isoformat()


def to_markup(bulletin: Bulletin) -> str:
    """The bulletin as castkit script markup (what :func:`parse` reads back unchanged)."""
    lines = [MAGIC]
    lines += _fields(
        [
            ("SHOW", bulletin.title),
            ("DATE", bulletin.date),
            ("START", None if bulletin.start_ms is None else format_exact(bulletin.start_ms, time_of_day=True)),
            ("SLOT", None if bulletin.slot_ms is None else format_exact(bulletin.slot_ms)),
            ("END", None if bulletin.end_ms is None else format_exact(bulletin.end_ms, time_of_day=True)),
            ("RATE", None if bulletin.rate_wpm is None else _format_rate(bulletin.rate_wpm)),
        ]
    )
    presenters = {_one_line(name).strip(): rate for name, rate in bulletin.presenters.items()}  # as read back
    lines += [f"PRESENTER: {name}, {_format_rate(rate)}" for name, rate in presenters.items()]
    lines.append("")
    for story in bulletin.stories:
        lines += _story_lines(story)
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- reading


def _set_bulletin(b: Bulletin, key: str, value: str) -> None:
    if key == "PRESENTER":
        name, rate = _presenter(value)
        b.presenters[name] = rate
        return
    setters: dict[str, Callable[[str], None]] = {
        "SHOW": lambda v: setattr(b, "title", v),
        "DATE": lambda v: setattr(b, "date", v),
        "START": lambda v: setattr(b, "start_ms", parse_exact(v, time_of_day=True)),
        "SLOT": lambda v: setattr(b, "slot_ms", parse_exact(v)),
        "END": lambda v: setattr(b, "end_ms", parse_exact(v, time_of_day=True)),
        "RATE": lambda v: setattr(b, "rate_wpm", _rate(v)),
    }
    setters[key](value)


def _set_story(s: Story, key: str, value: str) -> None:
    if key == "NOTES":
        s.notes = value if s.notes is None else f"{s.notes}\n{value}"
        return
    setters: dict[str, Callable[[str], None]] = {
        "PAGE": lambda v: setattr(s, "page", v),
        "SLUG": lambda v: setattr(s, "slug", v),
        "FORMAT": lambda v: setattr(s, "format", Format(v.strip().upper())),
        "BLOCK": lambda v: setattr(s, "block", v),
        "FLOAT": lambda v: setattr(s, "floated", _yes(v)),
        "PAD": lambda v: setattr(s, "pad", _yes(v)),
        "FILL": lambda v: setattr(s, "fill", _yes(v)),
        "HIT": lambda v: setattr(s, "hit_ms", parse_exact(v, time_of_day=True)),
        "TARGET": lambda v: setattr(s, "target_ms", parse_exact(v)),
        "RUNS": lambda v: setattr(s, "runs_ms", parse_exact(v)),
        "TRT": lambda v: setattr(s, "runs_ms", parse_exact(v)),
        "RATE": lambda v: setattr(s, "rate_wpm", _rate(v)),
        "PUBLISHED": lambda v: setattr(s, "published", datetime.fromisoformat(v.strip())),
        "OUTLET": lambda v: setattr(s.source, "outlet", v),
        "URL": lambda v: setattr(s.source, "url", v),
        "CORRESPONDENT": lambda v: setattr(s, "correspondent", v),
        "TALENT": lambda v: setattr(s, "talent", v),
        "LANGUAGE": lambda v: setattr(s, "language", v.strip()),
    }
    setters[key](value)


def _set_element(e: Element, key: str, value: str) -> None:
    if key == "SUPER":
        e.super = Super([*(e.super.lines if e.super else []), value])
        return
    setters: dict[str, Callable[[str], None]] = {
        "SPEAKER": lambda v: setattr(e.speaker, "name", v),
        "TITLE": lambda v: setattr(e.speaker, "title", v),
        "ROLE": lambda v: setattr(e.speaker, "role", Role(v.strip().lower())),
        "RUNS": lambda v: setattr(e, "runs_ms", parse_exact(v)),
        "RATE": lambda v: setattr(e, "rate_wpm", _rate(v)),
        "IN": lambda v: setattr(e, "in_cue", v),
        "OUT": lambda v: setattr(e, "out_cue", v),
        "MEDIA": lambda v: setattr(e, "media", v),
    }
    setters[key](value)


_KEYS = {
    "bulletin": ("SHOW", "DATE", "START", "SLOT", "END", "RATE", "PRESENTER"),
    "story": ("PAGE", "SLUG", "FORMAT", "BLOCK", "FLOAT", "PAD", "FILL", "HIT", "TARGET", "RUNS", "TRT", "RATE", "PUBLISHED",
              "OUTLET", "URL", "CORRESPONDENT", "TALENT", "LANGUAGE", "NOTES"),
    "element": ("SPEAKER", "TITLE", "ROLE", "RUNS", "RATE", "IN", "OUT", "SUPER", "MEDIA"),
}
_SETTERS = {"bulletin": _set_bulletin, "story": _set_story, "element": _set_element}


@dataclass
class _Reader:
    """Walks the lines, tracking which bulletin, story or element the next line belongs to."""

    bulletin: Bulletin = field(default_factory=Bulletin)
    level: str = "bulletin"  # whose fields the lines below a header set
    text: list[str] | None = None  # the current element's text lines, once they began
    element: Element | None = None

    def story(self, title: str) -> None:
        self._close()
        self.bulletin.stories.append(Story(title=title))
        self.level = "story"

    def start_element(self, kind: Kind, speaker_part: str) -> None:
        self._close()
        if not self.bulletin.stories:
            self.bulletin.stories.append(Story())
        spoken = speaker_part.strip()
        inferred = spoken.endswith("?") and (spoken == "?" or spoken.endswith(" ?"))
        name = spoken[:-1].rstrip() if inferred else spoken
        speaker = Speaker(name=name or None, role=DEFAULT_ROLE[kind], inferred=inferred)
        self.element = Element(kind=kind, text="", speaker=speaker)
        self.bulletin.stories[-1].elements.append(self.element)
        self.level = "element"
        self.text = None

    def field(self, key: str, value: str, where: str) -> None:
        if key not in _KEYS[self.level]:
            known = ", ".join(_KEYS[self.level])
            raise BadInput(f"unknown {self.level} field {key}: (known: {known})", where=where)
        target = {"bulletin": self.bulletin, "story": self.bulletin.stories[-1] if self.bulletin.stories else None,
                  "element": self.element}[self.level]
        try:
            _SETTERS[self.level](target, key, value)
        except (ValueError, BadInput) as exc:
            raise BadInput(f"{key}: {exc}", where=where) from None

    def line_of_text(self, line: str) -> None:
        if self.element is None:
            self.start_element(Kind.ANCHOR, "")  # text under a story line is anchor copy
        if self.text is None:
            self.text = []
        self.text.append(line)

    def _close(self) -> None:
        if self.element is not None and self.text is not None:
            lines = self.text
            while lines and not lines[-1].strip():
                lines.pop()
            self.element.text = "\n".join(lines)
        self.element, self.text = None, None

    def finish(self) -> Bulletin:
        self._close()
        return self.bulletin


def parse_markup(text: str, *, name: str | None = None) -> Bulletin:
    """Read castkit script markup; errors name the line (and ``name``, the file, when given)."""
    reader = _Reader()
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        where = f"{name}, line {number}" if name else f"line {number}"
        in_text = reader.text is not None
        if line.startswith("#"):
            continue
        if line.startswith(_STORY):
            reader.story(line[len(_STORY):].strip())
            continue
        header = _HEADER.match(line)
        if header:
            kind = _KIND_NAMES.get(header.group("kind").strip().upper())
            if kind is None:
                raise BadInput(f"unknown element kind [{header.group('kind')}] (write \\[ for text that starts with [)", where=where)
            reader.start_element(kind, header.group("speaker"))
            continue
        if not in_text:
            found = _FIELD.match(line)
            if found:
                reader.field(found.group("key"), found.group("value"), where)
                continue
            if not line.strip():
                continue
        reader.line_of_text(line[1:] if line.startswith("\\") else line)
    return reader.finish()


def parse(text: str) -> Parsed:
    return Parsed(bulletin=parse_markup(text), style="markup")


_MARKUP_LINE = re.compile(rf"^(?:{_STORY}|\[(?:{'|'.join(re.escape(k.value.upper()) for k in Kind)})\])", re.MULTILINE)


def sniff(text: str) -> float:
    """Certain with the ``# castkit script`` line; likely with ``===`` stories and [KIND] lines."""
    if text.lstrip().startswith(MAGIC[:16]):
        return 1.0
    marks = {m.group(0)[:3] for m in _MARKUP_LINE.finditer(text[:20000])}
    return 0.9 if _STORY in marks and len(marks) > 1 else 0.3 if marks else 0.0


STYLE = register(Style("markup", "castkit script markup (castkit parse --to markup)", sniff, parse))

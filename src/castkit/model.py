"""The segment model every castkit feature works from: Bulletin ▸ Story ▸ Element.

A news segment is one :class:`Story`: an anchor lead, the correspondent's package (track,
soundbites, stand-up) and the sign-off. A whole show is a :class:`Bulletin` of stories.
All durations and times of day are integer milliseconds. The model round-trips through
JSON (``castkit.segment/1``) without loss; :mod:`castkit.ingest.markup` gives the
human-editable form.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from castkit.errors import BadInput
from castkit.text import printable

SCHEMA = "castkit.segment/1"


class Kind(str, Enum):
    """What an element is on air."""

    ANCHOR = "anchor"  # the anchor's read copy (lead, handoff)
    TRACK = "track"  # correspondent's narration (voice-over) inside a package
    SOUNDBITE = "soundbite"  # someone else's recorded words (SOT)
    STANDUP = "standup"  # correspondent on camera inside a package
    QUESTION = "question"  # anchor's question in a live two-way
    ANSWER = "answer"  # correspondent's or guest's live answer
    SIGNOFF = "signoff"  # "Kim Jung-sil, Arirang News."
    TAG = "tag"  # anchor copy read after the package
    INSTRUCTION = "instruction"  # never spoken: director/talent cues, notes

    @property
    def spoken(self) -> bool:
        """Instructions are never spoken: they never reach subtitles or WER."""
        return self is not Kind.INSTRUCTION

    @property
    def read_by_anchor(self) -> bool:
        """Anchor lead and tag are READ time; the rest is media (RUNS) or untimed."""
        return self in (Kind.ANCHOR, Kind.TAG)

    @property
    def in_package(self) -> bool:
        """Package internals are the PKG's media time, never the anchor's read time."""
        return self in (Kind.TRACK, Kind.SOUNDBITE, Kind.STANDUP, Kind.SIGNOFF)


class Role(str, Enum):
    """Who a speaker is in the segment; decides colours, supers and rates."""

    ANCHOR = "anchor"
    CORRESPONDENT = "correspondent"
    INTERVIEWEE = "interviewee"  # anyone heard in a soundbite or live answer who is not staff
    UNKNOWN = "unknown"


class Format(str, Enum):
    """Story format codes as rundowns show them."""

    RDR = "RDR"  # reader: anchor on camera only
    VO = "VO"
    VOSOT = "VO/SOT"
    SOT = "SOT"
    PKG = "PKG"
    LIVE = "LIVE"
    TEASE = "TEASE"
    BREAK = "BREAK"
    OPEN = "OPEN"
    CLOSE = "CLOSE"


@dataclass
class Speaker:
    """A voice. ``inferred`` marks a name guessed from the narration, for a human to check."""

    name: str | None = None
    title: str | None = None
    role: Role = Role.UNKNOWN
    inferred: bool = False

    @property
    def label(self) -> str:
        """Name for display: the name, else the title ("analyst"), else the role."""
        return self.name or self.title or self.role.value

    def copy(self) -> Speaker:
        """A speaker equal to this one that can be edited alone: each element gets its own, and
        a parse makes thousands (field by field, twice as fast as ``replace()`` or ``**vars()``)."""
        return Speaker(self.name, self.title, self.role, self.inferred)


@dataclass
class Super:
    """A lower third (CG) shown over an element; never spoken."""

    lines: list[str] = field(default_factory=list)


@dataclass
class Element:
    """One paragraph-sized piece of a story with one speaker.

    ``text`` holds the spoken words only. ``runs_ms`` is the media duration when the script
    gives it (``RUNS :09``); ``rate_wpm`` overrides the reader's rate for this element.
    """

    kind: Kind
    text: str
    speaker: Speaker = field(default_factory=Speaker)
    runs_ms: int | None = None
    rate_wpm: float | None = None
    in_cue: str | None = None
    out_cue: str | None = None
    super: Super | None = None
    media: str | None = None

    @property
    def spoken(self) -> bool:
        return self.kind.spoken


@dataclass
class Source:
    """Where the script came from."""

    outlet: str | None = None
    url: str | None = None


@dataclass
class Story:
    """A news segment: what a rundown row, a subtitle file and a QA report are built from.

    ``format`` is derived from the elements unless the script gives it (:meth:`effective_format`).
    ``hit_ms`` is a hard start as milliseconds after midnight; ``runs_ms`` the package's total
    running time (TRT) when given; ``floated`` stories are excluded from every sum. A ``pad``
    story is counted but is the first to drop when the show runs heavy; a ``fill`` story is
    kept out of the sums, ready to go in when it runs light.
    """

    title: str = ""
    slug: str | None = None
    page: str | None = None
    published: datetime | None = None
    source: Source = field(default_factory=Source)
    correspondent: str | None = None
    talent: str | None = None
    format: Format | None = None
    language: str = "en"
    elements: list[Element] = field(default_factory=list)
    block: str | None = None
    floated: bool = False
    pad: bool = False
    fill: bool = False
    hit_ms: int | None = None
    target_ms: int | None = None
    runs_ms: int | None = None
    rate_wpm: float | None = None
    notes: str | None = None

    @property
    def spoken_elements(self) -> list[Element]:
        return [e for e in self.elements if e.kind.spoken]

    def effective_format(self) -> Format:
        """The given format, else the one the elements imply."""
        if self.format is not None:
            return self.format
        return derive_format(self.elements)


@dataclass
class Bulletin:
    """A show: stories in running order, with its planned start and slot.

    ``start_ms`` is the planned on-air time of day; ``slot_ms`` the planned duration (or
    ``end_ms`` the hard out). ``presenters`` maps a presenter's name to their read rate (wpm).
    """

    stories: list[Story] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    start_ms: int | None = None
    slot_ms: int | None = None
    end_ms: int | None = None
    presenters: dict[str, float] = field(default_factory=dict)
    rate_wpm: float | None = None


def derive_format(elements: list[Element]) -> Format:
    """The format a story's spoken elements imply (RDR, VO/SOT, SOT, PKG, LIVE)."""
    kinds = {e.kind for e in elements if e.kind.spoken}
    if kinds & {Kind.QUESTION, Kind.ANSWER}:
        return Format.LIVE
    if kinds & {Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF}:
        return Format.PKG
    if Kind.SOUNDBITE in kinds:
        return Format.VOSOT if kinds & {Kind.ANCHOR, Kind.TAG} else Format.SOT
    return Format.RDR


# ---------------------------------------------------------------- JSON in and out


def to_plain(value: Any) -> Any:
    """JSON-ready copy of dataclass fields: enums to their values, datetimes to ISO 8601."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def story_to_dict(story: Story) -> dict[str, Any]:
    data = to_plain(asdict(story))
    data["format"] = story.effective_format().value
    data["format_given"] = story.format is not None
    return data


def bulletin_to_dict(bulletin: Bulletin) -> dict[str, Any]:
    """The ``castkit.segment/1`` document for a bulletin."""
    data = to_plain({k: v for k, v in asdict(bulletin).items() if k != "stories"})
    return {"schema": SCHEMA, **data, "stories": [story_to_dict(s) for s in bulletin.stories]}


def dumps(bulletin: Bulletin) -> str:
    return json.dumps(bulletin_to_dict(bulletin), ensure_ascii=False, indent=2) + "\n"


def _speaker(data: dict[str, Any]) -> Speaker:
    return Speaker(
        name=data.get("name"),
        title=data.get("title"),
        role=Role(data.get("role", "unknown")),
        inferred=bool(data.get("inferred", False)),
    )


def _element(data: dict[str, Any]) -> Element:
    sup = data.get("super")
    return Element(
        kind=Kind(data["kind"]),
        text=data["text"],
        speaker=_speaker(data.get("speaker") or {}),
        runs_ms=data.get("runs_ms"),
        rate_wpm=data.get("rate_wpm"),
        in_cue=data.get("in_cue"),
        out_cue=data.get("out_cue"),
        super=Super(list(sup["lines"])) if sup else None,
        media=data.get("media"),
    )


def _story(data: dict[str, Any]) -> Story:
    published = data.get("published")
    source = data.get("source") or {}
    given = data.get("format_given", True)
    return Story(
        title=data.get("title") or "",
        slug=data.get("slug"),
        page=data.get("page"),
        published=datetime.fromisoformat(published) if published else None,
        source=Source(outlet=source.get("outlet"), url=source.get("url")),
        correspondent=data.get("correspondent"),
        talent=data.get("talent"),
        format=Format(data["format"]) if data.get("format") and given else None,
        language=data.get("language") or "en",
        elements=[_element(e) for e in data.get("elements", [])],
        block=data.get("block"),
        floated=bool(data.get("floated", False)),
        pad=bool(data.get("pad", False)),
        fill=bool(data.get("fill", False)),
        hit_ms=data.get("hit_ms"),
        target_ms=data.get("target_ms"),
        runs_ms=data.get("runs_ms"),
        rate_wpm=data.get("rate_wpm"),
        notes=data.get("notes"),
    )


def bulletin_from_dict(data: Any, *, where: str | None = None) -> Bulletin:
    """Build a bulletin from a ``castkit.segment/1`` document, validating it first."""
    from castkit.schemas import validate

    validate(data, "segment", where=where)
    try:
        return Bulletin(
            stories=[_story(s) for s in data["stories"]],
            title=data.get("title"),
            date=data.get("date"),
            start_ms=data.get("start_ms"),
            slot_ms=data.get("slot_ms"),
            end_ms=data.get("end_ms"),
            presenters=dict(data.get("presenters") or {}),
            rate_wpm=data.get("rate_wpm"),
        )
    except ValueError as exc:  # e.g. a published date the schema's string type let through
        raise BadInput(f"invalid segment JSON: {exc}", where=where) from None


def loads(text: str, *, where: str | None = None) -> Bulletin:
    from castkit.files import loads_json

    return bulletin_from_dict(_printable(loads_json(text, where=where)), where=where)


def _printable(value: Any) -> Any:
    """Every string of a JSON document without the control characters no output can carry."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    return value

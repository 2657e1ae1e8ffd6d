"""MOS 2.8.5 running orders, as newsroom systems (ENPS, iNEWS, Octopus, Sofie) exchange them.

A running order arrives as ``roCreate`` (stories with slug, page and media items), then
``roStorySend`` per story (the script: presenter, read rate, paragraphs, ``<pi>`` director
cues, ``storyItem`` media), and edits: ``roStoryReplace``, ``roStoryInsert`` and
``roElementAction`` (INSERT, REPLACE, MOVE, DELETE, SWAP of stories or items). Given the
``roCreate`` file, :func:`read_running_order` applies every message for the same running order
in its directory, in ``messageID`` order. castkit's own ``castkit rundown --format mos`` output
reads back into the same rundown: its ``mosExternalMetadata`` carries format, talent, reporter
and outcue, and each media item's duration comes from ``itemEdDur`` at its time base.

XML is parsed by defusedxml: a DTD with entities is refused, never expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element as XmlElement

from castkit.errors import BadInput
from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.signoffs import signoff as read_signoff
from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story
from castkit.text import is_korean
from castkit.timing import parse_exact

DEFAULT_TIMEBASE = 50.0
"""Samples per second of ``itemEdDur`` when the message does not say (PAL, castkit's default)."""

MESSAGES = ("roCreate", "roStorySend", "roStoryReplace", "roStoryInsert", "roElementAction")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CASTKIT_CUE = re.compile(r"^\[(?:PKG|SOT|LIVE|VO|VO/SOT|[A-Z/]+) · (?:TRT|RUNS) ")
_MEDIA_KIND = {"PKG": Kind.TRACK, "SOT": Kind.SOUNDBITE, "VO/SOT": Kind.SOUNDBITE, "LIVE": Kind.ANSWER}
_FORMATS = {f.value: f for f in Format}


def _xml(data: bytes | str, where: str) -> XmlElement:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if isinstance(data, str):
        data = _DECLARATION.sub("", data, count=1).encode("utf-8")
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BadInput(f"MOS message refused: {exc}", where=where) from None
    except ParseError as exc:
        raise BadInput(f"not well-formed MOS XML: {exc}", where=where) from None


def _text(node: XmlElement | None, tag: str) -> str:
    found = node.find(tag) if node is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _payload(node: XmlElement) -> dict[str, str]:
    """castkit's (or any system's) ``mosExternalMetadata`` payload fields, flattened by tag name."""
    fields: dict[str, str] = {}
    for meta in node.findall("mosExternalMetadata"):
        payload = meta.find("mosPayload")
        for child in payload.iter() if payload is not None else ():
            if len(child) == 0 and child.text and child.text.strip():
                fields.setdefault(child.tag, child.text.strip())
    return fields


@dataclass
class Message:
    """One ``<mos>`` message: its ID (for ordering), the running order it belongs to, its body."""

    number: int
    ro_id: str
    body: XmlElement


def read_message(data: bytes | str, where: str = "<mos>") -> Message | None:
    """The running-order message in a ``<mos>`` document, or None when it holds another kind."""
    root = _xml(data, where)
    if root.tag != "mos":
        raise BadInput("not a MOS message: the root element is not <mos>", where=where)
    body = next((child for child in root if child.tag in MESSAGES), None)
    if body is None:
        return None
    number = _text(root, "messageID")
    return Message(int(number) if number.isdigit() else 0, _text(body, "roID"), body)


@dataclass
class _RunningOrder:
    """The running order as the messages build it: stories in order, with any script sent for them."""

    head: XmlElement | None = None
    stories: list[XmlElement] = field(default_factory=list)
    bodies: dict[str, XmlElement] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def index(self, story_id: str) -> int | None:
        return next((i for i, s in enumerate(self.stories) if _text(s, "storyID") == story_id), None)

    def apply(self, message: Message) -> None:
        body, tag = message.body, message.body.tag
        if tag == "roCreate":
            self.head, self.stories = body, body.findall("story")
        elif tag == "roStorySend":
            self.bodies[_text(body, "storyID")] = body
        elif tag in ("roStoryReplace", "roStoryInsert"):
            self._stories(tag.removeprefix("roStory").upper(), _text(body, "storyID"), body.findall("story"))
        elif tag == "roElementAction":
            self._element_action(body)

    def _stories(self, operation: str, target: str, new: list[XmlElement]) -> None:
        at = self.index(target)
        if at is None and target:
            self.warnings.append(f"{operation.lower()}: no story {target!r} in the running order; added at the end")
        at = len(self.stories) if at is None else at
        self.stories[at : at + (1 if operation == "REPLACE" and target else 0)] = new

    def _element_action(self, body: XmlElement) -> None:
        operation = body.get("operation", "").upper()
        target = body.find("element_target")
        story_id, item_id = _text(target, "storyID"), _text(target, "itemID")
        source = body.find("element_source")
        if source is None:
            return
        if item_id or source.find("item") is not None or source.find("itemID") is not None:
            self._item_action(operation, story_id, item_id, source)
            return
        ids = [(s.text or "").strip() for s in source.findall("storyID")]
        if operation in ("INSERT", "REPLACE"):
            self._stories(operation, story_id, source.findall("story"))
        elif operation == "DELETE":
            self.stories = [s for s in self.stories if _text(s, "storyID") not in ids]
        elif operation == "MOVE":
            moving = [s for s in self.stories if _text(s, "storyID") in ids]
            self.stories = [s for s in self.stories if _text(s, "storyID") not in ids]
            self._stories("INSERT", story_id, moving)
        elif operation == "SWAP" and len(ids) == 2:
            a, b = self.index(ids[0]), self.index(ids[1])
            if a is not None and b is not None:
                self.stories[a], self.stories[b] = self.stories[b], self.stories[a]

    def _item_action(self, operation: str, story_id: str, item_id: str, source: XmlElement) -> None:
        at = self.index(story_id)
        if at is None:
            self.warnings.append(f"item {operation.lower()}: no story {story_id!r} in the running order")
            return
        story = self.stories[at]
        items = story.findall("item")
        ids = {(i.text or "").strip() for i in source.findall("itemID")}
        position = next((n for n, i in enumerate(list(story)) if i.tag == "item" and _text(i, "itemID") == item_id), None)
        if operation == "DELETE":
            for item in items:
                if _text(item, "itemID") in ids:
                    story.remove(item)
            return
        new = source.findall("item")
        if position is None:
            position = len(story)
        if operation == "REPLACE" and item_id:
            story.remove(list(story)[position])
        for offset, item in enumerate(new):
            story.insert(position + offset, item)


def _clock(value: str) -> tuple[str | None, int | None]:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None, None
    return when.date().isoformat(), (when.hour * 3600 + when.minute * 60 + when.second) * 1000


def _duration_ms(value: str) -> int | None:
    parts = value.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    hours, minutes, secs = (int(p) for p in parts)
    return ((hours * 60 + minutes) * 60 + secs) * 1000


def _item_element(item: XmlElement, fmt: str, story: Story, timebase: float) -> Element:
    """A media item as the element it stands for: its runs from ``itemEdDur``, its outcue from metadata."""
    meta = _payload(item)
    label = meta.get("format") or fmt
    kind = _MEDIA_KIND.get(label, Kind.TRACK)
    base = float(meta.get("timeBase") or timebase)
    duration = _text(item, "itemUserTimingDur") or _text(item, "itemEdDur")
    speaker = Speaker(name=story.correspondent, role=Role.CORRESPONDENT) if kind in (Kind.TRACK, Kind.ANSWER) else Speaker(role=Role.INTERVIEWEE)
    element = Element(kind, "", speaker, media=_text(item, "objID") or None)
    if duration.isdigit() and base > 0:
        element.runs_ms = round(int(duration) / base * 1000)
    element.out_cue = meta.get("outcue") or None
    return element


def _story(node: XmlElement, body: XmlElement | None, bulletin: Bulletin, timebase: float) -> Story:
    meta = _payload(node)
    slug = _text(node, "storySlug")
    fmt = meta.get("format", "")
    story = Story(
        title=slug, slug=slug or None, page=_text(node, "storyNum") or None, format=_FORMATS.get(fmt),
        talent=meta.get("talent") or None, correspondent=meta.get("reporter") or None, hit_ms=_hit_ms(meta.get("hit")),
    )
    items = {_text(i, "itemID"): i for i in node.findall("item")}
    if body is None:
        story.elements = [_item_element(i, fmt, story, timebase) for i in items.values()]
    else:
        _script(story, body.find("storyBody"), items, fmt, bulletin, timebase)
    media = [e for e in story.elements if e.runs_ms is not None]
    if len(media) == 1 and not media[0].text and len(story.elements) == 1 and fmt not in _MEDIA_KIND:
        story.runs_ms, story.elements = media[0].runs_ms, []  # a break, an open: the story is its media
    story.language = "ko" if is_korean(" ".join(e.text for e in story.elements)) else "en"
    return story


def _hit_ms(text: str | None) -> int | None:
    """A story's hard hit from castkit's metadata ("20:15:00"); None when absent or not a time of day."""
    try:
        return parse_exact(text, time_of_day=True) if text else None
    except BadInput:
        return None


def _script(story: Story, body: XmlElement | None, items: dict[str, XmlElement], fmt: str, bulletin: Bulletin, timebase: float) -> None:
    """Walk a ``storyBody``: read copy, director cues, media items and the package's sign-off."""
    presenter, rate = story.talent, None
    for node in body if body is not None else ():
        if node.tag == "storyPresenter":
            presenter = (node.text or "").strip() or None
            if presenter == Role.ANCHOR.value:  # what castkit writes when the script names no presenter
                presenter = None
        elif node.tag == "storyPresenterRR":
            rate = float(node.text) if (node.text or "").strip().replace(".", "", 1).isdigit() else None
            if presenter and rate:
                bulletin.presenters.setdefault(presenter, rate)
        elif node.tag == "storyItem":
            item = items.get(_text(node, "itemID"), node)
            story.elements.append(_item_element(item, fmt, story, timebase))
        elif node.tag == "p":
            _paragraph(story, node, presenter, rate, bulletin)


def _paragraph(story: Story, node: XmlElement, presenter: str | None, rate: float | None, bulletin: Bulletin) -> None:
    cues = [(c.text or "").strip() for c in node.findall("pi")]
    signoff = " ".join((c.text or "").strip() for c in node.findall("pkg")).strip()
    spoken = " ".join("".join(node.itertext()).split())
    for cue in cues:
        spoken = spoken.replace(cue, "", 1).strip()
        if cue and not _CASTKIT_CUE.match(cue):  # castkit writes its own media cue before each item
            story.elements.append(Element(Kind.INSTRUCTION, cue))
    if signoff:
        media = next((e for e in reversed(story.elements) if e.kind is not Kind.ANCHOR and e.runs_ms is not None), None)
        if media is not None and not media.text:
            media.kind, media.text = Kind.SIGNOFF, signoff
            closing = read_signoff(signoff)
            story.correspondent = story.correspondent or (closing.name if closing else None)
            media.speaker = Speaker(name=story.correspondent, role=Role.CORRESPONDENT)
        spoken = spoken.replace(signoff, "", 1).strip()
    if spoken:
        element = Element(Kind.ANCHOR, spoken, Speaker(name=presenter, role=Role.ANCHOR))
        if rate and presenter and bulletin.presenters.get(presenter) != rate:
            element.rate_wpm = rate
        story.elements.append(element)


def build(messages: list[Message]) -> Parsed:
    """The bulletin a list of running-order messages describes, applied in ``messageID`` order."""
    order = _RunningOrder()
    for message in sorted(messages, key=lambda m: m.number):
        order.apply(message)
    parsed = Parsed(bulletin=Bulletin(), style="mos")
    bulletin = parsed.bulletin
    head = order.head
    parsed.warnings.extend(order.warnings)
    if head is None:
        parsed.warnings.append("no roCreate: the running order is built from the stories sent")
        order.stories = [m.body for m in messages if m.body.tag == "roStorySend"]
    else:
        bulletin.title = _text(head, "roSlug") or None
        bulletin.date, bulletin.start_ms = _clock(_text(head, "roEdStart"))
        bulletin.slot_ms = _duration_ms(_text(head, "roEdDur"))
    timebase = float(_payload(head).get("timeBase") or DEFAULT_TIMEBASE) if head is not None else DEFAULT_TIMEBASE
    for node in order.stories:
        story_id = _text(node, "storyID")
        body = order.bodies.get(story_id) or (node if node.tag == "roStorySend" else None)
        if body is None:
            parsed.warnings.append(f"story {story_id}: no roStorySend, so no script: only its media items are timed")
        bulletin.stories.append(_story(node, body, bulletin, timebase))
    return parsed


def read_running_order(path: Path, first: bytes | str) -> Parsed:
    """The running order of the MOS file at ``path``, with every message for it in the same directory."""
    message = read_message(first, str(path))
    if message is None:
        raise BadInput("MOS message of a kind castkit does not read (it reads " + ", ".join(MESSAGES) + ")", where=str(path))
    messages = [message]
    for other in sorted(path.parent.glob("*.xml")):
        if other.resolve() == path.resolve():
            continue
        try:
            found = read_message(other.read_bytes(), str(other))
        except BadInput:
            continue  # other XML beside the running order
        if found is not None and found.ro_id == message.ro_id:
            messages.append(found)
    return build(messages)


def parse(text: str) -> Parsed:
    """One MOS message read from text (stdin, or ``--style mos``); siblings are read only from a file."""
    message = read_message(text)
    if message is None:
        raise BadInput("MOS message of a kind castkit does not read (it reads " + ", ".join(MESSAGES) + ")")
    return build([message])


_ROOT = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE\s+mos\b|<mos[\s>])")


def sniff(text: str) -> float:
    """A ``<mos>`` document (a DOCTYPE in front included, so that it is refused rather than read as text)."""
    return 0.98 if _ROOT.match(text[:2000]) else 0.0


STYLE = register(Style("mos", "MOS 2.8.5 running-order messages (roCreate, roStorySend, ...)", sniff, parse))

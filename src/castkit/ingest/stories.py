"""Story assembly: a story's paragraphs, read by the shared conventions, into elements.

The anchor lead runs up to and including the handoff (:mod:`castkit.ingest.handoffs`); after it
narration is track, quotes are soundbites or stand-ups (:mod:`castkit.ingest.soundbites`) and
the sign-off (:mod:`castkit.ingest.signoffs`) closes the package; anchor copy after it is a tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from castkit.ingest.furniture import is_boilerplate
from castkit.ingest.handoffs import handoff_name
from castkit.ingest.signoffs import signoff
from castkit.ingest.soundbites import Quote, infer_speaker, quote_end, quoted, sounds_like_standup, split_quotes
from castkit.model import Element, Kind, Role, Source, Speaker, Story
from castkit.text import is_korean

@dataclass
class Piece:
    """A classified stretch of copy: what it is, who says it, the spoken words."""

    kind: Kind
    text: str
    speaker: Speaker = field(default_factory=Speaker)
    joins: bool = True
    """Whether it may merge into the piece before it; False when the script marks it as its own."""


@dataclass
class Reading:
    """The pieces of one story read by convention, and what the copy said about itself."""

    pieces: list[Piece]
    correspondent: str | None = None
    outlet: str | None = None
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def read_paragraphs(paragraphs: Sequence[str], *, talent: str | None = None) -> Reading:
    """Classify a story's paragraphs by the shared conventions.

    The anchor lead runs up to and including the handoff line; after it, narration is the
    correspondent's track, whole quotes are soundbites (speaker inferred from the narration
    before, or a stand-up when the words are the correspondent's own), the sign-off line is
    the sign-off and anchor copy after it is a tag. Without a handoff but with a sign-off the
    first paragraph is taken as the lead (with a warning); with neither, the story is the
    anchor's (a reader, or VO/SOT when it holds quotes).
    """
    reading = Reading(pieces=[])
    units = []
    for unit in (u for p in paragraphs for u in split_quotes(p)):
        if unit[:1].isdigit() and is_boilerplate(unit):  # a date printed after the sign-off on the same line
            reading.dropped.append(unit)
        else:
            units.append(unit)
    handoff_at = next((i for i, u in enumerate(units) if handoff_name(u)), None)
    first_signoff = 2 if handoff_at is None else handoff_at + 1
    signoff_at = next((i for i in range(first_signoff, len(units)) if signoff(units[i])), None)
    if handoff_at is not None:
        reading.correspondent = handoff_name(units[handoff_at])
        package_from = handoff_at + 1
    elif signoff_at is not None:
        package_from = 1
        reading.warnings.append("no handoff line: took the first paragraph as the anchor lead")
    else:
        package_from = len(units)
    package_to = signoff_at if signoff_at is not None else len(units) - 1
    if signoff_at is not None:
        closing = signoff(units[signoff_at])
        reading.correspondent = reading.correspondent or closing.name
        reading.outlet = closing.outlet
    anchor = Speaker(name=talent, role=Role.ANCHOR)
    reporter = Speaker(name=reading.correspondent, role=Role.CORRESPONDENT)
    narration = ""
    pending: Quote | None = None
    for i, unit in enumerate(units):
        in_package = package_from <= i <= package_to
        quote = quoted(unit)
        if pending is not None:  # a quote running over several paragraphs
            more = quote or quote_end(unit)
            if more is not None:
                reading.pieces[-1].text += " " + more.text
                pending = None if more.closed else more
                continue
            reading.warnings.append(f"quote not closed: {pending.text[:40]}...")
            pending = None
        if quote is not None:
            if not quote.closed:
                pending = quote
            speaker = infer_speaker(narration) if narration else Speaker()
            if in_package and speaker == Speaker() and sounds_like_standup(quote.text):
                reading.pieces.append(Piece(Kind.STANDUP, quote.text, reporter))
            else:
                reading.pieces.append(Piece(Kind.SOUNDBITE, quote.text, speaker))
            narration = ""
            continue
        if i == signoff_at:
            kind, speaker = Kind.SIGNOFF, reporter
        elif in_package:
            kind, speaker = Kind.TRACK, reporter
        else:
            kind, speaker = (Kind.TAG if i > package_to else Kind.ANCHOR), anchor
        reading.pieces.append(Piece(kind, unit, speaker))
        narration = unit
    if pending is not None:
        reading.warnings.append(f"quote not closed (text cut off?): {pending.text[:40]}...")
    return reading


def merge_pieces(pieces: Iterable[Piece]) -> list[Element]:
    """Elements from pieces: consecutive pieces of the same kind and speaker become one."""
    elements: list[Element] = []
    for piece in pieces:
        last = elements[-1] if elements else None
        same = last is not None and last.kind is piece.kind and last.speaker == piece.speaker
        if same and piece.joins and piece.kind is not Kind.SIGNOFF:
            last.text = f"{last.text} {piece.text}"
        else:
            elements.append(Element(kind=piece.kind, text=piece.text, speaker=replace(piece.speaker)))
    return elements


def build_story(
    reading: Reading,
    *,
    title: str = "",
    published: datetime | None = None,
    source: Source | None = None,
    talent: str | None = None,
    language: str | None = None,
) -> Story:
    """A Story from a reading; the sign-off's outlet wins over a footer's spelling of it.

    ``language`` defaults to Korean when Hangul makes up most of the copy, else English.
    """
    source = replace(source) if source else Source()
    if reading.outlet:
        source.outlet = reading.outlet
    return Story(
        title=title,
        published=published,
        source=source,
        correspondent=reading.correspondent,
        talent=talent,
        language=language or ("ko" if is_korean(" ".join(p.text for p in reading.pieces)) else "en"),
        elements=merge_pieces(reading.pieces),
    )

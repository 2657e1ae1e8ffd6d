"""Story assembly: a story's paragraphs, read by the shared conventions, into elements.

The anchor lead runs up to and including the handoff (:mod:`castkit.ingest.handoffs`); after it
narration is track, quotes are soundbites or stand-ups (:mod:`castkit.ingest.soundbites`) and
the sign-off (:mod:`castkit.ingest.signoffs`) closes the package; anchor copy after it is a tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from castkit.ingest.cues import StoryWords, mentions
from castkit.ingest.furniture import is_boilerplate
from castkit.ingest.handoffs import INVITATIONS, handoff_name, is_invitation, is_thanks, live_handoff_name
from castkit.ingest.names import address_name
from castkit.ingest.signoffs import signoff
from castkit.ingest.soundbites import Quote, infer_speaker, join_quotes, quote_end, quoted, sounds_like_standup
from castkit.model import Element, Kind, Role, Source, Speaker, Story
from castkit.text import is_korean, split_sentences

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


def asks(turn: str) -> bool:
    """A turn that ends in a question, or in a question put as a statement ("Tell us what you saw.")."""
    sentences = split_sentences(turn)
    return turn.rstrip().endswith("?") or bool(sentences and is_invitation(sentences[-1]))


def _may_ask(paragraphs: Sequence[str]) -> bool:
    """Whether some turn cut from ``paragraphs`` (a paragraph, or its sentences from one on) may be one
    that :func:`asks`: that takes a question mark or an invitation's words somewhere in them."""
    story = "\n".join(paragraphs)  # searched once: no mark or invitation holds a line break
    return "?" in story or mentions(story, INVITATIONS)


def read_two_way(lead: Sequence[str], turns: Sequence[str], correspondent: str, talent: str | None) -> Reading:
    """A live two-way: the anchor's lead up to the live handoff, then questions and answers.

    A short turn that asks (a question, or a statement that invites the report) is the
    anchor's question, and the turn after a question always the correspondent's answer — even
    when it opens with a quotation mark or a thank-you; the anchor's closing thank-you and
    whatever follows it are the tag.
    """
    reporter = Speaker(name=correspondent, role=Role.CORRESPONDENT)
    anchor = Speaker(name=talent, role=Role.ANCHOR)
    reading = Reading(pieces=[Piece(Kind.ANCHOR, line, anchor) for line in lead], correspondent=correspondent)
    kind = Kind.ANCHOR
    for turn in turns:
        if kind is Kind.TAG:
            pass
        elif kind is Kind.QUESTION:
            kind = Kind.ANSWER
        elif is_thanks(turn) and kind is Kind.ANSWER and (talent is None or address_name(talent) not in turn):
            kind = Kind.TAG
        elif asks(turn) and (len(turn.split()) <= 30 or address_name(correspondent) in turn):
            kind = Kind.QUESTION
        else:
            kind = Kind.ANSWER
        opened = quoted(turn)
        if kind is Kind.ANSWER and opened is not None:  # an answer that opens with a quotation mark is still an answer
            turn = opened.text
        reading.pieces.append(Piece(kind, turn, reporter if kind is Kind.ANSWER else anchor))
    return reading


def _live(paragraphs: Sequence[str], split: Sequence[list[str]], talent: str | None, story_words: StoryWords) -> Reading | None:
    """The two-way when a paragraph crosses live to a correspondent and the anchor then asks them (``split``: each paragraph's sentences).

    The turn after a crossing must ask, so a story that asks nothing (most do not) is not searched:
    the search reads every sentence."""
    if not _may_ask(paragraphs):
        return None
    for at, sentences in enumerate(split):
        for j, sentence in enumerate(sentences):
            name = live_handoff_name(sentence, story_words)
            if not name:
                continue
            turns = [" ".join(sentences[j + 1 :])] if sentences[j + 1 :] else []
            turns += list(paragraphs[at + 1 :])
            if not turns or not asks(turns[0]):
                return None
            return read_two_way([*paragraphs[:at], " ".join(sentences[: j + 1])], turns, name, talent)
    return None


def read_paragraphs(paragraphs: Sequence[str], *, talent: str | None = None, story_words: StoryWords | None = None) -> Reading:
    """Classify a story's paragraphs by the shared conventions.

    The anchor lead runs up to and including the handoff line; after it, narration is the
    correspondent's track, whole quotes are soundbites (speaker inferred from the narration
    before, or a stand-up when the words are the correspondent's own), the sign-off line is
    the sign-off and anchor copy after it is a tag. Without a handoff but with a sign-off the
    first paragraph is taken as the lead (with a warning); with neither, the story is the
    anchor's (a reader, or VO/SOT when it holds quotes). A live handoff followed by a
    question to the correspondent makes the story a two-way (:func:`read_two_way`).
    ``story_words`` are the words of the story's sentences listed by an earlier search.
    """
    split = [split_sentences(paragraph) for paragraph in paragraphs]
    story_words = StoryWords() if story_words is None else story_words
    live = _live(paragraphs, split, talent, story_words)
    if live is not None:
        return live
    reading = Reading(pieces=[])
    units = []
    for sentences in split:
        for unit in join_quotes(sentences):
            if unit[:1].isdigit() and is_boilerplate(unit):  # a date printed after the sign-off on the same line
                reading.dropped.append(unit)
            else:
                units.append(unit)
    handoff_at = signoff_at = closing = None
    for i, unit in enumerate(units):
        if name := handoff_name(unit, story_words):
            handoff_at, reading.correspondent = i, name
            break
    for i in range(2 if handoff_at is None else handoff_at + 1, len(units)):
        if closing := signoff(units[i]):
            signoff_at = i
            break
    if handoff_at is not None:
        package_from = handoff_at + 1
    elif signoff_at is not None:
        package_from = 1
        reading.warnings.append("no handoff line: took the first paragraph as the anchor lead")
    else:
        package_from = len(units)
    package_to = signoff_at if signoff_at is not None else len(units) - 1
    if closing is not None:
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
            speaker = infer_speaker(narration, story_words) if narration else Speaker()
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
    """Elements from pieces: consecutive pieces of the same kind and speaker become one.

    Each element's words are joined once at the end: adding each piece to the text so far
    would copy a long track over and over."""
    elements: list[Element] = []
    texts: list[list[str]] = []
    said_by: Speaker | None = None  # the speaker the last element's is a copy of
    for piece in pieces:
        if (elements and piece.joins and piece.kind is not Kind.SIGNOFF and elements[-1].kind is piece.kind
                and (piece.speaker is said_by or piece.speaker == said_by)):
            texts[-1].append(piece.text)
        else:
            said_by = piece.speaker
            elements.append(Element(piece.kind, "", said_by.copy()))  # pieces share speakers; elements never do
            texts.append([piece.text])
    for element, words in zip(elements, texts):
        element.text = " ".join(words)
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
    source = Source(**vars(source)) if source else Source()  # a copy (4x faster than replace())
    if reading.outlet:
        source.outlet = reading.outlet
    return Story(
        title=title,
        published=published,
        source=source,
        correspondent=reading.correspondent,
        talent=talent,
        language=language or ("ko" if is_korean(" ".join(map(attrgetter("text"), reading.pieces))) else "en"),
        elements=merge_pieces(reading.pieces),
    )

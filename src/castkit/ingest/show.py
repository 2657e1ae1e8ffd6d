"""Full-show transcripts: a programme header, then one ``Title:`` section per item.

Broadcasters such as Arirang and KBS publish a whole bulletin as one page: a header line
naming the programme and when it aired, then sections under ``Title: <title>`` lines. The
first few are show furniture (headlines, title card, the presenter's greeting, a closing);
every other section is a story, read by the shared conventions: an anchor lead up to the
handoff, then a package, or a live two-way in which the anchor questions the correspondent
by first name. ``...`` and ``,...`` in such transcripts are pauses, not sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.cues import StoryWords
from castkit.ingest.conventions import (
    Reading,
    address_name,
    air_time,
    build_story,
    handoff_name,
    is_boilerplate,
    is_invitation,
    live_handoff_name,
    presenter_name,
    quoted,
    read_paragraphs,
    read_two_way,
    signoff,
)
from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story
from castkit.text import split_sentences

_SECTION = re.compile(r"^\s*title\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_HEADLINES = re.compile(r"^(?:(?:news )?headlines?|top stories|coming up|in this (?:edition|hour)|teases?)$", re.I)
_OPENING = re.compile(r"^(?:title card|opening titles?|open(?:ing)?|greeting|welcome|intro)$", re.I)
_CLOSING = re.compile(r"^(?:closing|close|goodbye|sign[- ]?off|outro|ending)$", re.I)
# A date in parentheses at the end of a section title: "(2025.06.12)", "(2025.01.15 (Wed))".
_TITLE_DATE = re.compile(r"(?<!\s)\s*\((?P<date>\d{4}[./-]\d{1,2}[./-]\d{1,2}[^()]*(?:\([^()]*\))?)\)\s*$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")


@dataclass
class _Section:
    title: str
    lines: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)  # the same lines, grouped by blank lines


def sniff(text: str) -> float:
    """Two or more ``Title:`` section lines make a full-show transcript."""
    sections = sum(1 for line in text.splitlines() if _SECTION.match(line))
    return 0.0 if sections == 0 else 0.5 if sections == 1 else 0.9


def parse(text: str) -> Parsed:
    parsed = Parsed(Bulletin(), "show")
    preamble, sections = _split(text, parsed.dropped)
    header_at = next((i for i, line in enumerate(preamble) if air_time(line)), None)
    header = air_time(preamble[header_at]) if header_at is not None else None
    when = header.when if header else None
    if header:
        parsed.bulletin.title = header.programme or None
        parsed.bulletin.date = header.when.date().isoformat()
        parsed.bulletin.start_ms = header.start_ms
    notes = [line for i, line in enumerate(preamble) if i != header_at]
    if not sections:
        parsed.warnings.append("no 'Title:' sections found: read the text as one story")
        sections, notes = [_Section("", notes, [notes])] if notes else [], []
    anchor = next((name for s in sections for line in s.lines if (name := presenter_name(line))), None)
    talent = Speaker(name=anchor, role=Role.ANCHOR)
    for section in sections:
        story = _furniture(section, talent) or _story(section, talent, parsed.warnings)
        story.talent = anchor
        dated = _title_date(section.title)
        story.published = when if dated is None or (when and dated.date() == when.date()) else dated
        parsed.bulletin.stories.append(story)
    if notes and parsed.bulletin.stories:
        parsed.bulletin.stories[0].elements[:0] = [Element(Kind.INSTRUCTION, line) for line in notes]
        parsed.warnings.extend(f"text before the first section kept as an instruction: {line[:60]}" for line in notes)
    last = sections[-1].lines[-1] if sections and sections[-1].lines else ""
    if last and not _SENTENCE_END.search(last):
        parsed.warnings.append(f"the transcript ends mid-sentence (cut off?): ...{last[-40:]}")
    return parsed


def _split(text: str, dropped: list[str]) -> tuple[list[str], list[_Section]]:
    """Header lines before the first section, and the sections with their paragraph blocks."""
    preamble: list[str] = []
    sections: list[_Section] = []
    new_block = True
    for raw in text.splitlines():
        line = raw.strip()
        header = _SECTION.match(line) if line[:1] in ("t", "T") else None  # "Title:" (no other letter is a t to the pattern)
        if header:
            sections.append(_Section(header.group("title")))
            new_block = True
        elif not line:
            new_block = True
        elif is_boilerplate(line):
            dropped.append(line)
        elif not sections:
            preamble.append(line)
        else:
            section = sections[-1]
            if new_block:
                section.blocks.append([])
            section.blocks[-1].append(line)
            section.lines.append(line)
            new_block = False
    return preamble, sections


def _title_date(title: str):
    """The date a section title carries ("... (2025.06.12)"), when it has one."""
    match = _TITLE_DATE.search(title)
    aired = air_time(match.group("date")) if match else None
    return aired.when if aired else None


def _furniture(section: _Section, talent: Speaker) -> Story | None:
    """Headlines (a TEASE story, one element per headline), title card, greeting or closing."""
    title, lines = section.title, section.lines
    if _HEADLINES.match(title):
        elements = [Element(Kind.ANCHOR, line, speaker=Speaker(talent.name, role=Role.ANCHOR)) for line in lines]
        return Story(title=title, format=Format.TEASE, elements=elements)
    closing = bool(_CLOSING.match(title))
    if not (closing or _OPENING.match(title)):
        return None
    if lines and not any(c.islower() for line in lines for c in line):  # a caption: "ARIRANG NEWS"
        return Story(title=title, format=Format.OPEN, elements=[Element(Kind.INSTRUCTION, " ".join(lines))])
    element = Element(Kind.ANCHOR, " ".join(lines), speaker=Speaker(talent.name, role=Role.ANCHOR))
    return Story(title=title, format=Format.CLOSE if closing else None, elements=[element] if lines else [])


def _story(section: _Section, talent: Speaker, warnings: list[str]) -> Story:
    title = _TITLE_DATE.sub("", section.title)
    story_words = StoryWords()
    two_way = _two_way(section, story_words)
    if two_way is None:
        reading = read_paragraphs(_paragraphs(section.lines), talent=talent.name, story_words=story_words)
    else:
        reading = _read_two_way(section, two_way, talent)
    warnings.extend(f"{title}: {w}" for w in reading.warnings)
    return build_story(reading, title=title)


def _paragraphs(lines: list[str]) -> list[str]:
    """A story's lines as paragraphs, a quoted stand-up that ends with the reporter's sign-off
    as two: the stand-up and the sign-off."""
    paragraphs = []
    for line in lines:
        quote = quoted(line)
        sentences = split_sentences(quote.text) if quote and quote.closed else ()
        if len(sentences) > 1 and signoff(sentences[-1]):
            paragraphs += (f'"{" ".join(sentences[:-1])}"', sentences[-1])
        else:
            paragraphs.append(line)
    return paragraphs


class _Crossing(NamedTuple):
    """Where the anchor crosses live to a correspondent: the handoff is ``sentences[sentence]`` of ``lines[line]``."""

    line: int
    sentences: list[str]
    sentence: int
    correspondent: str


def _two_way(section: _Section, story_words: StoryWords) -> _Crossing | None:
    """Where the anchor crosses live to a correspondent, else None.

    A live handoff ("Our X is standing by.") makes a two-way; so does an ordinary handoff
    followed by a question to the correspondent by first name.
    """
    lines = section.lines
    for i, line in enumerate(lines):
        sentences = split_sentences(line)
        for j, sentence in enumerate(sentences):
            live = live_handoff_name(sentence, story_words)
            if live:
                return _Crossing(i, sentences, j, live)
            name = handoff_name(sentence, story_words)
            if name:
                after = " ".join(sentences[j + 1 :] + lines[i + 1 : i + 2])
                asks = (after.rstrip().endswith("?") or is_invitation(after)) and address_name(name) in after
                return _Crossing(i, sentences, j, name) if asks else None
    return None


def _read_two_way(section: _Section, crossing: _Crossing, talent: Speaker) -> Reading:
    """Anchor lead up to the live handoff, then the two-way (:func:`castkit.ingest.stories.read_two_way`).

    Turns are the blank-line separated blocks after the handoff (single lines when the page
    has no blank lines there).
    """
    sentences, at = crossing.sentences, crossing.sentence
    lead = [*section.lines[: crossing.line], " ".join(sentences[: at + 1])]
    turns = _turns(section, crossing.line)
    rest_of_handoff = sentences[at + 1 :]
    if rest_of_handoff:
        turns[0:0] = [" ".join(rest_of_handoff)]
    return read_two_way(lead, turns, crossing.correspondent, talent.name)


def _turns(section: _Section, at_line: int) -> list[str]:
    """The paragraphs after the handoff line grouped into turns (blocks, or single lines)."""
    seen = 0
    blocks: list[list[str]] = []
    for block in section.blocks:
        after = block[max(0, at_line + 1 - seen) :]
        seen += len(block)
        if after:
            blocks.append(after)
    if len(blocks) > 1:
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


STYLE = register(
    Style(
        "show",
        "full-show transcript: programme header, then 'Title:' sections (headlines, greeting, stories)",
        sniff,
        parse,
    )
)

"""Bracket-marker scripts: ``[Anchor Lead]``, ``[Pkg]``, ``[Soundbite] NAME (Title) : "quote"``.

Korean broadcasters' English sites (KBS and others) print the script with bracketed section
markers, scraped together with the page around it: Korean menu text, timestamps, browser
notices. Soundbites come in several shapes: after a ``[Soundbite]`` marker with or without a
name; as ``Name (Title):`` on its own line with the words below, quoted or not; as a
bracketed block ``[Name/Title: "quote"]``; or, on pages without any markers, as
``Name (Title):`` line prefixes. Titles may nest parentheses or carry dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.conventions import (
    Piece,
    Reading,
    air_time,
    build_story,
    handoff_name,
    infer_speaker,
    is_boilerplate,
    quoted,
    story_title,
    signoff,
    sounds_like_standup,
    strip_direction,
)
from castkit.model import Bulletin, Kind, Role, Source, Speaker
from castkit.notices import Notice
from castkit.text import ends_sentence, is_korean

_MARKER = re.compile(r"^\[(?P<tag>[A-Za-z가-힣][^\[\]/\"]{0,60})\]\s*(?P<rest>.*)$")
_SECTIONS = {
    "anchor lead": Kind.ANCHOR, "anchor": Kind.ANCHOR, "lead": Kind.ANCHOR, "anchor intro": Kind.ANCHOR,
    "pkg": Kind.TRACK, "package": Kind.TRACK, "report": Kind.TRACK, "reporter": Kind.TRACK, "vo": Kind.TRACK,
    "soundbite": Kind.SOUNDBITE, "sound bite": Kind.SOUNDBITE, "sot": Kind.SOUNDBITE, "interview": Kind.SOUNDBITE,
    "stand-up": Kind.STANDUP, "standup": Kind.STANDUP,
    "tag": Kind.TAG, "anchor tag": Kind.TAG, "anchor outro": Kind.TAG,
    # Korean broadcasters' own scripts (KBS, YTN, MBC, SBS)
    "앵커": Kind.ANCHOR, "앵커 멘트": Kind.ANCHOR, "앵커멘트": Kind.ANCHOR, "리포트": Kind.TRACK, "기자": Kind.TRACK,
    "기자 리포트": Kind.TRACK, "인터뷰": Kind.SOUNDBITE, "녹취": Kind.SOUNDBITE, "스탠드업": Kind.STANDUP,
    "스탠드 업": Kind.STANDUP, "앵커 마무리": Kind.TAG, "클로징": Kind.TAG,
}
_SECTION_TAGS = "|".join(re.escape(tag) for tag in sorted(_SECTIONS, key=len, reverse=True))
_INLINE_MARKER = re.compile(rf"(?:(?<=\S)\s*)(?=[\[<](?i:{_SECTION_TAGS})[\]>])|<(?P<tag>(?i:{_SECTION_TAGS}))>")
"""A section marker inside a line, or in angle brackets (``<Anchor>``, ``… text <Reporter> text``)."""
_KOREAN_LABEL = re.compile(
    r"^(?P<name>[가-힣]{2,4})(?:\s*/\s*(?P<title>[^:\"“.]{1,40}?))?\s*(?::\s*(?P<rest>.*)|$)"
)
"""A Korean soundbite label: "김순자 / 서울 종로구 : words", or "김순자 / 서울 종로구" above the words."""
# "[Yoon Suk Yeol/President (Dec. 3, 2024): "I declare ..."]", possibly over several lines.
_BLOCK = re.compile(
    r'^\[(?P<name>[A-Z][^/\[\]":]{1,50})(?:/(?P<title>[^\[\]":]{0,200}(?:\([^\[\]"]{0,200}\))?[^\[\]":]{0,200}):\s*(?P<rest>.*)'
    r'|:\s*(?P<said>["“].*))$'
)
"""A bracketed soundbite: "[Name/Title: "words"]", or "[KCNA: "words"]" from a broadcaster or organisation."""
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}\s*$")
"""One to five capitalised words (a soundbite label's name). Spaces only between words, so a
long run of capitals is read once, not cut into words every possible way."""
_URL = re.compile(r"^https?://\S+$")
_PROSE_ENDS = (".", "!", "?", '"', "”", "…")
"""The last characters of a sentence: a line ending otherwise is a title, a label or furniture."""
_PAREN = re.compile(r"[()]")


def _is_url(line: str) -> bool:
    """A bare link; only a line opening with "http" is tried against the pattern."""
    return line.startswith("http") and _URL.match(line) is not None


@dataclass
class _Label:
    """A soundbite's speaker as the script prints it, and the words on the same line."""

    name: str | None
    title: str | None
    rest: str


def sniff(text: str) -> float:
    """Section markers, or several ``Name (Title):`` soundbite lines, make a bracket script."""
    if any(m in text for m in ("[Anchor Lead]", "[앵커]", "[앵커 멘트]")):
        return 0.85
    lines = [_Line.read(line) for line in marker_lines(text)]
    markers = sum(1 for line in lines if line.marker and line.marker.group("tag").lower() in _SECTIONS)
    labels = sum(1 for line in lines if line.label or line.block)
    if markers >= 2 or (markers and labels):
        return 0.85
    return 0.6 if labels >= 2 else 0.0


def _label(line: str, *, bare_name: bool = False) -> _Label | None:
    """``Name (Title) : rest`` with balanced (nested) parentheses in the title; ``Name : rest``
    too when ``bare_name`` (after a ``[Soundbite]`` marker); ``: rest`` for no name at all."""
    if bare_name and (line.startswith(":") or line[:1] in "\"“"):
        return _Label(None, None, line.lstrip(":").strip())
    korean = _KOREAN_LABEL.match(line)
    if korean and (korean.group("title") or (bare_name and korean.group("rest") is not None)):  # "김순자 / 서울 종로구 : ..."
        return _Label(korean.group("name"), (korean.group("title") or "").strip() or None, (korean.group("rest") or "").strip())
    open_at = line.find("(")
    if open_at > 0 and _NAME.match(line[:open_at].strip()):
        depth = 0
        for paren in _PAREN.finditer(line, open_at):
            depth += 1 if paren.group() == "(" else -1
            if depth == 0:
                after = line[paren.end() :].lstrip()
                if after.startswith(":"):
                    return _Label(line[:open_at].strip(), line[open_at + 1 : paren.start()].strip(), after[1:].strip())
                return None
        return None
    name, colon, rest = line.partition(":")
    if bare_name and colon and _NAME.match(name.strip()):
        return _Label(name.strip(), None, rest.strip())
    return None


@dataclass(slots=True)
class _Line:
    """A page line and the script it opens: a section marker, a bracketed soundbite or a
    soundbite label. Read once, as the story split, the furniture test and the reader all ask."""

    text: str
    marker: re.Match[str] | None
    block: re.Match[str] | None
    label: _Label | None

    @classmethod
    def read(cls, text: str) -> _Line:
        """Markers and blocks open with a bracket, blocks and labels hold a colon (or, in
        Korean, a slash): most lines are settled without trying a pattern."""
        if text.startswith("["):
            return cls(text, _MARKER.match(text), _BLOCK.match(text) if ":" in text else None, None)
        return cls(text, None, None, _label(text) if ":" in text or "/" in text else None)

    @property
    def opens_script(self) -> bool:
        """A marker or a soundbite is script, never page furniture."""
        return self.marker is not None or self.block is not None or self.label is not None


class _Reader:
    """Walks the page line by line, keeping the section the markers set."""

    def __init__(self, parsed: Parsed, english: bool) -> None:
        self.parsed = parsed
        self.english = english
        self.reading = Reading(pieces=[])
        self.section: Kind | None = None  # set by markers; None before the first
        self.after_handoff = False
        self.after_signoff = False
        self.title: str | None = None
        self.outlet: str | None = None
        self.url: str | None = None
        self.published = None
        # One speaker for all the anchor's pieces and one for all the reporter's (each element gets
        # a copy); the reporter is named by finish(), as the script may name them after early pieces.
        self.anchor = Speaker(role=Role.ANCHOR)
        self.reporter = Speaker(role=Role.CORRESPONDENT)
        self.label: _Label | None = None  # a label whose words are on the next line(s)
        self.block: _Label | None = None  # an open [Name/Title: "... block
        self.narration = ""

    # ------------------------------------------------------------ page furniture

    def furniture(self, line: _Line, following: str) -> bool:
        """Boilerplate, timestamps, outlet lines, footers and the title: True when consumed."""
        text = line.text
        aired = air_time(text) if len(text) < 80 and line.block is None else None  # "[Name/Title (Dec. 3, 2024): …]" is a soundbite
        if aired and not aired.programme:
            self.published = self.published or aired.when
            self.parsed.dropped.append(text)
            return True
        if _is_url(text):
            self.url = self.url or text
            self.parsed.dropped.append(text)
            return True
        if is_boilerplate(text):
            self.parsed.dropped.append(text)
            return True
        if line.opens_script:
            return False
        korean_ui = self.english and not text.isascii() and is_korean(text)
        if korean_ui or not any(map(str.isalpha, text)):
            self.parsed.dropped.append(text)
            return True
        if text.endswith(_PROSE_ENDS):  # a sentence
            return False
        if self.reading.pieces or self.section is not None:
            if not _is_url(following):
                return False
            self.outlet = self.outlet or text  # "KBS WORLD Radio" above the page's URL
            self.parsed.dropped.append(text)
            return True
        if any(map(str.isupper, text)) and not any(map(str.islower, text)) and len(text.split()) <= 4:
            self.outlet = self.outlet or text  # "KBS NEWS" masthead
            self.parsed.dropped.append(text)
        elif self.title is None:
            self.title = text
        else:
            self.add(Kind.INSTRUCTION, text, Speaker())
            self.parsed.warnings.append(f"line before the script kept as an instruction: {text[:60]}")
        return True

    # ------------------------------------------------------------ the script

    def line(self, line: _Line) -> None:
        if self.block is not None:
            self.continue_block(line.text)
            return
        if self.label is not None:
            named = line.label if self.label.name is None else None
            if named:  # "[Soundbite]" then "Name (Title):" below it
                self.labelled(named)
            else:
                self.soundbite(self.label.name, self.label.title, line.text)
            return
        if block := line.block:
            self.block = _Label(block.group("name").strip(), (block.group("title") or "").strip() or None, "")
            self.continue_block(block.group("rest") if block.group("said") is None else block.group("said"))
        elif line.marker:
            self.marker(line.marker.group("tag"), line.marker.group("rest"))
        elif line.label:
            self.labelled(line.label)
        else:
            self.narration_line(line.text)

    def marker(self, tag: str, rest: str) -> None:
        kind = _SECTIONS.get(tag.lower())
        if kind is None:
            self.add(Kind.INSTRUCTION, f"{tag}: {rest}" if rest else tag, Speaker())
            return
        if kind is Kind.SOUNDBITE:
            label = _label(rest, bare_name=True) if rest else _Label(None, None, "")
            self.labelled(label or _Label(None, None, rest))
            return
        self.section = kind
        if rest:
            self.narration_line(rest)

    def labelled(self, label: _Label) -> None:
        if label.rest:
            self.soundbite(label.name, label.title, label.rest)
        else:
            self.label = label

    def continue_block(self, text: str) -> None:
        done = text.rstrip().endswith("]")
        self.block.rest = f"{self.block.rest} {text.rstrip().removesuffix(']').strip()}".strip()
        if done:
            block, self.block = self.block, None
            self.soundbite(block.name, block.title, block.rest)

    def soundbite(self, name: str | None, title: str | None, words: str) -> None:
        self.label = None
        quote = quoted(words)
        text = quote.text if quote else strip_direction(words)
        if quote is not None and not quote.closed:
            self.parsed.warnings.append(f"quote not closed (text cut off?): {text[:40]}...")
        correspondent = self.reading.correspondent
        if name is not None and name == correspondent:
            self.add(Kind.STANDUP, text, self.reporter)
        elif name is None and self.section is Kind.STANDUP:
            self.add(Kind.STANDUP, text, self.reporter)
        elif name is not None:
            self.add(Kind.SOUNDBITE, text, Speaker(name=name, title=title or None, role=Role.INTERVIEWEE))
        else:
            speaker = infer_speaker(self.narration) if self.narration else Speaker()
            if speaker == Speaker() and self.in_package and sounds_like_standup(text):
                self.add(Kind.STANDUP, text, self.reporter)
            else:
                self.add(Kind.SOUNDBITE, text, speaker)
        self.narration = ""

    def narration_line(self, line: str) -> None:
        if quoted(line) is not None:
            self.soundbite(None, None, line)
            return
        in_package = self.in_package
        closing = signoff(line) if in_package or self.after_handoff else None
        if closing:
            self.reading.correspondent = self.reading.correspondent or closing.name
            self.reading.outlet = closing.outlet
            self.add(Kind.SIGNOFF, line, self.reporter)
            self.after_signoff = True
        elif self.after_signoff:
            self.add(Kind.TAG, line, self.anchor)
        elif self.section is Kind.STANDUP:
            self.add(Kind.STANDUP, line, self.reporter)
        elif in_package:
            self.add(Kind.TRACK, line, self.reporter)
        else:
            self.add(self.section if self.section is Kind.TAG else Kind.ANCHOR, line, self.anchor)
            name = handoff_name(_closing_sentence(line)) if self.section in (None, Kind.ANCHOR) else None
            if name:
                self.reading.correspondent = name
                self.after_handoff = True
        self.narration = line

    @property
    def in_package(self) -> bool:
        if self.section is None or self.section is Kind.ANCHOR:
            return self.after_handoff
        return self.section in (Kind.TRACK, Kind.STANDUP)

    def add(self, kind: Kind, text: str, speaker: Speaker) -> None:
        """A piece of the story; each soundbite and stand-up is its own, never merged."""
        self.reading.pieces.append(Piece(kind, text, speaker, joins=kind not in (Kind.SOUNDBITE, Kind.STANDUP)))

    def finish(self) -> None:
        for pending in (self.label, self.block):
            if pending is not None:
                self.parsed.warnings.append(f"soundbite of {pending.name or 'an unnamed speaker'} has no words (cut off?)")
                if pending.rest:
                    self.soundbite(pending.name, pending.title, pending.rest)
        self.reporter.name = self.reading.correspondent


def marker_lines(text: str) -> list[str]:
    """The page's non-blank lines, each section marker (``[앵커]``, ``<Anchor>``) starting a line of its own.

    A marker is in brackets, so only lines holding one after their first character are searched
    (the search tests a look-behind at every character of what it reads; a ``[`` opening the
    line has nothing before it to split from, and such are most marker lines).
    """
    lines = []
    for raw in text.splitlines():
        if raw.find("[", 1) > 0 or "<" in raw:
            lines += _INLINE_MARKER.sub(lambda m: f"\n[{m.group('tag')}]" if m.group("tag") else "\n", raw).splitlines()
        else:
            lines.append(raw)
    return [line for raw in lines if (line := raw.strip())]


def _next_story(reader: _Reader, line: _Line) -> str | None:
    """Why ``line`` starts a new story on a page of several, or None.

    A second anchor marker is a change of story under a new anchor label;
    a title line between two anchor reads (no closing punctuation, not a marker or a label)
    starts the second read as a story of its own.
    """
    if not reader.reading.pieces:
        return None
    if line.marker and _SECTIONS.get(line.marker.group("tag").lower()) is Kind.ANCHOR and reader.section is not None:
        return "a new anchor label"
    text = line.text
    title = story_title(text) or (
        text if reader.section in (None, Kind.ANCHOR) and not reader.after_handoff and not text.endswith(_PROSE_ENDS)
        and not line.opens_script and len(text.split()) <= 14 and not is_boilerplate(text)
        else None
    )
    return "a title line between two anchor reads" if title else None


def _opening_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``'s first sentence, whitespace collapsed.

    Only those words are tested for a sentence end (by :func:`castkit.text.split_sentences`'
    rules): a long paragraph is not split whole for its opening.
    """
    words = text.split()
    for i in range(min(limit, len(words))):
        if ends_sentence(words, i):
            return " ".join(words[: i + 1])
    return " ".join(words[:limit])


def _closing_sentence(text: str) -> str:
    """The last sentence of ``text``, as :func:`castkit.text.split_sentences` gives it.

    Sentence ends are tested from the last word back, so only the closing sentence is read.
    """
    words = text.split()
    for i in range(len(words) - 2, -1, -1):
        if ends_sentence(words, i):
            return text.split(maxsplit=i + 1)[-1].strip()
    return text.strip()


def _story(reader: _Reader, parsed: Parsed, first: _Reader) -> None:
    reader.finish()
    source = Source(outlet=reader.outlet or first.outlet, url=reader.url or first.url)
    title = reader.title or ""
    if not title and reader is not first and reader.reading.pieces:  # a later story without a title line
        title = _opening_words(reader.reading.pieces[0].text, 12)
    story = build_story(reader.reading, title=title, published=reader.published or first.published, source=source)
    parsed.bulletin.stories.append(story)
    parsed.warnings.extend(reader.reading.warnings)


def parse(text: str) -> Parsed:
    parsed = Parsed(Bulletin(), "bracket")
    lines = marker_lines(text)
    english = not is_korean(text[:20_000])  # the copy's language, judged from the page's start
    first = reader = _Reader(parsed, english)
    for line, following in zip(map(_Line.read, lines), [*lines[1:], ""]):
        if reader.block is not None or reader.label is not None:  # a soundbite's words go on
            reader.line(line)
            continue
        if why := _next_story(reader, line):
            _story(reader, parsed, first)
            section, reader = reader.section, _Reader(parsed, english)
            title = story_title(line.text) or (None if line.marker else line.text)
            reader.title = title
            if title is not None:
                reader.section = section  # the anchor read goes on under the new title
            parsed.guesses.append(Notice("story", (title or "")[:40], f"a new story starts here: {why}; check the story boundaries"))
            if title is not None:
                parsed.dropped.append(line.text)
                continue
        if reader.furniture(line, following):
            continue
        reader.line(line)
    _story(reader, parsed, first)
    if not any(story.elements for story in parsed.bulletin.stories):
        parsed.warnings.append("no script found: only page furniture")
    spoken = parsed.bulletin.stories[-1].spoken_elements
    last = spoken[-1].text if spoken else ""
    if last and not last.rstrip().endswith(_PROSE_ENDS):
        parsed.warnings.append(f"the script ends mid-sentence (cut off?): ...{last[-40:]}")
    return parsed


STYLE = register(
    Style(
        "bracket",
        "bracket-marker script: [Anchor Lead], [Pkg], [Soundbite] NAME (Title) : \"quote\"",
        sniff,
        parse,
    )
)

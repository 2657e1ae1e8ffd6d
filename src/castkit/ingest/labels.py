"""Speaker-label transcripts: ``FULL NAME, ROLE:`` on a first turn, ``SURNAME:`` after.

US networks (CNN rush transcripts, NPR) print every turn behind an upper-case label. The role
words decide the element kind (ANCHOR/HOST read copy, CORRESPONDENT/REPORTER/BYLINE file
track or answer live); ``(BEGIN VIDEOTAPE)`` ... ``(END VIDEOTAPE)`` and ``(BEGIN VIDEO CLIP)``
mark packages and clips, inside which other speakers are soundbites; ``(voice-over)`` and
``(on camera)`` on a label mark track and stand-up. A paragraph without a label continues
the previous speaker. ``(COMMERCIAL BREAK)`` separates the show's blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.conventions import (
    AirTime,
    Piece,
    Reading,
    air_time,
    build_story,
    handoff_name,
    is_boilerplate,
    is_invitation,
    is_thanks,
    signoff,
)
from castkit.ingest.cues import mentions
from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story
from castkit.notices import Notice
from castkit.text import split_sentences

_CUE = re.compile(r"^\((?P<cue>[^()]{2,80})\)\.?$")  # (BEGIN VIDEOTAPE), (SOUNDBITE OF MUSIC)
_DIRECTION = re.compile(r"^\((?:through (?:translator|interpreter)|speaking [a-z]+|in [a-z]+)\)\.?\s*", re.I)
_CLOCK_LINE = re.compile(r"^\[\d{1,2}:\d{2}(?::\d{2})?\]$")
_NOTICE = re.compile(
    r"rush transcript|may not be in its final form|created on a rush deadline|return to transcripts|"
    r"^heard on\b|^transcripts?$",
    re.I,
)
_NOTICE_WORDS = ("transcript", "final form", "rush deadline", "heard on")
"""Every transcript notice holds one of these: a line without any is not searched for one."""
_PARENS = re.compile(r"\(([^()]*)\)")
_GLUED_LABEL = re.compile(
    r"(?:(?<=[a-z])(?=(?:[A-Z][A-Z'’.-]+ ){1,3})|(?:(?<=[a-z0-9][.!?])|(?<=[.!?][\"”])) ?)(?=(?:[A-Z][A-Z'’.-]+ ){0,3}[A-Z][A-Z'’-]+"
    r"(?:, [A-Z][A-Z0-9 ,'’./&-]{2,80})?(?: \([a-z -]+\))?:\s)"
)
"""A speaker label run into the turn before it, as copied pages print it: "...by our viewersANNA LEE: ..."."""
_GLUE_CANDIDATE = re.compile(r"[A-Z](?<=[a-z.!?\"” ].)(?<![^.!?\"”] .)[A-Z'’.-]+[ ,:]")
"""Where a glued label can start: an upper-case word right after a lower-case letter or a closing mark
(. ! ? or a quote), or one space after a closing mark. Every glued label starts at one; trying
:data:`_GLUED_LABEL` only there reads a long transcript in one quick pass instead of testing its
look-arounds at every character, and passes over the upper-case words inside labels and sentences."""


def split_glued_labels(text: str) -> tuple[str, int]:
    """``text`` with each speaker label glued to the turn before it moved to a line of its own, and how many were."""
    pieces: list[str] = []
    done = count = 0
    for candidate in _GLUE_CANDIDATE.finditer(text):
        at = candidate.start()
        match = (text[at - 1] == " " and _GLUED_LABEL.match(text, at - 1)) or _GLUED_LABEL.match(text, at)
        if match:
            pieces += [text[done : match.start()], "\n"]
            done = match.end()
            count += 1
    if not count:
        return text, 0
    return "".join([*pieces, text[done:]]), count
# Upper case up to the first colon, lower case allowed only inside parentheses.
_LABEL = re.compile(r"^(?P<label>[^a-z:()\[\]][^a-z:()]*(?:\([^()]*\)[^a-z:()]*)*):(?:\s+|$)(?P<rest>.*)$")
_ANCHOR_WORDS = re.compile(r"\b(?:ANCHOR|HOST|CO-HOST|PRESENTER|MODERATOR)\b")
_REPORTER_WORDS = re.compile(r"\b(?:CORRESPONDENT|REPORTER|BYLINE)\b")
_ACRONYMS = frozenset("CNN NPR KBS BBC ABC CBS NBC MSNBC PBS AP UN EU US U.S. NATO FBI CIA".split())
_SMALL = frozenset("of the and for on in at to a an".split())
_PROSE_END = re.compile(r"[.!?\"”…)]$")
_SIGNED_OFF_KINDS = frozenset({Kind.TRACK, Kind.STANDUP, Kind.ANSWER})
"""The kinds of paragraph a reporter may close with a sign-off."""


@dataclass
class _Turn:
    """One speaker's turn: who, the label's modifiers, the paragraphs said."""

    speaker: Speaker
    mods: set[str]
    paragraphs: list[str] = field(default_factory=list)


def _split_label(line: str) -> tuple[str, str] | None:
    """``LABEL: words`` when the label, parentheses aside, is upper case (``ATWOOD (on camera):``)."""
    match = _LABEL.match(line)
    if not match or len(match.group("label")) > 120:
        return None
    label = match.group("label").strip()
    if not _two_capitals(_PARENS.sub("", label)):
        return None
    return label, match.group("rest").strip()


def _two_capitals(text: str) -> bool:
    """Whether ``text`` holds two upper-case letters, read only up to the second (a label's first two letters)."""
    return len(list(islice(filter(str.isupper, text), 2))) == 2


_TITLE_LABEL = re.compile(
    r"^(?P<name>[A-Z][a-z'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|bin|al))*)(?: \((?P<mod>[a-z ]{3,40})\))?:(?:\s+(?P<rest>.*))?$"
)
_GENERIC_SPEAKERS = frozenset("Man Woman Person Child Boy Girl Student Protester Resident Voice".split())


def _reports(name: str, lines: list[str]) -> bool:
    """Whether the copy hands to ``name`` or ``name`` signs off somewhere in ``lines``."""
    for line in lines:
        if name in line:
            for sentence in split_sentences(line):
                closing = signoff(sentence) if name in sentence else None
                if name in sentence and (handoff_name(sentence) == name or (closing and closing.name == name)):
                    return True
    return False


def title_case_labels(text: str, guesses: list[Notice] | None = None) -> str:
    """A transcript labelled "Amna Nawaz:" (as PBS prints it) in castkit's upper-case label form.

    Only names that label at least two turns count (with "Man:", "Woman (through translator):"
    and the like), and only in a text with three such turns. Roles are guessed, each guess a
    ``speaker`` notice: the first voice and anyone who says "I'm <Name>" in their first turn is
    the host; a name the copy hands to ("Nick Schifrin reports.") or that signs off ("For the PBS
    NewsHour, I'm Nick Schifrin") is a correspondent; anyone else is interviewed.
    """
    lines = text.splitlines()
    found = [(i, m) for i, line in enumerate(lines) if ":" in line and (m := _TITLE_LABEL.match(line.strip()))]
    counts: dict[str, int] = {}
    for _, match in found:
        counts[match.group("name")] = counts.get(match.group("name"), 0) + 1
    recurring = [(i, m) for i, m in found if counts[m.group("name")] >= 2]
    if len(recurring) < 3 or not any(len(m.group("name").split()) > 1 for _, m in recurring):
        return text
    labels = [  # once the transcript is known to be labelled so, a full name alone on its line labels a turn too
        (i, m) for i, m in found
        if counts[m.group("name")] >= 2 or m.group("name") in _GENERIC_SPEAKERS or (len(m.group("name").split()) > 1 and not m.group("rest"))
    ]
    roles: dict[str, str] = {}
    for n, (i, match) in enumerate(labels):
        name = match.group("name")
        if name in roles:
            continue
        end = labels[n + 1][0] if n + 1 < len(labels) else len(lines)
        turn = " ".join([match.group("rest") or "", *lines[i + 1 : end]])
        if not roles or f"I'm {name}" in turn or f"I’m {name}" in turn:
            roles[name] = "HOST"
        elif _reports(name, lines):
            roles[name] = "CORRESPONDENT"
        else:
            roles[name] = ""
        if guesses is not None and name not in _GENERIC_SPEAKERS:
            guesses.append(Notice("speaker", name, f"role guessed as {(roles[name] or 'interviewee').lower()} from the turns"))
    for i, match in labels:
        name, mod, rest = match.group("name"), match.group("mod"), match.group("rest")
        label = name.upper() + (f", {roles[name]}" if roles[name] else "") + (f" ({mod})" if mod else "")
        lines[i] = f"{label}: {rest or ''}".rstrip()
    return "\n".join(lines)


def sniff(text: str) -> float:
    """Several upper-case speaker labels, or tape cues, make a speaker-label transcript."""
    lines = [line.strip() for line in split_glued_labels(title_case_labels(text[:20_000]))[0].splitlines()]
    labels = sum(1 for line in lines if _split_label(line))
    cues = sum(1 for line in lines if _CUE.match(line) and line.isupper())
    return 0.9 if labels >= 3 or (labels and cues) else 0.4 if labels == 2 else 0.0


def _display(words: str, *, keep_acronyms: bool = False) -> str:
    """Upper-case label text as people write it: "KIM SOON-JA" -> "Kim Soon-ja"."""
    out = []
    for i, word in enumerate(words.split()):
        core = word.strip("\"'“”,")
        if keep_acronyms and (core in _ACRONYMS or not re.search(r"[AEIOUY]", core)):
            out.append(word)
        elif keep_acronyms and i and core.lower() in _SMALL:
            out.append(word.lower())
        else:
            head, *rest = word.split("-")
            cased = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), head.lower(), count=1)
            cased = re.sub(r"(?<=['’])[a-z]{2,}", lambda m: m.group(0).capitalize(), cased)
            out.append("-".join([cased, *(part.lower() for part in rest)]))
    return " ".join(out)


class _Cast:
    """The people a transcript labels, found again by full name, initial and surname."""

    def __init__(self, warnings: list[str]) -> None:
        self.by_key: dict[str, Speaker | None] = {}
        self.by_label: dict[str, tuple[Speaker, set[str]]] = {}
        self.warnings = warnings

    def speaker(self, label: str) -> tuple[Speaker, set[str]]:
        if "," not in label:  # "REID:" may mean someone else once a second Reid is introduced
            return self.read_label(label)
        if label not in self.by_label:  # a full label introduces the same person every time
            self.by_label[label] = self.read_label(label)
        return self.by_label[label]

    def read_label(self, label: str) -> tuple[Speaker, set[str]]:
        mods: set[str] = set()
        if "(" in label:  # "ATWOOD (on camera)": the parentheses hold modifiers, not the name
            mods = {m.strip().lower() for m in _PARENS.findall(label)}
            label = _PARENS.sub("", label)
        name, _, role_words = " ".join(label.split()).partition(",")
        name = name.strip()
        if name.startswith("UNIDENTIFIED"):
            return Speaker(title=name.capitalize()), mods  # "Unidentified male": unknown stays unknown
        known = self.by_key.get(name)
        if known is not None and not role_words:
            return known, mods
        if name in self.by_key and known is None:
            self.warnings.append(f"label {name!r} fits more than one speaker")
        role = (
            Role.ANCHOR if _ANCHOR_WORDS.search(role_words)
            else Role.CORRESPONDENT if _REPORTER_WORDS.search(role_words)
            else Role.INTERVIEWEE
        )
        title = _display(role_words.strip(), keep_acronyms=True) or None
        speaker = Speaker(name=_display(name), title=title, role=role)
        self.remember(name, speaker)
        return speaker, mods

    def remember(self, name: str, speaker: Speaker) -> None:
        parts = name.split()
        keys = {name, parts[-1], f"{parts[0][0]}. {parts[-1]}"}
        if len(parts) > 1 and "-" in parts[-1]:  # Korean order: "KIM SOON-JA" is "KIM:" later
            keys.add(parts[0])
        for key in keys:
            if key != name and key in self.by_key and self.by_key[key] not in (None, speaker):
                self.by_key[key] = None  # "REID:" alone is ambiguous once two Reids speak
            else:
                self.by_key[key] = speaker


@dataclass
class _Show:
    """What the lines say before the classifying pass: header facts and the ordered items."""

    programme: str | None = None
    title: str | None = None
    aired: AirTime | None = None
    items: list[_Turn | str] = field(default_factory=list)  # turns, and cues as strings


def _read_lines(text: str, parsed: Parsed) -> _Show:
    show = _Show()
    cast = _Cast(parsed.warnings)
    turn: _Turn | None = None
    text, glued = split_glued_labels(text)
    if glued:
        parsed.warnings.append(f"{glued} speaker label(s) glued to the text before them split off (check those turns)")
    for line in filter(None, map(str.strip, text.splitlines())):
        cue = _CUE.match(line)
        if cue and not any(map(str.islower, cue.group("cue"))):
            show.items.append(cue.group("cue"))
            turn = None
            continue
        if _CLOCK_LINE.match(line) or (mentions(line, _NOTICE_WORDS) and _NOTICE.search(line)) or is_boilerplate(line):
            parsed.dropped.append(line)
            continue
        label = _split_label(line)
        if label:
            speaker, mods = cast.speaker(label[0])
            turn = _Turn(speaker, mods, [label[1]] if label[1] else [])
            show.items.append(turn)
        elif turn is not None:
            turn.paragraphs.append(line)
        elif not show.items:
            _header(show, line, parsed)
        else:
            show.items.append(_Turn(Speaker(), {"unlabelled"}, [line]))
            parsed.warnings.append(f"text without a speaker kept as an instruction: {line[:60]}")
    return show


def _header(show: _Show, line: str, parsed: Parsed) -> None:
    aired = air_time(line)
    if aired and not aired.programme and show.aired is None:
        show.aired = aired
        parsed.dropped.append(line)
    elif show.programme is None:
        show.programme = line
    elif show.title is None:
        show.title = re.sub(r"\.?\s*Aired\b.*$", "", line).strip()
    else:
        show.items.append(_Turn(Speaker(), {"unlabelled"}, [line]))
        parsed.warnings.append(f"header line kept as an instruction: {line[:60]}")


class _Classifier:
    """Gives each turn its element kind from the speaker's role and where the turn falls."""

    def __init__(self, show: _Show, parsed: Parsed) -> None:
        self.show = show
        self.parsed = parsed
        self.stories: list[tuple[Reading, str | None]] = []  # reading, or None for a break
        self.new_story()

    def new_story(self) -> None:
        self.reading = Reading(pieces=[])
        self.tape = self.package = self.live = self.closed = False
        self.talent: str | None = None

    def flush(self) -> None:
        if self.reading.pieces:
            self.stories.append((self.reading, self.talent))
        self.new_story()

    def run(self) -> list[tuple[Reading | None, str | None]]:
        items = self.show.items
        for item, following in zip(items, [*items[1:], None]):
            if isinstance(item, str):
                self.cue(item)
            else:
                self.turn(item, following)
        self.flush()
        return self.stories

    def cue(self, cue: str) -> None:
        words = cue.upper()
        if "COMMERCIAL BREAK" in words:
            self.flush()
            self.stories.append((None, None))
            return
        if words.startswith("BEGIN VIDEO") or words.startswith("BEGIN AUDIO"):
            self.tape = True
        elif words.startswith("END VIDEO") or words.startswith("END AUDIO"):
            self.tape = False
        self.add(Kind.INSTRUCTION, cue, Speaker())

    def turn(self, turn: _Turn, following: _Turn | str | None) -> None:
        if "unlabelled" in turn.mods:
            self.add(Kind.INSTRUCTION, turn.paragraphs[0], turn.speaker)
            return
        paragraphs = [(_DIRECTION.sub("", p) or p) if p.startswith("(") else p for p in turn.paragraphs]
        role = turn.speaker.role
        if role is Role.ANCHOR and not self.tape:
            self.anchor_turn(turn.speaker, paragraphs, following)
            return
        if role is Role.CORRESPONDENT:
            if "on camera" in turn.mods and (self.tape or self.package):
                kind = Kind.STANDUP
            elif self.tape or "voice-over" in turn.mods or "voice over" in turn.mods or not self.live:
                self.package = self.package or not self.tape
                kind = Kind.TRACK
            else:
                kind = Kind.ANSWER
        elif role is Role.ANCHOR:
            kind = Kind.ANCHOR
        else:
            kind = Kind.SOUNDBITE if self.tape or self.package else Kind.ANSWER
        for paragraph in paragraphs:
            self.paragraph(kind, paragraph, turn.speaker)

    def paragraph(self, kind: Kind, paragraph: str, speaker: Speaker) -> None:
        if paragraph.startswith("(") and _CUE.match(paragraph):  # "(Speaking Korean)." is a direction, never spoken
            self.add(Kind.INSTRUCTION, paragraph, speaker)
            return
        if kind in _SIGNED_OFF_KINDS:
            sentences = split_sentences(paragraph)
            closing = signoff(sentences[-1]) if sentences else None
            if closing:
                if sentences[:-1]:
                    self.add(kind, " ".join(sentences[:-1]), speaker)
                self.reading.outlet = closing.outlet
                self.add(Kind.SIGNOFF, sentences[-1], speaker)
                return
        self.add(kind, paragraph, speaker)

    def anchor_turn(self, speaker: Speaker, paragraphs: list[str], following: _Turn | str | None) -> None:
        text = " ".join(paragraphs)
        if is_thanks(text) and any(p.kind is not Kind.ANCHOR for p in self.reading.pieces):  # thanks after the story
            self.add(Kind.TAG, text, speaker)
            self.closed = True
            return
        if self.closed:
            self.flush()
        self.talent = self.talent or speaker.name
        self.package = False
        asks = isinstance(following, _Turn) and following.speaker.role is not Role.ANCHOR
        sentences = split_sentences(text) if asks else []  # only questions to the next speaker are split off
        questions = 0
        while questions < len(sentences) and (
            sentences[-1 - questions].endswith("?") or (self.live and is_invitation(sentences[-1 - questions]))
        ):
            questions += 1
        statement = paragraphs if not questions else [" ".join(sentences[: len(sentences) - questions])]
        for paragraph in statement:
            if paragraph:
                self.add(Kind.ANCHOR, paragraph, speaker)
        if questions:
            self.live = True
            self.add(Kind.QUESTION, " ".join(sentences[-questions:]), speaker)

    def add(self, kind: Kind, text: str, speaker: Speaker) -> None:
        if kind is Kind.ANSWER:
            self.live = True
        if self.reading.correspondent is None and speaker.role is Role.CORRESPONDENT:
            self.reading.correspondent = speaker.name
        self.reading.pieces.append(Piece(kind, text, speaker))


def parse(text: str) -> Parsed:
    parsed = Parsed(Bulletin(), "labels")
    show = _read_lines(title_case_labels(text, parsed.guesses), parsed)
    aired = show.aired
    bulletin = parsed.bulletin
    bulletin.title = show.programme
    if aired is not None:
        bulletin.date = aired.when.date().isoformat()
        bulletin.start_ms = aired.start_ms
    stories = _Classifier(show, parsed).run()
    readings = [r for r, _ in stories if r is not None]
    for reading, talent in stories:
        if reading is None:
            bulletin.stories.append(
                Story(title="Commercial break", format=Format.BREAK, elements=[Element(Kind.INSTRUCTION, "COMMERCIAL BREAK")])
            )
            continue
        single = len(readings) == 1 and show.title
        story = build_story(reading, title=show.title if single else _first_words(reading), talent=talent)
        story.published = aired.when if aired else None
        if show.title and not single and not bulletin.stories:
            story.notes = f"page title: {show.title}"  # the page's headline covers several stories
        bulletin.stories.append(story)
        parsed.warnings.extend(reading.warnings)
    if not readings:
        parsed.warnings.append("no speaker turns found")
    last = next((p.text for r in reversed(readings) for p in reversed(r.pieces) if p.kind.spoken), "")
    if last and not _PROSE_END.search(last):
        parsed.warnings.append(f"the transcript ends mid-sentence (cut off?): ...{last[-40:]}")
    return parsed


def _first_words(reading: Reading, limit: int = 60) -> str:
    """A story title from its first real sentence (not "Welcome back."), cut at a word boundary."""
    sentences = (s for p in reading.pieces if p.kind.spoken for s in split_sentences(p.text))  # split only as far as needed
    first = next(sentences, "")
    sentence = first if len(first.split()) > 3 else next((s for s in sentences if len(s.split()) > 3), first)
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


STYLE = register(
    Style(
        "labels",
        "speaker-label transcript: 'FULL NAME, ROLE:' then 'SURNAME:', tape cues, commercial breaks",
        sniff,
        parse,
    )
)

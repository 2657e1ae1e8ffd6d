"""Radio cue sheets: the reader's copy, and for each insert its IN, DUR and OUT lines.

Radio newsrooms (BBC local and network, ABC, RNZ, LBC and Global, CBC) write a bulletin as the
copy the newsreader reads, with each recorded or live insert named on a line of its own and
timed under it::

    STORY 1: RAIL STRIKE
    The government says ... Our transport correspondent Tom Burridge reports.
    CUE: TOM BURRIDGE PKG
    IN: "Platforms at Leeds station..."
    DUR: 1'32"
    OUT: "...Tom Burridge, BBC News, Leeds."

- the header gives the programme, date and time; a ``READER:`` line gives the anchor;
- a story starts at ``STORY 1:``, ``1. TITLE``, ``SLUG:``, a separator line, or (a guess, with
  a ``story`` notice) a short line in capitals;
- an insert line (``ACT:``, ``CLIP:``, ``GRAB:``, ``PKG:``, ``2-WAY:``, ``CUE: NAME PKG`` ...)
  says what the insert is and who speaks in it; ``IN:``, ``DUR:`` and ``OUT:`` give its in-cue,
  running time and out-cue, so the rundown times it from the sheet rather than estimating;
- copy after the last insert of a story is the tag (``BACK ANNO:`` says so outright);
- production lines (``[STING]``, ``JINGLE``, ``WEATHER BED``) are instructions, never spoken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.furniture import air_time
from castkit.ingest.handoffs import handoff_name
from castkit.ingest.signoffs import signoff
from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
from castkit.notices import Notice
from castkit.text import split_sentences

INSERT_KINDS = {
    "PKG": Kind.TRACK, "PACKAGE": Kind.TRACK, "WRAP": Kind.TRACK, "VOICER": Kind.TRACK,
    "ACT": Kind.SOUNDBITE, "ACTUALITY": Kind.SOUNDBITE, "CLIP": Kind.SOUNDBITE, "GRAB": Kind.SOUNDBITE,
    "AUDIO": Kind.SOUNDBITE, "TAPE": Kind.SOUNDBITE, "SOT": Kind.SOUNDBITE,
    "VOX": Kind.SOUNDBITE, "VOX POP": Kind.SOUNDBITE, "VOX POPS": Kind.SOUNDBITE, "VOXPOP": Kind.SOUNDBITE,
    "2-WAY": Kind.ANSWER, "TWO-WAY": Kind.ANSWER, "2WAY": Kind.ANSWER, "LIVE": Kind.ANSWER,
    "INS": None, "INSERT": None,
}
"""Insert keys and what the insert is: the correspondent's piece (track), someone's recorded
words (soundbite) or a live cross (answer). ``INS`` and ``INSERT`` say nothing: the label or the
out-cue decides."""

_CORRESPONDENT_KINDS = frozenset({Kind.TRACK, Kind.ANSWER})
"""Inserts in a correspondent's voice: a package's track and a live two-way."""
_INSERT_ELEMENTS = frozenset(k for k in Kind if k.in_package or k is Kind.ANSWER)
"""Element kinds that are inserts (a package's pieces, a two-way), as a set: a look-up per element
costs less than asking each element's kind."""
_READ_BY_ANCHOR = frozenset(k for k in Kind if k.read_by_anchor)
"""Element kinds the anchor reads (lead and tag copy), as a set for the same reason."""

_LABEL_KIND_WORDS = frozenset(INSERT_KINDS) - {"LIVE", "AUDIO"}
"""Kind words that make a short capitals label an insert ("TOM BURRIDGE PKG"); "LIVE" and
"AUDIO" end too many titles to count on a bare line."""

IN_KEYS = frozenset({"IN", "IN WORDS", "INQ", "IN CUE", "INCUE"})
DURATION_KEYS = frozenset({"DUR", "DURATION", "TIME", "RT", "LENGTH"})
OUT_KEYS = frozenset({"OUT", "OUTQ", "OQ", "OUT WORDS", "OUTCUE", "OUT CUE", "ENDS"})
FIELD_KEYS = IN_KEYS | DURATION_KEYS | OUT_KEYS
LEAD_KEYS = frozenset({"CUE", "INTRO", "LINK"})
TAG_KEYS = frozenset({"BACK ANNO", "BACKANNO", "BACK-ANNO", "BA", "BACK ANNOUNCE"})
READER_KEYS = frozenset({"READER", "PRESENTER", "NEWSREADER", "READ BY"})
TITLE_KEYS = frozenset({"SLUG", "STORY", "ITEM"})
STANDARD_OUT = frozenset({"SOC", "STANDARD OUT", "STANDARD OUTCUE", "STANDARD OUT CUE", "STANDARD OUTQ"})
"""The standard out-cue (the reporter's usual sign-off), with its full stops taken out ("S.O.C.")."""

_KEYED = re.compile(r"^(?P<key>[A-Za-z0-9][\w&'/-]*(?: [\w&'/-]+){0,2})(?:(?P<colon> ?:)| [-–—] )\s*(?P<value>.*)$")
"""``KEY: value`` (or ``KEY - value`` for a reader or story line): one to three words, then the rest."""
_STORY_NUMBER = re.compile(r"^(?:STORY|ITEM)\s?(?P<n>\d{1,3})$", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<title>[^.!?]{2,80})$")
_NEXT_FIELD = re.compile(r"\s(?P<key>IN WORDS|INQ|IN|DURATION|DUR|LENGTH|RT|TIME|OUT WORDS|OUTCUE|OUTQ|OQ|OUT)\s?:")
"""A further field on the same line ('IN: "We're expecting..." DUR: 0'18"'): keys in capitals only."""
_BOUNDARY_OR_BRACKETED = re.compile(
    r"^(?:[-=*#_~]\s?){3,}$"  # a separator line
    r"|^-*\s?(?:ENDS?|END OF (?:BULLETIN|NEWS|STORY|ITEM)|ENDS BULLETIN|BULLETIN ENDS)\s?-*$"  # ENDS
    r"|^[(\[](?P<bracketed>[^()\[\]]{1,120})[)\]]$",  # an instruction in brackets ("[STING]")
    re.IGNORECASE,
)
"""A line read from its shape alone: a separator ("---", "###") or an ENDS line closes the open
story; a bracketed line is an instruction. One pattern, so that every other line is tried once."""
_SHAPE_STARTS = frozenset("-=*#_~([EeBb")
"""The characters a line read from its shape starts with ("ENDS", "END OF NEWS", "BULLETIN ENDS"
in any case; a line read has no space at its start): any other line skips the pattern."""
PRODUCTION_WORDS = frozenset(
    "JINGLE JINGLES STING STINGER BED SIG PIPS GTS MUSIC SFX SWEEPER STAB IDENT FANFARE THEME".split())
"""Words of a production line ("WEATHER BED", "NEWS JINGLE", "SIG OUT"): sound the studio plays."""
_QUOTED = re.compile(r"^[\"“'‘](?P<text>.+)[\"”'’]$")
_SENTENCE_END = re.compile(r"[.!?,;:\"”]$")
_VOWEL = re.compile(r"[AEIOUY]")
_LABEL_PARTS = re.compile(r"\s?/\s?|,\s|\s[-–—]\s")
"""What separates an insert label's name from the title after it: a slash, a comma, a spaced dash."""

# Durations, each spelling one pattern read from the start of the value (linear: no nested repeats).
_DURATIONS = (
    re.compile(r"(?P<m>\d{1,2})\s?['’′]\s?(?P<s>\d{1,2})(?:\"|”|″|''|’’)?"),  # 1'32"  1'32  0'18"
    re.compile(r"(?P<m>\d{1,2})?:(?P<s>\d{2})"),  # 1:32  :18  0:18
    re.compile(r"(?P<m>\d{1,2})\s?m(?:ins?)?\s?(?P<s>\d{1,2})\s?s(?:ecs?)?"),  # 1m32s  1 min 32 secs
    re.compile(r"(?P<m>\d{1,2})\s?m(?:ins?)?"),  # 2m  2 mins
    re.compile(r"(?P<s>\d{1,3})\s?(?:\"|”|″|''|seconds|secs?|s)"),  # 92"  18s  18 secs
)
_MINUTES_DOT_SECONDS = re.compile(r"(?P<m>\d{1,2})\.(?P<s>[0-5]\d)")
"""1.32: minutes and seconds only as a field's whole value, where nothing else can be meant."""
_AFTER_DURATION = re.compile(r"$|[\s,;)(\]/-]")

_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_CLOCK = re.compile(r"\b(?P<h>[01]\d|2[0-3])[:.]?(?P<m>[0-5]\d)\b(?:\s?(?:hrs|h)\b)?")
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_HEADER_WORDS = frozenset("NEWS NEWSDESK BULLETIN SUMMARY HEADLINES NEWSROUND NEWSHOUR NEWSBEAT NEWSLINE".split())
_HEADER_NOISE = re.compile(r"[|,:()\[\]\-–—]")

ROLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson forecaster minister secretary officer chief leader president premier
    mayor councillor resident residents witness driver passenger passengers commuter commuters shopper shoppers fan
    fans parent parents student students teacher nurse doctor union police council office government department
    trust service agency ambulance fire coastguard club manager coach chairman chair executive director founder
    organiser campaigner expert economist analyst professor mp msp mla mpp senator treasurer opposition owner worker
    workers farmer voter voters pm the a an member members official officials inspector superintendent
    captain commissioner governor judge lawyer head staff victim victims survivor neighbour neighbours local locals
    public crowd""".split()
)
"""Words that make an insert's label a description of the speaker ("MET OFFICE FORECASTER"), not a name."""
_ACRONYMS = frozenset("BBC ABC RNZ CBC LBC RMT NHS PM MP MSP MLA MPP UK US EU UN NATO TFL RAF ITV".split())


def read_duration(value: str, *, whole: bool = True) -> int | None:
    """Milliseconds of a running time as radio sheets write it (1'32", 1:32, 92", :18, 18s, 1m32s),
    read from the start of ``value``; ``1.32`` only when it is a field's whole value (``whole``),
    since in a label it may be anything else."""
    text = value.strip()
    if not (text[:1].isdigit() or text.startswith(":")):  # where every spelling starts
        return None
    if whole and (match := _MINUTES_DOT_SECONDS.fullmatch(text)):
        return (int(match.group("m")) * 60 + int(match.group("s"))) * 1000
    for pattern in _DURATIONS:
        match = pattern.match(text)
        if match and _AFTER_DURATION.match(text, match.end()):
            found = match.groupdict()
            seconds = int(found.get("s") or 0)
            if "m" in found and found["m"] and seconds > 59:
                return None
            return (int(found.get("m") or 0) * 60 + seconds) * 1000
    return None


def _has_lower(text: str) -> bool:
    """Whether any character of ``text`` is lower case; on ASCII text, one upper-casing tells."""
    return text != text.upper() if text.isascii() else any(map(str.islower, text))


def _cased(words: str) -> str:
    """A capitals label as people write it ("TOM BURRIDGE" -> "Tom Burridge"); mixed case stays."""
    if _has_lower(words):
        return words
    out = []
    for word in words.split():
        if word in _ACRONYMS or not _VOWEL.search(word):
            out.append(word)
            continue
        head, dash, rest = word.partition("-")
        cased = head.capitalize()
        if len(cased) > 2 and cased[1] in "'’":  # O'BRIEN -> O'Brien
            cased = cased[:2] + cased[2:].capitalize()
        out.append(cased + dash + rest.lower())
    return " ".join(out)


def _is_capitals(line: str) -> bool:
    return not _has_lower(line) and sum(map(str.isupper, line)) >= 3


def _is_label(text: str, words: list[str]) -> bool:
    """A short line in capitals that ends no sentence (``words`` is ``text`` split): an insert's
    label or a story's title. The length and the ending are looked at before the letters."""
    return 0 < len(words) <= 8 and not _SENTENCE_END.search(text) and _is_capitals(text)


def _labelled_insert(text: str) -> tuple[Kind | None, str] | None:
    """A short capitals label with a kind word at its end or start ("TOM BURRIDGE PKG"):
    the insert's kind and the label without the kind word; None for anything else."""
    words = text.split()
    labelled = _split_kind_word(words)
    return labelled if labelled is not None and _is_label(text, words) else None


def _split_kind_word(words: list[str]) -> tuple[Kind | None, str] | None:
    """The insert kind word at the end or start of a label's ``words``, and the label without it;
    None when neither end is one. A few look-ups, so :func:`_labelled_insert` asks it before :func:`_is_label`."""
    for size in (2, 1):
        if len(words) > size and (last := " ".join(words[-size:])) in _LABEL_KIND_WORDS:
            return INSERT_KINDS[last], " ".join(words[:-size])
        if len(words) > size and (first := " ".join(words[:size])) in _LABEL_KIND_WORDS:
            return INSERT_KINDS[first], " ".join(words[size:])
    return (INSERT_KINDS[words[0]], "") if len(words) == 1 and words[0] in _LABEL_KIND_WORDS else None


def _is_production(line: str, words: list[str]) -> bool:
    """A studio line ("WEATHER BED", "NEWS JINGLE", "Music"): a few words (``line`` split), one of them a sound."""
    return len(words) <= 5 and not _SENTENCE_END.search(line) and any(w.upper().strip("-") in PRODUCTION_WORDS for w in words)


def _speaker(label: str, kind: Kind) -> Speaker:
    """Who speaks in an insert, from its label: "Kim Jung-sil / Seoul" and "JIM CHALMERS, TREASURER"
    name someone, "MET OFFICE FORECASTER" describes them, "VOX" is the public."""
    role = Role.CORRESPONDENT if kind in _CORRESPONDENT_KINDS else Role.INTERVIEWEE
    label = label.strip(" -–—,/")
    if not label:
        return Speaker(role=role)
    parts = [p for p in map(str.strip, _LABEL_PARTS.split(label)) if p]
    words = parts[0].split()
    described = [i for i, w in enumerate(words) if w.lower().strip(".'’") in ROLE_WORDS]
    if described:  # "FIRE CHIEF DARBY ALLEN": a description, and the name after it when there is one
        after = words[described[-1] + 1 :]
        if 2 <= len(after) <= 3:
            return Speaker(name=_cased(" ".join(after)), title=_cased(", ".join([" ".join(words[: len(words) - len(after)]), *parts[1:]])), role=role)
        return Speaker(title=_cased(", ".join(parts)), role=role)
    if len(words) > 4:
        return Speaker(title=_cased(", ".join(parts)), role=role)
    return Speaker(name=_cased(parts[0]), title=_cased(", ".join(parts[1:])) if len(parts) > 1 else None, role=role)


def _fields(key: str, value: str) -> list[tuple[str, str]]:
    """The fields on one line, as (key, value): the first ``KEY: value`` and any more keys in capitals after it."""
    found, start, current = [], 0, key
    if ":" in value:  # a further key needs its colon
        for match in _NEXT_FIELD.finditer(value):
            found.append((current, value[start : match.start()].strip()))
            current, start = match.group("key"), match.end()
    found.append((current, value[start:].strip()))
    return found


@dataclass(frozen=True)
class _Header:
    programme: str
    date: str | None
    start_ms: int | None


def _header(line: str) -> _Header | None:
    """A bulletin header: "NEWSDESK 1300 BULLETIN 03/12/2026", "0700 NEWS - Tuesday 3 December 2026",
    "BULLETIN: 13:00". Dates are day first, as radio newsrooms outside the US write them."""
    dated = air_time(line)
    rest, date = line, None
    if dated is not None:
        date, rest = dated.when.date().isoformat(), dated.programme
        if dated.has_time:
            return _Header(_programme(rest), date, dated.start_ms)
    elif match := _NUMERIC_DATE.search(line):
        day, month, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        if month > 12 >= day:
            day, month = month, day
        try:
            date = datetime(year + 2000 if year < 100 else year, month, day).date().isoformat()
        except ValueError:
            return None
        rest = line[: match.start()] + " " + line[match.end() :]
    clock = _CLOCK.search(rest)
    words = set(_HEADER_NOISE.sub(" ", rest).upper().split())
    if date is None and not (words & _HEADER_WORDS and (clock or _is_capitals(line))):
        return None
    start = (int(clock.group("h")) * 60 + int(clock.group("m"))) * 60_000 if clock else None
    if clock:
        rest = rest[: clock.start()] + " " + rest[clock.end() :]
    return _Header(_programme(rest), date, start)


def _programme(rest: str) -> str:
    return " ".join(_HEADER_NOISE.sub(" ", _WEEKDAY.sub(" ", rest)).split())


@dataclass
class _Reader:
    """The parse in progress: the open story, its open insert, and what waits for the next story."""

    parsed: Parsed
    reader: str | None = None
    story: Story | None = None
    insert: Element | None = None
    copy: Element | None = None
    copy_kind: Kind = Kind.ANCHOR
    story_has_copy: bool = False  # once it has, a new reader's name reads the next story, not this one
    waiting: list[Element] = field(default_factory=list)  # instructions above the first story
    kind_unknown: list[Element] = field(default_factory=list)  # INS / INSERT: the out-cue decides
    paragraphs: list[tuple[Element, list[str]]] = field(default_factory=list)  # copy lines, joined once at the end

    @property
    def bulletin(self) -> Bulletin:
        return self.parsed.bulletin

    def open_story(self, title: str = "", slug: str | None = None, page: str | None = None) -> Story:
        """A new story read by the current reader; instructions waiting above it open it."""
        self.story = Story(title=title, slug=slug, page=page, talent=self.reader)
        self.bulletin.stories.append(self.story)
        self.story.elements.extend(self.waiting)
        self.waiting, self.insert, self.copy, self.copy_kind = [], None, None, Kind.ANCHOR
        self.story_has_copy = False
        return self.story

    def close_story(self) -> None:
        self.story, self.insert, self.copy, self.copy_kind = None, None, None, Kind.ANCHOR

    def current(self) -> Story:
        """The open story; copy or an insert after a separator or ENDS opens an untitled one."""
        return self.story if self.story is not None else self.open_story()

    def start_title(self, title: str, slug: str | None = None, page: str | None = None, *, guessed: bool = False) -> None:
        """A title line opens a story; a guessed one (a bare capitals line) says so in a ``story`` notice."""
        if guessed and self.bulletin.stories:
            why = "a short line in capitals, with no number or STORY/SLUG key"
            self.parsed.guesses.append(Notice("story", title[:40], f"a new story starts here: {why}; check the story boundaries"))
        self.close_story()
        self.open_story(title, slug, page)

    def instruction(self, text: str) -> None:
        element = Element(Kind.INSTRUCTION, text)
        if self.story is None:
            self.waiting.append(element)
        else:
            self.story.elements.append(element)
        self.copy = None

    def add_copy(self, text: str, kind: Kind | None = None) -> None:
        """Read copy: joins the paragraph above it, or opens one; a quote under an open insert is its words."""
        story = self.current()
        if self.insert is not None and self.insert.out_cue is None and not self.insert.text and (quote := _QUOTED.match(text)):
            self.insert.text = quote.group("text").strip()
            return
        kind = kind or self.copy_kind
        if self.copy is not None and self.copy.kind is kind:
            self.paragraphs[-1][1].append(text)
        else:
            self.copy = Element(kind, text, Speaker(name=story.talent, role=Role.ANCHOR))
            story.elements.append(self.copy)
            self.story_has_copy = True
            self.paragraphs.append((self.copy, [text]))
        self.insert = None

    def open_insert(self, kind: Kind | None, label: str) -> Element:
        story = self.current()
        duration = None
        words = label.split() if any(map(str.isdigit, label)) else ()
        for cut in (1, 2):  # a running time at the end of the label: "MET OFFICE FORECASTER 0'18""
            if len(words) > cut and (duration := read_duration(" ".join(words[-cut:]).strip("()[]"), whole=False)) is not None:
                label = " ".join(words[:-cut])
                break
        kind_or_guess = kind or Kind.SOUNDBITE
        element = Element(kind_or_guess, "", _speaker(label, kind_or_guess), runs_ms=duration)
        story.elements.append(element)
        self.insert, self.copy, self.copy_kind = element, None, Kind.ANCHOR
        if kind is None:
            self.kind_unknown.append(element)
        return element

    def field_insert(self, key: str) -> Element:
        """The insert a field line belongs to: the open one, unless it already has this field."""
        insert = self.insert
        taken = insert is not None and (
            (key in IN_KEYS and insert.in_cue is not None)
            or (key in DURATION_KEYS and insert.runs_ms is not None)
            or (key in OUT_KEYS and insert.out_cue is not None)
        )
        if insert is None or taken:
            insert = self.open_insert(None, "")
            self.parsed.warnings.append(f"{key}: line with no insert line above it: read as an unnamed insert")
        return insert

    def apply(self, key: str, value: str) -> None:
        """An IN / DUR / OUT field on the open insert (before any story, a DUR is the bulletin's slot)."""
        if key in DURATION_KEYS and self.story is None and not self.bulletin.stories:
            if (slot := read_duration(value)) is not None:
                self.bulletin.slot_ms = slot
                return
        insert = self.field_insert(key)
        if key in IN_KEYS:
            insert.in_cue = value
        elif key in OUT_KEYS:
            insert.out_cue = "SOC" if value.upper().replace(".", "").strip() in STANDARD_OUT else value
        elif (runs := read_duration(value)) is not None:
            insert.runs_ms = runs
        else:
            self.parsed.warnings.append(f"cannot read {value!r} as a running time ({key}:): write 1'32\", 1:32 or 92\"")


def _keyed(line: str) -> tuple[str, str] | None:
    """``KEY: value`` with the key in capitals as looked up; a dash separates only reader and story keys."""
    if ":" not in line and " - " not in line and " – " not in line and " — " not in line:
        return None  # no separator: most copy is settled without trying the pattern
    match = _KEYED.match(line)
    if match is None:
        return None
    key, colon, value = match.groups()
    key = key.upper()
    if colon is None and key not in READER_KEYS and key not in TITLE_KEYS and not _STORY_NUMBER.match(key):
        return None
    return key, value


def _read_line(state: _Reader, line: str) -> None:
    """Place one non-blank line: a boundary, a header, a key line, an insert, a studio line or copy."""
    if line[0] in _SHAPE_STARTS and (shape := _BOUNDARY_OR_BRACKETED.match(line)):
        if (bracketed := shape.group("bracketed")) is None:
            state.close_story()
        else:
            state.instruction(bracketed.strip())
        return
    if state.story is None and not state.bulletin.stories and not line.endswith((".", "!", "?")) and (header := _header(line)):
        bulletin = state.bulletin
        bulletin.title = bulletin.title or header.programme or None
        bulletin.date = bulletin.date or header.date
        bulletin.start_ms = header.start_ms if bulletin.start_ms is None else bulletin.start_ms
        return
    keyed = _keyed(line)
    if keyed is not None and _read_keyed(state, *keyed):
        return
    if keyed is not None and line.split(":", 1)[0].isupper():
        state.instruction(line)
        state.parsed.warnings.append(f"line not understood, kept as an instruction: {line[:60]}")
        return
    if line[0].isdigit() and (numbered := _NUMBERED_TITLE.match(line)):
        title = numbered.group("title").strip()
        state.start_title(title, title, numbered.group("n"))
        return
    if line.count(" ") >= 8:  # nine words or more: too long for a label or a studio line
        state.add_copy(line)
        return
    words = line.split()
    label = _is_label(line, words)
    if label and (labelled := _split_kind_word(words)):
        state.open_insert(*labelled)
    elif _is_production(line, words):
        state.instruction(line)
    elif label:
        _capitals_line(state, line)
    else:
        state.add_copy(line)


def _capitals_line(state: _Reader, line: str) -> None:
    """A short line in capitals: the title of an untitled story, else (a guess) a new story's title."""
    story = state.story
    if story is not None and not story.elements:
        if story.title:
            state.instruction(line)  # a second line under the title ("LEEDS"): kept, never spoken
        else:
            story.title, story.slug = line, story.slug or line
        return
    state.start_title(line, line, guessed=True)


def _read_keyed(state: _Reader, key: str, value: str) -> bool:
    """Apply a ``KEY: value`` line; False when the key is not one a cue sheet uses."""
    if key in FIELD_KEYS:  # the key sets are disjoint: the commonest is looked up first
        for item in _fields(key, value):
            state.apply(*item)
    elif key in INSERT_KINDS:
        (_, label), *more = _fields(key, value)
        labelled = _labelled_insert(label)
        state.open_insert(labelled[0] if labelled and labelled[0] else INSERT_KINDS[key], labelled[1] if labelled else label)
        for item in more:
            state.apply(*item)
    elif key in READER_KEYS:
        state.reader = _cased(value.strip()) or state.reader
        if state.story is not None and not state.story_has_copy:
            state.story.talent = state.reader
    elif key in TITLE_KEYS:
        state.start_title(value, value or None)
    elif number := _STORY_NUMBER.match(key):
        state.start_title(value, value or None, number.group("n"))
    elif key in LEAD_KEYS and (labelled := _labelled_insert((fields := _fields(key, value))[0][1])):
        state.open_insert(*labelled)
        for item in fields[1:]:
            state.apply(*item)
    elif key in LEAD_KEYS or key in TAG_KEYS:
        state.copy, state.copy_kind = None, Kind.TAG if key in TAG_KEYS else Kind.ANCHOR
        if value:
            state.add_copy(value, state.copy_kind)
    else:
        return False
    return True


def _handoff(story: Story, at: int) -> str | None:
    """The correspondent the copy just above element ``at`` hands to ("Tom Burridge reports.")."""
    before = next((story.elements[i] for i in range(at - 1, -1, -1) if story.elements[i].kind is not Kind.INSTRUCTION), None)
    if before is None or before.kind not in _READ_BY_ANCHOR:
        return None
    return next((name for s in reversed(split_sentences(before.text)[-2:]) if (name := handoff_name(s))), None)


def _out_words(cue: str) -> str:
    return cue.strip().strip("\"“”'‘’").strip(".… ").strip("\"“”'‘’") + "."


def _finish(state: _Reader) -> None:
    """Decide what the script left open: tags, unnamed inserts' kinds, correspondents, titles."""
    parsed = state.parsed
    for element, lines in state.paragraphs:
        element.text = " ".join(lines)
    if state.waiting:  # instructions after the last story, or a sheet with no story at all
        if parsed.bulletin.stories:
            parsed.bulletin.stories[-1].elements.extend(state.waiting)
        else:
            parsed.warnings.extend(f"line outside any story: {e.text[:60]}" for e in state.waiting)
            parsed.dropped.extend(e.text for e in state.waiting)
    unknown = {id(e) for e in state.kind_unknown}
    for number, story in enumerate(parsed.bulletin.stories, start=1):
        inserts = [i for i, e in enumerate(story.elements) if e.kind in _INSERT_ELEMENTS]
        if inserts:
            for element in story.elements[inserts[-1] + 1 :]:  # copy after the last insert is its tag
                if element.kind is Kind.ANCHOR:
                    element.kind = Kind.TAG
            copy = " ".join(e.text for e in story.elements if e.kind in _READ_BY_ANCHOR).lower()
            for i in inserts:
                _name_insert(story, i, id(story.elements[i]) in unknown, copy)
                insert = story.elements[i]
                if insert.runs_ms is None:
                    parsed.warnings.append(f"story {number}: {insert.kind.value} {insert.speaker.label!r} has no readable DUR line: its running time is unknown")
        if not story.title:
            first = next((e.text for e in story.elements if e.kind.spoken and e.text), "")
            story.title = " ".join(first.split()[:8]) or f"Story {number}"


def _name_insert(story: Story, at: int, kind_unknown: bool, copy: str) -> None:
    """Who speaks in a package or two-way: the sign-off in its OUT words, else the handoff above it,
    else its label (inferred unless the story's ``copy``, in lower case, names them too); an INS
    whose OUT is a sign-off or SOC is the correspondent's."""
    insert = story.elements[at]
    if not kind_unknown and insert.kind not in _CORRESPONDENT_KINDS:
        return
    signed = signoff(_out_words(insert.out_cue)) if insert.out_cue and insert.out_cue != "SOC" else None
    if kind_unknown and (signed or insert.out_cue == "SOC"):
        insert.kind, insert.speaker.role = Kind.TRACK, Role.CORRESPONDENT
    if insert.kind not in _CORRESPONDENT_KINDS:
        return
    name = signed.name if signed else _handoff(story, at)
    if name:
        insert.speaker.name, insert.speaker.inferred = name, False
    elif insert.speaker.name:
        insert.speaker.inferred = insert.speaker.name.lower() not in copy
    story.correspondent = story.correspondent or insert.speaker.name


def parse(text: str) -> Parsed:
    """Read a radio cue sheet: header and reader, then stories of copy and timed inserts."""
    state = _Reader(Parsed(bulletin=Bulletin(), style="radio"))
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line:
            _read_line(state, line)
        else:
            state.copy = None  # a blank line ends the paragraph
    _finish(state)
    return state.parsed


def sniff(text: str) -> float:
    """DUR lines with IN or OUT lines around them make a cue sheet; labels' speaker-like keys
    ("IN:", "OUT:") score 0.9 there, so a sheet with three or more such fields scores above it."""
    durations = cues = inserts = 0
    for raw in text[:20_000].splitlines():
        keyed = _keyed(" ".join(raw.split()))
        if keyed is None:
            continue
        inserts += keyed[0] in INSERT_KINDS
        for key, value in _fields(*keyed):
            durations += key in DURATION_KEYS and read_duration(value) is not None
            cues += key in IN_KEYS or key in OUT_KEYS
    if durations and cues and durations + cues >= 3:
        return 0.95
    return 0.6 if durations and (cues or inserts) else 0.0


STYLE = register(Style("radio", "radio cue sheet: cue copy, then IN:/DUR:/OUT: for each insert", sniff, parse))

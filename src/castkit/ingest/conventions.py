"""News-script conventions every house style shares.

Newsrooms write the same few things the same few ways whatever the page looks like: the
anchor hands over with "Our correspondent <Name> has the story.", the package ends with the
sign-off "<Name>, <Outlet>[, <Place>].", a soundbite is a paragraph wholly inside double
quotes, the narration just before a soundbite often names who speaks ("Asked about it, the
White House did not deny..."), and scraped pages carry site furniture around the copy. The
house-style parsers recognise their own markers and use these helpers for the rest, so a
story is built the same way from every style (:func:`read_paragraphs`, :func:`build_story`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from castkit.model import Element, Kind, Role, Source, Speaker, Story
from castkit.text import is_korean, split_sentences

# ---------------------------------------------------------------- names, handoffs, sign-offs

_NAME_WORD = r"[A-Z][\w'’.-]*"
NAME = rf"{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,3}}"
"""A person's name as scripts print it: one to four capitalised words ("Kim Jung-sil")."""

_HANDOFFS = [
    re.compile(p)
    for p in (
        # "Our correspondent Kim Jung-sil has the story." / "Our Washington correspondent X reports."
        rf"^Our\s+(?:[\w-]+\s+){{0,3}}?(?:correspondent|reporter)\s+(?P<name>{NAME})\s+"
        r"(?:has|brings|reports|filed|joins)\b.*$",
        # "Reporter Park Se-young has more." / "Correspondent X reports from Seoul."
        rf"^(?:Reporter|Correspondent)\s+(?P<name>{NAME})\s+(?:has|brings|reports|filed|explains)\b.*$",
        # "Kim Jung-sil starts us off." / "(Our) X reports." / "X has more." / "X has the story."
        rf"^(?:Our\s+)?(?P<name>{NAME})\s+(?:starts us off|reports|has more|has the (?:story|details|report)|"
        r"has this report|takes a look|tells us more|brings us this report)\b[^.!?]*$",
        # "Here's Kim Jung-sil with more." / "Here is X with the details."
        rf"^Here(?:'s|’s| is)\s+(?P<name>{NAME})\s+with\b.*$",
    )
]

_SIGNOFFS = [
    re.compile(p)
    for p in (
        # "Kim Jung-sil, Arirang News." / "Kim Jung-sil, Arirang News, Seoul."
        rf"^(?:This is\s+)?(?P<name>{NAME}),\s*(?P<outlet>[A-Z][\w&'’.-]*(?:\s+[A-Z0-9&][\w&'’.-]*){{0,4}})"
        rf"(?:,\s*(?P<place>{NAME}))?$",
        # "Kim Jung-sil reporting for Arirang News from Seoul."
        rf"^(?:This is\s+)?(?P<name>{NAME}),?\s+reporting(?:\s+for\s+(?P<outlet>{NAME}))?"
        rf"(?:\s+from\s+(?P<place>{NAME}))?$",
        # "For NPR News, I'm Anthony Kuhn in Seoul."
        rf"^For\s+(?P<outlet>{NAME}),\s+I(?:'m|’m| am)\s+(?P<name>{NAME})(?:\s+in\s+(?P<place>{NAME}))?$",
    )
]


# Words that open a "Word, Name." line that is not a sign-off ("Thanks, Mike.").
_NOT_SIGNOFFS = frozenset("Thanks Thank Hello Hi Yes No Well Okay OK Good Sure Right Now So And But".split())


def handoff_name(sentence: str) -> str | None:
    """The correspondent a handoff line hands to ("Reporter X has more." -> X), else None."""
    line = sentence.strip().rstrip(".!").strip()
    for pattern in _HANDOFFS:
        match = pattern.match(line)
        if match:
            return match.group("name")
    return None


@dataclass(frozen=True)
class SignOff:
    """A package's closing line: who reported, for which outlet, from where."""

    name: str
    outlet: str | None = None
    place: str | None = None


def signoff(sentence: str) -> SignOff | None:
    """Read "Name, Outlet." / "Name, Outlet, Place." (and "Name reporting for Outlet.")."""
    line = sentence.strip()
    if not line.endswith(".") or len(line) > 100:
        return None
    line = line[:-1].strip()
    for pattern in _SIGNOFFS:
        match = pattern.match(line)
        if match and match.group("name").split()[0] not in _NOT_SIGNOFFS:
            return SignOff(match.group("name"), match.group("outlet"), match.group("place"))
    return None


# ---------------------------------------------------------------- live two-ways

_LIVE_HANDOFFS = [
    re.compile(p)
    for p in (
        # "For more, we connect to our business correspondent Kim Bo-kyoung." / "We go live to our X."
        r"\b(?:connect|go|turn|cross|head|switch)\s+(?:now\s+)?(?:live\s+)?(?:now\s+)?to\s+(?:our\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}?(?:(?:correspondent|reporter)\s+)?(?P<name>{NAME})\s*(?:[.,]|$|\s+(?:at|in|from|who)\b)",
        # "Our Choi Min-ho is standing by." / "CNN's Mike Valerio joins us live from Seoul."
        rf"^(?:Our\s+(?:[\w-]+\s+){{0,3}}?(?:(?:correspondent|reporter)\s+)?|[\w.&]+['’]s\s+)?(?P<name>{NAME})\s+"
        r"(?:is standing by|joins us|is (?:with us )?live|is with us)\b",
    )
]
_THANKS = re.compile(r"^(?:(?:[\w'’-]+\s+){0,3}[\w'’-]+,\s*)*(?:thank you|thanks)\b", re.IGNORECASE)
_PRESENTER = re.compile(rf"\bI(?:'m|’m| am)\s+(?P<name>{NAME})")


def live_handoff_name(sentence: str) -> str | None:
    """The correspondent an anchor crosses to live ("Our X is standing by." -> X), else None."""
    for pattern in _LIVE_HANDOFFS:
        match = pattern.search(sentence.strip())
        if match:
            return match.group("name").rstrip(".")
    return None


def address_name(name: str) -> str:
    """How an anchor addresses a colleague on air: the given name.

    Korean names put the family name first and hyphenate the given name ("Kim Bo-kyoung" ->
    "Bo-kyoung"); others put it first ("Daniel Lee" -> "Daniel").
    """
    parts = name.split()
    if len(parts) > 1 and "-" in parts[-1]:
        return parts[-1]
    return parts[0]


def is_thanks(paragraph: str) -> bool:
    """A short thank-you that closes a two-way or package ("Kim Bo-kyoung, thank you.")."""
    return len(paragraph.split()) <= 12 and bool(_THANKS.match(paragraph.strip()))


def presenter_name(copy: str) -> str | None:
    """The presenter a greeting introduces ("Good evening. I'm Oh Jung-hee." -> Oh Jung-hee)."""
    match = _PRESENTER.search(copy)
    return match.group("name").rstrip(".") if match else None


# ---------------------------------------------------------------- quotes

_OPEN_QUOTES = "\"“„"
_CLOSE_QUOTES = "\"”“"


@dataclass(frozen=True)
class Quote:
    """A paragraph that is a quotation: its words, and whether the closing mark was seen."""

    text: str
    closed: bool = True


def quoted(paragraph: str) -> Quote | None:
    """The quotation a paragraph wholly consists of, else None.

    '"We will not accept it."' and '“We will not.”' are quotes; 'He said "no" today.' and
    '"Yes," he said, "we will."' are narration. A paragraph that opens a quote and never closes
    it (a quote running on into the next paragraph, or text cut off) is an unclosed quote.
    """
    body = paragraph.strip()
    if len(body) < 2 or body[0] not in _OPEN_QUOTES:
        return None
    closed = body[-1] in _CLOSE_QUOTES
    inner = body[1:-1] if closed else body[1:]
    if any(mark in inner for mark in "\"“”"):
        return None
    return Quote(inner.strip(), closed)


# ---------------------------------------------------------------- who speaks a soundbite

_SPEECH_VERBS = (
    r"(?:did not deny|didn't deny|denied|said|says|say|told|tells|added|adds|stated|states|"
    r"explained|explains|noted|notes|warned|warns|insisted|insists|responded|replied|"
    r"confirmed|confirms|argued|argues|claimed|claims|pointed out|points out|commented|"
    r"believes|believe|believed|stressed|stresses|put it|had this to say|has this to say|"
    r"spoke|speaks|remarked|emphasized|emphasised)"
)
_ROLE_NOUNS = {
    "analyst": "analyst", "analysts": "analyst", "expert": "expert", "experts": "expert",
    "official": "official", "officials": "official", "observer": "observer",
    "observers": "observer", "critic": "critic", "critics": "critic", "resident": "resident",
    "residents": "resident", "witness": "witness", "witnesses": "witness",
    "scholar": "scholar", "scholars": "scholar", "economist": "economist",
    "economists": "economist", "lawmaker": "lawmaker", "lawmakers": "lawmaker",
    "diplomat": "diplomat", "diplomats": "diplomat", "spokesperson": "spokesperson",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "professor": "professor",
    "researcher": "researcher", "researchers": "researcher", "student": "student",
    "students": "student", "citizen": "citizen", "citizens": "citizen", "voter": "voter",
    "voters": "voter", "protester": "protester", "protesters": "protester",
    "activist": "activist", "activists": "activist", "doctor": "doctor", "doctors": "doctor",
    "worker": "worker", "workers": "worker", "source": "source", "sources": "source",
}
_APPOSITIVE = r"(?:,[^,.]{1,50},)?"  # "One resident, a 72-year-old farmer, says"
_GROUP = re.compile(
    rf"\b(?:(?:an?|one|another|some|many|most)\s+(?:[a-z-]+\s+){{0,2}}?)?(?P<noun>{'|'.join(_ROLE_NOUNS)})"
    rf"{_APPOSITIVE}\s+(?:here\s+|also\s+|now\s+)?{_SPEECH_VERBS}\b",
    re.IGNORECASE,
)
_NAMED = re.compile(rf"(?P<who>{NAME}){_APPOSITIVE}\s+(?:also\s+|later\s+|then\s+)?{_SPEECH_VERBS}\b")
# Institutions named in lower case: "the trade ministry said" gives "trade ministry".
_BODY = re.compile(
    r"\b[Tt]he\s+(?P<who>(?:[a-z-]+\s+){0,2}(?:ministry|government|office|police|military|army|agency|"
    r"company|union|commission|committee|court|prosecution|prosecutors|council|embassy|regime|party))"
    rf"\s+(?:also\s+)?{_SPEECH_VERBS}\b"
)
# Capitalised words that open a sentence without being part of a speaker's name.
_NOT_NAMES = frozenset(
    "The A An But And So Yet Meanwhile However Still Now Then Here There This That In On At "
    "Asked When While After Before Also Later For With As Speaking".split()
)


def infer_speaker(narration: str) -> Speaker:
    """Who the narration just before a soundbite says will speak; unknown when it does not say.

    "Asked about the matter, the White House did not deny the report." gives White House;
    "Analysts say ..." gives an analyst (no name). The speaker is marked ``inferred`` so a
    person checks it; nothing is invented when the narration names nobody.
    """
    sentences = split_sentences(narration)
    last = sentences[-1] if sentences else ""
    found = [(m.start(), rank, m) for rank, m in enumerate((_GROUP.search(last), _NAMED.search(last), _BODY.search(last))) if m]
    for _, _, match in sorted(found, key=lambda f: f[:2]):
        if "noun" in match.groupdict():
            return Speaker(title=_ROLE_NOUNS[match.group("noun").lower()], role=Role.INTERVIEWEE, inferred=True)
        words = match.group("who").split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if words:
            return Speaker(name=" ".join(words), role=Role.INTERVIEWEE, inferred=True)
    return Speaker()


_STANDUP = re.compile(r"\b(?:here in|here at|here on|behind me|I'm standing|I am standing|I'm here|from here)\b", re.IGNORECASE)


def sounds_like_standup(quote: str) -> bool:
    """Quoted words in the correspondent's own on-camera voice ("here in Seoul", "behind me")."""
    return bool(_STANDUP.search(quote))


# ---------------------------------------------------------------- site furniture

_BOILERPLATE = re.compile(
    r"^(?:sentences mode|paragraph mode|comments?|\d+\s+comments?|share|share this|print|"
    r"listen|font size|copy url|copy link|facebook|twitter|x|kakaotalk|e-?mail|top|"
    r"advertisement|related (?:articles|news|videos)|most viewed|more news|"
    r"previous(?: article)?|next(?: article)?|list|back to list|go to list|subscribe|"
    r"(?:you must be )?(?:logged in|log in|login|sign in|signed in)\b.*|.*\bto (?:add|leave|post) a comment\.?|"
    r"(?:your|this) browser does not support.*|.*enable javascript.*|watch on youtube|"
    r"copyright\b.*|©.*|all rights reserved\.?|.*unauthorized reproduction.*|"
    r"로그인|댓글|공유하기|공유|목록|인쇄|기사 ?듣기|글자 ?크기|이전 ?기사|다음 ?기사|"
    r"무단 ?전재.*|.*재배포 ?금지.*)$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
_FOOTER = re.compile(r"^(?P<outlet>[^\s:/][^:/]{0,60}?)\s+(?P<url>https?://\S+)$")
_TIMESTAMP = re.compile(
    r"^(?:(?:published|posted|updated|modified|입력|수정|등록)(?:\s+on)?\s*:?\s*)?"
    r"(?P<y>\d{4})[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})\.?"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?(?:\s*(?:KST|UTC|GMT|[AP]M))?$",
    re.IGNORECASE,
)


def timestamp(line: str) -> datetime | None:
    """A date line ("Published on: 2025/06/12 20:00", "2024.11.03 14:25 KST") as a datetime."""
    match = _TIMESTAMP.match(line.strip())
    if not match:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0), parts.get("S", 0))
    except ValueError:
        return None


_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = [
    re.compile(r"\b(?P<y>\d{4})[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})\b\.?"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MONTH}\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
]
_CLOCK = re.compile(r"\b(?P<H>\d{1,2})(?::(?P<M>\d{2}))?\s*(?P<half>[ap])\.?m\b\.?|\b(?P<H24>\d{1,2}):(?P<M24>\d{2})\b", re.IGNORECASE)
# What surrounds the date on a header line without being the programme's name.
_HEADER_NOISE = re.compile(
    r"\[[^\]]*\]|\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)|"
    r"\b(?:KST|ET|EST|EDT|CT|PT|PST|PDT|UTC|GMT|aired|full (?:episode|show)|published|posted|updated|on)\b|"
    r"입력|수정|등록|[|()\-–—:,]",
    re.IGNORECASE,
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


@dataclass(frozen=True)
class AirTime:
    """A programme header or dateline: the programme's name ("" when none) and when it aired."""

    programme: str
    when: datetime
    has_time: bool

    @property
    def start_ms(self) -> int | None:
        """The time of day it aired, in milliseconds after midnight; None when the line gave only a date."""
        return (self.when.hour * 3600 + self.when.minute * 60) * 1000 if self.has_time else None


def air_time(line: str) -> AirTime | None:
    """Read "KBS NEWS 9 | March 4, 2025 9:00 PM", "Arirang News 20:00 (2025-06-12)",
    "Aired June 12, 2025 - 14:00 ET" or "입력 2025.06.12 (21:05)"; None without a date.

    The first date and the first clock time on the line count (a page's later "updated"
    stamp does not); what is left once dates, times, weekdays and time zones are taken out is the
    programme's name.
    """
    found = [(m, pattern) for pattern in _DATES for m in [pattern.search(line)] if m]
    if not found:
        return None
    match = min((m for m, _ in found), key=lambda m: m.start())
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS.index(parts["mon"][:3].lower()) + 1
    rest = line[: match.start()] + " " + line[match.end() :]
    clock = _CLOCK.search(rest)
    hour = minute = 0
    if clock:
        hour = int(clock.group("H") or clock.group("H24"))
        minute = int(clock.group("M") or clock.group("M24") or 0)
        if clock.group("half"):
            hour = hour % 12 + (12 if clock.group("half").lower() == "p" else 0)
        rest = rest[: clock.start()] + " " + rest[clock.end() :]
        rest = _DATES[0].sub(" ", _CLOCK.sub(" ", rest))  # later stamps ("수정 2025.06.12 (21:40)")
    try:
        when = datetime(int(parts["y"]), month, int(parts["d"]), hour, minute)
    except ValueError:
        return None
    programme = " ".join(_HEADER_NOISE.sub(" ", rest).split())
    return AirTime(programme, when, clock is not None)


def footer_source(line: str) -> Source | None:
    """An "<outlet> <url>" footer ("Arirang news https://www.arirang.com/...") as a Source."""
    match = _FOOTER.match(line.strip())
    if not match:
        return None
    return Source(outlet=match.group("outlet").strip(), url=match.group("url"))


def is_boilerplate(line: str) -> bool:
    """Site furniture that is never spoken: UI labels, login prompts, share buttons, bare URLs."""
    stripped = line.strip()
    return bool(_BOILERPLATE.match(stripped) or _URL.fullmatch(stripped) or footer_source(stripped))


# ---------------------------------------------------------------- paragraphs into a story


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


def _quote_end(paragraph: str) -> Quote | None:
    """The last paragraph of a quote that was opened paragraphs before ('... real wages.”')."""
    body = paragraph.strip()
    if len(body) > 1 and body[-1] in _CLOSE_QUOTES and not any(mark in body[:-1] for mark in "\"“”"):
        return Quote(body[:-1].strip())
    return None


def split_quotes(paragraph: str) -> list[str]:
    """A paragraph cut at sentence and quote boundaries: each quote whole, narration by sentence.

    Listing pages squash a story into one paragraph; this gives back the one-sentence
    paragraphs and whole quoted soundbites the conventions work on.
    """
    out: list[str] = []
    quote: list[str] = []
    for sentence in split_sentences(paragraph):
        if quote:
            quote.append(sentence)
            if sentence.rstrip()[-1] in _CLOSE_QUOTES:
                out.append(" ".join(quote))
                quote = []
        elif (opened := quoted(sentence)) is not None and not opened.closed:
            quote.append(sentence)
        else:
            out.append(sentence)
    if quote:
        out.append(" ".join(quote))
    return out


def read_paragraphs(paragraphs: Sequence[str], *, talent: str | None = None) -> Reading:
    """Classify a story's paragraphs by the shared conventions.

    The anchor lead runs up to and including the handoff line; after it, narration is the
    correspondent's track, whole quotes are soundbites (speaker inferred from the narration
    before, or a stand-up when the words are the correspondent's own), the sign-off line is
    the sign-off and anchor copy after it is a tag. Without a handoff but with a sign-off the
    first paragraph is taken as the lead (with a warning); with neither, the story is the
    anchor's (a reader, or VO/SOT when it holds quotes).
    """
    units = [u for p in paragraphs for u in split_quotes(p)]
    reading = Reading(pieces=[])
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
            more = quote or _quote_end(unit)
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

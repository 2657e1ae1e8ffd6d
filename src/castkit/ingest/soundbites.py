"""Soundbites: quotations, who speaks them, and the correspondent's own on-camera words.

A soundbite is a paragraph wholly inside double quotes (a quote may run over several
paragraphs). Who speaks it is inferred from the narration just before it ("X, a bus driver,
said", "according to X", "Analysts say") and marked ``inferred``; quoted words that sound like
the correspondent on camera ("here in Seoul") are a stand-up.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from castkit.ingest.cues import StoryWords, cue, has_cues, words_of
from castkit.ingest.names import NAME
from castkit.model import Role, Speaker
from castkit.text import split_sentences

_OPEN_QUOTES = "\"“„"
_QUOTE_STARTS = _OPEN_QUOTES + "("
"""What a quoted paragraph opens with: a quotation mark, or the parenthesis of a direction before it."""
_CLOSE_QUOTES = "\"”“"


@dataclass(frozen=True)
class Quote:
    """A paragraph that is a quotation: its words, and whether the closing mark was seen."""

    text: str
    closed: bool = True


_DIRECTION = re.compile(
    r"^\((?:through (?:an? )?(?:translator|interpreter)|foreign language spoken|speaking [a-z]+|in [a-z]+|translated)\)\.?\s*",
    re.IGNORECASE,
)
"""A direction before translated words: "(through translator)", "(Foreign language spoken)"."""


def strip_direction(paragraph: str) -> str:
    """The words of a soundbite without the translation direction in front of them."""
    body = paragraph.strip()
    while body.startswith("(") and (match := _DIRECTION.match(body)):
        body = body[match.end() :]
    return body


def quoted(paragraph: str) -> Quote | None:
    """The quotation a paragraph wholly consists of, else None.

    '"We will not accept it."' and '“We will not.”' are quotes; 'He said "no" today.' and
    '"Yes," he said, "we will."' are narration. A paragraph that opens a quote and never closes
    it (a quote running on into the next paragraph, or text cut off) is an unclosed quote. A
    translated quote keeps its translation: '(through translator) "We will not."' is a quote.
    """
    if paragraph[:1] not in _QUOTE_STARTS and not paragraph[:1].isspace():
        return None  # most paragraphs: neither a quotation mark nor a direction opens them
    body = strip_direction(paragraph)
    if len(body) < 2 or body[0] not in _OPEN_QUOTES:
        return None
    closed = body[-1] in _CLOSE_QUOTES
    inner = body[1:-1] if closed else body[1:]
    if '"' in inner or "“" in inner or "”" in inner:
        return None
    return Quote(inner.strip(), closed)


SPEECH_VERBS = (
    "did not deny", "didn't deny", "denied", "said", "says", "say", "told", "tells", "added", "adds", "stated", "states",
    "explained", "explains", "noted", "notes", "warned", "warns", "insisted", "insists", "responded", "replied",
    "confirmed", "confirms", "argued", "argues", "claimed", "claims", "pointed out", "points out", "commented",
    "believes", "believe", "believed", "stressed", "stresses", "put it", "had this to say", "has this to say",
    "spoke", "speaks", "remarked", "emphasized", "emphasised",
)
"""Verbs that introduce who speaks ("X, a bus driver, said")."""
_SPEECH_VERBS = "(?:" + "|".join(re.escape(verb) for verb in SPEECH_VERBS) + ")"
_SPEECH_CUE = cue(SPEECH_VERBS)
_ACCORDING_CUE = cue(("according to", "in the words of"))
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
_DETERMINERS = ("an?", "one", "another", "some", "many", "most")
_GROUP_START = "".join(sorted({word[0] for word in (*_DETERMINERS, *_ROLE_NOUNS)}))
"""The letters a group naming can open with: the search passes over words opening with any other at once."""
_GROUP = re.compile(
    rf"\b(?=[{_GROUP_START}])(?:(?:{'|'.join(_DETERMINERS)})\s+(?:[a-z-]+\s+){{0,2}}?)?(?P<noun>{'|'.join(_ROLE_NOUNS)})"
    rf"{_APPOSITIVE}\s+(?:here\s+|also\s+|now\s+)?{_SPEECH_VERBS}\b",
    re.IGNORECASE,
)
_NAMED = re.compile(rf"(?P<who>{NAME}){_APPOSITIVE}\s+(?:also\s+|later\s+|then\s+)?{_SPEECH_VERBS}\b")
_BODIES = (
    "ministry", "government", "office", "police", "military", "army", "agency", "company", "union", "commission",
    "committee", "court", "prosecution", "prosecutors", "council", "embassy", "regime", "party",
)
"""Institutions named in lower case: "the trade ministry said" gives "trade ministry"."""
_BODY = re.compile(rf"\b[Tt]he\s+(?P<who>(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(_BODIES)}))\s+(?:also\s+)?{_SPEECH_VERBS}\b")
_BODY_CUE = frozenset(_BODIES)
# Capitalised words that open a sentence without being part of a speaker's name.
_NOT_NAMES = frozenset(
    "The A An But And So Yet Meanwhile However Still Now Then Here There This That In On At "
    "Asked When While After Before Also Later For With As Speaking We I They He She It You".split()
)
_ACCORDING = re.compile(rf"\b(?:[Aa]ccording to|[Ii]n the words of)\s+(?P<who>{NAME})")
# A person named in the sentence before a quote without a speech verb: "Kim Soon-ja, 81, comes
# here every day.", "We met shop owner Lee Min-ho.", "Lee Min-ho has driven a bus for 20 years."
_PERSON_ROLES = (
    "owner", "driver", "resident", "farmer", "worker", "student", "teacher", "nurse", "doctor", "officer", "tourist", "fan",
    "patient", "voter", "trader", "vendor", "analyst", "professor", "expert", "official",
)
_PERSON_WAYS = (
    rf"\b(?:{'|'.join(_PERSON_ROLES)})\s+(?P<after_role>{NAME})",
    r"(?P<korean>\b[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+\b)",
    rf"(?P<aged>{NAME}),\s+(?:\d{{1,3}}|an?\s|the\s)",
)
"""The ways a person is named, in the order they are tried at each place in the sentence."""
_PERSON_CUE = frozenset(_PERSON_ROLES)
_AGED_CUE = re.compile(r",\s+(?:\d|an?\s|the\s)")
"""What follows the name in every "X, 81," and "X, a farmer," naming (searched from each comma only)."""
_GROUP_CUE = frozenset(_ROLE_NOUNS)


def _person_pattern(sentence: str, heard: frozenset[str] | None) -> re.Pattern[str] | None:
    """The pattern of the ways :data:`_PERSON_WAYS` may name a person in ``sentence``: each needs a role word,
    a hyphenated name or a comma followed by an age or an article. A way that cannot match is left out, and
    a sentence no way can match is not scanned (the aged way tries a name at every capital letter)."""
    ways = (has_cues(heard, (_PERSON_CUE,)), "-" in sentence, "," in sentence and bool(_AGED_CUE.search(sentence)))
    return _person_ways(ways) if any(ways) else None


@functools.cache
def _person_ways(ways: tuple[bool, ...]) -> re.Pattern[str]:
    """:data:`_PERSON_WAYS` that are on in ``ways``, in order: leaving out a way that matches nowhere
    changes no match of the others."""
    return re.compile("|".join(way for way, on in zip(_PERSON_WAYS, ways) if on))


def infer_speaker(narration: str, story_words: StoryWords | None = None) -> Speaker:
    """Who the narration just before a soundbite says will speak; unknown when it does not say.

    "Asked about the matter, the White House did not deny the report." gives White House;
    "Analysts say ..." gives an analyst (no name); "X, a bus driver, said", "according to X", or a
    person named in the sentence ("Kim Soon-ja, 81, comes here every day.") give X. The speaker is marked ``inferred`` so a
    person checks it; nothing is invented when the narration names nobody.
    """
    sentences = split_sentences(narration)
    last = sentences[-1] if sentences else ""
    heard = story_words[last] if story_words is not None else words_of(last)
    spoken = has_cues(heard, (_SPEECH_CUE,))  # every pattern below but the last two needs a verb of speaking
    grouped = spoken and has_cues(heard, (_GROUP_CUE,))  # :data:`_GROUP` also needs one of its nouns, a whole word
    bodied = spoken and has_cues(heard, (_BODY_CUE,))  # :data:`_BODY` needs one of its institutions, a whole word
    searched = (_GROUP.search(last) if grouped else None, _NAMED.search(last), _BODY.search(last) if bodied else None) if spoken else ()
    found = [(m.start(), rank, m) for rank, m in enumerate(searched) if m]
    for _, _, match in sorted(found, key=lambda f: f[:2]):
        if "noun" in match.groupdict():
            return Speaker(title=_ROLE_NOUNS[match.group("noun").lower()], role=Role.INTERVIEWEE, inferred=True)
        words = match.group("who").split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if words:
            return Speaker(name=" ".join(words), role=Role.INTERVIEWEE, inferred=True)
    for pattern in (_ACCORDING if has_cues(heard, (_ACCORDING_CUE,)) else None, _person_pattern(last, heard)):
        matches = list(pattern.finditer(last)) if pattern else []
        names = [next(v for v in m.groupdict().values() if v).rstrip(".,") for m in matches]
        names = [n for n in names if n.split()[0] not in _NOT_NAMES]
        if names:
            return Speaker(name=names[-1], role=Role.INTERVIEWEE, inferred=True)
    return Speaker()


_STANDUP = re.compile(
    r"\b(?:here (?:in|at|on|outside)\b(?!\s+(?:least|all|once|first|last)\b)|behind me|I'm standing|I am standing|I'm here|from here)\b",
    re.IGNORECASE,
)


def sounds_like_standup(quote: str) -> bool:
    """Quoted words in the correspondent's own on-camera voice ("here in Seoul", "behind me")."""
    return bool(_STANDUP.search(quote))


def quote_end(paragraph: str) -> Quote | None:
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
    return join_quotes(split_sentences(paragraph))


def join_quotes(sentences: Sequence[str]) -> list[str]:
    """A paragraph's sentences, each quote that runs over several of them joined into one (:func:`split_quotes`)."""
    out: list[str] = []
    quote: list[str] = []
    for sentence in sentences:
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

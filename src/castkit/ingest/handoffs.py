"""Handoffs: how an anchor throws to a reporter, recorded or live.

Anchors hand over in a few frames built from a small vocabulary, so the recogniser is a table
of that vocabulary rather than one pattern per example:

- **who**: a name, with a staff marker in front or not — "our Tokyo bureau chief X",
  "CNN's X", "Reporter X" (:data:`BEATS`, :data:`OPENERS`);
- **what follows the name**: a story noun ("has the latest", "has our lead story",
  "with more"; :data:`STORY_NOUNS`) or a verb of filing and reporting ("reports", "files from",
  "looked into it", "has been following"; :data:`FILING`);
- **going over or live**: "we go now to", "over to", "let's bring in" before the name
  (:data:`CROSSINGS`), "is standing by", "joins us live from" after it (:data:`LIVE`);
- **verbless throws**: "First, our Seoul correspondent X." (a staff marker is required);
- **direct address**: "X, what are you hearing?" opens a live two-way (:func:`address_handoff`).

A capitalised word after "Amid" or "According to" is never a reporter: every frame needs a
handoff verb, a story noun or a staff marker next to the name.
"""

from __future__ import annotations

import re

from castkit.ingest.cues import APOSTROPHE, StoryWords, cue, has_cues, words_of
from castkit.ingest.names import NAME

BEATS = (
    "correspondent", "reporter", "bureau chief", "editor", "producer", "contributor", "analyst",
    "reporter-at-large", "host", "colleague",
)
"""Job words that make the name after them a colleague ("our Tokyo bureau chief X")."""

OPENERS = ("first", "now", "next", "up first", "for more", "for the latest", "for more on that", "for more on this",
           "for more on the story", "and", "so", "today", "tonight", "this morning", "from there")
"""Words a throw may open with before the staff marker ("First, our Seoul correspondent X.")."""

STORY_NOUNS = (
    "story", "latest", "details", "report", "more", "update", "lead story", "top story", "view", "picture",
    "analysis", "reaction", "reactions", "background", "full story", "exclusive", "look", "rest of the story",
    "developments", "findings", "numbers", "answers",
)
"""What a correspondent "has" or comes "with" ("has the latest", "with our lead story")."""

HAVING = ("has", "brings", "brings us", "has got", "'s got", "’s got", "is back with", "joins us with", "is here with", "with")
"""Verbs that take a story noun ("has", "brings us", "with")."""

FILING = (
    "reports", "reports from", "reported", "files", "files from", "filed", "filed this report", "files this report",
    "has this report", "brings us this report", "looked into it", "looks into it", "has been looking into it",
    "has been following", "has been following the story", "has been following it", "has been covering",
    "has been covering the story", "has been tracking", "has been watching", "takes a look", "took a look", "takes a closer look", "took a closer look",
    "tells us more", "explains", "explains why", "starts us off", "begins our coverage", "picks up the story",
    "has the story", "went to see", "went along", "spent the day", "caught up with", "sent this report",
)
"""Verbs of filing and reporting that hand over by themselves ("X reports.", "X files from Busan")."""

LIVE = ("is standing by", "is standing by live", "joins us", "joins us live", "joins us now", "joins us live now",
        "is live", "is with us", "is with us live", "is there", "is on the line", "is live for us")
"""What a live correspondent "is" or "does" after the name ("X is standing by")."""

CROSSING_VERBS = ("go", "turn", "cross", "connect", "head", "switch", "go over", "hand over", "throw")
"""Verbs of going over, said as "we <verb> [now|live|back …] to X" or "let's <verb> … to X"."""

CROSSING_ADVERBS = ("now", "live", "right", "back", "over", "straight", "quickly", "first", "again")

CROSSINGS = (
    "over to", "over now to", "let's bring in", "we bring in", "we're joined by", "we are joined by",
    "joining us live is", "joining us now is", "joining us from there is", "let's check in with", "we check in with",
)
"""Other frames that go over or live before the name ("over to X", "we're joined by X")."""


def _alternation(phrases: tuple[str, ...]) -> str:
    """A case-blind alternation of ``phrases``, longest first (names stay case-sensitive)."""
    return "(?i:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)) + ")"


_OUTLET_POSSESSIVE = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?(?:['’]s|s['’])\s+"
_MARKER = (
    rf"(?:(?i:our|my|their)\s+(?:[\w.-]+\s+){{0,4}}?(?:{_alternation(BEATS)})\s+|(?i:our)\s+|{_OUTLET_POSSESSIVE}"
    rf"(?:(?:[\w.-]+\s+){{0,3}}?(?:{_alternation(BEATS)})\s+)?|(?:(?:[\w.-]+\s+){{0,2}}?(?:{_alternation(BEATS)})\s+))"
)
"""A staff marker before the name: "our Tokyo bureau chief", "our", "CNN's", "Reporter"."""


_MARKER_CUE = cue(BEATS, ("our", "my", "their", APOSTROPHE))
_HAVING_CUE = cue(HAVING)
_NOUN_CUE = cue(STORY_NOUNS)
_FILING_CUE = cue(FILING)
_LIVE_CUE = cue(LIVE)
_CROSSING_CUE = cue(CROSSING_VERBS, CROSSINGS)
"""The words the frames need: a staff marker; a verb of having and a story noun; a verb of filing; a live phrase; a crossing."""

_OPEN = rf"^(?:(?:{_alternation(OPENERS)})[,:]?\s+)?"
_NOUN_PHRASE = rf"(?:(?i:the|our|this|a|an|more|some)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_alternation(STORY_NOUNS)})\b"
_PLACE = r"(?:\s+(?i:in|from|at|outside|near|on)\s+[\w .,'’-]{1,60})?"

_TAIL = r"(?:\s+(?i:on|from|in|at|about|for|tonight|today|this\s+morning|this\s+evening)\b[^.!?]*$|\s*$)"
"""What may follow a handoff without a staff marker: a place or a topic, then the end of the sentence."""

_HANDOFFS = [
    (re.compile(pattern), cues)
    for pattern, cues in (
        # "Our Tokyo bureau chief X has the latest, and it is not good news." / "Here's CNN's X with more."
        (rf"{_OPEN}(?:(?i:here)(?:'s|’s| is)\s+)?{_MARKER}(?P<name>{NAME})(?:\s*,)?\s+{_alternation(HAVING)}\s+{_NOUN_PHRASE}",
         (_HAVING_CUE, _NOUN_CUE)),
        # "X has the latest from Tokyo." / "Here's X with more."
        (rf"{_OPEN}(?:(?i:here)(?:'s|’s| is)\s+)?(?P<name>{NAME})(?:\s*,)?\s+{_alternation(HAVING)}\s+{_NOUN_PHRASE}{_TAIL}",
         (_HAVING_CUE, _NOUN_CUE)),
        # "Our correspondent X files from Busan, where ..." / "NPR's X reports."
        (rf"{_OPEN}{_MARKER}(?P<name>{NAME})(?:\s*,)?\s+{_alternation(FILING)}\b", (_FILING_CUE,)),
        # "X reports from Busan." / "X has been following the story."
        (rf"{_OPEN}(?P<name>{NAME})(?:\s*,)?\s+{_alternation(FILING)}{_TAIL}", (_FILING_CUE,)),
        # verbless: "First, our Seoul correspondent X." / "Reporter X in Busan."
        (rf"{_OPEN}{_MARKER}(?P<name>{NAME}){_PLACE}\s*$", (_MARKER_CUE,)),
    )
]
"""The recorded throws, each with the cues a sentence needs before the frame is tried."""
_HANDOFF_CUE = frozenset().union(*(found for _, cues in _HANDOFFS for found in cues))
"""A word of this is in every sentence some recorded throw may match: most sentences hold none, and skip every frame at once."""
_CASED_NAME = re.compile(rf"^{NAME}$")
_KOREAN_HANDOFF = re.compile(
    r"^(?:[가-힣]+\s+)?(?P<name>[가-힣]{2,4})\s*(?:기자|특파원)(?:가|이)?\s*"
    r"(?:보도합니다|전해드립니다|전합니다|취재했습니다|소개합니다|짚어봅니다|알아봤습니다|입니다)\.?$"
)
"""Korean throws: "박서준 기자가 보도합니다.", "도쿄 김민지 특파원이 전합니다.", "이수진 기자입니다."."""

_CROSSING = (  # "we go live now to", "let's turn to", "over to", "we're joined by"
    rf"(?:(?i:we|let's|let’s|let us|now we)\s+{_alternation(CROSSING_VERBS)}(?:\s+{_alternation(CROSSING_ADVERBS)})*\s+(?i:to)"
    rf"|{_alternation(CROSSINGS)})"
)

_LIVE_HANDOFFS = [
    (re.compile(pattern), cues)
    for pattern, cues in (
        # "We go now to our business correspondent X." / "Over to X in Seoul."
        (rf"(?:^|\b){_CROSSING}\s+(?:{_MARKER})?(?P<name>{NAME})(?:\s*[.,:?!]|\s*$|\s+(?i:at|in|from|who|outside|for)\b)",
         (_CROSSING_CUE,)),
        # "Our X is standing by." / "CNN's X joins us live from Seoul."
        (rf"{_OPEN}(?:{_MARKER})?(?P<name>{NAME})(?:\s*,)?\s+(?:{_alternation(LIVE)})\b", (_LIVE_CUE,)),
    )
]
"""The live crossings, each with the cues a sentence needs before the frame is tried."""
_LIVE_WORD = re.compile(r"(?i:\blive\b)")
_LIVE_WORD_CUE = frozenset({"live"})
_ANY_LIVE_CUE = _CROSSING_CUE | _LIVE_CUE | _LIVE_WORD_CUE
"""A word of this is in every sentence a live crossing may match (nine sentences in ten hold none)."""
_DASHED_NAME = re.compile(rf".*(?:--|—|–)\s*(?P<name>{NAME})\?$")
"""After "live": "... outside the court -- X?" (see :func:`_dashed_name`)."""
_ADDRESS = re.compile(
    rf"^(?P<name>{NAME}),\s+(?i:what|how|where|when|why|who|is|are|was|were|do|does|did|can|could|tell us|walk us|"
    r"bring us|give us|take us|so|what's|talk us|describe|explain|set the scene|paint)\b",
)
_THANKS = re.compile(r"^(?:(?:[\w'’-]+\s+){0,3}[\w'’-]+,\s*)*(?:thank you|thanks)\b", re.IGNORECASE)
_NOT_NAMES = frozenset(
    "the a an amid according as after before despite following with without in on at for from by to of "
    "president minister officials police it this that they he she we i you there here our first now next and so "
    "but meanwhile however reporter correspondent".split()
)
"""Words that open a capitalised phrase which is not a colleague's name ("Amid Seoul's ...")."""


def _name(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    name = match.group("name").rstrip(".,")
    words = name.split()
    if not _CASED_NAME.match(name) or words[0].lower() in _NOT_NAMES or words[0].lower() in BEATS:
        return None
    return name


def handoff_name(sentence: str, story_words: StoryWords | None = None) -> str | None:
    """The correspondent a handoff sentence hands to ("Reporter X has more." -> X), else None."""
    stripped = sentence.strip()
    line = stripped.rstrip(".!").strip()
    if not line.isascii() and (korean := _KOREAN_HANDOFF.match(line)):
        return korean.group("name")  # a Korean throw is a few words, never more than 30
    words = story_words[stripped] if story_words is not None else words_of(stripped)  # full stops hold no words
    recorded = has_cues(words, (_HANDOFF_CUE,))
    if not recorded and not has_cues(words, (_ANY_LIVE_CUE,)) or len(line.split()) > 30:
        return None  # no frame can match (most sentences), or too long for a throw
    if recorded:
        for pattern, cues in _HANDOFFS:
            name = _name(pattern.match(line)) if has_cues(words, cues) else None
            if name:
                return name
    return _live_name(stripped, words)


def live_handoff_name(sentence: str, story_words: StoryWords | None = None) -> str | None:
    """The correspondent an anchor crosses to live ("Our X is standing by." -> X), else None."""
    line = sentence.strip()
    return _live_name(line, story_words[line] if story_words is not None else words_of(line))


def _live_name(line: str, words: frozenset[str] | None) -> str | None:
    """:func:`live_handoff_name` of ``line``, whose words (:func:`castkit.ingest.cues.words_of`) are known."""
    if not has_cues(words, (_ANY_LIVE_CUE,)):
        return None
    for pattern, cues in _LIVE_HANDOFFS:
        name = _name(pattern.search(line)) if has_cues(words, cues) else None
        if name:
            return name
    return _name(_dashed_name(line)) if has_cues(words, (_LIVE_WORD_CUE,)) else None


def _dashed_name(line: str) -> re.Match[str] | None:
    """ "We are live outside the court -- X?": the name after the last dash that follows "live".

    Only the first "live" of each line of ``line`` is tried: a later one on the same line sees
    fewer dashes, so trying it could only fail again (searching from every "live" rescans the
    rest of the line each time, which grows with the square of the line).
    """
    start = 0
    while live := _LIVE_WORD.search(line, start):
        if match := _DASHED_NAME.match(line, live.end()):
            return match
        start = line.find("\n", live.end()) + 1
        if not start:
            return None
    return None


def address_handoff(sentence: str) -> str | None:
    """The colleague a direct address invites to report ("Paula, what are you hearing?" -> Paula)."""
    line = sentence.strip()
    if not line.endswith(("?", ".")):
        return None
    return _name(_ADDRESS.match(line))


INVITATIONS = ("tell us", "walk us through", "take us through", "talk us through", "give us", "bring us up to speed",
               "fill us in", "explain", "describe", "set the scene", "paint a picture", "update us")
"""How an anchor asks for the report without asking a question ("Tell us what you saw there.")."""
_INVITATION = re.compile(rf"^(?:{NAME},\s+)?(?:(?i:so|and|now|first),?\s+)?(?i:{'|'.join(map(re.escape, INVITATIONS))})\b.*[.!]$")


def is_invitation(sentence: str) -> bool:
    """A question put as a statement that invites the report ("Tell us what you saw there.")."""
    return bool(_INVITATION.match(sentence.strip()))


def is_thanks(paragraph: str) -> bool:
    """A short thank-you that closes a two-way or package ("Kim Bo-kyoung, thank you.")."""
    return len(paragraph.split()) <= 12 and bool(_THANKS.match(paragraph.strip()))

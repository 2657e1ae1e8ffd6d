"""castkit script markup: lossless round trip, hand-edited input, clear errors."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import FIXTURES, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.errors import BadInput
from castkit.ingest import parse_file, parse_text
from castkit.ingest.markup import parse_markup, to_markup
from castkit.model import Bulletin, Element, Format, Kind, Role, Source, Speaker, Story, Super, dumps, loads
from castkit.timing import format_exact, parse_exact

# Single-line values: anything but line breaks. Titles and names are trimmed, as parsers give them.
line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30)
trimmed = line.filter(lambda s: s == s.strip())
maybe = lambda strategy: st.none() | strategy  # noqa: E731
ms = st.integers(min_value=0, max_value=10 * 3600 * 1000)
rate = st.floats(min_value=1, max_value=1000, allow_nan=False, allow_infinity=False)
# Text: lines of anything but CR; first and last lines not blank (blank edges are layout).
text = st.lists(line, min_size=1, max_size=4).map("\n".join).filter(
    lambda t: t.split("\n")[0].strip() != "" and t.split("\n")[-1].strip() != ""
) | st.just("")
dates = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1))

speakers = st.builds(Speaker, name=maybe(line), title=maybe(line), role=st.sampled_from(Role), inferred=st.booleans())
elements = st.builds(
    Element,
    kind=st.sampled_from(Kind),
    text=text,
    speaker=speakers,
    runs_ms=maybe(ms),
    rate_wpm=maybe(rate),
    in_cue=maybe(line),
    out_cue=maybe(line),
    super=maybe(st.builds(Super, st.lists(line, min_size=1, max_size=3))),
    media=maybe(line),
)
stories = st.builds(
    Story,
    title=trimmed,
    slug=maybe(line),
    page=maybe(line),
    published=maybe(dates),
    source=st.builds(Source, outlet=maybe(line), url=maybe(line)),
    correspondent=maybe(line),
    talent=maybe(line),
    format=maybe(st.sampled_from(Format)),
    language=st.sampled_from(["en", "ko"]),
    elements=st.lists(elements, max_size=4),
    block=maybe(line),
    floated=st.booleans(),
    hit_ms=maybe(st.integers(min_value=0, max_value=86_399_999)),
    target_ms=maybe(ms),
    runs_ms=maybe(ms),
    rate_wpm=maybe(rate),
    notes=maybe(st.lists(line, min_size=1, max_size=3).map("\n".join)),
)
bulletins = st.builds(
    Bulletin,
    stories=st.lists(stories, max_size=3),
    title=maybe(line),
    date=maybe(line),
    start_ms=maybe(st.integers(min_value=0, max_value=86_399_999)),
    slot_ms=maybe(ms),
    end_ms=maybe(st.integers(min_value=0, max_value=86_399_999)),
    presenters=st.dictionaries(trimmed, rate, max_size=3),
    rate_wpm=maybe(rate),
)


@settings(max_examples=300, deadline=None)
@given(bulletins)
def test_markup_round_trips_without_loss(bulletin: Bulletin) -> None:
    assert parse_markup(to_markup(bulletin)) == bulletin


@given(ms)
def test_clock_round_trip(value: int) -> None:
    assert parse_exact(format_exact(value)) == value


def test_seed_round_trips_and_is_detected() -> None:
    parsed = parse_file(SEED)
    markup = to_markup(parsed.bulletin)
    again = parse_text(markup)
    assert again.style == "markup" and again.bulletin == parsed.bulletin
    assert loads(dumps(again.bulletin)) == parsed.bulletin
    assert "[SOUNDBITE] White House ?" in markup


HAND_WRITTEN = (FIXTURES / "markup" / "hand-written.castkit").read_text("utf-8")


def test_hand_written_markup() -> None:
    bulletin = parse_markup(HAND_WRITTEN)
    assert (bulletin.title, bulletin.start_ms, bulletin.slot_ms) == ("Arirang News at 8", 72_000_000, 1_710_000)
    assert bulletin.presenters == {"Jane Doe": 170.0}
    (story,) = bulletin.stories
    assert (story.page, story.slug, story.format, story.floated) == ("A3", "NK-LETTER", Format.PKG, False)
    assert (story.hit_ms, story.runs_ms) == (72_310_000, 105_000)
    assert story.notes == "check the White House bite\nlegal cleared"
    lead, bite, note, signoff = story.elements
    assert lead.kind is Kind.ANCHOR and lead.speaker.role is Role.ANCHOR
    assert lead.text.endswith("North Korea.\nOur correspondent Kim Jung-sil has the story.")
    assert bite.kind is Kind.SOUNDBITE and bite.speaker == Speaker("Karine Jean-Pierre", "White House Press Secretary", Role.INTERVIEWEE)
    assert bite.runs_ms == 9000 and bite.super.lines == ["Karine Jean-Pierre", "White House Press Secretary"]
    assert (bite.in_cue, bite.out_cue) == ("The president remains", "to answer.")
    assert bite.text.endswith("\n[pause]")
    assert note.kind is Kind.INSTRUCTION and not note.spoken
    assert signoff.kind is Kind.SIGNOFF and signoff.speaker.role is Role.CORRESPONDENT


def test_markup_without_the_first_line() -> None:
    parsed = parse_file(FIXTURES / "markup" / "no-magic-line.castkit")
    assert parsed.style == "markup"
    (story,) = parsed.bulletin.stories
    assert (story.slug, story.format, story.rate_wpm) == ("WON-LOW", Format.VOSOT, 165.0)
    assert [e.kind for e in story.elements] == [Kind.ANCHOR, Kind.INSTRUCTION, Kind.SOUNDBITE, Kind.TAG]
    assert story.elements[2].speaker == Speaker("finance ministry", None, Role.INTERVIEWEE, inferred=True)


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("=== x\nSLUGG: a\n", "line 2: unknown story field SLUGG"),
        ("=== x\n[ANCHOR]\nRUNS: 1:2x\ntext\n", "line 3: RUNS: cannot read '1:2x'"),
        ("=== x\n[COMMERCIAL]\n", "line 2: unknown element kind [COMMERCIAL]"),
        ("=== x\nFORMAT: PKGG\n", "line 2: FORMAT"),
        ("PRESENTER: Jane\n", "line 1: PRESENTER"),
        ("=== x\n[TRACK]\nROLE: boss\n", "line 3: ROLE"),
        ("=== x\nPUBLISHED: yesterday\n", "line 2: PUBLISHED"),
    ],
)
def test_errors_name_the_line(markup: str, message: str) -> None:
    with pytest.raises(BadInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_markup(markup, name="script.castkit")

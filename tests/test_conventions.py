"""The news-script conventions shared by every house style."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.ingest.conventions import (
    build_story,
    footer_source,
    handoff_name,
    infer_speaker,
    is_boilerplate,
    quoted,
    read_paragraphs,
    signoff,
    split_quotes,
    timestamp,
)
from castkit.model import Format, Kind, Role


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Our correspondent Kim Jung-sil has the story.", "Kim Jung-sil"),
        ("Our Washington correspondent Jane Roe reports from the White House.", "Jane Roe"),
        ("Kim Hyo-jin starts us off.", "Kim Hyo-jin"),
        ("Lee Ji-won reports.", "Lee Ji-won"),
        ("Reporter Park Se-young has more.", "Park Se-young"),
        ("Oh Jung-hee has more.", "Oh Jung-hee"),
        ("Here's Daniel Kim with the details.", "Daniel Kim"),
        ("The report has more details on the summit.", None),
        ("Officials said more talks are planned.", None),
    ],
)
def test_handoff_name(line: str, name: str | None) -> None:
    assert handoff_name(line) == name


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("Kim Jung-sil, Arirang News.", ("Kim Jung-sil", "Arirang News", None)),
        ("Kim Jung-sil, Arirang News, Seoul.", ("Kim Jung-sil", "Arirang News", "Seoul")),
        ("Jane Roe reporting for KBS News from Busan.", ("Jane Roe", "KBS News", "Busan")),
        ("Thanks, Mike.", None),
        ("Kim Jung-sil, Arirang News", None),
        ("Seoul, which hosts the talks, is ready.", None),
    ],
)
def test_signoff(line: str, parts: tuple | None) -> None:
    found = signoff(line)
    assert (None if found is None else (found.name, found.outlet, found.place)) == parts


def test_quoted_paragraphs() -> None:
    assert quoted('"We will not accept it."').text == "We will not accept it."
    assert quoted("“We will not.”").closed
    assert quoted('He said "no" today.') is None
    assert quoted('"Yes," he said, "we will."') is None
    cut = quoted('"This is where the text was cut')
    assert cut.text == "This is where the text was cut" and not cut.closed


def test_split_quotes_restores_squashed_paragraph() -> None:
    squashed = 'The White House did not deny it. "The president remains receptive. I\'ll leave that to him." Analysts say so. Kim Jung-sil, Arirang News.'
    assert split_quotes(squashed) == [
        "The White House did not deny it.",
        '"The president remains receptive. I\'ll leave that to him."',
        "Analysts say so.",
        "Kim Jung-sil, Arirang News.",
    ]


@pytest.mark.parametrize(
    ("narration", "name", "title"),
    [
        ("Asked about the matter, the White House did not deny the report.", "White House", None),
        ("Analysts say North Korea's refusal may reflect deeper dissatisfaction.", None, "analyst"),
        ("One expert here says the move is unlikely.", None, "expert"),
        ("Meanwhile, foreign ministry spokesperson Lim Soo-suk told reporters:", "Lim Soo-suk", None),
        ("At the same time, Pyongyang appears to be doubling down on its ties with Moscow.", None, None),
    ],
)
def test_infer_speaker(narration: str, name: str | None, title: str | None) -> None:
    speaker = infer_speaker(narration)
    assert (speaker.name, speaker.title) == (name, title)
    assert speaker.inferred == (name is not None or title is not None)


def test_site_furniture() -> None:
    for line in ("Sentences Mode", "Comments", "You must be logged in to add a comment.", "공유하기", "https://x.kr/1"):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Comments from the minister drew criticism.")
    assert footer_source("Arirang news https://www.arirang.com/news/view?id=284316").outlet == "Arirang news"
    assert timestamp("Published on: 2025/06/12 20:00").isoformat() == "2025-06-12T20:00:00"
    assert timestamp("2024.11.03 14:25 KST").hour == 14
    assert timestamp("2024.13.03") is None


def test_long_lines_are_tried_against_all_furniture_they_can_be() -> None:
    """A line longer than every label is only tried against the furniture of any length: no label may be longer."""
    import re

    from castkit.ingest import furniture

    parser = getattr(re, "_parser", None) or __import__("sre_parse")  # the pattern parser (sre_parse before 3.11)
    assert parser.parse(furniture._FURNITURE_LABELS, re.IGNORECASE).getwidth()[1] <= furniture._LABEL_WIDTH
    for line in ("Listen to this article", "Share this story", "(Commercial break)", "Copyright 2025 Arirang TV. " * 3,
                 "Updated: 2025/06/12 20:15 " + "x" * 40, "촬영기자:김철수/영상편집:이영희 " * 3):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Share this with the minister, the protesters said on Tuesday, waving banners.")


def test_read_paragraphs_package() -> None:
    reading = read_paragraphs(
        [
            "Seoul and Tokyo agreed on a new hotline.",
            "Reporter Park Se-young has more.",
            "The deal took months.",
            "Officials say it is a first step.",
            "“It is a first step, not the last.”",
            "“I'm standing here in front of the ministry, where talks went late.”",
            "Park Se-young, KBS News, Tokyo.",
            "The hotline opens next month.",
        ],
        talent="Jane Doe",
    )
    story = build_story(reading, title="Hotline")
    assert [e.kind for e in story.elements] == [
        Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE, Kind.STANDUP, Kind.SIGNOFF, Kind.TAG,
    ]
    assert story.elements[0].speaker.role is Role.ANCHOR and story.elements[0].speaker.name == "Jane Doe"
    assert story.elements[2].speaker.title == "official"
    assert story.correspondent == "Park Se-young" and story.source.outlet == "KBS News"
    assert story.effective_format() is Format.PKG


def test_read_paragraphs_standup_and_reader() -> None:
    reading = read_paragraphs(["Lead.", "Kim reports.", "Track.", '"Here in Busan, the port is quiet."', "Kim Min, YTN."])
    assert [p.kind for p in reading.pieces] == [Kind.ANCHOR, Kind.ANCHOR, Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF]
    reader = read_paragraphs(["The council voted today.", "The vote was close."])
    assert {p.kind for p in reader.pieces} == {Kind.ANCHOR} and not reader.warnings
    cut = read_paragraphs(["Lead.", "Kim reports.", "Track.", '"And the text stops here'])
    assert cut.pieces[-1].kind is Kind.SOUNDBITE and "not closed" in cut.warnings[0]


@pytest.mark.parametrize(
    ("narration", "name"),
    [
        ("Lee Min-ho, a bus driver, said the fares were too high.", "Lee Min-ho"),
        ("According to Lee Min-ho, the fares are too high.", "Lee Min-ho"),
        ("Kim Soon-ja, 81, comes here every day.", "Kim Soon-ja"),
        ("We spoke to shop owner Lee Min-ho.", "Lee Min-ho"),
        ("Lee Min-ho has driven a bus in Seoul for twenty years.", "Lee Min-ho"),
        ("North Korea fired a missile on Monday.", None),
        ("Seoul National University opened a clinic.", None),
    ],
)
def test_a_soundbites_speaker_is_inferred_from_the_narration_before_it(narration: str, name: str | None) -> None:
    speaker = infer_speaker(narration)
    assert speaker.name == name and speaker.inferred is (name is not None)


_FURNITURE_CHARACTERS = st.sampled_from(
    list("[]()abcdegjlmnoprsuyCJMNS0129 .:/-~_\n") + ["카카오톡", "전화", "메일", "이메일", "İ", "ı", "ſ", "K", "ⓒ", "가"]
)


@settings(max_examples=3000)
@given(st.one_of(st.lists(_FURNITURE_CHARACTERS, max_size=40).map("".join), st.text(max_size=40)))
def test_a_bracketed_line_is_only_tried_as_a_contact_line(line: str) -> None:
    """No furniture but the contact line opens with a bracket, so a "[" line is tried against that alone."""
    from castkit.ingest import furniture

    line = "[" + line
    assert bool(furniture._BRACKETED_BOILERPLATE.match(line)) == bool(furniture._BOILERPLATE.match(line))


_DATE_PIECES = st.sampled_from(
    ["ja", "n", "Au", "g", "se", "ſ", "S", "ep", "Ma", "y", "r", "Dec", "OCT", "K", "İ", "3", "12", "2025", " ", ",", ".", "th", "\n"]
)


@settings(max_examples=3000)
@given(st.one_of(st.lists(_DATE_PIECES, max_size=20).map("".join), st.text(max_size=40)))
def test_a_line_naming_no_month_holds_no_spelt_out_date(line: str) -> None:
    """Spelt-out dates are only searched for on a line mentioning a month's opening letters."""
    from castkit.ingest import furniture
    from castkit.ingest.cues import mentions

    if not mentions(line, furniture._MONTHS):
        assert not any(pattern.search(line) for pattern in furniture._DATES[1:])


@given(st.lists(st.sampled_from(["some", "ſome", "Officials", "ANALYSTS", "say", "said", "a", "an", "one", "many", "residents,",
                                 "here", "also", "the", "experts", "warn", "Most", "witness", "x-y", "İ", ","]), max_size=8).map(" ".join))
def test_group_naming_is_searched_from_the_letters_it_can_open_with(narration: str) -> None:
    """The look-ahead that passes over other words changes no match of the group pattern."""
    import re

    from castkit.ingest import soundbites

    without = re.compile(soundbites._GROUP.pattern.replace(f"(?=[{soundbites._GROUP_START}])", ""), re.IGNORECASE)
    found, expected = soundbites._GROUP.search(narration), without.search(narration)
    assert (found and (found.span(), found["noun"])) == (expected and (expected.span(), expected["noun"]))


_TITLE_CHARACTERS = st.sampled_from(list("0129٣(A)B .)x\n■•※▣") + ["HEAT WAVE", "2. ", "(SEOUL)", "١", "²"])


@settings(max_examples=3000)
@given(st.one_of(st.lists(_TITLE_CHARACTERS, max_size=30).map("".join), st.text(max_size=40)))
def test_a_title_pattern_only_matches_a_line_opening_with_its_mark(line: str) -> None:
    """Numbered, bullet and segment titles are only tried on a line opening with a digit, a bullet or a parenthesis."""
    from castkit.ingest import furniture

    lead = line[:1]
    assert not furniture._NUMBERED_TITLE.match(line) or lead.isdecimal()
    assert not furniture._BULLET_TITLE.match(line) or lead in furniture._BULLETS
    assert not furniture._SEGMENT_LABEL.match(line) or lead == "("


@given(st.lists(st.sampled_from(list('ab "“”„()\t\n\u00a0.') + ["(through translator) ", "(In Korean)"]), max_size=12).map("".join))
def test_a_paragraph_is_told_no_quote_by_its_first_character_as_by_reading_it(paragraph: str) -> None:
    """The shortcut on the first character gives what the whole reading gives (a leading space skips the shortcut)."""
    found, read = quoted(paragraph), quoted(" " + paragraph)
    assert (found and (found.text, found.closed)) == (read and (read.text, read.closed))


@given(st.lists(st.sampled_from(list("0123456789./- ~aJ,") + ["June 12, 2025", "2024. 10. 14", "Jan. 5, 2024"]), max_size=10).map("".join))
def test_a_sign_off_line_is_searched_for_a_date_only_when_it_can_end_in_one(line: str) -> None:
    from castkit.ingest.signoffs import _TRAILING_DATE

    stripped = line.strip()
    if _TRAILING_DATE.search(stripped):
        assert stripped[-1:].isdigit() or stripped[-2:-1].isdigit()


@given(st.lists(st.sampled_from(list("0123456789./-: ~aP") + ["Published on: ", "posted ", "UPDATED: ", "입력 ", "2025/06/12", " 20:00",
                                                              "KST", "\u0660\u0661\u0662\u0663", "ſ", "K"]), max_size=8).map("".join))
def test_a_date_line_is_told_by_its_first_character_as_by_the_pattern(line: str) -> None:
    from castkit.ingest import furniture

    stripped = line.strip()
    if furniture._TIMESTAMP.match(stripped):
        assert stripped[:1].isdecimal() or stripped[:1] in furniture._TIMESTAMP_LEADS


def test_a_crossing_answered_by_an_invitation_alone_is_a_two_way() -> None:
    """No question mark anywhere: the invitation is what makes the turn a question."""
    reading = read_paragraphs([
        "Storms closed the port overnight.",
        "Our correspondent Lee Ji-won is standing by at the harbour.",
        "Ji-won, walk us through what happened.",
        "The first ships were turned back before midnight.",
    ])
    assert [p.kind for p in reading.pieces] == [Kind.ANCHOR, Kind.ANCHOR, Kind.QUESTION, Kind.ANSWER]
    assert reading.correspondent == "Lee Ji-won"


_TURN_PIECES = st.sampled_from(
    ["Tell us", "TELL US", "tell uſ", "walk\nus through", "Explain", "describe", "Paint a picture", "what you saw", "?", "!", ".", "?”",
     "Ji-won,", "So,", "Our correspondent Lee Ji-won is standing by.", "We go live to Lee Ji-won.", "The port shut. ", " ", "\n", "U.S."]
)


@settings(max_examples=3000)
@given(st.lists(st.lists(_TURN_PIECES, max_size=8).map(" ".join), min_size=1, max_size=4))
def test_a_story_that_may_not_ask_holds_no_turn_that_asks(paragraphs: list[str]) -> None:
    """The live search is skipped for a story :func:`_may_ask` clears: no turn it could cut after a crossing asks."""
    from castkit.ingest.stories import _may_ask, asks
    from castkit.text import split_sentences

    if _may_ask(paragraphs):
        return
    for at, paragraph in enumerate(paragraphs):
        sentences = split_sentences(paragraph)
        turns = [" ".join(sentences[j:]) for j in range(1, len(sentences))] + paragraphs[at + 1 : at + 2]
        assert not any(asks(turn) for turn in turns)


def test_every_element_has_a_speaker_of_its_own() -> None:
    from dataclasses import fields

    from castkit.model import Speaker

    whole = Speaker(name="Kim Min-ji", title="analyst", role=Role.INTERVIEWEE, inferred=True)
    assert whole.copy() == whole and whole.copy() is not whole
    assert all(getattr(whole, f.name) != f.default for f in fields(Speaker))  # every field is set, so equality checks its copy
    story = build_story(read_paragraphs(["Lead.", "Kim reports.", "Track one.", '"A quote."', "Track two.", "Kim Min, YTN."]))
    first, second = (e for e in story.elements if e.kind is Kind.TRACK)
    first.speaker.name = "Someone Else"
    assert second.speaker.name != "Someone Else"


_NAMING_PIECES = st.sampled_from(
    ["Kim Soon-ja", ", 81,", ", a farmer,", ", the", "shop owner", "Owner", "workers", "Lee Min-ho", "Lee", "-", ",", " ", "\n",
     "the trade ministry said", "The police also said", "the Ministry said", "ſaid", "İ", "prosecutors", "court", "comes here."]
)


@settings(max_examples=3000)
@given(st.one_of(st.lists(_NAMING_PIECES, max_size=8).map(" ".join), st.text(max_size=40)))
def test_a_person_or_an_institution_is_looked_for_only_in_the_ways_the_sentence_allows(sentence: str) -> None:
    """Leaving out the ways of naming a person that cannot match finds what all of them find; an institution
    is looked for only when the sentence names one."""
    import re

    from castkit.ingest import soundbites
    from castkit.ingest.cues import has_cues, words_of

    def found(pattern: re.Pattern[str] | None) -> list[tuple[tuple[int, int], str]]:
        return [(m.span(), next(v for v in m.groupdict().values() if v)) for m in pattern.finditer(sentence)] if pattern else []

    heard = words_of(sentence)
    assert found(soundbites._person_pattern(sentence, heard)) == found(re.compile("|".join(soundbites._PERSON_WAYS)))
    if soundbites._BODY.search(sentence):
        assert has_cues(heard, (soundbites._BODY_CUE,))

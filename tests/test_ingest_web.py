"""Web-page transcripts: the seed and varied pages written in the same house style."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import FIXTURES, SEED

from castkit.ingest import parse_file, parse_text
from castkit.ingest.detect import detect
from castkit.model import Kind, Role, dumps, loads

WEB = FIXTURES / "web"
SITE_TEXT = ("Sentences Mode", "Comments", "logged in", "https://", "Published on")


def kinds(story) -> list[Kind]:
    return [e.kind for e in story.elements]


def test_seed_parses_to_the_expected_story() -> None:
    parsed = parse_file(SEED)
    assert parsed.style == "web" and parsed.encoding == "utf-8"
    (story,) = parsed.bulletin.stories
    assert story.title == "N. Korea refusing to accept letter from Trump: media report"
    assert story.published == datetime(2025, 6, 12, 20, 0)
    assert (story.source.outlet, story.source.url) == ("Arirang News", "https://www.arirang.com/news/view?id=284316")
    assert story.correspondent == "Kim Jung-sil"
    T, S = Kind.TRACK, Kind.SOUNDBITE
    assert kinds(story) == [Kind.ANCHOR, T, S, T, S, T, S, T, Kind.SIGNOFF]
    lead = story.elements[0]
    assert lead.text.startswith("U.S. President Donald Trump") and lead.text.endswith("Our correspondent Kim Jung-sil has the story.")
    first_bite = story.elements[2].speaker
    assert (first_bite.name, first_bite.inferred) == ("White House", True)
    assert story.elements[4].speaker.title == "analyst"
    assert story.elements[6].speaker.name is None and not story.elements[6].speaker.inferred  # unknown stays unknown
    assert not story.elements[2].text.startswith('"')  # spoken words only
    for element in story.elements:
        assert not any(site in element.text for site in SITE_TEXT), element.text
    assert "Sentences Mode" in parsed.dropped and "Comments" in parsed.dropped
    assert loads(dumps(parsed.bulletin)) == parsed.bulletin


def test_listing_page_is_cut_into_stories_and_sentences() -> None:
    parsed = parse_file(WEB / "listing-squashed.txt")
    first, second = parsed.bulletin.stories
    assert first.title == "Seoul and Tokyo open first defense hotline in a decade"
    assert first.published == datetime(2025, 3, 4, 18, 30) and second.published == datetime(2025, 3, 4, 17, 5)
    assert kinds(first) == [Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE, Kind.TRACK, Kind.SOUNDBITE, Kind.SIGNOFF]
    assert first.elements[0].text.endswith("Reporter Park Se-young has more.")
    assert first.elements[2].speaker.title == "official"
    assert first.elements[2].text == "It is a first step, not the last one. We will keep talking until the trust is back."
    assert second.correspondent == "Choi Min-ji" and second.elements[2].speaker.name == "finance ministry"
    assert "1,472.3 won per dollar, down 8-hundred-87 basis points" in second.elements[1].text
    assert "Home > News > World" in parsed.dropped


def test_reporter_has_more_with_place_footer_and_korean_ui() -> None:
    parsed = parse_file(WEB / "reporter-has-more.txt")
    (story,) = parsed.bulletin.stories
    assert story.correspondent == "Lee Ha-eun"
    assert story.source.outlet == "KBS World News" and story.source.url.startswith("https://world.kbs.co.kr/")
    assert kinds(story) == [Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE, Kind.TRACK, Kind.SIGNOFF]
    assert '"the worst since 2020"' in story.elements[1].text  # a quote inside narration stays narration
    assert story.elements[2].speaker.title == "resident"
    assert {"로그인", "Share", "Print", "By Lee Ha-eun"} <= set(parsed.dropped)
    assert not any("Copyright" in e.text for e in story.elements)


def test_cut_off_mid_quote_keeps_the_words_and_warns() -> None:
    parsed = parse_file(WEB / "cut-mid-quote.txt")
    (story,) = parsed.bulletin.stories
    last = story.elements[-1]
    assert last.kind is Kind.SOUNDBITE and last.text.endswith("review the tax credits")
    assert last.speaker.name == "trade ministry" and last.speaker.inferred
    assert any("quote not closed" in w for w in parsed.warnings)
    assert story.elements[0].text.endswith("Kang Ji-won starts us off.")


def test_cut_off_mid_story_keeps_the_track() -> None:
    parsed = parse_file(WEB / "cut-mid-story.txt")
    (story,) = parsed.bulletin.stories
    assert kinds(story) == [Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE, Kind.TRACK]
    assert story.elements[-1].text.endswith("does not improve by the wee")
    assert story.title == "Ferry service to Ulleung-do suspended amid high waves"


def test_quote_over_two_paragraphs_and_standup() -> None:
    (story,) = parse_file(WEB / "multi-paragraph-quote.txt").bulletin.stories
    assert kinds(story) == [Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE, Kind.STANDUP, Kind.TRACK, Kind.SIGNOFF]
    bite = story.elements[2]
    assert bite.speaker.name == "Kim Dong-myeong" and bite.text.endswith("real wages.")
    assert story.elements[3].speaker.role is Role.CORRESPONDENT and story.correspondent == "Yoon Hye-jin"


@pytest.mark.parametrize("path", sorted(WEB.glob("*.txt")) + [SEED], ids=lambda p: p.name)
def test_web_pages_are_detected_as_web(path) -> None:
    assert detect(path.read_text("utf-8")) == "web"


def test_nothing_spoken_is_lost() -> None:
    """Every word of the page is in an element, in the metadata or in the dropped list."""
    text = SEED.read_text("utf-8")
    parsed = parse_text(text)
    story = parsed.bulletin.stories[0]
    kept = " ".join([e.text for e in story.elements] + parsed.dropped + [story.title])
    for line in text.splitlines():
        if line.strip() and not line.startswith("Published on"):
            assert line.strip().strip('"') in kept, line


def test_a_page_of_several_stories_is_cut_at_its_title_lines() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "Arirang News 20:00 (2025-06-12)",
        "1. Bank of Korea holds key rate",
        "The Bank of Korea held its key interest rate at 2.5 percent on Thursday.",
        "Our correspondent Kim Jung-sil has the story.",
        "Inside the central bank, the vote was unanimous.",
        "Kim Jung-sil, Arirang News.",
        "■ Heat wave grips Seoul",
        "Seoul recorded its hottest June day on record on Wednesday.",
        "DOCTORS' STRIKE DRAGS INTO FOURTH MONTH",
        "Trainee doctors have now been off the job for four months.",
        "(BUSINESS REPORT)",
        "The KOSPI closed up 1.2 percent, led by chipmakers.",
    ])
    parsed = parse_text(text)
    bulletin = parsed.bulletin
    assert parsed.style == "web" and (bulletin.title, bulletin.date) == ("Arirang News", "2025-06-12")
    assert [s.title for s in bulletin.stories] == [
        "Bank of Korea holds key rate", "Heat wave grips Seoul", "DOCTORS' STRIKE DRAGS INTO FOURTH MONTH", "Business Report"]
    assert bulletin.stories[0].correspondent == "Kim Jung-sil"
    spoken = " ".join(e.text for s in bulletin.stories for e in s.spoken_elements)
    assert "Heat wave grips" not in spoken and "BUSINESS REPORT" not in spoken and "Arirang News 20:00" not in spoken
    assert sum(n.topic == "story" for n in parsed.notices) == 4


def test_wire_datelines_bylines_and_credits_are_never_spoken() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "North Korea fires missiles", "Updated: 2025-06-12 11:30", "By Hyung-jin Kim, Associated Press",
        "SEOUL, South Korea (AP) — North Korea fired two ballistic missiles on Thursday, officials said.",
        "The launch came hours before talks in Tokyo.",
        "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.",
    ])
    parsed = parse_text(text)
    (story,) = parsed.bulletin.stories
    spoken = " ".join(e.text for e in story.spoken_elements)
    assert spoken == "North Korea fired two ballistic missiles on Thursday, officials said. The launch came hours before talks in Tokyo."
    assert "SEOUL, South Korea (AP) —" in parsed.dropped and story.correspondent == "Hyung-jin Kim"


def test_a_live_handoff_on_a_web_page_opens_questions_and_answers() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "Court to rule on impeachment", "Published on: 2025/03/04 21:00",
        "The Constitutional Court will rule next Friday. For more, we connect to our correspondent Choi Min-ho. "
        "Min-ho, how is the court preparing?",
        "Good evening. The justices have been meeting every day.",
        "Tell us what the two sides are saying.",
        "\"The president's team says the declaration was legitimate.",
        "Choi Min-ho, thank you.",
    ])
    story = parse_text(text).bulletin.stories[0]
    assert story.correspondent == "Choi Min-ho" and story.effective_format().value == "LIVE"
    assert [(e.kind.value, e.speaker.name) for e in story.elements] == [
        ("anchor", None), ("question", None), ("answer", "Choi Min-ho"), ("question", None), ("answer", "Choi Min-ho"), ("tag", None)]
    assert story.elements[4].text == "The president's team says the declaration was legitimate."

"""Full-show transcripts: header, furniture sections, packages and live two-ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spoken_lines import check_fixture, outline, unaccounted

from castkit.ingest import parse_file, parse_text
from castkit.ingest.conventions import address_name, air_time, is_thanks, live_handoff_name, presenter_name
from castkit.model import Format, Kind, Role
from conftest import FIXTURES, run_cli

SHOW = FIXTURES / "show"
NOT_SPOKEN = r"Title:.*|.*(?:\d{4}[-./]\d{2}[-./]\d{2}|[A-Z][a-z]+ \d{1,2}, \d{4}).*"  # sections, dated header



@pytest.mark.parametrize("path", sorted(SHOW.glob("*.txt")), ids=lambda p: p.name)
def test_detected_and_nothing_spoken_dropped(path: Path) -> None:
    check_fixture(path, "show", not_spoken=NOT_SPOKEN)


def test_the_coverage_check_notices_a_lost_sentence() -> None:
    path = SHOW / "arirang-news-2025-06-12.txt"
    parsed = parse_file(path)
    del parsed.bulletin.stories[5].elements[2]  # the stand-up
    assert unaccounted(path.read_text(encoding="utf-8"), parsed, not_spoken=NOT_SPOKEN) == [
        '"I\'m here in Seogwipo, where the rain has not stopped since early this morning.',
        'Officials say the worst is still to come overnight."',
    ]


def test_arirang_full_show() -> None:
    parsed = parse_file(SHOW / "arirang-news-2025-06-12.txt")
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("Arirang News", "2025-06-12", 20 * 3600 * 1000)
    titles = [s.title for s in bulletin.stories]
    assert titles == [
        "Headlines",
        "Title card",
        "Opening",
        "President Lee calls for swift passage of extra budget",
        "KOSPI hits three-year high",
        "Early monsoon brings heavy rain to Jeju",
        "Closing",
    ]
    formats = [s.effective_format() for s in bulletin.stories]
    assert formats == [Format.TEASE, Format.OPEN, Format.RDR, Format.PKG, Format.LIVE, Format.PKG, Format.CLOSE]
    assert all(s.talent == "Oh Jung-hee" for s in bulletin.stories)
    assert all(s.published.isoformat() == "2025-06-12T20:00:00" for s in bulletin.stories)
    tease, card, greeting, budget, kospi, rain, closing = bulletin.stories
    assert [e.text for e in tease.elements] == [
        "President Lee Jae-myung calls for a supplementary budget to revive domestic demand,... "
        "saying the economy cannot wait.",
        "Seoul stocks close at a three-year high as foreign investors return.",
        "And heavy rain warnings are issued for Jeju Island as the monsoon season begins early.",
    ]
    assert outline(card) == [("instruction", None)] and card.elements[0].text == "ARIRANG NEWS"
    assert outline(greeting) == [("anchor", "Oh Jung-hee")]
    assert greeting.elements[0].text == "Good evening and welcome to Arirang News. I'm Oh Jung-hee."

    assert outline(budget) == [
        ("anchor", "Oh Jung-hee"),
        ("track", "Shin Ye-eun"),
        ("soundbite", None),
        ("track", "Shin Ye-eun"),
        ("soundbite", "Kim Yong-tae"),
        ("track", "Shin Ye-eun"),
        ("signoff", "Shin Ye-eun"),
    ]
    assert budget.correspondent == "Shin Ye-eun" and budget.source.outlet == "Arirang News"
    assert budget.elements[0].text.endswith("Our correspondent Shin Ye-eun has the story.")
    assert budget.elements[2].text == (
        "The economy is like a patient in an emergency room... We must act first and debate the details later."
    )
    assert budget.elements[2].speaker.role is Role.UNKNOWN  # "The president told ministers" names no one
    assert budget.elements[4].speaker.inferred

    assert outline(kospi) == [
        ("anchor", "Oh Jung-hee"),
        ("question", "Oh Jung-hee"),
        ("answer", "Kim Bo-kyoung"),
        ("question", "Oh Jung-hee"),
        ("answer", "Kim Bo-kyoung"),
        ("tag", "Oh Jung-hee"),
    ]
    assert kospi.elements[0].text.endswith("we connect to our business correspondent Kim Bo-kyoung.")
    assert kospi.elements[1].text == "Bo-kyoung,... what drove the rally?"
    assert kospi.elements[2].text.startswith("Thank you, Jung-hee. The KOSPI closed at 2,920 points")
    assert kospi.elements[3].text == "And can the rally last?"
    assert kospi.elements[5].text == "Kim Bo-kyoung, thank you for that report."

    assert outline(rain) == [
        ("anchor", "Oh Jung-hee"),
        ("track", "Lee Seung-jae"),
        ("standup", "Lee Seung-jae"),
        ("track", "Lee Seung-jae"),
        ("signoff", "Lee Seung-jae"),
    ]
    assert rain.elements[2].text.startswith("I'm here in Seogwipo")
    assert outline(closing) == [("anchor", "Oh Jung-hee")]
    assert parsed.warnings == []


def test_kbs_live_two_way_dates_in_titles_and_standup_with_signoff() -> None:
    bulletin = parse_file(SHOW / "kbs-news9-2025-03-04.txt").bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("KBS NEWS 9", "2025-03-04", 21 * 3600 * 1000)
    court, exports, tiger = bulletin.stories[3:]
    assert court.title == "Court to rule on Yoon impeachment on Mar. 14 (Constitutional Court (Updated))"
    assert outline(court) == [
        ("anchor", "Park Ji-won"),
        ("question", "Park Ji-won"),
        ("answer", "Choi Min-ho"),
        ("question", "Park Ji-won"),
        ("answer", "Choi Min-ho"),
        ("tag", "Park Ji-won"),
    ]
    assert court.elements[0].text.endswith("We go live to the court now. Our Choi Min-ho is standing by.")
    assert court.elements[2].text.startswith("Good evening, Ji-won. The justices have been meeting")
    assert court.elements[2].speaker.role is Role.CORRESPONDENT
    assert outline(exports) == [
        ("anchor", "Park Ji-won"),
        ("track", "Kang Hye-rim"),
        ("soundbite", "official"),
        ("track", "Kang Hye-rim"),
        ("soundbite", "Korea Development Institute"),
        ("standup", "Kang Hye-rim"),
        ("signoff", "Kang Hye-rim"),
    ]
    assert exports.elements[5].text == (
        "Here at Busan New Port, container traffic is down for a second month,... "
        "and shipping firms say bookings for April are weaker still."
    )
    assert exports.elements[6].text == "Kang Hye-rim, KBS News, Busan."
    assert (exports.source.outlet, exports.correspondent) == ("KBS News", "Kang Hye-rim")
    assert outline(tiger) == [("anchor", "Park Ji-won")] and tiger.effective_format() is Format.RDR


def test_cut_off_mid_quote_keeps_the_words_and_warns() -> None:
    parsed = parse_file(SHOW / "arirang-weekend-cut.txt")
    story = parsed.bulletin.stories[-1]
    assert outline(story) == [("anchor", "Daniel Lee"), ("track", "Yoon Jung-min"), ("soundbite", None)]
    assert story.elements[-1].text == "The water came up to my knees in just a few minutes. We grabbed what we could and"
    assert any("quote not closed" in w for w in parsed.warnings)
    assert any("ends mid-sentence" in w for w in parsed.warnings)


def test_cut_off_mid_two_way_and_title_dates() -> None:
    parsed = parse_file(SHOW / "kbs-world-2025-01-15-cut.txt")
    detained, rates = parsed.bulletin.stories[2:]
    assert detained.title == "Yoon detained over martial law bid"
    assert detained.published.isoformat() == "2025-01-15T18:00:00"
    assert [k for k, _ in outline(detained)] == ["anchor", "track", "soundbite", "track"]
    assert detained.elements[2].speaker.name == "Yoon" and detained.elements[2].speaker.inferred
    assert outline(rates) == [("anchor", "Kim Eun-jin"), ("question", "Kim Eun-jin"), ("answer", "Han Ji-woo")]
    assert rates.elements[2].text == "It was, Eun-jin. Most economists had expected a quarter-point cut,"
    assert any("ends mid-sentence" in w for w in parsed.warnings)


def test_without_sections_the_text_is_one_story_with_a_warning() -> None:
    parsed = parse_text("Prices rose again in May.\nOfficials blame oil.", style="show")
    assert [e.kind for e in parsed.bulletin.stories[0].elements] == [Kind.ANCHOR]
    assert parsed.warnings


def test_text_before_the_first_section_is_kept_as_an_instruction() -> None:
    parsed = parse_text("Arirang News 2025-06-12 20:00\nEdited for clarity\nTitle: A\nHello.\nTitle: B\nBye.")
    first = parsed.bulletin.stories[0]
    assert (first.elements[0].kind, first.elements[0].text) == (Kind.INSTRUCTION, "Edited for clarity")
    assert parsed.warnings


@pytest.mark.parametrize(
    ("line", "programme", "when"),
    [
        ("Arirang News 20:00 (2025-06-12)", "Arirang News", "2025-06-12T20:00:00"),
        ("KBS NEWS 9 | March 4, 2025 9:00 PM", "KBS NEWS 9", "2025-03-04T21:00:00"),
        ("ARIRANG NEWS WEEKEND [Full Episode] 2025.07.19 (Sat) 12:00 KST", "ARIRANG NEWS WEEKEND", "2025-07-19T12:00:00"),
        ("Aired June 12, 2025 - 14:00   ET", "", "2025-06-12T14:00:00"),
        ("입력 2025.06.12 (21:05) 수정 2025.06.12 (21:40)", "", "2025-06-12T21:05:00"),
        ("12 June 2025, 9 a.m.", "", "2025-06-12T09:00:00"),
    ],
)
def test_air_time(line: str, programme: str, when: str) -> None:
    aired = air_time(line)
    assert (aired.programme, aired.when.isoformat()) == (programme, when)


def test_live_conventions() -> None:
    assert live_handoff_name("For more, we connect to our business correspondent Kim Bo-kyoung.") == "Kim Bo-kyoung"
    assert live_handoff_name("Our Choi Min-ho is standing by.") == "Choi Min-ho"
    assert live_handoff_name("We go live to the court now.") is None
    assert live_handoff_name("Prices go to record highs.") is None
    assert (address_name("Kim Bo-kyoung"), address_name("Daniel Lee")) == ("Bo-kyoung", "Daniel")
    assert is_thanks("Marcus, Paula, thank you both.") and not is_thanks("Thank you, Jung-hee. " + "More words. " * 8)
    assert presenter_name("Good evening. I'm Park Ji-won, and this is KBS News 9.") == "Park Ji-won"
    assert air_time("No date here") is None


def test_cli_parse_json_reads_a_full_show() -> None:
    result = run_cli("parse", str(SHOW / "kbs-news9-2025-03-04.txt"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["schema"], data["title"], data["date"]) == ("castkit.segment/1", "KBS NEWS 9", "2025-03-04")
    assert [s["format"] for s in data["stories"]] == ["TEASE", "OPEN", "RDR", "LIVE", "PKG", "RDR"]
    assert data["stories"][3]["elements"][1] == {
        **data["stories"][3]["elements"][1],
        "kind": "question",
        "text": "Min-ho, how is the court preparing for the ruling?",
    }


def test_a_greeting_after_a_live_location_hands_over_and_statements_ask() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "KBS NEWS 9 | March 4, 2025 9:00 PM", "", "Title: Court to rule on impeachment",
        "The Constitutional Court says it will deliver its ruling next Friday.",
        "We're live outside the court -- Choi Min-ho?", "",
        "Good evening, Ji-won. The justices have been meeting behind closed doors every day.", "",
        "Tell us what the two sides are saying.", "",
        "\"The president's legal team says the declaration was legitimate.", "",
        "Thank you, Min-ho.",
    ])
    story = parse_text(text).bulletin.stories[0]
    assert story.correspondent == "Choi Min-ho"
    assert [e.kind.value for e in story.elements] == ["anchor", "answer", "question", "answer", "tag"]
    assert story.elements[3].text == "The president's legal team says the declaration was legitimate."

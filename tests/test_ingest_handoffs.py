"""Handoffs as anchors say them: recorded throws, live crossings, verbless throws and direct address."""

from __future__ import annotations

import pytest

from castkit.ingest.handoffs import address_handoff, handoff_name, is_invitation, live_handoff_name

RECORDED = [
    "Our correspondent Kim Jung-sil has the story.",
    "Our Washington correspondent Kim Jung-sil reports.",
    "Reporter Kim Jung-sil has more.",
    "Correspondent Kim Jung-sil reports from Seoul.",
    "Kim Jung-sil starts us off.",
    "Kim Jung-sil reports.",
    "Kim Jung-sil has more.",
    "Kim Jung-sil has the story.",
    "Kim Jung-sil has the details.",
    "Kim Jung-sil has the report.",
    "Kim Jung-sil has this report.",
    "Kim Jung-sil takes a look.",
    "Kim Jung-sil tells us more.",
    "Kim Jung-sil brings us this report.",
    "Here's Kim Jung-sil with more.",
    "Here is Kim Jung-sil with the details.",
    "Here’s Kim Jung-sil with the story.",
    "Our Tokyo bureau chief Kim Jung-sil has the latest.",
    "Our senior White House correspondent Kim Jung-sil has the latest.",
    "Our business editor Kim Jung-sil has the details.",
    "Kim Jung-sil has the latest.",
    "Kim Jung-sil has the latest from Busan.",
    "Kim Jung-sil has our lead story.",
    "Kim Jung-sil has our top story tonight.",
    "Kim Jung-sil has the full story.",
    "Kim Jung-sil brings us the latest.",
    "Kim Jung-sil files from Busan.",
    "Our correspondent Kim Jung-sil files from Busan, where the storm made landfall overnight.",
    "Kim Jung-sil filed this report.",
    "Our business correspondent Kim Jung-sil looked into it.",
    "Kim Jung-sil looked into it.",
    "Kim Jung-sil has been following the story.",
    "Our health correspondent Kim Jung-sil has been following the strike since February.",
    "Our Kim Jung-sil has been covering the talks.",
    "First, our Seoul correspondent Kim Jung-sil.",
    "Now, our Seoul correspondent Kim Jung-sil.",
    "For more, our correspondent Kim Jung-sil.",
    "Reporter Kim Jung-sil in Busan.",
    "Our reporter Kim Jung-sil.",
    "NPR's Anthony Kuhn reports.",
    "NPR's Anthony Kuhn reports from Seoul.",
    "CNN's Mike Valerio has more.",
    "AP's Sarah Kim has the story.",
    "Reuters' Josh Smith reports from Seoul.",
    "KBS's Kang Hye-rim has the details.",
    "Arirang's Kim Jung-sil takes a closer look at the numbers.",
    "Our Kim Jung-sil reports from Seoul.",
    "Our correspondent Kim Jung-sil explains.",
    "Our Beijing correspondent Kim Jung-sil explains why.",
    "Reporter Kim Jung-sil files from Busan.",
    "Reporter Kim Jung-sil picks up the story.",
    "For more, here is Kim Jung-sil with the story.",
    "Kim Jung-sil has the details from Busan.",
    "Our senior correspondent Kim Jung-sil takes a look.",
    "Our Seoul reporter Kim Jung-sil tells us more.",
    "박서준 기자가 보도합니다.",
    "도쿄 김민지 특파원이 전합니다.",
    "이수진 기자입니다.",
]
LIVE = [
    "For more, we connect to our business correspondent Kim Bo-kyoung.",
    "We go live to our Choi Min-ho.",
    "We go now to Mike Valerio in Seoul.",
    "Over to Choi Min-ho at the court.",
    "Let's bring in our correspondent Paula Reid.",
    "We turn now to Paula Reid at the Supreme Court.",
    "Our Choi Min-ho is standing by.",
    "Our correspondent Choi Min-ho is standing by live at the court.",
    "CNN's Mike Valerio joins us live from Seoul.",
    "Mike Valerio joins us now from Seoul.",
    "Our Choi Min-ho is live outside the court.",
    "We are joined by our correspondent Paula Reid.",
    "We're live outside the court -- Paula Reid?",
    "Joining us live is Paula Reid.",
    "We go live now to Mike Valerio in Seoul.",
    "Let's go straight to Paula Reid.",
]
NOT_HANDOFFS = [
    "Amid Seoul's rising tensions, officials met on Monday.",
    "According to Reuters, the talks failed.",
    "According to Kim Jung-sil, the vote was close.",
    "Samsung reports record profits.",
    "Apple has the latest phones on sale.",
    "The Bank of Korea reports that rates will stay on hold.",
    "President Yoon explains his decision in a televised address.",
    "Officials say the storm has passed.",
    "North Korea has more missiles than ever.",
    "The ministry has been following the case closely.",
    "Seoul files a complaint with the WTO.",
    "Kim Jong-un looked into the camera.",
    "Analysts say the decision was expected.",
    "Meanwhile, the opposition has the votes to pass the bill.",
    "We go to the polls in April.",
]


@pytest.mark.parametrize("sentence", RECORDED)
def test_recorded_throws_name_the_reporter(sentence: str) -> None:
    name = handoff_name(sentence)
    assert name in ("Kim Jung-sil", "Anthony Kuhn", "Mike Valerio", "Sarah Kim", "Josh Smith", "Kang Hye-rim", "박서준", "김민지", "이수진"), name


@pytest.mark.parametrize("sentence", LIVE)
def test_live_crossings_name_the_reporter(sentence: str) -> None:
    assert live_handoff_name(sentence) in ("Kim Bo-kyoung", "Choi Min-ho", "Mike Valerio", "Paula Reid")
    assert handoff_name(sentence) == live_handoff_name(sentence)


@pytest.mark.parametrize("sentence", NOT_HANDOFFS)
def test_sentences_that_are_not_handoffs(sentence: str) -> None:
    assert handoff_name(sentence) is None and live_handoff_name(sentence) is None


def test_direct_address_and_questions_put_as_statements() -> None:
    assert address_handoff("Paula, what are you hearing?") == "Paula"
    assert address_handoff("Min-ho, tell us what you saw there.") == "Min-ho"
    assert address_handoff("Seoul, the capital, is hot.") is None
    assert is_invitation("Tell us what you saw there.") and is_invitation("Min-ho, walk us through the ruling.")
    assert not is_invitation("Tell-tale signs of a slowdown are everywhere")


def test_at_least_sixty_variants_are_tested() -> None:
    assert len(RECORDED) + len(LIVE) >= 60

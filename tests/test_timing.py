"""Read rates, rate precedence, durations and the estimated timeline, checked by hand and by property."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from castkit import timings
from castkit.errors import BadInput
from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
from castkit.timing import (
    KOREAN_SPM,
    Unit,
    count_units,
    dump_rates,
    element_rate,
    estimate_timeline,
    format_clock,
    format_duration,
    layout_story,
    load_rates,
    measured_rates,
    over_under,
    parse_clock,
    parse_duration,
    preset,
    seconds,
    spread_words,
)

ANCHOR = Speaker("Anna Park", role=Role.ANCHOR)
KIM = Speaker("Kim Jung-sil", role=Role.CORRESPONDENT)
GUEST = Speaker("Lee", "analyst", Role.INTERVIEWEE)


def words_of(n: int) -> str:
    return " ".join(f"w{i}" for i in range(n))


def package(**story_fields) -> Story:
    """Lead 18 words, an instruction, track 30 words, soundbite 16 words, sign-off 4 words, tag 9 words."""
    return Story(
        title="pkg",
        talent="Anna Park",
        correspondent="Kim Jung-sil",
        elements=[
            Element(Kind.ANCHOR, words_of(18), ANCHOR),
            Element(Kind.INSTRUCTION, "[ROLL PKG] take it on the cue"),
            Element(Kind.TRACK, words_of(30), KIM),
            Element(Kind.SOUNDBITE, words_of(16), GUEST),
            Element(Kind.SIGNOFF, "Kim Jung-sil, Arirang News.", KIM),
            Element(Kind.TAG, words_of(9)),
        ],
        **story_fields,
    )


def test_read_is_anchor_copy_at_180_wpm_and_runs_is_the_package():
    t = layout_story(package())
    assert t.units == 27 and t.unit is Unit.WORDS
    assert t.read_ms == 9000  # 27 words ÷ 3 words a second
    # track 30 w @180 = 10 s, soundbite 16 w @160 = 6 s, sign-off 4 w @180 = 1.333 s, 2 pauses of 0.4 s
    assert t.runs_ms == round(10_000 + 6_000 + 4 / 3 * 1000 + 800)
    assert t.runs_estimated
    assert t.est_ms == t.read_ms + t.runs_ms


def test_given_trt_is_runs_and_not_an_estimate():
    t = layout_story(package(runs_ms=102_000))
    assert (t.runs_ms, t.runs_estimated, t.read_ms) == (102_000, False, 9000)
    media = [s for s in t.slots if s.element.kind.in_package]
    assert media[-1].end_ms - media[0].start_ms == 102_000  # the internals are stretched to fill the TRT


def test_given_soundbite_runs_are_kept_and_only_soundbites_given_is_not_estimate():
    story = Story(elements=[Element(Kind.ANCHOR, words_of(6)), Element(Kind.SOUNDBITE, "anything said", runs_ms=9000)])
    t = layout_story(story)
    assert (t.read_ms, t.runs_ms, t.runs_estimated) == (2000, 9000, False)


def test_rate_precedence_element_story_presenter_bulletin_default():
    story = package()
    lead = story.elements[0]
    bulletin = Bulletin(stories=[story])
    assert element_rate(lead, story, bulletin).source == "default"
    bulletin.rate_wpm = 150
    assert (element_rate(lead, story, bulletin).per_minute, element_rate(lead, story, bulletin).source) == (150, "bulletin")
    bulletin.presenters = {"Anna Park": 165}
    assert element_rate(lead, story, bulletin).per_minute == 165
    story.rate_wpm = 140
    assert element_rate(lead, story, bulletin).per_minute == 140
    assert element_rate(story.elements[2], story, bulletin).per_minute == 150  # story override is anchor copy only
    lead.rate_wpm = 200
    assert element_rate(lead, story, bulletin).per_minute == 200
    fresh = package()  # the tag has no speaker: the story's talent reads it
    assert element_rate(fresh.elements[5], fresh, Bulletin(presenters={"Anna Park": 170})).per_minute == 170


def test_soundbites_run_at_the_speaking_rate():
    story = package()
    rate = element_rate(story.elements[3], story, Bulletin(presenters={"Lee": 300}), speaking_wpm=150)
    assert (rate.per_minute, rate.source) == (150, "speaking")


def test_korean_counts_syllables_and_is_uncalibrated_unless_set():
    text = "북한이 트럼프 대통령의 친서를 거부했습니다"
    assert count_units(text) == (19, Unit.SYLLABLES)
    story = Story(language="ko", elements=[Element(Kind.ANCHOR, text)])
    rate = element_rate(story.elements[0], story)
    assert (rate.per_minute, rate.calibrated, rate.label) == (KOREAN_SPM, False, "330 spm?")
    assert layout_story(story).read_ms == round(19 * 60_000 / KOREAN_SPM)
    story.rate_wpm = 300
    assert element_rate(story.elements[0], story).calibrated
    assert layout_story(story).read_ms == 3800


def test_presets():
    assert [preset(n) for n in ("news", "relaxed", "slow", "talk")] == [180, 160, 150, 120]
    with pytest.raises(BadInput, match="unknown rate preset"):
        preset("fast")


def test_timeline_skips_instructions_and_matches_the_schema():
    bulletin = Bulletin(stories=[package(), Story(elements=[Element(Kind.ANCHOR, words_of(3))])])
    timeline = estimate_timeline(bulletin, pause_ms=500)
    assert [(e.story, e.index) for e in timeline.elements] == [(0, 0), (0, 2), (0, 3), (0, 4), (0, 5), (1, 0)]
    assert timeline.elements[0].start_ms == 0
    assert all(e.status is timings.Status.ESTIMATED for e in timeline.elements)
    for before, after in zip(timeline.elements, timeline.elements[1:]):
        assert after.start_ms - before.end_ms == 500
    assert timeline.elements[1].speaker == "Kim Jung-sil"
    assert timeline.elements[4].speaker == "Anna Park"  # tag read by the story's talent
    assert timeline.elements[5].speaker == "anchor"  # unnamed anchor copy, no talent given
    again = timings.loads(timings.dumps(timeline))
    assert again == timeline


def test_speaking_rate_reaches_the_timeline():
    bulletin = Bulletin(stories=[Story(elements=[Element(Kind.SOUNDBITE, words_of(20), GUEST)])])
    (bite,) = estimate_timeline(bulletin, speaking_wpm=120).elements
    assert bite.end_ms - bite.start_ms == 10_000


@given(st.lists(st.text(alphabet="abcdefgh 한국어", min_size=1, max_size=40), min_size=1, max_size=6), st.integers(0, 2000))
def test_timeline_words_are_ordered_and_fill_each_element(texts, pause):
    story = Story(elements=[Element(Kind.ANCHOR if i % 2 else Kind.TRACK, t) for i, t in enumerate(texts)])
    timeline = estimate_timeline(Bulletin(stories=[story]), pause_ms=pause)
    clock = 0
    for element in timeline.elements:
        assert element.start_ms >= clock and element.end_ms >= element.start_ms
        clock = element.end_ms
        if element.words:
            assert element.words[0].start_ms == element.start_ms and element.words[-1].end_ms == element.end_ms
            for a, b in zip(element.words, element.words[1:]):
                assert a.end_ms == b.start_ms and a.start_ms <= a.end_ms


def test_spread_words_weights_long_words():
    short, long_ = spread_words("a extraordinary", 0, 1000)
    assert short.end_ms - short.start_ms < long_.end_ms - long_.start_ms


@pytest.mark.parametrize(
    ("text", "ms"),
    [(":09", 9000), ("9", 9000), ("0:09", 9000), ("1:42", 102_000), ("1:02:03", 3_723_000), ("0:09.5", 9500), (" 12:00 ", 720_000)],
)
def test_parse_duration(text, ms):
    assert parse_duration(text) == ms


@pytest.mark.parametrize("text", ["", "1:60", "1:61:00", "abc", "-0:09", "1::2"])
def test_parse_duration_refuses(text):
    with pytest.raises(BadInput, match="not a duration"):
        parse_duration(text)


@given(st.integers(0, 10 * 3600))
def test_format_and_parse_duration_round_trip(secs):
    assert parse_duration(format_duration(secs * 1000)) == secs * 1000


def test_format_duration_and_rounding():
    assert [format_duration(ms) for ms in (0, 9000, 9499, 9500, 102_000, 3_723_000)] == [
        "0:00", "0:09", "0:09", "0:10", "1:42", "1:02:03",
    ]
    assert (seconds(-1500), seconds(1499)) == (-2, 1)
    with pytest.raises(ValueError):
        format_duration(-1)


def test_clock():
    assert parse_clock("20:00:00") == 72_000_000
    assert parse_clock("20:00") == 72_000_000
    assert format_clock(72_000_000 + 150_000) == "20:02:30"
    assert format_clock(parse_clock("23:59:30") + 60_000) == "00:00:30"
    for bad in ("24:00:00", "20:61", "8pm"):
        with pytest.raises(BadInput, match="not a time of day"):
            parse_clock(bad)


def test_over_under_text():
    assert (over_under(12), over_under(-25), over_under(0), over_under(75)) == ("OVER 0:12", "UNDER 0:25", "EXACT", "OVER 1:15")


def test_measured_rates_from_a_timeline(tmp_path):
    story = package()
    bulletin = Bulletin(stories=[story])
    timeline = estimate_timeline(bulletin)
    for element in timeline.elements:
        element.status = timings.Status.MEASURED
    lead = timeline.elements[0]
    lead.end_ms = lead.start_ms + 7200  # 18 words in 7.2 s = 150 wpm
    tag = timeline.elements[-1]
    tag.end_ms = tag.start_ms + 3600  # 9 words in 3.6 s = 150 wpm
    rates = measured_rates(bulletin, timeline)
    assert rates["Anna Park"] == 150.0
    assert "Lee" not in rates  # soundbites are not read from a script
    path = tmp_path / "rates.json"
    path.write_text(dump_rates(rates), encoding="utf-8")
    assert load_rates(path) == rates
    toml = tmp_path / "rates.toml"
    toml.write_text('"Anna Park" = 172\n', encoding="utf-8")
    assert load_rates(toml) == {"Anna Park": 172.0}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"Anna Park": "fast"}), encoding="utf-8")
    with pytest.raises(BadInput, match="at least 1 wpm"):
        load_rates(bad)


def test_pronunciation_guides_are_not_read_time():
    from castkit.timing import without_pronouncers

    assert count_units("Pyongyang (pyong-YAHNG) rejected it") == (3, Unit.WORDS)
    assert count_units("Kim Jong-un (kim jong OON) and the (AP) wire, (pron. sheh-VAHL-ee-ay)") == (6, Unit.WORDS)
    assert without_pronouncers("the U.N. (United Nations) and NATO (NAY-toh)") == "the U.N. (United Nations) and NATO "


def test_a_runaway_number_is_not_a_duration_and_never_an_overflow():
    from castkit.errors import BadInput
    from castkit.timing import parse_duration

    for text in ("9" * 100_000, "9" * 5000 + ":30", "1:" + "9" * 400 + ".5", "9" * 8):
        with pytest.raises(BadInput, match="not a duration"):
            parse_duration(text)
    assert parse_duration("1234567") == 1_234_567_000 and parse_duration("100:00") == 6_000_000

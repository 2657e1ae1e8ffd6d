"""Bracket-marker scripts: section markers, every soundbite shape, page furniture around."""

from __future__ import annotations

from pathlib import Path

import pytest
from spoken_lines import check_fixture, outline

from castkit.ingest import parse_file, parse_text
from castkit.model import Format, Kind, Role
from conftest import FIXTURES, run_cli

BRACKET = FIXTURES / "bracket"
# Marker lines and the page's title line are not spoken; labels and markers prefix spoken words.
NOT_SPOKEN = r"\[[A-Za-z ]+\]|[^.!?\"”]{0,80}[^.!?\"”:]"
PREFIX = r"(?:\[[A-Za-z ]+\]\s*|\[?[A-Z][^\[\]\":]{0,80}[):/]\s*:?\s*|:\s*)+"



@pytest.mark.parametrize("path", sorted(BRACKET.glob("*.txt")), ids=lambda p: p.name)
def test_detected_and_nothing_spoken_dropped(path: Path) -> None:
    parsed = check_fixture(path, "bracket", not_spoken=NOT_SPOKEN, prefix=PREFIX)
    copy = " ".join(e.text for s in parsed.bulletin.stories for e in s.elements)
    assert not any(line in copy for line in parsed.dropped if len(line) > 3)  # no site text in the copy


def test_kbs_page_with_korean_furniture() -> None:
    parsed = parse_file(BRACKET / "kbs-tariff-talks.txt")
    story = parsed.bulletin.stories[0]
    assert story.title == "Seoul, Washington agree to speed up tariff talks"
    assert story.published.isoformat() == "2025-06-12T21:05:00"
    assert (story.correspondent, story.source.outlet) == ("Choi Won-seok", "KBS News")
    assert story.effective_format() is Format.PKG
    assert outline(story) == [
        ("anchor", None),
        ("track", "Choi Won-seok"),
        ("soundbite", "Ahn Duk-geun"),
        ("track", "Choi Won-seok"),
        ("soundbite", "Lee Ji-hyung"),
        ("track", "Choi Won-seok"),
        ("signoff", "Choi Won-seok"),
    ]
    anchor, _, minister, _, kita, _, sign = story.elements
    assert anchor.speaker.role is Role.ANCHOR and anchor.text.endswith("Reporter Choi Won-seok has more.")
    assert minister.speaker.title == "Minister of Trade, Industry and Energy"
    assert minister.text == (
        "We explained our position on autos and steel in detail, and the U.S. side showed a good understanding."
    )
    assert not minister.speaker.inferred
    assert kita.speaker.title == "Korea International Trade Association (KITA)"
    assert kita.text == "Our members need certainty. Every month without a deal means lost orders."
    assert sign.text == "Choi Won-seok, KBS News."
    assert parsed.dropped == [
        "뉴스홈",
        "전체메뉴",
        "로그인",
        "KBS NEWS",
        "입력 2025.06.12 (21:05) 수정 2025.06.12 (21:40)",
        "글자 크기",
        "공유하기",
        "이 브라우저는 비디오태그를 지원하지 않습니다. Chrome을 설치 해주세요.",
        "This browser does not support the video tag.",
        "좋아요",
        "0",
        "Copyright ⓒ KBS. All rights reserved. 무단 전재, 재배포 및 이용(AI 학습 포함) 금지",
    ]
    assert parsed.warnings == []


def test_names_on_their_own_line_and_unnamed_soundbites() -> None:
    parsed = parse_file(BRACKET / "kbs-own-line-soundbites.txt")
    story = parsed.bulletin.stories[0]
    assert outline(story) == [
        ("anchor", None),
        ("track", "Park Se-ra"),
        ("soundbite", "Kim Soon-ja"),
        ("track", "Park Se-ra"),
        ("soundbite", "Dr. Oh Min-jae"),
        ("track", "Park Se-ra"),
        ("soundbite", None),
        ("soundbite", None),
        ("track", "Park Se-ra"),
        ("signoff", "Park Se-ra"),
    ]
    resident, doctor, farmer, cattle = (story.elements[i] for i in (2, 4, 6, 7))
    assert resident.speaker.title == "Resident, Jongno District (age 81)"
    assert resident.text == "At home the fan just blows hot air. Here at least I can breathe."
    assert doctor.speaker.title == "Emergency Medicine, Seoul National University Hospital"
    assert doctor.text.startswith("Drink water before you feel thirsty")  # unquoted words below the name
    assert farmer.text == "We start at four in the morning and stop by ten. After that it's simply too dangerous."
    assert farmer.speaker.role is Role.UNKNOWN and not farmer.speaker.inferred
    assert cattle.text == "The cattle are eating less and milk output has dropped by about a fifth."
    assert story.source.url == "https://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=194512"
    assert story.source.outlet == "KBS World Radio News"  # the sign-off's spelling wins
    assert story.published.isoformat() == "2025-07-08T17:30:00"


def test_bracketed_soundbite_blocks_with_dates_and_unknown_markers() -> None:
    parsed = parse_file(BRACKET / "bracket-blocks-martial-law.txt")
    story = parsed.bulletin.stories[0]
    assert story.title == "Yoon lifts martial law after parliament votes it down"
    assert outline(story) == [
        ("anchor", None),
        ("track", "Lee Hyun-woo"),
        ("soundbite", "Yoon Suk Yeol"),
        ("track", "Lee Hyun-woo"),
        ("soundbite", "Woo Won-shik"),
        ("track", "Lee Hyun-woo"),
        ("soundbite", "Yoon Suk Yeol"),
        ("track", "Lee Hyun-woo"),
        ("instruction", None),
        ("signoff", "Lee Hyun-woo"),
    ]
    first, speaker, second = (story.elements[i] for i in (2, 4, 6))
    assert first.speaker.title == "President (Dec. 3, 2024)"
    assert first.text.startswith("I declare emergency martial law") and first.text.endswith("communist forces.")
    assert speaker.speaker.title == "National Assembly Speaker"
    assert second.speaker.title == "President (Dec. 4, 2024)"
    assert second.text == "I will accept the National Assembly's demand and lift martial law through the Cabinet meeting."
    assert story.elements[8].text == "Graphic: timeline of the night"
    assert story.published.isoformat() == "2024-12-04T06:12:00"
    assert parsed.dropped == ["2024.12.04 06:12", "Your browser does not support HTML5 video."]


def test_page_without_markers_cut_off_mid_quote() -> None:
    parsed = parse_file(BRACKET / "prefixes-only-cut.txt")
    story = parsed.bulletin.stories[0]
    assert outline(story) == [
        ("anchor", None),
        ("track", "Kim Ha-na"),
        ("soundbite", "Park Jong-joon"),
        ("track", "Kim Ha-na"),
        ("soundbite", "Kim Sung-hoon"),
        ("track", "Kim Ha-na"),
        ("soundbite", "Cho Jae-yeon"),
    ]
    assert story.elements[0].text.endswith("Reporter Kim Ha-na has more.")
    assert story.elements[4].speaker.title == "Deputy Chief, Presidential Security Service (suspended)"
    assert story.elements[4].text == "The security service acted within its legal duties to protect the president."
    assert story.elements[6].text.endswith("Courts have been clear that")
    assert any("quote not closed" in w for w in parsed.warnings)
    assert any("mid-sentence" in w for w in parsed.warnings)


def test_soundbite_marker_variants_in_one_script() -> None:
    text = "\n".join(
        [
            "[Anchor Lead]",
            "Fog delayed flights at Incheon. Reporter Han Mi-ra has more.",
            "[Pkg]",
            "Dozens of flights were held on the ground.",
            "[Soundbite] PARK MIN-SU (Passenger) : \"I have been here since six.\"",
            "[Soundbite] Lee Eun-ji : \"We are doing our best.\"",
            "[Soundbite]",
            "Han Mi-ra (Reporter):",
            "\"I'm here at Terminal 2, where the departure board is still mostly red.\"",
            "[Tag]",
            "Flights resumed by noon.",
        ]
    )
    story = parse_text(text, style="bracket").bulletin.stories[0]
    assert [(e.kind, e.speaker.name) for e in story.elements] == [
        (Kind.ANCHOR, None),
        (Kind.TRACK, "Han Mi-ra"),
        (Kind.SOUNDBITE, "PARK MIN-SU"),
        (Kind.SOUNDBITE, "Lee Eun-ji"),
        (Kind.STANDUP, "Han Mi-ra"),
        (Kind.TAG, None),
    ]
    assert story.elements[2].speaker.title == "Passenger"


def test_furniture_only_page_is_an_empty_story_with_a_warning() -> None:
    parsed = parse_text("뉴스홈\n로그인\n2025.01.01 10:00\n", style="bracket")
    assert parsed.bulletin.stories[0].elements == [] and parsed.warnings


def test_cli_verbose_lists_the_dropped_page_furniture() -> None:
    result = run_cli("parse", str(BRACKET / "kbs-tariff-talks.txt"), "--verbose", "--json")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "style bracket" in stderr
    assert "dropped: 이 브라우저는 비디오태그를 지원하지 않습니다. Chrome을 설치 해주세요." in stderr
    assert "뉴스홈" not in result.stdout.decode()


def test_a_korean_script_in_markers_gives_korean_subtitles_and_syllable_read_times(tmp_path) -> None:
    import json

    from conftest import run_cli

    from castkit.ingest import parse_file
    from castkit.rundown.sheet import build_sheet
    from castkit.text import hangul_syllables, korean_width

    script = Path(__file__).parent / "corpus" / "ytn-korean-01.txt"
    parsed = parse_file(script)
    story = parsed.bulletin.stories[0]
    assert (parsed.style, story.language, story.title, story.correspondent) == ("bracket", "ko", "폭염 기록", "박서준")
    assert [e.kind.value for e in story.elements] == ["anchor", "track", "soundbite", "track", "signoff"]
    assert (story.elements[2].speaker.name, story.elements[2].speaker.title) == ("김순자", "서울 종로구")
    row = build_sheet(parsed.bulletin).rows[0]
    lead = story.elements[0].text
    assert row.words == hangul_syllables(lead) and row.read_s > 0  # READ counts syllables, not words

    srt = tmp_path / "ko.srt"
    made = run_cli("subs", str(script), "-o", str(srt), "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["language"] == "ko"
    checked = run_cli("lint", str(srt), "--language", "ko", "--json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["clean"] and report["language"] == "ko", report
    lines = [line for line in srt.read_text("utf-8").splitlines() if line and not line[0].isdigit()]
    assert lines and all(korean_width(line) <= 16 for line in lines)


def test_angle_bracket_markers_inline_markers_and_an_unquoted_standup() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "Heat wave grips Seoul",
        "<Anchor> Seoul recorded its hottest June day on record. Reporter Lee Ji-won has more. <Reporter> Cooling centres opened at dawn.",
        "[Stand-up]",
        "Here in Jongno, most people live alone in small rooms.",
        "[Soundbite] Kim Soon-ja (Resident) : \"At home the fan just blows hot air.\"",
        "This is KBS News reporter Lee Ji-won.",
    ])
    parsed = parse_text(text)
    story = parsed.bulletin.stories[0]
    assert parsed.style == "bracket" and story.correspondent == "Lee Ji-won"
    assert [(e.kind.value, e.speaker.name) for e in story.elements] == [
        ("anchor", None), ("track", "Lee Ji-won"), ("standup", "Lee Ji-won"), ("soundbite", "Kim Soon-ja"), ("signoff", "Lee Ji-won"),
    ]
    assert story.elements[0].text == "Seoul recorded its hottest June day on record. Reporter Lee Ji-won has more."


def test_a_page_of_several_stories_under_anchor_labels_and_title_lines() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "KBS NEWS", "Evening headlines", "[Anchor]", "Seoul baked today in record heat.",
        "Subway fares rise in October", "Subway fares in Seoul will rise by 150 won from October.",
        "[Anchor Lead]", "The Bank of Korea held rates. Reporter Lee Ji-won has more.", "[Pkg]", "The vote was unanimous.",
        "Lee Ji-won, KBS News.", "[Anchor]", "Turning to sports, the KBO passed 10 million fans.",
    ])
    parsed = parse_text(text)
    stories = parsed.bulletin.stories
    assert [s.title for s in stories] == [
        "Evening headlines", "Subway fares rise in October", "The Bank of Korea held rates.", "Turning to sports, the KBO passed 10 million fans."]
    assert [[e.kind.value for e in s.elements] for s in stories] == [["anchor"], ["anchor"], ["anchor", "track", "signoff"], ["anchor"]]
    assert stories[2].correspondent == "Lee Ji-won"
    assert sum(n.topic == "story" for n in parsed.notices) == 3
    assert "Subway fares rise in October" not in " ".join(e.text for s in stories for e in s.elements)


def test_a_korean_page_with_its_credits_and_tip_line_furniture() -> None:
    parsed = parse_file(FIXTURES / "bracket" / "ytn-heatwave-ko.txt")
    story = parsed.bulletin.stories[0]
    assert [(e.kind.value, e.speaker.name) for e in story.elements] == [
        ("anchor", None), ("track", "박서준"), ("soundbite", "김순자"), ("track", "박서준"), ("signoff", "박서준")]
    assert story.elements[2].speaker.title == "서울 종로구" and story.source.outlet == "YTN"
    assert {"촬영기자:김철수/영상편집:이영희", "ⓒ YTN & YTN plus 무단전재 및 재배포 금지"} <= set(parsed.dropped)
    assert not parsed.warnings


def test_a_bracketed_soundbite_from_an_organisation_and_a_dated_block() -> None:
    text = "\n".join([
        "Pyongyang reacts", "[Anchor Lead]", "North Korea responded on Friday. Reporter Lee Ji-won has more.", "[Pkg]",
        "State media carried a statement.", '[KCNA: "The provocation will be met with force."]',
        '[Yoon Suk Yeol/President (Dec. 3, 2024): "I declare emergency martial law."]', "Lee Ji-won, KBS News.",
    ])
    story = parse_text(text).bulletin.stories[0]
    assert [(e.kind.value, e.speaker.name, e.speaker.title) for e in story.elements] == [
        ("anchor", None, None), ("track", "Lee Ji-won", None), ("soundbite", "KCNA", None),
        ("soundbite", "Yoon Suk Yeol", "President (Dec. 3, 2024)"), ("signoff", "Lee Ji-won", None),
    ]
    assert story.elements[2].text == "The provocation will be met with force."


def test_one_sentence_of_a_paragraph_read_as_the_whole_paragraph_split_would_give_it() -> None:
    from castkit.ingest.bracket import _closing_sentence, _opening_words
    from castkit.text import split_sentences

    for text in [
        "The U.S. and Seoul met on Monday.  Talks resume today.",
        "Dr. Kim said\nthe vote on No. 3 passed. It was close at 9 a.m. Tuesday. Reporter Lee Ji-won has more.",
        "Officials in the capital said on Friday that the new rules would take effect next month.",
        '"Stop!" she said. "We will not."', "One.",
    ]:
        sentences = split_sentences(text)
        assert _opening_words(text, 12) == " ".join(sentences[0].split()[:12])
        assert _closing_sentence(text) == sentences[-1]
    assert _opening_words("The U.S. and Seoul met on Monday. Talks resume today.", 12) == "The U.S. and Seoul met on Monday."
    assert _opening_words("   ", 12) == ""

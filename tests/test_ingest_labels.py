"""Speaker-label transcripts: CNN rush transcripts and NPR, with tape cues and breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spoken_lines import check_fixture, outline

from castkit.ingest import parse_file, parse_text
from castkit.model import Format, Kind, Role
from conftest import FIXTURES, run_cli

LABELS = FIXTURES / "labels"
NOT_SPOKEN = r"\([A-Z ]+\)|[A-Z][^.!?:]{0,80}|[A-Z ]+, [A-Z ]+:|.*\bAired\b.*"  # cues, header, bare labels
PREFIX = r"[A-Z][^a-z:]*(?:\([^)]*\)[^a-z:]*)*:\s*(?:\((?:Through interpreter)\)\s*)?"



@pytest.mark.parametrize("path", sorted(LABELS.glob("*.txt")), ids=lambda p: p.name)
def test_detected_and_nothing_spoken_dropped(path: Path) -> None:
    check_fixture(path, "labels", not_spoken=NOT_SPOKEN, prefix=PREFIX)


def test_cnn_newsroom_blocks_packages_and_live_shots() -> None:
    parsed = parse_file(LABELS / "cnn-newsroom-2025-06-12.txt")
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("CNN NEWSROOM", "2025-06-12", 14 * 3600 * 1000)
    formats = [s.effective_format() for s in bulletin.stories]
    assert formats == [Format.PKG, Format.LIVE, Format.BREAK, Format.VOSOT, Format.BREAK]
    letter, court, _, floods, _ = bulletin.stories
    assert outline(letter) == [
        ("anchor", "Boris Sanchez"),
        ("instruction", None),
        ("track", "Kylie Atwood"),
        ("soundbite", "Karoline Leavitt"),
        ("track", "Kylie Atwood"),
        ("soundbite", "Unidentified male"),
        ("standup", "Kylie Atwood"),
        ("instruction", None),
        ("tag", "Boris Sanchez"),
    ]
    assert letter.elements[0].text.endswith("Let's go to CNN's Kylie Atwood for more on this.")
    assert letter.elements[1].text == "BEGIN VIDEOTAPE"
    assert letter.elements[2].speaker.title == "CNN National Security Correspondent"
    assert letter.elements[2].speaker.role is Role.CORRESPONDENT
    assert letter.elements[3].speaker.title == "White House Press Secretary"
    assert letter.elements[4].text == "Officials say the letter was meant to revive talks that collapsed in 2019."
    assert letter.elements[5].speaker.name is None and letter.elements[5].speaker.role is Role.UNKNOWN
    assert letter.elements[6].text.startswith("Here at the State Department")
    assert (letter.correspondent, letter.talent) == ("Kylie Atwood", "Boris Sanchez")
    assert letter.notes == "page title: Trump Sends Letter To Kim Jong Un; Supreme Court Weighs Birthright Case"

    assert outline(court) == [
        ("anchor", "Brianna Keilar"),
        ("question", "Brianna Keilar"),
        ("answer", "Paula Reid"),
        ("question", "Brianna Keilar"),
        ("answer", "Paula Reid"),
        ("anchor", "Brianna Keilar"),
        ("answer", "Marcus Reid"),
        ("tag", "Brianna Keilar"),
    ]
    assert court.elements[1].text == "Paula, what are you hearing?"
    # the paragraph without a label continues Paula Reid's answer
    assert court.elements[2].text.endswith("block a policy nationwide.")
    assert court.elements[4].text == "It means the case could be decided on a narrow procedural question."  # P. REID
    assert court.elements[6].text.endswith("The birthright question will come back.")  # M. REID
    assert court.elements[6].speaker.role is Role.INTERVIEWEE

    assert outline(floods) == [
        ("anchor", "Boris Sanchez"),
        ("instruction", None),
        ("soundbite", "Greg Abbott"),
        ("instruction", None),
        ("anchor", "Boris Sanchez"),
    ]
    assert floods.elements[2].speaker.title == "Texas Governor"
    assert parsed.dropped == [
        "Return to Transcripts main page",
        "Aired June 12, 2025 - 14:00   ET",
        "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.",
        "[14:00:00]",
        "[14:03:12]",
        "[14:15:40]",
    ]
    assert parsed.warnings == []


def test_npr_host_byline_package_then_two_way() -> None:
    parsed = parse_file(LABELS / "npr-morning-edition.txt")
    assert parsed.bulletin.title == "Morning Edition"
    (story,) = parsed.bulletin.stories
    assert story.title == "Heat wave in Seoul tests the power grid"
    assert story.published.isoformat() == "2025-07-08T05:04:00"
    assert outline(story) == [
        ("anchor", "Leila Fadel"),
        ("track", "Anthony Kuhn"),
        ("instruction", None),
        ("track", "Anthony Kuhn"),
        ("instruction", "Kim Soon-ja"),
        ("track", "Anthony Kuhn"),
        ("soundbite", "Park Hyun-soo"),
        ("signoff", "Anthony Kuhn"),
        ("question", "Leila Fadel"),
        ("answer", "Anthony Kuhn"),
        ("tag", "Leila Fadel"),
        ("answer", "Anthony Kuhn"),
        ("instruction", None),
    ]
    assert story.elements[0].text.startswith("South Korea is sweltering")  # label on its own line
    assert story.elements[4].text == "(Speaking Korean)."
    assert story.elements[5].text == (
        'She says, "at home the fan just blows hot air." '
        "The country's grid operator says demand hit a record on Monday afternoon."
    )
    assert story.elements[6].text.startswith("We have enough reserve power")  # "(Through interpreter)" removed
    assert story.elements[7].text == "For NPR News, I'm Anthony Kuhn in Seoul."
    assert story.source.outlet == "NPR News"
    assert story.elements[0].speaker.role is Role.ANCHOR and story.elements[1].speaker.role is Role.CORRESPONDENT
    assert len(parsed.dropped) == 4 and parsed.warnings == []


def test_live_shot_cut_off_mid_sentence() -> None:
    parsed = parse_file(LABELS / "cnn-live-shot-cut.txt")
    assert parsed.bulletin.title == "CNN INTERNATIONAL - CONNECT THE WORLD"
    (story,) = parsed.bulletin.stories
    assert outline(story) == [
        ("anchor", "Becky Anderson"),
        ("question", "Becky Anderson"),
        ("answer", "Mike Valerio"),
        ("question", "Becky Anderson"),
        ("answer", "Mike Valerio"),
        ("instruction", None),
        ("soundbite", "Yoon Suk Yeol"),
        ("instruction", None),
        ("answer", "Mike Valerio"),
        ("instruction", None),
        ("soundbite", "Unidentified female"),
    ]
    assert story.elements[0].speaker.title == 'CNN Host, "Connect the World"'
    assert story.elements[1].text == "Mike, how did this unfold?"
    assert story.elements[6].text.startswith("I decided to respond")  # "(through translator)" on the label
    assert story.elements[8].text.endswith("His lawyers say the whole process")
    assert story.elements[10].text == "We will stay here until he is"
    assert any("mid-sentence" in w for w in parsed.warnings)


def test_surname_shared_by_two_speakers_is_ambiguous_alone() -> None:
    text = "\n\n".join(
        [
            "JANE KIM, CNN ANCHOR: Welcome. Let's begin with the vote.",
            "TOM KIM, CNN CORRESPONDENT: Thanks, Jane. The vote is tonight.",
            "J. KIM: And what comes next?",
            "T. KIM: A recount, perhaps.",
            "KIM: Unclear who says this.",
        ]
    )
    parsed = parse_text(text, style="labels")
    speakers = [e.speaker.name for e in parsed.bulletin.stories[0].elements]
    assert speakers[:5] == ["Jane Kim", "Tom Kim", "Jane Kim", "Tom Kim", "Kim"]
    assert any("more than one speaker" in w for w in parsed.warnings)


def test_unlabelled_text_before_any_turn_is_kept() -> None:
    parsed = parse_text("SHOW\nA headline\nan extra line\nHOST ONE, HOST: Hello there, friends.\n", style="labels")
    elements = parsed.bulletin.stories[0].elements
    assert (elements[0].kind, elements[0].text) == (Kind.INSTRUCTION, "an extra line")
    assert parsed.warnings


def test_cli_forced_style_from_stdin() -> None:
    text = (LABELS / "npr-morning-edition.txt").read_text(encoding="utf-8")
    result = run_cli("parse", "-", "--style", "labels", "--json", input=text)
    assert result.returncode == 0, result.stderr
    story = json.loads(result.stdout)["stories"][0]
    assert [e["kind"] for e in story["elements"]][:2] == ["anchor", "track"]
    assert story["elements"][1]["speaker"] == {"name": "Anthony Kuhn", "title": "Byline", "role": "correspondent", "inferred": False}


def test_labels_glued_to_the_text_before_them_are_split_off() -> None:
    from castkit.ingest import parse_text

    text = ("CNN NEWSROOM\nAired June 12, 2025 - 14:00 ET\n\nBORIS SANCHEZ, CNN ANCHOR: Thanks to everyone who wrote in, "
            "especially by our viewersANNA LEE, CNN CORRESPONDENT: Good afternoon, Boris. The storm is here.SANCHEZ: Anna, thank you.\n"
            "(COMMERCIAL BREAK)\n")
    parsed = parse_text(text)
    story = parsed.bulletin.stories[0]
    assert parsed.style == "labels"
    assert [(e.kind.value, e.speaker.name, e.text) for e in story.elements] == [
        ("anchor", "Boris Sanchez", "Thanks to everyone who wrote in, especially by our viewers"),
        ("track", "Anna Lee", "Good afternoon, Boris. The storm is here."),
        ("tag", "Boris Sanchez", "Anna, thank you."),
    ]
    assert any("2 speaker label(s) glued" in str(n) for n in parsed.notices)
    assert parsed.bulletin.stories[-1].title == "Commercial break"


def test_title_case_labels_as_pbs_prints_them() -> None:
    from castkit.ingest import parse_text

    text = "\n".join([
        "Amna Nawaz:", "Good evening. I'm Amna Nawaz.", "", "Geoff Bennett:", "And I'm Geoff Bennett.", "",
        "Amna Nawaz:", "Seoul recorded its hottest June day on record today. Nick Schifrin reports.", "",
        "Nick Schifrin:", "At this community centre, the air conditioning runs from early morning.", "",
        "Kim Soon-ja:", "At home the fan just blows hot air.", "",
        "Woman (through translator):", "We come here every day now.", "",
        "Nick Schifrin:", "Doctors warn that heat illness rises sharply. For the PBS NewsHour, I'm Nick Schifrin in Seoul.", "",
        "Geoff Bennett:", "Thank you, Nick.",
    ])
    parsed = parse_text(text)
    story = parsed.bulletin.stories[0]
    assert parsed.style == "labels"
    assert [(e.kind.value, e.speaker.name or e.speaker.title) for e in story.elements] == [
        ("anchor", "Amna Nawaz"), ("anchor", "Geoff Bennett"), ("anchor", "Amna Nawaz"), ("track", "Nick Schifrin"),
        ("soundbite", "Kim Soon-ja"), ("soundbite", "Woman"), ("track", "Nick Schifrin"), ("signoff", "Nick Schifrin"),
        ("tag", "Geoff Bennett"),
    ]
    assert story.elements[5].text == "We come here every day now."
    assert {n.where.split(": ")[-1] for n in parsed.notices if n.topic == "speaker"} >= {"Amna Nawaz", "Nick Schifrin"}
    assert not any(e.text.endswith(":") or "Kim Soon-ja:" in e.text for e in story.elements)


def test_a_label_needs_two_capitals_in_any_script() -> None:
    from castkit.ingest.labels import _two_capitals

    assert all(_two_capitals(label) for label in ("KIM", "K. L", "ÉÖ", "JOSÉ", "ΣΟ"))
    assert not any(_two_capitals(label) for label in ("", "K. 2", "K", "김민지", "1234", "Kim"))

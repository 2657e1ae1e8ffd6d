"""Radio cue sheets: the reader's copy and each insert's IN / DUR / OUT lines, in several outlets' house styles."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from castkit.ingest import parse_file, parse_text
from castkit.ingest.detect import detect
from castkit.ingest.radio import _has_lower, read_duration, sniff
from castkit.model import Kind, Role

RADIO = FIXTURES / "radio"
SHEETS = sorted(RADIO.glob("*.txt"))
EXAMPLE = RADIO / "bbc-local-newsdesk-1300.txt"
OTHER_STYLES = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.parent.name != "radio" and p.suffix in (".txt", ".castkit", ".xml")]


def kinds(story) -> list[Kind]:
    return [e.kind for e in story.elements]


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_every_outlets_cue_sheet_is_detected_and_parsed_as_radio(path: Path) -> None:
    text = path.read_text("utf-8")
    assert detect(text) == "radio"
    parsed = parse_file(path)
    assert parsed.style == "radio" and parsed.bulletin.stories
    for story in parsed.bulletin.stories:
        for element in story.elements:
            if element.kind in (Kind.TRACK, Kind.SOUNDBITE, Kind.ANSWER):
                assert element.text == "" and element.runs_ms and element.runs_ms > 0, (path.name, element)
            assert not element.text.startswith(("IN:", "DUR:", "OUT:", "INQ:", "OQ:", "OUTQ:", "RT:", "TIME:")), element.text


def test_cue_sheets_score_above_labels_and_other_styles_score_zero() -> None:
    assert len(SHEETS) >= 6
    assert all(sniff(p.read_text("utf-8")) == 0.95 for p in SHEETS)
    assert [p.name for p in OTHER_STYLES if sniff(p.read_text("utf-8"))] == []


def test_the_example_bulletin_reads_as_two_stories_with_timed_inserts() -> None:
    parsed = parse_file(EXAMPLE)
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("NEWSDESK BULLETIN", "2026-12-03", 13 * 3600 * 1000)
    rail, weather = bulletin.stories
    assert (rail.title, rail.page, weather.title) == ("RAIL STRIKE", "1", "WEATHER WARNING")
    assert rail.talent == weather.talent == "Sarah Jones"

    assert kinds(rail) == [Kind.ANCHOR, Kind.TRACK]
    lead, package = rail.elements
    assert lead.speaker.name == "Sarah Jones" and lead.text.endswith("Our transport correspondent Tom Burridge reports.")
    assert (package.speaker.name, package.speaker.role, package.speaker.inferred) == ("Tom Burridge", Role.CORRESPONDENT, False)
    assert (package.runs_ms, package.in_cue, package.out_cue) == (92_000, '"Platforms at Leeds station..."', '"...Tom Burridge, BBC News, Leeds."')
    assert rail.correspondent == "Tom Burridge" and rail.effective_format().value == "PKG"

    assert kinds(weather) == [Kind.ANCHOR, Kind.SOUNDBITE, Kind.TAG]
    bite, tag = weather.elements[1:]
    assert (bite.speaker.name, bite.speaker.title, bite.runs_ms) == (None, "Met Office Forecaster", 18_000)
    assert (bite.in_cue, bite.out_cue) == ('"We\'re expecting..."', '"...take care on the roads."')
    assert (tag.text, tag.speaker.name) == ("That's the news. More at two.", "Sarah Jones")
    assert parsed.warnings == [] and parsed.guesses == []


@pytest.mark.parametrize(
    ("spelling", "ms"),
    [("1'32\"", 92_000), ("1'32", 92_000), ("1’32”", 92_000), ("1:32", 92_000), ("1.32", 92_000), ("92\"", 92_000),
     (":18", 18_000), ("0'18\"", 18_000), ("18s", 18_000), ("18 secs", 18_000), ("1m32s", 92_000), ("1 min 32 secs", 92_000),
     ("2m", 120_000), ("0'18\" inc SOC", 18_000), ("18", None), ("1:75", None), ("1.32 approx", None), ("soon", None)],
)
def test_each_duration_spelling_reads_to_milliseconds(spelling: str, ms: int | None) -> None:
    assert read_duration(spelling) == ms


def test_every_spelling_in_one_sheet_times_its_insert() -> None:
    story = parse_file(RADIO / "durations-every-spelling.txt").bulletin.stories[0]
    runs = [e.runs_ms for e in story.elements if e.kind is Kind.SOUNDBITE]
    assert runs == [92_000, 92_000, 92_000, 92_000, 92_000, 18_000, 18_000, 18_000, 92_000]


def test_an_unreadable_duration_is_a_warning_not_a_guess() -> None:
    parsed = parse_text("READER: AMY LO\n\nSTORY 1: FOG\nFog has closed the airport.\nACT: PILOT\nIN: \"It was...\"\nDUR: about a minute\nOUT: \"...thick.\"\n", style="radio")
    bite = parsed.bulletin.stories[0].elements[1]
    assert bite.runs_ms is None
    assert any("about a minute" in w for w in parsed.warnings) and any("no readable DUR line" in w for w in parsed.warnings)


def test_a_capitals_line_without_number_or_key_is_a_guessed_story_boundary() -> None:
    parsed = parse_file(RADIO / "lbc-global-1300.txt")
    tube, prisons = parsed.bulletin.stories
    assert (tube.title, prisons.title) == ("TUBE STRIKE", "PRISON RELEASES")
    assert [(g.topic, g.where) for g in parsed.guesses] == [("story", "PRISON RELEASES")]
    numbered = parse_file(RADIO / "abc-australia-midday.txt")
    assert [s.title for s in numbered.bulletin.stories] == ["BUDGET UPDATE", "BUSHFIRES", "CRICKET"] and numbered.guesses == []


def test_production_lines_are_instructions_and_never_spoken() -> None:
    bulletin = parse_file(RADIO / "lbc-global-1300.txt").bulletin
    instructions = [e.text for s in bulletin.stories for e in s.elements if e.kind is Kind.INSTRUCTION]
    assert instructions == ["NEWS JINGLE", "WEATHER BED", "STING"]
    spoken = " ".join(e.text for s in bulletin.stories for e in s.spoken_elements)
    assert "JINGLE" not in spoken and "STING" not in spoken and "ENDS" not in spoken
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("BULLETIN", None, 13 * 3600 * 1000)


def test_back_anno_is_the_tag_and_a_two_way_is_the_correspondents_answer() -> None:
    flooding, council = parse_file(RADIO / "back-anno-two-way.txt").bulletin.stories
    assert kinds(flooding) == [Kind.ANCHOR, Kind.ANSWER, Kind.TAG]
    live = flooding.elements[1]
    assert (live.speaker.name, live.speaker.role, live.speaker.inferred, live.runs_ms) == ("Rebecca Wood", Role.CORRESPONDENT, False, 70_000)
    assert flooding.effective_format().value == "LIVE" and flooding.elements[2].text.startswith("Rebecca Wood there.")
    assert kinds(council) == [Kind.ANCHOR, Kind.TRACK, Kind.TAG]
    assert (council.elements[1].out_cue, council.elements[1].runs_ms, council.correspondent) == ("SOC", 58_000, "Ellie Marsh")


def test_an_ins_with_a_standard_out_is_the_correspondents_package_named_by_the_handoff() -> None:
    winter, rates, snooker = parse_file(RADIO / "bbc-network-summary-0700.txt").bulletin.stories
    package = winter.elements[1]
    assert (package.kind, package.speaker.name, package.out_cue, package.runs_ms) == (Kind.TRACK, "Nick Triggle", "SOC", 65_000)
    bite = rates.elements[1]
    assert (bite.kind, bite.speaker.name, bite.speaker.title, bite.runs_ms) == (Kind.SOUNDBITE, "Andrew Bailey", "Governor", 14_000)
    assert kinds(snooker) == [Kind.ANCHOR] and winter.talent == "Alan Cartwright"


def test_grabs_clips_and_tapes_name_their_speakers() -> None:
    abc = parse_file(RADIO / "abc-australia-midday.txt").bulletin.stories
    speakers = [(e.speaker.name, e.speaker.title) for s in abc for e in s.elements if e.kind is Kind.SOUNDBITE]
    assert speakers == [("Jim Chalmers", "Treasurer"), ("Kim Jung-sil", "Bunbury"), (None, "Bunbury Residents")]
    assert kinds(abc[0]) == [Kind.ANCHOR, Kind.SOUNDBITE, Kind.TAG]
    cbc = parse_file(RADIO / "cbc-world-at-six.txt").bulletin
    assert (cbc.title, cbc.start_ms) == ("WORLD AT SIX", 18 * 3600 * 1000)
    wrap = cbc.stories[0].elements[1]
    assert (wrap.kind, wrap.speaker.name, wrap.runs_ms, wrap.in_cue) == (Kind.TRACK, "Raffy Boudjikanian", 100_000, '"On the picket line..."')
    fire = cbc.stories[1].elements[1]
    assert (fire.speaker.name, fire.speaker.title, fire.out_cue) == ("Darby Allen", "Fire Chief", '"...we simply ran out of road."')


def test_separators_split_untitled_stories_titled_from_their_first_words() -> None:
    parsed = parse_file(RADIO / "rnz-midday-bulletin.txt")
    stories = parsed.bulletin.stories
    assert [s.title for s in stories] == [
        "Health New Zealand says it will close two", "The Reserve Bank has cut the official cash",
        "A large earthquake has shaken the lower North"]
    assert (parsed.bulletin.title, parsed.bulletin.date) == ("RNZ NATIONAL MIDDAY NEWS", "2026-12-03")
    assert stories[0].elements[1].speaker.name == "Rowan Quinn" and stories[0].talent == "Sarah Robson"
    assert (stories[1].elements[1].speaker.name, stories[1].elements[1].speaker.title) == ("Anna Breman", "Reserve Bank Governor")


def test_fields_on_one_line_and_a_label_without_handoff_are_read_and_flagged() -> None:
    text = ("BULLETIN 0800 03/12/2026\nREADER: Dan Pike\n\nSTORY 1: ROADWORKS\nThe M62 will close overnight for resurfacing.\n"
            "CUE: HIGHWAYS PKG\nIN: \"Engineers say...\" DUR: 0'41\" OUT: SOC\n\nUNDERSTOOD: NOTHING\n")
    parsed = parse_text(text)
    story = parsed.bulletin.stories[0]
    package = story.elements[1]
    assert (package.kind, package.in_cue, package.runs_ms, package.out_cue) == (Kind.TRACK, '"Engineers say..."', 41_000, "SOC")
    assert package.speaker.inferred and any(n.topic == "speaker" for n in parsed.notices)
    assert story.elements[-1].kind is Kind.INSTRUCTION and any("not understood" in w for w in parsed.warnings)


def test_parse_json_and_rundown_csv_run_end_to_end_with_runs_from_dur(tmp_path) -> None:
    parsed = run_cli("parse", str(EXAMPLE), "--json")
    assert parsed.returncode == 0, parsed.stderr
    document = json.loads(parsed.stdout)
    assert [s["title"] for s in document["stories"]] == ["RAIL STRIKE", "WEATHER WARNING"]
    assert document["stories"][0]["elements"][1]["runs_ms"] == 92_000
    out = tmp_path / "x.csv"
    rundown = run_cli("rundown", str(EXAMPLE), "--format", "csv", "-o", str(out))
    assert rundown.returncode == 0, rundown.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["slug"], r["format"], r["runs_s"], r["runs_estimated"]) for r in rows] == [
        ("RAIL STRIKE", "PKG", "92", "false"), ("WEATHER WARNING", "VO/SOT", "18", "false")]
    assert "estimated" not in rundown.stderr.decode()


@pytest.mark.parametrize("text", ["TOM BURRIDGE", "Tom Burridge", "", "1'32\"", "ÉCOLE", "école", "STRAßE", "ǅEMAL", "Nº 5", "ᵃ", "ΑΣ"])
def test_a_lower_case_letter_is_found_as_each_character_would_say(text: str) -> None:
    assert _has_lower(text) == any(c.islower() for c in text)


def test_a_numbered_title_of_many_words_opens_a_story_and_long_lines_stay_copy() -> None:
    text = "READER: Dan Pike\n\n1. COUNCIL VOTES TO CLOSE THE LAST TWO LIBRARIES IN THE VALLEY\nThe vote was close.\n"
    story, = parse_text(text, style="radio").bulletin.stories
    assert (story.page, story.title) == ("1", "COUNCIL VOTES TO CLOSE THE LAST TWO LIBRARIES IN THE VALLEY")
    assert [e.kind for e in story.elements] == [Kind.ANCHOR]

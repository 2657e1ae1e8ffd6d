"""A producer's own script: slug / format / talent lines, TAKE VO, RUNS, OUTCUE, BREAK, director cues."""

from __future__ import annotations

import re

from conftest import FIXTURES, run_cli

from castkit.ingest import parse_file
from castkit.ingest.detect import detect
from castkit.model import Format, Kind

SCRIPT = FIXTURES / "producer" / "evening-rundown.txt"
PRODUCTION_LINE = re.compile(r"^(?:[A-Z]\d+\s+)?[A-Z0-9-]+ / |^(?:TAKE )?(?:VO|SOT|PKG|VO/SOT)$|^BREAK \d|^RUNS |^OUTCUE|^SUPER:|^ON CAM$", re.M)


def test_slug_lines_become_stories_with_format_talent_runs_and_breaks() -> None:
    parsed = parse_file(SCRIPT)
    assert parsed.style == "producer" and detect(SCRIPT.read_text("utf-8")) == "producer"
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms) == ("ARIRANG NEWS", "2025-06-12", 20 * 3600 * 1000)
    rows = [(s.page, s.slug, s.effective_format(), s.talent, s.runs_ms) for s in bulletin.stories]
    assert rows == [
        ("A1", "BOK-RATE", Format.RDR, "HAN", None),
        ("A2", "NK-LETTER", Format.PKG, "HAN", None),
        (None, "BREAK1", Format.BREAK, None, 120_000),
        ("B1", "HEATWAVE", Format.VOSOT, "HAN", None),
        (None, "BREAK2", Format.BREAK, None, 90_000),
        ("B2", "KOSPI-CLOSE", Format.VO, "HAN", None),
    ]
    pkg = bulletin.stories[1]
    assert pkg.correspondent == "KIM"
    lead, package = pkg.elements
    assert (lead.kind, package.kind, package.text, package.runs_ms) == (Kind.ANCHOR, Kind.TRACK, "", 115_000)
    assert package.out_cue == '"...Kim Jung-sil, Arirang News."' and package.speaker.name == "KIM"


def test_soundbite_takes_super_runs_and_outcue_and_cues_stay_instructions() -> None:
    stories = parse_file(SCRIPT).bulletin.stories
    heat = stories[3]
    assert [e.kind for e in heat.elements] == [Kind.ANCHOR, Kind.SOUNDBITE, Kind.ANCHOR]
    bite = heat.elements[1]
    assert bite.text == "At home the fan just blows hot air. Here at least I can breathe."
    assert (bite.speaker.name, bite.speaker.title, bite.runs_ms, bite.out_cue) == (
        "Kim Soon-ja", "Resident, Jongno District", 9_000, '"...I can breathe."')
    assert bite.super.lines == ["Kim Soon-ja", "Resident, Jongno District"]
    assert [(e.kind, e.text) for e in stories[0].elements][0] == (Kind.INSTRUCTION, "CAM 2")


def test_no_production_line_is_spoken() -> None:
    for story in parse_file(SCRIPT).bulletin.stories:
        for element in story.spoken_elements:
            assert not PRODUCTION_LINE.search(element.text), element.text


def test_no_slug_format_or_break_line_reaches_subtitles_or_prompter(tmp_path) -> None:
    srt, prompter = tmp_path / "out.srt", tmp_path / "prompter.txt"
    subs = run_cli("subs", str(SCRIPT), "-o", str(srt))
    rundown = run_cli("rundown", str(SCRIPT), "-o", str(prompter))
    assert subs.returncode == 0, subs.stderr
    assert rundown.returncode == 0, rundown.stderr
    cues = srt.read_text("utf-8")
    assert "Bank of Korea held its key rate" in cues and "fan just blows hot air" in cues
    copy = prompter.read_text("utf-8")
    assert "KOSPI closed up 1.2 percent" in copy
    assert not re.search(r"TAKE (?:VO|SOT|PKG)|BREAK \d|RUNS|OUTCUE|SUPER|CAM 2|GFX|BOK-RATE|NK-LETTER", cues)
    assert not re.search(r"TAKE (?:VO|SOT|PKG)|BREAK \d|RUNS 1:55|OUTCUE:|SUPER:", copy)
    spoken = [line for line in copy.splitlines() if line and not line.startswith("[") and " · " not in line]
    assert not any(PRODUCTION_LINE.search(line) for line in spoken)
    assert "NK-LETTER" in copy and "TRT 1:55" in copy  # the header and cue lines carry slug and runs


def test_copy_above_the_first_slug_line_is_a_warning() -> None:
    from castkit.ingest import parse_text

    parsed = parse_text("Stray words nobody slugged.\n\nNK-LETTER / RDR / HAN\nNorth Korea refused the letter.\n")
    assert parsed.style == "producer"
    assert any("outside any story" in str(n) for n in parsed.notices)


def test_a_one_story_script_without_slug_line_is_one_story_and_says_so() -> None:
    parsed = parse_file(FIXTURES / "producer" / "water-main-one-story.txt")
    assert parsed.style == "producer"
    (story,) = parsed.bulletin.stories
    assert (story.title, story.slug, story.talent) == ("WATER MAIN", "WATER MAIN", "Dana")
    kinds = [(e.kind, e.speaker.name) for e in story.elements]
    assert kinds == [(Kind.ANCHOR, "Dana"), (Kind.SOUNDBITE, "Mike Chen"), (Kind.ANCHOR, "Dana")]
    assert story.elements[0].text.startswith("GOOD EVENING.") and "ANCHOR" not in story.elements[0].text
    bite = story.elements[1]
    assert (bite.text, bite.runs_ms, bite.super.lines) == ("We expect repairs to take at least 24 hours.", 8000, ["Mike Chen", "Public Works Director"])
    assert story.elements[2].text == "THE CITY SAYS DRINKING WATER IS SAFE."
    assert [(n.topic, n.message) for n in parsed.guesses] == [("story", "no slug line: the whole script is read as one story; check it")]


def test_on_camera_cues_and_a_bracketed_speaker_line_in_another_house_style() -> None:
    parsed = parse_file(FIXTURES / "producer" / "council-vote-no-slug.txt")
    assert parsed.style == "producer"
    (story,) = parsed.bulletin.stories
    assert story.title == "" and story.effective_format() is Format.VOSOT
    assert [e.kind for e in story.elements] == [Kind.ANCHOR, Kind.SOUNDBITE, Kind.ANCHOR]
    bite = story.elements[1]
    assert (bite.speaker.name, bite.speaker.title, bite.runs_ms, bite.out_cue) == ("Priya Nair", "Council Finance Chair", 12_000, '"...libraries open."')
    assert not any("(ANC OC)" in e.text or "TAKE" in e.text for e in story.elements)


def test_a_dated_first_line_of_copy_under_a_slug_stays_copy() -> None:
    from castkit.ingest import parse_text

    parsed = parse_text("A1  BUDGET / RDR / HAN\nOn June 12, 2025 the council passed the budget at 9:00 PM.\nIt takes effect in April.\n")
    (story,) = parsed.bulletin.stories
    assert story.elements[0].text.startswith("On June 12, 2025 the council passed the budget")
    assert parsed.bulletin.title is None and parsed.bulletin.date is None

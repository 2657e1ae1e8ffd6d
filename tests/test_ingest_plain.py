"""Text with no recognisable structure becomes a reader story, with a warning."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from castkit.ingest import parse_file
from castkit.ingest.detect import detect
from castkit.model import Format, Kind, Role
from castkit.text import words

PLAIN = FIXTURES / "plain"


def test_paragraphs_become_anchor_copy_under_the_title_line() -> None:
    parsed = parse_file(PLAIN / "notes-no-structure.txt")
    (story,) = parsed.bulletin.stories
    assert parsed.style == "plain" and [n.topic for n in parsed.notices] == ["style"]
    assert story.title == "Bus fares rise in Seoul"
    assert [e.text for e in story.elements] == [
        "City buses in Seoul will cost 150 won more from Saturday, the first rise in eight years. Subway fares follow in October.",
        "The city says the increase covers only part of a deficit of more than 900 billion won.",
    ]
    assert {(e.kind, e.speaker.role) for e in story.elements} == {(Kind.ANCHOR, Role.ANCHOR)}
    assert story.effective_format() is Format.RDR


@pytest.mark.parametrize("name", ["notes-no-structure.txt", "one-block.txt", "korean.txt"])
def test_every_word_is_kept(name: str) -> None:
    text = (PLAIN / name).read_text("utf-8")
    story = parse_file(PLAIN / name).bulletin.stories[0]
    assert words(story.title + " " + " ".join(e.text for e in story.elements)) == words(text)
    assert detect(text) == "plain"


def test_lines_without_blank_lines_are_paragraphs_and_korean_is_marked() -> None:
    story = parse_file(PLAIN / "one-block.txt").bulletin.stories[0]
    assert story.title == "" and len(story.elements) == 3
    assert parse_file(PLAIN / "korean.txt").bulletin.stories[0].language == "ko"

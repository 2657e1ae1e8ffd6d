"""castkit markup under arbitrary text: ``markup → model → markup`` is the identity.

Hypothesis writes bulletins whose titles, presenters, speaker names and spoken text are any
Unicode at all (carriage returns, lines that look like ``=== story`` or ``[KIND]`` headers,
``FIELD:`` lines, comments, backslashes), writes them as markup, reads that back and writes
it again: the two markups must be equal, and the model read back must have the same
stories, elements, titles, presenters and speakers, so no text can add or merge a story.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.ingest.markup import parse_markup, to_markup
from castkit.model import Bulletin, Element, Kind, Speaker, Story

TRICKS = ["\r", "\n", "\r\n", "=== ", "[ANCHOR]", "[SOT] x", "# ", "\\", "SHOW: x", "RATE: 0", " ?", "?", ",", " ", "\u2028", "\x85"]

text = st.lists(st.one_of(st.text(), st.sampled_from(TRICKS)), max_size=6).map("".join)
names = st.one_of(st.none(), text)
kinds = st.sampled_from([k for k in Kind])


@st.composite
def bulletins(draw) -> Bulletin:
    stories = []
    for _ in range(draw(st.integers(1, 3))):
        elements = [Element(draw(kinds), draw(text), Speaker(name=draw(names))) for _ in range(draw(st.integers(1, 3)))]
        stories.append(Story(title=draw(text), elements=elements))
    presenters = {draw(text): draw(st.sampled_from([150.0, 170.0, 182.5])) for _ in range(draw(st.integers(0, 2)))}
    return Bulletin(stories=stories, title=draw(names), presenters=presenters)


@settings(max_examples=int(os.environ.get("CASTKIT_FUZZ_EXAMPLES", "300")), deadline=None)
@given(bulletins())
def test_markup_model_markup_is_the_identity(bulletin):
    first = to_markup(bulletin)
    model = parse_markup(first)
    assert to_markup(model) == first
    assert len(model.stories) == len(bulletin.stories)
    assert [len(s.elements) for s in model.stories] == [len(s.elements) for s in bulletin.stories]
    assert model.presenters == {one_line(name).strip(): rate for name, rate in bulletin.presenters.items()}
    for story, back in zip(bulletin.stories, model.stories):
        assert back.title == one_line(story.title).strip()
        assert [e.kind for e in back.elements] == [e.kind for e in story.elements]
        assert [e.speaker.name for e in back.elements] == [
            None if e.speaker.name is None else one_line(e.speaker.name) for e in story.elements]


def one_line(value: str) -> str:
    """A field value as markup holds it: on one line."""
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")

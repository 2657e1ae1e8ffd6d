"""Checking that a parse keeps every spoken sentence of a fixture somewhere in the model.

Independent of the parsers: the fixture's lines minus the dropped boilerplate and the lines a
test names as not spoken (headers, markers) are cut into sentences with a plain regex, and
each sentence's words must appear, in order and contiguous, in some element's text.
"""

from __future__ import annotations

import re

from castkit.ingest import Parsed

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+")


def _tokens(text: str) -> str:
    return " " + " ".join(t.lower() for t in _TOKEN.findall(text)) + " "


def unaccounted(source: str, parsed: Parsed, *, not_spoken: str = r"$^", prefix: str = r"$^") -> list[str]:
    """Sentences of ``source`` that no element of ``parsed`` holds.

    ``not_spoken`` matches whole lines that are not spoken (headers, markers); ``prefix``
    matches a leading part of a line that is not spoken (a speaker label, a marker).
    """
    held = [_tokens(e.text) for story in parsed.bulletin.stories for e in story.elements]
    dropped = {line.strip() for line in parsed.dropped}
    missing = []
    for raw in source.splitlines():
        line = raw.strip()
        if not line or line in dropped or re.fullmatch(not_spoken, line):
            continue
        line = re.sub(f"^(?:{prefix})", "", line)
        for sentence in _SENTENCE.split(line):
            words = _tokens(sentence)
            if words.strip() and not any(words in text for text in held):
                missing.append(sentence)
    return missing


def outline(story) -> list[tuple[str, str | None]]:
    """Each element's kind and who speaks it (name, else title such as "analyst")."""
    return [(e.kind.value, e.speaker.name or e.speaker.title) for e in story.elements]


def check_fixture(path, style: str, **patterns: str) -> Parsed:
    """Detect ``path`` as ``style``, parse it, and assert every spoken sentence is kept."""
    from castkit.ingest import parse_file
    from castkit.ingest.detect import detect

    text = path.read_text(encoding="utf-8")
    assert detect(text) == style
    parsed = parse_file(path)
    assert unaccounted(text, parsed, **patterns) == []
    return parsed

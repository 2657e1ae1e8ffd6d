"""Detection reads a long text's head and tail only, and still names the style the whole text is in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from castkit.ingest import styles
from castkit.ingest.detect import FALLBACK, SNIFF_HEAD, SNIFF_TAIL, STYLE_MODULES, detect, sniff_sample
from conftest import FIXTURES

# Numbered lines of 0 to 3,000 characters: texts from empty to 600 kB, every line different.
numbered_lines = st.lists(st.integers(0, 3000), max_size=200).map(lambda sizes: [f"{k}:" + "y" * n for k, n in enumerate(sizes)])


@settings(max_examples=100, deadline=None)
@given(numbered_lines, st.booleans())
def test_the_sample_is_the_head_and_tail_in_whole_lines(text_lines: list[str], final_newline: bool) -> None:
    text = "\n".join(text_lines) + ("\n" if final_newline else "")
    sample = sniff_sample(text)
    if len(text) <= SNIFF_HEAD + SNIFF_TAIL:
        assert sample == text
    assert sample[:SNIFF_HEAD] == text[:SNIFF_HEAD]
    assert sample[-SNIFF_TAIL:] == text[-SNIFF_TAIL:]
    kept = iter(text.splitlines())
    assert all(line in kept for line in sample.splitlines())  # whole lines, in order, none invented


def full_text_detect(text: str) -> str:
    """Detection as it was before sampling: every sniffer over the whole text."""
    best, best_score = FALLBACK, 0.0
    for name in STYLE_MODULES:
        score = styles()[name].sniff(text)
        if score > best_score:
            best, best_score = name, score
    return best


@pytest.mark.parametrize("style", ["show", "bracket", "labels", "web", "plain", "markup"])
def test_a_megabyte_of_each_style_is_detected_as_from_the_whole_text(style: str) -> None:
    pages = "\n\n".join(p.read_text("utf-8") for p in sorted((FIXTURES / style).iterdir()))
    text = (pages + "\n\n") * (1_000_000 // len(pages) + 1)
    assert len(sniff_sample(text)) < 100_000
    assert detect(text) == full_text_detect(text) == detect(pages)

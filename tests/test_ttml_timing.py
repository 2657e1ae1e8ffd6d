"""TTML timing as the specification defines it: clock and offset times, frames, ticks, containers."""

from __future__ import annotations

from fractions import Fraction

import pytest
from lxml import etree

from castkit.errors import BadInput
from castkit.subtitles import ttml_timing
from castkit.subtitles.read import parse_cues

HEAD = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" {params}><body>{body}</body></tt>'


def timed(body: str, params: str = "") -> list[tuple[int, int, list[str]]]:
    root = etree.fromstring(HEAD.format(params=params, body=body).encode())
    return [(begin, end, ttml_timing.lines(p)) for p, begin, end in ttml_timing.paragraphs(root)]


@pytest.mark.parametrize("expression, params, expected", [
    ("00:00:01.500", "", Fraction(3, 2)),
    ("01:02:03", "", Fraction(3723)),
    ("00:00:01:12", 'ttp:frameRate="25"', Fraction(1) + Fraction(12, 25)),
    ("00:00:01:15", 'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"', 1 + Fraction(15) / (Fraction(30) * Fraction(1000, 1001))),
    ("12.5s", "", Fraction(25, 2)),
    ("400ms", "", Fraction(2, 5)),
    ("2m", "", Fraction(120)),
    ("1h", "", Fraction(3600)),
    ("50f", 'ttp:frameRate="25"', Fraction(2)),
    ("10000000t", 'ttp:tickRate="10000000"', Fraction(1)),
    ("60t", 'ttp:frameRate="30"', Fraction(2)),  # tick rate defaults to the frame rate when one is given
])
def test_time_expressions(expression, params, expected):
    root = etree.fromstring(HEAD.format(params=params, body="").encode())
    assert ttml_timing.seconds(expression, ttml_timing.Rates.of(root)) == expected


def test_children_of_a_par_container_are_timed_from_its_begin():
    body = ('<div begin="10s"><p begin="1s" end="2s">one</p><p begin="3s" dur="1.5s">two</p></div>'
            '<div begin="20s" end="21s"><p begin="0.5s" end="5s">clipped</p><p>whole div</p></div>')
    assert timed(body) == [(11000, 12000, ["one"]), (13000, 14500, ["two"]),
                           (20500, 21000, ["clipped"]), (20000, 21000, ["whole div"])]


def test_children_of_a_seq_container_follow_each_other():
    body = '<div timeContainer="seq"><p dur="1s">a</p><p begin="0.5s" dur="1s">b</p></div>'
    assert timed(body) == [(0, 1000, ["a"]), (1500, 2500, ["b"])]


def test_a_paragraph_timed_by_its_spans_ends_with_the_last_span():
    body = '<p begin="5s"><span begin="0s" end="1s">first</span> <span begin="1s" end="2.2s">second</span></p>'
    assert timed(body) == [(5000, 7200, ["first second"])]


def test_text_is_split_at_br_and_white_space_collapsed():
    body = '<p begin="0s" end="1s">\n  Top   line<br/><span>bottom</span>  line\n</p>'
    assert timed(body) == [(0, 1000, ["Top line", "bottom line"])]


def test_untimed_paragraphs_and_bad_expressions_are_refused():
    with pytest.raises(BadInput, match="paragraph 1 has no end time"):
        timed("<p>never ends</p>")
    with pytest.raises(BadInput, match="not a TTML time expression"):
        parse_cues(HEAD.format(params="", body='<p begin="soon" end="1s">x</p>'), format="ttml", name="x.ttml")

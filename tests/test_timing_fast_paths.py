"""parse_duration and parse_clock read the usual spellings without their patterns: every string
reads as the patterns alone read it, to the same milliseconds or the same error."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.errors import BadInput
from castkit.timing import parse_clock, parse_duration

_DURATION = re.compile(r"^(?:(\d{1,4}):(\d{1,4}):|(\d{0,6}):)?(\d{1,7}(?:\.\d{1,9})?)$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _pattern_duration(text: str) -> int:
    """The duration reader as it was with the pattern only."""
    match = _DURATION.match(text.strip())
    if not match:
        raise BadInput(f"not a duration: {text!r} (write :09, 1:42 or 1:02:03)")
    hours, minutes_after_hours, minutes, secs = match.groups()
    if ":" in match[0] and float(secs) >= 60 or int(minutes_after_hours or 0) >= 60:
        raise BadInput(f"not a duration: {text!r} (seconds and minutes run 0-59)")
    minutes_total = int(hours or 0) * 60 + int(minutes_after_hours or minutes or 0)
    return round((minutes_total * 60 + float(secs)) * 1000)


def _pattern_clock(text: str) -> int:
    """The clock reader as it was."""
    match = _CLOCK.match(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59 or int(match[3] or 0) > 59:
        raise BadInput(f"not a time of day: {text!r} (write 20:00:00)")
    return ((int(match[1]) * 60 + int(match[2])) * 60 + int(match[3] or 0)) * 1000


def _outcome(read, text: str) -> tuple[str, object]:
    try:
        return "ms", read(text)
    except BadInput as exc:
        return "error", str(exc)


_DIGITS = st.sampled_from("0123456789" "٠١٢٣٤٥٦٧٨٩" "０５９" "६")
"""ASCII digits and decimal digits of other scripts, which int() and the patterns' \\d read too."""
_PIECES = st.one_of(_DIGITS, st.sampled_from([":", ".", " ", "\t", "\n", "\u00a0", "\u2003", "-", "+", "_", "'", "e", "²", "½", "s"]))
_TIMELIKE = st.lists(_PIECES, max_size=14).map("".join)
_SHAPED = st.builds(lambda h, m, s, pad: f"{pad}{h}:{m}:{s}{pad}" if h else f"{pad}{m}:{s}{pad}",
                    st.text(_DIGITS, max_size=5), st.text(_DIGITS, max_size=8), st.text(_DIGITS, max_size=9), st.sampled_from(["", " ", "\n"]))
_ANY = st.one_of(_TIMELIKE, _SHAPED, st.text(max_size=12), st.text(_DIGITS, max_size=10))

_EDGES = ["", ":", "::", "0", "60", "1234567", "12345678", ":60", ":59", "1:60", "1:5", "1:555", "999999:59", "1000000:59",
          "٦٠", ":٥٩", "1:٦٠", "٣:٠٥", "1:0٥", "01:02:03", "9:99:59", "1:02:60", "0:09.5", "90.", ".5", " 1:30 ", "1:30\n",
          "1:30\n\n", "20:00", "24:00", "23:59:59", "23:60", "7:5", "007:00", "٢٠:٠٠", "20:00:00 ", "\u00a020:00"]


@pytest.mark.parametrize("text", _EDGES)
def test_edges_read_as_the_patterns_do(text):
    assert _outcome(parse_duration, text) == _outcome(_pattern_duration, text)
    assert _outcome(parse_clock, text) == _outcome(_pattern_clock, text)


@settings(max_examples=3000)
@given(_ANY)
def test_parse_duration_reads_as_the_pattern_does(text):
    assert _outcome(parse_duration, text) == _outcome(_pattern_duration, text)


@settings(max_examples=3000)
@given(_ANY)
def test_parse_clock_reads_as_before(text):
    assert _outcome(parse_clock, text) == _outcome(_pattern_clock, text)

"""TTML timing and text as the specification defines them, read from an lxml tree.

A TTML ``<p>`` is one cue. Its times are relative to its parent's: in a ``par`` container (the
default) every child begins at the parent's begin plus its own ``begin``, in a ``seq`` container
after the previous sibling ends; ``end`` and ``dur`` bound it, and nothing outlives its parent.
Time expressions are clock times (``01:02:03.040``, ``01:02:03:12`` with frames) or offsets
(``12.5s``, ``400ms``, ``2m``, ``1h``, ``25f``, ``10000t``), with the document's
``ttp:frameRate``, ``ttp:frameRateMultiplier``, ``ttp:subFrameRate`` and ``ttp:tickRate``.
Reading this directly, rather than through a general-purpose caption library, keeps a
one-hour TTML file to a fraction of a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from castkit.errors import BadInput

TTML = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
_CLOCK = re.compile(r"^(\d{2,}):(\d{2}):(\d{2})(?:(\.\d+)|:(\d{2,})(?:\.(\d+))?)?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|ms|m|s|f|t)$")
_UNIT_S = {"h": Fraction(3600), "m": Fraction(60), "s": Fraction(1), "ms": Fraction(1, 1000)}


@dataclass(frozen=True)
class Rates:
    """The document's frame, sub-frame and tick rates (TTML 1, §6.2)."""

    frame: Fraction
    sub_frame: int
    tick: Fraction

    @classmethod
    def of(cls, root) -> Rates:
        def number(name: str, default: str) -> str:
            return (root.get(f"{{{TTP}}}{name}") or default).strip()

        try:
            frame_rate = int(number("frameRate", "30"))
            numerator, denominator = (int(x) for x in number("frameRateMultiplier", "1 1").split())
            sub_frame = int(number("subFrameRate", "1"))
            frame = Fraction(frame_rate) * Fraction(numerator, denominator)
            given_tick = root.get(f"{{{TTP}}}tickRate")
            default_tick = frame * sub_frame if root.get(f"{{{TTP}}}frameRate") else Fraction(1)
            tick = Fraction(int(given_tick.strip())) if given_tick else default_tick
        except (ValueError, ZeroDivisionError):
            raise BadInput("malformed TTML timing parameters (ttp:frameRate, frameRateMultiplier, subFrameRate, tickRate)") from None
        if frame <= 0 or tick <= 0 or sub_frame <= 0:
            raise BadInput("TTML frame and tick rates must be positive")
        return cls(frame, sub_frame, tick)


def seconds(expression: str, rates: Rates) -> Fraction:
    """A TTML time expression in seconds (one longer than 64 characters is no time a file means)."""
    value = expression.strip()
    if len(value) > 64:
        raise BadInput(f"not a TTML time expression: {value[:40]!r}…")
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, secs, fraction, frames, sub_frames = clock.groups()
        total = Fraction(int(hours) * 3600 + int(minutes) * 60 + int(secs))
        if fraction:
            total += Fraction(fraction)
        if frames:
            total += (Fraction(int(frames)) + Fraction(int(sub_frames or 0), rates.sub_frame)) / rates.frame
        return total
    offset = _OFFSET.match(value)
    if offset:
        count, unit = Fraction(offset.group(1)), offset.group(2)
        if unit == "f":
            return count / rates.frame
        if unit == "t":
            return count / rates.tick
        return count * _UNIT_S[unit]
    raise BadInput(f"not a TTML time expression: {value[:40]!r}")


def _interval(element, begin_at: Fraction, parent_end: Fraction | None, rates: Rates) -> tuple[Fraction, Fraction | None]:
    """An element's active interval, given where its container lets it begin and must end."""
    begin = begin_at + (_attribute(element, "begin", rates) if element.get("begin") else 0)
    ends = []
    if element.get("end"):
        ends.append(begin_at + _attribute(element, "end", rates))
    if element.get("dur"):
        ends.append(begin + _attribute(element, "dur", rates))
    if parent_end is not None:
        ends.append(parent_end)
    return begin, min(ends) if ends else None


def _attribute(element, name: str, rates: Rates) -> Fraction:
    """A time attribute of ``element`` in seconds; a malformed one is refused with its line."""
    try:
        return seconds(element.get(name), rates)
    except BadInput as exc:
        raise BadInput(f"line {element.sourceline}: {name}: {exc}") from None


def _timed(element, begin_at: Fraction, parent_end: Fraction | None, rates: Rates) -> Iterator[tuple[object, Fraction, Fraction | None]]:
    """Every ``<p>`` under ``element`` with its interval, children timed by their container's rules."""
    begin, end = _interval(element, begin_at, parent_end, rates)
    if element.tag == f"{{{TTML}}}p":
        yield element, begin, end if end is not None else _spans_end(element, begin, rates)
        return
    sequential = element.get("timeContainer") == "seq"
    cursor = begin
    for child in element:
        if not isinstance(child.tag, str) or child.tag not in (f"{{{TTML}}}div", f"{{{TTML}}}p"):
            continue
        start = cursor if sequential else begin
        for found in _timed(child, start, end, rates):
            yield found
            if sequential and found[2] is not None:
                cursor = max(cursor, found[2])


def _spans_end(p, begin: Fraction, rates: Rates) -> Fraction | None:
    """The end of a paragraph timed only by its spans (each relative to the paragraph's begin)."""
    ends = [_interval(span, begin, None, rates)[1] for span in p.iter(f"{{{TTML}}}span")]
    ends = [e for e in ends if e is not None]
    return max(ends) if ends else None


def paragraphs(root) -> Iterator[tuple[object, int, int]]:
    """Each ``<p>`` of the document in order with its begin and end in whole milliseconds."""
    rates = Rates.of(root)
    body = root.find(f"{{{TTML}}}body")
    if body is None:
        return
    for number, (p, begin, end) in enumerate(_timed(body, Fraction(0), None, rates), start=1):
        if end is None:
            raise BadInput(f"line {p.sourceline}: paragraph {number} has no end time (no end, dur, or timed parent)")
        yield p, round(begin * 1000), round(end * 1000)


def lines(p) -> list[str]:
    """The lines a paragraph shows: its text and its spans' text, split at ``<br/>``, white space collapsed."""
    parts: list[str] = []

    def walk(element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                local = child.tag.rsplit("}", 1)[-1]
                if local == "br":
                    parts.append("\n")
                elif local == "span":
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(p)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.split()]

"""SMPTE timecodes and frame-exact times: ``HH:MM:SS:FF``, drop-frame ``HH:MM:SS;FF`` and offsets.

Times stay integer milliseconds in cues; frames appear only here, at the edges where an editor
types or reads them. 29.97 drop-frame timecode skips frame numbers 00 and 01 at the start of
every minute except each tenth, so that the label keeps up with the clock: 00:00:59;29 is
followed by 00:01:00;02, and 00:10:00;00 exists. Frame arithmetic uses exact fractions, so
converting a frame number to milliseconds and back always lands on the same frame.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from castkit.errors import BadInput
from castkit.subtitles.profiles import FRAME_RATES

_TIMECODE = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})$")
_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)?$")


def rate_of(name: str) -> tuple[Fraction, bool]:
    """The exact frame rate and drop-frame flag of a rate name (``25``, ``23.976``, ``29.97df``)."""
    key = name.strip().lower()
    key = key[:-2] if key.endswith(".0") else key
    if key not in FRAME_RATES:
        raise BadInput(f"unknown frame rate {name!r}; choose one of {', '.join(FRAME_RATES)}")
    return FRAME_RATES[key]


def frame_ms(frame: int, rate: Fraction) -> int:
    """The millisecond (rounded) at which frame number ``frame`` starts."""
    return _round(Fraction(frame) * 1000 / rate)


def frame_at(ms: float | Fraction, rate: Fraction) -> int:
    """The number of the frame nearest ``ms``."""
    return _round(Fraction(ms) * rate / 1000)


def _round(value: Fraction) -> int:
    """Half up (never to even), so a time exactly between two frames always goes the same way."""
    return math.floor(value + Fraction(1, 2))


def _nominal(rate: Fraction) -> int:
    return round(rate)


def to_frames(hours: int, minutes: int, seconds: int, frames: int, rate: Fraction, drop: bool) -> int:
    """The frame count of a timecode (drop-frame: labels 00 and 01 skipped at most minute starts)."""
    base = _nominal(rate)
    if frames >= base or minutes > 59 or seconds > 59:
        raise BadInput(f"not a timecode at {float(rate):g} fps: {hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}")
    total_minutes = hours * 60 + minutes
    count = (total_minutes * 60 + seconds) * base + frames
    if drop:
        skipped = 2 * (base // 30)
        if seconds == 0 and frames < skipped and minutes % 10:
            raise BadInput(f"{hours:02d}:{minutes:02d}:00;{frames:02d} does not exist in drop-frame timecode")
        count -= skipped * (total_minutes - total_minutes // 10)
    return count


def timecode(frame: int, rate: Fraction, drop: bool = False) -> str:
    """``HH:MM:SS:FF`` (drop-frame: ``HH:MM:SS;FF``) of a frame count."""
    base = _nominal(rate)
    if drop:
        skipped = 2 * (base // 30)
        per_ten = base * 600 - skipped * 9
        per_minute = base * 60 - skipped
        tens, rest = divmod(frame, per_ten)
        if rest >= skipped:
            frame += skipped * 9 * tens + skipped * ((rest - skipped) // per_minute)
        else:
            frame += skipped * 9 * tens
    frames = frame % base
    seconds = frame // base
    separator = ";" if drop else ":"
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{separator}{frames:02d}"


def parse_time(text: str, rate: Fraction, drop: bool = False) -> Fraction:
    """Milliseconds (exact) of a timecode ``HH:MM:SS:FF`` or ``HH:MM:SS;FF`` (frames at ``rate``),
    a clock time ``HH:MM:SS.mmm`` / ``HH:MM:SS,mmm``, or seconds ``12.4`` / ``12.4s`` / ``400ms``."""
    value = text.strip()
    match = _TIMECODE.match(value)
    if match:
        hours, minutes, seconds, separator, last = match.groups()
        if separator in ".,":
            if int(minutes) > 59 or int(seconds) > 59:
                raise BadInput(f"not a time: {text!r}")
            return Fraction((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(last.ljust(3, "0"))
        if len(last) != 2:
            raise BadInput(f"not a timecode: {text!r} (frames have two digits)")
        count = to_frames(int(hours), int(minutes), int(seconds), int(last), rate, drop or separator == ";")
        return Fraction(count) * 1000 / rate
    match = _SECONDS.match(value)
    if match:
        number = Fraction(match.group(1))
        return number if match.group(2) == "ms" else number * 1000
    raise BadInput(f"cannot read {text!r} as a time: write 00:00:12.400, a timecode 10:00:00:00 or seconds such as 1.5s")


def parse_offset(text: str, rate: Fraction) -> Fraction:
    """A signed duration: ``+1.5s``, ``-00:00:02:10`` (2 s 10 frames earlier), ``-400ms``."""
    value = text.strip()
    sign = -1 if value.startswith("-") else 1
    return sign * parse_time(value.lstrip("+-").replace(";", ":"), rate)

"""Subtitle profiles: the broadcaster's numbers a cue must meet, as data.

Two built-in profiles follow the reference rules: ``broadcast`` (BBC/Ofcom/teletext: 37
characters, 2 lines, 180 wpm ≈ 17 cps, min max(0.3 s per word, 1 s), 7 s max, gaps closed or
at least 1 s, 25 fps) and ``streaming`` (Netflix English: 42 characters, 20 cps, 5/6 s to 7 s,
gaps under 0.5 s chained to 2 frames). A TOML file overrides any value of either::

    base = "streaming"          # optional, default "broadcast"
    max_chars = 40
    fps = "29.97df"

Korean copy follows Netflix's Korean rules (16 characters per line, 12 cps) whatever the
profile, via :meth:`Profile.for_language`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from pathlib import Path

from castkit.errors import BadInput
from castkit.text import korean_width

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FRAME_RATES: dict[str, tuple[Fraction, bool]] = {
    "23.976": (Fraction(24000, 1001), False),
    "24": (Fraction(24), False),
    "25": (Fraction(25), False),
    "29.97": (Fraction(30000, 1001), False),
    "29.97ndf": (Fraction(30000, 1001), False),
    "29.97df": (Fraction(30000, 1001), True),
    "30": (Fraction(30), False),
}
"""Frame rates by name: the exact rate and whether its timecode is drop-frame."""


@dataclass(frozen=True)
class Profile:
    """Limits for one delivery.

    ``min_ms_per_word`` and ``min_duration_ms`` combine as max(words × per-word, minimum).
    ``min_gap_frames`` is the hard minimum between cues; a gap shorter than ``close_gap_ms``
    is closed to that minimum (chained). ``max_cps`` counts characters as Netflix does.
    ``colours`` styles speakers in ASS, WebVTT and TTML; ``srt_colours`` adds ``<font color>``
    to SRT too, off by default because many playout systems reject tags in SRT.
    ``max_drift_ms`` bounds how far a read-rate estimated cue may start after its speech to
    stay readable; past it the cue keeps its time and the reading speed is reported.
    ``super_ms`` is how long a name super stays on screen from the start of a soundbite (or
    an element with a ``SUPER:``): cues in that time go to the top; 0 leaves them at the
    bottom. ``speaker_mark`` opens the first cue of a new speaker (SCC: ``>>``).
    """

    name: str
    max_chars: int
    max_lines: int
    max_cps: float
    min_duration_ms: int
    min_ms_per_word: int
    max_duration_ms: int
    min_gap_frames: int
    close_gap_ms: int
    fps: str
    colours: bool
    srt_colours: bool = False
    max_drift_ms: int = 8000
    language: str = "en"
    super_ms: int = 4000
    speaker_mark: str = ""

    def __post_init__(self) -> None:
        if self.fps not in FRAME_RATES:
            raise BadInput(f"unknown frame rate {self.fps!r}; choose one of {', '.join(FRAME_RATES)}")
        if (self.max_chars < 1 or self.max_lines < 1 or self.max_cps <= 0 or self.max_duration_ms < self.min_duration_ms
                or self.max_drift_ms < 0 or self.super_ms < 0):
            raise BadInput(f"profile {self.name!r} has impossible limits")

    @property
    def frame_rate(self) -> Fraction:
        return FRAME_RATES[self.fps][0]

    @property
    def drop_frame(self) -> bool:
        return FRAME_RATES[self.fps][1]

    @property
    def frame_ms(self) -> float:
        return float(1000 / self.frame_rate)

    def min_duration_for(self, word_count: int) -> int:
        return max(self.min_duration_ms, word_count * self.min_ms_per_word)

    def width(self, text: str) -> float:
        """Characters in ``text`` as this profile counts them: in Korean, Latin letters, digits,
        spaces and punctuation count half (Netflix's Korean guide); otherwise every character counts one."""
        return korean_width(text) if self.language == "ko" else len(text)

    @property
    def measure(self) -> Callable[[str], float]:
        """:meth:`width` as a plain function (``len`` outside Korean), for code that measures every word."""
        return korean_width if self.language == "ko" else len

    def characters(self, lines: Sequence[str]) -> float:
        """The characters of a cue's lines, for reading speed, counted as :meth:`width` does."""
        return sum(self.width(line) for line in lines)

    def for_language(self, language: str) -> Profile:
        """This profile adjusted for the script's language (Korean: 16 chars/line, 12 cps)."""
        if language.lower().startswith("ko") and self.language != "ko":
            return replace(self, max_chars=min(self.max_chars, 16), max_cps=min(self.max_cps, 12.0), language="ko")
        return self


BUILTIN: dict[str, Profile] = {
    "broadcast": Profile(
        name="broadcast",
        max_chars=37,
        max_lines=2,
        max_cps=17.0,
        min_duration_ms=1000,
        min_ms_per_word=300,
        max_duration_ms=7000,
        min_gap_frames=2,
        close_gap_ms=1000,
        fps="25",
        colours=True,
    ),
    "streaming": Profile(
        name="streaming",
        max_chars=42,
        max_lines=2,
        max_cps=20.0,
        min_duration_ms=833,
        min_ms_per_word=0,
        max_duration_ms=7000,
        min_gap_frames=2,
        close_gap_ms=500,
        fps="23.976",
        colours=False,
    ),
}


def load_profile(name_or_path: str | Path | None = None, *, fps: str | None = None) -> Profile:
    """A built-in profile by name, or a TOML file of overrides; ``fps`` overrides the frame rate."""
    key = str(name_or_path or "broadcast")
    if key in BUILTIN:
        profile = BUILTIN[key]
    elif key.endswith(".toml") or Path(key).is_file():
        profile = _from_toml(Path(key))
    else:
        raise BadInput(f"unknown profile {key!r}; use {', '.join(BUILTIN)} or a .toml file")
    return replace(profile, fps=_frame_rate_name(fps)) if fps else profile


def _frame_rate_name(value: str | float) -> str:
    name = str(value).strip().lower().replace(" ", "")
    if name.endswith(".0"):
        name = name[:-2]
    if name not in FRAME_RATES:
        raise BadInput(f"unknown frame rate {value!r}; choose one of {', '.join(FRAME_RATES)}")
    return name


def _from_toml(path: Path) -> Profile:
    from castkit.files import read_text

    source = read_text(path)
    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"not valid TOML: {exc}", where=str(path)) from None
    base_name = str(data.pop("base", "broadcast"))
    if base_name not in BUILTIN:
        raise BadInput(f"base must be one of {', '.join(BUILTIN)}, not {base_name!r}", where=str(path))
    known = {f.name: f.type for f in fields(Profile)} | {"name": "str"}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise BadInput(f"unknown profile keys: {', '.join(unknown)}", where=str(path))
    if "fps" in data:
        try:
            data["fps"] = _frame_rate_name(data["fps"])
        except BadInput as exc:
            raise BadInput(str(exc), where=str(path)) from None
    base = BUILTIN[base_name]
    overrides = {"name": path.stem}
    for key, value in data.items():
        expected = type(getattr(base, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise BadInput(f"{key} must be {expected.__name__}, not {value!r}", where=str(path))
        overrides[key] = value
    try:
        return replace(base, **overrides)
    except BadInput as exc:
        raise BadInput(str(exc), where=str(path)) from None

"""The language a subtitle file is in, told from its text, and the reading speed that goes with it.

A checker that holds a French file to English limits reports the wrong faults, so lint
detects the language (py3langid: a small model shipped in the package, no download) unless
told with ``--language``. Reading speeds follow Netflix's per-language guides: 20 characters
per second for English adult programmes, 17 for most other languages, fewer for scripts that
pack more into a character; a profile's own lower limit (broadcast: 17) always stands.
"""

from __future__ import annotations

from itertools import islice

from castkit.subtitles.cue import Cue
from castkit.subtitles.profiles import Profile

READING_CPS = {"en": 20.0, "ko": 12.0, "ja": 4.0, "zh": 9.0}
"""Characters per second by ISO 639-1 code; languages not listed read at :data:`OTHER_CPS`."""
OTHER_CPS = 17.0
MIN_LETTERS = 40
"""Below this many letters the text is too short to tell its language: the profile's stands."""
SAMPLE_CUES = 2000
"""The language is told from at most this many cues, spread evenly over the file: plenty for
the classifier, and a 64 MB file is not read through it whole."""


def detect_language(cues: list[Cue]) -> str | None:
    """The ISO 639-1 code of the cues' language, or None when there is too little text (or no language) to tell."""
    text = " ".join(c.text for c in cues[:: max(1, len(cues) // SAMPLE_CUES)])
    if len(list(islice((ch for ch in text if ch.isalpha()), MIN_LETTERS))) < MIN_LETTERS:  # stops at enough letters
        return None
    import py3langid

    code, _score = py3langid.classify(text)
    return str(code) if len(str(code)) == 2 else None  # "zxx": no linguistic content


def for_language(profile: Profile, language: str) -> Profile:
    """``profile`` for subtitles in ``language``: its line limits (Korean's narrower ones) and that language's reading speed."""
    from dataclasses import replace

    code = language.split("-")[0].lower()
    adjusted = profile.for_language(code)
    cps = min(adjusted.max_cps, READING_CPS.get(code, OTHER_CPS))
    return replace(adjusted, max_cps=cps, language=code)

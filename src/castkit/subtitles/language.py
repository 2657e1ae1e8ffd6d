"""The language a subtitle file is in, told from its text, and the reading speed that goes with it.

A checker that holds a French file to English limits reports the wrong faults, so lint
detects the language (py3langid: a small model shipped in the package, no download) unless
told with ``--language``. The model ships xz-compressed, and unpacking it took half a second of
every run that lints, so an unpacked copy is kept in the user's cache folder
(``$CASTKIT_CACHE_DIR``, else the platform's, e.g. ``~/.cache/castkit``) and read from there.
Reading speeds follow Netflix's per-language guides: 20 characters
per second for English adult programmes, 17 for most other languages, fewer for scripts that
pack more into a character; a profile's own lower limit (broadcast: 17) always stands.
"""

from __future__ import annotations

import os
from array import array
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from castkit.subtitles.cue import Cue
from castkit.subtitles.profiles import Profile

if TYPE_CHECKING:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

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
    code, _score = _identifier().classify(text)
    return str(code) if len(str(code)) == 2 else None  # "zxx": no linguistic content


def for_language(profile: Profile, language: str) -> Profile:
    """``profile`` for subtitles in ``language``: its line limits (Korean's narrower ones) and that language's reading speed."""
    from dataclasses import replace

    code = language.split("-")[0].lower()
    adjusted = profile.for_language(code)
    cps = min(adjusted.max_cps, READING_CPS.get(code, OTHER_CPS))
    return replace(adjusted, max_cps=cps, language=code)


def cache_dir() -> Path:
    """The folder castkit keeps derived data in that it can rebuild at any time."""
    if os.environ.get("CASTKIT_CACHE_DIR"):
        return Path(os.environ["CASTKIT_CACHE_DIR"])
    from platformdirs import user_cache_path

    return user_cache_path("castkit")


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's classifier, built from the unpacked copy of its model (made on first use).

    When the cache folder cannot be written, or the copy was damaged, the shipped model is
    read as py3langid reads it.
    """
    from py3langid import langid

    try:
        arrays = _unpacked_model(langid.MODEL_DIR / langid.MODEL_FILE)
        return langid.LanguageIdentifier(
            arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), _stdlib_array(arrays["nextmove"]),
            arrays["out_feat"].tolist(), tk_row=_stdlib_array(arrays["nextmove_row"]),
        )
    except (OSError, ValueError, KeyError):
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)


def _unpacked_model(shipped: Path) -> dict[str, np.ndarray]:
    """The arrays of the model file ``shipped`` (npz inside xz), mapped from the cache folder's unpacked copy.

    The copy is a folder of ``.npy`` files, one per array, named after the shipped file's size
    and time (an upgraded py3langid makes a new one). Mapped, only the rows of the 28 MB
    weight table a text needs are read. The folder is filled under a temporary name and
    renamed, so no reader sees half of it.
    """
    import numpy as np

    stat = shipped.stat()
    copy = cache_dir() / f"py3langid-model-{stat.st_size}-{stat.st_mtime_ns}"
    if not copy.is_dir():
        _unpack(shipped, copy)
    return {item.stem: np.load(item, mmap_mode="r") for item in copy.glob("*.npy")}


def _unpack(shipped: Path, copy: Path) -> None:
    """Write the arrays of ``shipped`` as ``.npy`` files into the new folder ``copy``."""
    import lzma
    import shutil
    import tempfile

    import numpy as np

    copy.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=copy.parent, prefix=".py3langid-"))
    try:
        with lzma.open(shipped) as source, np.load(source, allow_pickle=False) as arrays:
            for name in arrays.files:
                np.save(staging / f"{name}.npy", arrays[name], allow_pickle=False)
        staging.rename(copy)
    except OSError:
        if copy.is_dir():  # another command unpacked it first
            return
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stdlib_array(values: np.ndarray) -> array:
    """A NumPy array of unsigned integers as the stdlib ``array`` py3langid walks its automaton over."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(values).cast("B"))
    return out

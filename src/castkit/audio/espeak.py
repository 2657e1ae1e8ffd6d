"""The espeak-ng library shipped by the ``espeakng-loader`` wheel, behind one small boundary.

castkit uses espeak-ng for two things only: phonemes for words the aligner's dictionary lacks
(:mod:`castkit.audio.pronounce`) and synthesised sample audio with exact word onsets
(``scripts/make_sample_audio.py``). espeak-ng is GPL-3.0-or-later, so it is loaded lazily
through ctypes here and nowhere else; nothing in castkit links to it at import time.
"""

from __future__ import annotations

import ctypes
from functools import cache

import numpy as np

SAMPLE_RATE = 22050
"""espeak-ng always synthesises at this rate."""

_SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: synthesis returns when done, audio via callback
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_RATE = 1  # espeak_PARAMETER espeakRATE, words per minute
_SEED = 1  # espeak-ng's noise generator is seeded from the clock unless set


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),
    ]


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


@cache
def _library() -> ctypes.CDLL:
    import espeakng_loader

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    if lib.espeak_Initialize(_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0) <= 0:
        raise RuntimeError("espeak-ng failed to initialise")
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
    return lib


def phonemes(text: str, voice: str = "en-us") -> str:
    """espeak-ng's ASCII phoneme mnemonics for ``text``, ``_`` between phonemes, clauses joined by spaces."""
    lib = _library()
    lib.espeak_SetVoiceByName(voice.encode())
    pointer, clauses = ctypes.c_char_p(text.encode("utf-8")), []
    while pointer.value:  # one clause per call; the call advances the pointer
        clauses.append(lib.espeak_TextToPhonemes(ctypes.byref(pointer), _CHARS_UTF8, ord("_") << 8).decode())
    return " ".join(clauses)


def synthesise(text: str, voice: str, rate_wpm: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Speak ``text``: int16 samples at :data:`SAMPLE_RATE` and word events.

    Each event is ``(text_position, audio_ms)``: the 1-based character offset of a word in
    ``text`` and when espeak-ng starts saying it.
    """
    lib = _library()
    chunks: list[np.ndarray] = []
    events: list[tuple[int, int]] = []

    def on_audio(wav, count, event):  # type: ignore[no-untyped-def]
        if count > 0:
            chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        i = 0
        while event[i].type != _EVENT_LIST_TERMINATED:
            if event[i].type == _EVENT_WORD:
                events.append((event[i].text_position, event[i].audio_position))
            i += 1
        return 0

    callback = _Callback(on_audio)  # must stay alive while synthesising
    lib.espeak_SetSynthCallback(callback)
    lib.espeak_SetVoiceByName(voice.encode())
    lib.espeak_SetParameter(_RATE, rate_wpm, 0)
    lib.espeak_ng_SetRandSeed(ctypes.c_long(_SEED))  # voices with breath noise (+f3) would differ from run to run
    data = text.encode("utf-8")
    lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
    lib.espeak_Synchronize()
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    return samples.astype(np.int16), events

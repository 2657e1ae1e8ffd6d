"""Audio input, voice activity and dictionary normalisation, checked with real decodes."""

from __future__ import annotations

import json
import subprocess
import wave

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from castkit.audio.load import RATE, ffmpeg, load
from castkit.audio.pronounce import Lexicon, arpabet, cardinal, number_words
from castkit.audio.speech import speech_regions
from castkit.errors import BadInput
from conftest import MEDIA

SAMPLE = MEDIA / "arirang-284316.mp3"
TRUTH = json.loads((MEDIA / "arirang-284316.truth.json").read_text("utf-8"))


def write_wav(path, samples: np.ndarray, rate: int, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def test_mp3_sample_decodes_to_its_true_length():
    audio = load(SAMPLE)
    assert audio.samples.dtype == np.int16
    assert abs(audio.duration_ms - TRUTH["duration_ms"]) <= 60


def test_stereo_44k_wav_is_decoded_to_16k_mono_keeping_pitch(tmp_path):
    t = np.arange(44100 * 2) / 44100
    tone = (8000 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)
    write_wav(tmp_path / "tone.wav", np.repeat(tone, 2), 44100, channels=2)
    audio = load(tmp_path / "tone.wav")
    assert abs(len(audio.samples) - 2 * RATE) <= 2
    spectrum = np.abs(np.fft.rfft(audio.samples.astype(float)))
    assert abs(np.argmax(spectrum) * RATE / len(audio.samples) - 1000) < 5


def test_m4a_decodes_like_the_mp3(tmp_path):
    m4a = tmp_path / "sample.m4a"
    subprocess.run([ffmpeg(), "-loglevel", "error", "-i", str(SAMPLE), "-t", "10", "-b:a", "48k", str(m4a)], check=True)
    a, b = load(SAMPLE).samples[: 10 * RATE].astype(float), load(m4a).samples.astype(float)
    assert abs(len(b) - len(a)) < RATE // 10
    n = min(len(a), len(b)) - 2000
    lag = int(np.argmax([np.dot(a[1000 : 1000 + n - 2000], b[1000 + k : 1000 + k + n - 2000]) for k in range(-400, 401, 8)])) * 8 - 400
    assert abs(lag) <= 50  # AAC priming is trimmed: the same speech at the same time (within 3 ms)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"this is not audio at all\n" * 20, "not an audio or video file"), (None, "silent")],
)
def test_unusable_audio_is_refused_clearly(tmp_path, content, message):
    path = tmp_path / "bad.wav"
    if content is None:
        write_wav(path, np.zeros(RATE, np.int16), RATE)
    else:
        path.write_bytes(content)
    with pytest.raises(BadInput, match=message) as caught:
        load(path)
    assert str(path) in str(caught.value)


def test_missing_audio_is_named(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        load(tmp_path / "absent.mp3")


def test_speech_regions_start_where_sentences_start():
    regions = speech_regions(load(SAMPLE))
    starts = np.array([r.start_ms for r in regions])
    for element in TRUTH["elements"]:
        for sentence in element["sentences"]:
            # regions cut search windows and restart points (the decoder places words): 30 ms detector frames
            assert np.min(np.abs(starts - sentence["start_ms"])) <= 100, sentence["text"]


# ---------------------------------------------------------------- pronunciation

_VALUES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_VALUES.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}


def read_cardinal(words: list[str]) -> int:
    """An independent reader of English cardinals, to check the speller against."""
    total, group = 0, 0
    for w in words:
        if w in _VALUES:
            group += _VALUES[w]
        elif w == "hundred":
            group *= 100
        else:
            total += group * _SCALE[w]
            group = 0
    return total + group


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_cardinals_read_back_to_the_number(n):
    assert read_cardinal(cardinal(n)) == n


@pytest.fixture(scope="module")
def decoder():
    from pocketsphinx import Decoder

    return Decoder(lm=None, samprate=16000, dither=True, loglevel="FATAL")


def lexicon_for(decoder) -> Lexicon:
    return Lexicon(decoder.lookup_word, lambda word, phones: decoder.add_word(word, phones, True))


_TOKENS = st.sampled_from(
    ["U.S.", "Kim", "Jong-un", "NK", "2025", "$5", "10%", "21st", "1990s", "3.5", "1,200", "Pyongyang's", '"North', "Arirang", "sanctions,", "U.S.-North", "groundbreaking.", "Xyzzq", "ecommerce"]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=12))
def test_every_token_maps_to_known_words_in_order(decoder, tokens):
    lexicon = lexicon_for(decoder)
    transcript = lexicon.transcribe(tokens)
    assert sorted(set(transcript.tokens)) == list(range(len(tokens)))
    assert transcript.tokens == sorted(transcript.tokens)
    assert all(decoder.lookup_word(w) for w in transcript.words)


def test_normalisation_rules(decoder):
    lexicon = lexicon_for(decoder)
    assert lexicon.token_words("Jong-un") == ["jong", "un"]
    assert lexicon.token_words("NK") == ["n", "k"]
    assert lexicon.token_words("U.S.") == ["u.s."]
    assert lexicon.token_words('"North') == ["north"]
    assert number_words("2025") == ["twenty", "twenty", "five"]
    assert number_words("$1,200") == ["one", "thousand", "two", "hundred", "dollars"]
    assert number_words("21st") == ["twenty", "first"]
    assert number_words("10%") == ["ten", "percent"]


def test_unknown_words_get_a_reported_espeak_pronunciation():
    from pocketsphinx import Decoder

    decoder = Decoder(lm=None, samprate=16000, dither=True, loglevel="FATAL")
    lexicon = lexicon_for(decoder)
    assert lexicon.token_words("Arirang,") == ["arirang"]
    assert lexicon.guessed == {"arirang": "AE R ER R AE NG"}
    assert decoder.lookup_word("arirang") == "AE R ER R AE NG"
    assert arpabet("p_j_0_N_j_'A:_N") == "P Y AA NG Y AA NG"

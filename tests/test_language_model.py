"""The language model's unpacked copy: the same answers as py3langid's own, made once, safely."""

from __future__ import annotations

import pytest
from py3langid import langid

from castkit.subtitles import language

TEXTS = (
    "The finance ministry said on Thursday that exports rose for a third straight month.",
    "Le ministère des Finances a annoncé jeudi que les exportations avaient augmenté.",
    "Das Finanzministerium teilte am Donnerstag mit, dass die Exporte gestiegen sind.",
    "El ministerio de Finanzas dijo el jueves que las exportaciones aumentaron.",
    "기획재정부는 목요일 수출이 3개월 연속 증가했다고 밝혔습니다.",
    "財務省は木曜日、輸出が3か月連続で増加したと発表した。",
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and no classifier loaded yet in this process."""
    monkeypatch.setenv("CASTKIT_CACHE_DIR", str(tmp_path / "cache"))
    language._identifier.cache_clear()
    yield tmp_path / "cache"
    language._identifier.cache_clear()


def _shipped() -> langid.LanguageIdentifier:
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)


def test_unpacked_copy_classifies_exactly_as_the_shipped_model(cache):
    shipped = _shipped()
    for text in TEXTS:
        assert language._identifier().classify(text) == shipped.classify(text)
    assert [code for code, _ in map(language._identifier().classify, TEXTS)] == ["en", "fr", "de", "es", "ko", "ja"]


def test_the_copy_is_made_once_and_then_read(cache):
    language._identifier()
    (copy,) = cache.iterdir()
    stamps = {item.name: item.stat().st_mtime_ns for item in copy.iterdir()}
    assert "nextmove.npy" in stamps and "ptc.npy" in stamps
    language._identifier.cache_clear()
    language._identifier()
    assert {item.name: item.stat().st_mtime_ns for item in copy.iterdir()} == stamps
    assert list(cache.iterdir()) == [copy]  # no staging folder left behind


def test_a_copy_made_meanwhile_by_another_command_is_kept(cache):
    shipped = langid.MODEL_DIR / langid.MODEL_FILE
    language._identifier()
    (copy,) = cache.iterdir()
    language._unpack(shipped, copy)  # the rename finds the folder there: the first copy stands
    assert list(cache.iterdir()) == [copy]


def test_an_unwritable_cache_falls_back_to_the_shipped_model(cache):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")
    assert language._identifier().classify(TEXTS[1]) == _shipped().classify(TEXTS[1])


def test_a_damaged_copy_falls_back_to_the_shipped_model(cache):
    language._identifier()
    (copy,) = cache.iterdir()
    (copy / "ptc.npy").write_bytes(b"not an array")
    language._identifier.cache_clear()
    assert language._identifier().classify(TEXTS[2]) == _shipped().classify(TEXTS[2])

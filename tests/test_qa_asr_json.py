"""Machine transcripts (the JSON speech engines write) as QA inputs, end to end.

Every fixture under fixtures/asr was written by hand from its engine's documented output and
transcribes the same news item as ``port-strike.castkit``, with errors known word by word:
each engine hears "Dock" as "Doc" and drops "new"; some write "$40 million" for "40 million
dollars" (a deleted "dollars"), "2300" for "2,300" (a substitution), or add a filler "um".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from castkit.qa import inputs
from castkit.qa.asr_json import READABLE, read_asr
from conftest import FIXTURES, run_cli

ASR = FIXTURES / "asr"
SCRIPT = ASR / "port-strike.castkit"
SCRIPT_WORDS = 53
ENGINES = "Whisper, whisper.cpp, AWS Transcribe, Google Speech-to-Text, Deepgram, AssemblyAI, Rev.ai, Azure Speech, Speechmatics"

# fixture, engine shown as the format, substitutions, deletions, insertions
CASES = [
    ("whisper.json", "whisper", 1, 1, 0),
    ("whisperx.json", "whisper", 1, 1, 0),
    ("whisper-cpp.json", "whisper.cpp", 1, 1, 0),
    ("aws-transcribe.json", "aws-transcribe", 1, 1, 0),
    ("google-speech.json", "google-speech", 1, 1, 0),
    ("deepgram.json", "deepgram", 1, 1, 0),
    ("assemblyai.json", "assemblyai", 1, 2, 0),
    ("rev-ai.json", "rev-ai", 1, 2, 1),
    ("azure-speech.json", "azure-speech", 2, 2, 0),
    ("speechmatics.json", "speechmatics", 2, 1, 0),
]


def _qa(*args: str) -> tuple[int, dict, list[str]]:
    """Exit code, the castkit.qa/1 document and the stderr lines of ``castkit qa ... --json``."""
    done = run_cli("qa", *args, "--json")
    stderr = done.stderr.decode().splitlines()
    assert done.returncode in (0, 1), stderr
    return done.returncode, json.loads(done.stdout), stderr


def _refused(*args: str) -> str:
    """The one stderr line of a ``castkit qa`` run that must exit 2."""
    done = run_cli("qa", *args)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2 and len(lines) == 1, (done.returncode, lines)
    assert "Traceback" not in lines[0]
    return lines[0]


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("fixture", "engine", "subs", "dels", "ins"), CASES)
def test_each_engine_scores_its_known_errors(fixture: str, engine: str, subs: int, dels: int, ins: int) -> None:
    code, data, stderr = _qa(str(SCRIPT), str(ASR / fixture))
    assert code == 0 and stderr == []
    assert data["hypothesis"] == {"name": str(ASR / fixture), "kind": "asr", "format": engine}
    counts = data["counts"]
    assert (counts["substitutions"], counts["deletions"], counts["insertions"]) == (subs, dels, ins)
    assert counts["ref_words"] == SCRIPT_WORDS and counts["hits"] == SCRIPT_WORDS - subs - dels
    assert data["wer"] == pytest.approx((subs + dels + ins) / SCRIPT_WORDS)
    assert {"ref": "dock", "hyp": "doc", "count": 1} in data["confusions"]
    assert {"word": "new", "count": 1} in data["deletions"]
    assert data["notices"] == []


@pytest.mark.parametrize(("fixture", "engine"), [(case[0], case[1]) for case in CASES])
def test_detected_by_extension_and_by_content(fixture: str, engine: str) -> None:
    text = (ASR / fixture).read_text(encoding="utf-8")
    assert inputs.detect(text, fixture) == "asr"
    assert inputs.detect(text, "<stdin>") == "asr"  # no extension: the content says it is JSON
    loaded = inputs.load(ASR / fixture)
    assert (loaded.kind, loaded.detail) == ("asr", engine)


def test_piped_on_stdin() -> None:
    done = run_cli("qa", str(SCRIPT), "-", "--json", input=(ASR / "whisper.json").read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["hypothesis"]["format"] == "whisper" and data["counts"]["substitutions"] == 1


@pytest.mark.parametrize(("fixture", "speakers", "utterances"), [
    ("whisperx.json", ["SPEAKER_00", "SPEAKER_00", "SPEAKER_01", "SPEAKER_01"], 4),
    ("aws-transcribe.json", ["spk_0", "spk_1"], 2),
    ("deepgram.json", ["0", "1"], 2),
    ("assemblyai.json", ["A", "B"], 2),
    ("rev-ai.json", ["Maria Lopez", "Daniel Reyes"], 2),
    ("speechmatics.json", ["S1", "S2"], 2),
    ("whisper.json", [None] * 4, 4),
    ("google-speech.json", [None] * 3, 3),
    ("azure-speech.json", [None], 1),
])
def test_segments_keep_the_engines_speakers(fixture: str, speakers: list[str | None], utterances: int) -> None:
    segments = inputs.load(ASR / fixture).segments
    assert [s.speaker for s in segments] == speakers
    assert [s.utterance for s in segments] == [str(n) for n in range(1, utterances + 1)]
    assert segments[-1].text.endswith("fair pay, that's all.")


def test_word_by_word_engines_attach_punctuation() -> None:
    """AWS and Speechmatics list words and marks apart: the text reads as the engine's own transcript."""
    aws = read_asr((ASR / "aws-transcribe.json").read_text(encoding="utf-8"), "aws")
    assert aws is not None
    assert aws.segments[1].text == "We're not asking for much. We want safe shifts and fair pay, that's all."
    words = [("He", None), ("said", None), ("\u201c", "next"), ("no", None), ("\u201d", "previous"),
             (".", None), ("A", None), ("well", None), ("-", "both"), ("known", None), ("&", "none"), ("Co", None)]
    results = [{"type": "punctuation" if attaches or not content.isalpha() else "word",
                "alternatives": [{"content": content, "speaker": "S1"}],
                **({"attaches_to": attaches} if attaches else {})}
               for content, attaches in words]
    reading = read_asr(json.dumps({"format": "2.9", "results": results}), "sm")
    assert reading is not None
    assert [s.text for s in reading.segments] == ["He said \u201cno\u201d. A well-known & Co"]


def test_aws_speakers_from_the_older_speaker_segments(tmp_path: Path) -> None:
    """Older AWS files put speaker labels only in speaker_labels.segments, matched by start time."""
    data = json.loads((ASR / "aws-transcribe.json").read_text(encoding="utf-8"))
    for item in data["results"]["items"]:
        item.pop("speaker_label")
    older = inputs.load(_write(tmp_path / "older.json", data))
    assert [(s.speaker, s.text[:12]) for s in older.segments] == [("spk_0", "Good evening"), ("spk_1", "We're not as")]
    del data["results"]["speaker_labels"]
    plain = inputs.load(_write(tmp_path / "plain.json", data))
    assert [s.speaker for s in plain.segments] == [None]
    assert plain.text == data["results"]["transcripts"][0]["transcript"]


def test_an_asr_reference_breaks_down_by_its_speakers() -> None:
    code, data, _ = _qa(str(ASR / "whisperx.json"), str(SCRIPT))
    assert code == 0 and data["reference"]["kind"] == "asr"
    by_speaker = {row["speaker"]: row["counts"] for row in data["by_speaker"]}
    assert set(by_speaker) == {"SPEAKER_00", "SPEAKER_01"}
    assert by_speaker["SPEAKER_01"]["ref_words"] == 14 and by_speaker["SPEAKER_01"]["hits"] == 14
    assert by_speaker["SPEAKER_00"]["substitutions"] == 1 and by_speaker["SPEAKER_00"]["insertions"] == 1


def test_only_the_first_channel_is_scored_and_a_notice_says_so() -> None:
    fixture = ASR / "deepgram-stereo.json"
    code, data, stderr = _qa(str(SCRIPT), str(fixture))
    message = "2 audio channels: only the first channel's transcript is scored"
    assert code == 0
    assert data["notices"] == [{"topic": "qa", "where": str(fixture), "message": message}]
    assert stderr == [f"castkit: warning: qa: {fixture}: {message}"]
    assert data["counts"]["hyp_words"] == 52 and data["counts"]["insertions"] == 0  # channel 2's talkback left out
    assert run_cli("qa", str(SCRIPT), str(fixture), "--strict").returncode == 1


def test_google_channels_are_told_by_their_tag(tmp_path: Path) -> None:
    results = [{"alternatives": [{"transcript": "Good evening.", "confidence": 0.9}], "channelTag": 1},
               {"alternatives": [{"transcript": "Stand by, studio.", "confidence": 0.9}], "channelTag": 2},
               {"alternatives": [{"transcript": " Dock workers walked out.", "confidence": 0.9}], "channelTag": 1}]
    loaded = inputs.load(_write(tmp_path / "stereo.json", {"results": results}))
    assert [s.text for s in loaded.segments] == ["Good evening.", "Dock workers walked out."]
    assert [n.message for n in loaded.notices] == ["2 audio channels: only the first channel's transcript is scored"]


def test_a_transcript_without_words_is_a_notice(tmp_path: Path) -> None:
    silent = _write(tmp_path / "silent.json", {"text": "", "segments": [], "language": "en"})
    code, data, stderr = _qa(str(SCRIPT), str(silent))
    assert code == 0 and data["counts"]["deletions"] == SCRIPT_WORDS and data["wer"] == 1
    assert stderr == [f"castkit: warning: qa: {silent}: the machine transcript holds no words"]
    code, data, _ = _qa(str(silent), str(SCRIPT))
    assert code == 0 and data["wer"] is None and data["counts"]["insertions"] == SCRIPT_WORDS


def test_other_json_is_refused_naming_what_castkit_reads(tmp_path: Path) -> None:
    other = _write(tmp_path / "captions.json", {"transcript": "Good evening.", "duration": 2.5})
    line = _refused(str(SCRIPT), str(other))
    assert line == (f"castkit: error: {other}: JSON that is neither castkit segment JSON nor a machine "
                    f"transcript castkit reads ({ENGINES})")
    assert READABLE == ENGINES
    assert _refused(str(SCRIPT), str(_write(tmp_path / "list.json", [1, 2]))).endswith(f"({ENGINES})")


def test_castkit_segment_json_is_still_a_script(tmp_path: Path) -> None:
    done = run_cli("parse", str(SCRIPT), "--json")
    assert done.returncode == 0, done.stderr.decode()
    segment = tmp_path / "port-strike.json"
    segment.write_bytes(done.stdout)
    assert inputs.detect(segment.read_text(encoding="utf-8"), segment.name) == "script"
    code, data, _ = _qa(str(segment), str(ASR / "whisper.json"))
    assert code == 0 and data["reference"]["kind"] == "script" and data["counts"]["ref_words"] == SCRIPT_WORDS
    assert _refused(str(SCRIPT), str(segment), "--hyp-format", "asr") == (
        f"castkit: error: {segment}: not a machine transcript castkit reads ({ENGINES})")


def test_forcing_asr_on_text_is_one_line(tmp_path: Path) -> None:
    transcript = tmp_path / "transcript.txt"
    transcript.write_text("Good evening. Dock workers walked off the job.\n", encoding="utf-8")
    line = _refused(str(SCRIPT), str(transcript), "--hyp-format", "asr")
    assert line == f"castkit: error: {transcript}: not valid JSON (line 1, column 1): Expecting value"
    code, data, _ = _qa(str(SCRIPT), str(ASR / "speechmatics.json"), "--hyp-format", "asr")
    assert code == 0 and data["hypothesis"]["format"] == "speechmatics"


def test_a_field_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.json", {"text": "x", "segments": [{"start": 0, "end": 1, "text": "ok"},
                                                                   {"start": 1, "end": 2, "text": 7}]})
    assert _refused(str(SCRIPT), str(bad)) == f"castkit: error: {bad}: Whisper JSON: segments[1].text is not text"


def test_scores_python_engines_write_as_nan_are_read(tmp_path: Path) -> None:
    """Whisper is written by Python's json module, which spells a missing score NaN: castkit reads no scores."""
    whisper = tmp_path / "nan.json"
    whisper.write_text('{"text": " Good evening.", "segments": [{"id": 0, "start": 0.0, "end": 1.2, '
                       '"text": " Good evening.", "avg_logprob": NaN, "compression_ratio": Infinity}]}', encoding="utf-8")
    assert inputs.load(whisper).text == "Good evening."


def test_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "surrogate.json"
    broken.write_text('{"id": "t1", "text": "Good \\ud800 evening", "words": []}', encoding="utf-8")
    assert "lone surrogate" in _refused(str(SCRIPT), str(broken))


def test_a_speech_engines_transcript_given_as_a_script_is_refused_by_name() -> None:
    done = run_cli("parse", str(ASR / "whisper.json"))
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1
    assert "speech engine's transcript (Whisper JSON), not a script" in done.stderr.decode()
    assert "castkit qa" in done.stderr.decode()


def test_json_nested_too_deeply_is_refused_once_by_the_reader_that_tried_it(tmp_path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": "x", "segments": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    done = run_cli("qa", str(ASR / "port-strike.castkit"), str(deep))
    assert done.returncode == 2
    assert done.stderr.decode() == f"castkit: error: {deep}: JSON nested more than 500 levels deep\n"

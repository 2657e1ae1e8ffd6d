"""Alignment of the seed script to its bundled sample audio, scored against the exact truth."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from castkit.audio.align import align_bulletin
from castkit.ingest import parse_file
from castkit.text import words
from castkit.timings import Status, from_dict, to_dict
from conftest import MEDIA, SEED, run_cli

pytestmark = pytest.mark.slow

ON = MEDIA / "arirang-284316.mp3"
OFF = MEDIA / "arirang-284316-offscript.mp3"


def truth(name: str) -> dict:
    return json.loads((MEDIA / f"{name}.truth.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def bulletin():
    return parse_file(SEED).bulletin


@pytest.fixture(scope="module")
def on_script(bulletin):
    progress: list[float] = []
    timeline = align_bulletin(bulletin, ON, on_progress=progress.append)
    return timeline, progress


@pytest.fixture(scope="module")
def off_script(bulletin):
    return align_bulletin(bulletin, OFF)


def word_errors(timeline, facts) -> np.ndarray:
    errors = []
    for expected, got in zip(facts["elements"], timeline.elements):
        for t, w in zip(expected["words"], got.words):
            if t["start_ms"] is not None and w.status is not Status.MISSING:
                errors += [abs(t["start_ms"] - w.start_ms), abs(t["end_ms"] - w.end_ms)]
    return np.array(errors)


def sentence_errors(timeline, facts) -> np.ndarray:
    """Start and end error of every sentence present in the audio (a subtitle cue's boundaries)."""
    errors = []
    for expected, got in zip(facts["elements"], timeline.elements):
        first = 0
        for sentence in expected["sentences"]:
            count = len(words(sentence["text"]))
            if not sentence["missing"]:
                span = got.words[first : first + count]
                errors += [abs(sentence["start_ms"] - span[0].start_ms), abs(sentence["end_ms"] - span[-1].end_ms)]
            first += count
    return np.array(errors)


def test_timeline_has_exactly_the_script_words(bulletin, on_script):
    timeline, _ = on_script
    spoken = [(s, i, e) for s, story in enumerate(bulletin.stories) for i, e in enumerate(story.elements) if e.spoken]
    assert [(e.story, e.index) for e in timeline.elements] == [(s, i) for s, i, _ in spoken]
    for timing, (_, _, element) in zip(timeline.elements, spoken):
        assert [w.text for w in timing.words] == words(element.text)
    assert from_dict(json.loads(json.dumps(to_dict(timeline)))) == timeline  # valid castkit.timings/1


def test_on_script_word_and_cue_accuracy(on_script):
    timeline, progress = on_script
    facts = truth("arirang-284316")
    assert all(w.status is Status.MEASURED for e in timeline.elements for w in e.words)
    assert timeline.mismatches == []
    w = word_errors(timeline, facts)
    assert np.median(w) <= 15 and (w <= 50).mean() >= 0.90
    s = sentence_errors(timeline, facts)
    assert s.mean() <= 30 and (s <= 100).mean() >= 0.95 and s.max() <= 150
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_words_never_run_backwards(on_script):
    timeline, _ = on_script
    times = [(w.start_ms, w.end_ms) for e in timeline.elements for w in e.words]
    assert all(a <= b for a, b in times)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(times, times[1:]))


def test_off_script_names_the_cut_and_the_added_sentence_without_shifting_the_rest(off_script):
    facts = truth("arirang-284316-offscript")
    cut = [s["text"] for e in facts["elements"] for s in e["sentences"] if s["missing"]]
    missing = [m for m in off_script.mismatches if m.type == "missing_in_audio"]
    extra = [m for m in off_script.mismatches if m.type == "extra_in_audio"]
    assert [m.text for m in missing] == cut
    (added,) = facts["extra"]
    assert len(extra) == 1
    assert abs(extra[0].start_ms - added["start_ms"]) <= 300 and abs(extra[0].end_ms - added["end_ms"]) <= 300
    cut_words = [w for e in off_script.elements for w in e.words if w.status is Status.MISSING]
    assert len(cut_words) == len(words(cut[0]))
    w = word_errors(off_script, facts)
    assert np.median(w) <= 15 and (w <= 50).mean() >= 0.90 and w.max() <= 300


def test_cli_writes_timings_and_warns_once_per_mismatch(tmp_path):
    out = tmp_path / "timings.json"
    result = run_cli("align", str(SEED), str(OFF), "-o", str(out))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.decode().splitlines() if "warning: audio:" in line]
    assert len(warnings) == 2
    assert any("missing_in_audio" in line and "Asked about the matter" in line for line in warnings)
    assert any("extra_in_audio" in line for line in warnings)
    data = json.loads(out.read_text("utf-8"))
    assert {m["type"] for m in data["mismatches"]} == {"missing_in_audio", "extra_in_audio"}
    strict = run_cli("align", str(SEED), str(OFF), "-o", str(tmp_path / "strict.json"), "--strict", "--json")
    assert strict.returncode == 1 and (tmp_path / "strict.json").exists()
    summary = json.loads(strict.stdout)
    assert summary["words"]["missing"] == 12 and len(summary["mismatches"]) == 2


def test_cli_refuses_unusable_audio_without_output(tmp_path):
    out = tmp_path / "timings.json"
    result = run_cli("align", str(SEED), str(SEED), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "not an audio or video file" in lines[0] and "Traceback" not in lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def audio_cues(tmp_path_factory):
    """Cues of ``castkit subs --audio`` on the sample, each with the truth of its first and last word."""
    import re

    import srt

    out = tmp_path_factory.mktemp("subs") / "seed.srt"
    result = run_cli("subs", str(SEED), "--audio", str(ON), "-o", str(out))
    assert result.returncode == 0, result.stderr
    script_words = [w for e in truth("arirang-284316")["elements"] for w in e["words"]]
    at, cues = 0, []
    for cue in srt.parse(out.read_text("utf-8")):
        tokens = re.sub(r"<[^>]+>", "", cue.content).split()
        spoken = script_words[at : at + len(tokens)]
        assert [w["text"] for w in spoken] == tokens
        at += len(tokens)
        cues.append((cue.start.total_seconds() * 1000, cue.end.total_seconds() * 1000, spoken[0], spoken[-1]))
    assert at == len(script_words)
    return cues


def test_subs_from_audio_start_cues_at_the_speech(audio_cues):
    starts = np.array([abs(start - first["start_ms"]) for start, _, first, _ in audio_cues if first["start_ms"] is not None])
    assert (starts <= 100).mean() >= 0.95 and starts.mean() <= 30


def test_subs_from_audio_never_end_cues_well_before_the_speech(audio_cues):
    ends = [end - last["end_ms"] for _, end, _, last in audio_cues if last["end_ms"] is not None]
    # word ends are the decoder's: it gives an espeak-ng voice's final stop release (up to 120 ms)
    # to the silence; running ends on to the sound would run real voices into their breath instead
    assert min(ends) >= -150


def test_low_confidence_words_place_their_cues_like_measured_ones(bulletin, on_script):
    """A low-confidence word has a time from the audio: its cue starts at the speech (flagged by
    the alignment's notice), not where an estimated cue may drift to after its reading time."""
    from dataclasses import replace

    from castkit.subtitles.cues import build_cues
    from castkit.subtitles.profiles import load_profile

    timeline, _ = on_script
    doubted = replace(timeline, elements=[
        replace(e, status=Status.LOW, words=[replace(w, status=Status.LOW, confidence=0.2) for w in e.words]) for e in timeline.elements
    ])
    profile = load_profile("broadcast")
    measured = build_cues(bulletin, timeline, profile).cues
    low = build_cues(bulletin, doubted, profile).cues
    assert [(c.start_ms, c.end_ms, c.drift_ms) for c in low] == [(c.start_ms, c.end_ms, c.drift_ms) for c in measured]
    estimated = build_cues(bulletin, replace(doubted, elements=[
        replace(e, words=[replace(w, status=Status.ESTIMATED) for w in e.words]) for e in doubted.elements
    ]), profile).cues
    assert [c.start_ms for c in estimated] != [c.start_ms for c in measured]  # the difference the statuses make


@pytest.mark.parametrize("rounds", [1, 4])
def test_a_recording_that_opens_with_speech_not_in_the_script_is_aligned_not_refused(bulletin, tmp_path, rounds):
    """A tease or the end of the item before: 25 s of other voices ahead of the programme; or
    100 s, past the first minute, as when one story's script is aligned against the bulletin."""
    import subprocess

    import imageio_ffmpeg

    from castkit.audio.load import load
    from conftest import SHARED

    voices = sorted((SHARED / "audio" / "librivox").glob("*.wav"))[:8] * rounds
    lead, take = tmp_path / "lead.wav", tmp_path / "take.wav"
    mono = "".join(f"[{k}:a]aresample=16000,aformat=channel_layouts=mono[a{k}];" for k in range(len(voices)))
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", *[a for v in voices for a in ("-i", str(v))],
                    "-filter_complex", mono + "".join(f"[a{k}]" for k in range(len(voices))) + f"concat=n={len(voices)}:v=0:a=1[o]",
                    "-map", "[o]", str(lead)], check=True)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(lead), "-i", str(ON), "-filter_complex",
                    "[1:a]aresample=16000,aformat=channel_layouts=mono[s];[0:a][s]concat=n=2:v=0:a=1[o]", "-map", "[o]", str(take)],
                   check=True)
    offset = load(lead).duration_ms
    assert offset >= 20000 * rounds
    timeline = align_bulletin(bulletin, take)
    assert all(w.status is Status.MEASURED for e in timeline.elements for w in e.words)
    facts = truth("arirang-284316")
    for element in facts["elements"]:
        for word in element["words"]:
            word["start_ms"] = None if word["start_ms"] is None else word["start_ms"] + offset
            word["end_ms"] = None if word["end_ms"] is None else word["end_ms"] + offset
    w = word_errors(timeline, facts)
    assert np.median(w) <= 15 and (w <= 50).mean() >= 0.90
    extra = [m for m in timeline.mismatches if m.type == "extra_in_audio"]
    assert extra and extra[0].start_ms < 1000 and offset - 1000 < extra[-1].end_ms <= offset + 300
    assert [m for m in timeline.mismatches if m.type == "missing_in_audio"] == []


def test_a_package_recorded_without_the_anchor_lead_names_the_lead_missing_and_times_the_rest(bulletin, tmp_path):
    """The anchor reads the lead live: the recording is the package alone, from the track on."""
    import subprocess

    import imageio_ffmpeg

    facts = truth("arirang-284316")
    cut = facts["elements"][1]["start_ms"] - 300
    package = tmp_path / "package.wav"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-ss", f"{cut / 1000:.3f}", "-i", str(ON),
                    "-ac", "1", "-ar", "16000", str(package)], check=True)
    timeline = align_bulletin(bulletin, package)
    lead, *rest = timeline.elements
    assert all(w.status is Status.MISSING for w in lead.words)
    assert all(w.status is Status.MEASURED for e in rest for w in e.words)
    missing = [m.text for m in timeline.mismatches if m.type == "missing_in_audio"]
    assert missing == [s["text"] for s in facts["elements"][0]["sentences"]]
    for element in facts["elements"]:
        for word in element["words"]:
            word["start_ms"] = None if word["start_ms"] is None else word["start_ms"] - cut
            word["end_ms"] = None if word["end_ms"] is None else word["end_ms"] - cut
    facts["elements"] = facts["elements"][1:]
    w = word_errors(replace(timeline, elements=rest), facts)
    assert np.median(w) <= 15 and (w <= 50).mean() >= 0.90

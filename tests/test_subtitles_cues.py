"""Cue building from a model and a timeline: speakers, timing sources, fitting, safety."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from castkit.errors import BadInput
from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story, Super
from castkit.subtitles.cues import build_cues
from castkit.subtitles.speakers import CYAN, GREEN, WHITE, YELLOW
from castkit.subtitles.formats import render
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import parse_cues
from castkit.text import words
from castkit.timing import estimate_timeline
from castkit.timings import ElementTiming, Status, Timeline, WordTiming

import pytest


def story(*elements: Element, language: str = "en") -> Bulletin:
    return Bulletin(stories=[Story(title="t", elements=list(elements), language=language)])


ANCHOR = Speaker(role=Role.ANCHOR)
KIM = Speaker("Kim Jung-sil", role=Role.CORRESPONDENT)


def test_speakers_get_their_colours_and_instructions_never_appear():
    bulletin = story(
        Element(Kind.ANCHOR, "Good evening."),
        Element(Kind.INSTRUCTION, "ROLL PKG"),
        Element(Kind.TRACK, "The talks stalled.", KIM),
        Element(Kind.SOUNDBITE, "We will wait.", Speaker("Lee Min", role=Role.INTERVIEWEE), super=Super(["Lee Min", "Minister"])),
        Element(Kind.SOUNDBITE, "Nothing has changed.", Speaker("Park Ho", role=Role.INTERVIEWEE)),
        Element(Kind.SOUNDBITE, "It is late.", Speaker("Lee Min", role=Role.INTERVIEWEE)),
    )
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    assert [c.colour for c in subs.cues] == [WHITE, YELLOW, CYAN, GREEN, CYAN]
    assert "ROLL" not in " ".join(c.text for c in subs.cues)
    assert [c.raised for c in subs.cues] == [False, False, True, True, True]  # every soundbite has a name super
    assert r"{\an8}We will wait." in render(subs, "ass")
    assert "line:10%" in render(subs, "vtt").split("We will wait")[0].rsplit("-->", 1)[1]


def test_measured_words_pin_cue_starts_and_uncurable_speed_is_reported():
    text = "This sentence is spoken far too fast. Then another one follows it."
    tokens = words(text)
    times = [WordTiming(w, 1000 + 100 * i, 1090 + 100 * i, Status.MEASURED, 0.9) for i, w in enumerate(tokens)]
    timeline = Timeline([ElementTiming(0, "anchor", None, 1000, times[-1].end_ms, Status.MEASURED, times, 0)])
    subs = build_cues(story(Element(Kind.ANCHOR, text, ANCHOR)), timeline, load_profile("streaming", fps="25"))
    assert subs.cues[0].start_ms == 1000  # on the onset's 25 fps frame
    assert subs.drift_ms == 0
    assert {p.rule for p in subs.problems} == {"cps", "min-duration"}  # reported, not hidden
    assert subs.cues[0].end_ms == subs.cues[1].start_ms - 80  # chained to a 2-frame gap ...
    join = (times[6].end_ms + times[7].start_ms) / 2  # ... centred on a join with no pause to hold it
    assert abs((subs.cues[0].end_ms + subs.cues[1].start_ms) / 2 - join) <= 20


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.tuples(st.integers(120, 600), st.integers(0, 40)), min_size=1, max_size=9), min_size=2, max_size=8),
    st.lists(st.integers(0, 2500), min_size=8, max_size=8),
    st.sampled_from(["broadcast", "streaming"]),
    st.sampled_from(["25", "29.97", "23.976"]),
)
def test_measured_cues_start_and_end_within_half_the_gap_of_their_speech(sentences, pauses, name, fps):
    """However the speech runs, a measured cue starts within half the minimum gap (plus half a
    frame) of its onset and never ends more than that before its speech ends."""
    profile = load_profile(name, fps=fps)
    times, tokens, at = [], [], 1000
    for sentence, pause in zip(sentences, pauses):
        for n, (length, gap) in enumerate(sentence):
            tokens.append("word." if n == len(sentence) - 1 else "word")
            times.append(WordTiming(tokens[-1].rstrip("."), at, at + length, Status.MEASURED, 0.9))
            at += length + (pause if n == len(sentence) - 1 else gap)
    timeline = Timeline([ElementTiming(0, "anchor", None, 1000, times[-1].end_ms, Status.MEASURED, times, 0)])
    subs = build_cues(story(Element(Kind.ANCHOR, " ".join(tokens), ANCHOR)), timeline, profile)
    bound = (profile.min_gap_frames / 2 + 0.5) * profile.frame_ms + 1
    first = 0
    for cue in subs.cues:
        spoken = times[first : first + len(words(cue.text))]
        first += len(spoken)
        assert -profile.frame_ms / 2 - 1 <= cue.start_ms - spoken[0].start_ms <= bound
        assert cue.end_ms - spoken[-1].end_ms >= -bound
    assert first == len(times)
    assert not {p.rule for p in subs.problems} & {"overlap", "min-gap", "order"}


def test_markup_in_copy_stays_text_in_every_format():
    text = "Use {\\b1}bold{\\b0} and <i>tags</i> & a --> arrow, C:\\Nope."
    bulletin = story(Element(Kind.ANCHOR, text, ANCHOR))
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("streaming"))
    expected = " ".join(text.split())
    for fmt in ("vtt", "ttml", "ebu-tt-d"):
        assert " ".join(c.text for c in parse_cues(render(subs, fmt))) == expected, fmt
    shown = " ".join(c.text for c in parse_cues(render(subs, "ass")))
    assert shown == expected.replace("{", "\uff5b").replace("}", "\uff5d")  # no ASS reader agrees on a brace escape
    from castkit.subtitles.formats.srt import escape

    srt_file = render(subs, "srt")
    assert " ".join(c.text for c in parse_cues(srt_file)) == escape(expected)
    assert srt_file.count("-->") == len(subs.cues)


def test_korean_copy_gets_korean_limits():
    text = "북한이 트럼프 대통령의 친서를 받지 않겠다고 밝혔습니다. 전문가들은 대화 재개가 쉽지 않을 것으로 보고 있습니다."
    bulletin = story(Element(Kind.ANCHOR, text, ANCHOR), language="ko")
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    assert subs.profile.max_chars == 16 and subs.profile.max_cps == 12
    assert all(len(line) <= 16 for c in subs.cues for line in c.lines)
    assert [w for c in subs.cues for w in c.text.split()] == text.split()


def test_toml_profile_overrides_values(tmp_path):
    path = tmp_path / "house.toml"
    path.write_text('base = "streaming"\nmax_chars = 30\nfps = "29.97df"\nsrt_colours = true\nmax_drift_ms = 3000\n', encoding="utf-8")
    profile = load_profile(str(path))
    assert (profile.name, profile.max_chars, profile.max_cps, profile.drop_frame) == ("house", 30, 20.0, True)
    assert (profile.srt_colours, profile.max_drift_ms, profile.colours) == (True, 3000, False)
    path.write_text("max_chars = 'many'\n", encoding="utf-8")
    with pytest.raises(BadInput, match="max_chars must be int"):
        load_profile(str(path))
    path.write_text("colour = true\n", encoding="utf-8")
    with pytest.raises(BadInput, match="unknown profile keys: colour"):
        load_profile(str(path))


SENTENCE = st.lists(
    st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=18), min_size=1, max_size=30
).map(lambda ws: " ".join(ws).capitalize() + ".")
ELEMENT = st.tuples(st.sampled_from([Kind.ANCHOR, Kind.TRACK, Kind.SOUNDBITE]), st.lists(SENTENCE, min_size=1, max_size=3))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ELEMENT, min_size=1, max_size=5), st.sampled_from(["broadcast", "streaming"]))
def test_random_scripts_keep_the_invariants(elements, name):
    bulletin = story(*(Element(kind, " ".join(text)) for kind, text in elements))
    profile = load_profile(name)
    subs = build_cues(bulletin, estimate_timeline(bulletin), profile)
    spoken = [w for _, text in elements for w in " ".join(text).split()]
    assert [w for c in subs.cues for line in c.lines for w in line.split()] == spoken
    for cue, nxt in zip(subs.cues, subs.cues[1:]):
        assert cue.start_ms < cue.end_ms <= nxt.start_ms - profile.min_gap_frames * profile.frame_ms + 1
    timeline = estimate_timeline(bulletin)
    earliest = (profile.min_gap_frames + 1) * profile.frame_ms  # after the cue before: one frame shown, then the gap
    for n, (cue, onset) in enumerate(zip(subs.cues, onsets(subs, timeline))):
        after_previous = subs.cues[n - 1].start_ms + earliest + 1 if n else 0
        assert onset <= cue.start_ms <= max(onset + profile.max_drift_ms + profile.frame_ms, after_previous)
    overlong = {n for n, c in enumerate(subs.cues, start=1) if any(len(line) > profile.max_chars for line in c.lines)}
    assert overlong == {p.cue for p in subs.problems if p.rule == "line-length"}
    assert all(len(c.lines) <= profile.max_lines for c in subs.cues)


def onsets(subs, timeline: Timeline) -> list[int]:
    """The estimated onset of each cue's first word, from the timeline it was built from."""
    timing = {(t.story, t.index): t for t in timeline.elements}
    said: dict[tuple, int] = {}
    out = []
    for cue in subs.cues:
        key = (cue.story, cue.element)
        out.append(timing[key].words[said.get(key, 0)].start_ms)
        said[key] = said.get(key, 0) + len(words(cue.text))
    return out


def test_estimated_cues_never_start_before_their_speech_and_report_their_drift():
    from conftest import SEED

    from castkit.ingest import parse_file

    bulletin = parse_file(SEED).bulletin
    timeline = estimate_timeline(bulletin)
    for name in ("broadcast", "streaming"):
        subs = build_cues(bulletin, timeline, load_profile(name))
        starts = onsets(subs, timeline)
        assert all(c.start_ms >= onset and c.drift_ms == c.start_ms - onset for c, onset in zip(subs.cues, starts))
        assert subs.drift_ms == max(c.drift_ms for c in subs.cues) <= subs.profile.max_drift_ms
        assert subs.problems == []


def test_drift_is_bounded_and_what_the_bound_costs_is_reported():
    from conftest import SEED

    from castkit.ingest import parse_file

    bulletin = parse_file(SEED).bulletin
    timeline = estimate_timeline(bulletin)
    free = build_cues(bulletin, timeline, load_profile("broadcast"))
    bounded = build_cues(bulletin, timeline, replace(load_profile("broadcast"), max_drift_ms=1000))
    # 2083 characters at 17 cps need 122.5 s on screen, the estimated speech lasts 122.2 s
    assert free.drift_ms > 4000 and free.problems == []
    assert 0 < bounded.drift_ms <= 1000 + bounded.profile.frame_ms
    assert all(c.start_ms >= onset for c, onset in zip(bounded.cues, onsets(bounded, timeline)))
    assert "cps" in {p.rule for p in bounded.problems} <= {"cps", "min-duration"}  # cues that could not wait say so


def test_media_the_script_times_without_words_is_named_not_left_out_silently():
    from castkit.model import Format

    packaged = Story(title="Letter", slug="NK-LETTER", elements=[
        Element(Kind.ANCHOR, "Our correspondent Kim Jung-sil has the story.", Speaker("Han", role=Role.ANCHOR)),
        Element(Kind.TRACK, "", Speaker("Kim Jung-sil", role=Role.CORRESPONDENT), runs_ms=115_000, out_cue="SOC"),
    ])
    timed_only = Story(title="Weather", slug="WEATHER", format=Format.LIVE, runs_ms=60_000)
    a_break = Story(title="Break 1", format=Format.BREAK, runs_ms=120_000)
    bulletin = Bulletin(stories=[packaged, timed_only, a_break])
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    assert [(n.topic, n.where, n.message.split(" has ")[0]) for n in subs.notices] == [
        ("subtitles", "NK-LETTER", "track 1:55"), ("subtitles", "WEATHER", "LIVE 1:00")]
    assert len(subs.cues) == 1 and "Kim Jung-sil" in subs.cues[0].text  # the anchor's words are still subtitled

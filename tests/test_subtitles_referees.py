"""castkit's subtitle files read back by the programs broadcasters use: ttconv (the reference
IMSC/TTML/SCC converter) and aeidon (Gaupol's engine); and subs' summary against lint."""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import replace

import pytest
import srt

from castkit.ingest import parse_file
from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
from castkit.subtitles.formats import build_cues_for
from castkit.subtitles.lint import as_written, lint_file, reads_back
from castkit.subtitles.profiles import load_profile
from castkit.timing import estimate_timeline
from castkit.timings import Status
from conftest import SEED
from rundown_bulletin import bulletin as rundown_bulletin

ttconv = pytest.importorskip("ttconv", reason="ttconv is the TTML/SCC referee: pip install ttconv (make test does)")

FORMATS = ("srt", "vtt", "ass", "ttml", "ebu-tt-d", "scc")
EXTENSION = {"srt": "srt", "vtt": "vtt", "ass": "ass", "ttml": "ttml", "ebu-tt-d": "xml", "scc": "scc"}
FRAME_MS = 1001 / 30
WORLD = (
    "The mayor of Zürich met officials from São Paulo on Monday. "
    "She said “we are ready” — and the budget rose to £5 million."
)


def one_story(*elements: Element) -> Bulletin:
    return Bulletin(title="t", stories=[Story(slug="S", elements=list(elements))])


def measured(bulletin: Bulletin):
    """The read-rate timeline with every word marked measured, as an aligned one is."""
    timeline = estimate_timeline(bulletin)
    for element in timeline.elements:
        element.status = Status.MEASURED
        element.words = [replace(w, status=Status.MEASURED) for w in element.words]
    return timeline


def ttconv_cues(text: str, fmt: str) -> list[tuple[int, int, str]]:
    """What ttconv reads in a file: (start, end, text) per cue, through its SRT writer."""
    import xml.etree.ElementTree as ET

    from ttconv.imsc import reader as imsc_reader
    from ttconv.scc import reader as scc_reader
    from ttconv.srt import reader as srt_reader
    from ttconv.srt import writer as srt_writer
    from ttconv.vtt import reader as vtt_reader

    if fmt == "scc":
        doc = scc_reader.to_model(text)
    elif fmt in ("ttml", "ebu-tt-d"):
        doc = imsc_reader.to_model(ET.ElementTree(ET.fromstring(text.encode("utf-8"))))
    elif fmt == "srt":
        doc = srt_reader.to_model(io.StringIO(text))
    else:
        doc = vtt_reader.to_model(io.StringIO(text))
    out = []
    for sub in srt.parse(srt_writer.from_model(doc)):
        body = " ".join(line.strip() for line in sub.content.replace("<br/>", "\n").splitlines() if line.strip())
        body = srt.make_legal_content(body)
        out.append((round(sub.start.total_seconds() * 1000), round(sub.end.total_seconds() * 1000), _plain(body)))
    return out


def _plain(text: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def test_scc_decodes_letter_for_letter_in_ttconv():
    bulletin = one_story(Element(Kind.ANCHOR, WORLD))
    subs = build_cues_for("scc", bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    text, written = as_written(subs, "scc")
    decoded = " ".join(t for _, _, t in ttconv_cues(text, "scc"))
    # ttconv shows CEA-608's em dash (0x12 0x2A) as U+2501, a box-drawing dash
    assert decoded.replace("\u2501", "—") == WORLD
    assert " ".join(c.text for c in written.cues) == WORLD  # and castkit's own reader agrees


def test_scc_refuses_korean_with_one_line_and_exit_2(tmp_path, cli):
    script = tmp_path / "ko.txt"
    script.write_text("북한이 미국의 친서를 거부했다고 보도됐습니다.\n", encoding="utf-8")
    out = tmp_path / "ko.scc"
    done = cli("subs", str(script), "-o", str(out))
    assert done.returncode == 2
    stderr = done.stderr.decode() if isinstance(done.stderr, bytes) else done.stderr
    errors = [line for line in stderr.splitlines() if not line.startswith("castkit: warning:")]
    assert len(errors) == 1 and "CEA-608" in errors[0] and "srt" in errors[0] and "ttml" in errors[0], stderr
    assert not out.exists()


def _cases():
    seed = parse_file(str(SEED)).bulletin
    bulletin = rundown_bulletin()
    return {
        "seed": (seed, estimate_timeline(seed)),
        "bulletin": (bulletin, estimate_timeline(bulletin)),
        "measured": (seed, measured(seed)),
    }


@pytest.mark.parametrize("profile", ["broadcast", "streaming"])
def test_subs_summary_and_lint_agree_on_every_written_file(tmp_path, profile):
    rules = load_profile(profile)
    for case, (bulletin, timeline) in _cases().items():
        for fmt in FORMATS:
            text, subs = as_written(build_cues_for(fmt, bulletin, timeline, rules), fmt)
            path = tmp_path / f"{case}.{EXTENSION[fmt]}"
            path.write_text(text, encoding="utf-8")
            report = lint_file(path, rules)
            assert [(p.rule, p.cue, p.start_ms) for p in subs.problems] == [(p.rule, p.cue, p.start_ms) for p in report.problems], (case, fmt)
            assert len(subs.cues) == len(report.cues), (case, fmt)


def test_a_build_left_unchecked_reads_back_with_the_checked_builds_problems():
    """subs leaves the build-time check out for a format lint reads back: the written file's
    problems must not depend on it, and a format lint cannot read keeps the build's check."""
    rules = load_profile("broadcast")
    bulletin, timeline = _cases()["measured"]  # measured times the profile's rules find fault with
    assert not reads_back("txt")
    for fmt in FORMATS:
        assert reads_back(fmt), fmt
        unchecked = build_cues_for(fmt, bulletin, timeline, rules, checked=False)
        checked = build_cues_for(fmt, bulletin, timeline, rules)
        assert unchecked.problems == [] and checked.problems, fmt
        text, subs = as_written(unchecked, fmt)
        expected_text, expected = as_written(checked, fmt)
        assert (text, subs.problems) == (expected_text, expected.problems), fmt


def test_subs_json_and_lint_json_agree_on_an_scc(tmp_path, cli):
    out = tmp_path / "seed.scc"
    made = cli("subs", str(SEED), "-o", str(out), "--profile", "streaming", "--json")
    assert made.returncode == 0, made.stderr
    linted = cli("lint", str(out), "--profile", "streaming", "--json")
    summary, report = json.loads(made.stdout), json.loads(linted.stdout)
    assert summary["cues"] == report["cues"]
    assert [(p["rule"], p["cue"]) for p in summary["problems"]] == [(v["rule"], v["cue"]) for v in report["violations"]]
    assert (linted.returncode == 0) == (not summary["problems"])


@pytest.mark.parametrize("fmt", ["srt", "vtt", "ttml", "ebu-tt-d", "scc"])
def test_ttconv_reads_the_same_text_and_times(fmt):
    bulletin = parse_file(str(SEED)).bulletin
    subs = build_cues_for(fmt, bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    text, written = as_written(subs, fmt)
    if fmt == "scc":  # as a decoder shows it: castkit's reader (pycaption) joins gaps under 6 frames
        from castkit.subtitles.formats.scc import decoded

        written = replace(written, cues=decoded(subs))
    theirs = ttconv_cues(text, fmt)
    ours = [(c.start_ms, c.end_ms, " ".join(c.text.split())) for c in written.cues]
    assert [t for _, _, t in theirs] == [t for _, _, t in ours]
    for (a, b, _), (c, d, _) in zip(theirs, ours):
        assert abs(a - c) <= FRAME_MS and abs(b - d) <= FRAME_MS


def test_scc_cue_times_are_what_a_decoder_shows():
    """The EOC that shows a caption and the EDM that clears it, in ttconv, within a frame."""
    bulletin = parse_file(str(SEED)).bulletin
    subs = build_cues_for("scc", bulletin, measured(bulletin), load_profile("streaming"))
    from castkit.subtitles.formats.scc import decoded, render

    shown = decoded(subs)
    theirs = ttconv_cues(render(subs), "scc")
    assert len(theirs) == len(shown)
    for (a, b, _), cue in zip(theirs, shown):
        assert abs(a - cue.start_ms) <= FRAME_MS and abs(b - cue.end_ms) <= FRAME_MS


@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt"])
def test_aeidon_opens_srt_ass_and_vtt_without_warnings(tmp_path, fmt):
    aeidon = pytest.importorskip("aeidon", reason="aeidon is the Gaupol referee: pip install aeidon (make test does)")
    bulletin = parse_file(str(SEED)).bulletin
    text, subs = as_written(build_cues_for(fmt, bulletin, estimate_timeline(bulletin), load_profile("broadcast")), fmt)
    path = tmp_path / f"seed.{fmt}"
    path.write_text(text, encoding="utf-8")
    project = aeidon.Project()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        project.open_main(str(path), "utf_8")
    assert len(project.subtitles) == len(subs.cues)
    assert round(project.subtitles[0].start_seconds * 1000) == subs.cues[0].start_ms
    first = project.subtitles[0].main_text
    assert subs.cues[0].lines[0] in first


def test_a_named_soundbites_first_cues_are_raised_in_every_placing_format():
    bulletin = one_story(
        Element(Kind.ANCHOR, "The talks have stalled again after a week of meetings in the capital."),
        Element(Kind.SOUNDBITE, "We will wait for them. We have waited for a long time already and we can wait more.",
                Speaker("Lee Min-ho", "minister", Role.INTERVIEWEE)),
    )
    rules = load_profile("broadcast")
    timeline = estimate_timeline(bulletin)
    texts = {fmt: as_written(build_cues_for(fmt, bulletin, timeline, rules), fmt)[0] for fmt in ("ass", "ttml", "ebu-tt-d", "vtt")}
    assert "{\\an8}We will wait for them." in texts["ass"]
    assert texts["ass"].count("\\an8") < texts["ass"].count("Dialogue:") - 1  # the anchor stays at the bottom
    for fmt in ("ttml", "ebu-tt-d"):
        assert 'region="top"' in texts[fmt] and 'region="bottom"' in texts[fmt]
    assert "line:10%" in texts["vtt"]
    off = as_written(build_cues_for("ass", bulletin, timeline, replace(rules, super_ms=0)), "ass")[0]
    assert "\\an8" not in off


def test_unnamed_speakers_get_distinct_voices_and_a_third_guest_its_own_colour():
    bulletin = one_story(
        Element(Kind.SOUNDBITE, "It was frightening.", Speaker(role=Role.INTERVIEWEE)),
        Element(Kind.SOUNDBITE, "We lost everything.", Speaker(role=Role.INTERVIEWEE)),
        Element(Kind.SOUNDBITE, "We will rebuild.", Speaker("White House", role=Role.INTERVIEWEE)),
    )
    timeline = estimate_timeline(bulletin)
    subs = build_cues_for("vtt", bulletin, timeline, load_profile("broadcast"))
    vtt, _ = as_written(subs, "vtt")
    assert "<v Interviewee 1>" in vtt and "<v Interviewee 2>" in vtt
    assert len({c.colour for c in subs.cues}) == 3
    ttml, _ = as_written(build_cues_for("ttml", bulletin, timeline, load_profile("broadcast")), "ttml")
    assert 'type="organization"' in ttml
    scc, written = as_written(build_cues_for("scc", bulletin, timeline, load_profile("broadcast")), "scc")
    assert [c.text.startswith(">> ") for c in written.cues] == [False, True, True]


def test_floated_stories_are_left_out_unless_asked_for():
    bulletin = rundown_bulletin()
    timeline = estimate_timeline(bulletin)
    floated = {i for i, s in enumerate(bulletin.stories) if s.floated}
    assert floated
    subs = build_cues_for("srt", bulletin, timeline, load_profile("broadcast"))
    assert not {c.story for c in subs.cues} & floated
    from castkit.subtitles.cues import build_cues

    everything = build_cues(bulletin, timeline, load_profile("broadcast"), include_floated=True)
    assert {c.story for c in everything.cues} & floated


def test_a_package_with_its_trt_is_cut_as_if_read_at_its_rate():
    track = ("The river broke its banks just after dawn, flooding hundreds of homes along the valley. "
             "Residents say the warning came too late for many of them to move their belongings upstairs.")

    def cues(runs_ms):
        story = Story(slug="FLOODS", runs_ms=runs_ms, elements=[Element(Kind.TRACK, track, Speaker("Kim Jung-sil", role=Role.CORRESPONDENT))])
        bulletin = Bulletin(title="t", stories=[story])
        timeline = estimate_timeline(bulletin)
        assert (timeline.elements[0].end_ms >= 100_000) == bool(runs_ms)  # the TRT does stretch the slot
        return [c.lines for c in build_cues_for("srt", bulletin, timeline, load_profile("broadcast")).cues]

    assert cues(115_000) == cues(None)


def test_subs_names_a_floated_story_it_leaves_out_and_keeps_it_when_asked(tmp_path, cli):
    from castkit.model import dumps

    script = tmp_path / "bulletin.json"
    script.write_text(dumps(rundown_bulletin()), encoding="utf-8")
    left, kept = tmp_path / "left.srt", tmp_path / "kept.srt"
    done = cli("subs", str(script), "-o", str(left))
    assert done.returncode == 0 and "SPARE: floated: left out of the subtitles" in done.stderr.decode()
    assert cli("subs", str(script), "-o", str(kept), "--include-floated").returncode == 0
    assert len(list(srt.parse(kept.read_text("utf-8")))) > len(list(srt.parse(left.read_text("utf-8"))))


@pytest.fixture(scope="module")
def aligned(tmp_path_factory) -> str:
    """The sample aligned to its recording by castkit align: a real audio-timed case."""
    from conftest import MEDIA, run_cli

    out = tmp_path_factory.mktemp("aligned") / "timings.json"
    done = run_cli("align", str(SEED), str(MEDIA / "arirang-284316.mp3"), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    return str(out)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["broadcast", "streaming"])
def test_audio_timed_subs_and_lint_agree_on_every_format(tmp_path, aligned, profile):
    from castkit.subtitles.timeline import build_for

    rules = load_profile(profile)
    for fmt in FORMATS:
        text, subs = as_written(build_for(str(SEED), rules, format=fmt, timings=aligned), fmt)
        path = tmp_path / f"aired.{EXTENSION[fmt]}"
        path.write_text(text, encoding="utf-8")
        report = lint_file(path, rules)
        assert [(p.rule, p.cue) for p in subs.problems] == [(p.rule, p.cue) for p in report.problems], fmt
        assert [(c.start_ms, c.end_ms) for c in subs.cues] == [(c.start_ms, c.end_ms) for c in report.cues], fmt


def test_a_pack_of_korean_copy_leaves_scc_out_and_says_why(tmp_path):
    from castkit.build import build_pack

    script = tmp_path / "ko.txt"
    script.write_text("북한이 미국의 친서를 거부했다고 보도됐습니다.\n", encoding="utf-8")
    result = build_pack([script], tmp_path / "pack")
    written = {o.format for o in result.outputs if o.kind == "subtitles"}
    assert "scc" not in written and {"srt", "vtt", "ttml", "ebu-tt-d"} <= written
    assert [n.where for n in result.warnings if n.topic == "format"] == ["scc"]
    assert "CEA-608" in str(next(n for n in result.warnings if n.topic == "format"))


TTCONV_GLYPHS = str.maketrans({"\u2501": "—", "\u028c": "^", "\u2503": "¦", "\u250f": "┌", "\u2513": "┐", "\u2517": "└", "\u251b": "┘"})
"""ttconv draws a few 608 characters with neighbouring glyphs (heavy box lines, ʌ for ^)."""


def test_every_special_and_extended_608_character_decodes_in_ttconv():
    from castkit.subtitles.formats.scc import EXTENDED, SPECIAL

    characters = [c for c in [*SPECIAL, *EXTENDED] if c.strip() and c != "\u00a0"]
    words = ["x" + "".join(characters[k : k + 6]) for k in range(0, len(characters), 6)]
    bulletin = one_story(Element(Kind.ANCHOR, " ".join(words) + "."))
    subs = build_cues_for("scc", bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    text, _ = as_written(subs, "scc")
    decoded = " ".join(t for _, _, t in ttconv_cues(text, "scc")).translate(TTCONV_GLYPHS)
    assert decoded == " ".join(words) + "."


def test_drop_frame_scc_is_timed_as_a_decoder_shows_it():
    from castkit.subtitles.formats.scc import decoded, render, timecode

    assert [timecode(f, True) for f in (0, 1799, 1800, 17982, 107892)] == [
        "00:00:00;00", "00:00:59;29", "00:01:00;02", "00:10:00;00", "01:00:00;00"]
    bulletin = parse_file(str(SEED)).bulletin
    subs = build_cues_for("scc", bulletin, estimate_timeline(bulletin), load_profile("broadcast", fps="29.97df"))
    text = render(subs)
    assert ";" in text.splitlines()[2]
    theirs = ttconv_cues(text, "scc")
    for (a, b, _), cue in zip(theirs, decoded(subs), strict=True):
        assert abs(a - cue.start_ms) <= FRAME_MS and abs(b - cue.end_ms) <= FRAME_MS

"""Subtitles of the seed in every format, checked by independent parsers and our own lint."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace

import pycaption
import pytest
import srt
from conftest import SCHEMAS, SEED, run_cli
from lxml import etree

from castkit.ingest import parse_file
from castkit.subtitles.cues import build_cues
from castkit.subtitles.formats import render
from castkit.subtitles.lint import lint_file
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import read_cues
from castkit.text import words
from castkit.timing import estimate_timeline

EXT = {"srt": "srt", "ass": "ass", "vtt": "vtt", "ttml": "ttml", "ebu-tt-d": "xml", "scc": "scc", "txt": "txt"}


@pytest.fixture(scope="module")
def seed_words() -> list[str]:
    bulletin = parse_file(SEED).bulletin
    return [w for s in bulletin.stories for e in s.spoken_elements for w in words(e.text)]


@pytest.fixture(scope="module", params=["broadcast", "streaming"])
def built(request, tmp_path_factory):
    """The seed built with one profile and written in every format: (subs, {format: path})."""
    bulletin = parse_file(SEED).bulletin
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile(request.param))
    folder = tmp_path_factory.mktemp(request.param)
    paths = {}
    for fmt, ext in EXT.items():
        paths[fmt] = folder / f"seed.{ext}"
        paths[fmt].write_text(render(subs, fmt), encoding="utf-8")
    return subs, paths


@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt", "ttml", "ebu-tt-d"])
def test_every_spoken_word_in_order_and_lint_clean(built, seed_words, fmt):
    subs, paths = built
    cues = read_cues(paths[fmt])
    assert [w for c in cues for w in words(c.text)] == seed_words
    report = lint_file(paths[fmt], subs.profile)
    assert report.problems == []


def test_transcript_holds_the_spoken_words(built, seed_words):
    assert words(built[1]["txt"].read_text(encoding="utf-8")) == seed_words


def test_srt_parses_strictly_and_is_plain_unless_colours_are_asked_for(built):
    subs, paths = built
    parsed = list(srt.parse(paths["srt"].read_text(encoding="utf-8")))
    assert [(round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000)) for s in parsed] == [
        (c.start_ms, c.end_ms) for c in subs.cues
    ]
    assert not any("<" in s.content for s in parsed)
    coloured = list(srt.parse(render(replace(subs, profile=replace(subs.profile, srt_colours=True)), "srt")))
    assert coloured[5].content == f'<font color="{subs.cues[5].colour}">' + "\n".join(subs.cues[5].lines) + "</font>"


def _ffmpeg_cues(path) -> list[tuple[int, int]]:
    import imageio_ffmpeg

    out = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "srt", "-"], capture_output=True, check=True
    )
    return [(round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000)) for s in srt.parse(out.stdout.decode())]


@pytest.mark.parametrize("fmt", ["srt", "ass", "vtt"])
def test_ffmpeg_decodes_the_same_cues_and_times(built, fmt):
    subs, paths = built
    theirs = _ffmpeg_cues(paths[fmt])
    ours = [(c.start_ms, c.end_ms) for c in subs.cues]
    assert len(theirs) == len(ours)
    step = 10 if fmt == "ass" else 1  # ASS stores centiseconds
    for (a, b), (c, d) in zip(theirs, ours):
        assert abs(a - c) <= step and abs(b - d) <= step


@pytest.fixture(scope="module")
def ebu_schema(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xsd")
    for xsd in (SCHEMAS / "ebu-tt-d").glob("*.xsd"):
        shutil.copy(xsd, folder)
    (folder / "xml.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">'
        '<xs:attribute name="lang" type="xs:language"/><xs:attribute name="base" type="xs:anyURI"/>'
        '<xs:attribute name="id" type="xs:ID"/><xs:attribute name="space"><xs:simpleType>'
        '<xs:restriction base="xs:NCName"><xs:enumeration value="default"/><xs:enumeration value="preserve"/>'
        "</xs:restriction></xs:simpleType></xs:attribute></xs:schema>"
    )
    entry = folder / "ebutt_d.xsd"
    entry.write_text(entry.read_text().replace("http://www.w3.org/2001/xml.xsd", "xml.xsd"))
    return etree.XMLSchema(etree.parse(str(entry)))


def test_ebu_tt_d_is_valid_against_the_ebu_schema(built, ebu_schema):
    doc = etree.parse(str(built[1]["ebu-tt-d"]))
    assert ebu_schema.validate(doc), ebu_schema.error_log


def test_ttml_uses_xml_ids_language_and_time_base(built):
    root = etree.parse(str(built[1]["ttml"])).getroot()
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    assert root.get("{http://www.w3.org/ns/ttml#parameter}timeBase") == "media"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    styles = {s.get(xml_id) for s in root.iter("{http://www.w3.org/ns/ttml}style")}
    used = {s.get("style") for s in root.iter("{http://www.w3.org/ns/ttml}span")}
    assert used <= styles and None not in styles


def test_pycaption_reads_our_scc_back(built, seed_words):
    subs, paths = built
    captions = pycaption.SCCReader().read(paths["scc"].read_text(encoding="utf-8"))
    text = " ".join(c.get_text() for c in captions.get_captions(captions.get_languages()[0]))
    assert [w.replace("’", "'") for w in words(text)] == seed_words
    later = captions.get_captions(captions.get_languages()[0])[4]  # the first cue cannot be preloaded before 0
    assert abs(later.start / 1000 - subs.cues[4].start_ms) <= 3 * 34


def test_cli_makes_each_format_from_the_extension_and_lints_clean(tmp_path):
    out = tmp_path / "seed.vtt"
    done = run_cli("subs", str(SEED), "-o", str(out), "--profile", "streaming", "--fps", "25", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["format"] == "vtt" and summary["fps"] == "25" and summary["problems"] == []
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    lint = run_cli("lint", str(out), "--profile", "streaming", "--fps", "25")
    assert lint.returncode == 0 and b"clean" in lint.stdout


@pytest.mark.parametrize("profile", ["broadcast", "streaming"])
def test_cli_scc_lints_clean_in_608_rows(tmp_path, seed_words, profile):
    out = tmp_path / "seed.scc"
    done = run_cli("subs", str(SEED), "-o", str(out), "--profile", profile, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["fps"] == "29.97" and summary["problems"] == []
    lint = run_cli("lint", str(out), "--profile", profile, "--json")
    report = json.loads(lint.stdout)
    assert lint.returncode == 0 and report["violations"] == [] and report["cues"] == summary["cues"]
    cues = read_cues(out)
    assert all(len(line) <= 32 for c in cues for line in c.lines) and max(len(c.lines) for c in cues) == 2
    assert [w.replace("’", "'") for c in cues for w in words(c.text)] == seed_words
    first = summary["cue_timing"][0]  # due at 0, shown once its 608 code words have been sent
    assert first["drift_ms"] > 0 and abs(cues[0].start_ms - first["start_ms"]) <= 3 * 34


def test_cli_colours_srt_only_when_asked(tmp_path):
    plain, coloured = tmp_path / "plain.srt", tmp_path / "coloured.srt"
    assert run_cli("subs", str(SEED), "-o", str(plain)).returncode == 0
    assert run_cli("subs", str(SEED), "-o", str(coloured), "--colors").returncode == 0
    assert "<" not in plain.read_text(encoding="utf-8")
    tagged = [s.content for s in srt.parse(coloured.read_text(encoding="utf-8"))]
    assert all(c.startswith('<font color="#') and c.endswith("</font>") for c in tagged)
    assert {c[13:20] for c in tagged} >= {"#FFFFFF", "#FFFF00", "#00FFFF"}
    assert run_cli("lint", str(coloured)).returncode == 0
    ass = tmp_path / "mono.ass"
    assert run_cli("subs", str(SEED), "-o", str(ass), "--no-colors").returncode == 0
    assert "Style: Correspondent" not in ass.read_text(encoding="utf-8")


def test_cli_refuses_unknown_format_and_keeps_no_partial_file(tmp_path):
    done = run_cli("subs", str(SEED), "-o", str(tmp_path / "x.doc"))
    assert done.returncode == 2 and b"Traceback" not in done.stderr and b".doc" in done.stderr
    assert list(tmp_path.iterdir()) == []
    done = run_cli("subs", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.srt"))
    assert done.returncode == 2 and b"no such file" in done.stderr


OVERNIGHT = """# castkit script 1
SHOW: Overnight loop

=== Long story
[ANCHOR] Jane Doe
The overnight loop begins now with a long recorded programme.

[SOUNDBITE] Archive
RUNS: {runs}
This is the archive recording that runs all night long.

[ANCHOR] Jane Doe
That was the overnight loop, and this is the end of it.
"""


@pytest.mark.parametrize("fmt, latest", [("ass", "09:59:59.990"), ("scc", "23:59:59.000"), ("stl", "23:59:59.000"), ("srt", "99:59:59.999")])
def test_a_format_never_clamps_or_wraps_a_time_it_cannot_carry(fmt, latest):
    from castkit.errors import BadInput
    from castkit.subtitles.cue import Cue
    from castkit.subtitles.cues import Subtitles
    from castkit.subtitles.formats import clock, writer

    limit = writer(fmt).LATEST_MS
    assert clock(limit) == latest
    subs = Subtitles([Cue(limit - 2000, limit, ["Still on air."])], load_profile("broadcast"))
    assert render(subs, fmt)
    late = Subtitles([Cue(1000, 3000, ["First."]), Cue(limit - 1000, limit + 1000, ["Past the end."])], load_profile("broadcast"))
    with pytest.raises(BadInput, match=rf"cannot carry times past {latest}: cue 2 ends at"):
        render(late, fmt)


def test_subs_refuses_ass_past_ten_hours_and_build_leaves_it_out_with_a_warning(tmp_path):
    script = tmp_path / "overnight.castkit"
    script.write_text(OVERNIGHT.format(runs="10:00:05"), "utf-8")
    done = run_cli("subs", str(script), "-o", str(tmp_path / "x.ass"))
    assert done.returncode == 2 and len(done.stderr.decode().strip().splitlines()) == 1
    assert b"ASS cannot carry times past" in done.stderr and not (tmp_path / "x.ass").exists()
    done = run_cli("subs", str(script), "-o", str(tmp_path / "x.srt"))
    assert done.returncode == 0 and "10:00:" in (tmp_path / "x.srt").read_text()
    done = run_cli("build", str(script), "-o", str(tmp_path / "pack"), "--json")
    assert done.returncode == 0, done.stderr.decode()
    warnings = [w for w in json.loads(done.stdout)["warnings"] if w["topic"] == "format"]
    assert [w["where"] for w in warnings] == ["ass"] and b"ASS cannot carry" in done.stderr
    written = {p.suffix for p in (tmp_path / "pack" / "subtitles").iterdir()}
    assert ".ass" not in written and {".srt", ".vtt", ".scc"} <= written
    shorter = tmp_path / "evening.castkit"
    shorter.write_text(OVERNIGHT.format(runs="9:00:00"), "utf-8")
    assert run_cli("subs", str(shorter), "-o", str(tmp_path / "y.ass")).returncode == 0

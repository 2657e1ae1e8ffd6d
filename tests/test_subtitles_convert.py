"""castkit convert: every reader/writer pair keeps the seed's text and times; STL read back by ttconv; losses named."""

from __future__ import annotations

import io
import json

import pytest
import srt
from conftest import SEED, run_cli

from castkit.ingest import parse_file
from castkit.subtitles.convert import write_cues
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Subtitles, build_cues
from castkit.subtitles.formats import render
from castkit.subtitles.profiles import load_profile
from castkit.subtitles.read import read_cues, read_subtitles

EXT = {"srt": "srt", "ass": "ass", "vtt": "vtt", "ttml": "ttml", "ebu-tt-d": "xml", "scc": "scc", "stl": "stl"}
PRECISION_MS = {"ass": 10, "scc": 34, "stl": 20}
"""Half a frame at 25 fps in STL, a 29.97 frame in SCC, a centisecond in ASS; 1 ms elsewhere."""


@pytest.fixture(scope="module")
def seed_srt(tmp_path_factory):
    """The seed's subtitles (timed by read rate, on the 25 fps grid) as SRT, and their cues."""
    from castkit.timing import estimate_timeline

    bulletin = parse_file(SEED).bulletin
    subs = build_cues(bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    path = tmp_path_factory.mktemp("seed") / "seed.srt"
    path.write_text(render(subs, "srt"), encoding="utf-8")
    return path, read_cues(path)


def _same(cues: list[Cue], expected: list[Cue], tolerance: int, named: set[str] = frozenset(), joined: bool = False) -> None:
    """Same text; same times within ``tolerance``, but for the cues a notice ``named`` as moved
    and, when ``joined`` (SCC), ends that run on to the next cue across a gap under 6 frames."""
    assert [c.text for c in cues] == [c.text for c in expected]
    for k, (got, want) in enumerate(zip(cues, expected)):
        if f"cue {want.number}" in named:
            continue
        assert abs(got.start_ms - want.start_ms) <= tolerance, (got, want)
        if joined and k + 1 < len(cues) and got.end_ms == cues[k + 1].start_ms and expected[k + 1].start_ms - want.end_ms <= 200:
            continue
        assert abs(got.end_ms - want.end_ms) <= tolerance, (got, want)


@pytest.mark.parametrize("source", list(EXT))
@pytest.mark.parametrize("target", list(EXT))
def test_every_pair_round_trips_text_and_times(seed_srt, tmp_path, source, target):
    """What ``castkit convert`` does (read, write in the target format), in process for speed."""
    path, expected = seed_srt
    first = tmp_path / f"a.{EXT[source]}"
    second = tmp_path / f"b.{EXT[target]}"
    profile = load_profile("broadcast")
    named = set()
    for given, out, fmt in ((path, first, source), (first, second, target)):
        written = write_cues(read_subtitles(given)[1], out, fmt, profile)
        named |= {n.where for n in written.notices}
    tolerance = max(PRECISION_MS.get(source, 1), PRECISION_MS.get(target, 1))
    _same(read_cues(second), expected, tolerance, named, joined="scc" in (source, target))
    assert len(named) <= (4 if "scc" in (source, target) else 0)  # SCC: a caption can show a little late, and says so


def test_the_command_converts_stdin_to_stdout(seed_srt):
    path, expected = seed_srt
    done = run_cli("convert", "-", "-f", "vtt", input=path.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    _same(read_cues_text(done.stdout.decode()), expected, 1)


def read_cues_text(text: str) -> list[Cue]:
    from castkit.subtitles.read import parse_cues

    return parse_cues(text)


def test_ttconv_reads_the_stl_castkit_writes(seed_srt, tmp_path):
    from ttconv import model
    from ttconv.stl.reader import to_model

    path, expected = seed_srt
    out = tmp_path / "seed.stl"
    assert run_cli("convert", str(path), "-o", str(out)).returncode == 0
    doc = to_model(io.BytesIO(out.read_bytes()))
    paragraphs = [p for p in doc.get_body().dfs_iterator() if isinstance(p, model.P)]
    assert len(paragraphs) == len(expected)
    for p, cue in zip(paragraphs, expected):
        text = " ".join(" ".join(t.get_text() for t in span.dfs_iterator() if isinstance(t, model.Text)) for span in p)
        assert " ".join(text.split()) == cue.text
        assert abs(float(p.get_begin()) * 1000 - cue.start_ms) <= 20
        assert abs(float(p.get_end()) * 1000 - cue.end_ms) <= 20


def test_stl_carries_accents_colours_and_raised_cues(tmp_path):
    from castkit.subtitles.formats import stl

    cues = [
        Cue(1000, 2500, ["Café société à Zürich", "Łódź"], colour="#FFFF00"),
        Cue(3000, 4000, ["En haut"], raised=True),
    ]
    subs = Subtitles(cues, load_profile("broadcast"))
    data = stl.render(subs)
    assert data[3:11] == b"STL25.01" and len(data) == 1024 + 2 * 128
    back = stl.read(data)
    assert [c.lines for c in back] == [c.lines for c in cues]
    assert back[0].colour == "#FFFF00" and not back[0].raised and back[1].raised
    assert stl.notices(subs) == []
    odd = Subtitles([Cue(0, 1000, ["Snow ☃ falls"])], subs.profile)
    assert "'☃'" in str(stl.notices(odd)[0])


def test_stl_header_names_the_language_and_counts(tmp_path):
    from castkit.subtitles.formats import stl

    subs = Subtitles([Cue(0, 1000, ["Bonjour"]), Cue(2000, 3000, ["Au revoir"])], load_profile("broadcast", fps="29.97"))
    data = stl.document(subs, stl.Header(title="Le journal", language="fr", start_ms=36_000_000))
    assert data[3:11] == b"STL30.01"
    assert data[14:16] == b"0F" and data[16:26] == b"Le journal"
    assert data[238:243] == b"00002" and data[256:264] == b"10000000"
    assert [(c.start_ms, c.end_ms) for c in stl.read(data)] == [(0, 1000), (2000, 3000)]
    open_subtitles = stl.document(subs, stl.Header(teletext=False))
    assert open_subtitles[11:12] == b"0" and [c.lines for c in stl.read(open_subtitles)] == [["Bonjour"], ["Au revoir"]]


def test_convert_names_what_the_target_drops(tmp_path):
    vtt = tmp_path / "in.vtt"
    vtt.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500 line:10%\n<v Kim Jung-sil><c.yellow>Hello there</c></v>\n\n"
        "2\n00:00:03.000 --> 00:00:04.000\n<v Bob>Bye now</v>\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.srt"
    done = run_cli("convert", str(vtt), "-o", str(out), "--json")
    assert done.returncode == 0
    notices = [n["message"] for n in json.loads(done.stdout)["notices"]]
    assert any("speaker names dropped from 2 cue(s)" in n for n in notices)
    assert any("raised (top of screen) positions dropped from 1 cue(s)" in n for n in notices)
    assert "speaker names dropped" in done.stderr.decode()
    subs = list(srt.parse(out.read_text(encoding="utf-8")))
    assert subs[0].content == '<font color="#FFFF00">Hello there</font>'  # SRT carries the colour
    strict = run_cli("convert", str(vtt), "-o", str(tmp_path / "x.srt"), "--strict")
    assert strict.returncode == 1 and (tmp_path / "x.srt").exists()
    back = run_cli("convert", str(vtt), "-o", str(tmp_path / "x.ass"), "--json")
    kept = read_cues(tmp_path / "x.ass")
    assert [c.speaker for c in kept] == ["Kim Jung-sil", "Bob"] and kept[0].raised and kept[0].colour == "#FFFF00"
    assert json.loads(back.stdout)["notices"] == []


def test_convert_with_profile_and_fit(tmp_path):
    path = tmp_path / "long.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:01,400\nThis line is far too long for a broadcast subtitle row\n\n"
        "2\n00:00:01,300 --> 00:00:04,000\nNext\n",
        encoding="utf-8",
    )
    checked = run_cli("convert", str(path), "-o", str(tmp_path / "a.vtt"), "--profile", "broadcast", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["problems"] >= 3
    fitted = run_cli("convert", str(path), "-o", str(tmp_path / "b.vtt"), "--profile", "broadcast", "--fit", "--json")
    summary = json.loads(fitted.stdout)
    rules = {c["rule"] for c in summary["changes"]}
    assert {"line-break", "overlap"} <= rules
    cues = read_cues(tmp_path / "b.vtt")
    assert all(len(line) <= 37 for c in cues for line in c.lines)
    assert cues[0].end_ms <= cues[1].start_ms - 80


def test_shots_needs_fit(tmp_path, seed_srt):
    done = run_cli("convert", str(seed_srt[0]), "-o", str(tmp_path / "x.vtt"), "--shots", str(seed_srt[0]))
    assert done.returncode == 2 and "--fit" in done.stderr.decode()


def test_stl_from_a_script_carries_its_title(tmp_path):
    out = tmp_path / "seed.stl"
    done = run_cli("subs", str(SEED), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    data = out.read_bytes()
    assert data[16:48].decode("latin-1").startswith("N. Korea refusing to accept")
    assert data[14:16] == b"09" and data[243:248] == b"00043"
    assert len(read_cues(out)) == 43

"""castkit build: the pack's files read back by independent parsers, the page, the summary, bad input.

Packs are built once per module (alignment takes a few seconds) and only read afterwards.
"""

from __future__ import annotations

import csv
import json
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import srt
from lxml import etree

from conftest import MEDIA, ROOT, SEED, run_cli

AUDIO = MEDIA / "arirang-284316.mp3"
ASR = MEDIA / "arirang-284316.asr.txt"
SCHEMA_DIR = ROOT / "src" / "castkit" / "schemas"
HOSTILE = """<script>alert("x")</script> Evening news & "more"
ANCHOR: Good evening. The <b>council</b> met tonight & voted <script>alert(1)</script> to close the bridge.
REPORTER (Ann Lee): Workers began on Monday. The bridge stays shut until <i>spring</i>.
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """``castkit build`` with no SCRIPT: the bundled sample with its recording and ASR transcript."""
    out = tmp_path_factory.mktemp("sample") / "pack"
    done = run_cli("build", "-o", str(out), "--slot", "2:30")
    assert done.returncode == 0, done.stderr.decode()
    return out, done


@pytest.fixture(scope="module")
def aired(tmp_path_factory):
    """The seed with its audio but no hypothesis: QA checks the subtitles written."""
    out = tmp_path_factory.mktemp("aired") / "pack"
    done = run_cli("build", str(SEED), "--audio", str(AUDIO), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr.decode()
    return out, json.loads(done.stdout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A script full of markup, built from read rates only."""
    root = tmp_path_factory.mktemp("hostile")
    script = root / "bridge.txt"
    script.write_text(HOSTILE, encoding="utf-8")
    done = run_cli("build", str(script), "-o", str(root / "pack"), "--json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    # --json: the document on stdout; on stderr one line per notice it lists, nothing else
    assert done.stderr.decode().splitlines() == [f"castkit: warning: {w['topic']}: {w['where']}: {w['message']}" if w["where"]
                                                 else f"castkit: warning: {w['topic']}: {w['message']}" for w in data["warnings"]]
    return root / "pack", data


class Page(HTMLParser):
    """What the tests look for in index.html: links, scripts, media, tracks, the cues it carries, totals."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0
        self.audio: list[dict] = []
        self.tracks: list[dict] = []
        self.cues: list[dict] = []
        self.totals: dict[str, str] = {}
        self._total: str | None = None
        self._cues = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        self.scripts += tag == "script"
        if tag == "audio":
            self.audio.append(attributes)
        if tag == "track":
            self.tracks.append(attributes)
        self._cues = tag == "script" and attributes.get("id") == "cue-data"
        self._total = attributes.get("data-total")

    def handle_data(self, data):
        if self._cues:
            self.cues, self._cues = json.loads(data), False
        if self._total:
            self.totals[self._total] = data
            self._total = None


def manifest(out: Path) -> dict:
    data = json.loads((out / "build.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((SCHEMA_DIR / "build.schema.json").read_text(encoding="utf-8")))
    return data


def test_sample_summary_ends_with_the_index_path(sample):
    out, done = sample
    lines = done.stdout.decode().splitlines()
    assert lines[-1] == str(out / "index.html")
    assert "timed from audio" in lines[1] and "WER 0.56 %" in lines[1]  # the broadcast preset; 3.51 % strict
    to_check = done.stderr.decode().splitlines()  # what to check goes where every command's notices go
    assert to_check[0].startswith("To check (")
    assert any("speaker inferred" in line for line in to_check)
    assert any("reading-speed" in line for line in to_check)
    assert all(line.startswith("  ") for line in to_check[1:])  # no progress bar when piped


def test_every_listed_file_exists_and_every_output_is_there(sample):
    out, _ = sample
    data = manifest(out)
    paths = {f["path"] for f in data["files"]}
    assert all((out / p).is_file() for p in paths)
    kinds = {f["kind"] for f in data["files"]}
    assert kinds >= {"model", "timings", "audio", "rundown", "subtitles", "lint", "qa", "page"}
    formats = {f["format"] for f in data["files"] if f["kind"] == "subtitles"}
    assert formats == {"srt", "ass", "vtt", "ttml", "ebu-tt-d", "scc", "stl", "txt"}
    rundown = {f["format"] for f in data["files"] if f["kind"] == "rundown"}
    assert rundown == {"csv", "xlsx", "html", "markdown", "json", "prompter", "prompter-html", "mos"}
    assert (out / "rundown" / "mos" / "roCreate.xml").is_file()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_model_files_read_back_as_the_parsed_script(sample):
    from castkit.ingest import parse_file
    from castkit.ingest.markup import parse_markup
    from castkit.model import bulletin_to_dict

    out, _ = sample
    segment = json.loads((out / "script" / "segment.json").read_text(encoding="utf-8"))
    jsonschema.validate(segment, json.loads((SCHEMA_DIR / "segment.schema.json").read_text(encoding="utf-8")))
    bulletin = parse_file(SEED).bulletin
    bulletin.slot_ms = 150_000  # --slot is part of the model written
    parsed = bulletin_to_dict(bulletin)
    assert segment == json.loads(json.dumps(parsed))
    markup = parse_markup((out / "script" / "script.castkit").read_text(encoding="utf-8"))
    assert bulletin_to_dict(markup) == parsed


def test_rundown_exports_agree(sample):
    out, _ = sample
    sheet = json.loads((out / "rundown" / "rundown.json").read_text(encoding="utf-8"))
    assert sheet["slot_s"] == 150
    with open(out / "rundown" / "rundown.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["slug"] for r in rows] == [r["slug"] for r in sheet["rows"]]
    book = openpyxl.load_workbook(out / "rundown" / "rundown.xlsx")
    assert book.active.max_row >= len(sheet["rows"]) + 1
    assert sheet["rows"][0]["actual_s"] is not None  # measured from the audio
    assert manifest(out)["rundown"] == {"est_s": sheet["totals"]["est_s"], "over_under": sheet["totals"]["over_under"]}


def test_subtitle_files_carry_the_same_cues(sample):
    out, _ = sample
    data = manifest(out)
    subs = list(srt.parse((out / "subtitles" / "arirang-284316.srt").read_text(encoding="utf-8")))
    assert len(subs) == data["cues"]
    vtt = (out / "subtitles" / "arirang-284316.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(subs)
    etree.parse(str(out / "subtitles" / "arirang-284316.xml"))


def test_lint_reports_every_subtitle_file(sample):
    out, _ = sample
    reports = json.loads((out / "lint" / "lint.json").read_text(encoding="utf-8"))
    assert {Path(r["file"]).suffix for r in reports} == {".srt", ".ass", ".vtt", ".ttml", ".xml", ".scc"}
    text = (out / "lint" / "lint.txt").read_text(encoding="utf-8")
    for report in reports:
        assert sum(1 for line in text.splitlines() if line.startswith(report["file"] + ": cue ")) == len(report["violations"])


def test_scc_is_fitted_to_608_as_castkit_subs_fits_it(sample, tmp_path):
    from pycaption import SCCReader

    out, _ = sample
    packed = out / "subtitles" / "arirang-284316.scc"
    alone = tmp_path / "alone.scc"
    done = run_cli("subs", str(SEED), "--timings", str(out / "timings.json"), "-o", str(alone))
    assert done.returncode == 0, done.stderr.decode()
    assert packed.read_bytes() == alone.read_bytes()
    captions = SCCReader().read(packed.read_text(encoding="utf-8")).get_captions("en-US")
    rows = [row for c in captions for row in c.get_text().splitlines()]
    assert rows and max(len(row) for row in rows) <= 32  # 608 columns
    scc = next(r for r in json.loads((out / "lint" / "lint.json").read_text(encoding="utf-8")) if r["format"] == "scc")
    assert {v["rule"] for v in scc["violations"]} <= {"cps", "min-duration"}  # only speech faster than the profile


def test_qa_against_the_hypothesis_matches_castkit_qa(sample):
    out, _ = sample
    qa = json.loads((out / "qa" / "qa.json").read_text(encoding="utf-8"))
    alone = json.loads(run_cli("qa", str(SEED), str(ASR), "--preset", "broadcast", "--json").stdout)
    assert qa["wer"] == alone["wer"] and qa["counts"] == alone["counts"]
    assert "preset broadcast" in qa["normalization"]["steps"]
    strict = json.loads(run_cli("qa", str(SEED), str(ASR), "--json").stdout)
    assert strict["wer"] > qa["wer"]  # the strict score is one flag away, and counts the hyphen splits
    assert manifest(out)["qa"]["wer"] == qa["wer"]
    assert "<table" in (out / "qa" / "qa.html").read_text(encoding="utf-8")


def test_index_links_everything_and_previews_over_the_audio(sample):
    out, _ = sample
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    files = {f["path"] for f in manifest(out)["files"] if f["kind"] != "page"}
    assert files | {"build.json"} <= set(page.links)
    assert all((out / link).exists() for link in page.links if not link.startswith("http"))
    assert [a["src"] for a in page.audio] == ["media/arirang-284316.mp3"]
    assert page.tracks == []  # the cues travel in the page: a <track src> is refused from file://
    written = srt.parse((out / "subtitles" / "arirang-284316.srt").read_text(encoding="utf-8"))
    assert [(c["start"], c["end"], "\n".join(c["lines"])) for c in page.cues] == [
        (round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000), s.content) for s in written]
    totals = json.loads((out / "rundown" / "rundown.json").read_text(encoding="utf-8"))["totals"]
    assert page.totals["OVER/UNDER"] == totals["over_under"]


@pytest.mark.slow
def test_with_audio_and_no_hypothesis_qa_checks_the_subtitles(aired):
    out, data = aired
    qa = json.loads((out / "qa" / "qa.json").read_text(encoding="utf-8"))
    assert qa["hypothesis"]["kind"] == "subtitles"
    assert qa["wer"] == 0  # every scripted word reaches the subtitles
    assert data["timed_from"] == "audio" and data["inputs"]["hypothesis"] is None
    timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    assert timings["schema"] == "castkit.timings/1"


def test_read_rate_build_has_no_player_qa_or_timings(hostile):
    out, data = hostile
    assert data["timed_from"] == "read rate" and data["qa"] is None
    assert not (out / "qa").exists() and not (out / "timings.json").exists() and not (out / "media").exists()
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    assert page.audio == [] and page.tracks == []


def test_script_text_is_escaped_in_the_page(hostile):
    out, _ = hostile
    text = (out / "index.html").read_text(encoding="utf-8")
    assert Page(text).scripts == 2  # the page's cues and its preview player; none from the input
    assert "&lt;script&gt;" in text and "<b>council</b>" not in text


def test_several_scripts_one_from_stdin_make_one_bulletin(tmp_path):
    script = tmp_path / "bridge.txt"
    script.write_text(HOSTILE, encoding="utf-8")
    done = run_cli("build", str(script), "-", "-o", str(tmp_path / "pack"), "--json", input=SEED.read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert data["stories"] == 2 and data["inputs"]["scripts"] == [str(script), "-"]
    rows = json.loads((tmp_path / "pack" / "rundown" / "rundown.json").read_text(encoding="utf-8"))["rows"]
    assert [r["page"] for r in rows] == ["A1", "A2"]
    assert (tmp_path / "pack" / "subtitles" / "bridge.srt").is_file()


def test_rebuild_replaces_an_earlier_pack(tmp_path):
    script = tmp_path / "bridge.txt"
    script.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "pack"
    assert run_cli("build", str(script), "-o", str(out)).returncode == 0
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    assert run_cli("build", str(script), "-o", str(out), "--profile", "streaming").returncode == 0
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine" and manifest(out)["profile"] == "streaming"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt", "pack"]


def _bad_cases(tmp: Path) -> list[tuple[str, list[str]]]:
    script = tmp / "bridge.txt"
    script.write_text(HOSTILE, encoding="utf-8")
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp / "other").mkdir()
    (tmp / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp / "a-file").write_text("x", encoding="utf-8")
    (tmp / "holder").mkdir()
    (tmp / "holder" / "script.txt").write_text(HOSTILE, encoding="utf-8")
    return [
        ("missing script", ["build", str(tmp / "nope.txt"), "-o", str(tmp / "pack")]),
        ("empty script", ["build", str(tmp / "empty.txt"), "-o", str(tmp / "pack")]),
        ("binary script", ["build", str(tmp / "binary.txt"), "-o", str(tmp / "pack")]),
        ("directory as script", ["build", str(tmp / "other"), "-o", str(tmp / "pack")]),
        ("text as audio", ["build", str(script), "--audio", str(script), "-o", str(tmp / "pack")]),
        ("missing hypothesis", ["build", str(script), "--hyp", str(tmp / "nope.txt"), "-o", str(tmp / "pack")]),
        ("unknown profile", ["build", str(script), "--profile", "cinema", "-o", str(tmp / "pack")]),
        ("bad slot", ["build", str(script), "--slot", "soon", "-o", str(tmp / "pack")]),
        ("folder of other files", ["build", str(script), "-o", str(tmp / "other")]),
        ("output is a file", ["build", str(script), "-o", str(tmp / "a-file")]),
        ("output holds the input", ["build", str(tmp / "holder" / "script.txt"), "-o", str(tmp / "holder")]),
        ("output folder's parent missing", ["build", str(script), "-o", str(tmp / "no" / "where")]),
    ]


def test_bad_input_is_one_line_exit_2_and_leaves_nothing(tmp_path):
    cases = _bad_cases(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda case: run_cli(*case[1]), cases))
    for (name, _), done in zip(cases, runs):
        err = done.stderr.decode()
        assert done.returncode == 2, f"{name}: exit {done.returncode}: {err}"
        assert err.startswith("castkit: error: ") and err.count("\n") == 1, f"{name}: {err}"
        assert done.stdout == b"", name
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # inputs untouched, nothing written, no temporary folder left


def test_a_failed_rebuild_keeps_the_earlier_pack(tmp_path):
    script = tmp_path / "bridge.txt"
    script.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "pack"
    assert run_cli("build", str(script), "-o", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert run_cli("build", str(script), "--audio", str(script), "-o", str(out)).returncode == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt", "pack"]

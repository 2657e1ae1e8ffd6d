"""castkit qa end to end: real files in, the real command, outputs read back independently."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pysubs2
import pytest

from castkit.errors import BadInput
from castkit.ingest import parse_file
from castkit.qa import gate
from castkit.schemas import load
from conftest import SEED, run_cli


def _spoken(seed: Path) -> list[tuple[int, str]]:
    """(element index, text) of every spoken element of the parsed seed."""
    story = parse_file(seed).bulletin.stories[0]
    return [(k, e.text) for k, e in enumerate(story.elements) if e.spoken]


def _write_srt(path: Path, texts: list[str]) -> None:
    subs = pysubs2.SSAFile()
    for k, text in enumerate(texts):
        subs.append(pysubs2.SSAEvent(start=k * 3000, end=k * 3000 + 2500, text=text))
    subs.save(str(path), format_="srt")


def _qa_json(*args: str) -> tuple[int, dict]:
    done = run_cli("qa", *args, "--json")
    assert done.returncode in (0, 1), done.stderr.decode()
    data = json.loads(done.stdout)
    jsonschema.validate(data, load("qa"))
    return done.returncode, data


def test_subtitles_of_the_seed_score_zero(tmp_path: Path) -> None:
    srt = tmp_path / "subs.srt"
    _write_srt(srt, [text for _, text in _spoken(SEED)])
    code, data = _qa_json(str(SEED), str(srt))
    assert code == 0
    assert data["wer"] == 0 and data["counts"]["substitutions"] + data["counts"]["deletions"] + data["counts"]["insertions"] == 0
    assert data["hypothesis"]["kind"] == "subtitles" and data["reference"]["kind"] == "script"


@pytest.mark.parametrize("profile", ["broadcast", "streaming"])
@pytest.mark.parametrize("ext", ["srt", "ass", "vtt", "ttml", "xml", "scc", "txt"])
def test_subtitles_castkit_writes_score_zero(tmp_path: Path, profile: str, ext: str) -> None:
    subs = tmp_path / f"subs.{ext}"
    done = run_cli("subs", str(SEED), "-o", str(subs), "--profile", profile)
    assert done.returncode == 0, done.stderr.decode()
    code, data = _qa_json(str(SEED), str(subs))
    assert code == 0 and data["wer"] == 0 and data["counts"]["hits"] == data["counts"]["ref_words"] > 300
    if ext != "txt":  # a transcript reads as plain text or as a plain script, by its content
        assert data["hypothesis"]["kind"] == "subtitles"


def test_planted_errors_are_counted_per_element(tmp_path: Path) -> None:
    spoken = _spoken(SEED)
    texts = [text.split() for _, text in spoken]
    planted = {}  # element index -> (S, D, I)
    first, second, last = spoken[0][0], spoken[1][0], spoken[-2][0]
    del texts[0][3]                      # a deletion in the anchor lead
    texts[1][5] = "zebra"                # a substitution in the first track
    texts[1][9] = "quokka"               # and another
    texts[-2].insert(4, "walrus")        # an insertion inside the element before the sign-off
    planted[first], planted[second], planted[last] = (0, 1, 0), (2, 0, 0), (0, 0, 1)
    srt = tmp_path / "subs.srt"
    _write_srt(srt, [" ".join(t) for t in texts])
    _, data = _qa_json(str(SEED), str(srt))
    c = data["counts"]
    assert (c["substitutions"], c["deletions"], c["insertions"]) == (2, 1, 1)
    got = {e["element"]: (e["counts"]["substitutions"], e["counts"]["deletions"], e["counts"]["insertions"])
           for e in data["by_element"]}
    for index, _ in spoken:
        assert got[index] == planted.get(index, (0, 0, 0))
    assert {("zebra" in (p["hyp"],)) for p in data["confusions"]} >= {True}


def test_max_wer_sets_the_exit_code(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("one two three four five six seven eight nine ten\n")
    hyp.write_text("one two three four five six seven eight nine tan\n")  # WER 10 %
    for fraction, percent, code in (("0.05", "5%", 1), ("0.10", "10%", 0), ("0.2", "20 %", 0)):
        assert run_cli("qa", str(ref), str(hyp), "--max-wer", fraction).returncode == code
        assert run_cli("qa", str(ref), str(hyp), "--max-wer", percent).returncode == code
    code, data = _qa_json(str(ref), str(hyp), "--max-wer", "5%", "--max-cer", "0.5")
    assert code == 1 and [(g["metric"], g["threshold"], g["written"], g["passed"]) for g in data["gates"]] == [
        ("wer", 0.05, "5%", False), ("cer", 0.5, "0.5", True)]
    text = run_cli("qa", str(ref), str(hyp), "--max-wer", "5%").stdout.decode()
    assert "gate: WER 10.00 % against max 5%: FAILED" in text


def test_a_bare_number_above_one_is_refused_with_both_spellings(tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("one two\n")
    done = run_cli("qa", str(ref), str(ref), "--max-wer", "5")
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "--max-wer 5" in err and "0.05 or 5%" in err


@pytest.mark.parametrize("value", ["32", "150%", "five", "-0.1", "1.5"])
def test_a_threshold_that_cannot_be_a_rate_is_bad_input(value: str) -> None:
    with pytest.raises(BadInput, match="--max-cer"):
        gate.parse("cer", value)


@pytest.mark.parametrize("fraction,percent", [("0.05", "5%"), ("0.98", "98 %"), ("1", "100%"), (".5", "50%"), ("0", "0%")])
def test_a_fraction_and_a_percentage_are_the_same_threshold(fraction: str, percent: str) -> None:
    assert gate.parse("wer", fraction).limit == gate.parse("wer", percent).limit


def test_min_ner_gates_on_the_proposed_sheet_and_says_so(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.srt"
    ref.write_text(" ".join(["word"] * 96) + " the 1,000 people came\n")
    _write_srt(hyp, [" ".join(["word"] * 96) + " the 100 people came"])  # one serious error: 99 %
    assert run_cli("qa", str(ref), str(hyp), "--min-ner", "98%").returncode == 0
    done = run_cli("qa", str(ref), str(hyp), "--min-ner", "0.995")
    assert done.returncode == 1 and "proposed severities" in done.stderr.decode()
    assert "gate: NER accuracy 99.00 % against min 0.995: FAILED" in done.stdout.decode()


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marked: dict[str, list[str]] = {"sub": [], "del": [], "ins": []}
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get("class", ""))
        self.scripts += tag == "script"

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in self.marked:
            self.marked[self.stack[-1]].append(data)


def test_html_report_highlights_errors_and_escapes(tmp_path: Path) -> None:
    ref, hyp, out = tmp_path / "ref.txt", tmp_path / "hyp.txt", tmp_path / "report.html"
    ref.write_text("the <b>bold</b> plan was good\n")
    hyp.write_text("the <b>bold</b> plan is good today\n")
    done = run_cli("qa", str(ref), str(hyp), "--html", str(out), "--no-normalize")
    assert done.returncode == 0, done.stderr.decode()
    page = out.read_text()
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    parser = _Spans()
    parser.feed(page)
    assert parser.marked["sub"] == ["was", "is"] and parser.marked["ins"] == ["today"]
    assert parser.scripts == 0


def test_trn_pairs_are_scored_by_utterance_id(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.trn", tmp_path / "hyp.trn"
    ref.write_text(";; reference\ngood evening (anc-001)\nthe letter was sent (kim-002)\nonly here (kim-003)\n")
    hyp.write_text("the letter is sent (kim-002)\ngood evening (anc-001)\nsurplus words (kim-009)\n")
    _, data = _qa_json(str(ref), str(hyp))
    status = {u["id"]: u["status"] for u in data["utterances"]}
    assert status == {"anc-001": "scored", "kim-002": "scored", "kim-003": "missing", "kim-009": "extra"}
    assert data["counts"]["ref_words"] == 6 and data["counts"]["substitutions"] == 1
    assert {s["speaker"]: s["counts"]["substitutions"] for s in data["by_speaker"]} == {"anc": 0, "kim": 1}
    text = run_cli("qa", str(ref), str(hyp)).stdout.decode()
    assert "kim-003: not in the hypothesis" in text and "kim-009: not in the reference" in text


def test_ner_sheet_round_trip(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.srt"
    ref.write_text(" ".join(["word"] * 95) + " the big 1,000 people came\n")
    _write_srt(hyp, [" ".join(["word"] * 95) + " big 100 people came home"])
    done = run_cli("qa", str(ref), str(hyp), "--ner")
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    assert [(r["error"], r["severity"]) for r in rows] == [("omission", "minor"), ("substitution", "serious"), ("addition", "standard")]
    rows[0]["severity"], rows[2]["severity"] = "none", "minor"   # the checker's verdict
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _, data = _qa_json(str(ref), str(hyp), "--ner-sheet", str(sheet))
    # N = 100 subtitle words, R = 1 (serious), E = 0.25: (100 - 1.25) / 100
    assert data["ner"]["words"] == 100
    assert data["ner"]["accuracy"] == pytest.approx(0.9875) and data["ner"]["acceptable"] is True


@pytest.mark.parametrize("args,message", [
    (("missing.txt", "other.txt"), "no such file"),
    (("-", "-"), "only one of"),
])
def test_bad_input_is_one_line_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = run_cli("qa", *args, cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 2 and message in err and "Traceback" not in err and err.count("\n") == 1


def test_trn_against_text_is_refused_and_no_html_is_left(tmp_path: Path) -> None:
    ref, hyp, out = tmp_path / "ref.trn", tmp_path / "hyp.txt", tmp_path / "r.html"
    ref.write_text("a b (u-1)\n")
    hyp.write_text("a b\n")
    done = run_cli("qa", str(ref), str(hyp), "--html", str(out))
    assert done.returncode == 2 and "trn" in done.stderr.decode() and not out.exists()


def test_errors_only_view_keeps_errors_and_cuts_the_rest(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    words = [f"w{k}" for k in range(60)]
    ref.write_text(" ".join(words) + "\n")
    hyp.write_text(" ".join(words[:30] + ["oops"] + words[31:]) + "\n")
    text = run_cli("qa", str(ref), str(hyp), "--errors-only").stdout.decode()
    assert "w30→oops" in text and "w29" in text and "w5 " not in text and "…" in text

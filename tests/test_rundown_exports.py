"""Every rundown export written to disk and read back by an independent reader."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from conftest import SCHEMAS, SEED, run_cli
from rundown_bulletin import bulletin

from castkit.rundown import Options, build_sheet, render, write
from castkit.rundown.csv_export import headers

INJECTION = '=HYPERLINK("http://evil.example","click")'
MOS = SCHEMAS / "mos"


@pytest.fixture(scope="module")
def sheet():
    return build_sheet(bulletin())


def test_csv_reads_back_with_stable_headers_and_inert_cells(sheet, tmp_path):
    path = tmp_path / "r.csv"
    write(sheet, "csv", str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == headers()
    assert [(r["page"], r["est"], r["est_s"]) for r in rows][:3] == [("A1", "0:00:10", "10"), ("A2", "0:00:15", "15"), ("A3", "0:01:53", "113")]
    assert (rows[0]["front"], rows[0]["back"], rows[0]["back_to"]) == ("20:00:00", "20:00:29", "B1")
    letter = rows[2]
    assert (letter["over_under"], letter["over_under_s"], letter["target_s"]) == ("OVER 0:03", "3", "110")
    assert rows[3]["float"] == "true" and rows[3]["front"] == "" and rows[3]["cume_s"] == ""
    voices = rows[7]
    assert voices["notes"] == "'" + INJECTION  # would run as a formula without the apostrophe
    assert voices["supers"] == "'-Dash @name / +plus"
    assert voices["runs"] == "0:00:08" and voices["runs_estimated"] == "true"
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)
            if key.endswith("_s") and value:
                int(value)  # seconds columns are plain signed numbers


def test_xlsx_has_typed_cells_live_formulas_and_print_setup(sheet, tmp_path):
    path = tmp_path / "r.xlsx"
    write(sheet, "xlsx", str(path))
    ws = openpyxl.load_workbook(path).active
    header_row = [c.value for c in ws[4]]
    col = {name: get_column_letter(header_row.index(name) + 1) for name in header_row if name}
    letter_row, voices_row = 7, 12  # A3 LETTER and B2 VOICES
    read = ws[f"{col['READ']}{letter_row}"]
    assert read.number_format == "[h]:mm:ss" and round(read.value.total_seconds()) == 11  # typed: a value
    assert ws[f"{col['EST']}{letter_row}"].value == f"={col['READ']}{letter_row}+{col['RUNS']}{letter_row}"
    assert ws[f"{col['FRONT']}{letter_row}"].value.startswith("=IF(") and ws[f"{col['FRONT']}5"].number_format == "hh:mm:ss"
    assert ws[f"{col['BACK']}{letter_row}"].value.startswith(f"={col['HIT']}11-SUM(")  # timed to the B1 hit
    assert ws[f"{col['RUNS']}{voices_row}"].number_format == '"~"[h]:mm:ss'  # estimated RUNS is marked
    assert ws[f"{col['ACTUAL']}{letter_row}"].value is None  # blank, not 0:00, when nothing was measured
    formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert len(formulas) > 8 * 8 and not any("HYPERLINK" in f for f in formulas)  # script text is never a formula
    notes = ws[f"{col['NOTES']}{voices_row}"]
    assert (notes.value, notes.data_type, notes.quotePrefix) == (INJECTION, "s", True)
    assert ws[f"{col['SUPERS']}{voices_row}"].data_type == "s"
    assert ws.freeze_panes == "C5" and ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _page(sheet, name: str, tmp_path) -> tuple[str, _Collector]:
    """An HTML export written to disk, as text and as an HTML parser saw it."""
    path = tmp_path / f"{name}.html"
    write(sheet, name, str(path))
    page = path.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    return page, parser


def test_html_is_escaped_printable_and_has_a_cg_sheet(sheet, tmp_path):
    page, parser = _page(sheet, "html", tmp_path)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not markup
    assert INJECTION in text
    assert "@page { size: A4 landscape" in page and "thead { display: table-header-group; }" in page
    assert "BLOCK A · EST 3:31" in text and "BLOCK B · EST 0:18" in text
    assert "Supers / CG sheet" in text and "speaker inferred" in text
    assert "UNDER 0:42" in text


def test_markdown_escapes_and_keeps_the_table_shape(sheet, tmp_path):
    path = tmp_path / "r.md"
    write(sheet, "markdown", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
    assert len(widths) == 1  # no cell text breaks the column count
    assert "&lt;script&gt;" in "\n".join(lines) and "<script>" not in "\n".join(lines)
    assert any("~~A4~~" in line for line in table)


def test_json_round_trips(sheet, tmp_path):
    path = tmp_path / "r.json"
    write(sheet, "json", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "castkit.rundown/1"
    assert data["totals"]["est_s"] == sum(r["est_s"] for r in data["rows"] if r["float"] == "false") == 229
    assert data["totals"]["over_under"] == "UNDER 0:42"


def test_prompter_has_only_read_copy_and_cue_lines(tmp_path):
    path = tmp_path / "prompter.txt"
    result = run_cli("rundown", str(SEED), "--format", "prompter", "-o", str(path))
    assert result.returncode == 0, result.stderr.decode()
    text = path.read_text(encoding="utf-8")
    assert re.search(r'\[PKG · TRT ~\d:\d\d · OUT: SOC "Kim Jung-sil, Arirang News."\]', text)
    assert "U.S. President Donald Trump" in text
    assert "A relationship once hailed" not in text  # the correspondent's track is not the anchor's copy
    assert "Comments" not in text


def test_prompter_keeps_cues_in_brackets_and_marks_story_breaks(sheet, tmp_path):
    path = tmp_path / "p.txt"
    write(sheet, "prompter", str(path))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "SPARE" not in text  # floated
    assert "[TAKE PKG]" in lines  # the director's cue, on its own line
    assert '[PKG · TRT 1:42 · OUT: SOC "Kim Jung-sil, Arirang News."]' in lines
    assert '[SOT · RUNS 0:09 · OUT: "…up again"]' in lines and "[BREAK · RUNS 1:00]" in lines
    assert "——— END A3 · NEXT A5 MARKET ———" in lines and lines[-1] == "——— END B2 · END OF SHOW ———"
    assert lines.index("[TAKE PKG]") < lines.index('[PKG · TRT 1:42 · OUT: SOC "Kim Jung-sil, Arirang News."]')


def test_prompter_html_is_large_escaped_and_keeps_every_line(sheet, tmp_path):
    page, parser = _page(sheet, "prompter-html", tmp_path)
    assert "script" not in parser.tags and "<script>alert(1)</script>" in "".join(parser.text)
    assert re.search(r"body \{[^}]*font: 4\dpx", page)
    plain = [line for line in render(sheet, "prompter").split("\n") if line]
    shown = [t for t in parser.text if t.strip()]
    assert plain == shown[3:]  # after the <title>, the style sheet and the <h1>: exactly the prompter text's lines


def _schemas():
    from lxml import etree

    if not (MOS / "mosv4.xsd").exists() or not (MOS / "mosv4.dtd").exists():
        pytest.skip(f"MOS schemas not found in {MOS}")
    text = (MOS / "mosv4.xsd").read_text(encoding="utf-8")
    text = text[text.index("<xsd:schema"): text.rindex("</xsd:schema>") + len("</xsd:schema>")]
    text = re.sub(r'(<xsd:pattern value=")\^?(.*?)\$?("\s*/>)', r"\1\2\3", text)
    xsd = etree.XMLSchema(etree.fromstring(text.encode()))
    lines = (MOS / "mosv4.dtd").read_text(encoding="utf-8").split("\n")
    lines[178] = lines[178].rstrip() + ">"
    dtd = etree.DTD(io.StringIO("\n".join(lines)))
    return xsd, dtd


def _without_payloads(doc):
    for payload in doc.iter("mosPayload"):
        payload[:] = []
        payload.text = None
    return doc


def test_mos_validates_against_the_xsd_and_dtd(sheet, tmp_path):
    from lxml import etree

    xsd, dtd = _schemas()
    out = tmp_path / "mos"
    written = write(sheet, "mos", str(out), Options(timebase=59.94, tz="Asia/Seoul"))
    names = sorted(p.split("/")[-1] for p in written)
    assert names[0] == "roCreate.xml" and len(names) == 1 + len(sheet.counted)
    for name in names:
        raw = (out / name).read_bytes()
        assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    ro = etree.parse(str(out / "roCreate.xml"))
    xsd.assertValid(ro)
    for payload in ro.iter("mosPayload"):
        assert len(payload) == 1 and payload[0].tag == "castkit"
    stories = ro.findall(".//story")
    assert [s.findtext("storyNum") for s in stories] == ["A1", "A2", "A3", "A5", "A6", "B1", "B2"]  # floated A4 not sent
    pkg = stories[2].find("item")
    assert pkg.findtext("itemUserTimingDur") == str(round(102 * 59.94))
    assert ro.findtext(".//roEdDur") == "00:05:00" and ro.findtext(".//roEdStart") == "2025-06-12T20:00:00+09:00"
    assert all(len(e.text or "") <= 128 for e in ro.iter("roID", "storyID", "storySlug", "objID", "itemSlug"))
    dtd.assertValid(_without_payloads(ro))
    send = etree.parse(str(out / "roStorySend-S3-A3.xml"))
    body = send.find(".//storyBody")
    assert body.findtext("storyPresenter") == "Anna Park" and body.findtext("storyPresenterRR") == "180"
    assert body.find("storyItem/itemEdDur").text == str(round(102 * 59.94))
    assert [pi.text for pi in body.iter("pi")] == ["[TAKE PKG]", '[PKG · TRT 1:42 · OUT: SOC "Kim Jung-sil, Arirang News."]']
    assert body.findtext("p/pkg") == "Kim Jung-sil, Arirang News."
    for name in names[1:]:
        dtd.assertValid(_without_payloads(etree.parse(str(out / name))))


def test_mos_escapes_script_text_and_limits_ids(tmp_path):
    from lxml import etree

    xsd, dtd = _schemas()
    show = bulletin()
    show.stories[1].slug = "S" * 300
    show.stories[1].elements[0].text = "Fish & chips <b>bold</b> ]]> done"
    out = tmp_path / "mos"
    write(build_sheet(show), "mos", str(out))
    ro = etree.parse(str(out / "roCreate.xml"))
    xsd.assertValid(ro)
    assert len(ro.findall(".//storySlug")[1].text) == 128
    send = etree.parse(str(out / "roStorySend-S2-A2.xml"))
    assert send.find(".//storyBody/p").text == "Fish & chips <b>bold</b> ]]> done"
    dtd.assertValid(_without_payloads(send))


def test_mos_needs_a_directory():
    result = run_cli("rundown", str(SEED), "--format", "mos", "-o", "-")
    assert result.returncode == 2 and "directory" in result.stderr.decode()


def test_prompter_keeps_pronunciation_guides_that_read_time_leaves_out():
    from castkit.model import Bulletin, Element, Kind, Story

    copy = "Pyongyang (pyong-YAHNG) " + " ".join(["word"] * 29)
    show = Bulletin(stories=[Story(slug="NK", elements=[Element(Kind.ANCHOR, copy)])])
    sheet = build_sheet(show)
    assert (sheet.rows[0].words, sheet.rows[0].read_s) == (30, 10)  # 30 words at 180 wpm; the guide is not said
    assert copy in render(sheet, "prompter").splitlines()


def test_csv_with_seconds_only_keeps_durations_as_whole_seconds(tmp_path):
    out = tmp_path / "s.csv"
    result = run_cli("rundown", str(SEED), "--start", "20:00:00", "--slot", "2:30", "--seconds", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    (row,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert "est" not in row and "read" not in row and "cume" not in row
    assert (row["read_s"], row["runs_s"], row["est_s"], row["front"], row["back"]) == ("13", "108", "121", "20:00:00", "20:00:29")

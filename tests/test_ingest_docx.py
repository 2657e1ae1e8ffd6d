"""Word scripts: a .docx parses like the text it holds, A/V tables included."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SEED, run_cli

from castkit.errors import BadInput
from castkit.ingest import parse_file, parse_text
from castkit.model import Kind, bulletin_to_dict

docx = pytest.importorskip("docx")


def _word(path, lines: list[str]) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


@pytest.mark.parametrize("script", [SEED, FIXTURES / "producer" / "evening-rundown.txt"])
def test_a_docx_script_parses_like_its_text(script, tmp_path) -> None:
    text = script.read_text("utf-8")
    _word(tmp_path / "script.docx", text.splitlines())
    from_word, from_text = parse_file(tmp_path / "script.docx"), parse_text(text)
    assert from_word.style == from_text.style
    assert bulletin_to_dict(from_word.bulletin) == bulletin_to_dict(from_text.bulletin)


def test_two_column_av_table_gives_cues_and_copy(tmp_path) -> None:
    document = docx.Document()
    document.add_paragraph("HEATWAVE / VO / HAN")
    table = document.add_table(rows=3, cols=2)
    for row, (video, audio) in zip(table.rows, [("VIDEO", "AUDIO"), ("CAM 2", "Seoul baked in record heat today."),
                                               ("VO: cooling centre", "Residents crowded into cooling centres.")]):
        row.cells[0].text, row.cells[1].text = video, audio
    document.save(str(tmp_path / "av.docx"))
    story = parse_file(tmp_path / "av.docx").bulletin.stories[0]
    assert [(e.kind, e.text) for e in story.elements] == [
        (Kind.INSTRUCTION, "CAM 2"),
        (Kind.ANCHOR, "Seoul baked in record heat today."),
        (Kind.INSTRUCTION, "VO: cooling centre"),
        (Kind.ANCHOR, "Residents crowded into cooling centres."),
    ]
    result = run_cli("parse", str(tmp_path / "av.docx"), "--json")
    assert result.returncode == 0 and "VIDEO" not in result.stdout.decode()


def test_a_broken_docx_is_bad_input(tmp_path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(BadInput):
        parse_file(tmp_path / "broken.docx")
    assert run_cli("parse", str(tmp_path / "broken.docx")).returncode == 2

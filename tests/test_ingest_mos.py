"""MOS running orders read back: castkit's own output gives the same rundown; edits apply in order."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, SEED, run_cli

from castkit.errors import BadInput
from castkit.ingest import parse_file, parse_text
from castkit.model import Kind
from castkit.rundown import mos
from castkit.rundown.exports import Options
from castkit.rundown.sheet import build_sheet

MOS = FIXTURES / "mos"


def _columns(sheet) -> list[tuple]:
    return [(r.page, r.slug, r.format, r.talent, r.reporter, r.words, r.rate, r.read_s, r.runs_s, r.est_s, r.outcue, r.hit_ms, r.front_ms)
            for r in sheet.counted]


@pytest.mark.parametrize("script", [FIXTURES / "rundown" / "bulletin.json", FIXTURES / "producer" / "evening-rundown.txt", SEED,
                                    FIXTURES / "rundown" / "midnight.castkit"])
def test_castkits_own_mos_output_reads_back_into_the_same_rundown(script, tmp_path) -> None:
    sheet = build_sheet(parse_file(script).bulletin)
    for name, data in mos.render(sheet, Options()).items():
        (tmp_path / name).write_bytes(data)
    parsed = parse_file(tmp_path / "roCreate.xml")
    back = build_sheet(parsed.bulletin)
    assert parsed.style == "mos" and not parsed.warnings
    assert _columns(back) == _columns(sheet)
    assert (back.title, back.read_s, back.runs_s, back.est_s, back.slot_s) == (sheet.title, sheet.read_s, sheet.runs_s, sheet.est_s, sheet.slot_s)
    if sheet.start_ms is not None:
        assert (back.date, back.start_ms) == (sheet.date, sheet.start_ms)


def test_rundown_command_reads_a_mos_folder(tmp_path) -> None:
    script = FIXTURES / "producer" / "evening-rundown.txt"
    written = run_cli("rundown", str(script), "--format", "mos", "-o", str(tmp_path / "mos"))
    original = run_cli("rundown", str(script), "-o", str(tmp_path / "a.json"))
    back = run_cli("rundown", str(tmp_path / "mos" / "roCreate.xml"), "-o", str(tmp_path / "b.json"))
    assert written.returncode == 0 and original.returncode == 0 and back.returncode == 0, back.stderr
    a, b = (json.loads((tmp_path / n).read_text("utf-8")) for n in ("a.json", "b.json"))
    assert a["totals"] == b["totals"] and (a["title"], a["date"], a["start"]) == (b["title"], b["date"], b["start"])
    lost = {"supers", "title", "notes", "runs_estimated", "runs"}  # supers and titles are not in the MOS messages
    assert [{k: v for k, v in row.items() if k not in lost} for row in a["rows"]] == [
        {k: v for k, v in row.items() if k not in lost} for row in b["rows"]
    ]


def test_story_send_insert_replace_and_element_action_apply_in_message_order() -> None:
    parsed = parse_file(MOS / "roCreate.xml")
    bulletin = parsed.bulletin
    assert (bulletin.title, bulletin.date, bulletin.start_ms, bulletin.slot_ms) == ("Evening News", "2025-06-12", 72_000_000, 1_800_000)
    assert [s.slug for s in bulletin.stories] == ["NK-LETTER", "BOK-RATE", "BREAK 1", "HEATWAVE"]  # swapped, inserted, replaced
    letter, rate = bulletin.stories[:2]
    assert [e.kind for e in letter.elements] == [Kind.ANCHOR, Kind.SIGNOFF]
    assert letter.elements[1].runs_ms == 115_000 and letter.correspondent == "Kim Jung-sil"
    assert [(e.kind, e.text) for e in rate.elements][0] == (Kind.INSTRUCTION, "CAM 2")
    assert bulletin.presenters == {"Anna Park": 170.0}
    assert sum("no roStorySend" in str(n) for n in parsed.notices) == 2


def test_entities_are_refused_not_expanded() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE mos [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><mos><roCreate><roID>&b;</roID></roCreate></mos>'
    with pytest.raises(BadInput, match="refused"):
        parse_text(bomb)

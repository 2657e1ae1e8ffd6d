"""JSON export (``castkit.rundown/1``): header, rows with every column, totals, blocks, hits to cut for, notices.

Times of day are ``hh:mm:ss`` (a show past midnight reads 00:01:00, never 24:01:00).
"""

from __future__ import annotations

import json
from typing import Any

from castkit.rundown.columns import record
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet, clock_text

SCHEMA = "castkit.rundown/1"


def to_dict(sheet: Sheet) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "title": sheet.title,
        "date": sheet.date,
        "start": clock_text(sheet.start_ms) or None,
        "end": clock_text(sheet.end_ms) or None,
        "slot_s": sheet.slot_s,
        "rows": [record(row) for row in sheet.rows],
        "totals": {
            "stories": len(sheet.counted),
            "read_s": sheet.read_s,
            "runs_s": sheet.runs_s,
            "est_s": sheet.est_s,
            "actual_s": sheet.actual_s,
            "time_s": sheet.time_s,
            "pad_s": sheet.pad_s,
            "fill_s": sheet.fill_s,
            "projected_s": sheet.projected_s,
            "projected_end": clock_text(sheet.projected_end_ms) or None,
            "over_under": sheet.over_under or None,
            "over_under_s": sheet.over_under_s,
        },
        "blocks": [
            {
                "block": b.letter,
                "est_s": b.est_s,
                "time_s": b.time_s,
                "ends": clock_text(b.ends_ms) or None,
                "target": clock_text(b.target_ms) or None,
                "over_under": b.over_under or None,
                "over_under_s": b.over_under_s,
            }
            for b in sheet.blocks()
        ],
        "cuts": [
            {"page": m.row.page, "hit": clock_text(m.row.hit_ms), "cut_s": m.cut_s, "pad": [r.page for r in m.pad], "pad_s": m.pad_s,
             "float": m.float_instead.page if m.float_instead and m.pad_s < m.cut_s else None}
            for m in sheet.missed_hits
        ],
        "measured_rates": sheet.measured_rates,
        "rate_samples": [r.to_dict() for r in sheet.rate_samples],
        "notices": [n.to_dict() for n in sheet.notices],
    }


def render(sheet: Sheet, options: Options) -> str:
    return json.dumps(to_dict(sheet), ensure_ascii=False, indent=2) + "\n"

"""JSON export (``castkit.rundown/1``): header, rows with every column, totals."""

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
            "projected_s": sheet.projected_s,
            "projected_end": clock_text(sheet.projected_end_ms) or None,
            "over_under": sheet.over_under or None,
            "over_under_s": sheet.over_under_s,
        },
        "measured_rates": sheet.measured_rates,
    }


def render(sheet: Sheet, options: Options) -> str:
    return json.dumps(to_dict(sheet), ensure_ascii=False, indent=2) + "\n"

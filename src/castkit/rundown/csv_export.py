"""CSV export: UTF-8, one row per story, stable snake_case headers, durations as m:ss and seconds."""

from __future__ import annotations

import csv
import io

from castkit.rundown.cells import inert
from castkit.rundown.columns import COLUMNS, record
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet


def headers() -> list[str]:
    """The CSV header row; it does not change with the content of a show."""
    keys = ["block", "float"]
    for column in COLUMNS:
        keys.append(column.key)
        if column.seconds is not None:
            keys.append(f"{column.key}_s")
    return keys + ["runs_estimated", "unit"]


def render(sheet: Sheet, options: Options) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers(), lineterminator="\r\n")
    writer.writeheader()
    for row in sheet.rows:
        writer.writerow({key: inert(value) for key, value in record(row).items()})
    return buffer.getvalue()

"""CSV export: UTF-8, one row per story, stable snake_case headers, durations as h:mm:ss and seconds.

Durations are written ``0:01:53`` and clock times ``20:00:10``, which LibreOffice, Excel and
Google Sheets read as a duration and a time; ``m:ss`` would be read as hours and minutes.
With ``Options.seconds_only`` the durations are only the ``<key>_s`` seconds columns.
"""

from __future__ import annotations

import csv
import io

from castkit.rundown.cells import inert
from castkit.rundown.columns import COLUMNS, record
from castkit.rundown.exports import Options
from castkit.rundown.sheet import Sheet


def headers(*, seconds_only: bool = False) -> list[str]:
    """The CSV header row; it does not change with the content of a show."""
    keys = ["block", "float"]
    for column in COLUMNS:
        if not (seconds_only and column.seconds is not None):
            keys.append(column.key)
        if column.seconds is not None:
            keys.append(f"{column.key}_s")
    return keys + ["runs_estimated", "runs_measured", "unit", "pad", "fill"]


def render(sheet: Sheet, options: Options) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers(seconds_only=options.seconds_only), lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in sheet.rows:
        writer.writerow({key: inert(value) for key, value in record(row, hours=True).items()})
    return buffer.getvalue()

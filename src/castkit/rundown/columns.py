"""The rundown's columns: one definition each, shared by every export.

A column has a stable snake_case key (CSV and JSON headers), a short header for printed
sheets, its display text, and for durations its value in whole seconds (signed for
differences). Optional columns (target, actual, +/-, hit) print only when a story has them;
machine exports always carry them so their headers never move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from castkit.rundown.sheet import Row, Sheet, clock_text, duration_text


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    text: Callable[[Row], str]
    seconds: Callable[[Row], int | None] | None = None
    shown_when: Callable[[Sheet], bool] | None = None
    numeric: bool = False  # right-aligned in printed sheets


def _flag(row: Row) -> str:
    """FLOAT, FILL (both outside the sums) or PAD (counted, first to drop)."""
    story = row.story
    return "FILL" if story.fill else "FLOAT" if story.floated else "PAD" if story.pad else ""


def _counted(value: Callable[[Row], int | None]) -> Callable[[Row], int | None]:
    """Clock columns are blank for floated stories: they are outside the show's time."""
    return lambda r: None if r.floated else value(r)


COLUMNS: tuple[Column, ...] = (
    Column("page", "PG", lambda r: r.page),
    Column("slug", "SLUG", lambda r: r.slug),
    Column("format", "FMT", lambda r: r.format),
    Column("talent", "TALENT", lambda r: r.talent),
    Column("reporter", "REPORTER", lambda r: r.reporter),
    Column("words", "WORDS", lambda r: str(r.words) if r.words else "", numeric=True),
    Column("rate", "RATE", lambda r: r.rate if r.words else ""),
    Column("read", "READ", lambda r: duration_text(r.read_s), lambda r: r.read_s, numeric=True),
    Column("runs", "RUNS", lambda r: r.runs, lambda r: r.runs_s, numeric=True),
    Column("est", "EST", lambda r: duration_text(r.est_s), lambda r: r.est_s, numeric=True),
    Column("target", "TARGET", lambda r: duration_text(r.target_s), lambda r: r.target_s, lambda s: s.has_targets, True),
    Column("actual", "ACTUAL", lambda r: duration_text(r.actual_s), lambda r: r.actual_s, lambda s: s.has_actuals, True),
    Column("over_under", "+/-", lambda r: r.diff, lambda r: r.diff_s, lambda s: s.has_targets or s.has_actuals),
    Column("running", "Σ+/-", lambda r: r.running_diff, lambda r: r.running_diff_s, lambda s: s.has_actuals),
    Column("front", "FRONT", lambda r: clock_text(r.front_ms)),
    Column("back", "BACK", lambda r: clock_text(r.back_ms)),
    Column("back_to", "TO", lambda r: r.back_to if r.back_to != "END" else "", shown_when=lambda s: s.has_hits),
    Column("cume", "CUME", lambda r: duration_text(r.cume_s), _counted(lambda r: r.cume_s), numeric=True),
    Column("hit", "HIT", lambda r: clock_text(r.hit_ms), shown_when=lambda s: s.has_hits),
    Column("outcue", "OUTCUE", lambda r: r.outcue),
    Column("supers", "SUPERS", lambda r: "; ".join(s.text for s in r.supers)),
    Column("notes", "NOTES", lambda r: "; ".join(filter(None, [_flag(r), r.notes]))),
)


def visible(sheet: Sheet) -> list[Column]:
    """The columns a printed sheet shows: the fixed ones and the optional ones this show uses."""
    return [c for c in COLUMNS if c.shown_when is None or c.shown_when(sheet)]


SIGNED = ("over_under", "running")  # differences: text such as OVER 0:12, never a duration


def record(row: Row, *, hours: bool = False) -> dict[str, Any]:
    """A row for machines: every column's text, each duration also as ``<key>_s`` seconds.

    ``hours`` writes durations as ``0:01:53`` so spreadsheets do not read ``1:53`` as 1 h 53 min.
    """
    out: dict[str, Any] = {"block": row.block, "float": str(row.floated).lower()}
    for column in COLUMNS:
        out[column.key] = column.text(row)
        if column.seconds is not None:
            secs = column.seconds(row)
            out[f"{column.key}_s"] = secs
            if column.key not in SIGNED:
                out[column.key] = duration_text(secs, hours=hours)  # plain: estimate marks are their own fields
    out["runs_estimated"] = str(row.runs_estimated).lower()
    out["runs_measured"] = str(row.runs_measured).lower()
    out["unit"] = row.unit.value
    out["pad"] = str(row.story.pad).lower()
    out["fill"] = str(row.story.fill).lower()
    return out


def footer(sheet: Sheet) -> list[tuple[str, str]]:
    """The show's totals as label/value pairs, in the order printed sheets show them.

    A hit the running order cannot make comes first, with the seconds to cut. Once stories
    have an ACTUAL, TOTAL (ACTUAL where measured, EST elsewhere) is what OVER/UNDER and ENDS use.
    """
    pairs = [("CUT", f"{duration_text(m.cut_s)} before {m.row.page} (hit {clock_text(m.row.hit_ms)})") for m in sheet.missed_hits]
    estimated = any(r.runs_estimated for r in sheet.counted)
    pairs += [
        ("STORIES", str(len(sheet.counted))),
        ("READ", duration_text(sheet.read_s)),
        ("RUNS", ("~" if estimated else "") + duration_text(sheet.runs_s)),
        ("EST", duration_text(sheet.est_s)),
    ]
    if sheet.actual_s is not None:
        pairs += [("ACTUAL", duration_text(sheet.actual_s)), ("TOTAL", duration_text(sheet.time_s))]
    if sheet.slot_s is not None:
        pairs += [("SLOT", duration_text(sheet.slot_s)), ("OVER/UNDER", sheet.over_under)]
    if sheet.pad_s:
        pairs.append(("PAD", duration_text(sheet.pad_s)))
    if sheet.fill_s:
        pairs.append(("FILL", duration_text(sheet.fill_s)))
    if sheet.projected_end_ms is not None:
        pairs.append(("ENDS", clock_text(sheet.projected_end_ms)))
    return pairs


def header(sheet: Sheet) -> list[tuple[str, str]]:
    """The show header: title, date, planned start, end and slot."""
    pairs = [("SHOW", sheet.title)]
    if sheet.date:
        pairs.append(("DATE", sheet.date))
    if sheet.start_ms is not None:
        pairs.append(("START", clock_text(sheet.start_ms)))
    if sheet.end_ms is not None:
        pairs.append(("END", clock_text(sheet.end_ms)))
    if sheet.slot_s is not None:
        pairs.append(("SLOT", duration_text(sheet.slot_s)))
    return pairs

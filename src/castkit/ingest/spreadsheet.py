"""Rundowns kept as a table, one story per row: CSV, TSV and semicolon exports, and ``.xlsx``.

Newsrooms plan shows in spreadsheets (and castkit writes its own rundown as one): a header row
of column names — page, slug, format, talent, reporter, times, hit, float, notes — under a
title row or two, then a row per story and often a TOTAL row. The columns are found by name,
case- and punctuation-blind and with the synonyms producers use (``PG``, ``Story``, ``Fmt``,
``Anchor``, ``Dur``, ``TRT``, ``Hard time`` …); castkit's own ``<column>_s`` seconds are
preferred where they are present, so its CSV reads back into the same rundown. Columns that
are not read are named in one notice, and a cell that is not a time is a warning naming its
row and column: nothing is dropped silently.

Timing follows what the row gives: a script cell is the anchor's copy, read at the rate;
READ times the anchor, RUNS is the story's running time; EST (or TIME, DUR …) fills whichever
of the two is missing, is the running time of a row with neither (a notice says so), and is
kept as the TARGET of a row whose copy castkit times itself.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from castkit.errors import BadInput
from castkit.ingest.base import Parsed, Style, register
from castkit.ingest.furniture import air_time
from castkit.ingest.producer import FORMATS as PRODUCER_FORMATS
from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story
from castkit.notices import Notice
from castkit.rundown.cells import FORMULA_START
from castkit.text import is_korean
from castkit.timing import DAY_MS, format_duration, parse_clock, parse_duration

Cell = str | int | float | time | datetime | date | timedelta | None
"""A cell as the table gives it: text from CSV, typed values from a workbook."""

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "slug": ("slug", "story", "title", "item"),
    "page": ("page", "pg", "#", "no", "item"),
    "title": ("title",),
    "format": ("format", "fmt", "type"),
    "talent": ("talent", "tal", "anchor", "reader", "presenter"),
    "reporter": ("reporter", "correspondent", "rptr"),
    "block": ("block",),
    "est": ("est", "time", "dur", "duration", "length", "total"),
    "read": ("read",),
    "runs": ("runs", "trt", "media", "sottime"),
    "target": ("target",),
    "hit": ("hit", "hardtime", "hardhit", "startat"),
    "front": ("front", "fronttime", "airtime"),
    "float": ("float", "floated", "drop", "kill"),
    "pad": ("pad",),
    "fill": ("fill",),
    "notes": ("notes", "comments"),
    "outcue": ("outcue", "oc", "out"),
    "supers": ("supers", "cg", "super"),
    "script": ("script", "copy", "text"),
}
"""Each field's column names, normalised (lower case, letters, digits and ``#``), best first.
Fields are matched in this order, each to its best-named free column: with both ``Item`` and
``Title``, Title is the slug and Item the page."""

SECONDS_FIELDS = ("read", "runs", "est", "target")
"""Durations castkit's CSV also writes as ``<key>_s`` whole seconds."""

HEADER_ROWS = 5
"""The header is looked for in the first five non-empty rows: a title row or two (castkit's
XLSX has three) may stand above it."""

WORKSHEET_HEAD_ROWS = 50
"""A worksheet whose first 50 rows hold no rundown header is not the rundown."""

MIN_NAMES = 3
"""A row is a header when at least three of its cells are rundown column names."""

DELIMITERS = (",", ";", "\t")
TRUE = frozenset({"yes", "y", "x", "true", "1"})
TOTALS = frozenset({"total", "totals"})
FACTS = {"start": "start", "end": "end", "slot": "slot", "date": "date", "show": "title"}
"""Show facts written as label and value cells above the header (castkit's XLSX: START, END, SLOT, DATE)."""

FORMATS: dict[str, Format] = {**{f.value: f for f in Format}, **PRODUCER_FORMATS}
BREAK = Format.BREAK
"""Read once: an enum member read through its class (``Format.BREAK``) is a slow lookup, and every row asks."""
_BREAK_SLUG = re.compile(r"(?:COMMERCIAL )?BREAK(?: ?\d{1,3})?", re.IGNORECASE)
_NOT_NAME = re.compile(r"[^a-z0-9#]")
_MINUTES_SECONDS = re.compile(
    r"(?:(?P<m>\d{1,3}) ?(?:['’′]|m|mins?) ?)?(?:(?P<s>\d{1,4}) ?(?:[\"”″]|''|s|secs?)?)?", re.IGNORECASE
)
"""1'30", 1' 30, 1m30s, 2 min, 45s: a whole cell (``parse_duration`` reads 1:30, :30, 0:01:30 and 90)."""
_MERIDIEM = re.compile(r"(?P<clock>\d{1,2}:\d{2}(?::\d{2})?) ?(?P<half>[ap])\.?m?\.?", re.IGNORECASE)
_HIT_NOTE = re.compile(r"hit \d\d:\d\d:\d\d: (?:gap|cut) [\d:]+")
"""The gap before a hit (or the time to cut for it) that castkit adds to its NOTES column and works out again."""
FLAG_COLUMNS = {"float": "floated", "pad": "pad", "fill": "fill"}
"""The story attribute each flag column sets."""
FLAG_NOTES = {"FLOAT": "floated", "PAD": "pad", "FILL": "fill"}
"""The flags castkit writes in its NOTES column (its XLSX has no PAD or FILL column)."""


def column_key(header: str) -> str:
    """A header cell as it is matched: case and punctuation ignored ("Hard time" → "hardtime")."""
    return _NOT_NAME.sub("", header.lower())


_ALL_NAMES = frozenset(name for names in COLUMN_NAMES.values() for name in names)


def _seconds_field(header: str) -> str | None:
    """The duration a castkit ``<key>_s`` column holds in whole seconds (``runs_s``: runs), else None."""
    text = header.strip().lower()
    stem = column_key(text[:-2]) if text.endswith("_s") else ""
    return stem if stem in SECONDS_FIELDS else None


def _known(cells: list[str]) -> int:
    """How many cells name a rundown column."""
    return sum(1 for cell in cells if _seconds_field(cell) or column_key(cell) in _ALL_NAMES)


# ---------------------------------------------------------------- the table


@dataclass
class _Columns:
    """Where each field is in the row, the seconds columns castkit adds, and the columns left unread."""

    at: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)
    width: int = 0  # the widest row's cells, the header's included

    def name(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return header.strip() or f"column {index + 1}"


def _columns(headers: list[str], rows: list[list[Cell]]) -> _Columns:
    """Match header cells to fields: each field takes its best-named free column, seconds columns aside."""
    found = _Columns(headers=headers)
    free = set(range(len(headers)))
    for index, header in enumerate(headers):
        seconds = _seconds_field(header)
        if seconds and seconds not in found.seconds:
            found.seconds[seconds] = index
            free.discard(index)
    keys = {i: column_key(headers[i]) for i in free}
    for name, synonyms in COLUMN_NAMES.items():
        ranked = [(synonyms.index(keys[i]), i) for i in free if keys[i] in synonyms]
        if ranked:
            index = min(ranked)[1]
            found.at[name] = index
            free.discard(index)
    found.width = max(max(map(len, rows), default=0), len(headers))
    used = set(found.at.values()) | set(found.seconds.values())
    found.ignored = [i for i in range(found.width) if i not in used
                     and (i < len(headers) and headers[i].strip() or any(_text(r[i]) for r in rows if i < len(r)))]
    return found


def _text(value: Cell) -> str:
    """A cell as text: numbers without a needless ``.0``, runs of spaces and line breaks folded, and
    without the apostrophe that keeps text such as ``=SUM`` from running as a formula (castkit's CSV adds it)."""
    if isinstance(value, str):
        if value.startswith("'") and value[1:].startswith(FORMULA_START):
            value = value[1:]
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _plain(text: str) -> bool:
    """Text that :func:`_text` gives back unchanged, known without splitting it.

    ``str.split`` breaks at the space and at characters ``isprintable`` refuses (every other
    whitespace character is one), so printable text with no space doubled or at its ends, and no
    leading apostrophe, is already folded.
    """
    return text.isprintable() and "  " not in text and text[:1] not in (" ", "'") and text[-1:] != " "


def _joined(rows: list[list[Cell]]) -> str | None:
    """Every cell of the rows joined by ``|``, so that a table's cells are searched at once rather than
    one by one; None when a cell is not text (a workbook: numbers, times, blanks)."""
    try:
        return "|".join(map("|".join, rows))
    except TypeError:
        return None


def _plain_cells(joined: str | None) -> bool:
    """Whether every cell of rows :func:`_joined` is plain text already (:func:`_plain`), as a CSV table's cells usually are.

    A cell's ends are next to a ``|`` (or the text's ends), so a space or apostrophe opening a cell,
    or a space closing one, is one search of the whole.
    """
    return joined is not None and _plain(joined) and "| " not in joined and " |" not in joined and "|'" not in joined


def _plain_rows(rows: list[list[Cell]]) -> bool:
    """Whether every cell of the rows is plain text already (:func:`_plain_cells`)."""
    return _plain_cells(_joined(rows))


def _row_texts(row: list[Cell]) -> list[str]:
    """Each cell as text (:func:`_text`); the row itself when every cell is plain text already."""
    return row if _plain_rows([row]) else [_text(cell) for cell in row]


def _is_total(row: list[Cell]) -> bool:
    """A TOTAL row: its first cell that is not blank says TOTAL (or TOTALS).

    A text cell is stripped rather than folded by :func:`_text`: a word is one word either way, unless
    an apostrophe hides a formula start (an apostrophe, a tab, TOTAL), which only :func:`_text` takes off.
    """
    for cell in row:
        text = cell.strip() if isinstance(cell, str) and cell[:1] != "'" else _text(cell)
        if text:
            return text.lower() in TOTALS
    return False


def _total_at(rows: list[list[Cell]], joined: str | None) -> int:
    """The index of the TOTAL row (:func:`_is_total`), else the number of rows; ``joined`` is the rows' cells (:func:`_joined`).

    A CSV table that never says "total" has none, known by one search of its cells lower-cased
    rather than row by row: a TOTAL cell is the word, give or take space and case.
    """
    if joined is not None and "total" not in joined.lower():
        return len(rows)
    return next((i for i, r in enumerate(rows) if _is_total(r)), len(rows))


def _shown(value: Cell) -> str:
    """A cell's text as a warning quotes it: its first 40 characters, so a runaway cell stays a short line."""
    text = _text(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _header_at(rows: list[list[Cell]]) -> int | None:
    """The index of the header row: the first of the first non-empty rows naming three columns."""
    seen = 0
    for index, row in enumerate(rows):
        cells = [_text(c) for c in row]
        if not any(cells):
            continue
        if _known(cells) >= MIN_NAMES:
            return index
        seen += 1
        if seen >= HEADER_ROWS:
            break
    return None


def _delimiter(line: str) -> str | None:
    """The separator that splits a header line into the most column names (at least three)."""
    best, most = None, MIN_NAMES - 1
    for delimiter in DELIMITERS:
        if delimiter in line:
            count = _known(next(csv.reader([line], delimiter=delimiter)))
            if count > most:
                best, most = delimiter, count
    return best


def _head_lines(text: str) -> list[str]:
    return [line[:4000] for line in text[:40_000].splitlines() if line.strip()][:HEADER_ROWS]


def sniff(text: str) -> float:
    """A header line of comma-, semicolon- or tab-separated cells, three of them rundown column names."""
    return 0.95 if any(_delimiter(line) for line in _head_lines(text)) else 0.0


# ---------------------------------------------------------------- cells


class _NotATime(ValueError):
    """A cell in a time column that holds something else."""


def _typed_ms(value: Cell) -> int | None:
    """Milliseconds of a typed workbook cell: a time, a duration, a fraction of a day; None for text."""
    if isinstance(value, timedelta):
        return round(value.total_seconds() * 1000)
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 + value.microsecond // 1000
    return None


def duration_ms(value: Cell) -> int | None:
    """A running time: 1:30, 0:01:30, :30, 90 (seconds), 1'30", 1m30s, or a workbook time,
    duration or fraction of a day (a number under 1; a larger one counts seconds); None when blank."""
    if isinstance(value, str):
        if not value:
            return None
        try:
            return parse_duration(value)  # as scripts write it
        except BadInput:
            return _marked_duration_ms(value.strip())
    if value is None:
        return None
    typed = _typed_ms(value)
    if typed is not None:
        return typed
    if isinstance(value, (bool, date)) or not 0 <= value < DAY_MS:  # a number of seconds past any running time (or not finite)
        raise _NotATime
    return round(value * DAY_MS) if 0 < value < 1 else round(value * 1000)


def _marked_duration_ms(text: str) -> int:
    """A running time written with marks (1'30", 1m30s, 45s), which :func:`castkit.timing.parse_duration` does not read."""
    match = _MINUTES_SECONDS.fullmatch(text)
    if not match or not (match["m"] or match["s"]) or (match["m"] and int(match["s"] or 0) > 59):
        raise _NotATime
    return (int(match["m"] or 0) * 60 + int(match["s"] or 0)) * 1000


def clock_ms(value: Cell) -> int | None:
    """A time of day: 20:05, 20:05:00, 8:05 PM, or a workbook time (fraction of a day); None when blank."""
    if isinstance(value, str):
        return _written_clock_ms(value.strip()) if value else None
    if value is None:
        return None
    typed = _typed_ms(value)
    if typed is not None:
        return typed % DAY_MS
    if isinstance(value, (bool, date)) or not math.isfinite(value):
        raise _NotATime
    return round(value % 1 * DAY_MS)


def _written_clock_ms(text: str) -> int:
    """A time of day written as text, on the 24-hour clock or with AM or PM."""
    meridiem = _MERIDIEM.fullmatch(text)
    try:
        ms = parse_clock(meridiem["clock"] if meridiem else text)
    except BadInput:
        raise _NotATime from None
    if meridiem:
        ms = ms % (12 * 3600_000) + (12 * 3600_000 if meridiem["half"].lower() == "p" else 0)
    return ms


def _flag(value: Cell, header_key: str) -> bool:
    """yes / y / x / true / 1, or the column's own name ("FLOAT" in a FLOAT column; ``header_key`` is its :func:`column_key`)."""
    text = _text(value).lower()
    return text in TRUE or bool(text) and column_key(text) == header_key


# ---------------------------------------------------------------- rows to stories


class _CountedCells(list):
    """A row's cells that count each formula cell read that has no saved value (a workbook's notice names
    them); iterating them reads nothing."""

    def __init__(self, cells: list[Cell], number: int, reader: _Reader) -> None:
        super().__init__(cells)
        self.number, self.reader = number, reader

    def __getitem__(self, index):
        self.reader.count_formula(self.number, index)
        return super().__getitem__(index)


@dataclass
class _Reader:
    """The parse under way: the columns found, the result, and what the notices will count."""

    columns: _Columns
    parsed: Parsed
    formulas: set[tuple[int, int]]
    plain: bool  # every row's cells are their own texts (:func:`_plain_rows`)
    runs_from_time: int = 0  # stories whose TIME is their running time, having no copy
    copy_targets: int = 0  # stories whose copy castkit times, with the sheet's TIME kept as TARGET
    blank_formulas: dict[str, int] = field(default_factory=dict)
    durations: dict[str, tuple[int, ...]] = field(init=False)  # each duration's columns, castkit's seconds column first
    duration_columns: list[tuple[int, int]] = field(init=False)  # (place in SECONDS_FIELDS, column) of each duration column, in reading order
    flags: list[tuple[int, str, str]] = field(init=False)  # the flag columns there are: the story attribute each sets, its header's key
    at: dict[str, int] = field(init=False)  # each field's column in a row's texts; past the widest row (blank) for a field the sheet lacks

    def __post_init__(self) -> None:
        at = self.columns.at
        self.durations = {name: tuple(where[name] for where in (self.columns.seconds, at) if name in where) for name in SECONDS_FIELDS}
        self.duration_columns = [(place, index) for place, name in enumerate(SECONDS_FIELDS) for index in self.durations[name]]
        self.flags = [(at[name], attribute, column_key(self.columns.name(at[name]))) for name, attribute in FLAG_COLUMNS.items() if name in at]
        self.at = {name: at.get(name, self.columns.width) for name in COLUMN_NAMES}

    def count_formula(self, number: int, index: int) -> None:
        """Count a cell read that is a formula without a saved value, under its column's name."""
        if (number, index) in self.formulas:
            header = self.columns.name(index)
            self.blank_formulas[header] = self.blank_formulas.get(header, 0) + 1

    def cells(self, row: list[Cell], number: int) -> tuple[list[str], list[Cell]]:
        """The row's cells as text and as given, each with blanks up to one past the widest row (where a field
        the sheet lacks is read); a CSV row's cells are usually their own texts, one list.

        A blank ("") read as given is no time, as an empty workbook cell is. With formulas left without
        a value, both count the cells read (:class:`_CountedCells`).
        """
        blanks = [""] * (self.columns.width + 1 - len(row))
        texts, cells = row if self.plain else _row_texts(row), row + blanks
        texts = cells if texts is row else texts + blanks
        if self.formulas:
            return _CountedCells(texts, number, self), _CountedCells(cells, number, self)
        return texts, cells

    def warn(self, number: int, index: int, message: str) -> None:
        self.parsed.warnings.append(f"row {number}, column {self.columns.name(index)}: {message}")

    def times(self, cells: list[Cell], number: int) -> list[int | None]:
        """The row's durations in :data:`SECONDS_FIELDS` order, each from castkit's seconds column when there is one."""
        found: list[int | None] = [None] * len(SECONDS_FIELDS)
        for place, index in self.duration_columns:
            if found[place] is not None:  # read from castkit's seconds column
                continue
            value = cells[index]
            if value is None or value == "":  # blank: no running time, and nothing to warn of
                continue
            try:
                found[place] = duration_ms(value)
            except _NotATime:
                self.warn(number, index, f"{_shown(value)} is not a running time (write 1:30, :30, 90 or 1'30\"): left blank")
        return found

    def clock(self, cells: list[Cell], number: int, name: str) -> int | None:
        index = self.at[name]
        value = cells[index]
        if value is None or value == "":  # blank: no time of day
            return None
        try:
            return clock_ms(value)
        except _NotATime:
            self.warn(number, index, f"{_shown(value)} is not a time of day (write 20:05:00): left blank")
            return None

    def story(self, texts: list[str], cells: list[Cell], number: int) -> Story | None:
        """The story a row describes (its :meth:`cells`); None for a row without a slug (after a warning when it holds anything)."""
        at = self.at
        slug, fmt_text = texts[at["slug"]], texts[at["format"]]
        fmt = FORMATS.get(fmt_text.upper())
        if fmt_text and fmt is None:
            self.warn(number, at["format"], f"{fmt_text!r} is not a format castkit knows: the format is derived from the row")
        if not slug and fmt is not BREAK:
            filled = [text for text in texts if text]
            if filled:
                self.parsed.warnings.append(f"row {number}: no slug, so not a story: " + " | ".join(filled)[:80])
            return None
        if "break" in slug.lower() and _BREAK_SLUG.fullmatch(slug):  # the word first: most slugs are not breaks
            fmt = BREAK
        story = Story(texts[at["title"]] or slug or "Break", slug or None, texts[at["page"]] or None, format=fmt,  # title, slug, page: in order, as positional arguments are read faster
                      talent=texts[at["talent"]] or None, correspondent=texts[at["reporter"]] or None,
                      block=texts[at["block"]] or None, hit_ms=self.clock(cells, number, "hit"))
        for index, attribute, key in self.flags:
            if _flag(cells[index], key):
                setattr(story, attribute, True)
        notes = texts[at["notes"]]
        if notes:
            self._notes(story, notes)
        self._time(story, texts, cells, number)
        supers, outcue = texts[at["supers"]], texts[at["outcue"]]
        if supers:
            self._supers(story, supers)
        if outcue:
            spoken = [e for e in story.elements if e.kind.spoken]
            if not spoken:
                spoken = [Element(Kind.ANCHOR, "", Speaker(name=story.talent, role=Role.ANCHOR))]
                story.elements.insert(0, spoken[0])
            spoken[-1].out_cue = outcue
        if story.elements and is_korean(" ".join(e.text for e in story.elements)):
            story.language = "ko"
        return story

    def _notes(self, story: Story, notes: str) -> None:
        """The row's notes, without what castkit derives again (FLOAT, PAD, FILL set the flags; a hit's gap)."""
        kept = []
        for part in (p.strip() for p in notes.split(";")):
            if part in FLAG_NOTES:
                setattr(story, FLAG_NOTES[part], True)
            elif part and not (part.startswith("hit ") and _HIT_NOTE.fullmatch(part)):  # the words first: most notes are not a hit's
                kept.append(part)
        story.notes = "; ".join(kept) or None

    @staticmethod
    def _supers(story: Story, supers: str) -> None:
        """The row's supers, ``;``-separated, without castkit's ``[CHECK: …]`` marks and the reporter's name super."""
        names = [s.split(" [CHECK:")[0].strip() for s in supers.split(";")]
        story.elements += [Element(Kind.INSTRUCTION, f"SUPER: {s}") for s in names if s and s != story.correspondent]

    def _time(self, story: Story, texts: list[str], cells: list[Cell], number: int) -> None:
        """READ, RUNS and EST into the model (see the module docstring); a BREAK is all running time."""
        read, runs, est, story.target_ms = self.times(cells, number)
        copy = texts[self.at["script"]]
        if story.format is BREAK:
            story.runs_ms = runs if runs is not None else est
            return
        if est is not None:
            column = self.durations["est"][-1]  # the EST column the warnings name, else castkit's est_s
            if copy and read is None and story.target_ms is None:
                story.target_ms = est
                self.copy_targets += 1
            elif copy and read is None:
                self.warn(number, column, "not read: the row has copy, timed at the read rate, and a TARGET")
            elif read is None and runs is None:
                runs = est
                self.runs_from_time += 1
            elif runs is None or read is None:
                known = read if runs is None else runs
                if est < known:
                    self.warn(number, column, f"{format_duration(est)} is shorter than {'READ' if runs is None else 'RUNS'} alone: taken as 0:00 for the rest")
                rest = max(0, est - known)
                runs, read = (rest, read) if runs is None else (runs, rest)
            elif abs(est - read - runs) >= 1000:
                self.warn(number, column, f"{format_duration(est)} is not READ + RUNS ({format_duration(read + runs)}): READ + RUNS is used")
        story.runs_ms = runs
        if copy or read:
            story.elements.append(Element(Kind.ANCHOR, copy, Speaker(name=story.talent, role=Role.ANCHOR), runs_ms=read))


# ---------------------------------------------------------------- show facts above the header


def _show_facts(bulletin: Bulletin, rows: list[list[Cell]], parsed: Parsed) -> None:
    """Rows above the header: label and value facts (``START`` 20:00:00), else a title and an air date and time."""
    for row in rows:
        labels = [column_key(c) if isinstance(c, str) else "" for c in row]
        if any(label in FACTS for label in labels):
            for index, label in enumerate(labels[:-1]):
                if label in FACTS:
                    _fact(bulletin, FACTS[label], row[index + 1])
        elif any(_text(c) for c in row):
            _title_row(bulletin, [c for c in row if _text(c)], parsed)


def _fact(bulletin: Bulletin, name: str, value: Cell) -> None:
    """One show fact; a value that does not read as one is left out (it is the next label, or blank)."""
    try:
        if name == "start":
            bulletin.start_ms = clock_ms(value)
        elif name == "end":
            bulletin.end_ms = clock_ms(value)
        elif name == "slot":
            bulletin.slot_ms = duration_ms(value)
        elif name == "title":
            bulletin.title = _text(value) or bulletin.title
        else:
            bulletin.date = _date(value) or bulletin.date
    except _NotATime:
        return


def _date(value: Cell) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    when = air_time(_text(value))
    return when.when.date().isoformat() if when else None


def _title_row(bulletin: Bulletin, cells: list[Cell], parsed: Parsed) -> None:
    """A show line: a date cell gives the date (and start), a clock cell the start, the other cells the title.

    The first such line titles the show; later ones only add a date or a start (their words are dropped).
    """
    words: list[str] = []
    programme = ""
    for cell in cells:
        if isinstance(cell, (date, time)):
            bulletin.date = _date(cell) if isinstance(cell, date) else bulletin.date
            bulletin.start_ms = _typed_ms(cell) if isinstance(cell, time) else bulletin.start_ms
            continue
        text = _text(cell)
        header = air_time(text)
        if header is not None:
            bulletin.date = header.when.date().isoformat()
            bulletin.start_ms = header.start_ms if header.start_ms is not None else bulletin.start_ms
            programme = programme or header.programme
            continue
        try:
            bulletin.start_ms = parse_clock(text)
        except BadInput:
            words.append(text)
    title = " ".join(words) or programme
    if title and bulletin.title is None:
        bulletin.title = title
    elif title:
        parsed.dropped.append(title)


# ---------------------------------------------------------------- the parse


def read_table(rows: list[list[Cell]], *, formulas: set[tuple[int, int]] | None = None) -> Parsed:
    """The rundown in a table's rows; ``formulas`` are (row, column) cells holding a formula with no saved value."""
    parsed = Parsed(bulletin=Bulletin(), style="spreadsheet")
    at = _header_at(rows)
    if at is None:
        at = next((i for i, r in enumerate(rows) if any(_text(c) for c in r)), None)
        if at is None:
            raise BadInput("empty table: no header row and no stories")
    headers = [_text(c) for c in rows[at]]
    body = rows[at + 1:]
    joined = _joined(body)
    totals = _total_at(body, joined)
    columns = _columns(headers, body[:totals])
    if "slug" not in columns.at:
        raise BadInput(f"no slug or story column in the header ({', '.join(h for h in headers if h)}): name one SLUG, STORY, TITLE or ITEM")
    _show_facts(parsed.bulletin, rows[:at], parsed)
    parsed.dropped += [" | ".join(_text(c) for c in r if _text(c)) for r in body[totals:] if any(_text(c) for c in r)]
    plain = _plain_cells(joined if totals == len(body) else _joined(body[:totals]))
    reader = _Reader(columns, parsed, formulas or set(), plain)
    stories = parsed.bulletin.stories
    for number, row in enumerate(body[:totals], start=at + 2):
        texts, cells = reader.cells(row, number)
        story = reader.story(texts, cells, number)
        if story is not None:
            if not stories and parsed.bulletin.start_ms is None:  # the show starts when its first story does
                parsed.bulletin.start_ms = reader.clock(cells, number, "front")
            stories.append(story)
    if not stories:
        raise BadInput("empty table: no story rows under the header")
    _notices(reader)
    return parsed


def _notices(reader: _Reader) -> None:
    """The guesses the sheet needed, one notice each: columns not read, times taken as running times, blank formulas."""
    columns, guesses = reader.columns, reader.parsed.guesses
    if columns.ignored:
        read = sorted({*columns.at.values(), *columns.seconds.values()})
        guesses.append(Notice("style", "", f"spreadsheet columns read: {', '.join(columns.name(i) for i in read)}; "
                                           f"not read: {', '.join(columns.name(i) for i in columns.ignored)}"))
    if reader.runs_from_time == 1:
        guesses.append(Notice("timing", "", "1 story has no copy: its TIME is taken as its running time"))
    elif reader.runs_from_time:
        guesses.append(Notice("timing", "", f"{reader.runs_from_time} stories have no copy: their TIME is taken as their running time"))
    if reader.copy_targets:
        guesses.append(Notice("timing", "", f"{reader.copy_targets} {'story has' if reader.copy_targets == 1 else 'stories have'} "
                                            "copy and a TIME: the copy is timed at the read rate, and TIME is kept as the TARGET"))
    if reader.blank_formulas:
        cells = ", ".join(f"{name} ({count})" for name, count in reader.blank_formulas.items())
        guesses.append(Notice("timing", "", f"formula cells with no saved value, not read: {cells}; "
                                            "open and save the workbook in a spreadsheet program to keep their values"))


def parse(text: str) -> Parsed:
    """A CSV, TSV or semicolon-separated rundown, the separator taken from its header line."""
    delimiter = next((d for d in map(_delimiter, _head_lines(text)) if d), None)
    if delimiter is None:
        counts = {d: text.count(d) for d in DELIMITERS}
        delimiter = max(counts, key=counts.__getitem__)
    try:
        rows: list[list[Cell]] = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise BadInput(f"not a readable table: {exc}") from None
    return read_table(rows)


def parse_workbook(data: bytes, where: str) -> Parsed:
    """An ``.xlsx`` rundown: the first worksheet with a rundown header (else the first), values as saved.

    Formulas are not computed: a formula cell is read by the value a spreadsheet program saved
    with it, and one without a saved value (a workbook written by a program, castkit's own
    included) is named in a notice and left blank.
    """
    try:
        rows, blank = _worksheet(data)
    except BadInput as exc:
        raise BadInput(str(exc), where=where) from None
    try:
        return read_table(rows, formulas=blank)
    except BadInput as exc:
        raise BadInput(str(exc), where=where) from None


def _worksheet(data: bytes) -> tuple[list[list[Cell]], set[tuple[int, int]]]:
    """The rundown worksheet's rows (saved values) and its formula cells that have no saved value, as (row, column)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        if not values.worksheets:
            raise BadInput("empty table: the workbook has no worksheet")
        chosen = next((n for n, ws in enumerate(values.worksheets) if _header_at(_rows(ws, WORKSHEET_HEAD_ROWS)) is not None), 0)
        rows = _rows(values.worksheets[chosen])
        blank = {(number, column)
                 for number, (saved, written) in enumerate(zip(rows, _rows(formulas.worksheets[chosen])), start=1)
                 for column, (value, formula) in enumerate(zip(saved, written))
                 if value is None and isinstance(formula, str) and formula.startswith("=")}
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, SyntaxError) as exc:
        raise BadInput(f"not a readable Excel workbook: {exc}") from None  # SyntaxError: XML that does not parse
    values.close()
    formulas.close()
    return rows, blank


def _rows(worksheet, limit: int | None = None) -> list[list[Cell]]:
    return [list(r) for r in worksheet.iter_rows(min_row=1, max_row=limit, min_col=1, values_only=True)]


STYLE = register(Style("spreadsheet", "a rundown kept as a table: CSV, TSV or XLSX, one story per row under a header", sniff, parse))

"""A row's texts read in one go are the texts its cells give one by one, and a table is plain when each row is."""

import sys

from hypothesis import given
from hypothesis import strategies as st

from castkit.ingest.spreadsheet import _plain_rows, _row_texts, _text

WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
CELL = st.text(alphabet=st.sampled_from(WHITESPACE + "'=+-@|ab\u00ad\u200b")) | st.text()


@given(st.lists(CELL, max_size=6))
def test_a_text_rows_texts_are_its_cells_texts(row) -> None:
    assert _row_texts(row) == [_text(cell) for cell in row]


@given(st.lists(CELL | st.none() | st.integers() | st.floats(allow_nan=False), max_size=6))
def test_a_workbook_rows_texts_are_its_cells_texts(row) -> None:
    assert _row_texts(row) == [_text(cell) for cell in row]


@given(st.lists(st.lists(CELL | st.just("") | st.just("A1"), max_size=4), max_size=5))
def test_a_table_is_plain_when_every_rows_cells_are_their_texts(rows) -> None:
    assert _plain_rows(rows) == all(_plain_rows([row]) for row in rows)
    if _plain_rows(rows):
        assert all([_text(cell) for cell in row] == row for row in rows)

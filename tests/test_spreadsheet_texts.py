"""A row's texts read in one go are the texts its cells give one by one."""

import sys

from hypothesis import given
from hypothesis import strategies as st

from castkit.ingest.spreadsheet import _row_texts, _text

WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
CELL = st.text(alphabet=st.sampled_from(WHITESPACE + "'=+-@|ab\u00ad\u200b")) | st.text()


@given(st.lists(CELL, max_size=6))
def test_a_text_rows_texts_are_its_cells_texts(row) -> None:
    assert _row_texts(row) == [_text(cell) for cell in row]


@given(st.lists(CELL | st.none() | st.integers() | st.floats(allow_nan=False), max_size=6))
def test_a_workbook_rows_texts_are_its_cells_texts(row) -> None:
    assert _row_texts(row) == [_text(cell) for cell in row]

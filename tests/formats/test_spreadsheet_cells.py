"""Properties of the one rule every CSV and XLSX writer uses: text never begins like a formula,
nothing else about it changes, and numbers the program holds stay numbers."""

from __future__ import annotations

import csv
import decimal
import io
import math
import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from lapang_core.formats.spreadsheet_cells import (
    FORMULA_START,
    csv_cell,
    csv_row,
    neutralise,
    xlsx_cells,
)

# Text that begins like a formula often, and any text at all.
formula_like = st.builds(
    lambda start, rest: start + rest, st.sampled_from(FORMULA_START), st.text()
)
texts = st.one_of(st.text(), formula_like)
finite_numbers = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False),
)


@given(texts)
def test_neutralised_text_never_begins_like_a_formula_and_keeps_every_character(text):
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_START)
    if text.startswith(FORMULA_START):
        assert safe == "'" + text
    else:
        assert safe == text
    assert neutralise(safe) == safe


@given(finite_numbers)
def test_a_number_the_program_holds_stays_a_number(number):
    assert csv_cell(number) is number


@given(st.one_of(st.integers(), st.floats()).map(str))
def test_a_number_arriving_as_text_is_text(text):
    # "-3" typed on a laptop is not a number the program holds: it is quoted like any text.
    assert csv_cell(text) == neutralise(text)


def test_none_is_empty_and_non_finite_floats_are_text():
    assert csv_cell(None) == ""
    assert csv_cell(-math.inf) == "'-inf"
    assert csv_cell(decimal.Decimal("-Infinity")) == "'-Infinity"
    assert csv_cell(True) == "True"


@given(st.lists(st.one_of(texts, finite_numbers, st.none()), min_size=1))
def test_a_csv_row_reads_back_with_no_cell_beginning_like_a_formula(values):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow(csv_row(values))
    buffer.seek(0)
    (cells,) = list(csv.reader(buffer))
    for value, cell in zip(values, cells, strict=True):
        if isinstance(value, str):
            assert cell == neutralise(value)
        if not isinstance(value, int | float | decimal.Decimal):
            assert not cell.startswith(FORMULA_START)


@settings(max_examples=60, deadline=None)
# XLSX numbers are doubles: integers beyond 2**53 are not the program's counts.
@given(st.lists(st.one_of(texts, st.integers(-(2**53), 2**53), st.none()), min_size=1, max_size=8))
def test_xlsx_cells_are_strings_or_numbers_and_never_formulas(values):
    book = Workbook()
    sheet = book.active
    sheet.append(xlsx_cells(sheet, values))
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        assert not re.search(r"<f[ >]", archive.read("xl/worksheets/sheet1.xml").decode())
    row = next(load_workbook(buffer).active.iter_rows(max_col=len(values)))
    for value, cell in zip(values, row, strict=True):
        if value is None or value == "":
            assert cell.value is None  # an empty cell (openpyxl reads "" back as None)
        elif isinstance(value, int):
            assert (cell.data_type, cell.value) == ("n", value)
        else:
            assert cell.data_type == "s"
            assert not cell.value.startswith(FORMULA_START)
            if not re.search(r"[\x00-\x1f]", value):  # XML keeps printable text exactly
                assert cell.value == neutralise(value)[:32767]

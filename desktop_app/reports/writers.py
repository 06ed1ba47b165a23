"""Tables to CSV and XLSX files (atomically, see safe_write). CSV and XLSX cells go through
formats.spreadsheet_cells: text that begins like a formula never runs as one. PDFs are laid
out as KPU's forms: documents.write_document_pdf, receipt.write_receipt (printed_form)."""

from __future__ import annotations

import csv
import pathlib

from desktop_app.reports.safe_write import write_with
from desktop_app.reports.tables import Table
from lapang_core.formats.spreadsheet_cells import csv_row, xlsx_cells


def write_csv(table: Table, path: pathlib.Path, *, overwrite: bool = False) -> pathlib.Path:
    def writer(tmp: pathlib.Path) -> None:
        # UTF-8 with BOM so Excel on Windows shows names with diacritics correctly.
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(csv_row(table.header))
            out.writerows(csv_row(row) for row in table.rows)

    return write_with(path, writer, overwrite=overwrite)


def write_xlsx(table: Table, path: pathlib.Path, *, overwrite: bool = False) -> pathlib.Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def writer(tmp: pathlib.Path) -> None:
        book = Workbook(write_only=False)
        sheet = book.active
        sheet.title = table.title[:31].replace("/", "-").replace(":", "-") or "Laporan"
        sheet.append(xlsx_cells(sheet, table.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            # NIK/NKK stay text cells: as numbers Excel would round 16 digits to 15.
            sheet.append(xlsx_cells(sheet, row))
        for column, _ in enumerate(table.header, 1):
            sheet.cell(row=1, column=column).number_format = "@"
        book.save(tmp)

    return write_with(path, writer, overwrite=overwrite)

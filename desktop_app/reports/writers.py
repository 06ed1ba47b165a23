"""Tables to CSV, XLSX and PDF files (atomically, see safe_write). CSV and XLSX cells go through
formats.spreadsheet_cells: text that begins like a formula never runs as one."""

from __future__ import annotations

import csv
import html
import pathlib

from desktop_app.formats.spreadsheet_cells import csv_row, xlsx_cells
from desktop_app.reports.safe_write import write_with
from desktop_app.reports.tables import Table


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


def table_html(table: Table, subtitle: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.rows
    )
    return (
        "<html><head><style>"
        "body{font-family:sans-serif;font-size:10pt} h1{font-size:14pt}"
        "table{border-collapse:collapse;width:100%} th,td{border:1px solid #444;padding:2px 4px}"
        "th{background:#ddd}"
        "</style></head><body>"
        f"<h1>{html.escape(table.title)}</h1><p>{html.escape(subtitle)}</p>"
        f"<table width='100%' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )


def write_pdf_html(
    document_html: str, path: pathlib.Path, *, overwrite: bool = False, landscape: bool = False
) -> pathlib.Path:
    """Render HTML to an A4 PDF with Qt's text engine (needs a QGuiApplication)."""
    from desktop_app.ui.qt import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    def writer(tmp: pathlib.Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        pdf.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        # QTextDocument lays out in 96-dpi logical pixels; at any other resolution the text
        # comes out scaled (150 dpi gave 6-pt type on A4).
        pdf.setResolution(96)
        document = QTextDocument()
        document.setHtml(document_html)
        document.setPageSize(pdf.pageLayout().paintRectPixels(pdf.resolution()).size().toSizeF())
        document.print_(pdf)

    return write_with(path, writer, overwrite=overwrite)


def write_pdf(
    table: Table,
    path: pathlib.Path,
    *,
    subtitle: str = "",
    overwrite: bool = False,
    landscape: bool = False,
) -> pathlib.Path:
    return write_pdf_html(
        table_html(table, subtitle), path, overwrite=overwrite, landscape=landscape
    )

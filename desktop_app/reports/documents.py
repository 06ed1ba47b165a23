"""A report document: a title, the area heading, one or more tables and a closing note, written
as a PDF laid out as KPU's forms (letterhead, identity block, tables, place and date, signature
blocks, page numbers: form_parts and printed_form), an XLSX workbook with a sheet per table, or a
CSV of its first table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import pathlib

from desktop_app.reports import form_parts
from desktop_app.reports.form_parts import Signer
from desktop_app.reports.paper import PaperSize
from desktop_app.reports.printed_form import PrintedForm, write_printed_pdf
from desktop_app.reports.safe_write import write_with
from desktop_app.reports.tables import Table
from desktop_app.reports.writers import write_csv
from lapang_core.formats.spreadsheet_cells import xlsx_cells

# UU 27/2022 tentang Pelindungan Data Pribadi: the printout says what it holds and how to keep it.
PERSONAL_DATA_NOTE = (
    "Dokumen ini memuat data pribadi pemilih (NIK, NKK, nama, tanggal lahir, alamat, "
    "disabilitas) yang dilindungi UU 27/2022 tentang Pelindungan Data Pribadi. Simpan di tempat "
    "aman, jangan diunggah atau dibagikan di luar keperluan pemutakhiran data pemilih, dan "
    "musnahkan bila tidak diperlukan lagi."
)
COUNTS_NOTE = (
    "Rekap ini berisi jumlah pemilih, tanpa NIK atau nama. Angka kecil (misalnya disabilitas per "
    "TPS) dapat mengenali orang: bagikan hanya untuk keperluan KPU."
)


@dataclasses.dataclass(frozen=True)
class Document:
    title: str
    form: str  # the KPU form it follows, e.g. "Model A-Laporan Hasil Coklit"
    heading: tuple[tuple[str, str], ...]  # ("Provinsi", "Riau (14)"), …
    tables: tuple[Table, ...]
    printed: str  # "14-05-2026 10:32 oleh Siti Rahmawati"
    note: str = ""
    # Leading columns of the first table that repeat on a voter's every line (a spreadsheet
    # needs them there); print shows them on the voter's first line only.
    grouped_columns: int = 0
    # The kop surat: the kabupaten/kota and the body issuing the form ("PANITIA PEMUNGUTAN …").
    kabupaten: str | None = None
    issuing_body: str = ""
    # Where and when it is signed, and by whom (left, right), as the form has them.
    place: str = ""
    signed_on: dt.date | None = None
    signers: tuple[Signer | None, Signer | None] = (None, None)

    @property
    def rows(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def _cell(value: object) -> str:
    # Counts align right so digits line up; text stays left. A NIK, NKK or date never breaks
    # across lines: an officer reads it digit by digit against the KTP-el.
    if isinstance(value, int):
        return f"<td align='right'>{value}</td>"
    text = str(value)
    if text.replace("-", "").isdigit() and len(text) >= 8:
        return f"<td style='white-space:nowrap'>{html.escape(text)}</td>"
    return f"<td>{html.escape(text)}</td>"


def _header_cell(table: Table, column: int) -> str:
    # A short table of counts (Uraian, L, P, Jumlah) keeps its numbers narrow and its labels
    # wide; a wide one is left to Qt, which never narrows a column below its longest word.
    narrow = len(table.header) <= 5 and _counts_only(table, column)
    width = " width='10%'" if narrow else ""
    return f"<th{width}>{html.escape(str(table.header[column]))}</th>"


def _counts_only(table: Table, column: int) -> bool:
    return bool(table.rows) and all(
        isinstance(row[column], int) for row in table.rows if column < len(row)
    )


def _table_html(table: Table, *, show_title: bool, grouped: int = 0) -> str:
    head = "".join(_header_cell(table, c) for c in range(len(table.header)))
    lines = []
    previous: tuple[object, ...] = ()
    for row in table.rows:
        cells = list(row)
        if grouped and row[:grouped] == previous[:grouped]:
            cells[:grouped] = [""] * grouped  # the same voter's next line: say who once
        previous = row
        lines.append("<tr>" + "".join(_cell(v) for v in cells) + "</tr>")
    body = "".join(lines)
    if not table.rows:
        body = f"<tr><td colspan='{len(table.header)}'>Tidak ada data.</td></tr>"
    title = (
        f"<p style='margin-top:8px;margin-bottom:4px'><b>{html.escape(table.title)}</b></p>"
        if show_title
        else ""
    )
    # <thead> makes Qt repeat the header row at the top of every page.
    return (
        f"{title}<table width='100%' cellspacing='0' cellpadding='2' border='1'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def document_html(document: Document, *, font_pt: float = 9.0) -> str:
    tables = "".join(
        ("<div style='page-break-before: always'>" if i else "<div>")
        + _table_html(
            table,
            show_title=len(document.tables) > 1,
            grouped=document.grouped_columns if i == 0 else 0,
        )
        + "</div>"
        for i, table in enumerate(document.tables)
    )
    note = f"<p><i>{html.escape(document.note)}</i></p>" if document.note else ""
    signatures = ""
    if any(document.signers):
        signatures = form_parts.signatures_html(
            document.place or form_parts.BLANK_NAME[:20],
            document.signed_on or dt.date.today(),
            *document.signers,
        )
    return (
        "<html><head><style>"
        f"body{{font-family:sans-serif;font-size:{font_pt}pt}}"
        "table{border-collapse:collapse} th{background:#ddd} th,td{border:1px solid #444}"
        "</style></head><body>"
        + form_parts.letterhead_html(document.kabupaten, document.issuing_body)
        + form_parts.title_html(document.title.upper(), document.form)
        + form_parts.identity_html(
            [(label, html.escape(value)) for label, value in document.heading]
        )
        + f"<p style='margin:2px'></p>{tables}{note}{signatures}</body></html>"
    )


def write_document_pdf(
    document: Document,
    path: pathlib.Path,
    *,
    overwrite: bool = False,
    landscape: bool = False,
    font_pt: float = 9.0,
    paper: PaperSize = PaperSize.A4,
    demo: bool = False,
) -> pathlib.Path:
    form = PrintedForm(
        form=document.form,
        body_html=document_html(document, font_pt=font_pt),
        footer=f"Dicetak {document.printed} dengan Lapang",
        paper=paper,
        landscape=landscape,
        demo=demo,
    )
    return write_printed_pdf(form, path, overwrite=overwrite)


def _sheet_name(title: str, taken: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the book.
    name = "".join("-" if c in "[]:*?/\\" else c for c in title)[:31] or "Laporan"
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def write_document_xlsx(
    document: Document, path: pathlib.Path, *, overwrite: bool = False
) -> pathlib.Path:
    """One sheet per table, the heading above each table, NIK and NKK kept as text; every text
    is a string cell, never a formula (formats.spreadsheet_cells)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    def writer(tmp: pathlib.Path) -> None:
        book = Workbook()
        book.remove(book.active)
        taken: set[str] = set()
        for table in document.tables:
            sheet = book.create_sheet(_sheet_name(table.title, taken))
            sheet.append(xlsx_cells(sheet, [table.title]))
            sheet["A1"].font = Font(bold=True, size=12)
            for label, value in document.heading:
                sheet.append(xlsx_cells(sheet, [label, value]))
            sheet.append(xlsx_cells(sheet, ["Dicetak", document.printed]))
            sheet.append([])
            header_row = sheet.max_row + 1
            sheet.append(xlsx_cells(sheet, table.header))
            for cell in sheet[header_row]:
                cell.font = Font(bold=True)
            widths = [len(str(h)) for h in table.header]
            for row in table.rows:
                # Strings stay strings: as numbers Excel would round a 16-digit NIK to 15 digits.
                sheet.append(xlsx_cells(sheet, row))
                for i, value in enumerate(row):
                    widths[i] = max(widths[i], len(str(value)))
            for i, width in enumerate(widths, 1):
                sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, 50)
            sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
            if document.note:
                sheet.append([])
                sheet.append(xlsx_cells(sheet, [document.note]))
        book.save(tmp)

    return write_with(path, writer, overwrite=overwrite)


def write_document_csv(
    document: Document, path: pathlib.Path, *, overwrite: bool = False
) -> pathlib.Path:
    """The first table only, header and rows, nothing else: a CSV is for other programs."""
    return write_csv(document.tables[0], path, overwrite=overwrite)

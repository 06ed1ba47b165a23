"""The three coklit exports of an area, built from the store as it stands and written in one go:

* ``RECAP``: Model A-Laporan Hasil Coklit (the counts) and, for a desa or larger area, one line
  per TPS (or per desa, …);
* ``VOTER_LIST``: Model A-Daftar Pemilih of one TPS, every row with its keterangan;
* ``CHANGES``: Model A-Daftar Perubahan Pemilih, the rows coklit changed with original values.

``export_report`` runs where the store lives (the desk's database worker): it reads, renders and
writes the file atomically, then records the export in the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import pathlib

import sqlite_utils

from desktop_app.reports import coklit_tables, form_parts
from desktop_app.reports.documents import (
    COUNTS_NOTE,
    PERSONAL_DATA_NOTE,
    Document,
    write_document_csv,
    write_document_pdf,
    write_document_xlsx,
)
from desktop_app.reports.paper import PaperSize
from desktop_app.reports.safe_write import ExportError, ExportExists
from desktop_app.reports.tables import recap_table, voter_list_table
from desktop_app.store import report_queries
from desktop_app.store.field_store import FieldStore


class ReportKind(enum.StrEnum):
    RECAP = "rekap-coklit"
    VOTER_LIST = "daftar-pemilih"
    CHANGES = "daftar-perubahan"

    @property
    def personal_data(self) -> bool:
        """Whether the file holds NIK, names and the other protected elements."""
        return self is not ReportKind.RECAP


class ExportFormat(enum.StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"

    @classmethod
    def of(cls, path: pathlib.Path) -> ExportFormat:
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            raise ExportError(
                f"{path.name}: choose a file ending in .pdf, .xlsx or .csv."
            ) from None


class NotATps(ExportError):
    """Model A-Daftar Pemilih is one TPS's list."""


@dataclasses.dataclass(frozen=True)
class ExportDone:
    path: pathlib.Path
    kind: ReportKind
    format: ExportFormat
    rows: int  # table rows written (voters, change lines or recap lines)


def default_filename(kind: ReportKind, area: str | None, date: dt.date, fmt: ExportFormat) -> str:
    """``rekap-coklit_14.01.01.1011.001_2026-05-14.pdf``: what, where, when."""
    return f"{kind.value}_{area or 'semua-wilayah'}_{date.isoformat()}.{fmt.value}"


def issuing_body(area: form_parts.AreaNames) -> str:
    """The body whose form it is: the PPS for a TPS or desa, the PPK for a kecamatan."""
    if area.desa:
        return f"PANITIA PEMUNGUTAN SUARA {area.desa.upper()}"
    if area.kecamatan:
        return f"PANITIA PEMILIHAN KECAMATAN {area.kecamatan.upper()}"
    return ""


def signers(
    area: form_parts.AreaNames, officer: str
) -> tuple[form_parts.Signer | None, form_parts.Signer | None]:
    """Who signs, as Model A has it: a TPS's forms by its Pantarlih (the officer at this desk),
    known by the PPS; a desa's by the PPS, known by the PPK; a kecamatan's by the PPK."""
    depth = area.area.count(".") + 1 if area.area else 0
    if depth == 5:
        tps = area.area.rsplit(".", 1)[1] if area.area else ""
        return (
            form_parts.Signer(f"Ketua PPS {area.desa}", above="Mengetahui,"),
            form_parts.Signer(f"Pantarlih TPS {tps}", officer),
        )
    if depth == 4:
        return (
            form_parts.Signer(f"Ketua PPK Kecamatan {area.kecamatan}", above="Mengetahui,"),
            form_parts.Signer(f"Ketua PPS {area.desa}"),
        )
    if depth == 3:
        return (None, form_parts.Signer(f"Ketua PPK Kecamatan {area.kecamatan}"))
    return (None, form_parts.Signer("Petugas", officer))


def build_document(
    db: sqlite_utils.Database,
    kind: ReportKind,
    area: str | None,
    *,
    officer: str,
    now: dt.datetime,
) -> Document:
    names = report_queries.region_names(db, area)
    label = coklit_tables.area_label(area, names)
    heading = coklit_tables.heading_lines(area, names)
    printed = f"{now:%d-%m-%Y %H:%M} oleh {officer}" if officer else f"{now:%d-%m-%Y %H:%M}"
    where = form_parts.AreaNames(area, names)
    letter = {
        "kabupaten": where.kabupaten,
        "issuing_body": issuing_body(where),
        "place": where.place,
        "signed_on": now.date(),
        "signers": signers(where, officer),
    }
    if kind is ReportKind.RECAP:
        breakdown = report_queries.coklit_breakdown(db, area)
        tables = [recap_table(breakdown.total, label)]
        if breakdown.parts:
            # The parts by name ("Bangkinang (14.01.01.1011)"), as the reports window shows them.
            part_names = report_queries.region_names(db, area, (c for c, _ in breakdown.parts))
            tables.append(coklit_tables.parts_table(breakdown, part_names))
        return Document(
            f"REKAP HASIL COKLIT — {label}",
            "Model A-Laporan Hasil Coklit",
            heading,
            tuple(tables),
            printed,
            COUNTS_NOTE,
            **letter,
        )
    if kind is ReportKind.VOTER_LIST:
        if not area or area.count(".") != 4:
            raise NotATps("Model A-Daftar Pemilih is printed per TPS: choose one TPS.")
        voters = report_queries.area_voters(db, area)
        table = voter_list_table(f"Daftar Pemilih {label}", voters)
        return Document(
            f"DAFTAR PEMILIH — {label}",
            "Model A-Daftar Pemilih (hasil coklit)",
            heading,
            (table,),
            printed,
            PERSONAL_DATA_NOTE,
            **letter,
        )
    changes = report_queries.changed_voters(db, area)
    table = coklit_tables.change_list_table(f"Daftar Perubahan Pemilih {label}", changes)
    return Document(
        f"DAFTAR PERUBAHAN PEMILIH — {label}",
        "Model A-Daftar Perubahan Pemilih",
        heading,
        (table,),
        printed,
        PERSONAL_DATA_NOTE,
        grouped_columns=len(coklit_tables.CHANGE_IDENTITY),
        **letter,
    )


def write_document(
    document: Document,
    kind: ReportKind,
    path: pathlib.Path,
    *,
    overwrite: bool,
    paper: PaperSize = PaperSize.A4,
    demo: bool = False,
) -> ExportFormat:
    fmt = ExportFormat.of(path)
    if fmt is ExportFormat.PDF:
        # The voter list has 14 columns and the change list long values: landscape, as Model A.
        landscape = kind is not ReportKind.RECAP or len(document.tables) > 1
        font = 8.0 if kind is ReportKind.VOTER_LIST else 9.0
        write_document_pdf(
            document,
            path,
            overwrite=overwrite,
            landscape=landscape,
            font_pt=font,
            paper=paper,
            demo=demo,
        )
    elif fmt is ExportFormat.XLSX:
        write_document_xlsx(document, path, overwrite=overwrite)
    else:
        write_document_csv(document, path, overwrite=overwrite)
    return fmt


def export_report(
    store: FieldStore,
    kind: ReportKind,
    area: str | None,
    path: pathlib.Path,
    *,
    overwrite: bool = False,
    now: dt.datetime | None = None,
    paper: PaperSize = PaperSize.A4,
) -> ExportDone:
    """Build the report from the store as it is now and write it to ``path``.

    Raises ExportExists (the file is there and ``overwrite`` is False), NotATps, or ExportError
    (folder missing, disk full, unknown file type). Nothing is left behind on failure."""
    path = pathlib.Path(path)
    fmt = ExportFormat.of(path)  # refuse an unknown type before reading anything
    if path.exists() and not overwrite:  # checked again, atomically, when the file is written
        raise ExportExists(f"{path} already exists; choose another name or confirm replacing it.")
    document = build_document(
        store.db, kind, area, officer=store.officer, now=now or dt.datetime.now()
    )
    # A demo vault's voters are invented: a page printed from them must never pass for real.
    demo = store.setting("demo") == "1"
    write_document(document, kind, path, overwrite=overwrite, paper=paper, demo=demo)
    rows = len(document.tables[0].rows) if fmt is ExportFormat.CSV else document.rows
    report_queries.log_export(store, report=kind.value, area=area, fmt=fmt.value, rows=rows)
    return ExportDone(path, kind, fmt, rows)

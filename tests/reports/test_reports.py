"""Exports written and read back: CSV, XLSX, PDF recap and the applicant's receipt."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.reports.documents import Document, write_document_pdf
from desktop_app.reports.receipt import write_receipt
from desktop_app.reports.safe_write import ExportError, ExportExists
from desktop_app.reports.tables import recap_table, voter_list_table
from desktop_app.reports.writers import write_csv, write_xlsx
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.coklit_report import coklit_counts
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_rows import row_to_record
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core.domain.recruitment import AdhocBody
from tests.store.test_application_service import DESA, _applicant


@pytest.fixture()
def tps_store(store):
    store.set_election_date(dt.date(2029, 2, 14))
    records = list(
        generate_voters(
            load_region_rows(demo_regions_path()), 300, seed=9, election_date=dt.date(2029, 2, 14)
        )
    )
    import_voters(store, records, source="test")
    tps = records[0].tps_id
    voter_id = store.db.execute("SELECT id FROM voters WHERE tps_id = ? LIMIT 1", [tps]).fetchone()[
        0
    ]
    VoterService(store).mark_tms(voter_id, 1, "akta_kematian", "AK/7/2026")
    return store, tps, records


def _pdf_text(path) -> str:
    # Qt writes words separated by tabs and cells by newlines: compare on single spaces.
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def _voters(store, tps):
    cursor = store.db.execute("SELECT * FROM voters WHERE tps_id = ? ORDER BY pk", [tps])
    names = [d[0] for d in cursor.description]
    return [row_to_record(dict(zip(names, row, strict=True))) for row in cursor]


def test_voter_list_csv_and_xlsx_read_back(tps_store, tmp_path):
    store, tps, _ = tps_store
    table = voter_list_table(f"Daftar Pemilih TPS {tps}", _voters(store, tps))
    write_csv(table, tmp_path / "dpt.csv")
    with (tmp_path / "dpt.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][2] == "NIK" and len(rows) == len(table.rows) + 1
    assert rows[1][2] == table.rows[0][2]
    write_xlsx(table, tmp_path / "dpt.xlsx")
    sheet = load_workbook(tmp_path / "dpt.xlsx").active
    assert sheet.cell(row=2, column=3).value == table.rows[0][2]  # 16-digit NIK kept exactly
    assert sheet.max_row == len(table.rows) + 1


def test_recap_pdf_holds_the_counts(tps_store, tmp_path, qapp):
    store, tps, _ = tps_store
    counts = coklit_counts(store.db, tps)
    table = recap_table(counts, f"TPS {tps}")
    document = Document("Rekap Hasil Coklit", "Model A-Laporan Hasil Coklit", (), (table,), "")
    write_document_pdf(document, tmp_path / "rekap.pdf")
    text = _pdf_text(tmp_path / "rekap.pdf")
    assert "REKAP HASIL COKLIT" in text and "TMS-1 Meninggal dunia" in text
    received = sum(counts.received.values())
    assert (
        f"Pemilih diterima (daftar awal) {counts.received['L']} {counts.received['P']} {received}"
        in text
    )


def test_exports_never_overwrite_unasked_and_leave_no_partial_file(tps_store, tmp_path):
    store, tps, _ = tps_store
    table = recap_table(coklit_counts(store.db, tps), "TPS")
    target = tmp_path / "rekap.csv"
    target.write_text("officer's earlier file")
    with pytest.raises(ExportExists):
        write_csv(table, target)
    assert target.read_text() == "officer's earlier file"
    write_csv(table, target, overwrite=True)
    assert "Uraian" in target.read_text(encoding="utf-8-sig")
    with pytest.raises(ExportError, match="does not exist"):
        write_csv(table, tmp_path / "missing-folder" / "x.csv")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_receipt_lists_received_and_missing_documents(store, tmp_path, qapp):
    store.set_election_date(dt.date(2029, 2, 14))
    service = ApplicationService(store)
    app_id = service.save_draft(_applicant(documents={"ktp_el", "pas_foto"}), AdhocBody.PPS, DESA)
    with pytest.raises(ExportError, match="draft"):
        write_receipt(service.get(app_id), tmp_path / "r.pdf", area_name="Desa", officer="Siti")
    result = service.submit(app_id)
    write_receipt(service.get(app_id), tmp_path / "r.pdf", area_name="Desa Uji", officer="Siti")
    text = _pdf_text(tmp_path / "r.pdf")
    assert result.application_no in text
    assert "Fotokopi KTP-el" in text and "Fotokopi ijazah terakhir" in text
    assert _applicant().nik not in text  # the receipt masks the NIK
    assert "belum lengkap" in text

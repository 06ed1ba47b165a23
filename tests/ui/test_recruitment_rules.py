"""The requirements as the officer meets them on the form: the same NIK applying twice, former
party members, document files, the age limit KPPS prefers."""

from __future__ import annotations

import datetime as dt

from desktop_app.store.application_service import ApplicationService
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import on_worker, unlock
from tests.ui.recruitment_helpers import (
    DESA,
    OTHER_DESA,
    PNG,
    TPS,
    choose,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    pick_file,
    send,
    type_into,
    wait_saved,
)


def _submit(qtbot, page):
    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        send(qtbot, page)
    return done.args[0]


def test_the_same_nik_for_two_bodies_is_a_warning_not_a_block(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    first = _submit(qtbot, page).result.application_no

    page.receipt.new_button.click()  # the next applicant, same body and area preselected
    page = rec.page
    assert (page.current_body(), page.area_code()) == (AdhocBody.PPS, DESA)
    page.body.setCurrentIndex(page.body.findData(AdhocBody.KPPS.name))
    page.area.setCurrentIndex(page.area.findData(TPS))
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    wait_saved(qtbot, window, page)  # the look-up runs with the draft's save
    message = page.form.rows["nik"].message_text()
    assert "sudah punya pendaftaran lain di laptop ini: PPS (diterima " + first in message
    assert page.form.fields["nik"].styleSheet().startswith("border: 2px solid #e6a100")
    done = _submit(qtbot, page)
    assert any(w.code == "application.duplicate_nik" for w in done.result.warnings)
    assert "PPS (diterima" in page.receipt.text.text()

    page.back_button.click()
    listing = rec.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2 and window.tasks.pending == 0)
    notes = [listing.model.index(r, COLUMN_INDEX["note"]).data() for r in range(2)]
    assert notes == ["NIK ganda", "NIK ganda"]


def test_a_former_party_member_needs_the_party_letter(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    docs = page.form.documents
    assert docs.received["surat_keterangan_partai"].isHidden()
    assert "Surat keterangan dari partai politik" not in page.summary.text()
    page.form.statements.ex_party.setChecked(True)
    assert not docs.received["surat_keterangan_partai"].isHidden()
    assert "Surat keterangan dari partai politik" in page.summary.text()
    assert docs.status["surat_keterangan_partai"].text() == "belum diterima"


def test_living_outside_the_area_blocks_and_says_why(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    choose(page, "domisili_kode", OTHER_DESA)
    assert "harus berdomisili di wilayah kerja" in page.form.rows["domisili_kode"].message_text()
    assert "Belum dapat dikirim" in page.summary.text()


def test_an_older_kpps_applicant_is_warned_but_can_submit(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.KPPS, TPS)
    born = dt.date(1965, 1, 2)
    fill_identity(
        qtbot, page, nik=encode_nik("52.04.18", born, "P", 5), born=born.strftime("%d-%m-%Y")
    )
    fill_requirements(qtbot, page)
    assert "Usia lebih dari 55 tahun" in page.form.rows["tanggal_lahir"].message_text()
    assert "Belum dapat dikirim" not in page.summary.text()
    assert _submit(qtbot, page).result.application_no.startswith("KPPS-")


def test_a_file_that_is_no_scan_is_refused_and_the_document_stays_unticked(qtbot, window, tmp_path):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    type_into(qtbot, page, "nama", "Rina Marlina")
    fake = tmp_path / "ktp.jpg"
    fake.write_text("not a photo")
    page.form.documents.attach["ktp_el"].click()
    pick_file(qtbot, page, "documentFileDialog", fake)
    qtbot.waitUntil(lambda: page.error.isVisible())
    assert "ktp.jpg bukan foto JPEG/PNG atau pindaian PDF" in page.error.text()
    assert not page.form.documents.received["ktp_el"].isChecked()

    scan = tmp_path / "ktp.png"
    scan.write_bytes(PNG)
    page.form.documents.attach["ktp_el"].click()
    pick_file(qtbot, page, "documentFileDialog", scan)
    qtbot.waitUntil(lambda: page.form.documents.received["ktp_el"].isChecked())
    assert page.form.documents.attach["ktp_el"].text() == "Ganti berkas…"
    wait_saved(qtbot, window, page)
    stored = on_worker(
        qtbot, window, lambda store: ApplicationService(store).get(page.application_id)
    )
    assert set(stored.attachments) == {"ktp_el"} and "ktp_el" in stored.applicant.documents


def test_switching_body_keeps_the_area_that_contains_the_old_one(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.KPPS, TPS)
    assert "KPPS: 7 anggota per TPS" in page.area_row.note.text()
    page.body.setCurrentIndex(page.body.findData(AdhocBody.PPS.name))
    assert page.area_code() == DESA  # the TPS's desa
    page.body.setCurrentIndex(page.body.findData(AdhocBody.PPK.name))
    assert page.area_code() == "52.04.18"
    assert page.area.currentText().startswith("Kec. ")
    page.body.setCurrentIndex(page.body.findData(AdhocBody.PANTARLIH.name))
    assert page.area_code() == ""  # a kecamatan names no TPS: the officer picks one
    page.submit_button.click()
    assert "Pilih wilayah kerja" in page.area_row.message_text()

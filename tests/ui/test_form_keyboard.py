"""The desk's forms filled from the keyboard, as an officer does it: Tab follows the eye in every
form, dates are typed the way officers type them, and the NIK fills what it encodes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.store import outbox
from desktop_app.ui.recruitment import RecruitmentWindow
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import on_worker, unlock, wait_idle
from tests.ui.recruitment_helpers import (
    ALL_BUT_PHOTO,
    DESA,
    NIK,
    answer_confirmation,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    send,
    tick_documents,
    type_into,
    wait_saved,
)
from tests.ui.sync_helpers import enrolled_vault, open_desk, sync_config
from tests.ui.tab_order import assert_tab_follows_the_eye


def _shown(qtbot, dialog) -> None:
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


# -- Tab follows the eye ---------------------------------------------------------------------------
def test_tab_walks_the_recruitment_form_in_the_order_it_is_read(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    form = page.form
    identity = form.fields["nik"].parentWidget().parentWidget()  # the identity group box
    health = form.fields["kesehatan.sistolik"].parentWidget().parentWidget()
    walked = assert_tab_follows_the_eye(qtbot, [identity, health, form.statements, form.documents])
    names = [w.objectName() for w in walked]
    # The two fields Tab used to jump over sit between their neighbours.
    assert names.index("jenis_kelamin") == names.index("tanggal_lahir") + 1
    assert names.index("pendidikan") == names.index("domisili_kode") + 1
    rec.close()


def test_tab_walks_new_voter_ubah_and_tms_in_the_order_they_are_read(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()
    wait_idle(qtbot, window)

    desk.open_ubah()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()
    wait_idle(qtbot, window)

    desk.open_tms()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    wait_idle(qtbot, window)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.code.setCurrentIndex(7)  # TMS-8: the target TPS replaces the evidence rows
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()


# -- Dates as officers type them -------------------------------------------------------------------
def test_a_date_typed_without_dashes_is_taken_whole(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    field = page.form.fields["tanggal_lahir"]
    type_into(qtbot, page, "tanggal_lahir", "15052005")
    assert field.text() == "15052005"  # every digit kept, none dropped
    assert page.form.applicant().tanggal_lahir == dt.date(2005, 5, 15)
    assert "23 tahun" in page.form.rows["tanggal_lahir"].note.text()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "15-05-2005"  # shown with dashes once left, to check at a glance

    type_into(qtbot, page, "tanggal_lahir", "17-05-1990")
    assert page.form.applicant().tanggal_lahir == dt.date(1990, 5, 17)
    type_into(qtbot, page, "tanggal_lahir", "31022005")  # no such day: said, not cut short
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "31022005"
    assert "tanggal yang ada" in page.form.rows["tanggal_lahir"].message_text()
    rec.close()


def test_the_new_voter_date_takes_digits_only_too(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    field = dialog.form.fields["tanggal_lahir"]
    field.setFocus()
    qtbot.keyClicks(field, "02121969")
    assert dialog.form.value("tanggal_lahir") == dt.date(1969, 12, 2)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "02-12-1969"
    dialog.reject()


# -- Isi dari NIK in the new-voter dialog ----------------------------------------------------------
def test_the_new_voter_dialog_fills_birth_date_and_sex_from_the_nik(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    form = dialog.form
    kecamatan = ".".join(dialog.tps.currentData().split(".")[:3])
    nik = form.fields["nik"]
    nik.setFocus()
    qtbot.keyClicks(nik, encode_nik(kecamatan, dt.date(1990, 6, 15), "P", 9001))
    assert "15-06-1990" in form.nik_info.text()
    button = form.fill_from_nik
    assert button.isVisible() and button.text() == "Isi dari NIK"
    qtbot.keyClick(nik, Qt.Key.Key_Tab)  # the button comes right after the NIK
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert form.fields["tanggal_lahir"].text() == "15-06-1990"
    assert form.value("jenis_kelamin") == "P"
    assert not button.isVisible()  # nothing left to fill
    assert "jenis_kelamin" in form.touched and "tanggal_lahir" in form.touched
    # Filled fields count as typed: no "missing" finding for them.
    assert "Tanggal lahir" not in form.findings_label.text()
    assert "Jenis kelamin" not in form.findings_label.text()
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()


def test_isi_dari_nik_is_withdrawn_once_both_are_typed_by_hand(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    form = dialog.form
    kecamatan = ".".join(dialog.tps.currentData().split(".")[:3])
    qtbot.keyClicks(form.fields["nik"], encode_nik(kecamatan, dt.date(1996, 8, 17), "P", 9102))
    assert form.fill_from_nik.isVisible()
    qtbot.keyClicks(form.fields["tanggal_lahir"], "17081996")
    assert form.fill_from_nik.isVisible()  # the sex is still empty
    combo = form.fields["jenis_kelamin"]
    combo.setCurrentIndex(combo.findData("L"))
    assert not form.fill_from_nik.isVisible()  # nothing left to fill: no button
    dialog.reject()


def test_ubah_never_offers_to_overwrite_from_the_nik(qtbot, desk, window):
    desk.open_ubah()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    assert not dialog.form.fill_from_nik.isVisible()
    dialog.reject()


# -- Kirim asks first ------------------------------------------------------------------------------
def _ready_to_send(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    tick_documents(page, *ALL_BUT_PHOTO)
    wait_saved(qtbot, window, page)
    return rec, page


def test_ctrl_enter_asks_before_sending_and_esc_goes_back(qtbot, window):
    rec, page = _ready_to_send(qtbot, window)
    sent = []
    page.submitted.connect(sent.append)
    nama = page.form.fields["nama"]
    nama.setFocus()
    qtbot.keyClick(nama, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert sent == [] and page.submitted_application is None  # nothing sent yet
    assert not nama.isReadOnly()
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible())
    assert "tidak dapat diubah" in page.confirm_box.text()
    assert "Rina Marlina" in page.confirm_box.text()

    answer_confirmation(qtbot, page, Qt.Key.Key_Escape)  # "Periksa lagi"
    qtbot.waitUntil(lambda: page.confirm_box is None)
    wait_idle(qtbot, window)
    assert sent == [] and not nama.isReadOnly()
    assert on_worker(qtbot, window, lambda store: outbox.entries(store.db)) == []

    rec.activateWindow()
    qtbot.waitUntil(rec.isActiveWindow)
    nama.setFocus()
    with qtbot.waitSignal(page.submitted, timeout=5000):
        qtbot.keyClick(nama, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        answer_confirmation(qtbot, page)  # Enter: Kirim
    assert nama.isReadOnly()
    wait_idle(qtbot, window)
    [entry] = on_worker(qtbot, window, lambda store: outbox.entries(store.db))
    assert entry.op == "application.submit"
    rec.close()


# -- What the form asks for ------------------------------------------------------------------------
def test_centang_semua_receives_the_signed_surat_pernyataan(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    tick_documents(page, "ktp_el")
    assert "Surat pernyataan" in page.summary.text()  # listed missing before
    button = page.form.statements.all_statements
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert page.form.documents.received["surat_pernyataan"].isChecked()
    assert "Surat pernyataan" not in page.summary.text()
    assert "diterima" in page.form.documents.status["surat_pernyataan"].text()
    assert "belum" not in page.form.documents.status["surat_pernyataan"].text()
    wait_saved(qtbot, window, page)
    rec.close()


def test_health_values_wait_for_the_health_letter(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    page.form.statements.all_statements.click()
    no_letter = [d for d in ALL_BUT_PHOTO if d != "surat_keterangan_sehat"]
    tick_documents(page, *no_letter, "pas_foto")
    page.submit_button.click()  # every finding shows now
    # Not received: nothing to copy the values from, so none is asked for.
    for name in ("sistolik", "gula_darah", "kolesterol"):
        assert page.form.rows[f"kesehatan.{name}"].message_text() == ""
    assert "Belum dapat dikirim" not in page.summary.text()
    assert "Surat keterangan sehat" in page.summary.text()  # the letter itself is missing
    answer_confirmation(qtbot, page, Qt.Key.Key_Escape)

    # Received: the values on it must be copied before Kirim.
    tick_documents(page, "surat_keterangan_sehat")
    assert "Belum dapat dikirim" in page.summary.text()
    assert "surat keterangan sehat" in page.form.rows["kesehatan.gula_darah"].message_text()
    page.submit_button.click()
    assert page.confirm_box is None and "betulkan" in page.error.text()
    fill_requirements(qtbot, page)
    with qtbot.waitSignal(page.submitted, timeout=5000):
        send(qtbot, page)
    rec.close()


def test_a_disabled_simpan_tms_says_what_is_missing(qtbot, desk, window):
    desk.open_tms()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    wait_idle(qtbot, window)
    save = dialog.buttons.save
    assert not save.isEnabled()
    # Before anything is typed: a plain line (not an error) and the button's tooltip say why.
    assert dialog.problems.isVisible()
    assert "Untuk menyimpan" in dialog.problems.text()
    assert "nomor atau keterangan bukti" in dialog.problems.text()
    assert "nomor atau keterangan bukti" in save.toolTip()
    qtbot.keyClicks(dialog.reference, "474.3/12/2029")
    assert save.isEnabled() and save.toolTip() == "" and not dialog.problems.isVisible()

    dialog.code.setCurrentIndex(7)  # TMS-8 needs the target TPS instead
    assert not save.isEnabled()
    assert "TPS tujuan" in dialog.problems.text() and "TPS tujuan" in save.toolTip()
    dialog.reject()


# -- F9 syncs from the recruitment window too ------------------------------------------------------
def test_f9_in_the_recruitment_window_syncs_as_on_the_desk(qtbot, tmp_path, server, recovery_keys):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1])
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    qtbot.waitUntil(lambda: desk.sync_panel.state.text() == "Daring", timeout=5000)
    desk.mark_sesuai()  # one change waiting for KPU
    wait_idle(qtbot, window)
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    rec = window.findChild(RecruitmentWindow)
    qtbot.waitUntil(lambda: rec.list_page is not None and window.tasks.pending == 0)
    rec.activateWindow()
    qtbot.waitUntil(rec.isActiveWindow)
    rec.new_application()
    nama = rec.page.form.fields["nama"]
    nama.setFocus()
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        qtbot.keyClick(nama, Qt.Key.Key_F9)  # typing in the form, the officer syncs
    report = finished.args[0]
    assert report.trigger == "manual" and report.ok and report.confirmed == 1
    wait_idle(qtbot, window)
    rec.close()


# -- Fields stay put while the officer types -------------------------------------------------------
def _positions(form) -> dict[str, int]:
    """Where each field sits in the form (what a click aims at)."""
    QApplication.processEvents()  # let the layouts settle, as the screen does before a click
    return {name: widget.mapTo(form, QPoint(0, 0)).y() for name, widget in form.fields.items()}


def test_fields_do_not_move_while_the_nik_and_the_date_are_typed(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    rec.resize(1366, 700)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    form = page.form
    before = _positions(form)
    nik = form.fields["nik"]
    nik.setFocus()
    for digit in NIK:
        qtbot.keyClicks(nik, digit)
        assert _positions(form) == before, f"fields moved after {len(nik.text())} NIK digits"
    field = form.fields["tanggal_lahir"]
    field.setFocus()
    for digit in "17051990":
        qtbot.keyClicks(field, digit)
        assert _positions(form) == before, f"fields moved after {field.text()!r}"
    rec.close()

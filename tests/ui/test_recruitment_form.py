"""The ad hoc body application form end to end on a real encrypted vault: fill, the draft saving
itself, the desk closed and reopened, submit into the outbox, the receipt PDF read back."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app.store import outbox
from desktop_app.store.application_service import ApplicationService
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import make_window, on_worker, unlock, wait_idle
from tests.ui.recruitment_helpers import (
    ALL_BUT_PHOTO,
    DESA,
    NIK,
    TPS,
    answer_confirmation,
    attach_photo,
    choose,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    pick_file,
    send,
    tick_documents,
    type_into,
    wait_saved,
)


def _applications(qtbot, window):
    return on_worker(qtbot, window, lambda store: ApplicationService(store).list())


def test_fill_autosave_reopen_submit_and_receipt(qtbot, window, listed_dir, tmp_path):
    unlock(qtbot, window)
    rec = open_window(qtbot, window, autosave_ms=1000)  # the real debounce
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    # The NIK says what it encodes, and the date of birth says the age on election day.
    assert "17-05-1990" in page.form.rows["nik"].note.text()
    assert "Perempuan" in page.form.rows["nik"].note.text()
    assert "38 tahun" in page.form.rows["tanggal_lahir"].note.text()
    assert page.has_unsaved_changes  # typed less than a second ago
    with qtbot.waitSignal(page.draft_saved, timeout=5000):
        pass
    wait_saved(qtbot, window, page)
    assert "Draf tersimpan" in page.save_state.text()
    [draft] = _applications(qtbot, window)
    assert draft.state == "draft" and draft.applicant.nama == "Rina Marlina"
    assert (draft.body, draft.area_code, draft.applicant.domisili_kode) == (
        AdhocBody.PPS,
        DESA,
        DESA,
    )

    # The laptop goes down with the form open: nothing flushes it; the autosave has it.
    window.tasks.shutdown()
    again = make_window(qtbot, listed_dir)
    unlock(qtbot, again)
    rec = open_window(qtbot, again)
    listing = rec.list_page
    assert listing.drafts.isVisible() and "1 draf" in listing.drafts.text()
    assert listing.model.rowCount() == 1
    row = listing.model.index(0, COLUMN_INDEX["state"])
    assert row.data() == "Draf"
    listing.table.setFocus()
    qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rec.page is not None)
    page = rec.page
    assert page.form.fields["nama"].text() == "Rina Marlina"
    assert page.form.fields["nik"].text() == NIK
    assert page.area_code() == DESA

    fill_requirements(qtbot, page)
    tick_documents(page, *ALL_BUT_PHOTO)
    attach_photo(qtbot, page, tmp_path)
    wait_saved(qtbot, again, page)
    assert "Semua persyaratan terpenuhi" in page.summary.text()
    page.form.fields["nama"].setFocus()
    qtbot.keyClick(page.form.fields["nama"], Qt.Key.Key_Return)  # Enter moves on, never submits
    assert page.form.fields["tempat_lahir"].hasFocus()
    assert page.submitted_application is None and page.submit_button.isEnabled()

    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        page.form.fields["nama"].setFocus()
        qtbot.keyClick(
            page.form.fields["nama"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        answer_confirmation(qtbot, page)
    number = done.args[0].result.application_no
    assert number.startswith("PPS-")
    assert number in page.receipt.text.text()
    assert page.form.fields["nama"].isReadOnly()
    wait_idle(qtbot, again)
    [entry] = on_worker(qtbot, again, lambda store: outbox.entries(store.db))
    assert entry.op == "application.submit" and entry.payload["application_no"] == number
    assert entry.payload["attachments"]["pas_foto"]
    assert entry.payload["missing_documents"] == []
    assert again.desk.status.pending.text() == "Menunggu dikirim: 1"

    receipt = tmp_path / "tanda_terima.pdf"
    page.receipt.print_button.click()
    pick_file(qtbot, page.receipt, "receiptFileDialog", receipt)
    qtbot.waitUntil(lambda: page.receipt.receipt_path is not None)
    message = page.receipt.result.text()
    assert str(receipt) in message and "data pribadi" in message
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(receipt).pages)
    assert number in text and "Rina Marlina" in text
    assert NIK not in text and NIK[:6] in text  # masked on paper
    assert "Dokumen lengkap" in text
    again.close()


def test_tps_bodies_pick_a_tps_or_the_desa_before_pps_places_them(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PANTARLIH, TPS)
    assert "Pantarlih: 1 orang untuk TPS ini" in page.area_row.note.text()
    assert "TPS ditentukan PPS kemudian" in page.area.itemText(page.area.findData(DESA))
    # A KPPS applicant at the PPS office, TPS not yet decided: the desa is the working area.
    page.body.setCurrentIndex(page.body.findData(AdhocBody.KPPS.name))
    page.area.setCurrentIndex(page.area.findData(DESA))
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    tick_documents(page, "ktp_el")
    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        send(qtbot, page)
    assert done.args[0].application.area_code == DESA
    rec.close()


def _message(page, field: str) -> str:
    return page.form.rows[field].message_text()


def test_bad_input_gets_clear_messages_and_blocks_only_what_the_rules_block(
    qtbot, window, tmp_path
):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page, nik=NIK[:12], born="09-03-2015")
    choose(page, "pendidikan", "smp")
    fill_requirements(qtbot, page)
    assert "NIK harus tepat 16 angka" in _message(page, "nik")
    assert "belum berusia 17 tahun pada hari pemungutan suara (14-02-2029)" in _message(
        page, "tanggal_lahir"
    )
    assert "13 tahun" in page.form.rows["tanggal_lahir"].note.text()
    assert "paling rendah SMA" in _message(page, "pendidikan")
    type_into(qtbot, page, "nik", "5204180005900012")  # birth day 00
    assert "harus 01-31, atau 41-71 untuk perempuan" in _message(page, "nik")

    page.submit_button.click()
    wait_saved(qtbot, window, page)
    assert page.submitted_application is None
    assert "Belum dapat dikirim" in page.summary.text()
    assert "betulkan isian bertanda merah" in page.error.text()
    assert page.form.fields["nik"].hasFocus()  # the first field to correct
    [draft] = _applications(qtbot, window)
    assert draft.state == "draft"  # what was typed is kept
    assert on_worker(qtbot, window, lambda store: outbox.entries(store.db)) == []

    # Corrected, but only the KTP-el copy brought: received, with the rest listed as missing.
    type_into(qtbot, page, "nik", NIK)
    type_into(qtbot, page, "tanggal_lahir", "17-05-1990")
    choose(page, "pendidikan", "s1")
    tick_documents(page, "ktp_el")
    assert "Boleh dikirim" in page.summary.text()
    assert "Belum dapat dikirim" not in page.summary.text()
    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        send(qtbot, page)
    missing = done.args[0].result.missing_documents
    assert "ijazah" in missing and "ktp_el" not in missing
    assert "surat_keterangan_partai" not in missing  # not an ex-party member
    assert "Fotokopi ijazah terakhir" in page.receipt.text.text()
    wait_idle(qtbot, window)
    [entry] = on_worker(qtbot, window, lambda store: outbox.entries(store.db))
    assert entry.payload["missing_documents"] == list(missing)

    receipt = tmp_path / "tt"  # no suffix typed: the receipt still becomes a .pdf
    page.receipt.print_button.click()
    pick_file(qtbot, page.receipt, "receiptFileDialog", receipt)
    qtbot.waitUntil(lambda: page.receipt.receipt_path is not None)
    written = page.receipt.receipt_path
    assert written.suffix == ".pdf" and written.exists()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(written).pages)
    assert "Dokumen belum lengkap" in text and "Fotokopi ijazah terakhir" in text


def test_a_typed_date_that_is_no_date_is_named_as_such(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    type_into(qtbot, page, "tanggal_lahir", "31-02-1990")
    message = _message(page, "tanggal_lahir")
    assert "harus tanggal yang ada" in message and "Isi tanggal lahir" not in message


def test_the_nik_fills_date_of_birth_and_sex_on_request(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    type_into(qtbot, page, "nik", NIK)
    button = page.form.fill_from_nik
    assert button.isVisible()
    button.click()
    assert page.form.fields["tanggal_lahir"].text() == "17-05-1990"
    assert page.form.text("jenis_kelamin") == "P"
    assert not button.isVisible()  # nothing left to fill

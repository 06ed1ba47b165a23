"""The four outcomes from the keyboard, end to end: the widget, the store's row and its outbox."""

from __future__ import annotations

import datetime as dt
import hashlib

from PySide6.QtCore import Qt

from desktop_app.store import outbox
from desktop_app.store.voter_service import VoterService
from desktop_app.ui.new_voter_dialog import NewVoterDialog
from desktop_app.ui.tms_dialog import TmsDialog
from desktop_app.ui.ubah_dialog import UbahDialog
from desktop_app.ui.voter_model import COLUMN_INDEX
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from tests.ui.helpers import on_worker, wait_idle


def _voter(qtbot, window, voter_id):
    return on_worker(qtbot, window, lambda store: VoterService(store).get(voter_id))


def _outbox(qtbot, window):
    return on_worker(qtbot, window, lambda store: outbox.entries(store.db))


def _retype(qtbot, field, text: str) -> None:
    """Select what the field holds and type over it, as an officer does."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)


def test_sesuai_is_one_keystroke_and_moves_to_the_next_voter(qtbot, desk, window):
    table = desk.voters.table
    first = desk.detail.voter
    assert first.record.keterangan == ""
    qtbot.keyClick(table, Qt.Key.Key_S)
    wait_idle(qtbot, window)

    assert _voter(qtbot, window, first.id).record.keterangan == "✓"
    assert [(e.op, e.entity_id) for e in _outbox(qtbot, window)] == [("sesuai", first.id)]
    qtbot.waitUntil(lambda: desk.detail.voter is not None and desk.detail.voter.id != first.id)
    assert table.currentIndex().row() == 1
    shown = desk.voters.model.index(0, COLUMN_INDEX["keterangan"]).data()
    assert shown == "✓ Sesuai"
    assert desk.status.pending.text() == "Menunggu dikirim: 1"


def test_ubah_saves_only_what_changed_and_keeps_the_original(qtbot, desk, window):
    voter = desk.detail.voter
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_U)
    dialog = desk.dialog
    assert isinstance(dialog, UbahDialog) and dialog.isVisible()
    form = dialog.form
    assert form.fields["nama"].text() == voter.record.nama
    assert not dialog.buttons.save.isEnabled()  # nothing changed yet
    qtbot.waitUntil(dialog.isActiveWindow)  # its shortcuts work once it has the focus

    _retype(qtbot, form.fields["alamat"], "DUSUN PELITA BARU")
    _retype(qtbot, form.fields["rt"], "7")
    assert dialog.buttons.save.isEnabled()
    qtbot.keyClick(form.fields["rt"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert desk.dialog is None

    stored = _voter(qtbot, window, voter.id)
    assert stored.record.keterangan == "U"
    assert (stored.record.alamat, stored.record.rt) == ("DUSUN PELITA BARU", "007")
    assert stored.original_values == {"alamat": voter.record.alamat, "rt": voter.record.rt}
    [entry] = _outbox(qtbot, window)
    assert entry.op == "ubah"
    assert entry.payload["changes"] == {"alamat": "DUSUN PELITA BARU", "rt": "007"}
    # The detail panel shows the old value struck out beside the new one.
    qtbot.waitUntil(lambda: desk.detail.originals["alamat"].isVisible())
    assert voter.record.alamat in desk.detail.originals["alamat"].text()
    assert desk.detail.values["alamat"].text() == "DUSUN PELITA BARU"


def test_ubah_errors_block_and_warnings_let_the_officer_continue(qtbot, desk, window):
    voter = desk.detail.voter
    desk.open_ubah()
    dialog = desk.dialog
    nik_field = dialog.form.fields["nik"]
    _retype(qtbot, nik_field, voter.record.nik[:15])
    assert not dialog.buttons.save.isEnabled()
    assert "NIK harus tepat 16 angka" in dialog.form.findings_label.text()
    assert "border: 2px solid #c62828" in nik_field.styleSheet()

    # Same NIK with the day + 40: a woman's NIK for a voter recorded as a man.
    nik = voter.record.nik
    other_sex = nik[:6] + f"{(int(nik[6:8]) + 40) % 80:02d}" + nik[8:]
    _retype(qtbot, nik_field, other_sex)
    assert "Jenis kelamin di NIK berbeda" in dialog.form.findings_label.text()
    assert dialog.buttons.save.isEnabled()
    dialog.buttons.save.click()
    wait_idle(qtbot, window)
    assert _voter(qtbot, window, voter.id).record.nik == other_sex


def test_tms_with_evidence_and_a_photo(qtbot, desk, window, tmp_path):
    voter = desk.detail.voter
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_T)
    dialog = desk.dialog
    assert isinstance(dialog, TmsDialog)
    assert dialog.current_code() == 1
    kinds = [dialog.evidence.itemData(i) for i in range(dialog.evidence.count())]
    assert "akta_kematian" in kinds and "kta" not in kinds
    dialog.code.setCurrentIndex(5)  # TMS-6 TNI: only a KTA is accepted
    assert [dialog.evidence.itemData(i) for i in range(dialog.evidence.count())] == ["kta"]
    dialog.code.setCurrentIndex(0)
    dialog.evidence.setCurrentIndex(dialog.evidence.findData("akta_kematian"))
    assert not dialog.buttons.save.isEnabled()  # no reference yet
    qtbot.keyClicks(dialog.reference, "474.3/12/2029")
    assert dialog.buttons.save.isEnabled()

    text_file = tmp_path / "catatan.txt"
    text_file.write_text("bukan foto")
    dialog.set_attachment(text_file)
    assert "JPEG/PNG" in dialog.error.text()
    photo = tmp_path / "akta.png"
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    photo.write_bytes(content)
    dialog.set_attachment(photo)
    assert dialog.attach_label.text() == "akta.png" and not dialog.error.isVisible()
    dialog.buttons.save.click()
    wait_idle(qtbot, window)

    assert _voter(qtbot, window, voter.id).record.keterangan == "1"
    [entry] = _outbox(qtbot, window)
    assert entry.op == "tms"
    assert entry.payload["code"] == 1 and entry.payload["evidence_ref"] == "474.3/12/2029"
    assert entry.payload["attachment"] == hashlib.sha256(content).hexdigest()
    # A TMS row cannot be marked again, only restored: P undoes the flag.
    desk.voters.table.setCurrentIndex(desk.voters.model.index(0, 1))
    qtbot.waitUntil(lambda: desk.detail.voter.id == voter.id)
    assert desk.act_restore.isEnabled() and not desk.act_sesuai.isEnabled()
    qtbot.waitUntil(window.isActiveWindow)  # back from the dialog
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_P)
    wait_idle(qtbot, window)
    assert _voter(qtbot, window, voter.id).record.keterangan == ""


def test_tms8_adds_the_voter_as_baru_at_the_right_tps(qtbot, desk, window):
    voter = desk.detail.voter
    desa = voter.record.kode_desa
    desk.open_tms()
    dialog = desk.dialog
    dialog.code.setCurrentIndex(7)
    assert not dialog.reference.isVisible() and dialog.target_tps.isVisible()
    qtbot.keyClicks(dialog.target_tps.lineEdit(), voter.record.tps_id.rsplit(".", 1)[1])
    assert not dialog.buttons.save.isEnabled()
    assert "sama dengan TPS sekarang" in dialog.problems.text()
    dialog.target_tps.lineEdit().clear()
    qtbot.keyClicks(dialog.target_tps.lineEdit(), "5")
    assert dialog.target_tps_id() == f"{desa}.005"
    dialog.buttons.save.click()
    wait_idle(qtbot, window)

    assert _voter(qtbot, window, voter.id).record.keterangan == "8"
    tms, baru = _outbox(qtbot, window)
    assert (tms.op, baru.op) == ("tms", "baru")
    moved = _voter(qtbot, window, baru.entity_id)
    assert (moved.record.tps_id, moved.record.keterangan) == (f"{desa}.005", "B")
    assert moved.record.nik == voter.record.nik
    # The area tree now lists the new TPS, and the officer keeps their place in the list.
    qtbot.waitUntil(lambda: f"{desa}.005" in desk.areas.model.items, timeout=3000)
    wait_idle(qtbot, window)
    assert desk.areas.current_area() == voter.record.tps_id
    assert desk.voters.table.currentIndex().row() == 1


def _fill_new_voter(qtbot, dialog, *, born: dt.date, sex: str, nik_sex: str, status: str = "S"):
    kecamatan = ".".join(dialog.tps.currentData().split(".")[:3])
    form = dialog.form
    qtbot.keyClicks(form.fields["nkk"], encode_nkk(kecamatan, dt.date(2020, 1, 6), 4321))
    qtbot.keyClicks(form.fields["nik"], encode_nik(kecamatan, born, nik_sex, 9001))
    qtbot.keyClicks(form.fields["nama"], "MARIA GORETI")
    qtbot.keyClicks(form.fields["tempat_lahir"], "LARANTUKA")
    qtbot.keyClicks(form.fields["tanggal_lahir"], born.strftime("%d-%m-%Y"))
    for name, value in (
        ("status_perkawinan", status),
        ("jenis_kelamin", sex),
        ("status_ktp_el", "S"),
    ):
        combo = form.fields[name]
        combo.setCurrentIndex(combo.findData(value))
    qtbot.keyClicks(form.fields["alamat"], "DUSUN WATOWITI")
    qtbot.keyClicks(form.fields["rt"], "2")
    qtbot.keyClicks(form.fields["rw"], "1")


def test_new_voter_is_saved_as_baru(qtbot, desk, window):
    tps_id = desk.areas.current_area()
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.dialog
    assert isinstance(dialog, NewVoterDialog)
    assert dialog.tps.currentData() == tps_id
    _fill_new_voter(qtbot, dialog, born=dt.date(1990, 6, 15), sex="P", nik_sex="P")
    info = dialog.form.nik_info.text()
    assert "15-06-1990" in info and "Perempuan" in info
    assert dialog.summary.text() == "Semua isian lengkap."
    dialog.buttons.save.click()
    wait_idle(qtbot, window)
    assert desk.dialog is None

    [entry] = _outbox(qtbot, window)
    assert entry.op == "baru" and entry.base_version is None
    stored = _voter(qtbot, window, entry.entity_id)
    assert (stored.record.nama, stored.record.keterangan) == ("MARIA GORETI", "B")
    assert (stored.record.rt, stored.record.rw, stored.record.tps_id) == ("002", "001", tps_id)
    assert "Pemilih baru disimpan" in desk.status.currentMessage()
    # The list reloads with the new row in it.
    qtbot.waitUntil(
        lambda: (
            desk.voters.model.row_of_pk(
                on_worker(
                    qtbot,
                    window,
                    lambda s: s.db.execute(
                        "SELECT pk FROM voters WHERE id = ?", [entry.entity_id]
                    ).fetchone()[0],
                )
            )
            is not None
        ),
        timeout=3000,
    )


def test_new_voter_shows_errors_and_warnings_as_the_officer_types(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    # Nothing shouts before the officer has typed; Simpan on an empty form lists what is missing.
    assert dialog.form.findings_label.text() == ""
    dialog.buttons.save.click()
    assert "Isi nama sesuai KTP-el atau KK." in dialog.form.findings_label.text()
    assert "isian belum benar" in dialog.summary.text()
    assert not dialog.buttons.save.isEnabled()

    # A man's data with a woman's NIK: a warning, and Simpan stays possible.
    _fill_new_voter(qtbot, dialog, born=dt.date(1988, 3, 9), sex="L", nik_sex="P")
    assert "Jenis kelamin di NIK berbeda" in dialog.form.findings_label.text()
    assert "peringatan" in dialog.summary.text()
    assert dialog.buttons.save.isEnabled()

    # Under 17 on election day and never married: an error that blocks.
    _retype(qtbot, dialog.form.fields["tanggal_lahir"], "09-03-2014")
    status = dialog.form.fields["status_perkawinan"]
    status.setCurrentIndex(status.findData("B"))
    assert "Belum 17 tahun" in dialog.form.findings_label.text()
    assert not dialog.buttons.save.isEnabled()
    dialog.save()
    wait_idle(qtbot, window)
    assert dialog.isVisible()
    assert _outbox(qtbot, window) == []


def test_new_voter_warns_about_a_nik_already_on_the_list(qtbot, desk, window):
    existing = desk.detail.voter.record.nik
    desk.open_new_voter()
    dialog = desk.dialog
    qtbot.keyClicks(dialog.form.fields["nik"], existing)
    wait_idle(qtbot, window)
    assert "NIK ini sudah ada di daftar" in dialog.form.findings_label.text()

"""Helpers for the recruitment window tests: open it on an unlocked desk, fill the form as an
officer would, and drive the (Qt, non-native) file dialogs."""

from __future__ import annotations

import datetime as dt
import pathlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.ui.recruitment import RecruitmentWindow, open_recruitment
from desktop_app.ui.recruitment.application_page import ApplicationPage
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody, Statement
from tests.ui.helpers import wait_idle

# The demo list (tests/ui/conftest.py: listed_dir) has two TPS in two desa of Lombok Timur.
TPS = "52.04.18.2006.001"
DESA = "52.04.18.2006"
OTHER_DESA = "52.04.14.2016"
BORN = dt.date(1990, 5, 17)
NIK = encode_nik("52.04.18", BORN, "P", 12)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Every document a non-party applicant brings, but the photo (attached as a file instead).
ALL_BUT_PHOTO = (
    "surat_pendaftaran",
    "ktp_el",
    "ijazah",
    "surat_pernyataan",
    "surat_keterangan_sehat",
    "daftar_riwayat_hidup",
)


def open_window(qtbot, window, autosave_ms: int = 50) -> RecruitmentWindow:
    rec = open_recruitment(window, window.ctx)
    rec.autosave_ms = autosave_ms
    qtbot.waitUntil(lambda: rec.list_page is not None and window.tasks.pending == 0)
    rec.activateWindow()
    qtbot.waitUntil(rec.isActiveWindow)  # its shortcuts work once it has the focus
    return rec


def new_form(qtbot, rec: RecruitmentWindow, body: AdhocBody, area: str) -> ApplicationPage:
    qtbot.keyClick(rec.list_page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = rec.page
    assert page is not None
    page.body.setCurrentIndex(page.body.findData(body.name))
    page.area.setCurrentIndex(page.area.findData(area))
    assert page.area_code() == area
    return page


def type_into(qtbot, page: ApplicationPage, name: str, text: str) -> None:
    field = page.form.fields[name]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def choose(page: ApplicationPage, name: str, value: str) -> None:
    combo = page.form.fields[name]
    if hasattr(combo, "select_code"):
        combo.select_code(value)
    else:
        combo.setCurrentIndex(combo.findData(value))


def fill_identity(qtbot, page: ApplicationPage, *, nik: str = NIK, born: str = "17-05-1990"):
    type_into(qtbot, page, "nik", nik)
    type_into(qtbot, page, "nama", "Rina Marlina")
    type_into(qtbot, page, "tempat_lahir", "Selong")
    type_into(qtbot, page, "tanggal_lahir", born)
    choose(page, "jenis_kelamin", "P")
    type_into(qtbot, page, "alamat_ktp", "Dusun Pelita RT 001 RW 002")
    choose(page, "domisili_kode", DESA)
    choose(page, "pendidikan", "sma")
    type_into(qtbot, page, "pekerjaan", "Guru honorer")
    type_into(qtbot, page, "telepon", "081234567890")


def fill_requirements(qtbot, page: ApplicationPage) -> None:
    page.form.statements.all_statements.click()
    assert all(page.form.statements.boxes[item.value].isChecked() for item in Statement)
    for name, value in (
        ("sistolik", "120"),
        ("diastolik", "80"),
        ("gula_darah", "100"),
        ("kolesterol", "180"),
    ):
        type_into(qtbot, page, f"kesehatan.{name}", value)


def tick_documents(page: ApplicationPage, *documents: str) -> None:
    for document in documents:
        page.form.documents.received[document].setChecked(True)


def answer_confirmation(qtbot, page: ApplicationPage, key=Qt.Key.Key_Return) -> None:
    """Answer "Kirim pendaftaran?" from the keyboard: Enter sends, Esc goes back."""
    qtbot.waitUntil(lambda: page.confirm_box is not None and page.confirm_box.isVisible())
    box = page.confirm_box
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    qtbot.keyClick(box.focusWidget() or box, key)


def send(qtbot, page: ApplicationPage) -> None:
    """Kirim, and confirm (call inside ``qtbot.waitSignal(page.submitted)``)."""
    page.submit_button.click()
    answer_confirmation(qtbot, page)


def wait_saved(qtbot, window, page: ApplicationPage) -> None:
    qtbot.waitUntil(
        lambda: not page.has_unsaved_changes and window.tasks.pending == 0, timeout=5000
    )
    wait_idle(qtbot, window)


def pick_file(qtbot, parent, object_name: str, path: pathlib.Path) -> None:
    """Answer the file dialog the form opened, as the officer would."""
    dialog = None

    def found() -> bool:
        nonlocal dialog
        dialog = parent.findChild(QFileDialog, object_name)
        return dialog is not None and dialog.isVisible()

    qtbot.waitUntil(found)
    dialog.selectFile(str(path))
    dialog.accept()
    # The offscreen platform does not hand activation back to the window as a desktop does.
    parent.window().activateWindow()
    qtbot.waitUntil(parent.window().isActiveWindow)


def attach_photo(qtbot, page: ApplicationPage, folder: pathlib.Path) -> pathlib.Path:
    """Attach a 4×6 photo scan through the form's file dialog, as the officer would."""
    photo = folder / "pas_foto.png"
    photo.write_bytes(PNG)
    page.form.documents.attach["pas_foto"].click()
    pick_file(qtbot, page, "documentFileDialog", photo)
    qtbot.waitUntil(lambda: "pas_foto.png" in page.form.documents.status["pas_foto"].text())
    return photo

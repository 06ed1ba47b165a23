"""The evidence picker opens where an officer keeps photos — Pictures, else Documents — and
then in the folder last used, remembered in the desk settings; never in the program's folder."""

from __future__ import annotations

import pathlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop_app.ui.settings import DeskSettings
from desktop_app.ui.tms_dialog import TmsDialog

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture()
def home(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A user's home with no XDG folder settings: Pictures and Documents are the defaults."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


def _picker(qtbot, dialog: TmsDialog) -> QFileDialog:
    dialog._choose_attachment()
    pickers = [d for d in dialog.findChildren(QFileDialog) if d.isVisible()]
    assert len(pickers) == 1
    return pickers[0]


def _directory(picker: QFileDialog) -> pathlib.Path:
    return pathlib.Path(picker.directory().absolutePath())


def test_the_evidence_picker_opens_in_pictures_then_in_the_last_folder(
    qtbot, home, desk, window, tmp_path
):
    (home / "Pictures").mkdir()
    (home / "Documents").mkdir()
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_T)
    dialog = desk.dialog
    assert isinstance(dialog, TmsDialog)
    picker = _picker(qtbot, dialog)
    assert _directory(picker) == home / "Pictures"
    assert _directory(picker) != pathlib.Path.cwd()

    stick = tmp_path / "flashdisk" / "bukti"
    stick.mkdir(parents=True)
    photo = stick / "akta.png"
    photo.write_bytes(PNG)
    picker.selectFile(str(photo))
    picker.accept()
    assert dialog.attach_label.text() == "akta.png"
    assert DeskSettings.load(window.config.data_dir).evidence_folder == str(stick)

    assert _directory(_picker(qtbot, dialog)) == stick
    dialog.reject()


def test_without_pictures_it_opens_in_documents_and_a_vanished_folder_is_passed_over(
    qtbot, home, desk, window
):
    (home / "Documents").mkdir()
    desk._ctx.settings.evidence_folder = str(home / "usb-yang-dicabut")
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_T)
    assert _directory(_picker(qtbot, desk.dialog)) == home / "Documents"
    desk.dialog.reject()


def test_the_application_form_picks_documents_from_the_same_remembered_folder(
    qtbot, home, window, tmp_path
):
    from lapang_core.domain.recruitment import AdhocBody
    from tests.ui.helpers import unlock
    from tests.ui.recruitment_helpers import (
        DESA,
        attach_photo,
        fill_identity,
        new_form,
        open_window,
    )

    (home / "Pictures").mkdir()
    unlock(qtbot, window)
    page = new_form(qtbot, open_window(qtbot, window), AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    page.form.documents.attach["ijazah"].click()
    picker = page.findChild(QFileDialog, "documentFileDialog")
    qtbot.waitUntil(picker.isVisible)
    assert _directory(picker) == home / "Pictures"
    picker.reject()
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "documentFileDialog") is None)

    scans = tmp_path / "pindaian"
    scans.mkdir()
    attach_photo(qtbot, page, scans)
    assert DeskSettings.load(window.config.data_dir).evidence_folder == str(scans)
    page.form.documents.attach["ijazah"].click()
    qtbot.waitUntil(
        lambda: any(
            d.isVisible() and _directory(d) == scans
            for d in page.findChildren(QFileDialog, "documentFileDialog")
        )
    )

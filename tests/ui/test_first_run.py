"""First run as a new officer or a trainee meets it, on real windows and real vaults: the
enrolment hint says what the form holds, Enter steps on, the buttons sit where a desktop user
looks, and a trainee locked out of the demo finds its passphrase on the unlock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_app.cli import DEMO_OFFICER, DEMO_PASSPHRASE
from desktop_app.ui.desk import DeskView
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.unlock import UnlockView
from tests.ui.helpers import make_window, wait_idle

OFFICER = "Yohana Bere"
PASSPHRASE = "Perahu-motor ke Pulau 7"


def _hint(page) -> str:
    (text,) = [
        label.text()
        for label in page.fields.findChildren(QLabel)
        if label.text().startswith("Kode pendaftaran diberikan")
    ]
    return text


def _shown_with(page, words: str) -> list[QLabel]:
    return [x for x in page.findChildren(QLabel) if words in x.text() and x.isVisible()]


def _enrol_page(qtbot, data_dir, public_key_file, config: SyncConfig):
    window = make_window(qtbot, data_dir, public_key_file, sync=config)
    wizard = window.page
    wizard.choose_enrol.setChecked(True)
    wizard.next_button.click()
    wizard.officer.setText(OFFICER)
    wizard.passphrase.setText(PASSPHRASE)
    wizard.repeat.setText(PASSPHRASE)
    wizard.create_button.click()
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is wizard.enrol_page, timeout=5000)
    return window, wizard.enrol_page


def test_the_enrolment_hint_says_the_server_is_filled_only_when_it_is(
    qtbot, tmp_path, public_key_file
):
    # No deployment.toml: nothing to prefill, and the hint must not claim otherwise.
    window, page = _enrol_page(qtbot, tmp_path / "bare", public_key_file, SyncConfig())
    assert page.fields.server.text() == ""
    assert "sudah diisi" not in _hint(page)
    assert "TI KPU" in _hint(page)
    window.close()

    config = SyncConfig(server_url="https://sync.kpu-sumbawa.example")
    window, page = _enrol_page(qtbot, tmp_path / "deployed", public_key_file, config)
    assert page.fields.server.text() == "https://sync.kpu-sumbawa.example"
    assert "sudah diisi" in _hint(page)
    window.close()


def test_enter_on_the_choices_presses_lanjut(qtbot, tmp_path, public_key_file):
    window = make_window(qtbot, tmp_path / "new", public_key_file)
    wizard = window.page
    wizard.choose_create.setFocus()
    qtbot.keyClick(wizard.choose_create, Qt.Key.Key_Return)
    assert wizard.pages.currentIndex() == 1
    wizard.findChild(QPushButton, "back").click()
    assert wizard.pages.currentIndex() == 0
    qtbot.keyClick(wizard.choose_create, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert wizard.pages.currentIndex() == 1
    window.close()


def test_kembali_sits_left_of_the_step_forward_on_one_line(qtbot, tmp_path, public_key_file):
    window = make_window(qtbot, tmp_path / "new", public_key_file)
    wizard = window.page
    wizard.choose_enrol.setChecked(True)
    wizard.next_button.click()
    qtbot.waitUntil(wizard.create_button.isVisible)
    (back,) = [b for b in wizard.findChildren(QPushButton) if b.text() == "&Kembali"]
    forward = wizard.create_button
    assert forward.text() == "Buat dan &lanjut"
    back_at = back.mapTo(wizard, back.rect().center())
    forward_at = forward.mapTo(wizard, forward.rect().center())
    assert back_at.y() == forward_at.y()
    assert back_at.x() < forward_at.x()
    window.close()


def test_a_locked_out_trainee_sees_the_demo_passphrase_on_the_unlock_screen(qtbot, tmp_path):
    data_dir = tmp_path / "demo"
    window = make_window(qtbot, data_dir, demo_voters=50)
    window.page.choose_demo.setChecked(True)
    window.page.next_button.click()
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
    wait_idle(qtbot, window)
    qtbot.keyClick(window.desk.voters.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    page = window.page
    assert isinstance(page, UnlockView)
    qtbot.waitUntil(lambda: page.officer.count() == 1)
    (hint,) = _shown_with(page, DEMO_PASSPHRASE)
    assert "DEMO" in hint.text() and DEMO_OFFICER in hint.text()
    # What it says opens the vault.
    page.passphrase.setText(DEMO_PASSPHRASE)
    page.unlock_button.click()
    wait_idle(qtbot, window)
    assert isinstance(window.page, DeskView)
    window.close()

    # After a restart too: the trainee closed the laptop and forgot.
    again = make_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: again.page.officer.count() == 1)
    assert again.page.officer.currentText() == DEMO_OFFICER
    assert _shown_with(again.page, DEMO_PASSPHRASE)
    again.close()


def test_a_real_vault_never_shows_a_demo_passphrase(qtbot, window):
    page = window.page
    assert isinstance(page, UnlockView)
    qtbot.waitUntil(lambda: page.officer.count() == 1)
    assert not [x for x in page.findChildren(QLabel) if DEMO_PASSPHRASE in x.text()]

"""First run, unlock and auto-lock on real windows and real vaults."""

from __future__ import annotations

import json
import pathlib

from PySide6.QtCore import Qt

from desktop_app.cli import DEMO_OFFICER, DEMO_PASSPHRASE
from desktop_app.store.vault import Vault
from desktop_app.ui.desk import DeskView
from desktop_app.ui.qt import qt_object_alive
from desktop_app.ui.unlock import UnlockView
from desktop_app.ui.wizard import FirstRunWizard
from tests.conftest import OFFICER, PASSPHRASE
from tests.ui.helpers import make_window, on_worker, unlock, wait_idle


def test_first_run_creates_the_vault_and_opens_the_desk(qtbot, tmp_path, public_key_file):
    data_dir = tmp_path / "new"
    window = make_window(qtbot, data_dir, public_key_file)
    wizard = window.page
    assert isinstance(wizard, FirstRunWizard)
    # Enrolment with a KPU code is offered (its flow: tests/ui/test_sync_enrolment.py).
    assert wizard.choose_enrol.isEnabled()

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 1
    wizard.officer.setText("Yohana Bere")
    wizard.passphrase.setText("pendek")
    assert "lemah" in wizard.strength.text()
    wizard.passphrase.setText("Perahu-motor ke Pulau 7")
    assert "kuat" in wizard.strength.text()
    wizard.repeat.setText("something else entirely")
    wizard.create_button.click()
    assert "berbeda" in wizard.create_message.text()
    assert not Vault(data_dir).exists()

    wizard.repeat.setText("Perahu-motor ke Pulau 7")
    wizard.create_button.click()
    wait_idle(qtbot, window)
    assert isinstance(window.page, DeskView)
    assert window.desk.status.officer.text() == "Petugas: Yohana Bere"
    assert Vault(data_dir).officers() == ["Yohana Bere"]
    window.close()
    # The passphrase chosen in the wizard really opens the vault.
    Vault(data_dir).unlock("Yohana Bere", "Perahu-motor ke Pulau 7").close()


def test_weak_passphrase_is_refused_with_the_reason(qtbot, tmp_path, public_key_file):
    window = make_window(qtbot, tmp_path / "new", public_key_file)
    wizard = window.page
    wizard._next()
    wizard.officer.setText("Yohana Bere")
    wizard.passphrase.setText("aaaaaaaaaa")
    wizard.repeat.setText("aaaaaaaaaa")
    wizard.create_button.click()
    wait_idle(qtbot, window)
    assert isinstance(window.page, FirstRunWizard)
    assert "terlalu lemah" in wizard.create_message.text()
    window.close()


def test_the_wizard_refuses_a_real_vault_with_the_development_recovery_key(qtbot, tmp_path):
    data_dir = tmp_path / "new"
    window = make_window(qtbot, data_dir)  # no deployment.toml: the bundled placeholder key
    wizard = window.page
    for choice in (wizard.choose_create, wizard.choose_enrol):
        choice.setChecked(True)
        wizard.next_button.click()
        message = wizard.create_message.text()
        assert "kunci pemulihan KPU belum diatur" in message
        assert "recovery_public_key" in message and "deployment.toml" in message
        assert not wizard.create_button.isEnabled()
        wizard.officer.setText("Yohana Bere")
        wizard.passphrase.setText("Perahu-motor ke Pulau 7")
        wizard.repeat.setText("Perahu-motor ke Pulau 7")
        qtbot.keyClick(wizard.repeat, Qt.Key.Key_Return)
        wait_idle(qtbot, window)
        assert not Vault(data_dir).exists()
        wizard.pages.setCurrentIndex(0)
    # Forced past the button, the operation itself refuses the same way.
    wizard.create_button.setEnabled(True)
    wizard.create_button.click()
    wait_idle(qtbot, window)
    assert "kunci pemulihan KPU belum diatur" in wizard.create_message.text()
    assert isinstance(window.page, FirstRunWizard) and not Vault(data_dir).exists()
    window.close()


def test_a_test_may_allow_the_development_key_and_demo_mode_uses_it(qtbot, tmp_path):
    allowed = make_window(qtbot, tmp_path / "allowed", allow_dev_recovery_key=True)
    wizard = allowed.page
    wizard.next_button.click()
    assert wizard.create_button.isEnabled() and wizard.create_message.text() == ""
    allowed.close()
    demo = make_window(qtbot, tmp_path / "demo", demo_voters=50)
    demo.page.choose_demo.setChecked(True)
    demo.page.next_button.click()
    qtbot.waitUntil(lambda: demo.desk is not None, timeout=10_000)
    demo.close()


def test_demo_mode_fills_the_vault_in_the_background(qtbot, tmp_path, public_key_file):
    data_dir = tmp_path / "demo"
    window = make_window(qtbot, data_dir, public_key_file, demo_voters=300)
    wizard = window.page
    wizard.choose_demo.setChecked(True)
    progress = []
    wizard.demo_progress.valueChanged.connect(progress.append)
    wizard.next_button.click()
    assert wizard.pages.currentIndex() == 2
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
    assert progress and progress[-1] == 300
    assert "DEMO" in window.windowTitle()
    desk = window.desk
    qtbot.waitUntil(lambda: desk.voters.model.rowCount() > 0)
    assert sum(t.voters for t in desk.areas.tree_data.tps) == 300
    window.close()
    assert Vault(data_dir).officers() == [DEMO_OFFICER]
    Vault(data_dir).unlock(DEMO_OFFICER, DEMO_PASSPHRASE).close()


def test_unlock_lists_officers_and_refuses_a_wrong_passphrase(qtbot, window):
    page = window.page
    assert isinstance(page, UnlockView)
    qtbot.waitUntil(lambda: page.officer.count() == 1)
    assert page.officer.currentText() == OFFICER

    page.passphrase.setText("bukan-frasa-sandinya")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.page is page
    assert "Frasa sandi salah" in page.message.text()
    assert page.unlock_button.isEnabled()

    page.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert isinstance(window.page, DeskView)


def test_repeated_wrong_passphrases_are_throttled_with_the_wait(qtbot, window):
    page = window.page
    qtbot.waitUntil(lambda: page.officer.count() == 1)
    for _ in range(4):
        qtbot.waitUntil(page.unlock_button.isEnabled)
        page.passphrase.setText("salah-lagi-salah-lagi")
        page.unlock_button.click()
        wait_idle(qtbot, window)
        if "Tunggu" in page.message.text():
            break
    assert "Terlalu banyak percobaan salah" in page.message.text()
    assert "detik" in page.message.text()
    assert not page.unlock_button.isEnabled()


def test_a_damaged_wrong_passphrase_counter_shows_the_longest_wait(qtbot, listed_dir):
    counter = {OFFICER: {"failures": 5}}  # no last_failure: the KeyError of issue 11
    (listed_dir / "unlock_state.json").write_text(json.dumps(counter), encoding="utf-8")
    window = make_window(qtbot, listed_dir)
    unlock(qtbot, window)  # the right passphrase, which must wait all the same
    page = window.page
    assert isinstance(page, UnlockView)
    assert "rusak" in page.message.text() and "300 detik" in page.message.text()
    assert not page.unlock_button.isEnabled()
    page._tick()  # the countdown keeps saying why
    assert "rusak" in page.message.text() and "299 detik" in page.message.text()
    window.close()


def test_damaged_vault_is_reported_and_left_alone(qtbot, listed_dir):
    database = listed_dir / "lapang.db"
    damaged = bytearray(database.read_bytes())
    damaged[:16] = bytes(16)  # SQLCipher's salt: the key no longer opens any page
    database.write_bytes(bytes(damaged))
    before = database.read_bytes()
    window = make_window(qtbot, listed_dir)
    unlock(qtbot, window)
    assert isinstance(window.page, UnlockView)
    assert "rusak" in window.page.message.text()
    assert "TI KPU" in window.page.message.text()
    window.close()
    assert database.read_bytes() == before


def test_a_vault_a_backup_tool_holds_is_in_use_not_damaged(qtbot, listed_dir, monkeypatch):
    # On Windows a backup tool that opened lapang.db without sharing keeps everyone else out
    # (tests/windows shows it with a real second process); here the open is refused that way.
    database = listed_dir / "lapang.db"
    real_open = pathlib.Path.open

    def held(path, *args, **kwargs):
        if path == database:
            exc = PermissionError(13, "The process cannot access the file", str(path))
            exc.winerror = 32  # ERROR_SHARING_VIOLATION
            raise exc
        return real_open(path, *args, **kwargs)

    before = database.read_bytes()
    monkeypatch.setattr(pathlib.Path, "open", held)
    window = make_window(qtbot, listed_dir)
    unlock(qtbot, window)
    assert isinstance(window.page, UnlockView)
    text = window.page.message.text()
    assert "sedang dibuka program lain" in text and "rusak" not in text
    monkeypatch.undo()
    window.close()
    assert database.read_bytes() == before


def test_idle_desk_locks_itself_and_wipes_the_key(qtbot, desk, window):
    store_key = on_worker(qtbot, window, lambda store: store._data_key)
    assert any(store_key)
    desk.open_ubah()
    dialog = desk.dialog
    assert dialog is not None and dialog.isVisible()

    window.idle.set_timeout(0.2)
    qtbot.waitUntil(lambda: isinstance(window.page, UnlockView), timeout=3000)
    wait_idle(qtbot, window)
    assert not qt_object_alive(dialog) or not dialog.isVisible()
    assert not any(store_key)  # the very bytearray the store held is zeroed
    assert window.tasks._context.store_or_none is None

    # And the officer can come back in.
    unlock(qtbot, window)
    assert isinstance(window.page, DeskView)


def test_ctrl_l_locks_at_once(qtbot, desk, window):
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.page, UnlockView)
    wait_idle(qtbot, window)
    assert window.tasks._context.store_or_none is None

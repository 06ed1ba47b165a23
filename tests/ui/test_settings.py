"""Pengaturan: language, auto-lock minutes and the election date, saved and applied."""

from __future__ import annotations

import datetime as dt

from desktop_app.ui import i18n
from desktop_app.ui.settings import DeskSettings
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.ui.helpers import on_worker, wait_idle


def test_settings_are_saved_and_the_desk_follows_them(qtbot, desk, window, listed_dir):
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.idle.setValue(3)
    dialog.election.setText("27-11-2029")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.changed.connect(window._settings_changed)
    dialog.save()
    wait_idle(qtbot, window)
    try:
        saved = DeskSettings.load(listed_dir)
        assert (saved.language, saved.idle_lock_minutes) == ("en", 3)
        assert window.idle.timeout_s == 180
        assert on_worker(qtbot, window, lambda store: store.election_date) == dt.date(2029, 11, 27)
        # The desk was rebuilt in English.
        qtbot.waitUntil(lambda: window.desk is not None and window.desk is not desk)
        assert window.desk.act_sesuai.text().startswith("✓ &Correct")
    finally:
        i18n.install_language("id")


def test_a_bad_election_date_is_refused(qtbot, desk, window):
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.election.setText("31-02-2029")
    dialog.save()
    assert "HH-BB-TTTT" in dialog.error.text()
    assert on_worker(qtbot, window, lambda store: store.election_date) != dt.date(2029, 3, 3)


def test_damaged_settings_file_falls_back_to_defaults(tmp_path):
    (tmp_path / "desk_settings.json").write_text("{not json")
    assert DeskSettings.load(tmp_path) == DeskSettings()
    (tmp_path / "desk_settings.json").write_text('{"idle_lock_minutes": 100000, "language": 5}')
    loaded = DeskSettings.load(tmp_path)
    assert loaded.idle_lock_minutes == 120 and loaded.language == "id"

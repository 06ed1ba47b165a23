"""The desk's toolbar on the commonest field laptop: maximised on a 1366x768 screen, an enrolled
laptop's toolbar, with news waiting on the Riwayat button, keeps to one row in both languages;
the three flashdisk actions sit under one "Flashdisk" button, reachable by mouse and keyboard,
and each still does what it did as its own button."""

from __future__ import annotations

import dataclasses
import time
import uuid

import pytest

from desktop_app.store.voter_service import VoterService
from desktop_app.ui import i18n
from desktop_app.ui.action_row import ActionRow
from desktop_app.ui.qt import QApplication, QMenu, Qt, QToolBar, QToolButton
from desktop_app.ui.sync.history import TAB_CHANGES
from lapang_core import protocol as p
from tests.conftest import PASSPHRASE
from tests.support.sync_env import AREA
from tests.ui.helpers import make_window, unlock, wait_idle
from tests.ui.sync_helpers import AREA_VOTERS, KPU_KEY, enrolled_vault, sync_config


def _news_waiting(server, recovery_keys, tmp_path):
    """An enrolled vault whose next sync brings a KPU announcement and a conflict."""
    changed: dict[str, str] = {}

    def change_a_voter(store) -> None:
        (voter_id,) = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 1").fetchone()
        VoterService(store).ubah(voter_id, {"rt": "004"})
        changed["id"] = voter_id

    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=change_a_voter)
    index = next(i for i in range(AREA_VOTERS) if server.voter_id(i) == changed["id"])
    server.repo.load_voters(
        [dataclasses.replace(server.voters[index], alamat="JL. MERDEKA 17")], time.time()
    )
    server.repo.add_announcement(
        p.sign_announcement(
            KPU_KEY,
            uuid.uuid4().hex,
            AREA,
            "Jadwal coklit",
            "Coklit dimulai 12 Januari 2029.",
            "2029-01-10T08:00:00+00:00",
        )
    )
    return data_dir


def _maximised_desk(qtbot, data_dir, server, language: str):
    window = make_window(qtbot, data_dir, sync=sync_config(server.url))
    # The desk is built at unlock, in the language then installed.
    i18n.install_language(language)
    unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.desk is not None)
    desk = window.desk
    qtbot.waitUntil(lambda: window.sync is not None and window.sync.status is not None)
    window.showMaximized()
    screen = QApplication.primaryScreen().availableGeometry()
    # Frame included (the offscreen screen draws a thin one, as a window manager would).
    qtbot.waitUntil(lambda: window.frameGeometry() == screen, timeout=5000)
    wait_idle(qtbot, window)
    return window, desk


def _rows(window) -> dict[str, list[int]]:
    """For each toolbar in the window, the tops of its shown buttons' rows: one row, one top."""
    rows: dict[str, list[int]] = {}
    for bar in window.findChildren(ActionRow):
        if bar.isVisibleTo(window):
            shown = [b for b in bar.findChildren(QToolButton) if b.isVisibleTo(window)]
            rows[bar.objectName()] = sorted({b.geometry().top() for b in shown})
            # ...and the bar is one button high, with every button inside it.
            assert bar.height() == max(b.height() for b in shown)
            assert all(b.geometry().right() < bar.width() for b in shown)
    for bar in window.findChildren(QToolBar):
        assert not bar.isVisibleTo(window), "a QToolBar would hide buttons behind its » menu"
    return rows


@pytest.fixture()
def back_to_indonesian():
    yield
    i18n.install_language("id")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_enrolled_toolbar_keeps_to_one_row_on_a_maximised_1366_screen(
    qtbot, tmp_path, server, recovery_keys, back_to_indonesian, language
):
    data_dir = _news_waiting(server, recovery_keys, tmp_path)
    window, desk = _maximised_desk(qtbot, data_dir, server, language)
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000):
        desk.act_sync.trigger()
    wait_idle(qtbot, window)
    badge = desk.toolbar.widgetForAction(desk.act_history)
    qtbot.waitUntil(lambda: "bold" in badge.styleSheet(), timeout=5000)  # news: the badge shows
    QApplication.processEvents()

    assert _rows(window) == {"deskToolbar": [0]}
    # ...with every action an enrolled laptop shows on it, the news on Riwayat included.
    for action in (
        desk.act_new,
        desk.act_recruitment,
        desk.act_reports,
        desk.act_history,
        desk.act_auto_sync,
        desk.act_flashdisk,
        desk.act_reload,
        desk.act_settings,
        desk.act_lock,
    ):
        assert desk.toolbar.widgetForAction(action).isVisibleTo(window), action.text()
    # What the news is stays one hover away.
    if language == "id":
        assert badge.text() == "Riwayat sinkronisasi (2 baru)"
        assert badge.toolTip() == (
            "1 pengumuman KPU belum dibaca; 1 konflik belum diperiksa (Ctrl+H)"
        )
    else:
        assert badge.text() == "Sync history (2 new)"
        assert badge.toolTip() == "1 unread KPU announcement(s); 1 unchecked conflict(s) (Ctrl+H)"
    window.close()


def test_the_flashdisk_button_holds_the_three_and_each_does_what_it_did(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1])
    window, desk = _maximised_desk(qtbot, data_dir, server, "id")
    button = desk.toolbar.widgetForAction(desk.act_flashdisk)
    menu = desk.act_flashdisk.menu()
    assert isinstance(menu, QMenu) and button.isVisibleTo(window)
    assert button.text() == "Flashdisk ▾" and "flashdisk" in button.toolTip()
    send, receive, relay = desk.bundles.act_send, desk.act_receive, desk.bundles.act_relay
    assert menu.actions() == [send, receive, relay]
    assert menu.toolTipsVisible() and all(a.toolTip() for a in menu.actions())
    asked: list[str] = []
    desk.bundles.choose_folder = lambda: asked.append("folder")  # the officer cancels
    desk.bundles.choose_file = lambda: asked.append("file")

    # From the keyboard: Ctrl+Shift+F opens the menu under the button, the first item lit.
    desk.voters.table.setFocus()
    qtbot.keyClick(
        desk.voters.table,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    assert menu.activeAction() is send
    assert menu.geometry().top() >= button.mapToGlobal(button.rect().bottomLeft()).y()
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # Kirim lewat flashdisk: asks for the stick
    qtbot.waitUntil(lambda: asked == ["folder"], timeout=3000)
    assert not menu.isVisible()

    desk.act_flashdisk.trigger()
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is relay
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # Titipan: asks for the other laptop's file
    qtbot.waitUntil(lambda: asked == ["folder", "file"], timeout=3000)

    # Terima dari flashdisk, by its underlined letter: the sync window on its Perubahan tab,
    # choosing KPU's reply.
    desk.act_flashdisk.trigger()
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    qtbot.keyClick(menu, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: desk.history_dialog is not None, timeout=3000)
    assert desk.dialog is None  # the T went to the menu, not to the desk's TMS key
    history = desk.history_dialog
    assert history is not None and history.tabs.currentIndex() == TAB_CHANGES
    qtbot.waitUntil(lambda: history.changes.file_dialog.isVisible(), timeout=3000)
    history.changes.file_dialog.reject()
    history.reject()
    window.close()

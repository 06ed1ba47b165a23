""" "Sinkronkan sekarang" against a server that accepts the connection and never answers (a hung
server, a black-holed route): the officer sees at once that the desk is waiting for KPU, and
Batal ends the wait at once (issue 12 §3, left open: it waited the probe's 15 s silently)."""

from __future__ import annotations

import socket
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import enrolled_vault, open_desk, sync_config


def _silent_listener(port: int) -> socket.socket:
    """A listening socket nobody accepts on: the kernel completes the handshake and takes the
    request, and no answer ever comes."""
    silent = socket.socket()
    silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    silent.bind(("127.0.0.1", port))
    silent.listen(16)
    return silent


def test_sync_now_against_a_silent_server_shows_the_wait_and_batal_ends_it(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1])
    port = int(server.url.rsplit(":", 1)[1].split("/")[0])
    server.stop()
    with _silent_listener(port):
        window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
        panel = desk.status
        cancel = panel.findChild(QPushButton, "cancelSync")
        desk.act_sync.trigger()
        # Within a moment, not after the probe's 15 s: the desk says it is reaching KPU.
        qtbot.waitUntil(lambda: cancel.isVisible(), timeout=1000)
        assert window.sync.busy
        waiting = panel.findChild(QLabel, "syncProgressText")
        assert waiting.isVisible() and "Menghubungi server KPU" in waiting.text()
        qtbot.wait(1500)  # the silence goes on: the officer sees the wait lasting
        assert "dtk" in waiting.text()  # how long it has waited so far, in seconds
        pressed = time.monotonic()
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.sync.busy, timeout=1000)
        assert time.monotonic() - pressed < 1
        assert not cancel.isVisible()
        sync_button = panel.findChild(QPushButton, "syncNow")
        assert sync_button.isVisible() and sync_button.isEnabled()
        assert desk.status.currentMessage().startswith("Sinkronisasi dibatalkan")
        wait_idle(qtbot, window)
        window.close()

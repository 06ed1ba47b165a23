"""The sync part of the desk's status bar: Daring / Luring / Menyinkronkan…, the time of the last
confirmed sync, and "Sinkronkan sekarang" — or, while a run goes, a progress bar with records
and bytes and Batal. Kept narrow: the status bar's left side carries the desk's messages."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from desktop_app.ui.qt import (
    QAction,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTimer,
    QWidget,
)
from desktop_app.ui.sync.controller import Link, SyncController, SyncView
from desktop_app.ui.sync.wording import local_time_text, progress_text, untrusted_text

if TYPE_CHECKING:
    from desktop_app.sync.run import SyncProgress

_STATE_STYLE = {
    "online": "color: #2e7d32; font-weight: bold;",
    "offline": "color: #8a6100; font-weight: bold;",
    "untrusted": "color: #c62828; font-weight: bold;",
    "syncing": "color: #1565c0; font-weight: bold;",
}


class SyncStatusPanel(QWidget):
    def __init__(
        self,
        sync: SyncController,
        sync_action: QAction,
        cancel_action: QAction,
        enrol_action: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self._running = False
        # Until the server's first answer the bar has nothing to show: a counter of the seconds
        # waited tells the officer the desk is still trying (a silent server holds the probe
        # up to 15 s) and that Batal is theirs to press.
        self._waiting_since = 0.0
        self._wait_clock = QTimer(self)
        self._wait_clock.setInterval(1000)
        self._wait_clock.timeout.connect(self._show_wait)
        self.state = QLabel(self.tr("Luring"))
        self.state.setObjectName("syncState")
        self.last = QLabel()
        self.last.setObjectName("lastSync")
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setFixedWidth(110)
        self.progress.setTextVisible(False)
        # The words beside the bar, not on it: a bar of unknown length shows no text.
        self.progress_text = QLabel()
        self.progress_text.setObjectName("syncProgressText")
        # Buttons with their own short words; the desk's actions hold the shortcuts.
        self._sync_action, self._enrol_action = sync_action, enrol_action
        self._enrolled = True
        self.sync_button = QPushButton(self.tr("Sinkronkan sekarang"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setToolTip(sync_action.toolTip())
        self.sync_button.clicked.connect(self._sync_clicked)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setObjectName("cancelSync")
        self.cancel_button.setToolTip(cancel_action.toolTip())
        self.cancel_button.clicked.connect(cancel_action.trigger)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (
            self.state,
            self.last,
            self.progress,
            self.progress_text,
            self.cancel_button,
            self.sync_button,
        ):
            layout.addWidget(widget)
        for widget in (self.progress, self.progress_text, self.cancel_button):
            widget.setVisible(False)
        sync.changed.connect(self.show_view)
        sync.progress.connect(self.show_progress)
        self.show_view(sync.view())

    def show_view(self, view: SyncView) -> None:
        if view.running:
            key, text = "syncing", self.tr("Menyinkronkan…")
        elif view.link is Link.ONLINE and view.enrolled:
            key, text = "online", self.tr("Daring")
        elif view.link is Link.UNTRUSTED and view.enrolled:
            key, text = "untrusted", self.tr("Server tidak dikenali (sertifikat)")
        else:
            key, text = "offline", self.tr("Luring")
        self.state.setText(text)
        self.state.setStyleSheet(_STATE_STYLE[key])
        self.state.setToolTip(self._state_tip(view))
        if view.running and not self._running:
            self.progress.setRange(0, 0)  # busy until the first progress event
            self.progress_text.setText(self.tr("Menghubungi server KPU…"))
            self._waiting_since = time.monotonic()
            self._wait_clock.start()
        elif not view.running:
            self._wait_clock.stop()
        self._running = view.running
        for widget in (self.progress, self.progress_text, self.cancel_button):
            widget.setVisible(view.running)
        self.sync_button.setVisible(not view.running)
        # Not enrolled yet, the same place offers what has to happen first.
        self._enrolled = view.status is None or view.enrolled
        self.sync_button.setText(
            self.tr("Sinkronkan sekarang") if self._enrolled else self.tr("Daftarkan perangkat…")
        )
        self.last.setVisible(not view.running)
        self.last.setText(self._last_text(view))

    def _sync_clicked(self) -> None:
        (self._sync_action if self._enrolled else self._enrol_action).trigger()

    def _last_text(self, view: SyncView) -> str:
        status = view.status
        if status is None:
            return ""
        if not status.enrolled:
            return self.tr("Belum terdaftar di server KPU")
        if not status.area_downloaded:
            return self.tr("Unduhan data wilayah belum selesai")
        return self.tr("Sinkron terakhir: %1").replace(
            "%1", local_time_text(status.last_success_at)
        )

    def _state_tip(self, view: SyncView) -> str:
        if not view.enrolled:
            return self.tr(
                "Laptop ini belum terdaftar di server KPU. Semua perubahan tersimpan di laptop "
                "dan menunggu dikirim."
            )
        if view.running:
            return self.tr("Perubahan sedang dikirim ke KPU dan data KPU sedang diterima.")
        if view.link is Link.ONLINE:
            return self.tr("Server KPU terjangkau.")
        if view.link is Link.UNTRUSTED:
            return untrusted_text()
        return self.tr(
            "Server KPU tidak terjangkau sekarang. Semua perubahan tersimpan di laptop dan "
            "menunggu dikirim."
        )

    def _show_wait(self) -> None:
        seconds = int(time.monotonic() - self._waiting_since)
        self.progress_text.setText(
            self.tr("Menghubungi server KPU… %1 dtk").replace("%1", str(seconds))
        )

    def show_progress(self, progress: SyncProgress) -> None:
        if not self._running:
            return
        self._wait_clock.stop()  # KPU answered: the progress speaks from now on
        if progress.records_total:
            self.progress.setRange(0, progress.records_total)
            self.progress.setValue(min(progress.records_done, progress.records_total))
        else:
            self.progress.setRange(0, 0)
        self.progress_text.setText(progress_text(progress, short=True))

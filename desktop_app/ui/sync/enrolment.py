"""Enrolling this laptop with a code from KPU, shared by the first-run wizard and the desk's
"Daftarkan perangkat…" dialog: the two fields (server address, code), and ``Enroller``, which
registers (one short request) and then downloads the area with progress and cancel — both on
the database worker, because both write the store."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QObject,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.sync import ops
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.relay import SyncRelay, SyncSignals
from desktop_app.ui.sync.wording import progress_text

if TYPE_CHECKING:
    from desktop_app.sync.enrollment import EnrollmentResult
    from desktop_app.sync.run import SyncProgress

_LABEL_CHARS = 120  # the protocol's limit for a device label


def device_label(officer: str) -> str:
    """How KPU's device list names this laptop: the officer and the computer's name."""
    try:
        host = socket.gethostname()
    except OSError:
        host = ""
    return (f"{officer} — {host}" if host else officer)[:_LABEL_CHARS]


def normalised_server_url(text: str) -> str:
    """What the officer typed, with https:// added when they left the scheme out."""
    text = text.strip()
    if text and "://" not in text:
        text = "https://" + text
    return text.rstrip("/")


class Enroller(QObject):
    """Register, then download the area. Signals arrive on the GUI thread."""

    registered = Signal(str)  # the area's name
    register_failed = Signal(object)  # the exception (nothing was stored)
    progress = Signal(object)  # SyncProgress while downloading
    downloaded = Signal(object)  # EnrollmentResult (area_downloaded False: cut short)
    download_failed = Signal(object)  # an unexpected error (the enrolment itself is kept)

    def __init__(self, ctx: DeskContext, config: SyncConfig, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._signals = SyncSignals(self)
        self._relay = SyncRelay(self._signals)
        self.holder = ops.EngineHolder(config, self._relay)
        self._signals.progress.connect(self._on_progress)
        self.busy = False

    def register(self, server_url: str, code: str, label: str) -> None:
        self.busy = True
        self.holder.arm()  # an earlier Batal must not cancel this attempt
        self._ctx.read(
            ops.register(self.holder, server_url, code, label),
            self._registered,
            on_failure=self._register_failed,
            owner=self,
        )

    def _registered(self, area_name: str) -> None:
        self.registered.emit(area_name)
        self.download()

    def _register_failed(self, exc: Exception) -> None:
        self.busy = False
        self.register_failed.emit(exc)

    def download(self) -> None:
        """The first pull (again, after a cut: it resumes from its cursor)."""
        self.busy = True
        self.holder.arm()
        self._ctx.read(
            ops.download_area(self.holder),
            self._downloaded,
            on_failure=self._download_failed,
            owner=self,
        )

    def _downloaded(self, result: EnrollmentResult) -> None:
        self.busy = False
        self.downloaded.emit(result)

    def _download_failed(self, exc: Exception) -> None:
        self.busy = False
        self.download_failed.emit(exc)

    def cancel(self) -> None:
        self.holder.cancel()

    def _on_progress(self) -> None:
        progress = self._relay.take_progress()
        if progress is not None:
            self.progress.emit(progress)

    def close(self) -> None:
        self._relay.close()
        self.holder.cancel()


class EnrolFields(QWidget):
    """Server address and code, a progress bar and a message line."""

    def __init__(self, config: SyncConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = QLineEdit(config.server_url or "")
        self.server.setObjectName("serverUrl")
        self.server.setPlaceholderText("https://…")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        self.code.setMaxLength(40)
        self.code.textEdited.connect(self._upper)
        code_hint = self.tr(
            "Kode pendaftaran diberikan KPU Kabupaten/Kota, hanya berlaku sekali dan untuk "
            "waktu terbatas."
        )
        # Said only when true: without a deployment.toml there is no address to prefill.
        server_hint = (
            self.tr("Alamat server sudah diisi untuk wilayah Anda; ubah hanya bila diminta TI KPU.")
            if self.server.text()
            else self.tr("Ketik alamat server yang diberikan TI KPU bersama kode.")
        )
        self.hint = hint = QLabel(f"{code_hint} {server_hint}")
        hint.setObjectName("enrolHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.form = QFormLayout()
        server_label = QLabel(self.tr("Alamat &server KPU:"))
        server_label.setBuddy(self.server)
        code_label = QLabel(self.tr("&Kode pendaftaran:"))
        code_label.setBuddy(self.code)
        self.form.addRow(code_label, self.code)
        self.form.addRow(server_label, self.server)
        self.progress = QProgressBar()
        self.progress.setObjectName("enrolProgress")
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("enrolStatus")
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("enrolMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.message)

    def _upper(self, text: str) -> None:
        # Codes are printed in capitals; the server accepts either, the officer compares.
        if text != text.upper():
            position = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(position)

    def checked_values(self) -> tuple[str, str] | None:
        """(server address, code), or None after saying what is missing."""
        server = normalised_server_url(self.server.text())
        code = self.code.text().strip()
        if not code:
            self.show_error(self.tr("Ketik kode pendaftaran dari KPU."))
            self.code.setFocus()
            return None
        if not server:
            self.show_error(self.tr("Isi alamat server KPU (tanyakan ke TI KPU)."))
            self.server.setFocus()
            return None
        self.server.setText(server)
        return server, code

    def set_editable(self, editable: bool) -> None:
        self.server.setReadOnly(not editable)
        self.code.setReadOnly(not editable)

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def start_progress(self, text: str) -> None:
        self.message.setText("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(text)

    def show_progress(self, progress: SyncProgress) -> None:
        if not progress.records_done and not progress.bytes_done:
            return  # "0 received" says less than "downloading…"
        if progress.records_total:
            self.progress.setRange(0, progress.records_total)
            self.progress.setValue(min(progress.records_done, progress.records_total))
        else:
            self.progress.setRange(0, 0)
        self.status.setText(progress_text(progress))

    def stop_progress(self) -> None:
        self.progress.setVisible(False)

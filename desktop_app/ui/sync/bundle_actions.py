"""Sync without signal, in the desk: "Kirim lewat flashdisk" writes everything waiting for KPU
into one sealed file on a USB stick; "Titipan" takes another laptop's bundle to deliver at this
laptop's next sync (docs/sync-protocol.md section 12).

Both run on the database worker (the export reads the store; the Titipan copy is file work that
must not stall the window on a slow stick), with a progress dialog for a big export, and end in
one message that says what happened and what to do next.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_app.paths import relay_dir
from desktop_app.ui.context import DeskContext
from desktop_app.ui.file_folders import user_folder
from desktop_app.ui.messages import error_text
from desktop_app.ui.placement import fit_dialog
from desktop_app.ui.qt import (
    QAction,
    QFileDialog,
    QMessageBox,
    QObject,
    QProgressDialog,
    Qt,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from desktop_app.sync.bundle_export import ExportedBundle
    from desktop_app.sync.relay import QueuedBundle

# A small export is done before a dialog could be read; the dialog waits this long to appear.
_PROGRESS_AFTER_MS = 700


def _export_op(folder: pathlib.Path, key: Any) -> Callable[[Any], ExportedBundle]:
    def op(wctx: Any) -> ExportedBundle:
        from desktop_app.sync.bundle_export import export_bundle

        return export_bundle(wctx.store, folder, key, on_progress=wctx.report)

    return op


def _relay_op(data_dir: pathlib.Path, source: pathlib.Path) -> Callable[[Any], QueuedBundle]:
    def op(_wctx: Any) -> QueuedBundle:
        from desktop_app.sync.relay import queue_for_relay

        return queue_for_relay(relay_dir(data_dir), source)

    return op


class BundleActions(QObject):
    """The two actions and what they show. Tests replace ``choose_folder`` and ``choose_file``
    (the native pickers) and read ``result_box``."""

    finished = Signal(str)  # the message shown, once an action is over

    def __init__(self, ctx: DeskContext, bundle_key: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._window = parent
        self._key = bundle_key
        self.result_box: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self.act_send = QAction(self.tr("&Kirim lewat flashdisk…"), parent)
        self.act_send.setToolTip(
            self.tr(
                "Tanpa sinyal: simpan semua perubahan yang menunggu ke flashdisk dalam satu "
                "berkas tersegel, untuk dibawa ke kantor KPU atau dititipkan ke laptop lain"
            )
        )
        self.act_send.triggered.connect(lambda _checked=False: self.send())
        self.act_relay = QAction(self.tr("T&itipan…"), parent)
        self.act_relay.setToolTip(
            self.tr(
                "Bawa berkas bundel laptop lain ke KPU: dikirim pada sinkronisasi berikutnya. "
                "Isinya tersegel, tidak dapat dibaca atau diubah di laptop ini"
            )
        )
        self.act_relay.triggered.connect(lambda _checked=False: self.take_relay())
        self.choose_folder: Callable[[], pathlib.Path | None] = self._pick_folder
        self.choose_file: Callable[[], pathlib.Path | None] = self._pick_file

    # -- Kirim lewat flashdisk ---------------------------------------------------------------
    def send(self) -> None:
        folder = self.choose_folder()
        if folder is None:
            return
        self.act_send.setEnabled(False)
        self.progress = QProgressDialog(
            self.tr("Menyegel perubahan ke flashdisk…"), "", 0, 0, self._window
        )
        self.progress.setCancelButton(None)  # a half-written bundle is never left: it just ends
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(_PROGRESS_AFTER_MS)
        self._ctx.tasks.run(
            _export_op(folder, self._key),
            on_success=self._sent,
            on_failure=self._send_failed,
            on_progress=self._progress,
            owner=self,
        )

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _end_progress(self) -> None:
        self.act_send.setEnabled(True)
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _sent(self, bundle: ExportedBundle) -> None:
        self._end_progress()
        text = (
            self.tr(
                "Tersimpan: %1\n\n%2 perubahan dan %3 berkas bukti, tersegel untuk KPU: tanpa "
                "kunci KPU isinya tidak dapat dibaca. Bawa ke kantor KPU, atau titipkan ke "
                "laptop lain yang ada sinyal. Perubahan tetap menunggu sampai KPU "
                "mengonfirmasinya."
            )
            .replace("%1", str(bundle.path))
            .replace("%2", str(bundle.changes))
            .replace("%3", str(bundle.files))
        )
        if bundle.missing_files:
            text += "\n\n" + self.tr(
                "%1 berkas bukti tidak ada di laptop ini dan tidak ikut terkirim."
            ).replace("%1", str(bundle.missing_files))
        self._show(QMessageBox.Icon.Information, self.tr("Bundel tersimpan"), text)

    def _send_failed(self, exc: Exception) -> None:
        self._end_progress()
        self._show(QMessageBox.Icon.Warning, self.tr("Bundel tidak tersimpan"), self._why(exc))

    def _why(self, exc: Exception) -> str:
        from desktop_app.sync import bundle_export
        from desktop_app.sync.errors import NotEnrolled
        from lapang_core.protocol import seal

        if isinstance(exc, bundle_export.NothingToSend):
            return self.tr("Tidak ada perubahan atau berkas bukti yang menunggu dikirim.")
        if isinstance(exc, bundle_export.BundleKeyMissing):
            return self.tr(
                "Laptop ini belum punya kunci bundel KPU (bundle_public_key di bagian [sync] "
                "pada deployment.toml). Hubungi TI KPU."
            )
        if isinstance(exc, NotEnrolled):
            return self.tr("Laptop ini belum terdaftar di server KPU: daftarkan dulu.")
        if isinstance(exc, bundle_export.BundleFilesLeft):
            return self.tr(
                "Berkas tidak dapat ditulis, dan program lain (mungkin antivirus) masih membuka "
                "%1 di flashdisk. Hapus berkas itu setelah dilepas: isinya bukan paket yang utuh. "
                "Lalu coba lagi."
            ).replace("%1", ", ".join(exc.left))
        if isinstance(exc, bundle_export.BundleWriteFailed):
            return self.tr(
                "Berkas tidak dapat ditulis. Periksa flashdisk: masih terpasang, tidak penuh dan "
                "tidak dikunci tulis; lalu coba lagi. Tidak ada berkas setengah jadi yang "
                "tertinggal."
            )
        if isinstance(exc, seal.BundleTooLarge):
            return self.tr(
                "Terlalu banyak yang menunggu untuk satu berkas. Kirim sebagian saat ada sinyal, "
                "atau hubungi TI KPU."
            )
        return error_text(exc)

    # -- Titipan -------------------------------------------------------------------------------
    def take_relay(self) -> None:
        source = self.choose_file()
        if source is None:
            return
        self._ctx.tasks.run(
            _relay_op(self._ctx.data_dir, source),
            on_success=self._taken,
            on_failure=self._take_failed,
            owner=self,
        )

    def _taken(self, bundle: QueuedBundle) -> None:
        text = (
            self.tr(
                "Titipan diterima: %1 perubahan dari perangkat %2. Dikirim ke KPU pada "
                "sinkronisasi berikutnya laptop ini."
            )
            .replace("%1", str(bundle.changes))
            .replace("%2", bundle.device_id[:8])
        )
        self._show(QMessageBox.Icon.Information, self.tr("Titipan"), text)

    def _take_failed(self, exc: Exception) -> None:
        from desktop_app.sync.relay import AlreadyQueued, RelayFileRefused
        from lapang_core.protocol import ProtocolError, seal

        if isinstance(exc, seal.BundleTruncated):
            text = self.tr(
                "Berkas itu tidak utuh (mungkin flashdisk dicabut saat menyalin). Salin lagi dari "
                "laptop asalnya."
            )
        elif isinstance(exc, AlreadyQueued):
            text = self.tr("Bundel itu sudah ada di daftar titipan.")
        elif isinstance(exc, (ProtocolError, RelayFileRefused)):
            text = self.tr("Berkas itu bukan bundel perubahan Lapang; tidak dititipkan.")
        else:
            text = error_text(exc)
        self._show(QMessageBox.Icon.Warning, self.tr("Titipan tidak diterima"), text)

    # -- shared --------------------------------------------------------------------------------
    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, parent=self._window)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        fit_dialog(box)
        self.result_box = box
        box.open()
        self.finished.emit(text)

    def _pick_folder(self) -> pathlib.Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self._window, self.tr("Pilih flashdisk atau folder tujuan"), str(user_folder())
        )
        return pathlib.Path(chosen) if chosen else None

    def _pick_file(self) -> pathlib.Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Pilih berkas bundel titipan"),
            str(user_folder()),
            self.tr("Bundel Lapang (*.lapang)"),
        )
        return pathlib.Path(chosen) if chosen else None

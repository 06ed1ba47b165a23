"""The "Perubahan" tab of the sync window: where each change stands on its way to KPU —
waiting, sealed in a bundle for a USB stick but not yet confirmed, confirmed by KPU, or refused —
and "Terima dari flashdisk…", which applies KPU's return bundle from a stick."""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING

from desktop_app.store.change_standing import Standing
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.placement import fit_dialog
from desktop_app.ui.qt import (
    QT_TRANSLATE_NOOP,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLocale,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from desktop_app.ui.sync import ops
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.tables import ReadOnlyTable
from desktop_app.ui.sync.wording import local_time_text, operation_text
from lapang_core.protocol import ProtocolError

if TYPE_CHECKING:
    from desktop_app.sync.bundle_import import AppliedReturnBundle

CTX = "Sync"
_STANDING = {
    Standing.WAITING: QT_TRANSLATE_NOOP("Sync", "Menunggu dikirim"),
    Standing.SEALED: QT_TRANSLATE_NOOP("Sync", "Dalam paket flashdisk, belum dikonfirmasi KPU"),
    Standing.CONFIRMED: QT_TRANSLATE_NOOP("Sync", "Dikonfirmasi KPU"),
    Standing.REFUSED: QT_TRANSLATE_NOOP("Sync", "Ditolak KPU"),
}


def standing_text(standing: Standing) -> str:
    return translate(CTX, _STANDING[standing])


def _rows(changes: list[ops.ChangeRow]):
    for row in changes:
        change = row.change
        bundle = ""
        if change.bundle_file and change.standing is Standing.SEALED:
            bundle = f"{change.bundle_file} ({local_time_text(change.sealed_at)})"
        yield (
            change.seq,
            [
                row.name or translate("Sync", "(tidak ada di laptop ini)"),
                operation_text(change.entity, change.op),
                standing_text(change.standing),
                bundle,
                local_time_text(change.created_at),
            ],
            change.standing is Standing.REFUSED,
        )


class ChangesTab(QWidget):
    """Changes newest first, the counts of each standing above them."""

    imported = Signal()  # a return bundle was applied

    def __init__(
        self, ctx: DeskContext, config: SyncConfig | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._config = config
        self.summary = QLabel()
        self.summary.setObjectName("changeStandings")
        self.summary.setWordWrap(True)
        self.receive = QPushButton(self.tr("Terima dari flashdisk…"))
        self.receive.setObjectName("receiveBundle")
        self.receive.setToolTip(
            self.tr(
                "Terapkan paket balasan KPU (berkas .lapang) dari flashdisk: perubahan yang "
                "dikonfirmasi KPU ditandai terkirim, data terbaru KPU diterima."
            )
        )
        self.receive.setEnabled(config is not None)
        self.receive.clicked.connect(self.choose_bundle)
        self.result = QLabel()
        self.result.setObjectName("bundleResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Shown only with something to say: empty, it left a blank strip above the table.
        self.result.hide()
        self.table = ReadOnlyTable(
            [
                self.tr("Pemilih"),
                self.tr("Perubahan"),
                self.tr("Keadaan"),
                self.tr("Paket flashdisk"),
                self.tr("Dicatat"),
            ],
            self,
            stretch=3,
        )
        self.table.setObjectName("changeStanding")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.receive)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        self.loaded = False
        self.file_dialog: QFileDialog | None = None

    def reload(self) -> None:
        self.loaded = False
        self._ctx.read(ops.standings(), self.show_standings, owner=self)

    def show_standings(self, standings: ops.Standings) -> None:
        counts, n = standings.counts, QLocale().toString
        self.summary.setText(
            self.tr(
                "%1 menunggu dikirim, %2 dalam paket flashdisk belum dikonfirmasi KPU, "
                "%3 dikonfirmasi KPU, %4 ditolak KPU."
            )
            .replace("%1", n(counts.waiting))
            .replace("%2", n(counts.sealed))
            .replace("%3", n(counts.confirmed))
            .replace("%4", n(counts.refused))
        )
        self.table.fill(_rows(standings.changes))
        self.loaded = True

    # -- Terima dari flashdisk ----------------------------------------------------------------
    def choose_bundle(self) -> None:
        dialog = QFileDialog(self, self.tr("Pilih paket balasan KPU"), str(pathlib.Path.home()))
        dialog.setObjectName("returnBundleDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Paket Lapang (*.lapang)"))
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Terima"))
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, self.tr("Batal"))
        dialog.fileSelected.connect(lambda path: self.import_bundle(pathlib.Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        fit_dialog(dialog)
        self.file_dialog = dialog
        dialog.open()

    def import_bundle(self, path: pathlib.Path) -> None:
        if self._config is None:
            return
        self.receive.setEnabled(False)
        self._say(self.tr("Menerapkan paket balasan KPU…"))
        self._ctx.write(
            ops.import_return_bundle(path, self._config),
            lambda _r: VotersChanged(frozenset(), added=True),
            self._imported,
            on_failure=self._failed,
            owner=self,
        )

    def _imported(self, applied: AppliedReturnBundle) -> None:
        n = QLocale().toString
        text = (
            self.tr(
                "Paket balasan KPU diterapkan: %1 perubahan dikonfirmasi KPU, %2 ditolak, "
                "%3 data pemilih, %4 konflik, %5 pengumuman."
            )
            .replace("%1", n(applied.confirmed))
            .replace("%2", n(applied.refused))
            .replace("%3", n(applied.pulled))
            .replace("%4", n(applied.conflicts))
            .replace("%5", n(applied.announcements))
        )
        if not applied.news_applied:
            text += " " + self.tr("Datanya lebih lama dari yang sudah ada di laptop ini.")
        self._say(text)
        self.receive.setEnabled(True)
        self.imported.emit()
        self.reload()

    def _say(self, text: str) -> None:
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def _failed(self, exc: Exception) -> None:
        self._say(return_bundle_error_text(exc))
        self.receive.setEnabled(True)


_BUNDLE_ERRORS = {
    "bundle_too_large": QT_TRANSLATE_NOOP(
        "Sync", "Berkas ini terlalu besar untuk paket balasan KPU. Tidak ada yang disimpan."
    ),
    "not_a_bundle": QT_TRANSLATE_NOOP(
        "Sync", "Berkas ini bukan paket Lapang. Pilih berkas .lapang dari KPU."
    ),
    "bundle_version_unsupported": QT_TRANSLATE_NOOP(
        "Sync", "Paket ini dibuat versi Lapang yang lebih baru. Perbarui aplikasi ini."
    ),
    "bundle_truncated": QT_TRANSLATE_NOOP(
        "Sync",
        "Berkas paket tidak lengkap (terpotong saat disalin, atau flashdisk dicabut terlalu "
        "cepat). Salin lagi dari komputer KPU. Tidak ada yang disimpan.",
    ),
    "bundle_tampered": QT_TRANSLATE_NOOP(
        "Sync",
        "Paket ini rusak atau diubah setelah dibuat KPU, atau tanda tangannya bukan dari "
        "server KPU. Tidak ada yang disimpan; minta paket baru ke KPU.",
    ),
    "bundle_not_for_us": QT_TRANSLATE_NOOP(
        "Sync",
        "Paket ini untuk laptop lain (atau untuk pendaftaran laptop ini yang lama). Tidak ada "
        "yang disimpan.",
    ),
    "not_a_return_bundle": QT_TRANSLATE_NOOP(
        "Sync",
        "Ini paket kiriman laptop, bukan paket balasan KPU: bawa ke kantor KPU. Tidak ada yang "
        "disimpan.",
    ),
    "malformed": QT_TRANSLATE_NOOP(
        "Sync", "Isi paket balasan rusak. Tidak ada yang disimpan; minta paket baru ke KPU."
    ),
}


def return_bundle_error_text(exc: BaseException) -> str:
    """Why a return bundle was not applied, for the officer (nothing was stored)."""
    from desktop_app.store.sync_state import NotEnrolled
    from desktop_app.sync import bundle_import as b

    if isinstance(exc, b.ReturnBundleAlreadyApplied):
        return translate(
            "Sync", "Paket balasan ini sudah pernah diterapkan; tidak ada yang berubah."
        )
    if isinstance(exc, b.ReturnKeyMissing):
        return translate(
            "Sync",
            "Laptop ini belum disiapkan TI KPU untuk paket flashdisk: kunci balasan KPU "
            "(return_public_key di deployment.toml) belum diatur. Tidak ada yang disimpan.",
        )
    if isinstance(exc, b.NoEncryptionKey):
        return translate(
            "Sync",
            "Laptop ini belum punya kunci enkripsi untuk paket KPU: sinkronkan sekali secara "
            "daring dulu. Tidak ada yang disimpan.",
        )
    if isinstance(exc, NotEnrolled):
        return translate("Sync", "Laptop ini belum terdaftar di server KPU.")
    if isinstance(exc, OSError):
        return translate("Sync", "Berkas tidak dapat dibaca: %1. Tidak ada yang disimpan.").replace(
            "%1", exc.strerror or type(exc).__name__
        )
    code = getattr(exc, "code", None)
    source = (
        _BUNDLE_ERRORS.get(code)
        if isinstance(exc, (ProtocolError, b.ReturnBundleRefused))
        else None
    )
    if source:
        return translate(CTX, source)
    return translate("Sync", "Paket balasan tidak dapat diterapkan. Tidak ada yang disimpan.")

"""Exporting a report is a deliberate act: the officer picks the file in a save dialog (a name
with the area code and the date, in their Documents folder), a file already there is replaced
only after they confirm it, the file is written on the database worker, and a message says where
it went and what it holds (NIK and names, for the lists) and how to keep it."""

from __future__ import annotations

import datetime as dt
import pathlib

from desktop_app.reports.coklit_exports import (
    ExportDone,
    ExportFormat,
    NotATps,
    ReportKind,
    default_filename,
)
from desktop_app.reports.paper import PaperSize
from desktop_app.reports.safe_write import ExportError, ExportExists, ExportFileInUse
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.messages import error_text, file_in_use_text
from desktop_app.ui.placement import fit_dialog
from desktop_app.ui.qt import (
    QDesktopServices,
    QDir,
    QFileDialog,
    QMessageBox,
    QObject,
    QStandardPaths,
    QUrl,
    QWidget,
    Signal,
)
from desktop_app.ui.reports import ops

# The order of the save dialog's file types, per report: what the officer most often wants first.
FORMATS = {
    ReportKind.RECAP: (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.CSV),
    ReportKind.VOTER_LIST: (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.CSV),
    ReportKind.CHANGES: (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.CSV),
}


def documents_folder() -> pathlib.Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = pathlib.Path(found) if found else pathlib.Path(QDir.homePath())
    return folder if folder.is_dir() else pathlib.Path(QDir.homePath())


class ExportFlow(QObject):
    """Save dialog → worker → confirmation or message, for one reports window."""

    busy_changed = Signal(bool)
    done = Signal(object)  # ExportDone
    failed = Signal(str)  # the message shown to the officer
    message = Signal(str)  # a line for the window's status label

    def __init__(self, ctx: DeskContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self.folder: pathlib.Path | None = None  # last folder used, from the vault's settings
        self.busy = False
        self.dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.done_box: QMessageBox | None = None
        ctx.read(voter_ops.store_setting(ops.FOLDER_SETTING), self._folder_loaded, owner=window)

    def _folder_loaded(self, folder: str | None) -> None:
        if folder and pathlib.Path(folder).is_dir():
            self.folder = pathlib.Path(folder)

    # -- the save dialog ----------------------------------------------------------------------
    def save_dialog(self, kind: ReportKind, area: str | None) -> QFileDialog:
        """The dialog for ``kind`` (not shown): Documents or the last folder, a default name."""
        formats = FORMATS[kind]
        folder = self.folder or documents_folder()
        name = default_filename(kind, area, dt.date.today(), formats[0])
        dialog = QFileDialog(self._window, self._title(kind), str(folder / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        # We ask ourselves, after the worker found the file there: one question, not two.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
        filters = [self._filter(fmt) for fmt in formats]
        dialog.setNameFilters(filters)
        dialog.setDefaultSuffix(formats[0].value)
        fit_dialog(dialog)

        def filter_chosen(text: str) -> None:
            fmt = formats[filters.index(text)] if text in filters else formats[0]
            dialog.setDefaultSuffix(fmt.value)
            # Follow the type in the name field, so PDF → Excel does not save "x.pdf" as XLSX.
            current = dialog.selectedFiles()
            if current:
                stem = pathlib.Path(current[0]).stem
                dialog.selectFile(f"{stem}.{fmt.value}")

        dialog.filterSelected.connect(filter_chosen)
        return dialog

    def _title(self, kind: ReportKind) -> str:
        if kind is ReportKind.VOTER_LIST:
            return self.tr("Simpan daftar pemilih (Model A)")
        if kind is ReportKind.CHANGES:
            return self.tr("Simpan daftar perubahan pemilih")
        return self.tr("Simpan rekap hasil coklit")

    def _filter(self, fmt: ExportFormat) -> str:
        if fmt is ExportFormat.PDF:
            return self.tr("PDF untuk dicetak (*.pdf)")
        if fmt is ExportFormat.XLSX:
            return self.tr("Excel (*.xlsx)")
        return self.tr("CSV (*.csv)")

    def start(self, kind: ReportKind, area: str | None) -> None:
        """Ask where to save, then export (the dialog does not block the window)."""
        if self.busy:
            return
        dialog = self.save_dialog(kind, area)
        self.dialog = dialog

        def chosen(path: str) -> None:
            target = pathlib.Path(path)
            if target.suffix.lower().lstrip(".") not in {f.value for f in FORMATS[kind]}:
                target = target.with_name(f"{target.name}.{dialog.defaultSuffix()}")
            self.export_to(kind, area, target)

        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- writing ------------------------------------------------------------------------------
    def export_to(
        self, kind: ReportKind, area: str | None, path: pathlib.Path, *, overwrite: bool = False
    ) -> None:
        """Write the report to ``path`` on the worker; a file already there is only replaced
        with ``overwrite`` (after the officer said so)."""
        self._set_busy(True)
        self.message.emit(self.tr("Menyimpan %1 …").replace("%1", path.name))
        self._ctx.read(
            ops.export(
                kind,
                area,
                path,
                overwrite=overwrite,
                paper=PaperSize.of(self._ctx.settings.paper_size),
            ),
            self._written,
            on_failure=lambda exc: self._refused(exc, kind, area, path),
            owner=self._window,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _written(self, result: ExportDone) -> None:
        self._set_busy(False)
        self.folder = result.path.parent
        self._ctx.read(
            voter_ops.set_store_setting(ops.FOLDER_SETTING, str(result.path.parent)),
            lambda _none: None,
            owner=self._window,
        )
        text = self.done_text(result)
        self.message.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Laporan tersimpan"), text, parent=self._window
        )
        box.addButton(QMessageBox.StandardButton.Ok)
        open_folder = box.addButton(self.tr("Buka folder"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))
        )
        box.finished.connect(box.deleteLater)
        fit_dialog(box)
        self.done_box = box
        box.open()
        self.done.emit(result)

    def done_text(self, result: ExportDone) -> str:
        where = self.tr("Tersimpan di:\n%1").replace("%1", str(result.path))
        if result.kind.personal_data:
            care = self.tr(
                "Berkas ini memuat data pribadi pemilih (NIK, NKK, nama, tanggal lahir, alamat). "
                "Simpan di tempat aman, jangan kirim lewat grup percakapan atau unggah ke tempat "
                "umum, dan hapus bila tidak diperlukan lagi (UU 27/2022 Pelindungan Data Pribadi)."
            )
        else:
            care = self.tr(
                "Rekap ini berisi jumlah pemilih, tanpa NIK atau nama. Angka kecil (misalnya "
                "disabilitas per TPS) dapat mengenali orang: bagikan hanya untuk keperluan KPU."
            )
        return f"{where}\n\n{care}"

    def _refused(
        self, exc: Exception, kind: ReportKind, area: str | None, path: pathlib.Path
    ) -> None:
        self._set_busy(False)
        if isinstance(exc, ExportExists):
            self._ask_replace(kind, area, path)
            return
        if isinstance(exc, NotATps):
            text = self.tr(
                "Daftar pemilih Model A dicetak per TPS. Pilih satu TPS di sebelah kiri."
            )
        elif isinstance(exc, ExportFileInUse):
            text = file_in_use_text(exc)
        elif isinstance(exc, ExportError):
            text = self.tr(
                "Laporan tidak tersimpan di %1. Periksa bahwa folder itu ada, boleh ditulis dan "
                "disk tidak penuh; lalu coba lagi atau pilih folder lain."
            ).replace("%1", str(path))
        else:
            text = error_text(exc)
        self.message.emit(text)
        self.failed.emit(text)

    def _ask_replace(self, kind: ReportKind, area: str | None, path: pathlib.Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Berkas sudah ada"),
            self.tr("Berkas %1 sudah ada di folder itu. Ganti dengan laporan baru?").replace(
                "%1", path.name
            ),
            parent=self._window,
        )
        replace = box.addButton(self.tr("Ganti"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter keeps the officer's earlier file
        box.setEscapeButton(keep)
        fit_dialog(box)

        def answered() -> None:
            if box.clickedButton() is replace:
                self.export_to(kind, area, path, overwrite=True)
            else:
                self.message.emit(
                    self.tr("Tidak disimpan: %1 sudah ada dan tidak diganti.").replace(
                        "%1", path.name
                    )
                )

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

"""After Kirim: the application number, what is still missing, and the receipt (tanda terima) for
the applicant as a PDF. The PDF leaves the encrypted store, so the officer is told where it went
and that it holds personal data."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from desktop_app.reports.receipt import write_receipt
from desktop_app.reports.safe_write import ExportError
from desktop_app.store.application_service import Application
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.paper_choice import PaperChoice
from desktop_app.ui.placement import fit_dialog
from desktop_app.ui.qt import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStandardPaths,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.fields import WARNING_COLOUR, escape
from desktop_app.ui.recruitment.messages import error_text
from lapang_core.domain.findings import Finding, Severity
from lapang_core.domain.recruitment import DOCUMENTS, required_documents


class ReceiptPanel(QFrame):
    new_requested = Signal()
    receipt_written = Signal(object)  # pathlib.Path

    def __init__(self, ctx: DeskContext, areas: AreaLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#receiptPanel { background: #e8f5e9; }")
        self._ctx = ctx
        self._areas = areas
        self.application: Application | None = None
        self.receipt_path: pathlib.Path | None = None
        self.text = QLabel(self)
        self.text.setObjectName("receiptText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QLabel(self)
        self.result.setObjectName("receiptResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setVisible(False)
        self.print_button = QPushButton(self.tr("&Cetak tanda terima…"), self)
        self.print_button.setObjectName("printReceipt")
        self.new_button = QPushButton(self.tr("Pendaftaran &baru"), self)
        self.new_button.setObjectName("newApplication")
        self.paper = PaperChoice(ctx, self)
        # A receipt printed from the demo vault carries the DEMO mark; known once the worker says.
        self.demo = False
        ctx.read(voter_ops.store_setting("demo"), self._demo_loaded, owner=self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.paper)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.choose_path)
        self.new_button.clicked.connect(self.new_requested)

    def _demo_loaded(self, value: str | None) -> None:
        self.demo = value == "1"

    def show_application(
        self,
        application: Application,
        done: object | None,
        text_of: Callable[[Finding], str],
    ) -> None:
        """``done`` is the ops.Submitted that just happened (None when opened from the list)."""
        self.application = application
        applicant = application.applicant
        needed = required_documents(applicant.ex_party_member)
        missing = [d for d in DOCUMENTS if d in needed and str(d) not in applicant.documents]
        lines = [
            "<b>"
            + escape(
                self.tr("Pendaftaran diterima. Nomor pendaftaran: %1").replace(
                    "%1", application.application_no or "—"
                )
            )
            + "</b>",
            escape(
                self.tr("%1 · %2 · %3 Pendaftaran yang sudah dikirim tidak dapat diubah lagi.")
                .replace("%1", wording.body_short(application.body))
                .replace("%2", self._areas.name(application.area_code))
                .replace("%3", wording.delivery_sentence(application.delivery))
            ),
        ]
        if application.stage and (application.stage != "registration" or application.stage_result):
            lines.append(
                "<b>"
                + escape(
                    self.tr("Tahap di KPU: %1 — %2")
                    .replace("%1", wording.stage(application.stage))
                    .replace("%2", wording.stage_result(application.stage_result) or "…")
                )
                + "</b>"
            )
        if missing:
            lines.append(
                f'<span style="color:{WARNING_COLOUR}">'
                + escape(
                    self.tr(
                        "Dokumen belum lengkap (dicatat di tanda terima; pelamar melengkapinya "
                        "sebelum penelitian administrasi): %1"
                    ).replace("%1", ", ".join(wording.document(d) for d in missing))
                )
                + "</span>"
            )
        for warning in getattr(getattr(done, "result", None), "warnings", ()):
            text = f"{wording.field_label(warning.field)}: {text_of(warning)}"
            mark = severity_mark_html(Severity.WARNING)
            lines.append(f'<span style="color:{WARNING_COLOUR}">{mark} {escape(text)}</span>')
        self.text.setText("<br>".join(lines))

    def choose_path(self) -> None:
        if self.application is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # No name or NIK in the file name: folder listings are seen by anyone at the laptop.
        name = f"tanda_terima_{self.application.application_no or 'pendaftaran'}.pdf"
        dialog = QFileDialog(self, self.tr("Simpan tanda terima (PDF)"))
        dialog.setObjectName("receiptFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(folder or str(pathlib.Path.home()))
        dialog.selectFile(name)
        dialog.fileSelected.connect(lambda path: self.write(pathlib.Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        fit_dialog(dialog)
        dialog.open()

    def write(self, path: pathlib.Path) -> None:
        """Write the receipt to ``path`` (the save dialog already asked before replacing)."""
        if self.application is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            # One page through Qt's text engine: a few milliseconds, so on the GUI thread,
            # where Qt's font machinery is certain to be usable.
            written = write_receipt(
                self.application,
                path,
                area_name=self._areas.name(self.application.area_code),
                officer=self._ctx.officer,
                region_names=self._areas.areas.names,
                paper=self.paper.paper,
                demo=self.demo,
                overwrite=True,
            )
        except ExportError as exc:
            self.result.setStyleSheet("color: #c62828; font-weight: bold;")
            self.result.setText(error_text(exc))
            self.result.setVisible(True)
            return
        self.receipt_path = written
        self.result.setStyleSheet("")
        self.result.setText(
            self.tr(
                "Tanda terima disimpan di %1. Berkas ini berisi data pribadi pelamar (nama dan "
                "sebagian NIK) dan tidak terenkripsi: cetak dan serahkan kepada pelamar, lalu "
                "hapus berkasnya atau simpan di tempat yang aman."
            ).replace("%1", str(written))
        )
        self.result.setVisible(True)
        self.receipt_written.emit(written)

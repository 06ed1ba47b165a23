"""TMS (tidak memenuhi syarat): code 1-8, the evidence document seen for that code, its number or
description, and optionally a photo or scan of it. The row is flagged, never deleted.

TMS-8 (wrong TPS within the desa) asks for the right TPS instead: saving flags the row here and
adds the voter as *baru* at that TPS in one transaction (VoterService.tms8_move)."""

from __future__ import annotations

import dataclasses
import pathlib

from desktop_app.store.attachments import MAX_ATTACHMENT_BYTES
from desktop_app.store.voter_service import VoterView
from desktop_app.ui import labels, voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.dialog_parts import ErrorLine, SaveCancel
from desktop_app.ui.file_folders import evidence_folder, remember_evidence_folder
from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.finding_text import finding_text
from desktop_app.ui.messages import error_text
from desktop_app.ui.placement import fit_dialog, keep_on_screen
from desktop_app.ui.qt import (
    QAction,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from lapang_core.domain import voter_changes
from lapang_core.domain.findings import Finding, Severity
from lapang_core.domain.outcomes import TmsCode
from lapang_core.domain.region import InvalidRegionCode, make_tps_id
from lapang_core.domain.tms_record import OtherRecord

ATTACHMENT_SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf")


class TmsDialog(QDialog):
    saved = Signal(object)  # SaveResult, or (SaveResult, SaveResult) for TMS-8

    def __init__(
        self, ctx: DeskContext, voter: VoterView, parent: QWidget | None = None, code: int = 1
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._voter = voter
        self.attachment: pathlib.Path | None = None
        # TMS-2 references looked up in the store: ref -> the records it names (None: asked).
        self._ganda: dict[str, list[OtherRecord] | None] = {}
        self.setWindowTitle(self.tr("Tandai TMS (tidak memenuhi syarat)"))
        self.setObjectName("tmsDialog")

        who = QLabel(f"<b>{_escape(voter.record.nama)}</b> · NIK {voter.record.nik}")
        self.code = QComboBox(self)
        self.code.setObjectName("code")
        for tms in TmsCode:
            # The digit first: typing 1-8 in the list picks the code.
            self.code.addItem(f"{tms.value} — {labels.tms(tms)}", int(tms))
        self.evidence = QComboBox(self)
        self.evidence.setObjectName("evidence")
        self.reference = QLineEdit(self)
        self.reference.setObjectName("reference")
        self.target_tps = QComboBox(self)
        self.target_tps.setObjectName("targetTps")
        self.target_tps.setEditable(True)
        self.target_tps.lineEdit().setPlaceholderText(self.tr("nomor TPS, misalnya 004"))
        self.attach_button = QPushButton(self.tr("&Lampirkan foto/pindaian…"), self)
        attach_action = QAction(self)
        attach_action.setShortcut(QKeySequence("Ctrl+O"))
        attach_action.triggered.connect(self.attach_button.click)
        self.addAction(attach_action)
        self.attach_label = QLabel(self.tr("(tidak wajib)"), self)
        self.attach_label.setObjectName("attachment")

        self.form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        self._add_row("code", self.tr("&Kode TMS:"), self.code)
        self._add_row("evidence", self.tr("&Bukti:"), self.evidence)
        self._add_row("reference", self.tr("&Nomor/keterangan bukti:"), self.reference)
        self._add_row("target", self.tr("TPS t&ujuan:"), self.target_tps)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addWidget(self.attach_label, 1)
        attach_holder = QWidget(self)
        attach_holder.setLayout(attach_row)
        attach_row.setContentsMargins(0, 0, 0, 0)
        self._add_row("attachment", self.tr("Foto bukti:"), attach_holder)

        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setObjectName("findings")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)  # the error icons are images
        self.error = ErrorLine(self)
        self.buttons = SaveCancel(self, self.tr("&Simpan TMS"))

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addStretch(1)  # room the hint lines leave when they hide stays below the form
        layout.addWidget(self.buttons)

        self.code.currentIndexChanged.connect(self._code_changed)
        self.evidence.currentIndexChanged.connect(self._validate)
        self.reference.textChanged.connect(self._validate)
        self.target_tps.currentTextChanged.connect(self._validate)
        self.attach_button.clicked.connect(self._choose_attachment)
        self.buttons.save.clicked.connect(self.save)
        self.buttons.cancel.clicked.connect(self.reject)
        self.code.setCurrentIndex(max(0, min(int(code), 8) - 1))
        self._code_changed()
        self._ctx.read(voter_ops.tps_in_desa(voter.record.kode_desa), self._show_tps, owner=self)
        self.code.setFocus()
        keep_on_screen(self, "tms", QSize(560, self.sizeHint().height()), ctx)

    def _add_row(self, key: str, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        self._labels[key] = label
        self.form.addRow(label, widget)

    def _set_row_visible(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self._labels[key].buddy(), visible)

    # -- code-dependent parts ---------------------------------------------------------------------
    def current_code(self) -> TmsCode:
        return TmsCode(self.code.currentData())

    def _code_changed(self, *_args: object) -> None:
        code = self.current_code()
        moving = code is TmsCode.SALAH_TPS
        self.evidence.blockSignals(True)
        self.evidence.clear()
        for kind in labels.evidence_for(code):
            self.evidence.addItem(labels.evidence(kind), str(kind))
        self.evidence.blockSignals(False)
        for key in ("evidence", "reference", "attachment"):
            self._set_row_visible(key, not moving)
        self._set_row_visible("target", moving)
        if code is TmsCode.GANDA:
            self.reference.setPlaceholderText(self.tr("NIK atau id data lain dari orang yang sama"))
        else:
            self.reference.setPlaceholderText(
                self.tr("nomor surat/dokumen, atau keterangan singkat")
            )
        hints = {
            TmsCode.GANDA: self.tr("Tandai TMS-2 pada data yang ganda; data yang benar tetap."),
            TmsCode.DI_BAWAH_UMUR: self.tr(
                "Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin."
            ),
            TmsCode.PINDAH_DOMISILI: self.tr(
                "Pindah ke luar desa. Pindah TPS di desa yang sama adalah TMS-8."
            ),
            TmsCode.SALAH_TPS: self.tr(
                "Pemilih ditandai TMS-8 di TPS ini dan langsung ditambahkan sebagai pemilih "
                "baru di TPS tujuan."
            ),
        }
        self.hint.setText(hints.get(code, ""))
        self.hint.setVisible(code in hints)
        self._validate()

    def _show_tps(self, tps_ids: list[str]) -> None:
        current = self._voter.record.tps_id
        self.target_tps.blockSignals(True)
        self.target_tps.clear()
        for tps_id in tps_ids:
            if tps_id != current:
                self.target_tps.addItem(tps_id.rsplit(".", 1)[1], tps_id)
        self.target_tps.setCurrentIndex(-1)
        self.target_tps.blockSignals(False)
        self._validate()

    def target_tps_id(self) -> str:
        """The chosen TPS as a full id; the officer may type just the TPS number."""
        text = self.target_tps.currentText().strip()
        index = self.target_tps.findText(text)
        if index >= 0 and self.target_tps.itemData(index):
            return self.target_tps.itemData(index)
        if text.isdigit():
            try:
                return make_tps_id(self._voter.record.kode_desa, int(text))
            except InvalidRegionCode:
                return text
        return text

    # -- attachment -------------------------------------------------------------------------------
    def _choose_attachment(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Pilih foto atau pindaian bukti"), str(evidence_folder(self._ctx))
        )
        dialog.setObjectName("evidenceFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Foto atau pindaian (*.jpg *.jpeg *.png *.pdf)"))
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Pilih"))
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, self.tr("Batal"))
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("Lihat di:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileName, self.tr("Nama berkas:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Jenis berkas:"))
        dialog.fileSelected.connect(self._attachment_chosen)
        fit_dialog(dialog)
        dialog.open()

    def _attachment_chosen(self, path: str) -> None:
        remember_evidence_folder(self._ctx, pathlib.Path(path))
        self.set_attachment(pathlib.Path(path))

    def set_attachment(self, path: pathlib.Path | None) -> None:
        """Accept or refuse a chosen file up front (type, size), so Simpan does not fail later."""
        self.error.show_text("")
        if path is None:
            self.attachment = None
            self.attach_label.setText(self.tr("(tidak wajib)"))
            self._validate()
            return
        problem = None
        if path.suffix.lower() not in ATTACHMENT_SUFFIXES:
            problem = voter_ops.AttachmentProblem(path.name, "type")
        else:
            try:
                size = path.stat().st_size
            except OSError:
                problem = voter_ops.AttachmentProblem(path.name, "read")
            else:
                if size > MAX_ATTACHMENT_BYTES:
                    problem = voter_ops.AttachmentProblem(path.name, "size", size)
                elif size == 0:
                    problem = voter_ops.AttachmentProblem(path.name, "empty")
        if problem is not None:
            self.error.show_text(error_text(problem))
            return
        self.attachment = path
        self.attach_label.setText(path.name)
        self._validate()

    # -- validation and saving --------------------------------------------------------------------
    def _validate(self, *_args: object) -> bool:
        # The rules the store and KPU apply to the same change (domain.voter_changes).
        code, record = self.current_code(), self._voter.record
        change: voter_changes.VoterChange
        if code is TmsCode.SALAH_TPS:
            target = self.target_tps_id()
            change = voter_changes.Tms8Move(target, voter_changes.moved_record(record, target))
        else:
            change = voter_changes.Tms(
                int(code),
                self.evidence.currentData() or "",
                self.reference.text(),
                attached=self.attachment is not None,
                voter_id=self._voter.id,
            )
        rules = dataclasses.replace(self._ctx.rules(), ganda_lookup=self._ganda_lookup)
        result = voter_changes.judge(change, record, rules)
        moving = code is TmsCode.SALAH_TPS
        typed = self.target_tps.currentText() if moving else self.reference.text()
        # What the record contradicts shows at once: the officer must see it before typing.
        contradicted = any(f.code.startswith("tms.under_age") for f in result.errors)
        texts = [self._problem_text(f, moving) for f in result.errors]
        as_errors = bool(typed.strip()) or contradicted
        error, warn = severity_mark_html(Severity.ERROR), severity_mark_html(Severity.WARNING)
        if as_errors:
            lines = [f"{error} {_escape(text)}" for text in texts]
        else:
            # Nothing typed yet is no mistake, but a disabled Simpan must still say why.
            waiting = self.tr("Untuk menyimpan: %1").replace("%1", " ".join(texts))
            lines = [_escape(waiting)] if texts else []
        lines += [f"{warn} {_escape(finding_text(f))}" for f in result.warnings]
        self.problems.setText("".join(f"<div>{line}</div>" for line in lines))
        red = as_errors and bool(texts)
        self.problems.setStyleSheet("color: #c62828;" if red else "color: #555555;")
        self.problems.setVisible(bool(lines))
        self.buttons.save.setEnabled(result.ok)
        self.buttons.save.setToolTip("\n".join(texts))
        return result.ok

    def _ganda_lookup(self, ref: str) -> list[OtherRecord] | None:
        """A TMS-2 reference's records, as VoterService.ganda_matches finds them; looked up in
        the store off the UI thread, so None (not known yet) until the answer comes."""
        if ref not in self._ganda:
            self._ganda[ref] = None
            self._ctx.read(
                voter_ops.ganda_matches(ref), lambda found: self._found(ref, found), owner=self
            )
        return self._ganda[ref]

    def _found(self, ref: str, matches: list[OtherRecord]) -> None:
        self._ganda[ref] = matches
        self._validate()

    def _problem_text(self, finding: Finding, moving: bool) -> str:
        if moving and finding.code == "tms.evidence_ref_missing":
            # TMS-8's "evidence" is the target TPS: the evidence rows are hidden.
            return self.tr("Pilih TPS tujuan di desa yang sama.")
        return finding_text(finding)

    def save(self) -> None:
        if not self._validate():
            return
        self.buttons.save.setEnabled(False)
        self.error.show_text("")
        voter_id = self._voter.id
        if self.current_code() is TmsCode.SALAH_TPS:
            op = voter_ops.tms8_move(voter_id, self.target_tps_id())
            changes = voter_ops.changed_moved
        else:
            op = voter_ops.mark_tms(
                voter_id,
                int(self.current_code()),
                self.evidence.currentData(),
                self.reference.text().strip(),
                self.attachment,
            )
            changes = voter_ops.changed_one
        self._ctx.write(op, changes, self._saved, on_failure=self._failed, owner=self)

    def _saved(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.error.show_text(error_text(exc))
        self._validate()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""One application: body and working area, the applicant's form, and Kirim.

The rules run on the GUI thread as the officer types (the domain check is pure and takes
microseconds). The draft saves itself a second after the last keystroke, on the database worker;
Kirim saves the last state and submits in the same queued operation. Kirim is refused only for
what the store refuses — identity, age, area, education, statements, health values; missing
documents are received and listed on the receipt (ApplicationService)."""

from __future__ import annotations

import pathlib

from desktop_app.store.application_service import Application
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.dialog_parts import ErrorLine
from desktop_app.ui.file_folders import evidence_folder, remember_evidence_folder
from desktop_app.ui.placement import fit_dialog
from desktop_app.ui.qt import (
    QAction,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    Qt,
    QTime,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import checking, ops, wording
from desktop_app.ui.recruitment.applicant_form import ApplicantForm
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.fields import FieldRow, RegionPicker
from desktop_app.ui.recruitment.messages import error_text
from desktop_app.ui.recruitment.receipt_panel import ReceiptPanel
from lapang_core.domain.findings import Finding
from lapang_core.domain.recruitment import AdhocBody, Applicant
from lapang_core.domain.region import RegionLevel

AUTOSAVE_MS = 1000


class ApplicationPage(QWidget):
    back_requested = Signal()
    new_requested = Signal()
    draft_saved = Signal(str)  # application id
    submitted = Signal(object)  # ops.Submitted

    def __init__(
        self,
        ctx: DeskContext,
        setup: ops.Setup,
        application: Application | None = None,
        *,
        body: AdhocBody = AdhocBody.KPPS,
        area_code: str = "",
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applicationPage")
        self._ctx = ctx
        self._setup = setup
        self._areas = AreaLabels(setup.areas)
        self.election_date = setup.election_date
        self.ref = ops.DraftRef(application.id if application else None)
        self.application_id = application.id if application else None
        self.submitted_application: Application | None = None
        self._dirty = False
        self._saving = 0
        self._tried = False
        self._duplicates: tuple[ops.OtherApplication, ...] = ()
        self._duplicates_nik = ""
        self.confirm_box: QMessageBox | None = None  # "Kirim pendaftaran?" while it is asked

        self.body = QComboBox(self)
        self.body.setObjectName("body")
        for item in AdhocBody:
            self.body.addItem(wording.body_label(item), item.name)
        self.area = RegionPicker(self.tr("ketik nama atau kode wilayah"), self)
        self.area.setObjectName("area")
        self.area_row = FieldRow(self.area, parent=self)
        header = QGroupBox(self.tr("Badan yang dilamar"), self)
        header_form = QFormLayout(header)
        body_label = QLabel(self.tr("&Badan ad hoc:"))
        body_label.setBuddy(self.body)
        area_label = QLabel(self.tr("&Wilayah kerja:"))
        area_label.setBuddy(self.area)
        header_form.addRow(body_label, self.body)
        header_form.addRow(area_label, self.area_row)

        self.form = ApplicantForm(setup.election_date, self)
        self.form.set_domicile_items(self._areas.desa_items())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.error = ErrorLine(self)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        self.receipt = ReceiptPanel(ctx, self._areas, self)
        self.receipt.new_requested.connect(self.new_requested)
        self.receipt.setVisible(False)
        self.back_button = QPushButton(self.tr("← Daftar pendaftaran"), self)
        self.back_button.setObjectName("back")
        self.submit_button = QPushButton(self.tr("&Kirim pendaftaran  [Ctrl+Enter]"), self)
        self.submit_button.setObjectName("submit")
        # Not the dialog's default button: Enter in a field must never submit (it moves on to
        # the next field, see ApplicantForm); a submitted form cannot be changed.
        self.submit_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_state, 1)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.receipt)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.save_now)
        for keys, slot in (
            (("Ctrl+Return", "Ctrl+Enter"), self.submit),
            (("Ctrl+S",), self.save_now),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button.clicked.connect(self.submit)
        self.form.edited.connect(self._edited)
        self.form.attach_requested.connect(self.choose_file)
        self.area.code_changed.connect(lambda _c: self._edited("area"))
        self.body.currentIndexChanged.connect(lambda _i: self._body_changed())

        if application is not None:
            body, area_code = application.body, application.area_code
        self.body.blockSignals(True)
        self.body.setCurrentIndex(self.body.findData(body.name))
        self.body.blockSignals(False)
        self._fill_areas(select=area_code)
        if application is not None:
            self.form.set_applicant(application.applicant, application.attachments)
            if application.state != "draft":
                self._show_submitted(application)
        self._show_save_state()
        self.validate()

    # -- what is on the form ----------------------------------------------------------------------
    def current_body(self) -> AdhocBody:
        return AdhocBody[self.body.currentData()]

    def area_code(self) -> str:
        return self.area.code()

    def applicant(self) -> Applicant:
        return self.form.applicant()

    def _body_changed(self) -> None:
        self._fill_areas(select=checking.area_for_body(self.area_code(), self.current_body()))
        self._edited("body")

    def _fill_areas(self, select: str) -> None:
        body = self.current_body()
        self.area.blockSignals(True)
        self.area.set_items(self._areas.items_for(body))
        if select:
            self.area.select_code(select)
        self.area.blockSignals(False)
        if body.level is RegionLevel.TPS and not self._setup.areas.tps:
            self.area_row.set_note(
                self.tr(
                    "Belum ada TPS di laptop ini. Muat daftar pemilih atau data TPS, atau ketik "
                    "kode TPS (kode desa + 3 angka)."
                )
            )
        else:
            self.area_row.set_note(self._areas.seats_note(body, self.area_code()))

    # -- checking ---------------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        """Every finding of the administrative check for what is on screen."""
        applicant = self.applicant()
        state = checking.FormState(
            applicant,
            self.current_body(),
            self.area_code(),
            tuple(self.form.form_findings()),
            bool(self._duplicates) and applicant.nik == self._duplicates_nik,
        )
        return checking.check_form(state, self.election_date, self._setup.rules)

    def _text(self, finding: Finding) -> str:
        detail = ""
        if finding.code == checking.DUPLICATE:
            detail = ", ".join(
                f"{wording.body_short(d.body)} ({wording.state(d.state).lower()}"
                + (f" {d.application_no}" if d.application_no else "")
                + ")"
                for d in self._duplicates
            )
        return wording.finding_text(finding, self.election_date, detail, self._setup.rules)

    def validate(self) -> list[Finding]:
        findings = self.findings()
        self.form.show_findings(findings, self._text, all_=self._tried)
        area_findings = [(f.severity, self._text(f)) for f in findings if f.field == "area"]
        self.area_row.show_findings(
            area_findings if self._tried or "area" in self.form.touched else []
        )
        self._show_summary(findings)
        return findings

    def _show_summary(self, findings: list[Finding]) -> None:
        self.summary.setText(checking.summary_html(findings))
        self.summary.setVisible(self.submitted_application is None)

    # -- drafts -----------------------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        if self.submitted_application is not None:
            return
        if name == "area":
            self.form.touched.add("area")
            self.area_row.set_note(self._areas.seats_note(self.current_body(), self.area_code()))
        self._dirty = True
        self.validate()
        self._show_save_state()
        self._timer.start()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._saving > 0

    def save_now(self) -> None:
        """Queue a save of what is on screen (the autosave timer's slot; also Ctrl+S, leaving
        the form, closing the window and locking the desk)."""
        self._timer.stop()
        if not self._dirty or self.submitted_application is not None:
            return
        applicant = self.applicant()
        if self.application_id is None and not checking.has_content(applicant):
            return  # nothing typed yet: no empty drafts in the list
        self._dirty = False
        self._saving += 1
        self._show_save_state()
        self._ctx.read(
            ops.save_draft(self.ref, applicant, self.current_body(), self.area_code()),
            lambda saved: self._saved(saved, applicant.nik),
            on_failure=self._save_failed,
            owner=self,
        )

    def _saved(self, saved: ops.DraftSaved, nik: str) -> None:
        self._saving -= 1
        self.application_id = saved.application_id
        self._duplicates, self._duplicates_nik = saved.duplicates, nik
        self._show_save_state()
        self.validate()
        if not self.has_unsaved_changes:
            self.draft_saved.emit(saved.application_id)

    def _save_failed(self, exc: Exception) -> None:
        self._saving -= 1
        self._dirty = True
        self.error.show_text(error_text(exc, self.election_date))
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self.submitted_application is not None:
            text = ""
        elif self._saving:
            text = self.tr("Menyimpan draf…")
        elif self._dirty:
            text = self.tr("Perubahan belum tersimpan")
        elif self.application_id is not None:
            text = self.tr("✓ Draf tersimpan %1 — aman bila listrik padam").replace(
                "%1", QTime.currentTime().toString("HH:mm:ss")
            )
        else:
            text = self.tr("Draf tersimpan otomatis saat Anda mengetik.")
        self.save_state.setText(text)

    # -- documents --------------------------------------------------------------------------------
    def choose_file(self, document: str) -> None:
        dialog = QFileDialog(
            self,
            self.tr("Pilih pindaian atau foto: %1").replace("%1", wording.document(document)),
            str(evidence_folder(self._ctx)),
        )
        dialog.setObjectName("documentFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(
            self.tr("Pindaian atau foto (%1)").replace("%1", ops.DOCUMENT_FILE_PATTERNS)
        )
        dialog.fileSelected.connect(lambda path: self._file_chosen(document, pathlib.Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        fit_dialog(dialog)
        dialog.open()

    def _file_chosen(self, document: str, path: pathlib.Path) -> None:
        remember_evidence_folder(self._ctx, path)
        self.attach(document, path)

    def attach(self, document: str, path: pathlib.Path) -> None:
        """Store ``path`` for ``document`` (saving the draft first, so it exists)."""
        if self.submitted_application is not None:
            return
        self._timer.stop()
        self._dirty = False
        self._saving += 1
        self.error.show_text("")
        self._show_save_state()
        applicant = self.applicant()
        self._ctx.read(
            ops.attach_document(
                self.ref, applicant, self.current_body(), self.area_code(), document, path
            ),
            lambda done: self._attached(done, applicant.nik),
            on_failure=self._save_failed,
            owner=self,
        )

    def _attached(self, done: ops.DocumentAttached, nik: str) -> None:
        self.form.documents.set_attached(done.document, done.filename)  # ticks it: saves again
        self._saved(done.saved, nik)

    # -- submitting -------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.submitted_application is not None or not self.submit_button.isEnabled():
            return
        self._tried = True
        blocking = checking.blocking(self.validate())
        if blocking:
            self.error.show_text(
                self.tr("Pendaftaran belum dapat dikirim: betulkan isian bertanda merah.")
            )
            self._focus(blocking[0].field)
            self.save_now()  # keep what was typed
            return
        self.error.show_text("")
        self._confirm_submit()

    def _confirm_submit(self) -> None:
        """A submitted form can never change: ask first, answerable from the keyboard (Enter
        sends, Esc goes back to the form as it was)."""
        if self.confirm_box is not None:
            return
        applicant = self.applicant()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Kirim pendaftaran?"),
            self.tr(
                "Kirim pendaftaran %1 sebagai %2?\n\nSetelah dikirim, isian tidak dapat "
                "diubah lagi. Periksa dulu dengan KTP-el dan berkas pelamar."
            )
            .replace("%1", applicant.nama or "-")
            .replace("%2", wording.body_label(self.current_body())),
            parent=self,
        )
        box.setObjectName("confirmSubmit")
        send = box.addButton(self.tr("&Kirim  [Enter]"), QMessageBox.ButtonRole.AcceptRole)
        send.setObjectName("confirmSend")
        back = box.addButton(self.tr("&Periksa lagi  [Esc]"), QMessageBox.ButtonRole.RejectRole)
        back.setObjectName("confirmBack")
        box.setDefaultButton(send)
        box.setEscapeButton(back)

        def answered(_result: int) -> None:
            self.confirm_box = None
            box.deleteLater()
            if box.clickedButton() is send:
                self._send()

        box.finished.connect(answered)
        self.confirm_box = box
        fit_dialog(box)
        box.open()

    def _send(self) -> None:
        if self.submitted_application is not None or checking.blocking(self.validate()):
            return
        self._timer.stop()
        self._dirty = False
        self.submit_button.setEnabled(False)
        self._set_editable(False)  # nothing typed now could reach the submitted form
        applicant = self.applicant()
        self._ctx.write(
            ops.submit(self.ref, applicant, self.current_body(), self.area_code()),
            lambda _r: VotersChanged(frozenset()),  # no voter changed; the outbox did
            self._submitted,
            on_failure=self._submit_failed,
            owner=self,
        )

    def _submitted(self, done: ops.Submitted) -> None:
        self.application_id = done.application.id
        self._duplicates, self._duplicates_nik = done.duplicates, done.application.applicant.nik
        self._show_submitted(done.application, done)
        self.submitted.emit(done)

    def _submit_failed(self, exc: Exception) -> None:
        self.submit_button.setEnabled(True)
        self._set_editable(True)
        self.error.show_text(error_text(exc, self.election_date))
        self.validate()

    def _show_submitted(self, application: Application, done: ops.Submitted | None = None) -> None:
        self.submitted_application = application
        self._timer.stop()
        self._set_editable(False)
        self.submit_button.setVisible(False)
        self.receipt.show_application(application, done, self._text)
        self.receipt.setVisible(True)
        self._show_save_state()
        self.validate()

    def _set_editable(self, editable: bool) -> None:
        self.form.set_read_only(not editable)
        self.body.setEnabled(editable)
        self.area.setEnabled(editable)

    def _focus(self, field: str) -> None:
        widget = self.area if field == "area" else self.form.fields.get(field)
        if widget is None and field.startswith("statements."):
            widget = self.form.statements.boxes.get(field.removeprefix("statements."))
        if widget is not None:
            widget.setFocus()

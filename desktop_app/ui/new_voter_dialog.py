"""Tambah pemilih baru (Model A-Daftar Potensial Pemilih): a qualified person not on the list.

Validation runs as the officer types (the domain's checks are pure and take microseconds, so they
run on the GUI thread; only the duplicate-NIK look-up goes to the worker). A field's findings
appear once it has been touched, and all of them after a first Simpan. Errors keep the record
from being saved; warnings are shown and the officer may continue."""

from __future__ import annotations

import dataclasses

from desktop_app.store.voter_service import SaveResult, VoterView
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.dialog_parts import ErrorLine, SaveCancel
from desktop_app.ui.messages import error_text
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSize,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.voter_form import VoterForm
from lapang_core.domain import voter_changes
from lapang_core.domain.findings import Finding, Severity, warning
from lapang_core.domain.nik import check_nik
from lapang_core.domain.voter import TNI_POLRI_AKTIF, TNI_POLRI_BERHENTI, VoterRecord

DUPLICATE_NIK = "nik.duplicate"


class NewVoterDialog(QDialog):
    saved = Signal(object)  # SaveResult

    def __init__(
        self,
        ctx: DeskContext,
        tps_choices: list[str],
        default_tps: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._tried_save = False
        self._duplicates: dict[str, list[VoterView]] = {}
        self.setWindowTitle(self.tr("Tambah pemilih baru"))
        self.setObjectName("newVoterDialog")

        intro = QLabel(
            self.tr(
                "Orang yang memenuhi syarat tetapi belum ada di daftar. Semua elemen wajib "
                "diisi dari KTP-el, KK atau biodata."
            )
        )
        intro.setWordWrap(True)
        self.tps = QComboBox(self)
        self.tps.setObjectName("tps")
        for tps_id in tps_choices:
            self.tps.addItem(
                self.tr("TPS %1 (%2)")
                .replace("%1", tps_id.rsplit(".", 1)[1])
                .replace("%2", tps_id),
                tps_id,
            )
        if default_tps and default_tps in tps_choices:
            self.tps.setCurrentIndex(tps_choices.index(default_tps))
        tps_row = QFormLayout()
        tps_label = QLabel(self.tr("&TPS:"))
        tps_label.setBuddy(self.tps)
        tps_row.addRow(tps_label, self.tps)

        self.form = VoterForm(new_voter=True, election_date=ctx.election_date, parent=self)
        self.status_box = self._status_box()
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.form)
        holder_layout.addWidget(self.status_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.error = ErrorLine(self)
        self.buttons = SaveCancel(self)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(tps_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.save.clicked.connect(self.save)
        self.buttons.cancel.clicked.connect(self.reject)
        self.form.edited.connect(self._edited)
        self.tps.currentIndexChanged.connect(lambda _i: self.validate())
        self.validate()
        self.form.fields["nkk"].setFocus()
        keep_on_screen(self, "new_voter", QSize(660, 640), ctx)

    def _status_box(self) -> QGroupBox:
        """The eligibility conditions no Model A element carries (domain note §4), and the SK
        pemberhentian a person who left TNI/Polri is added with (note §3, Baru)."""
        box = QGroupBox(self.tr("Syarat lain"), self)
        self.tni_polri = QComboBox(box)
        self.tni_polri.setObjectName("statusTniPolri")
        self.tni_polri.addItem(self.tr("Bukan anggota TNI/Polri"), "")
        self.tni_polri.addItem(
            self.tr("Sudah berhenti dari TNI/Polri (SK pemberhentian)"), TNI_POLRI_BERHENTI
        )
        self.tni_polri.addItem(self.tr("Anggota TNI/Polri aktif"), TNI_POLRI_AKTIF)
        self.sk = QLineEdit(box)
        self.sk.setObjectName("skPemberhentian")
        self.sk.setPlaceholderText(self.tr("nomor SK pemberhentian"))
        self.dicabut = QCheckBox(self.tr("Hak pilih &dicabut oleh putusan pengadilan"), box)
        self.dicabut.setObjectName("hakPilihDicabut")
        form = QFormLayout(box)
        tni_label = QLabel(self.tr("TNI/&Polri:"), box)
        tni_label.setBuddy(self.tni_polri)
        sk_label = QLabel(self.tr("Nomor S&K:"), box)
        sk_label.setBuddy(self.sk)
        form.addRow(tni_label, self.tni_polri)
        form.addRow(sk_label, self.sk)
        form.addRow("", self.dicabut)
        self.tni_polri.currentIndexChanged.connect(lambda _i: self._status_edited())
        self.sk.textEdited.connect(lambda _t: self._status_edited())
        self.dicabut.toggled.connect(lambda _c: self._status_edited())
        self.sk.setEnabled(False)
        return box

    def _status_edited(self) -> None:
        self.sk.setEnabled(self.tni_polri.currentData() == TNI_POLRI_BERHENTI)
        self.form.touched.update({"status_tni_polri", "sk_pemberhentian", "hak_pilih_dicabut"})
        self.validate()

    def record(self) -> VoterRecord:
        """The new voter as typed, with the conditions of the Syarat lain box."""
        berhenti = self.tni_polri.currentData() == TNI_POLRI_BERHENTI
        return dataclasses.replace(
            self.form.record(self.tps.currentData() or ""),
            status_tni_polri=self.tni_polri.currentData() or "",
            sk_pemberhentian=self.sk.text().strip() if berhenti else "",
            hak_pilih_dicabut=self.dicabut.isChecked(),
        )

    # -- validation -------------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        # The rules the store and KPU apply to the same change, Syarat lain included.
        change = voter_changes.Baru(self.record())
        findings = list(voter_changes.judge(change, None, self._ctx.rules()).findings)
        nik = self.form.value("nik")
        if self._duplicates.get(nik):
            findings.append(
                warning(
                    DUPLICATE_NIK,
                    "nik",
                    "This NIK is already on the list; if it is the same "
                    "person, mark the other row TMS-2 (ganda).",
                )
            )
        return findings

    def validate(self) -> bool:
        findings = self.findings()
        self.form.show_findings(findings, only_touched=not self._tried_save)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        warnings = [f for f in findings if f.severity is Severity.WARNING]
        if errors:
            self.summary.setText(self.tr("%n isian belum benar atau belum diisi.", "", len(errors)))
            self.summary.setStyleSheet("color: #c62828;")
        elif warnings:
            self.summary.setText(
                self.tr(
                    "Ada %n peringatan. Periksa, lalu Simpan bila data sudah benar.",
                    "",
                    len(warnings),
                )
            )
            self.summary.setStyleSheet("color: #8a6100;")
        else:
            self.summary.setText(self.tr("Semua isian lengkap."))
            self.summary.setStyleSheet("color: #2e7d32;")
        self.buttons.save.setEnabled(not errors or not self._tried_save)
        return not errors

    def _edited(self, name: str) -> None:
        if name == "nik":
            self._look_up_nik(self.form.value("nik"))
        self.validate()

    def _look_up_nik(self, nik: str) -> None:
        if nik in self._duplicates or not check_nik(nik).ok:
            return
        self._duplicates[nik] = []

        def found(voters: list[VoterView]) -> None:
            # A voter already flagged TMS is no duplicate of a new registration.
            self._duplicates[nik] = [v for v in voters if not v.record.keterangan.isdigit()]
            self.validate()

        self._ctx.read(voter_ops.find_by_nik(nik), found, owner=self)

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        self._tried_save = True
        if not self.validate():
            return
        self.buttons.save.setEnabled(False)
        self.error.show_text("")
        record = self.record()
        self._ctx.write(
            voter_ops.add_baru(record),
            voter_ops.changed_added,
            self._saved,
            on_failure=self._failed,
            owner=self,
        )

    def _saved(self, result: SaveResult) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.error.show_text(error_text(exc))
        self.validate()

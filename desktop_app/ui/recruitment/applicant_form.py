"""The applicant's part of the registration form: identity, the statements of the surat
pernyataan, the health values and the document checklist. It knows nothing of the store: it
turns what was typed into an ``Applicant`` and shows findings next to the fields they concern.

The NIK field says what the NIK encodes (birth date, sex) as the officer types, and the date of
birth field says the age on election day, the day the rules count it on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop_app.ui import labels
from desktop_app.ui.date_field import InvalidDateText, date_edit, parse_date
from desktop_app.ui.dialog_parts import chain_tab_order
from desktop_app.ui.nik_fill import FillFromNik, NikReading, read_nik
from desktop_app.ui.qt import (
    QComboBox,
    QFont,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.documents_section import DocumentsSection
from desktop_app.ui.recruitment.fields import (
    FieldRow,
    RegionPicker,
    line_edit,
)
from desktop_app.ui.recruitment.statements_section import StatementsSection
from lapang_core.domain.eligibility import age_on
from lapang_core.domain.findings import Finding, Severity, error
from lapang_core.domain.recruitment import Applicant, Document, HealthValues, Pendidikan

IDENTITY = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat_ktp",
    "domisili_kode",
    "pendidikan",
    "pekerjaan",
    "telepon",
    "email",
)
HEALTH = ("sistolik", "diastolik", "gula_darah", "kolesterol")
_HEALTH_UNITS = {
    "sistolik": "mmHg",
    "diastolik": "mmHg",
    "gula_darah": "mg/dL",
    "kolesterol": "mg/dL",
}


class ApplicantForm(QWidget):
    edited = Signal(str)  # field name
    attach_requested = Signal(str)  # document

    def __init__(self, election_date: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._election_date = election_date
        self.touched: set[str] = set()
        self.rows: dict[str, FieldRow] = {}
        self.fields: dict[str, QWidget] = {}

        identity = QGroupBox(self.tr("Identitas pelamar (sesuai KTP-el)"), self)
        form = QFormLayout(identity)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        editors: dict[str, QWidget] = {
            "nik": line_edit("[0-9]{0,16}", self.tr("16 angka dari KTP-el")),
            "nama": line_edit(),
            "tempat_lahir": line_edit(),
            "tanggal_lahir": date_edit(self.tr("HH-BB-TTTT")),
            "jenis_kelamin": self._combo(
                labels.JENIS_KELAMIN, lambda v: labels.choice(labels.JENIS_KELAMIN, v)
            ),
            "alamat_ktp": line_edit(placeholder=self.tr("jalan/dusun, RT/RW")),
            "domisili_kode": RegionPicker(self.tr("ketik nama atau kode desa/kelurahan")),
            "pendidikan": self._combo(
                {p.value: p for p in Pendidikan}, lambda v: wording.pendidikan(Pendidikan(v))
            ),
            "pekerjaan": line_edit(),
            "telepon": line_edit("[0-9 +-]{0,20}", self.tr("08…")),
            "email": line_edit(placeholder=self.tr("tidak wajib")),
        }
        editors["nik"].setFont(QFont("monospace"))
        self.fill_from_nik = FillFromNik(
            editors["tanggal_lahir"], editors["jenis_kelamin"], parent=self
        )
        self.fill_from_nik.filled.connect(self._filled_from_nik)
        for name in IDENTITY:
            editor = editors[name]
            editor.setObjectName(name)
            editor.setAccessibleName(wording.field_label(name))
            beside = [self.fill_from_nik] if name == "nik" else []
            row = FieldRow(editor, beside=beside, parent=self)
            label = QLabel(wording.field_label(name) + ":")
            label.setBuddy(editor)
            form.addRow(label, row)
            self.rows[name] = row
            self.fields[name] = editor
            self._connect(name, editor)
        # The NIK's note and both rows' findings change with every keystroke there.
        self.rows["nik"].reserve(note_lines=2, message_lines=1)
        self.rows["tanggal_lahir"].reserve(note_lines=1, message_lines=1)
        self.rows["domisili_kode"].set_note(
            self.tr("Pelamar harus tinggal di wilayah kerja badan yang dilamar.")
        )

        self.statements = StatementsSection(self)
        self.statements.toggled.connect(self._statement_toggled)
        self.fields["tanggal_keluar_partai"] = self.statements.party_left
        self.rows["tanggal_keluar_partai"] = self.statements.party_row
        self._connect("tanggal_keluar_partai", self.statements.party_left)

        health = QGroupBox(self.tr("Hasil pemeriksaan kesehatan (dari surat keterangan sehat)"))
        health_form = QFormLayout(health)
        for name in HEALTH:
            key = f"kesehatan.{name}"
            editor = line_edit("[0-9]{0,3}")
            editor.setObjectName(name)
            editor.setMaximumWidth(70)
            editor.setAccessibleName(wording.field_label(key))
            self.fields[key] = editor
            self._connect(key, editor)
        # Blood pressure as on the certificate, "120 / 80 mmHg": one row, two values.
        pressure = FieldRow(
            self.fields["kesehatan.sistolik"],
            beside=[QLabel("/"), self.fields["kesehatan.diastolik"], QLabel("mmHg")],
            stretch=False,
            parent=self,
        )
        rows = [(self.tr("Tekanan darah:"), pressure, ("sistolik", "diastolik"))]
        for name in ("gula_darah", "kolesterol"):
            row = FieldRow(
                self.fields[f"kesehatan.{name}"],
                beside=[QLabel(_HEALTH_UNITS[name])],
                stretch=False,
                parent=self,
            )
            rows.append((wording.field_label(f"kesehatan.{name}") + ":", row, (name,)))
        for text, row, names in rows:
            label = QLabel(text)
            label.setBuddy(row.editor)
            health_form.addRow(label, row)
            for name in names:
                self.rows[f"kesehatan.{name}"] = row

        self.documents = DocumentsSection(self)
        self.documents.toggled.connect(lambda key: self._touch(f"documents.{key}"))
        self.documents.attach_requested.connect(self.attach_requested)
        # "Centang semua" says the surat pernyataan is signed: the letter is then in hand too.
        self.statements.all_statements.clicked.connect(
            lambda: self.documents.received[str(Document.SURAT_PERNYATAAN)].setChecked(True)
        )

        left = QVBoxLayout()
        left.addWidget(identity)
        left.addWidget(health)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.statements)
        right.addWidget(self.documents)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

        self.fields["nik"].textChanged.connect(lambda _t: self._show_nik_note())
        self.fields["tanggal_lahir"].textChanged.connect(lambda _t: self._show_age_note())
        # "Isi dari NIK" is offered only while the date of birth or the sex is still empty.
        self.fields["tanggal_lahir"].textChanged.connect(lambda _t: self._show_nik_note())
        self.fields["jenis_kelamin"].currentIndexChanged.connect(lambda _i: self._show_nik_note())
        self._show_nik_note()
        self._show_age_note()
        # Column by column, each top to bottom, as the form is read.
        chain_tab_order(
            [
                self.fields["nik"],
                self.fill_from_nik,
                *(self.fields[name] for name in IDENTITY[1:]),
                *(self.fields[f"kesehatan.{name}"] for name in HEALTH),
                *self.statements.tab_chain(),
                *self.documents.tab_chain(),
            ]
        )

    def _combo(self, table: dict, text_of) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem("", "")
        for value in table:
            combo.addItem(text_of(value), value)
        return combo

    def _connect(self, name: str, widget: QWidget) -> None:
        if isinstance(widget, RegionPicker):
            widget.code_changed.connect(lambda _c: self._touch(name))
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t: self._touch(name))
            # Enter goes on to the next field, as officers used to paper forms expect.
            widget.returnPressed.connect(self.focusNextChild)
        else:
            widget.currentIndexChanged.connect(lambda _i: self._touch(name))

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self.edited.emit(name)

    def _statement_toggled(self, name: str) -> None:
        if name == "ex_party_member":
            self.documents.set_ex_party_member(self.statements.ex_party.isChecked())
        self._touch(name)

    # -- values -----------------------------------------------------------------------------------
    def text(self, name: str) -> str:
        widget = self.fields[name]
        if isinstance(widget, RegionPicker):
            return widget.code()
        if isinstance(widget, QComboBox):
            return widget.currentData() or ""
        return widget.text().strip()

    def birth_date(self) -> dt.date | InvalidDateText | None:
        return parse_date(self.text("tanggal_lahir"))

    def party_left_date(self) -> dt.date | InvalidDateText | None:
        if not self.statements.ex_party.isChecked():
            return None
        return parse_date(self.text("tanggal_keluar_partai"))

    def applicant(self) -> Applicant:
        born = self.birth_date()
        left = self.party_left_date()

        def number(name: str) -> int | None:
            text = self.text(f"kesehatan.{name}")
            return int(text) if text.isdigit() else None

        return Applicant(
            nik=self.text("nik"),
            nama=self.text("nama"),
            tempat_lahir=self.text("tempat_lahir"),
            tanggal_lahir=born if isinstance(born, dt.date) else None,
            jenis_kelamin=self.text("jenis_kelamin"),
            alamat_ktp=self.text("alamat_ktp"),
            domisili_kode=self.text("domisili_kode"),
            pendidikan=self.text("pendidikan"),
            pekerjaan=self.text("pekerjaan"),
            telepon=self.text("telepon"),
            email=self.text("email"),
            statements=self.statements.values(),
            kesehatan=HealthValues(*(number(n) for n in HEALTH)),
            ex_party_member=self.statements.ex_party.isChecked(),
            documents=self.documents.documents(),
            tanggal_keluar_partai=left if isinstance(left, dt.date) else None,
        )

    def form_findings(self) -> list[Finding]:
        """What only the form can see: a typed date that is no date."""
        found = []
        if isinstance(self.birth_date(), InvalidDateText):
            found.append(
                error("tanggal_lahir.invalid", "tanggal_lahir", "Not a date (DD-MM-YYYY).")
            )
        if isinstance(self.party_left_date(), InvalidDateText):
            found.append(
                error(
                    "tanggal_keluar_partai.invalid",
                    "tanggal_keluar_partai",
                    "Not a date (DD-MM-YYYY).",
                )
            )
        return found

    def set_applicant(self, applicant: Applicant, attachments: dict[str, str]) -> None:
        """Show a saved draft; fields already filled count as touched (their findings show)."""
        self.blockSignals(True)
        try:
            for name in IDENTITY:
                widget = self.fields[name]
                value = getattr(applicant, name)
                if name == "tanggal_lahir":
                    value = wording.format_date(value)
                if isinstance(widget, RegionPicker):
                    widget.select_code(value)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(widget.findData(value), 0))
                else:
                    widget.setText(value)
                if value:
                    self.touched.add(name)
            for name in HEALTH:
                value = getattr(applicant.kesehatan, name)
                self.fields[f"kesehatan.{name}"].setText("" if value is None else str(value))
                if value is not None:
                    self.touched.add(f"kesehatan.{name}")
            self.statements.set_values(applicant.statements, applicant.ex_party_member)
            left = applicant.tanggal_keluar_partai
            self.statements.party_left.setText(wording.format_date(left) if left else "")
            if left:
                self.touched.add("tanggal_keluar_partai")
            self.documents.set_ex_party_member(applicant.ex_party_member)
            self.documents.set_documents(set(applicant.documents), attachments)
        finally:
            self.blockSignals(False)
        self._show_nik_note()
        self._show_age_note()

    def set_domicile_items(self, items: list[tuple[str, str]]) -> None:
        picker = self.fields["domisili_kode"]
        picker.blockSignals(True)
        picker.set_items(items)
        picker.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        for row in set(self.rows.values()):
            row.set_read_only(read_only)
        self.statements.set_read_only(read_only)
        if read_only:
            self.fill_from_nik.setVisible(False)
        self.documents.set_read_only(read_only)

    # -- findings ---------------------------------------------------------------------------------
    def show_findings(
        self, findings: list[Finding], text_of: Callable[[Finding], str], *, all_: bool
    ) -> None:
        """Put each finding, worded by ``text_of``, next to its field. Until ``all_`` (the first
        Kirim), only fields the officer has touched show theirs."""

        def shown(f: Finding) -> bool:
            return all_ or f.field in self.touched

        per_row: dict[FieldRow, list[tuple[Severity, str]]] = {}
        worst: dict[QWidget, Severity] = {}
        for finding in findings:
            row = self.rows.get(finding.field)
            if row is None or not shown(finding):
                continue
            text = text_of(finding)
            if len(row.editors) > 1:  # a row holding two values says which one it means
                text = f"{wording.field_label(finding.field)}: {text}"
            per_row.setdefault(row, []).append((finding.severity, text))
            editor = self.fields[finding.field]
            if worst.get(editor) is not Severity.ERROR:
                worst[editor] = finding.severity
        for row in set(self.rows.values()):
            row.show_findings(per_row.get(row, []), worst)
        missing_statements = {
            f.field.removeprefix("statements.") for f in findings if f.code == "statement.missing"
        }
        statements_shown = all_ or any(t.startswith("statements.") for t in self.touched)
        self.statements.show_missing(missing_statements, statements_shown)
        self.documents.show_missing(
            {f.field.removeprefix("documents.") for f in findings if f.code == "document.missing"}
        )

    # -- hints ------------------------------------------------------------------------------------
    def _nik_reading(self) -> NikReading | None:
        """What the NIK says, with only the birth dates that make an adult applicant."""
        election = self._election_date
        return read_nik(
            self.text("nik"), election, lambda born: 17 <= age_on(born, election) <= 100
        )

    def _show_nik_note(self) -> None:
        row = self.rows["nik"]
        text = self.text("nik")
        editable = not self.fields["nik"].isReadOnly()
        if len(text) < 16:
            self.fill_from_nik.offer(None, editable)
            row.set_note(
                self.tr(
                    "NIK memuat tanggal lahir dan jenis kelamin (tanggal + 40 untuk perempuan); "
                    "isinya tampil di sini untuk dicocokkan."
                )
            )
            return
        reading = self._nik_reading()
        self.fill_from_nik.offer(reading, editable)
        if reading is None:
            row.set_note("")
            return
        born = self.tr(" atau ").join(wording.format_date(d) for d in reading.dates) or self.tr(
            "(tanggal tidak wajar untuk pelamar)"
        )
        row.set_note(
            self.tr("Menurut NIK: lahir %1 · %2")
            .replace("%1", born)
            .replace("%2", labels.choice(labels.JENIS_KELAMIN, reading.jenis_kelamin))
        )

    def _filled_from_nik(self, names: list[str]) -> None:
        for name in names:
            self._touch(name)
        self._show_nik_note()

    def _show_age_note(self) -> None:
        born = self.birth_date()
        row = self.rows["tanggal_lahir"]
        if not isinstance(born, dt.date):
            row.set_note(
                self.tr("Usia dihitung pada hari pemungutan suara, %1.").replace(
                    "%1", wording.format_date(self._election_date)
                )
            )
            return
        row.set_note(
            self.tr("Usia pada hari pemungutan suara (%1): %2 tahun")
            .replace("%1", wording.format_date(self._election_date))
            .replace("%2", str(age_on(born, self._election_date)))
        )

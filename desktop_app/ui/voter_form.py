"""The voter's elements as editable fields, in the paper form's order (Model A-Daftar Pemilih),
shared by the Ubah and Tambah pemilih baru dialogs. The NIK field shows the birth date and sex the
NIK encodes as the officer types; fields carrying a finding get a coloured frame and the findings
are listed under the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.ui import labels
from desktop_app.ui.date_field import date_edit, format_date, parse_date
from desktop_app.ui.dialog_parts import chain_tab_order
from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.finding_text import finding_text
from desktop_app.ui.nik_fill import FillFromNik, NikReading, read_nik
from desktop_app.ui.qt import (
    QComboBox,
    QFont,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRegularExpression,
    QRegularExpressionValidator,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from lapang_core.domain.findings import Finding, Severity
from lapang_core.domain.voter import ELEMENTS, VoterRecord

_DIGITS_16 = QRegularExpression("[0-9]{0,16}")
_DIGITS_3 = QRegularExpression("[0-9]{0,3}")
ERROR_STYLE = "border: 2px solid #c62828;"
WARNING_STYLE = "border: 2px solid #e6a100;"


def _combo(table: dict, *, blank: bool, code_first: bool = True) -> QComboBox:
    combo = QComboBox()
    if blank:
        combo.addItem("", "")
    for value, _text in table.items():
        label = labels.choice(table, value)
        combo.addItem(f"{value} — {label}" if code_first else label, value)
    return combo


class VoterForm(QWidget):
    """Edits the 12 elements. ``values()`` returns them typed as VoterRecord holds them."""

    edited = Signal(str)  # element name

    def __init__(self, *, new_voter: bool, election_date: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self._election_date = election_date
        self._originals: dict[str, Any] = {}
        self.touched: set[str] = set()
        self.fields: dict[str, QWidget] = {}
        self.original_labels: dict[str, QLabel] = {}

        def line(regex: QRegularExpression | None = None, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            if regex is not None:
                edit.setValidator(QRegularExpressionValidator(regex, edit))
            edit.setPlaceholderText(placeholder)
            return edit

        self.fields["nkk"] = line(_DIGITS_16, self.tr("16 angka dari KK"))
        self.fields["nik"] = line(_DIGITS_16, self.tr("16 angka dari KTP-el"))
        self.fields["nama"] = line()
        self.fields["tempat_lahir"] = line()
        self.fields["tanggal_lahir"] = date_edit(self.tr("HH-BB-TTTT"))
        self.fields["status_perkawinan"] = _combo(labels.STATUS_PERKAWINAN, blank=new_voter)
        self.fields["jenis_kelamin"] = _combo(labels.JENIS_KELAMIN, blank=new_voter)
        self.fields["alamat"] = line()
        self.fields["rt"] = line(_DIGITS_3)
        self.fields["rw"] = line(_DIGITS_3)
        self.fields["disabilitas"] = _combo(labels.DISABILITAS, blank=False)
        self.fields["status_ktp_el"] = _combo(labels.STATUS_KTP_EL, blank=new_voter)
        for edit in (self.fields["nkk"], self.fields["nik"]):
            edit.setFont(QFont("monospace"))

        self.nik_info = QLabel()
        self.nik_info.setObjectName("nikInfo")
        self.nik_info.setWordWrap(True)
        self._new_voter = new_voter
        self.fill_from_nik = FillFromNik(
            self.fields["tanggal_lahir"], self.fields["jenis_kelamin"], parent=self
        )
        self.fill_from_nik.filled.connect(self._filled_from_nik)
        nik_row = QHBoxLayout()
        nik_row.addWidget(self.nik_info, 1)
        nik_row.addWidget(self.fill_from_nik)
        self.findings_label = QLabel()
        self.findings_label.setObjectName("findings")
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in ELEMENTS:
            widget = self.fields[name]
            widget.setObjectName(name)
            widget.setAccessibleName(labels.element(name))
            original = QLabel()
            original.setObjectName(f"original_{name}")
            original.setVisible(False)
            self.original_labels[name] = original
            row = QHBoxLayout()
            row.addWidget(widget, 3)
            row.addWidget(original, 2)
            label = QLabel(labels.element(name) + ":")
            label.setBuddy(widget)
            form.addRow(label, row)
            if name == "nik":
                form.addRow("", nik_row)
            self._connect(name, widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.findings_label)
        layout.addStretch(1)
        # Tab order follows the paper form (set once the fields belong to this window).
        order = [self.fields[name] for name in ELEMENTS]
        order.insert(ELEMENTS.index("nik") + 1, self.fill_from_nik)
        chain_tab_order(order)
        self.fields["nik"].textChanged.connect(self._show_nik_info)
        self._show_nik_info("")

    def _connect(self, name: str, widget: QWidget) -> None:
        def changed(*_args: object) -> None:
            self.touched.add(name)
            self.edited.emit(name)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(changed)
        else:
            widget.currentIndexChanged.connect(changed)

    # -- values -----------------------------------------------------------------------------------
    def set_record(self, record: VoterRecord) -> None:
        for name in ELEMENTS:
            self._set(name, getattr(record, name))
        self.touched.clear()

    def _set(self, name: str, value: Any) -> None:
        widget = self.fields[name]
        widget.blockSignals(True)
        try:
            if isinstance(widget, QLineEdit):
                widget.setText(format_date(value) if name == "tanggal_lahir" else str(value or ""))
            else:
                index = widget.findData(value)
                widget.setCurrentIndex(max(index, 0))
        finally:
            widget.blockSignals(False)
        if name == "nik":
            self._show_nik_info(widget.text())

    def value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        text = widget.text().strip()
        if name == "tanggal_lahir":
            return parse_date(text)
        if name in ("rt", "rw") and text.isdigit():
            return text.zfill(3)  # lists write RT/RW with three digits: 1 -> 001
        return text

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in ELEMENTS}

    def record(self, tps_id: str) -> VoterRecord:
        return VoterRecord(**self.values(), tps_id=tps_id)

    def changes_from(self, record: VoterRecord) -> dict[str, Any]:
        """The elements whose value differs from ``record`` (for an ubah)."""
        changes = {}
        for name, value in self.values().items():
            current = getattr(record, name)
            if isinstance(value, str) and isinstance(current, str):
                if value.strip() != current.strip():
                    changes[name] = value
            elif value != current:
                changes[name] = value
        return changes

    def show_originals(self, record: VoterRecord, original_values: dict[str, Any]) -> None:
        """Beside each field: the value before the first correction (struck out, as on paper)."""
        for name in ELEMENTS:
            label = self.original_labels[name]
            if name in original_values:
                shown = original_values[name]
                if name == "tanggal_lahir" and shown:
                    shown = format_date(dt.date.fromisoformat(shown))
                label.setText(self.tr("semula: <s>%1</s>").replace("%1", _escape(str(shown))))
                label.setToolTip(self.tr("Nilai di daftar sebelum diubah pertama kali"))
                label.setVisible(True)
            else:
                label.setVisible(False)

    # -- findings ---------------------------------------------------------------------------------
    def show_findings(self, findings: list[Finding], *, only_touched: bool) -> None:
        """Frame the fields that carry a finding and list the findings (errors first)."""
        shown = [f for f in findings if not only_touched or f.field in self.touched or not f.field]
        worst: dict[str, Severity] = {}
        for finding in shown:
            if finding.severity is Severity.ERROR or finding.field not in worst:
                worst[finding.field] = finding.severity
        for name, widget in self.fields.items():
            severity = worst.get(name)
            if severity is Severity.ERROR:
                widget.setStyleSheet(ERROR_STYLE)
            elif severity is Severity.WARNING:
                widget.setStyleSheet(WARNING_STYLE)
            else:
                widget.setStyleSheet("")
        lines = []
        for finding in sorted(shown, key=lambda f: f.severity is not Severity.ERROR):
            mark = severity_mark_html(finding.severity)
            label = labels.element(finding.field) + ": " if finding.field in self.fields else ""
            colour = "#c62828" if finding.severity is Severity.ERROR else "#8a6100"
            lines.append(
                f'<div style="color:{colour}">{mark} {_escape(label)}'
                f"{_escape(finding_text(finding))}</div>"
            )
        self.findings_label.setText("".join(lines))
        self.findings_label.setVisible(bool(lines))

    def _nik_reading(self, text: str) -> NikReading | None:
        today = dt.date.today()
        # Readings that make a living person (0-110 years old today), else every reading.
        reading = read_nik(text, today, lambda born: today.year - born.year <= 110)
        if reading is not None and not reading.dates:
            reading = read_nik(text, today, lambda _born: True)
        return reading

    def _show_nik_info(self, text: str) -> None:
        text = text.strip()
        if len(text) < 16:
            self.fill_from_nik.offer(None, self._new_voter)
            self.nik_info.setText(
                self.tr(
                    "Ketik 16 angka NIK: tanggal lahir dan jenis kelamin yang dikandungnya "
                    "tampil di sini."
                )
            )
            return
        reading = self._nik_reading(text)
        # Only a new voter is filled from the NIK: an ubah corrects values already on the list.
        self.fill_from_nik.offer(reading, self._new_voter)
        if reading is None:
            self.nik_info.setText(self.tr("NIK ini tidak sah; lihat pesan di bawah."))
            return
        born = self.tr(" atau ").join(format_date(d) for d in reading.dates) or "?"
        sex = labels.choice(labels.JENIS_KELAMIN, reading.jenis_kelamin)
        self.nik_info.setText(
            self.tr("Menurut NIK: lahir %1 · %2 · kecamatan asal %3")
            .replace("%1", born)
            .replace("%2", sex)
            .replace("%3", reading.kode_kecamatan)
        )

    def _filled_from_nik(self, names: list[str]) -> None:
        for name in names:
            self.touched.add(name)
            self.edited.emit(name)
        self._show_nik_info(self.fields["nik"].text())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

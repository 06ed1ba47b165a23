"""The selected voter: every element in the paper form's order, the value from before any
correction struck out beside it, the outcome recorded so far, and what the checks found (NIK
disagreements, missing elements, under-age on election day). The four outcome buttons are the
desk's actions, so a click and a shortcut do the same thing."""

from __future__ import annotations

import datetime as dt

from desktop_app.store.voter_service import VoterView
from desktop_app.ui import labels
from desktop_app.ui.finding_list import FindingList
from desktop_app.ui.qt import (
    QAction,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from desktop_app.ui.voter_form import format_date
from lapang_core.domain.eligibility import (
    birth_date_findings,
    check_voter_eligibility,
    status_findings,
)
from lapang_core.domain.findings import Finding
from lapang_core.domain.voter import ELEMENTS, TNI_POLRI_AKTIF, validate_record


def element_text(name: str, value: object) -> str:
    """An element's value as the officer reads it (codes with their meaning)."""
    if value is None or value == "":
        return "—"
    if name == "tanggal_lahir":
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return format_date(value)
    if name == "status_perkawinan":
        return f"{value} — {labels.choice(labels.STATUS_PERKAWINAN, value)}"
    if name == "jenis_kelamin":
        return f"{value} — {labels.choice(labels.JENIS_KELAMIN, value)}"
    if name == "disabilitas":
        return f"{value} — {labels.choice(labels.DISABILITAS, int(value))}"
    if name == "status_ktp_el":
        return f"{value} — {labels.choice(labels.STATUS_KTP_EL, value)}"
    return str(value)


def local_time(iso_utc: str) -> str:
    """The store keeps UTC ('2029-01-05T03:04:05.000Z'); the officer reads local time."""
    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


def voter_findings(voter: VoterView, election_date: dt.date) -> list[Finding]:
    """What the officer should look at on this row (pure domain checks, no database)."""
    record = voter.record
    findings = list(validate_record(record).findings)
    if record.tanggal_lahir is not None and record.status_perkawinan in ("B", "S", "P"):
        findings += check_voter_eligibility(
            record.tanggal_lahir,
            record.status_perkawinan,
            election_date,
            hak_pilih_dicabut=record.hak_pilih_dicabut,
            tni_polri_aktif=record.status_tni_polri == TNI_POLRI_AKTIF,
        ).findings
    else:
        # Without a usable age input the other conditions still hold (note §4).
        findings += status_findings(
            hak_pilih_dicabut=record.hak_pilih_dicabut,
            tni_polri_aktif=record.status_tni_polri == TNI_POLRI_AKTIF,
        )
        if record.tanggal_lahir is not None:
            findings += birth_date_findings(record.tanggal_lahir, None)
    return findings


class VoterDetailPanel(QWidget):
    def __init__(
        self, actions: list[QAction], election_date: dt.date, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self._election_date = election_date
        self.voter: VoterView | None = None

        self.title = QLabel(self.tr("Pilih pemilih di daftar."))
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("detailStatus")
        self.status.setWordWrap(True)

        buttons = QGridLayout()
        for i, action in enumerate(actions):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(30)
            buttons.addWidget(button, i // 2, i % 2)

        self.values: dict[str, QLabel] = {}
        self.originals: dict[str, QLabel] = {}
        grid = QFormLayout()
        grid.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in ELEMENTS:
            value = QLabel()
            value.setObjectName(f"value_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            original = QLabel()
            original.setObjectName(f"original_{name}")
            original.setStyleSheet("color: #777;")
            # A long old value wraps in the panel's column instead of widening the panel
            # into a horizontal scroll bar.
            original.setWordWrap(True)
            original.setVisible(False)
            holder = QVBoxLayout()
            holder.setSpacing(0)
            holder.addWidget(value)
            holder.addWidget(original)
            grid.addRow(labels.element(name) + ":", holder)
            self.values[name] = value
            self.originals[name] = original

        self.findings = FindingList(self.tr("Temuan data"), self.tr("Tidak ada temuan data."))
        self.findings.setObjectName("detailFindings")

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        body_layout.addWidget(line)
        body_layout.addWidget(self.findings)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.show_voter(None)

    def show_voter(self, voter: VoterView | None) -> None:
        self.voter = voter
        if voter is None:
            self.title.setText(self.tr("Pilih pemilih di daftar."))
            self.status.setText("")
            for name in ELEMENTS:
                self.values[name].setText("")
                self.originals[name].setVisible(False)
            self.findings.clear()
            return
        record = voter.record
        self.title.setText(record.nama)
        status = labels.keterangan(record.keterangan)
        if voter.checked_at:
            when = local_time(voter.checked_at)
            status = (
                self.tr("%1\ndicatat %2 oleh %3")
                .replace("%1", status)
                .replace("%2", when)
                .replace("%3", voter.checked_by or "")
            )
        tps = self.tr("TPS %1").replace("%1", record.tps_id)
        self.status.setText(f"{status}\n{tps}")
        for name in ELEMENTS:
            self.values[name].setText(element_text(name, getattr(record, name)))
            original = self.originals[name]
            if name in voter.original_values:
                original.setText(
                    self.tr("semula: <s>%1</s>").replace(
                        "%1", _escape(element_text(name, voter.original_values[name]))
                    )
                )
                original.setVisible(True)
            else:
                original.setVisible(False)
        self.findings.show_findings(voter_findings(voter, self._election_date))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

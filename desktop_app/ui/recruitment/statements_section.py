"""The surat pernyataan: one tick per statement the applicant signs (PKPU 8/2022 Pasal 35 and the
Pilkada 2024 additions), and whether the applicant is a former party member (who then owes a
letter from the party)."""

from __future__ import annotations

from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.qt import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.fields import ERROR_COLOUR, FieldRow, escape, line_edit
from lapang_core.domain.findings import Severity
from lapang_core.domain.recruitment import Statement


class StatementsSection(QGroupBox):
    toggled = Signal(str)  # "statements.<value>" or "ex_party_member"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Surat pernyataan pelamar"))
        layout = QVBoxLayout(self)
        # The statements are one signed letter: once it is signed, all of them are made.
        self.all_statements = QPushButton(
            self.tr("Centang semua (surat pernyataan sudah ditandatangani)"), self
        )
        self.all_statements.setObjectName("allStatements")
        self.all_statements.clicked.connect(self.tick_all)
        tick_row = QHBoxLayout()
        tick_row.addWidget(self.all_statements)
        tick_row.addStretch(1)
        layout.addLayout(tick_row)
        self.boxes: dict[str, QCheckBox] = {}
        for item in Statement:
            box = QCheckBox(wording.statement(item), self)
            box.setObjectName(f"statement_{item.value}")
            box.toggled.connect(lambda _on, n=f"statements.{item.value}": self.toggled.emit(n))
            layout.addWidget(box)
            self.boxes[item.value] = box
        self.ex_party = QCheckBox(
            self.tr("Mantan anggota partai politik (wajib surat keterangan dari partai)"), self
        )
        self.ex_party.setObjectName("exPartyMember")
        self.ex_party.toggled.connect(lambda _on: self.toggled.emit("ex_party_member"))
        layout.addWidget(self.ex_party)
        # PKPU 8/2022 Pasal 35: out of the party for 5 years by the registration date; the date
        # is copied from the party letter, which stays its evidence.
        self.party_left = line_edit("[0-9]{0,2}(-[0-9]{0,2}(-[0-9]{0,4})?)?", self.tr("HH-BB-TTTT"))
        self.party_left.setObjectName("tanggal_keluar_partai")
        self.party_left.setAccessibleName(self.tr("Tanggal keluar dari partai"))
        self.party_row = FieldRow(self.party_left, stretch=False, parent=self)
        self.party_row.set_note(
            self.tr("Tanggal keluar dari partai, sesuai surat keterangan partai")
        )
        layout.addWidget(self.party_row)
        self.party_left.setEnabled(False)
        self.ex_party.toggled.connect(self.party_left.setEnabled)
        self.message = QLabel(self)
        self.message.setObjectName("statementsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)  # the error icon is an image
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setVisible(False)
        layout.addWidget(self.message)

    def tab_chain(self) -> list[QWidget]:
        return [self.all_statements, *self.boxes.values(), self.ex_party]

    def tick_all(self) -> None:
        for box in self.boxes.values():
            box.setChecked(True)

    def values(self) -> dict[str, bool]:
        return {key: box.isChecked() for key, box in self.boxes.items()}

    def set_values(self, statements: dict[str, bool], ex_party_member: bool) -> None:
        for key, box in self.boxes.items():
            box.setChecked(bool(statements.get(key)))
        self.ex_party.setChecked(ex_party_member)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (*self.boxes.values(), self.ex_party, self.all_statements):
            widget.setEnabled(not read_only)
        self.party_left.setEnabled(not read_only and self.ex_party.isChecked())

    def show_missing(self, missing: set[str], shown: bool) -> None:
        """Statements not ticked yet, once the officer has been at them or pressed Kirim."""
        for key, box in self.boxes.items():
            box.setStyleSheet(f"color: {ERROR_COLOUR};" if shown and key in missing else "")
        if shown and missing:
            count = len(missing)  # a variable: lupdate misses calls nested in tr()
            text = self.tr(
                "%n pernyataan belum dicentang. Centang setelah pelamar "
                "menandatangani surat pernyataan.",
                "",
                count,
            )
            self.message.setText(f"{severity_mark_html(Severity.ERROR)} {escape(text)}")
        self.message.setVisible(shown and bool(missing))

"""The document checklist: one row per document of the registration (in the form's order), each
with a "received" tick and a slot for a scan or photo. The party letter row shows only for former
party members, the only applicants who must bring it."""

from __future__ import annotations

from desktop_app.ui.qt import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.fields import NOTE_COLOUR, WARNING_COLOUR
from lapang_core.domain.recruitment import DOCUMENTS, Document, required_documents


class DocumentsSection(QGroupBox):
    toggled = Signal(str)  # document
    attach_requested = Signal(str)  # document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dokumen persyaratan"))
        self.received: dict[str, QCheckBox] = {}
        self.status: dict[str, QLabel] = {}
        self.attach: dict[str, QPushButton] = {}
        self._files: dict[str, str] = {}
        self._missing: set[str] = set()
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        hint = QLabel(
            self.tr(
                "Centang dokumen yang diserahkan. Lampirkan pindaian atau foto bila ada "
                "(JPEG, PNG atau PDF, paling besar 10 MB)."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {NOTE_COLOUR};")
        grid.addWidget(hint, 0, 0, 1, 3)
        for row, document in enumerate(DOCUMENTS, 1):
            key = str(document)
            box = QCheckBox(wording.document(document), self)
            box.setObjectName(f"doc_{key}")
            box.toggled.connect(lambda _on, k=key: self._toggled(k))
            status = QLabel(self)
            status.setObjectName(f"docStatus_{key}")
            status.setWordWrap(True)
            button = QPushButton(self.tr("Lampirkan…"), self)
            button.setObjectName(f"attach_{key}")
            button.setAccessibleName(
                self.tr("Lampirkan berkas %1").replace("%1", wording.document(document))
            )
            button.clicked.connect(lambda _c=False, k=key: self.attach_requested.emit(k))
            grid.addWidget(box, row, 0)
            grid.addWidget(status, row, 1)
            grid.addWidget(button, row, 2)
            self.received[key] = box
            self.status[key] = status
            self.attach[key] = button
        self.set_ex_party_member(False)

    def _toggled(self, key: str) -> None:
        self._refresh(key)
        self.toggled.emit(key)

    def tab_chain(self) -> list[QWidget]:
        """Row by row: the tick, then its attach button."""
        return [w for key in self.received for w in (self.received[key], self.attach[key])]

    # -- values -----------------------------------------------------------------------------------
    def documents(self) -> set[str]:
        return {key for key, box in self.received.items() if box.isChecked()}

    def set_documents(self, documents: set[str], attachments: dict[str, str]) -> None:
        self._files = {key: "" for key in attachments}
        for key, box in self.received.items():
            box.blockSignals(True)
            box.setChecked(key in documents)
            box.blockSignals(False)
            self._refresh(key)

    def set_ex_party_member(self, ex_member: bool) -> None:
        needed = required_documents(ex_member)
        for key in self.received:
            shown = Document(key) in needed
            for widget in (self.received[key], self.status[key], self.attach[key]):
                widget.setVisible(shown)

    def set_attached(self, document: str, filename: str) -> None:
        """A file is stored for ``document``: it counts as received."""
        self._files[document] = filename
        self.received[document].setChecked(True)  # emits toggled -> the draft saves
        self._refresh(document)

    def set_read_only(self, read_only: bool) -> None:
        for key in self.received:
            self.received[key].setEnabled(not read_only)
            self.attach[key].setEnabled(not read_only)

    def show_missing(self, missing: set[str]) -> None:
        """Documents the check reports missing: said in amber, since they do not block."""
        self._missing = set(missing)
        for key in self.received:
            self._refresh(key)

    def _refresh(self, key: str) -> None:
        label = self.status[key]
        if key in self._files:
            name = self._files[key]
            label.setText(
                self.tr("✓ berkas terlampir: %1").replace("%1", name)
                if name
                else self.tr("✓ berkas terlampir")
            )
            label.setStyleSheet("color: #2e7d32;")
            self.attach[key].setText(self.tr("Ganti berkas…"))
        elif self.received[key].isChecked():
            label.setText(self.tr("diterima (kertas)"))
            label.setStyleSheet("color: #2e7d32;")
            self.attach[key].setText(self.tr("Lampirkan…"))
        elif key in self._missing:
            label.setText(self.tr("belum diterima"))
            label.setStyleSheet(f"color: {WARNING_COLOUR};")
        else:
            label.setText("")
            label.setStyleSheet("")

"""Pengaturan: language, auto-lock minutes and the election date that ages are counted at."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.dialog_parts import ErrorLine, SaveCancel
from desktop_app.ui.i18n import LANGUAGES
from desktop_app.ui.messages import error_text
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.settings import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES
from desktop_app.ui.voter_form import format_date, parse_date


@dataclasses.dataclass(frozen=True)
class SettingsChange:
    language_changed: bool
    election_date_changed: bool


class SettingsDialog(QDialog):
    changed = Signal(object)  # SettingsChange

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Pengaturan"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.settings.language)))
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" menit"))
        self.idle.setValue(ctx.settings.idle_lock_minutes)
        self.election = QLineEdit(format_date(ctx.election_date), self)
        self.election.setObjectName("electionDate")
        self.election.setPlaceholderText(self.tr("HH-BB-TTTT"))
        note = QLabel(self.tr("Umur pemilih dihitung pada hari pemungutan suara."))
        note.setWordWrap(True)
        self.error = ErrorLine(self)
        self.buttons = SaveCancel(self)
        form = QFormLayout()
        form.addRow(self.tr("Bahasa:"), self.language)
        form.addRow(self.tr("Kunci otomatis setelah tidak dipakai:"), self.idle)
        form.addRow(self.tr("Hari pemungutan suara:"), self.election)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.save.clicked.connect(self.save)
        self.buttons.cancel.clicked.connect(self.reject)
        keep_on_screen(self, "settings", None, ctx)

    def save(self) -> None:
        date = parse_date(self.election.text())
        if not isinstance(date, dt.date):
            self.error.show_text(self.tr("Tulis tanggal sebagai HH-BB-TTTT, misalnya 14-02-2029."))
            return
        settings = self._ctx.settings
        change = SettingsChange(
            language_changed=self.language.currentData() != settings.language,
            election_date_changed=date != self._ctx.election_date,
        )
        settings.language = self.language.currentData()
        settings.idle_lock_minutes = self.idle.value()
        try:
            settings.save(self._ctx.data_dir)
        except OSError as exc:
            self.error.show_text(error_text(exc))
            return
        if not change.election_date_changed:
            self.changed.emit(change)
            self.accept()
            return

        def saved(_none: None) -> None:
            self._ctx.election_date = date
            self.changed.emit(change)
            self.accept()

        self._ctx.read(
            voter_ops.set_election_date(date),
            saved,
            on_failure=lambda exc: self.error.show_text(error_text(exc)),
            owner=self,
        )

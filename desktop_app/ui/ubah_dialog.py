"""Ubah: correct elements of a voter from the KTP-el, KK, biodata or IKD. The current values are
pre-filled in the paper form's order; values from before the first correction are shown struck
out beside their field. Only what differs is saved; errors block Simpan, warnings do not."""

from __future__ import annotations

from desktop_app.store.voter_service import SaveResult, VoterView
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.dialog_parts import ErrorLine, SaveCancel
from desktop_app.ui.messages import error_text
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import QDialog, QLabel, QVBoxLayout, QWidget, Signal
from desktop_app.ui.voter_form import VoterForm
from lapang_core.domain import voter_changes


class UbahDialog(QDialog):
    saved = Signal(object)  # SaveResult

    def __init__(self, ctx: DeskContext, voter: VoterView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._voter = voter
        self.setWindowTitle(self.tr("Ubah data pemilih"))
        self.setObjectName("ubahDialog")
        intro = QLabel(
            self.tr(
                "Betulkan elemen yang berbeda dengan KTP-el, KK, biodata atau IKD. "
                "Nilai semula tetap tersimpan."
            )
        )
        intro.setWordWrap(True)
        self.form = VoterForm(new_voter=False, election_date=ctx.election_date, parent=self)
        self.form.set_record(voter.record)
        self.form.show_originals(voter.record, voter.original_values)
        self.error = ErrorLine(self)
        self.buttons = SaveCancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.save.clicked.connect(self.save)
        self.buttons.cancel.clicked.connect(self.reject)
        self.form.edited.connect(self._validate)
        self._validate()
        self.form.fields["nkk"].setFocus()
        self.setMinimumWidth(600)
        keep_on_screen(self, "ubah", None, ctx)

    def _changes(self) -> dict:
        return self.form.changes_from(self._voter.record)

    def _validate(self, *_args: object) -> bool:
        changes = self._changes()
        if not changes:
            self.form.show_findings([], only_touched=False)
            self.buttons.save.setEnabled(False)
            self.buttons.save.setToolTip(self.tr("Belum ada yang diubah."))
            return False
        # The rules the store and KPU apply to the same change.
        change = voter_changes.Ubah(changes)
        result = voter_changes.judge(change, self._voter.record, self._ctx.rules())
        self.form.show_findings(list(result.findings), only_touched=False)
        self.buttons.save.setEnabled(result.ok)
        self.buttons.save.setToolTip(
            "" if result.ok else self.tr("Betulkan dulu isian bertanda merah.")
        )
        return result.ok

    def save(self) -> None:
        if not self._validate():
            return
        self.buttons.save.setEnabled(False)
        self.error.show_text("")
        self._ctx.write(
            voter_ops.ubah(self._voter.id, self._changes()),
            voter_ops.changed_one,
            self._saved,
            on_failure=self._failed,
            owner=self,
        )

    def _saved(self, result: SaveResult) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.error.show_text(error_text(exc))
        self._validate()

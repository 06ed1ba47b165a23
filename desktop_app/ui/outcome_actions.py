"""What each outcome key does to the row under the cursor once the key queue hands it over.

S saves sesuai and moves on a row; on a row already sesuai it writes nothing and moves on; on an
ubah, baru or TMS row the service refuses it and the status bar says why. P restores a TMS row
and stays on it (it is checked next). U and T open their dialog on the row. A refused key stops
the keys typed after it, so the officer reads the reason before the cursor moves again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from desktop_app.store.voter_queries import VoterRow
from desktop_app.store.voter_service import SaveResult, VoterView
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.messages import error_text
from desktop_app.ui.outcome_keys import Done, OutcomeKeyQueue, Step
from desktop_app.ui.qt import QObject
from desktop_app.ui.voter_list import VoterListView


class OutcomeHost(Protocol):
    """What the desk lends the outcome keys."""

    @property
    def dialog_open(self) -> bool: ...

    def show_message(self, text: str) -> None: ...

    def shown_voter(self, voter_id: str) -> VoterView | None:
        """The detail panel's voter if it is this one and up to date, else None."""

    def open_outcome_dialog(self, key: str, voter: VoterView) -> None: ...

    def outcome_refused(self) -> None: ...


class OutcomeActions(QObject):
    def __init__(
        self, ctx: DeskContext, voters: VoterListView, host: OutcomeHost, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._voters = voters
        self._host = host
        self.keys = OutcomeKeyQueue(voters, self._apply, self)
        voters.table.outcome_key_pressed.connect(self.keys.press)
        self.keys.notice.connect(host.show_message)

    def press(self, key: str) -> None:
        self.keys.press(key)

    def _apply(self, key: str, row: VoterRow, done: Done) -> None:
        if self._host.dialog_open:
            self._refuse(row, self.tr("Selesaikan dulu jendela yang terbuka."), done)
        elif key == "S":
            self._save_sesuai(row, done)
        elif key == "P":
            self._save_restore(row, done)
        else:
            self._with_voter(row, lambda voter: self._open_dialog(key, voter, row, done), done)

    def _save_sesuai(self, row: VoterRow, done: Done) -> None:
        def saved(result: SaveResult) -> None:
            if not result.changed:
                self._host.show_message(
                    self._row_text(row, self.tr("sudah Sesuai; tidak ada yang disimpan lagi."))
                )
            done(Step.NEXT)

        self._ctx.write(
            voter_ops.mark_sesuai(row.id),
            voter_ops.changed_one,
            saved,
            on_failure=lambda exc: self._refuse(row, error_text(exc), done),
            owner=self,
        )

    def _save_restore(self, row: VoterRow, done: Done) -> None:
        def restored(_result: SaveResult) -> None:
            self._host.show_message(self.tr("Tanda TMS dicabut; pemilih kembali belum dicek."))
            done(Step.STAY)  # the restored voter is checked next, on the same row

        self._ctx.write(
            voter_ops.restore(row.id),
            voter_ops.changed_one,
            restored,
            on_failure=lambda exc: self._refuse(row, error_text(exc), done),
            owner=self,
        )

    def _with_voter(self, row: VoterRow, then: Callable[[VoterView], None], done: Done) -> None:
        """The row's full record: the detail panel's if it is up to date, otherwise read after
        the writes already queued (the worker runs them in order)."""
        shown = self._host.shown_voter(row.id)
        if shown is not None:
            then(shown)
            return
        self._ctx.read(
            voter_ops.get_voter(row.id),
            then,
            on_failure=lambda exc: self._refuse(row, error_text(exc), done),
            owner=self,
        )

    def _open_dialog(self, key: str, voter: VoterView, row: VoterRow, done: Done) -> None:
        if voter.record.keterangan.isdigit():
            text = self.tr("Pemilih ini bertanda TMS; tekan P untuk memulihkannya.")
            self._refuse(row, text, done)
            return
        # Keys typed before the dialog showed were meant for rows after this one, not for it.
        dropped = self.keys.stop()
        if dropped:
            self._host.show_message(dropped)
        self._host.open_outcome_dialog(key, voter)
        done(Step.STAY)

    def _refuse(self, row: VoterRow, text: str, done: Done) -> None:
        self._host.outcome_refused()
        self._host.show_message(self.keys.stop(self._row_text(row, text)))
        done(Step.STAY)

    def _row_text(self, row: VoterRow, text: str) -> str:
        number = self._voters.model.row_of_pk(row.pk)
        label = self.tr("Baris %1:").replace("%1", str(number + 1) if number is not None else "?")
        return f"{label} {text}"

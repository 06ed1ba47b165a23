"""The outcome keys an officer types, applied in order to consecutive rows of the voter list.

A fast officer taps S faster than a save takes (a save runs on the database worker; its answer
comes back to the GUI thread later, and a refresh of the list may be in flight beside it). Each
key therefore waits its turn here: it is applied to the row under the cursor once the key before
it is done, and a key that was applied (Sesuai saved, or found already Sesuai) moves the cursor
exactly one row down. Nothing is skipped and nothing is applied twice.

A key that is refused (S on an Ubah row), or that opens a dialog (U, T), keeps the cursor where
it is and drops the keys typed after it: they were meant for rows the officer has not seen yet.
So do a new search, filter or area, and the end of the list.
"""

from __future__ import annotations

import collections
import enum
import functools
from collections.abc import Callable

from desktop_app.store.voter_queries import VoterRow
from desktop_app.ui.qt import QObject, Signal
from desktop_app.ui.voter_list import VoterListView


class Step(enum.Enum):
    """What the cursor does once a key is done."""

    NEXT = "next"  # applied to the row: on to the next one, as the next line on paper
    STAY = "stay"  # stays on the row (restored, refused, or a dialog took over)


Done = Callable[[Step], None]
Apply = Callable[[str, VoterRow, Done], None]


class OutcomeKeyQueue(QObject):
    """Holds the outcome keys typed and hands them, one at a time, to ``apply(key, row, done)``;
    ``apply`` calls ``done`` when the key's work is over (at once, or from a save's callback)."""

    notice = Signal(str)  # something the officer must read: keys were dropped, and why

    def __init__(self, voters: VoterListView, apply: Apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._voters = voters
        self._apply = apply
        self._keys: collections.deque[str] = collections.deque()
        self._busy = False
        self._advance_from: int | None = None  # pk of the row a finished key moves on from
        # Where the waiting keys belong: the list they were typed on and the row (pk) the next
        # one lands on. If either changes under them they are dropped, never applied elsewhere.
        self._list: object = None
        self._at: int | None = None
        model = voters.model
        model.keys_loaded.connect(self.pump)
        model.page_loaded.connect(lambda _page: self.pump())

    @property
    def waiting(self) -> int:
        """Keys typed and not done yet (the one being applied included)."""
        return len(self._keys) + int(self._busy)

    def press(self, key: str) -> None:
        if not self._keys and not self._busy and self._advance_from is None:
            self._list = self._shown_list()
            self._at = self._voters.current_pk()
        self._keys.append(key)
        self.pump()

    def stop(self, reason: str = "") -> str:
        """Drop the keys still waiting (not the one being applied). Returns ``reason`` with how
        many were dropped, for the status bar."""
        dropped = len(self._keys)
        self._keys.clear()
        if not dropped:
            return reason
        note = self.tr("%n tombol berikutnya tidak dipakai.", "", dropped)
        return f"{reason} {note}".strip()

    def pump(self) -> None:
        """Apply the next key if its row is ready. Called on every press and whenever what it
        waits for arrives: the key before it, the list's keys, the page holding the row."""
        voters = self._voters
        while not self._busy:
            if voters.model.loading:
                return  # keys_loaded calls again, with the cursor back on its row
            if self._advance_from is not None:
                self._advance()
            if not self._keys:
                return
            if self._shown_list() != self._list:
                self._drop(self.tr("Daftar yang ditampilkan berganti."))
                return
            if voters.current_pk() != self._at:
                # A reload lost the row (a filter it no longer matches) or a click moved on.
                self._drop(self.tr("Baris yang dipilih berpindah sebelum tombol berikutnya."))
                return
            row = voters.current_row()
            if row is None:
                if self._at is None:
                    self._drop(self.tr("Tidak ada pemilih yang dipilih."))
                return  # its page is on the way: page_loaded calls again
            key = self._keys.popleft()
            self._busy = True
            self._apply(key, row, functools.partial(self._done, row.pk))

    def _advance(self) -> None:
        pk, self._advance_from = self._advance_from, None
        if self._voters.current_pk() != pk:
            return  # the cursor left the row meanwhile; pump says so if keys are waiting
        if self._voters.select_next():
            self._at = self._voters.current_pk()
        else:
            self._drop(self.tr("Sudah di baris terakhir daftar."))

    def _done(self, pk: int, step: Step) -> None:
        self._busy = False
        if step is Step.NEXT:
            # Moved on in pump, not here: the list may be reloading and the cursor not back yet.
            self._advance_from = pk
        else:
            self._at = pk
        self.pump()

    def _shown_list(self) -> object:
        model = self._voters.model
        return (model.query, model.quality)

    def _drop(self, reason: str) -> None:
        if self._keys:
            self.notice.emit(self.stop(reason))

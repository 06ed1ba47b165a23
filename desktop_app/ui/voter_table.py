"""The voter table's view: the outcome keys (S, U, T, P) pressed on it become one signal, and no
letter ever moves its cursor.

Qt's item views jump to the first row whose text starts with a typed letter (keyboard search).
With S as the Sesuai key that is a trap: an S arriving while the Sesuai action was briefly
disabled (a save in flight) carried the cursor to the first name starting with S, the rest of a
fast officer's burst went on from there, and the voters in between were never checked. So the
table claims the outcome keys before any shortcut or search sees them, and has no type-ahead at
all: names are found in the search box (Ctrl+F).
"""

from __future__ import annotations

from desktop_app.ui.qt import QEvent, QKeyEvent, Qt, QTableView, Signal

OUTCOME_KEYS = {
    Qt.Key.Key_S: "S",  # sesuai
    Qt.Key.Key_U: "U",  # ubah
    Qt.Key.Key_T: "T",  # TMS
    Qt.Key.Key_P: "P",  # pulihkan
}


def outcome_key(event: QKeyEvent) -> str | None:
    """The outcome key pressed ("S", "U", "T", "P") without modifiers, or None."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != Qt.KeyboardModifier.NoModifier:
        return None
    return OUTCOME_KEYS.get(Qt.Key(event.key()))


class VoterTable(QTableView):
    outcome_key_pressed = Signal(str)  # "S", "U", "T" or "P"

    def event(self, event: QEvent) -> bool:
        # Accepting the override keeps the desk's single-letter shortcuts from taking the key:
        # whether an action happens to be enabled must not decide where a key goes.
        if event.type() == QEvent.Type.ShortcutOverride and outcome_key(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = outcome_key(event)
        if key is not None:
            event.accept()
            # A held key's auto-repeat is no press: holding S must not run down the list at
            # thirty rows a second.
            if not event.isAutoRepeat():
                self.outcome_key_pressed.emit(key)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802
        del search  # no type-ahead: see the module docstring

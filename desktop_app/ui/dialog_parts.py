"""Small pieces the desk's dialogs share: the Simpan/Batal row, the error line and the Tab order."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.ui.qt import QAction, QDialogButtonBox, QKeySequence, QLabel, QPushButton, QWidget


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order. Qt's own order is the order widgets joined the
    window, which for a form built in pieces is not the order the officer reads it in."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class SaveCancel(QDialogButtonBox):
    """Simpan (Ctrl+S, or Enter) and Batal (Esc), worded in the desk's language rather than Qt's."""

    def __init__(self, parent: QWidget | None = None, save_text: str | None = None) -> None:
        super().__init__(parent)
        self.save = QPushButton(save_text or self.tr("&Simpan"))
        self.save.setObjectName("save")
        self.save.setDefault(True)
        # A window-wide action rather than the button's own shortcut: it fires wherever the
        # focus is in the dialog (and a disabled Simpan ignores the click).
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence("Ctrl+S"))
        save_action.triggered.connect(self.save.click)
        (parent or self).addAction(save_action)
        self.cancel = QPushButton(self.tr("Batal"))
        self.cancel.setObjectName("cancel")
        self.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)


class ErrorLine(QLabel):
    """A red line under a form for what the store refused; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setWordWrap(True)
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

"""A row of action buttons that wraps onto a second line when the window is too narrow, where a
QToolBar would hide the last buttons behind its » menu: at 125 % scaling on a 1600x900 laptop
the desk's toolbar hid "Kunci", the one button an officer leaving the laptop must find."""

from __future__ import annotations

from desktop_app.ui.qt import (
    QAction,
    QEvent,
    QLayout,
    QLayoutItem,
    QMenu,
    QPoint,
    QRect,
    QSize,
    QSizePolicy,
    Qt,
    QToolButton,
    QWidget,
)


class FlowLayout(QLayout):
    """Items left to right, starting a new line when the next one does not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        # One line: what the row would like, given the room.
        width = sum(i.sizeHint().width() + self._spacing for i in self._shown())
        height = max((i.sizeHint().height() for i in self._shown()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802
        # As narrow as the widest button: the rest wraps.
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and x > rect.x():
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class ActionMenu(QMenu):
    """The menu of an ActionRow button. A plain key typed while it is open chooses its item (the
    underlined letter), never a shortcut of the window behind: over the desk, whose S, U, T and
    P are outcome keys, "T" would mark a TMS instead of choosing "Terima dari flashdisk"."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            held = event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
            if not held:
                event.accept()  # delivered to the menu as a key press
                return True
        return super().event(event)


class ActionRow(QWidget):
    """Text buttons for actions, wrapping like words; offers QToolBar's ``addAction`` and
    ``widgetForAction``. A button is shown while its action is visible. An action with a menu
    opens it, from a click or from the action's own shortcut (the buttons take no focus)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[QAction, QToolButton] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._layout = FlowLayout(self)

    def addAction(self, action: QAction) -> None:  # noqa: N802
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are on the actions
        menu = action.menu()
        if menu is not None:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            # The style's own menu mark is a speck in the corner, under the last letter; an
            # arrow after the word says "a menu" where the officer reads.
            button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
            action.setIconText(f"{action.iconText()} ▾")
            action.triggered.connect(lambda _checked=False, b=button: self._pop_up(b))
        button.setVisible(action.isVisible())
        action.changed.connect(lambda a=action, b=button: b.setVisible(a.isVisible()))
        self._layout.addWidget(button)
        self._buttons[action] = button

    def widgetForAction(self, action: QAction) -> QToolButton | None:  # noqa: N802
        return self._buttons.get(action)

    @staticmethod
    def _pop_up(button: QToolButton) -> None:
        # popup(), not the button's showMenu(): that one runs a nested event loop.
        menu = button.defaultAction().menu()
        if menu is not None and button.isVisible():
            menu.popup(button.mapToGlobal(QPoint(0, button.height())))
            # The first item lit, so Enter or the arrow keys carry on from the keyboard.
            first = next((a for a in menu.actions() if a.isEnabled() and a.isVisible()), None)
            if first is not None:
                menu.setActiveAction(first)

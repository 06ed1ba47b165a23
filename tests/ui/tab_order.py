"""Walk Tab through a form as an officer does and compare with what the officer sees.

A form is read one section after another (a group box, a column); inside a section, top to
bottom, and left to right along a line. ``visual_order`` lists the focusable fields of each
section in that order; ``tab_walk`` presses Tab from the first one until the focus comes back
and keeps the fields it met, in the order it met them. The two must be the same list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

FIELD_TYPES = (QLineEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QTextEdit)


def _owner(widget: QWidget) -> QWidget:
    """The field a focused widget belongs to (an editable combo's line edit is the combo)."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


def _tab_focusable(widget: QWidget) -> bool:
    return (
        isinstance(widget, FIELD_TYPES)
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and _owner(widget) is widget
    )


def _rect(widget: QWidget) -> QRect:
    top_left = widget.mapTo(widget.window(), QPoint(0, 0))
    return QRect(top_left, widget.size())


def _reading_order(widgets: list[QWidget]) -> list[QWidget]:
    """Top to bottom; widgets whose vertical middles fall inside one another's height share a
    line and are read left to right."""
    lines: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: (_rect(w).center().y(), _rect(w).x())):
        rect = _rect(widget)
        if lines:
            last = _rect(lines[-1][0])
            if last.top() <= rect.center().y() <= last.bottom() or (
                rect.top() <= last.center().y() <= rect.bottom()
            ):
                lines[-1].append(widget)
                continue
        lines.append([widget])
    return [w for line in lines for w in sorted(line, key=lambda w: _rect(w).x())]


def visual_order(sections: Sequence[QWidget]) -> list[QWidget]:
    """The focusable fields of ``sections``, read section by section."""
    order: list[QWidget] = []
    for section in sections:
        inside = [w for w in section.findChildren(QWidget) if _tab_focusable(w)]
        order.extend(w for w in _reading_order(inside) if w not in order)
    return order


def tab_walk(qtbot, start: QWidget, keep: Sequence[QWidget], limit: int = 200) -> list[QWidget]:
    """Focus ``start``, press Tab until the focus returns to it; the fields of ``keep`` met on
    the way, in order, each once."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: _owner(QApplication.focusWidget()) is start, timeout=2000)
    met: list[QWidget] = [start]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        field = _owner(QApplication.focusWidget())
        if field is start:
            break
        if field in keep and field not in met:
            met.append(field)
    else:
        raise AssertionError("Tab never came back to the first field")
    return met


def names(widgets: Sequence[QWidget]) -> list[str]:
    """Readable names for an assertion message."""
    return [w.objectName() or w.accessibleName() or type(w).__name__ for w in widgets]


def assert_tab_follows_the_eye(qtbot, sections: Sequence[QWidget]) -> list[QWidget]:
    expected = visual_order(sections)
    assert expected, "no focusable field in the form"
    walked = tab_walk(qtbot, expected[0], expected)
    assert names(walked) == names(expected), (
        f"Tab goes {names(walked)}\nthe eye reads {names(expected)}"
    )
    return expected

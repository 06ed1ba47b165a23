"""Findings shown as a list: each with Qt's own error or warning icon beside its words.

Icons, not emoji: the no-entry sign (U+26D4) is missing from the default fonts of Windows and
of most Linux desktops and drew as an empty box before every error. Qt's standard icons come
with the style, on every platform the desk runs on."""

from __future__ import annotations

import base64
import functools
from collections.abc import Iterable

from desktop_app.ui.finding_text import finding_text
from desktop_app.ui.qt import (
    QApplication,
    QBuffer,
    QByteArray,
    QHBoxLayout,
    QIODevice,
    QLabel,
    QPixmap,
    QStyle,
    Qt,
    QVBoxLayout,
    QWidget,
)
from lapang_core.domain.findings import Finding, Severity

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
}


def severity_pixmap(widget: QWidget, severity: Severity) -> QPixmap:
    """The style's error or warning icon at the height of a line of ``widget``'s text."""
    size = max(12, widget.fontMetrics().height())
    icon = widget.style().standardIcon(_ICONS.get(severity, _ICONS[Severity.WARNING]))
    return icon.pixmap(size, size)


@functools.cache
def _mark_url(severity: Severity, size: int) -> str:
    icon = QApplication.style().standardIcon(_ICONS.get(severity, _ICONS[Severity.WARNING]))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon.pixmap(size, size).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def severity_mark_html(severity: Severity, size: int = 14) -> str:
    """The style's error or warning icon as an inline image, for rich-text labels that list
    findings in one piece (a ``data:`` URL: Qt's rich text draws it, no file needed)."""
    return f'<img src="{_mark_url(severity, size)}" width="{size}" height="{size}">'


class FindingList(QWidget):
    """A heading and one row per finding; ``empty`` is shown when there is none."""

    def __init__(self, heading: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading, self._empty = heading, empty
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName("findingsTitle")
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self._rows: list[QWidget] = []

    def clear(self) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self.title.setText("")

    def show_findings(self, findings: Iterable[Finding]) -> None:
        self.clear()
        for finding in findings:
            self._add_row(finding)
        if self._rows:
            self.title.setText(f"<b>{_escape(self._heading)}</b>")
        else:
            self.title.setText(_escape(self._empty))

    def texts(self) -> list[str]:
        """The findings' words, in order (for tests and screen readers' sake, not parsing)."""
        return [row.findChild(QLabel, "findingText").text() for row in self._rows]

    def _add_row(self, finding: Finding) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        icon = QLabel(row)
        icon.setObjectName("findingIcon")
        icon.setPixmap(severity_pixmap(self, finding.severity))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setToolTip(
            self.tr("Kesalahan") if finding.severity is Severity.ERROR else self.tr("Peringatan")
        )
        text = QLabel(finding_text(finding), row)
        text.setObjectName("findingText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(icon)
        layout.addWidget(text, 1)
        self._layout.addWidget(row)
        self._rows.append(row)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""The part every recruitment table shares: rows held in full (an office has hundreds at most),
a fixed list of columns with translated headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from desktop_app.ui.qt import QAbstractTableModel, QModelIndex, QObject, Qt, translate


class RowsTableModel(QAbstractTableModel):
    """Subclasses set ``COLUMNS`` ((key, untranslated header) pairs) and ``CONTEXT`` (the
    translation context of the headers), and answer ``data``."""

    COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = ()
    CONTEXT: ClassVar[str] = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[Any] = ()

    def replace_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def column_key(self, index: QModelIndex) -> str:
        return self.COLUMNS[index.column()][0]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate(self.CONTEXT, self.COLUMNS[section][1])
        return None

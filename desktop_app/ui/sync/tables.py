"""A read-only table on a ``QStandardItemModel``, the shape every list in the sync window has."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from desktop_app.ui.qt import (
    QAbstractItemView,
    QFont,
    QHeaderView,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ReadOnlyTable(QTableView):
    def __init__(
        self,
        headers: Sequence[str],
        parent: QWidget | None = None,
        *,
        stretch: int | None = None,
        numeric: Iterable[int] = (),
    ) -> None:
        """``stretch``: the column that takes the spare width (default the last);
        ``numeric``: columns of counts, right-aligned."""
        super().__init__(parent)
        self._numeric = frozenset(numeric)
        self.model_ = QStandardItemModel(0, len(headers), self)
        self.model_.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Sized by _fit_columns, not by ResizeToContents: that mode sized the columns to their
        # titles alone when the rows came in before the window showed ("15…." under Mulai).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._stretch = len(headers) - 1 if stretch is None else stretch
        header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: Iterable[tuple[Any, Sequence[str], bool]]) -> None:
        """``rows``: (key, cells, bold). The key comes back from ``current_key``."""
        self.model_.removeRows(0, self.model_.rowCount())
        for key, cells, bold in rows:
            items = []
            for column, text in enumerate(cells):
                item = QStandardItem(text)
                if column in self._numeric:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setData(key, KEY_ROLE)
                if bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                items.append(item)
            self.model_.appendRow(items)
        self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit_columns()  # the style and font are final now

    def _fit_columns(self) -> None:
        """Every column but the stretching one as wide as its widest cell (up to a limit) or its
        title; the stretching one wraps its text in what is left."""
        header = self.horizontalHeader()
        # A long value (an address in a conflict) wraps within two fifths of the table
        # rather than pushing the other columns out of view.
        widest = max(200, self.viewport().width() * 2 // 5)
        for column in range(self.model_.columnCount()):
            if column != self._stretch:
                title = header.sectionSizeHint(column)
                width = max(title, min(widest, self.sizeHintForColumn(column)))
                header.resizeSection(column, width)
        self.resizeRowsToContents()

    def current_key(self) -> Any:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_first(self) -> None:
        if self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(0, 0))

    def select_key(self, key: Any) -> None:
        for row in range(self.model_.rowCount()):
            if self.model_.item(row, 0).data(KEY_ROLE) == key:
                self.setCurrentIndex(self.model_.index(row, 0))
                return

    def set_bold(self, key: Any, bold: bool) -> None:
        for row in range(self.model_.rowCount()):
            if self.model_.item(row, 0).data(KEY_ROLE) == key:
                for column in range(self.model_.columnCount()):
                    item = self.model_.item(row, column)
                    font = QFont(item.font())
                    font.setBold(bold)
                    item.setFont(font)

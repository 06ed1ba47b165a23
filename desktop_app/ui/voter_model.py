"""The voter table's model: lazy, so it stays smooth at 1,000,000 rows.

Setting a query fetches only the row keys (see store.voter_queries); rows are fetched a page at
a time on the worker when the view first asks for one, and at most ``MAX_PAGES`` pages are kept.
A row not fetched yet shows an ellipsis for the few milliseconds until its page arrives. Nothing
here blocks the GUI thread.
"""

from __future__ import annotations

import array
import collections

from desktop_app.store.quality import QualityCheck
from desktop_app.store.voter_queries import VoterKeys, VoterQuery, VoterRow
from desktop_app.ui import labels, voter_ops
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QColor,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    translate,
)
from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_SESUAI, KETERANGAN_UBAH

PAGE_SIZE = 200
MAX_PAGES = 64  # 12,800 rows held: several screens either side of the one shown
PLACEHOLDER = "…"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("no", QT_TRANSLATE_NOOP("VoterTableModel", "No")),
    ("nama", QT_TRANSLATE_NOOP("VoterTableModel", "Nama")),
    ("nik", QT_TRANSLATE_NOOP("VoterTableModel", "NIK")),
    ("jenis_kelamin", QT_TRANSLATE_NOOP("VoterTableModel", "L/P")),
    ("tanggal_lahir", QT_TRANSLATE_NOOP("VoterTableModel", "Tgl lahir")),
    ("alamat", QT_TRANSLATE_NOOP("VoterTableModel", "Alamat")),
    ("rt_rw", QT_TRANSLATE_NOOP("VoterTableModel", "RT/RW")),
    ("keterangan", QT_TRANSLATE_NOOP("VoterTableModel", "Keterangan")),
    ("tps", QT_TRANSLATE_NOOP("VoterTableModel", "TPS")),
)
COLUMN_INDEX = {name: i for i, (name, _) in enumerate(COLUMNS)}

# Soft row colours per outcome, readable on a dim laptop screen in daylight.
_BACKGROUNDS = {
    KETERANGAN_SESUAI: QColor("#e6f4ea"),
    KETERANGAN_UBAH: QColor("#fff4d6"),
    KETERANGAN_BARU: QColor("#e3efff"),
}
_TMS_BACKGROUND = QColor("#fde7e7")


def _date(iso: str | None) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}" if iso and len(iso) >= 10 else ""


class VoterTableModel(QAbstractTableModel):
    keys_loaded = Signal()  # a query's keys arrived and the model was reset
    page_loaded = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query: VoterQuery | None = None
        self._quality: QualityCheck | None = None
        self._keys = VoterKeys(array.array("q"))
        self._pages: collections.OrderedDict[int, list[VoterRow | None]] = collections.OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._backgrounds = {k: QBrush(v) for k, v in _BACKGROUNDS.items()}
        self._tms_background = QBrush(_TMS_BACKGROUND)
        self.loading = False
        # Above desa level the TPS number alone repeats in every desa ("001"): name the desa.
        self.show_desa = False
        self._region_names: dict[str, str] = {}

    def set_tps_labels(
        self, *, show_desa: bool, region_names: dict[str, str] | None = None
    ) -> None:
        """How the TPS column reads: "001", or "Lunyuk Rea · 001" when rows span desa."""
        if region_names is not None:
            self._region_names = region_names
        self.show_desa = show_desa
        column = COLUMN_INDEX["tps"]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    # -- queries ----------------------------------------------------------------------------------
    @property
    def query(self) -> VoterQuery | None:
        return self._query

    @property
    def quality(self) -> QualityCheck | None:
        return self._quality

    @property
    def truncated(self) -> bool:
        return self._keys.truncated

    def set_query(self, query: VoterQuery, quality: QualityCheck | None = None) -> None:
        self._query = query
        self._quality = quality
        self._generation += 1
        generation = self._generation
        self.loading = True
        self._ctx.read(
            voter_ops.list_start(query, quality, self._ctx.election_date, PAGE_SIZE),
            lambda start: self._keys_arrived(generation, start),
            owner=self,
        )

    def reload(self) -> None:
        if self._query is not None:
            self.set_query(self._query, self._quality)

    def _keys_arrived(self, generation: int, start: voter_ops.ListStart) -> None:
        if generation != self._generation:
            return  # the officer typed on; a newer query is already on its way
        keys = start.keys
        self.beginResetModel()
        self._keys = keys
        self._pages.clear()
        self._requested.clear()
        if len(keys):
            self._pages[0] = self._page_rows(keys.pks[:PAGE_SIZE], start.first_page)
        self.endResetModel()
        self.loading = False
        self.keys_loaded.emit()
        if len(keys):
            self.page_loaded.emit(0)

    # -- pages ------------------------------------------------------------------------------------
    def _request(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        start = page * PAGE_SIZE
        pks = self._keys.pks[start : start + PAGE_SIZE]
        self._ctx.read(
            voter_ops.voter_rows(pks),
            lambda rows: self._page_arrived(generation, page, pks, rows),
            owner=self,
        )

    def _page_arrived(
        self, generation: int, page: int, pks: array.array, rows: list[VoterRow]
    ) -> None:
        self._requested.discard(page)
        if generation != self._generation:
            return
        self._pages[page] = self._page_rows(pks, rows)
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = first + len(pks) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    @staticmethod
    def _page_rows(pks: array.array, rows: list[VoterRow]) -> list[VoterRow | None]:
        by_pk = {row.pk: row for row in rows}
        # A row deleted meanwhile stays as a blank line until the next reload, never shifts rows.
        return [by_pk.get(pk) for pk in pks]

    def row_at(self, row: int) -> VoterRow | None:
        """The row if its page is loaded (asks for the page otherwise)."""
        if not 0 <= row < len(self._keys):
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        return rows[row - page * PAGE_SIZE]

    def pk_at(self, row: int) -> int | None:
        return self._keys.pks[row] if 0 <= row < len(self._keys) else None

    def row_of_pk(self, pk: int) -> int | None:
        try:
            return self._keys.pks.index(pk)
        except ValueError:
            return None

    def refresh(self, change: VotersChanged) -> None:
        """Re-read the loaded pages holding changed voters (or everything if rows were added).
        Old values stay on screen until the new ones arrive: no flicker."""
        if change.added:
            self.reload()
            return
        for page, rows in list(self._pages.items()):
            if any(row is not None and row.id in change.ids for row in rows):
                self._request(page)

    # -- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if COLUMNS[section][0] == "tps" and self.show_desa:
                return translate("VoterTableModel", "Desa · TPS")
            return translate("VoterTableModel", COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row_number = index.row()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row_number + 1
            row = self.row_at(row_number)
            if row is None:
                return PLACEHOLDER
            return self._display(row, COLUMNS[column][0])
        if role == Qt.ItemDataRole.BackgroundRole:
            row = self.row_at(row_number)
            if row is None or not row.keterangan:
                return None
            return self._backgrounds.get(row.keterangan, self._tms_background)
        if role == Qt.ItemDataRole.ToolTipRole and column == COLUMN_INDEX["keterangan"]:
            row = self.row_at(row_number)
            return labels.keterangan(row.keterangan) if row else None
        return None

    def _display(self, row: VoterRow, column: str) -> str:
        if column == "nama":
            return row.nama
        if column == "nik":
            return row.nik
        if column == "jenis_kelamin":
            return row.jenis_kelamin
        if column == "tanggal_lahir":
            return _date(row.tanggal_lahir)
        if column == "alamat":
            return row.alamat
        if column == "rt_rw":
            return f"{row.rt}/{row.rw}"
        if column == "keterangan":
            # Blank until checked, as on the paper form.
            return labels.keterangan(row.keterangan) if row.keterangan else ""
        if column == "tps":
            desa, nomor = row.tps_id.rsplit(".", 1)
            if self.show_desa:
                return f"{self._region_names.get(desa, desa)} · {nomor}"
            return nomor
        return ""

"""Search box, keterangan filter, counts and the voter table for the selected area.

Search runs as the officer types, 150 ms after the last key (a name by word prefix, a run of
digits by NIK prefix). Down or Enter in the search box moves to the first result, so a voter is
found and marked without touching the mouse."""

from __future__ import annotations

import dataclasses

from desktop_app.store.quality import QualityCheck
from desktop_app.store.voter_queries import SEARCH_CAP, KeteranganFilter, VoterQuery, VoterRow
from desktop_app.ui import labels, voter_ops
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.voter_model import COLUMN_INDEX, VoterTableModel
from desktop_app.ui.voter_table import VoterTable

SEARCH_DEBOUNCE_MS = 150
MIN_NAME_CHARS = 2
QUALITY_PREFIX = "q:"  # filter entries for data-quality findings rather than a keterangan


@dataclasses.dataclass(frozen=True)
class ListPlace:
    """Where the officer was in the list. Kept in memory across a lock, never written down:
    the search may be a name or a NIK."""

    search: str
    filter_data: str
    voter_pk: int | None


class VoterListView(QWidget):
    current_voter_changed = Signal(object)  # VoterRow | None
    results_shown = Signal()  # the table shows the results of the latest query

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._area: str | None = None
        self._keep_pk: int | None = None
        self._restored_pk: int | None = None  # selected once the first area's rows arrive

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Cari nama atau NIK…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(self)
        self.filter.setObjectName("filter")
        self._fill_filter({})
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")

        self.model = VoterTableModel(ctx, self)
        self.table = VoterTable(self)
        self.table.setObjectName("voterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: Qt never measures a million rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for name, width in (
            ("no", 40),
            ("nama", 200),
            ("nik", 138),
            ("jenis_kelamin", 34),
            ("tanggal_lahir", 80),
            ("alamat", 130),
            ("rt_rw", 60),
            ("keterangan", 150),
            ("tps", 36),
        ):
            self.table.setColumnWidth(COLUMN_INDEX[name], width)
        header.setSectionResizeMode(COLUMN_INDEX["nama"], QHeaderView.ResizeMode.Stretch)

        search_label = QLabel(self.tr("&Cari:"), self)
        search_label.setBuddy(self.search)
        filter_label = QLabel(self.tr("&Tampilkan:"), self)
        filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 3)
        top.addWidget(filter_label)
        top.addWidget(self.filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.installEventFilter(self)
        self.filter.currentIndexChanged.connect(lambda _i: self.apply())
        self.model.keys_loaded.connect(self._keys_loaded)
        self.model.page_loaded.connect(self._page_loaded)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        ctx.events.voters_changed.connect(self._voters_changed)

    # -- query ------------------------------------------------------------------------------------
    def set_area(self, area: str | None) -> None:
        self._area = area
        # Within one TPS its number on every row is noise; above a desa the number alone
        # repeats in every desa, so the desa is named beside it.
        self.table.setColumnHidden(COLUMN_INDEX["tps"], bool(area) and area.count(".") == 4)
        show_desa = not area or area.count(".") < 3
        if show_desa != self.model.show_desa:
            self.model.set_tps_labels(show_desa=show_desa)
            self.table.setColumnWidth(COLUMN_INDEX["tps"], 170 if show_desa else 36)
        self._keep_pk, self._restored_pk = self._restored_pk, None
        self.apply(force=True)
        self.refresh_counts()

    def current_query(self) -> VoterQuery:
        data = self.filter.currentData() or ""
        keterangan = KeteranganFilter.ALL if data.startswith(QUALITY_PREFIX) else data
        return VoterQuery(
            area=self._area,
            keterangan=KeteranganFilter(keterangan or KeteranganFilter.ALL),
            text=self.search_text(),
        )

    def search_text(self) -> str:
        """The text to search for: digits search NIK from the first one; a name needs two
        letters (one letter matches a quarter of the list and tells the officer nothing)."""
        text = self.search.text().strip()
        if not text.isdigit() and len(text) < MIN_NAME_CHARS:
            return ""
        return text

    def current_quality(self) -> QualityCheck | None:
        data = self.filter.currentData() or ""
        return QualityCheck(data[2:]) if data.startswith(QUALITY_PREFIX) else None

    def apply(self, *, force: bool = False) -> None:
        self._debounce.stop()
        query, quality = self.current_query(), self.current_quality()
        if not force and (query, quality) == (self.model.query, self.model.quality):
            return  # e.g. a first letter typed: names are searched from two letters on
        self.model.set_query(query, quality)

    def refresh_counts(self) -> None:
        area = self._area
        self._ctx.read(
            voter_ops.keterangan_counts(area),
            lambda counts: self._counts_arrived(area, counts),
            owner=self,
        )

    def _counts_arrived(self, area: str | None, counts: dict[str, int]) -> None:
        if area == self._area:
            self._fill_filter(counts)

    def _fill_filter(self, counts: dict[str, int]) -> None:
        """The filter lists every outcome with its count in the area, so the list doubles as
        the progress of the coklit."""
        locale = QLocale()
        total = sum(counts.values())
        tms_total = sum(n for mark, n in counts.items() if mark.isdigit())
        entries = [
            (KeteranganFilter.ALL, self.tr("Semua"), total),
            (KeteranganFilter.UNCHECKED, labels.keterangan(""), counts.get("", 0)),
            (KeteranganFilter.SESUAI, labels.keterangan("✓"), counts.get("✓", 0)),
            (KeteranganFilter.UBAH, labels.keterangan("U"), counts.get("U", 0)),
            (KeteranganFilter.BARU, labels.keterangan("B"), counts.get("B", 0)),
            (KeteranganFilter.TMS, self.tr("TMS (semua kode)"), tms_total),
        ]
        entries += [
            (KeteranganFilter.for_tms(code), labels.keterangan(str(code)), counts.get(str(code), 0))
            for code in range(1, 9)
        ]
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for value, text, n in entries:
            self.filter.addItem(f"{text} ({locale.toString(n)})" if counts else text, str(value))
        self.filter.insertSeparator(self.filter.count())
        for check, text in (
            (QualityCheck.DUPLICATE_NIK, self.tr("Temuan: NIK ganda")),
            (
                QualityCheck.NIK_MISMATCH,
                self.tr("Temuan: NIK tidak cocok (jenis kelamin/tgl lahir)"),
            ),
            (QualityCheck.UNDER_AGE, self.tr("Temuan: di bawah umur")),
            (QualityCheck.NKK_ANOMALY, self.tr("Temuan: NKK tidak wajar")),
            (QualityCheck.BIRTH_DATE_FUTURE, self.tr("Temuan: tanggal lahir di masa depan")),
            (
                QualityCheck.NOT_ELIGIBLE_STATUS,
                self.tr("Temuan: hak pilih dicabut / TNI-Polri aktif"),
            ),
        ):
            self.filter.addItem(text, QUALITY_PREFIX + str(check))
        index = self.filter.findData(current) if current else 0
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)

    # -- results ----------------------------------------------------------------------------------
    def _keys_loaded(self) -> None:
        locale = QLocale()
        n = self.model.rowCount()
        text = self.tr("%1 pemilih").replace("%1", locale.toString(n))
        if self.model.truncated:
            text = self.tr("Lebih dari %1 cocok; ketik lebih banyak untuk mempersempit.").replace(
                "%1", locale.toString(SEARCH_CAP)
            )
        self.summary.setText(text)
        row = self.model.row_of_pk(self._keep_pk) if self._keep_pk is not None else None
        if row is None and n:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 1))
            self.table.scrollTo(self.model.index(row, 1))
        else:
            self.current_voter_changed.emit(None)
        self.results_shown.emit()

    def _page_loaded(self, _page: int) -> None:
        # The current row's data may have just arrived (or changed): tell the detail panel.
        index = self.table.currentIndex()
        if index.isValid():
            row = self.model.row_at(index.row())
            if row is not None and row.pk != getattr(self, "_announced_pk", None):
                self._announce(row)

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            # Kept at once, not when the row's page arrives: a reload in between must bring the
            # cursor back to this row, where the next outcome key lands.
            self._keep_pk = self.model.pk_at(current.row())
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self._announce(row)
        elif not current.isValid():
            self._announced_pk = None
            self.current_voter_changed.emit(None)

    def _announce(self, row: VoterRow) -> None:
        self._announced_pk = row.pk
        self._keep_pk = row.pk
        self.current_voter_changed.emit(row)

    def _voters_changed(self, change: VotersChanged) -> None:
        self.model.refresh(change)
        self.refresh_counts()

    def current_row(self) -> VoterRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_pk(self) -> int | None:
        """The key of the row under the cursor, known even before its page has arrived."""
        index = self.table.currentIndex()
        return self.model.pk_at(index.row()) if index.isValid() else None

    def select_next(self) -> bool:
        """After an outcome is recorded the next voter is selected, as the next line on paper.
        False at the end of the list."""
        index = self.table.currentIndex()
        if index.isValid() and index.row() + 1 < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(index.row() + 1, 1))
            return True
        return False

    def place(self) -> ListPlace:
        return ListPlace(self.search.text(), self.filter.currentData() or "", self.current_pk())

    def restore_place(self, place: ListPlace) -> None:
        """Search, filter and selection as they were before a lock; call before the first
        area is shown (the desk restores its area itself)."""
        self.search.blockSignals(True)
        self.search.setText(place.search)
        self.search.blockSignals(False)
        index = self.filter.findData(place.filter_data) if place.filter_data else -1
        if index >= 0:
            self.filter.blockSignals(True)
            self.filter.setCurrentIndex(index)
            self.filter.blockSignals(False)
        self._restored_pk = place.voter_pk

    def reveal(self, pk: int) -> None:
        """Show and select voter ``pk``, new in the current area: the search is cleared and
        a filter that hides new voters is set back to all."""
        self._keep_pk = pk
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if self.filter.currentData() not in (str(KeteranganFilter.ALL), str(KeteranganFilter.BARU)):
            self.filter.blockSignals(True)
            self.filter.setCurrentIndex(max(self.filter.findData(str(KeteranganFilter.ALL)), 0))
            self.filter.blockSignals(False)
        self.apply(force=True)

    def keep_voter(self, pk: int | None) -> None:
        self._keep_pk = pk

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self._debounce.isActive():
                self.apply()
            self.table.setFocus()
            if not self.table.currentIndex().isValid() and self.model.rowCount():
                self.table.setCurrentIndex(self.model.index(0, 1))
            return True
        return super().eventFilter(watched, event)

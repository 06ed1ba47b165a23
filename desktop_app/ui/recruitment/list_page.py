"""The applications taken on this laptop, per body, area and state. Drafts (from a form left open
when the power went) are listed first, to be continued."""

from __future__ import annotations

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QAbstractItemView,
    QAction,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import ops, wording
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.fields import RegionPicker
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX, ApplicationListModel
from lapang_core.domain.application_number import compact_application_no
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.region import is_within

ALL = ""


class ApplicationListPage(QWidget):
    open_requested = Signal(str)  # application id
    new_requested = Signal()
    shortlist_requested = Signal()
    loaded = Signal()

    def __init__(self, ctx: DeskContext, areas: AreaLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicationListPage")
        self._ctx = ctx
        self._areas = areas
        self._all: list[ops.ApplicationRow] = []

        self.body = QComboBox(self)
        self.body.setObjectName("bodyFilter")
        self.body.addItem(self.tr("Semua badan"), ALL)
        for body in AdhocBody:
            self.body.addItem(wording.body_short(body), body.name)
        self.area = RegionPicker(self.tr("semua wilayah"), self)
        self.area.setObjectName("areaFilter")
        self.state = QComboBox(self)
        self.state.setObjectName("stateFilter")
        self.state.addItem(self.tr("Semua status"), ALL)
        self.state.addItem(wording.state("draft"), "draft")
        self.state.addItem(wording.state("submitted"), "submitted")
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("cari nama, NIK atau nomor"))
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Badan:"), self.body),
            (self.tr("Wilayah:"), self.area),
            (self.tr("Status:"), self.state),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.drafts = QLabel(self)
        self.drafts.setObjectName("draftsBanner")
        self.drafts.setWordWrap(True)
        self.drafts.setStyleSheet("background: #fff8e1; padding: 6px; border: 1px solid #e6a100;")
        self.drafts.setVisible(False)
        self.model = ApplicationListModel(areas, self)
        self.table = QTableView(self)
        self.table.setObjectName("applications")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # The work area takes the spare width alone: shared with a stretched last column it
        # was cut to "TPS 001, Desa Pulau Bungin, Kec…" at 1366×768.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            COLUMN_INDEX["area"], QHeaderView.ResizeMode.Stretch
        )
        self.empty = QLabel(self)
        self.empty.setObjectName("empty")
        self.empty.setVisible(False)

        self.new_button = QPushButton(self.tr("Pendaftaran &baru  [Ctrl+N]"), self)
        self.new_button.setObjectName("new")
        self.open_button = QPushButton(self.tr("&Buka / lanjutkan  [Enter]"), self)
        self.open_button.setObjectName("open")
        self.shortlist_button = QPushButton(self.tr("Hasil &seleksi KPU  [Ctrl+T]"), self)
        self.shortlist_button.setObjectName("shortlist")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.shortlist_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.drafts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

        for keys, slot in (
            (("Ctrl+N",), self.new_requested.emit),
            (("Ctrl+T",), self.shortlist_requested.emit),
            (("F5",), self.reload),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_current)
        self.table.addAction(open_action)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_current)
        self.shortlist_button.clicked.connect(self.shortlist_requested)
        self.body.currentIndexChanged.connect(lambda _i: self._body_changed())
        self.area.code_changed.connect(lambda _c: self.apply())
        self.state.currentIndexChanged.connect(lambda _i: self.apply())
        self.search.textChanged.connect(lambda _t: self.apply())
        self._body_changed()

    # -- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self._ctx.read(ops.list_applications(), self._show, owner=self)

    def _show(self, rows: list[ops.ApplicationRow]) -> None:
        # Drafts first (they wait for the officer), then the newest submissions.
        self._all = sorted(rows, key=lambda r: r.updated_at, reverse=True)
        self._all.sort(key=lambda r: r.state != "draft")  # stable: newest first within each
        drafts = sum(r.state == "draft" for r in rows)
        self.drafts.setText(
            self.tr(
                "%n draf belum dikirim (tersimpan otomatis). Pilih lalu tekan Enter untuk "
                "melanjutkan.",
                "",
                drafts,
            )
        )
        self.drafts.setVisible(drafts > 0)
        self.apply()
        self.loaded.emit()

    def _body_changed(self) -> None:
        name = self.body.currentData()
        if name:
            items = self._areas.items_for(AdhocBody[name])
        else:
            items = [
                (r.kode, self._areas.name(r.kode)) for r in self._areas.areas.kecamatan
            ] + self._areas.desa_items()
        self.area.set_items(items)
        self.apply()

    def apply(self) -> None:
        """Show the rows that match the filters (held in memory: no database round trip)."""
        body, state, area = self.body.currentData(), self.state.currentData(), self.area.code()
        text = self.search.text().strip().lower()
        # A number as read out over the phone: any case, with or without its dashes.
        heard = compact_application_no(text)
        rows = [
            r
            for r in self._all
            if (not body or r.body.name == body)
            and (not state or r.state == state)
            and (not area or _within(r.area_code, area))
            and (
                not text
                or text in r.nama.lower()
                or r.nik.startswith(text)
                or text in (r.application_no or "").lower()
                or (bool(heard) and heard in compact_application_no(r.application_no or ""))
            )
        ]
        current = self.current()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()  # a long work area wraps whole instead of being cut
        if rows:
            ids = [r.id for r in rows]
            self.table.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        if not self._all:
            self.empty.setText(
                self.tr("Belum ada pendaftaran di laptop ini. Tekan Ctrl+N untuk mulai.")
            )
        elif not rows:
            self.empty.setText(self.tr("Tidak ada pendaftaran yang cocok dengan saringan."))
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))

    def current(self) -> ops.ApplicationRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(row.id)


def _within(code: str, area: str) -> bool:
    try:
        return is_within(code, area)
    except ValueError:
        return code.startswith(area)

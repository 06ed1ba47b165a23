"""The reports window: pick a TPS or a desa (or any region) on the left; on the right the coklit
counts of Model A-Laporan Hasil Coklit as a table and as charts, the progress of each TPS below
it, and the exports.

A QDialog on purpose, like the recruitment window: locking the desk rejects every open dialog,
so counts and lists never stay on screen after the lock. Counting runs on the database worker;
a newer choice of area wins over an older answer still on its way."""

from __future__ import annotations

from desktop_app.reports.coklit_exports import ReportKind
from desktop_app.ui.area_selector import AreaSelector
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.messages import error_text
from desktop_app.ui.paper_choice import PaperChoice
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import (
    QAbstractItemView,
    QDialog,
    QFont,
    QFontMetrics,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLocale,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
    QSplitter,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.reports import lines, ops
from desktop_app.ui.reports.charts import OutcomeChart, Part, PartsChart
from desktop_app.ui.reports.exporter import ExportFlow

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# Writes from the desk arrive one keystroke at a time; recount once they pause.
REFRESH_MS = 400


class ReportsWindow(QDialog):
    loaded = Signal(object)  # the ops.AreaReport now on screen

    def __init__(self, ctx: DeskContext, area: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsWindow")
        self.setWindowTitle(self.tr("Laporan hasil coklit"))
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.WindowMinMaxButtonsHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        self.setModal(False)
        self._ctx = ctx
        self._request = 0
        self.area: str | None = area
        self._want_everything = area is None
        self.report: ops.AreaReport | None = None
        self.exporter = ExportFlow(ctx, self)

        self.areas = AreaSelector(ctx, self)
        self.areas.setMinimumWidth(220)

        self.title = QLabel(self)
        self.title.setObjectName("reportTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)

        self.export_recap = QPushButton(self.tr("&Rekap hasil coklit…"), self)
        self.export_recap.setToolTip(
            self.tr("Model A-Laporan Hasil Coklit ke PDF, Excel atau CSV (Ctrl+P)")
        )
        self.export_list = QPushButton(self.tr("&Daftar pemilih (Model A)…"), self)
        self.export_changes = QPushButton(self.tr("Daftar &perubahan pemilih…"), self)
        self.export_changes.setToolTip(
            self.tr("Pemilih yang diubah, baru dan TMS, dengan data semula dan data baru")
        )
        self.reload_button = QPushButton(self.tr("Muat ulang  [F5]"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Ekspor:"), self))
        for button in (self.export_recap, self.export_list, self.export_changes):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Uraian"), self.tr("L"), self.tr("P"), self.tr("Jumlah")]
        )
        self.table = QTableView(self)
        self.table.setObjectName("recapTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.setAccessibleName(self.tr("Rekap hasil coklit"))

        self.outcome_chart = OutcomeChart(self)
        self.parts_title = QLabel(self)
        self.parts_title.setObjectName("partsTitle")
        self.parts_chart = PartsChart(self)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table)
        top.addWidget(_scrolling(self.outcome_chart, self))
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setSizes([470, 570])
        self.parts_box = QWidget(self)
        parts_layout = QVBoxLayout(self.parts_box)
        parts_layout.setContentsMargins(0, 0, 0, 0)
        parts_layout.addWidget(_scrolling(self.parts_chart, self))
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(self.parts_box)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setChildrenCollapsible(False)
        self.body = body

        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.summary)
        right_layout.addLayout(buttons)
        right_layout.addWidget(body, 1)
        # The paper sits on the status line, not among the export buttons: that row is what
        # decides the window's minimum width on a 1366-pixel screen.
        self.paper = PaperChoice(ctx, self)
        paper_label = QLabel(self.tr("&Kertas:"), self)
        paper_label.setBuddy(self.paper)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(paper_label)
        status_row.addWidget(self.paper)
        right_layout.addLayout(status_row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.areas)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 1020])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)
        keep_on_screen(self, "reports", QSize(1280, 800), ctx)

        self.export_recap.clicked.connect(lambda: self.export(ReportKind.RECAP))
        self.export_list.clicked.connect(lambda: self.export(ReportKind.VOTER_LIST))
        self.export_changes.clicked.connect(lambda: self.export(ReportKind.CHANGES))
        self.reload_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.export(ReportKind.RECAP))
        self.exporter.busy_changed.connect(lambda _busy: self._update_buttons())
        self.exporter.message.connect(self.status.setText)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        ctx.events.voters_changed.connect(self._voters_changed)
        self.areas.area_selected.connect(self.show_area)
        self.areas.loaded.connect(self._areas_loaded)
        self._update_buttons()
        self._show_heading()
        self.areas.reload(select=area)

    # -- areas --------------------------------------------------------------------------------
    def _areas_loaded(self) -> None:
        # Asked for nothing, the selector falls back to the first TPS; "Semua wilayah" (what
        # the desk showed) has to be chosen explicitly, once.
        if self._want_everything:
            self._want_everything = False
            self.areas.select_area(None)

    def show_area(self, area: str | None) -> None:
        """Count ``area`` on the worker and show it (the newest request wins)."""
        self.area = area
        # Show what lies below the chosen area (a desa's TPS), one click from their reports.
        self.areas.view.expand(self.areas.view.currentIndex())
        self._request += 1
        request = self._request
        self._show_heading()
        self.summary.setText(self.tr("Menghitung…"))
        self._update_buttons()
        self._ctx.read(
            ops.load_report(area),
            lambda report: self._loaded(request, report),
            on_failure=self._failed,
            owner=self,
        )

    def refresh(self) -> None:
        self.show_area(self.area)

    def _voters_changed(self, change: VotersChanged) -> None:
        if change.added:
            self.areas.reload()  # a new voter may add a TPS, and changes the counts beside it
        self._refresh_timer.start()

    # -- showing ------------------------------------------------------------------------------
    def _show_heading(self) -> None:
        self.title.setText(self.area_title(self.area))

    def area_title(self, area: str | None) -> str:
        """ "Kelurahan Bangkinang · 14.01.01.1011", "TPS 003, Bangkinang · …", "Semua wilayah"."""
        name = self.areas.area_name(area)
        if not area:
            return name
        depth = area.count(".")
        if depth == 3:
            # Kemendagri: the first digit of the last part is 1 for a kelurahan, 2 for a desa.
            level = self.tr("Kelurahan") if area.rsplit(".", 1)[1][:1] == "1" else self.tr("Desa")
            name = f"{level} {name}"
        elif depth == 2:
            name = self.tr("Kecamatan %1").replace("%1", name)
        elif depth == 0:
            name = self.tr("Provinsi %1").replace("%1", name)
        return f"{name}  ·  {area}"

    def _loaded(self, request: int, report: ops.AreaReport) -> None:
        if request != self._request:
            return  # the officer has moved on to another area
        self.report = report
        counts = report.breakdown.total
        locale = QLocale()
        self.model.removeRows(0, self.model.rowCount())
        for line in lines.recap_lines(counts):
            label = QStandardItem(line.label)
            label.setData(line.key, KEY_ROLE)
            cells = [label]
            for value in (line.l, line.p, line.total):
                cell = QStandardItem(locale.toString(value))
                cell.setData(value, KEY_ROLE + 1)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(cell)
            if line.key in lines.TOTAL_KEYS:
                for cell in cells:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
            self.model.appendRow(cells)
        self._fit_number_columns()
        self.outcome_chart.set_counts(counts)
        self._show_parts(report)
        self.summary.setText(self._summary_text(report))
        self._update_buttons()
        self.loaded.emit(report)

    def _fit_number_columns(self) -> None:
        # Measured here, with the numbers in: sized to contents the columns were measured before
        # the data came and cut bold totals to "…"; the label column takes the rest.
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        for column in (1, 2, 3):
            texts = [self.model.headerData(column, Qt.Orientation.Horizontal)]
            texts += [self.model.item(row, column).text() for row in range(self.model.rowCount())]
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + 18)

    def _summary_text(self, report: ops.AreaReport) -> str:
        c = report.breakdown.total
        locale = QLocale()
        rows = sum(c.received.values()) + sum(c.baru.values())
        checked = sum(c.checked.values())
        percent = round(100 * checked / rows) if rows else 0
        return (
            self.tr(
                "Daftar awal %1 + pemilih baru %2 = %3 · sudah dicek %4 (%5%), belum %6 · "
                "TMS %7 · hasil coklit %8 pemilih"
            )
            .replace("%1", locale.toString(sum(c.received.values())))
            .replace("%2", locale.toString(sum(c.baru.values())))
            .replace("%3", locale.toString(rows))
            .replace("%4", locale.toString(checked))
            .replace("%5", str(percent))
            .replace("%6", locale.toString(rows - checked))
            .replace("%7", locale.toString(sum(c.tms_total.values())))
            .replace("%8", locale.toString(sum(c.result.values())))
        )

    def _show_parts(self, report: ops.AreaReport) -> None:
        parts = report.breakdown.parts
        self.parts_box.setVisible(bool(parts))
        if not parts:
            self.parts_chart.set_parts("", ())
            return
        depth = report.area.count(".") + 1 if report.area else 0
        title = {
            0: self.tr("Kemajuan coklit per provinsi"),
            1: self.tr("Kemajuan coklit per kabupaten/kota"),
            2: self.tr("Kemajuan coklit per kecamatan"),
            3: self.tr("Kemajuan coklit per desa/kelurahan"),
        }.get(depth, self.tr("Kemajuan coklit per TPS"))
        self.parts_chart.set_parts(
            title,
            [Part(code, self._part_label(code, report.names), counts) for code, counts in parts],
        )

    def _part_label(self, code: str, names: dict[str, str]) -> str:
        if code.count(".") == 4:
            return self.tr("TPS %1").replace("%1", code.rsplit(".", 1)[1])
        return names.get(code, code)

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(error_text(exc))

    def _update_buttons(self) -> None:
        idle = not self.exporter.busy
        is_tps = bool(self.area) and self.area.count(".") == 4
        self.export_recap.setEnabled(idle)
        self.export_changes.setEnabled(idle)
        self.export_list.setEnabled(idle and is_tps)
        self.export_list.setToolTip(
            self.tr("Model A-Daftar Pemilih TPS ini, dengan keterangan hasil coklit")
            if is_tps
            else self.tr("Model A-Daftar Pemilih dicetak per TPS: pilih satu TPS di kiri.")
        )

    # -- exports ------------------------------------------------------------------------------
    def export(self, kind: ReportKind) -> None:
        """Ask where to save the report of the area on screen, then write it."""
        if kind is ReportKind.VOTER_LIST and not self.export_list.isEnabled():
            return
        self.exporter.start(kind, self.area)


def _scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.StyledPanel)
    return area

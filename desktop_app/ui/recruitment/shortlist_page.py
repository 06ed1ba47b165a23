"""Selection results per unit (a kecamatan for PPK, a desa for PPS, a TPS for KPPS and
Pantarlih), as KPU sent them on pull: furthest stage first, with each stage's result and score.

While scores of a ranked stage are in and KPU has not decided yet, the "Perkiraan" column shows
where the published rule (PPK: 3× the seats to interview; PPS: 6, then 3 appointed and 3
reserves) would place each candidate — marked as an estimate, since KPU's decision is what
counts. Applicants taken on another laptop of the office show by number only."""

from __future__ import annotations

from desktop_app.store.application_outcomes import ShortlistRow, Unit, UnitShortlist
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QAction,
    QComboBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QModelIndex,
    QObject,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from desktop_app.ui.recruitment import ops, wording
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.table_model import RowsTableModel
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.selection import SelectionRule, Stage, StageResult

CTX = "ShortlistModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("preview", QT_TRANSLATE_NOOP("ShortlistModel", "Perkiraan")),
    ("application_no", QT_TRANSLATE_NOOP("ShortlistModel", "Nomor")),
    ("nama", QT_TRANSLATE_NOOP("ShortlistModel", "Nama")),
    ("stage", QT_TRANSLATE_NOOP("ShortlistModel", "Tahap")),
    ("result", QT_TRANSLATE_NOOP("ShortlistModel", "Hasil")),
    ("score", QT_TRANSLATE_NOOP("ShortlistModel", "Nilai")),
    ("note", QT_TRANSLATE_NOOP("ShortlistModel", "Catatan")),
)


class ShortlistModel(RowsTableModel):
    COLUMNS = COLUMNS
    CONTEXT = CTX

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rule: SelectionRule | None = None

    def set_rows(self, rows: tuple[ShortlistRow, ...], rule: SelectionRule | None) -> None:
        self.rule = rule
        self.replace_rows(rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row())
        if row is not None and role == Qt.ItemDataRole.DisplayRole:
            return _text(row, self.column_key(index), self.rule)
        return None


_PLACEMENTS = {
    (Stage.WRITTEN_TEST, StageResult.PASSED): QT_TRANSLATE_NOOP("ShortlistModel", "ke wawancara"),
    (Stage.WRITTEN_TEST, StageResult.FAILED): QT_TRANSLATE_NOOP("ShortlistModel", "tidak lulus"),
    (Stage.ANNOUNCEMENT, StageResult.PASSED): QT_TRANSLATE_NOOP("ShortlistModel", "terpilih"),
    (Stage.ANNOUNCEMENT, StageResult.RESERVE): QT_TRANSLATE_NOOP("ShortlistModel", "cadangan"),
    (Stage.ANNOUNCEMENT, StageResult.FAILED): QT_TRANSLATE_NOOP("ShortlistModel", "tidak terpilih"),
}


def _text(row: ShortlistRow, column: str, rule: SelectionRule | None) -> str:
    o = row.outcome
    if column == "preview":
        if row.preview is None or rule is None:
            return ""
        words = _PLACEMENTS.get((rule.decided_stage, row.preview.result))
        label = translate(CTX, words) if words else wording.stage_result(row.preview.result)
        return f"{row.preview.rank}. {label}"
    if column == "application_no":
        return o.application_no
    if column == "nama":
        return o.nama if o.local else translate("ShortlistModel", "(didaftarkan di laptop lain)")
    if column == "stage":
        return wording.stage(o.stage)
    if column == "result":
        return wording.stage_result(o.result) or translate("ShortlistModel", "menunggu")
    if column == "score":
        return "" if o.score is None else f"{o.score:g}"
    notes = []
    if row.preview is not None and row.preview.tied:
        notes.append(
            translate("ShortlistModel", "nilai sama di batas; urutan akhirnya diputuskan KPU")
        )
    if o.duplicates:
        notes.append(
            translate("ShortlistModel", "NIK ganda di KPU: %1").replace(
                "%1", ", ".join(o.duplicates)
            )
        )
    if o.note:
        notes.append(o.note)
    return "; ".join(notes)


def rule_text(body: AdhocBody) -> str:
    if body is AdhocBody.PPK:
        return translate(
            "ShortlistModel",
            "PPK: 15 nilai tes tertulis terbaik per kecamatan diundang wawancara; "
            "5 terbaik wawancara ditetapkan, 5 berikutnya cadangan.",
        )
    if body is AdhocBody.PPS:
        return translate(
            "ShortlistModel",
            "PPS: 6 nilai tes tertulis terbaik per desa diundang wawancara; "
            "3 terbaik wawancara ditetapkan, 3 berikutnya cadangan.",
        )
    return translate(
        "ShortlistModel",
        "KPPS dan Pantarlih tidak diperingkat: PPS memutuskan setiap pendaftar setelah "
        "penelitian administrasi.",
    )


def _preview_text(rule: SelectionRule | None) -> str:
    if rule is None:
        return ""
    stage = wording.stage(rule.score_stage)
    return translate(
        "ShortlistModel",
        "Nilai %1 sudah masuk tetapi KPU belum memutuskan. Kolom Perkiraan menunjukkan urutan "
        "menurut aturan; yang berlaku adalah keputusan KPU.",
    ).replace("%1", stage.lower())


class ShortlistPage(QWidget):
    back_requested = Signal()
    loaded = Signal()

    def __init__(self, ctx: DeskContext, areas: AreaLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortlistPage")
        self._ctx = ctx
        self._areas = areas
        title = QLabel(self.tr("Hasil seleksi dari KPU"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        self.unit.setMinimumContentsLength(40)
        self.rule = QLabel(self)
        self.rule.setObjectName("rule")
        self.rule.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("previewNotice")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #e3f2fd; padding: 6px; border: 1px solid #64b5f6;")
        self.preview.setVisible(False)
        self.model = ShortlistModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("shortlist")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(self)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        self.back = QPushButton(self.tr("&Kembali ke daftar  [Esc]"), self)
        self.back.setObjectName("back")

        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Unit:")))
        picker.addWidget(self.unit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(picker)
        layout.addWidget(self.rule)
        layout.addWidget(self.preview)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

        reload_action = QAction(self)
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload_action.triggered.connect(self.reload)
        self.addAction(reload_action)
        self.back.clicked.connect(self.back_requested)
        self.unit.currentIndexChanged.connect(lambda _i: self._load_unit())

    def reload(self) -> None:
        self._ctx.read(ops.list_units(), self._show_units, owner=self)

    def _show_units(self, units: list[Unit]) -> None:
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in units:
            label = self.tr("%1 — %2 (%n pendaftar)", "", unit.applications)
            label = label.replace("%1", wording.body_short(unit.body)).replace(
                "%2", self._areas.name(unit.area_code)
            )
            self.unit.addItem(label, (unit.body.name, unit.area_code))
        self.unit.blockSignals(False)
        if current is not None and self.unit.findData(current) >= 0:
            self.unit.setCurrentIndex(self.unit.findData(current))
        self.unit.setEnabled(bool(units))
        if not units:
            self.model.set_rows((), None)
            self.rule.clear()
            self.preview.setVisible(False)
            self.empty.setText(
                self.tr(
                    "Belum ada hasil seleksi dari KPU. Hasil tiap tahap datang saat "
                    "sinkronisasi; tekan F5 untuk memuat ulang."
                )
            )
            self.empty.setVisible(True)
            self.loaded.emit()
            return
        self._load_unit()

    def _load_unit(self) -> None:
        data = self.unit.currentData()
        if data is None:
            return
        body, area = data
        self._ctx.read(ops.load_shortlist(AdhocBody[body], area), self._show, owner=self)

    def _show(self, shortlist: UnitShortlist) -> None:
        self.rule.setText(rule_text(shortlist.body))
        self.preview.setText(_preview_text(shortlist.rule))
        self.preview.setVisible(shortlist.rule is not None)
        self.model.set_rows(shortlist.rows, shortlist.rule)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(False)
        self.loaded.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

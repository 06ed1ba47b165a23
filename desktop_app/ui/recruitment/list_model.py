"""The applications table: number, body, area, applicant, state, stage and what is missing.

A village office holds hundreds of applications at most, so the rows are held in full (unlike the
voter table, which pages). Stage and result columns fill once KPU's outcomes arrive on pull."""

from __future__ import annotations

import datetime as dt

from desktop_app.reports.receipt import masked_nik
from desktop_app.ui.qt import (
    QT_TRANSLATE_NOOP,
    QBrush,
    QColor,
    QModelIndex,
    QObject,
    Qt,
    translate,
)
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.ops import ApplicationRow
from desktop_app.ui.recruitment.table_model import RowsTableModel

CTX = "ApplicationListModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("application_no", QT_TRANSLATE_NOOP("ApplicationListModel", "Nomor")),
    ("body", QT_TRANSLATE_NOOP("ApplicationListModel", "Badan")),
    ("area", QT_TRANSLATE_NOOP("ApplicationListModel", "Wilayah kerja")),
    ("nama", QT_TRANSLATE_NOOP("ApplicationListModel", "Nama")),
    ("nik", QT_TRANSLATE_NOOP("ApplicationListModel", "NIK")),
    ("state", QT_TRANSLATE_NOOP("ApplicationListModel", "Status")),
    ("stage", QT_TRANSLATE_NOOP("ApplicationListModel", "Tahap")),
    ("stage_result", QT_TRANSLATE_NOOP("ApplicationListModel", "Hasil tahap")),
    ("score", QT_TRANSLATE_NOOP("ApplicationListModel", "Nilai")),
    ("missing", QT_TRANSLATE_NOOP("ApplicationListModel", "Dokumen kurang")),
    ("note", QT_TRANSLATE_NOOP("ApplicationListModel", "Catatan")),
    ("updated", QT_TRANSLATE_NOOP("ApplicationListModel", "Diperbarui")),
)
COLUMN_INDEX = {name: i for i, (name, _) in enumerate(COLUMNS)}
_DRAFT_BACKGROUND = QColor("#fff8e1")
_DUPLICATE_FOREGROUND = QColor("#8a6100")


def _local_time(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


class ApplicationListModel(RowsTableModel):
    COLUMNS = COLUMNS
    CONTEXT = CTX

    def __init__(self, areas: AreaLabels, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._areas = areas
        self._draft = QBrush(_DRAFT_BACKGROUND)
        self._duplicate = QBrush(_DUPLICATE_FOREGROUND)

    def set_rows(self, rows: list[ApplicationRow]) -> None:
        self.replace_rows(list(rows))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index.row())
        if item is None:
            return None
        column = self.column_key(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "missing" and item.missing_documents:
                return ", ".join(wording.document(d) for d in item.missing_documents)
            if column == "area":
                return item.area_code
            if column == "note":
                return _note_tooltip(item)
        if role == Qt.ItemDataRole.BackgroundRole and item.state == "draft":
            return self._draft
        if role == Qt.ItemDataRole.ForegroundRole and column == "note" and _is_duplicate(item):
            return self._duplicate
        return None

    def _text(self, item: ApplicationRow, column: str) -> str:
        if column == "application_no":
            return item.application_no or "—"
        if column == "body":
            return wording.body_short(item.body)
        if column == "area":
            return self._areas.name(item.area_code)
        if column == "nama":
            return item.nama
        if column == "nik":
            return masked_nik(item.nik)
        if column == "state":
            if item.state == "submitted":
                return wording.submitted_state(item.delivery)
            return wording.state(item.state)
        if column == "stage":
            return wording.stage(item.stage)
        if column == "stage_result":
            return wording.stage_result(item.stage_result)
        if column == "score":
            return "" if item.score is None else f"{item.score:g}"
        if column == "missing":
            return str(len(item.missing_documents)) if item.missing_documents else ""
        if column == "note":
            notes = [translate("ApplicationListModel", "NIK ganda")] if _is_duplicate(item) else []
            return "; ".join([*notes, item.kpu_note] if item.kpu_note else notes)
        return _local_time(item.updated_at)


def _is_duplicate(item: ApplicationRow) -> bool:
    return item.duplicate or bool(item.kpu_duplicates)


def _note_tooltip(item: ApplicationRow) -> str | None:
    lines = []
    if item.duplicate:
        lines.append(
            translate("ApplicationListModel", "NIK yang sama sudah mendaftar di laptop ini.")
        )
    if item.kpu_duplicates:
        lines.append(
            translate(
                "ApplicationListModel", "KPU mencatat NIK yang sama pada pendaftaran: %1"
            ).replace("%1", ", ".join(item.kpu_duplicates))
        )
    if item.kpu_note:
        lines.append(item.kpu_note)
    return "\n".join(lines) or None

"""The dashboard charts, drawn with QPainter (QtCharts is not shipped with the desk):

* ``OutcomeChart``: one horizontal bar per outcome (sesuai, ubah, baru, TMS by code, not yet
  checked) and per disability type, each split into laki-laki and perempuan;
* ``PartsChart``: one bar per TPS of a desa (or desa of a kecamatan), split by outcome, so a PPS
  member sees at a glance which TPS are done.

Colours are the Okabe-Ito set, told apart by officers with colour-blindness too; every bar also
carries its numbers as text, so nothing depends on colour alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from desktop_app.store.coklit_report import CoklitCounts
from desktop_app.ui.qt import (
    QColor,
    QEvent,
    QFont,
    QLocale,
    QPainter,
    QPalette,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QToolTip,
    QWidget,
)
from desktop_app.ui.reports import lines

L_COLOR = QColor("#0072B2")  # blue
P_COLOR = QColor("#E69F00")  # orange
OUTCOME_COLORS = {
    "sesuai": QColor("#009E73"),  # green
    "ubah": QColor("#56B4E9"),  # sky blue
    "baru": QColor("#CC79A7"),  # purple
    "tms": QColor("#D55E00"),  # vermillion
    "unchecked": QColor("#C8C8C8"),  # grey: work still to do
}

ROW_H = 20
BAR_H = 13
MARGIN = 10
SECTION_GAP = 12
LABEL_GAP = 12


@dataclasses.dataclass(frozen=True)
class Row:
    key: str
    label: str
    segments: tuple[tuple[int, QColor], ...]
    text: str  # the numbers, drawn after the bar
    tooltip: str


@dataclasses.dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


class BarChart(QWidget):
    """Horizontal stacked bars in titled sections, all on one scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setMouseTracking(True)
        self.sections: tuple[Section, ...] = ()
        self.legend: tuple[tuple[str, QColor], ...] = ()
        self.empty_text = ""

    # -- data ---------------------------------------------------------------------------------
    def set_sections(self, sections: Sequence[Section]) -> None:
        self.sections = tuple(sections)
        self.updateGeometry()
        self.update()

    # -- geometry -----------------------------------------------------------------------------
    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _label_width(self) -> int:
        """Width of the label column, gap included."""
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(r.label) for s in self.sections for r in s.rows), default=0
        )
        return min(widest + LABEL_GAP + 4, max(120, int(self.width() * 0.45)))

    def _text_width(self) -> int:
        metrics = self.fontMetrics()
        return max(
            (metrics.horizontalAdvance(r.text) for s in self.sections for r in s.rows), default=0
        )

    def _legend_height(self) -> int:
        return ROW_H + 4 if self.legend else 0

    def _rows_with_geometry(self) -> list[tuple[Section, float, list[tuple[Row, float]]]]:
        """(section, title y, [(row, row y)]) from the top of the widget."""
        y = float(MARGIN + self._legend_height())
        laid = []
        for section in self.sections:
            title_y = y
            y += ROW_H
            rows = []
            for row in section.rows:
                rows.append((row, y))
                y += ROW_H
            laid.append((section, title_y, rows))
            y += SECTION_GAP
        return laid

    def _bar_area(self) -> tuple[float, float]:
        """(x where bars start, the longest bar's width)."""
        left = MARGIN + self._label_width()
        width = self.width() - left - self._text_width() - 2 * MARGIN
        return float(left), float(max(width, 20))

    def segment_rects(self, key: str) -> list[tuple[QRectF, QColor]]:
        """Where the bar of line ``key`` is drawn, segment by segment (empty segments left out)."""
        left, full = self._bar_area()
        # One scale for the whole chart: a single voter with a disability must not draw as long
        # a bar as two hundred voters marked sesuai.
        scale = max(
            (sum(v for v, _ in r.segments) for s in self.sections for r in s.rows), default=0
        )
        scale = scale or 1
        for _section, _title_y, rows in self._rows_with_geometry():
            for row, y in rows:
                if row.key != key:
                    continue
                rects = []
                x = left
                for value, color in row.segments:
                    width = full * value / scale
                    if value:
                        rects.append((QRectF(x, y + (ROW_H - BAR_H) / 2, width, BAR_H), color))
                    x += width
                return rects
        raise KeyError(key)

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = sum(len(s.rows) + 1 for s in self.sections)
        height = 2 * MARGIN + self._legend_height() + rows * ROW_H
        height += SECTION_GAP * max(len(self.sections) - 1, 0)
        return QSize(560, max(height, 120))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 120)

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        metrics = self.fontMetrics()
        if not any(s.rows for s in self.sections):
            painter.setPen(text_color)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._paint_legend(painter, text_color)
        left, full = self._bar_area()
        label_width = self._label_width() - LABEL_GAP
        for section, title_y, rows in self._rows_with_geometry():
            painter.setFont(self._bold())
            painter.setPen(text_color)
            painter.drawText(
                QRectF(MARGIN, title_y, self.width() - 2 * MARGIN, ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                section.title,
            )
            painter.setFont(self.font())
            for row, y in rows:
                label = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width)
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(MARGIN, y, label_width, ROW_H),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    label,
                )
                # A faint track shows where a full bar would reach, so a zero reads as zero.
                painter.fillRect(
                    QRectF(left, y + (ROW_H - BAR_H) / 2, full, BAR_H),
                    self.palette().color(QPalette.ColorRole.AlternateBase),
                )
                end = left
                for rect, color in self.segment_rects(row.key):
                    painter.fillRect(rect, color)
                    end = rect.right()
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(end + 6, y, self.width() - end - 6 - MARGIN, ROW_H),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    row.text,
                )

    def _paint_legend(self, painter: QPainter, text_color: QColor) -> None:
        x = float(MARGIN)
        y = float(MARGIN)
        metrics = self.fontMetrics()
        for text, color in self.legend:
            painter.fillRect(QRectF(x, y + (ROW_H - 12) / 2, 12, 12), color)
            painter.setPen(text_color)
            painter.drawText(QPointF(x + 16, y + ROW_H / 2 + metrics.ascent() / 2 - 1), text)
            x += 16 + metrics.horizontalAdvance(text) + 18

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self._row_at(event.position().y())
            if row is not None:
                QToolTip.showText(event.globalPosition().toPoint(), row.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _row_at(self, y: float) -> Row | None:
        for _section, _title_y, rows in self._rows_with_geometry():
            for row, top in rows:
                if top <= y < top + ROW_H:
                    return row
        return None


def _n(value: int) -> str:
    return QLocale().toString(value)


class OutcomeChart(BarChart):
    """Each outcome and disability type of one area, laki-laki and perempuan side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChart")
        self.setAccessibleName(self.tr("Grafik hasil coklit per jenis kelamin"))
        self.legend = ((self.tr("Laki-laki (L)"), L_COLOR), (self.tr("Perempuan (P)"), P_COLOR))
        self.empty_text = self.tr("Belum ada pemilih di wilayah ini.")

    def set_counts(self, counts: CoklitCounts | None) -> None:
        if counts is None or not sum(counts.received.values()) + sum(counts.baru.values()):
            self.set_sections(())  # says so in words rather than drawing twenty empty bars
            return
        self.set_sections(
            (
                Section(self.tr("Hasil pengecekan"), self._rows(lines.outcome_lines(counts))),
                Section(
                    self.tr("Disabilitas (pemilih yang memenuhi syarat)"),
                    self._rows(lines.disability_lines(counts)),
                ),
            )
        )

    def _rows(self, items: list[lines.Line]) -> tuple[Row, ...]:
        return tuple(
            Row(
                line.key,
                line.label,
                ((line.l, L_COLOR), (line.p, P_COLOR)),
                self.tr("%1  (L %2 · P %3)")
                .replace("%1", _n(line.total))
                .replace("%2", _n(line.l))
                .replace("%3", _n(line.p)),
                self.tr("%1: %2 laki-laki, %3 perempuan, jumlah %4")
                .replace("%1", line.label)
                .replace("%2", _n(line.l))
                .replace("%3", _n(line.p))
                .replace("%4", _n(line.total)),
            )
            for line in items
        )


@dataclasses.dataclass(frozen=True)
class Part:
    code: str
    label: str
    counts: CoklitCounts


class PartsChart(BarChart):
    """One bar per TPS (or per desa, …): how far checking has got and what it found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partsChart")
        self.setAccessibleName(self.tr("Grafik kemajuan coklit per TPS"))
        self.legend = (
            (self.tr("Sesuai"), OUTCOME_COLORS["sesuai"]),
            (self.tr("Ubah"), OUTCOME_COLORS["ubah"]),
            (self.tr("Baru"), OUTCOME_COLORS["baru"]),
            (self.tr("TMS"), OUTCOME_COLORS["tms"]),
            (self.tr("Belum dicek"), OUTCOME_COLORS["unchecked"]),
        )
        self.empty_text = self.tr("Tidak ada TPS di bawah wilayah ini.")

    def set_parts(self, title: str, parts: Sequence[Part]) -> None:
        rows = []
        for part in parts:
            c = part.counts
            values = {
                "sesuai": sum(c.sesuai.values()),
                "ubah": sum(c.ubah.values()),
                "baru": sum(c.baru.values()),
                "tms": sum(c.tms_total.values()),
                "unchecked": sum(lines.unchecked_by_sex(c).values()),
            }
            all_rows = sum(c.received.values()) + values["baru"]
            checked = sum(c.checked.values())
            percent = round(100 * checked / all_rows) if all_rows else 0
            rows.append(
                Row(
                    part.code,
                    part.label,
                    tuple((values[k], OUTCOME_COLORS[k]) for k in OUTCOME_COLORS),
                    self.tr("%1 dari %2 dicek (%3%)")
                    .replace("%1", _n(checked))
                    .replace("%2", _n(all_rows))
                    .replace("%3", str(percent)),
                    self.tr("%1: sesuai %2, ubah %3, baru %4, TMS %5, belum dicek %6")
                    .replace("%1", part.label)
                    .replace("%2", _n(values["sesuai"]))
                    .replace("%3", _n(values["ubah"]))
                    .replace("%4", _n(values["baru"]))
                    .replace("%5", _n(values["tms"]))
                    .replace("%6", _n(values["unchecked"])),
                )
            )
        self.set_sections((Section(title, tuple(rows)),) if rows else ())

"""Writing a printed form as PDF: the body (letterhead, tables, signatures) laid out by Qt's text
engine and painted page by page, with what every page carries around it — the form's code at the
top, "Halaman X dari Y" at the foot, and the DEMO mark across a page printed from demo data. A QR
code named in the form is drawn from its modules (segno), so a scanner reads it at any zoom.

Needs a QGuiApplication (QtGui painting; no widgets)."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop_app.reports.paper import FOOTER_MM, HEADER_MM, MARGINS_MM, PaperSize
from desktop_app.reports.safe_write import write_with

if TYPE_CHECKING:  # Qt is imported where a form is painted, never when this module loads
    from desktop_app.ui.qt import QImage, QPagedPaintDevice, QPageLayout, QPainter, QRectF

# QTextDocument lays out in 96-dpi logical pixels; at any other resolution the text comes out
# scaled (150 dpi gave 6-pt type on A4).
DPI = 96
PX_PER_MM = DPI / 25.4
DEMO_MARK = "DEMO"
DEMO_LINE = "DATA CONTOH — BUKAN DATA PEMILIH ASLI"
QR_BORDER = 4  # quiet zone in modules, as ISO/IEC 18004 asks


@dataclasses.dataclass(frozen=True)
class PrintedForm:
    form: str  # "Model A-Laporan Hasil Coklit", shown top right on every page
    body_html: str
    footer: str  # "Dicetak 14-05-2026 10:32 oleh …"
    paper: PaperSize = PaperSize.A4
    landscape: bool = False
    demo: bool = False
    # <img src="qr:NAME"> in the body is drawn as a QR code of the text, module size in mm.
    qr_codes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    qr_module_mm: float = 0.8


def qr_modules(text: str) -> list[list[bool]]:
    """The dark/light modules of a QR code of ``text`` (error correction M: a crease or a
    stamp over the corner still reads), quiet zone included."""
    import segno

    code = segno.make_qr(text, error="m", boost_error=False)
    rows = [[bool(v) for v in row] for row in code.matrix]
    width = len(rows[0]) + 2 * QR_BORDER
    blank = [[False] * width for _ in range(QR_BORDER)]
    return blank + [[False] * QR_BORDER + r + [False] * QR_BORDER for r in rows] + blank


def _qr_image(text: str, scale: int) -> QImage:
    from desktop_app.ui.qt import QColor, QImage

    modules = qr_modules(text)
    size = len(modules) * scale
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        image.setPixel(x * scale + dx, y * scale + dy, black)
    return image


def qr_img_tag(name: str, text: str, module_mm: float = 0.8) -> str:
    """The <img> for the body; its size in layout pixels so the code prints module_mm per
    module."""
    side = round(len(qr_modules(text)) * module_mm * PX_PER_MM)
    return f"<img src='qr:{name}' width='{side}' height='{side}'>"


def _page_layout(form: PrintedForm) -> QPageLayout:
    from desktop_app.ui.qt import QMarginsF, QPageLayout, QPageSize, QSizeF

    width, height = form.paper.size_mm
    size = QPageSize(
        QSizeF(width, height),
        QPageSize.Unit.Millimeter,
        form.paper.value,
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    orientation = (
        QPageLayout.Orientation.Landscape if form.landscape else QPageLayout.Orientation.Portrait
    )
    # The printable area is set by our own margins below; the page itself has none.
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def _draw_demo(painter: QPainter, page: QRectF) -> None:
    from desktop_app.ui.qt import QColor, QFont, QRectF, Qt

    painter.save()
    painter.setOpacity(0.22)
    painter.setPen(QColor(120, 120, 120))
    painter.translate(page.center())
    painter.rotate(-35)
    big = QFont("sans-serif")
    big.setBold(True)
    big.setPixelSize(int(min(page.width(), page.height()) * 0.28))
    painter.setFont(big)
    span = min(page.width(), page.height()) * 0.9
    painter.drawText(
        QRectF(-span / 2, -span / 4, span, span / 2), Qt.AlignmentFlag.AlignCenter, DEMO_MARK
    )
    small = QFont("sans-serif")
    small.setBold(True)
    small.setPixelSize(int(min(page.width(), page.height()) * 0.035))
    painter.setFont(small)
    painter.drawText(
        QRectF(-span / 2, span / 5, span, span / 10), Qt.AlignmentFlag.AlignCenter, DEMO_LINE
    )
    painter.restore()


def _draw_frame(
    painter: QPainter, form: PrintedForm, inner: QRectF, page_no: int, pages: int
) -> None:
    """The form's code above the body, the footer line and page number below it."""
    from desktop_app.ui.qt import QColor, QFont, QRectF, Qt

    painter.save()
    font = QFont("sans-serif")
    font.setPixelSize(round(3.0 * PX_PER_MM))  # about 8.5 pt
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0))
    header = QRectF(inner.left(), inner.top(), inner.width(), HEADER_MM * PX_PER_MM)
    label = form.form.upper()
    box = painter.fontMetrics().boundingRect(label).width() + 4 * PX_PER_MM
    code_box = QRectF(header.right() - box, header.top(), box, header.height() * 0.75)
    painter.drawRect(code_box)
    painter.drawText(code_box, Qt.AlignmentFlag.AlignCenter, label)
    footer = QRectF(
        inner.left(), inner.bottom() - FOOTER_MM * PX_PER_MM, inner.width(), FOOTER_MM * PX_PER_MM
    )
    painter.drawLine(footer.topLeft(), footer.topRight())
    text = QRectF(footer.left(), footer.top() + 1.5 * PX_PER_MM, footer.width(), footer.height())
    left = f"{DEMO_LINE} · {form.footer}" if form.demo else form.footer
    painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, left)
    painter.drawText(
        text,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        f"Halaman {page_no} dari {pages}",
    )
    painter.restore()


def render_pages(form: PrintedForm, writer: QPagedPaintDevice) -> int:
    """Lay out the body and paint every page on ``writer``; returns the page count."""
    from desktop_app.ui.qt import (
        QAbstractTextDocumentLayout,
        QPainter,
        QRectF,
        QSizeF,
        QTextDocument,
        QUrl,
    )

    writer.setPageLayout(_page_layout(form))
    writer.setResolution(DPI)
    page = QRectF(writer.pageLayout().fullRectPixels(DPI))
    m = MARGINS_MM
    inner = page.adjusted(
        m.left * PX_PER_MM, m.top * PX_PER_MM, -m.right * PX_PER_MM, -m.bottom * PX_PER_MM
    )
    body = inner.adjusted(0, HEADER_MM * PX_PER_MM, 0, -FOOTER_MM * PX_PER_MM)

    document = QTextDocument()
    document.setDocumentMargin(0)
    scale = max(1, round(form.qr_module_mm * PX_PER_MM * 4))  # 4 image pixels per drawn pixel
    for name, text in form.qr_codes.items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"qr:{name}"), _qr_image(text, scale)
        )
    document.setHtml(form.body_html)
    document.setPageSize(QSizeF(body.width(), body.height()))
    pages = document.pageCount()

    painter = QPainter(writer)
    try:
        layout = document.documentLayout()
        for index in range(pages):
            if index:
                writer.newPage()
            _draw_frame(painter, form, inner, index + 1, pages)
            painter.save()
            painter.translate(body.left(), body.top() - index * body.height())
            clip = QRectF(0, index * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            layout.draw(painter, context)
            painter.restore()
            if form.demo:
                _draw_demo(painter, inner)
    finally:
        painter.end()
    return pages


def write_printed_pdf(
    form: PrintedForm, path: pathlib.Path, *, overwrite: bool = False
) -> pathlib.Path:
    """Write ``form`` to ``path`` atomically (safe_write)."""
    from desktop_app.ui.qt import QPdfWriter

    def writer(tmp: pathlib.Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setCreator("Lapang")
        pdf.setTitle(form.form)
        render_pages(form, pdf)

    return write_with(path, writer, overwrite=overwrite)

"""The paper choice for printed forms, on the real reports window: F4/Folio chosen there is what
the exported PDF is printed on, and the desk remembers it (the receipt uses the same setting)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from desktop_app.reports.coklit_exports import ReportKind
from desktop_app.reports.paper import PaperSize
from desktop_app.ui.settings import DeskSettings
from tests.ui.test_reports_window import TPS1, desa_dir, desa_window, open_and_wait  # noqa: F401

MM_PER_PT = 25.4 / 72


def test_a4_by_default_f4_when_chosen_and_remembered(qtbot, desa_window, desa_dir, tmp_path):  # noqa: F811
    reports = open_and_wait(qtbot, desa_window, TPS1)
    assert reports.paper.paper is PaperSize.A4  # a fresh desk prints on A4
    reports.paper.setCurrentIndex(reports.paper.findData("F4"))
    assert DeskSettings.load(desa_dir).paper_size == "F4"  # saved for the next start
    pdf = tmp_path / "rekap.pdf"
    reports.exporter.export_to(ReportKind.RECAP, TPS1, pdf)
    qtbot.waitUntil(lambda: not reports.exporter.busy, timeout=10_000)
    page = PdfReader(pdf).pages[0].mediabox
    assert float(page.width) * MM_PER_PT == pytest.approx(215, abs=0.2)
    assert float(page.height) * MM_PER_PT == pytest.approx(330, abs=0.2)

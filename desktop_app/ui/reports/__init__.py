"""Coklit reports per TPS and per desa: Model A-Laporan Hasil Coklit as a table and charts, the
progress of each TPS, and exports (recap, Model A-Daftar Pemilih, Model A-Daftar Perubahan
Pemilih) to PDF, Excel and CSV.

The desk opens it with ``open_reports(main_window, ctx, area)``."""

from __future__ import annotations

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QWidget, qt_object_alive
from desktop_app.ui.reports.window import ReportsWindow

__all__ = ["ReportsWindow", "open_reports"]


def open_reports(parent: QWidget, ctx: DeskContext, area: str | None) -> ReportsWindow:
    """Show the reports window for ``area`` (a TPS id, a region code, or None for everything).

    One window per desk: a second call raises the open one and switches it to ``area``.
    ``parent`` should be the main window, so that locking the desk closes this window with the
    other dialogs."""
    for child in parent.findChildren(ReportsWindow):
        if qt_object_alive(child) and child.isVisible():
            if area != child.area:
                child.areas.select_area(area)
            child.raise_()
            child.activateWindow()
            return child
    window = ReportsWindow(ctx, area, parent)
    window.finished.connect(window.deleteLater)
    window.show()
    return window

"""Recruitment of ad hoc bodies (PPK, PPS, KPPS, Pantarlih) at the village or kecamatan office:
offline application forms with the administrative check as the officer types, self-saving
drafts, submission into the outbox, and the applicant's receipt.

The desk opens it with ``open_recruitment(main_window, ctx)``."""

from __future__ import annotations

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QWidget, qt_object_alive
from desktop_app.ui.recruitment.window import RecruitmentWindow

__all__ = ["RecruitmentWindow", "open_recruitment"]


def open_recruitment(parent: QWidget, ctx: DeskContext) -> RecruitmentWindow:
    """Show the recruitment window (one per desk: a second call raises the open one).

    ``parent`` should be the main window, so that locking the desk closes this window with the
    other dialogs (after queuing a save of the form on screen)."""
    for child in parent.findChildren(RecruitmentWindow):
        if qt_object_alive(child) and child.isVisible():
            child.raise_()
            child.activateWindow()
            return child
    window = RecruitmentWindow(ctx, parent)
    window.finished.connect(window.deleteLater)
    window.show()
    return window

"""Recruitment of ad hoc bodies (PPK, PPS, KPPS, Pantarlih) at the village or kecamatan office:
offline application forms with the administrative check as the officer types, self-saving
drafts, submission into the outbox, and the applicant's receipt.

The desk opens it with ``open_recruitment(main_window, ctx)``."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QAction, QWidget, qt_object_alive
from desktop_app.ui.recruitment.window import RecruitmentWindow

__all__ = ["RecruitmentWindow", "open_recruitment"]


def open_recruitment(
    parent: QWidget, ctx: DeskContext, desk_actions: Sequence[QAction] = ()
) -> RecruitmentWindow:
    """Show the recruitment window (one per desk: a second call raises the open one).

    ``parent`` should be the main window, so that locking the desk closes this window with the
    other dialogs (after queuing a save of the form on screen). ``desk_actions`` are the desk's
    actions whose keys work here too (F9 syncs from any window of the desk)."""
    for child in parent.findChildren(RecruitmentWindow):
        if qt_object_alive(child) and child.isVisible():
            child.raise_()
            child.activateWindow()
            return child
    window = RecruitmentWindow(ctx, parent)
    # The desk's own QAction, not a copy: one shortcut, enabled and disabled with the desk's.
    window.addActions(list(desk_actions))
    window.finished.connect(window.deleteLater)
    window.show()
    return window

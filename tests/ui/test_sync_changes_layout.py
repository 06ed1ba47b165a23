"""The sync window's "Perubahan" tab on a real desk: the table starts right below the summary
line, in both languages: an empty bundle-result line used to leave a blank strip there (the line
appearing once there is something to say: test_sync_bundle_standing)."""

from __future__ import annotations

import pytest

from desktop_app.ui import i18n
from desktop_app.ui.sync.history import TAB_CHANGES, SyncHistoryDialog
from tests.ui.helpers import wait_idle


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_changes_table_starts_right_below_the_summary(qtbot, window, desk, language):
    desk.mark_sesuai()  # a change to list
    wait_idle(qtbot, window)
    i18n.install_language(language)
    try:
        dialog = SyncHistoryDialog(window.ctx, None, desk)
        qtbot.addWidget(dialog)
        dialog.tabs.setCurrentIndex(TAB_CHANGES)
        dialog.show()
        tab = dialog.changes
        qtbot.waitUntil(lambda: tab.loaded and tab.table.model_.rowCount() == 1, timeout=5000)
        qtbot.waitExposed(dialog)
        summary_bottom = max(tab.summary.geometry().bottom(), tab.receive.geometry().bottom())
        gap = tab.table.geometry().top() - summary_bottom - 1
        assert 0 <= gap <= tab.layout().spacing(), gap
        assert not tab.result.isVisible()

        dialog.close()
    finally:
        i18n.install_language("id")

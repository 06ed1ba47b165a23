"""A TMS-8 move KPU refuses reaches the officer as one plain message on both halves: that KPU
still has the person at the old TPS, why, and how to fix it (issue 16, item 5)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_service import VoterService
from desktop_app.ui.sync.history import TAB_REFUSED
from lapang_core.domain.region import parse_tps_id
from lapang_core.domain.voter import imported_voter_id
from tests.support.sync_env import area_voters
from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import enrolled_vault, open_desk, sync_config


def _move_a_voter_kpu_does_not_have(store) -> None:
    """A row on this laptop's list that KPU never had (an older list): the move KPU refuses
    for what the laptop cannot know."""
    record = dataclasses.replace(area_voters(1, seed=4242)[0], dpid="990000001", keterangan="")
    import_voters(store, [record], source="older list")
    desa, nomor = parse_tps_id(record.tps_id)
    VoterService(store).tms8_move(imported_voter_id(record), f"{desa}.{nomor % 999 + 1:03d}")


def test_a_refused_move_says_where_kpu_has_the_voter_and_what_to_do(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(
        tmp_path, server, recovery_keys[1], prepare=_move_a_voter_kpu_does_not_have
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    assert finished.args[0].refused == 2  # the mark and the voter it added: both refused
    desk.open_sync_history()
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    refused = history.runs.refused.model_
    texts = {refused.item(r, 2).text() for r in range(refused.rowCount())}
    (text,) = texts  # one message for the two halves
    assert "masih terdaftar di TPS lama" in text  # where KPU has the person
    assert "Pemilih ini tidak ada di data KPU untuk wilayah tugas laptop ini." in text  # why
    assert "Cara memperbaiki" in text  # what to do
    assert {refused.item(r, 1).text() for r in range(refused.rowCount())} == {
        "TMS",
        "Pemilih baru",
    }
    assert history.tabs.tabText(TAB_REFUSED) == "Ditolak KPU (2)"
    history.reject()


def test_the_officer_undoes_a_refused_move_and_the_laptop_matches_kpu(
    qtbot, tmp_path, server, recovery_keys
):
    """The quarantine offers the undo the message names: after it the voter added at the new
    TPS is off the laptop's lists and the old row has lost its TMS-8 mark, as at KPU."""
    data_dir = enrolled_vault(
        tmp_path, server, recovery_keys[1], prepare=_move_a_voter_kpu_does_not_have
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000):
        desk.act_sync.trigger()
    wait_idle(qtbot, window)
    desk.open_sync_history()
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    history.tabs.setCurrentIndex(TAB_REFUSED)
    tab = history.refused
    assert not tab.undo_button.isEnabled()  # nothing chosen yet
    tab.table.select_first()
    assert tab.undo_button.isEnabled()

    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    box = tab.confirm_box
    assert box is not None and box.isVisible()
    with qtbot.waitSignal(window.ctx.events.voters_changed, timeout=5000):
        box.findChild(QPushButton, "confirmUndo").click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not tab.undo_button.isEnabled(), timeout=5000)

    # The row at the new TPS is gone from every list; the old row is unmarked.
    desk.areas.select_area(None)
    wait_idle(qtbot, window)
    moved_name = area_voters(1, seed=4242)[0].nama
    model = desk.voters.model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    same = [r for r in rows if r is not None and r.nama == moved_name]
    assert [r.keterangan for r in same] == [""]
    # Both refused halves stay in the quarantine, with their reason.
    assert tab.table.model_.rowCount() == 2
    history.reject()
    window.close()

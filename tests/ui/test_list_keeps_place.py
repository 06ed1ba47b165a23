"""The list keeps the officer's place and says where a row is: a new voter is shown past the
old search, "Semua wilayah" names the desa beside the TPS, and a lock keeps search and
selection — on real widgets over a real vault."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.ui.voter_model import COLUMN_INDEX
from tests.ui.helpers import unlock, wait_idle
from tests.ui.test_outcomes import _fill_new_voter


def _shown(desk) -> list:
    model = desk.voters.model
    return [model.row_at(i) for i in range(model.rowCount())]


def test_all_areas_names_the_desa_beside_each_tps(qtbot, desk, window):
    tree = desk.areas.tree_data
    assert len({t.kode_desa for t in tree.tps}) == 2
    desk.areas.select_area(None)
    wait_idle(qtbot, window)
    model = desk.voters.model
    column = COLUMN_INDEX["tps"]
    first = model.index(0, column).data()
    last_index = model.index(model.rowCount() - 1, column)
    last_index.data()  # asks for the last page
    wait_idle(qtbot, window)
    last = last_index.data()
    by_tps = {t.tps_id: t for t in tree.tps}
    for text, row in ((first, model.row_at(0)), (last, model.row_at(model.rowCount() - 1))):
        tps = by_tps[row.tps_id]
        assert tree.name(tps.kode_desa) in text and f"{tps.nomor:03d}" in text
    assert first != last  # two desa, both with a TPS 001: no longer the same "001"
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Desa · TPS"

    # Inside one desa the number alone says it.
    desa = tree.tps[0].kode_desa
    desk.areas.select_area(desa)
    wait_idle(qtbot, window)
    assert model.index(0, column).data() == f"{tree.tps[0].nomor:03d}"
    assert model.headerData(column, Qt.Orientation.Horizontal) == "TPS"


def _add_voter(qtbot, desk, window) -> str:
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.dialog
    _fill_new_voter(qtbot, dialog, born=dt.date(1990, 6, 15), sex="P", nik_sex="P")
    saved = []
    dialog.saved.connect(saved.append)
    dialog.buttons.save.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    wait_idle(qtbot, window)
    return saved[0].voter_id


def test_a_new_voter_is_shown_and_selected_past_the_old_search(qtbot, desk, window):
    voters = desk.voters
    someone = desk.detail.voter.record.nama.split()[0]
    qtbot.keyClicks(voters.search, someone.lower())
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    wait_idle(qtbot, window)
    assert all(someone in r.nama for r in _shown(desk))

    voter_id = _add_voter(qtbot, desk, window)
    qtbot.waitUntil(lambda: voters.current_row() is not None, timeout=3000)
    qtbot.waitUntil(lambda: voters.current_row().id == voter_id, timeout=3000)
    assert voters.search.text() == ""
    assert voter_id in {r.id for r in _shown(desk) if r is not None}
    assert desk.detail.voter is not None
    qtbot.waitUntil(lambda: desk.detail.voter.id == voter_id, timeout=3000)


def test_a_new_voter_in_all_areas_stays_in_all_areas(qtbot, desk, window):
    desk.areas.select_area(None)
    wait_idle(qtbot, window)
    voters = desk.voters
    qtbot.keyClicks(voters.search, "zzzz")
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    wait_idle(qtbot, window)
    assert voters.model.rowCount() == 0
    voter_id = _add_voter(qtbot, desk, window)
    qtbot.waitUntil(
        lambda: voters.current_row() is not None and voters.current_row().id == voter_id,
        timeout=3000,
    )
    assert desk.areas.current_area() is None
    assert voters.model.rowCount() == 401


def test_a_lock_keeps_the_search_filter_area_and_selection(qtbot, desk, window):
    tree = desk.areas.tree_data
    second = tree.tps[1].tps_id
    desk.areas.select_area(second)
    wait_idle(qtbot, window)
    voters = desk.voters
    word = voters.model.row_at(0).nama.split()[0]
    qtbot.keyClicks(voters.search, word.lower())
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    wait_idle(qtbot, window)
    rows = _shown(desk)
    assert len(rows) >= 2
    voters.table.setCurrentIndex(voters.model.index(len(rows) - 1, 1))
    wait_idle(qtbot, window)
    chosen = voters.current_row()
    assert chosen is not None and chosen.pk != rows[0].pk

    qtbot.keyClick(voters.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.desk is None
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None)
    desk = window.desk
    qtbot.waitUntil(
        lambda: desk.voters.current_row() is not None and window.tasks.pending == 0,
        timeout=5000,
    )
    assert desk.areas.current_area() == second
    assert desk.voters.search.text() == word.lower()
    assert [r.pk for r in _shown(desk)] == [r.pk for r in rows]
    assert desk.voters.current_row().pk == chosen.pk
    qtbot.waitUntil(lambda: desk.detail.voter is not None and desk.detail.voter.id == chosen.id)


def test_a_lock_keeps_all_areas(qtbot, desk, window):
    desk.areas.select_area(None)
    wait_idle(qtbot, window)
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None and window.desk.areas.tree_data is not None)
    wait_idle(qtbot, window)
    assert window.desk.areas.current_area() is None
    assert window.desk.voters.model.rowCount() == 400

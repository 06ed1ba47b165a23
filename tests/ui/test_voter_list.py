"""The list: areas, search as you type, filters, lazy pages, keyboard navigation."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from desktop_app.store.voter_queries import KeteranganFilter
from desktop_app.store.voter_service import VoterService
from desktop_app.ui.context import VotersChanged
from desktop_app.ui.voter_model import PAGE_SIZE, PLACEHOLDER
from tests.ui.helpers import on_worker, wait_idle


def _rows_shown(qtbot, window, desk):
    wait_idle(qtbot, window)
    model = desk.voters.model
    return [model.row_at(i) for i in range(model.rowCount())]


def test_the_area_tree_lists_every_tps_and_starts_on_the_first(qtbot, desk, window):
    tree = desk.areas.tree_data
    assert len(tree.tps) == 2
    first = tree.tps[0]
    assert desk.areas.current_area() == first.tps_id
    assert desk.voters.model.rowCount() == first.voters
    assert desk.voters.summary.text() == f"{first.voters} pemilih"
    # The filter shows the coklit's progress for the area.
    assert desk.voters.filter.itemText(0) == f"Semua ({first.voters})"
    assert desk.voters.filter.itemText(1) == f"Belum dicek ({first.voters})"


def test_everything_area_pages_in_lazily(qtbot, desk, window):
    desk.areas.select_area(None)
    wait_idle(qtbot, window)
    model = desk.voters.model
    assert model.rowCount() == 400
    # Only the first page was read; the last row is a placeholder until it is asked for.
    assert model._pages.keys() == {0}
    last = model.index(399, 1)
    assert last.data() == PLACEHOLDER
    wait_idle(qtbot, window)
    assert model.index(399, 1).data() not in (PLACEHOLDER, "")
    assert set(model._pages) == {0, 399 // PAGE_SIZE}


def test_search_as_you_type_by_name_and_by_nik(qtbot, desk, window):
    voters = desk.voters
    target = desk.detail.voter.record
    word = target.nama.split()[0]
    qtbot.keyClicks(voters.search, word.lower())
    assert voters._debounce.isActive()  # nothing runs until the officer pauses
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    rows = _rows_shown(qtbot, window, desk)
    assert rows and all(any(w.startswith(word) for w in r.nama.split()) for r in rows)

    voters.search.clear()
    qtbot.keyClicks(voters.search, target.nik)
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    rows = _rows_shown(qtbot, window, desk)
    assert [r.nik for r in rows] == [target.nik]

    # Enter jumps from the search box to the first result, ready for S/U/T.
    qtbot.keyClick(voters.search, Qt.Key.Key_Return)
    assert voters.table.hasFocus()
    assert desk.voters.current_row().nik == target.nik


def test_filter_by_keterangan(qtbot, desk, window):
    voters = desk.voters
    first = desk.detail.voter
    qtbot.keyClick(voters.table, Qt.Key.Key_S)
    wait_idle(qtbot, window)
    voters.filter.setCurrentIndex(voters.filter.findData(str(KeteranganFilter.SESUAI)))
    rows = _rows_shown(qtbot, window, desk)
    assert [r.id for r in rows] == [first.id]
    assert voters.filter.currentText() == "✓ Sesuai (1)"

    voters.filter.setCurrentIndex(voters.filter.findData(str(KeteranganFilter.UNCHECKED)))
    rows = _rows_shown(qtbot, window, desk)
    total = desk.areas.tree_data.tps[0].voters
    assert len(rows) == total - 1 and first.id not in {r.id for r in rows}


def test_a_change_elsewhere_refreshes_the_row_in_place(qtbot, desk, window):
    """Rows are re-read after a write without reloading the list or moving the selection."""
    model = desk.voters.model
    row0 = model.row_at(0)
    on_worker(qtbot, window, lambda store: VoterService(store).mark_sesuai(row0.id))
    window.ctx.events.voters_changed.emit(VotersChanged(frozenset({row0.id})))
    wait_idle(qtbot, window)
    assert model.row_at(0).keterangan == "✓"
    assert model.row_at(0).pk == row0.pk


def test_filter_by_data_quality_finding(qtbot, desk, window):
    """A NIK entered twice shows up under "Temuan: NIK ganda", both rows side by side."""
    original = desk.detail.voter
    twin = dataclasses.replace(original.record, nama="DUPLIKAT", dpid=None, keterangan="")
    on_worker(qtbot, window, lambda store: VoterService(store).add_baru(twin))
    voters = desk.voters
    voters.filter.setCurrentIndex(voters.filter.findData("q:duplicate_nik"))
    rows = _rows_shown(qtbot, window, desk)
    assert {r.nik for r in rows} == {original.record.nik}
    assert sorted(r.nama for r in rows) == sorted([original.record.nama, "DUPLIKAT"])
    # Search narrows a finding list like any other.
    qtbot.keyClicks(voters.search, "duplikat")
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    assert [r.nama for r in _rows_shown(qtbot, window, desk)] == ["DUPLIKAT"]


def test_one_letter_does_not_search_names_but_one_digit_searches_nik(qtbot, desk, window):
    voters = desk.voters
    total = voters.model.rowCount()
    qtbot.keyClicks(voters.search, "a")
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    assert len(_rows_shown(qtbot, window, desk)) == total
    voters.search.clear()
    qtbot.keyClicks(voters.search, "9")  # no demo NIK starts with 9
    qtbot.waitUntil(lambda: not voters._debounce.isActive())
    assert _rows_shown(qtbot, window, desk) == []


def test_the_area_tree_is_attached_in_one_insert_with_its_totals(qtbot, desk, window):
    """Rebuilding the tree signals the view once, not once per region and TPS (at 3,600 TPS
    the per-item signals froze the GUI thread ~100 ms at every unlock, issue 12 §8); every
    region row still shows the voters of all TPS below it."""
    areas = desk.areas
    inserts = []
    areas.model.rowsInserted.connect(lambda *args: inserts.append(args))
    areas.reload()
    wait_idle(qtbot, window)
    assert len(inserts) == 1
    tree = areas.tree_data
    total = sum(t.voters for t in tree.tps)
    assert areas.model.item(0).text() == f"Semua wilayah ({total})"
    desa = tree.tps[0].kode_desa
    in_desa = sum(t.voters for t in tree.tps if t.kode_desa == desa)
    assert areas.model.items[desa].text() == f"{tree.name(desa)} ({in_desa})"
    kecamatan = desa.rsplit(".", 1)[0]
    in_kecamatan = sum(t.voters for t in tree.tps if t.kode_desa.startswith(kecamatan + "."))
    assert areas.model.items[kecamatan].text().endswith(f"({in_kecamatan})")


def test_a_search_shows_its_first_rows_at_once_without_placeholders(qtbot, desk, window):
    """The keys and the first page arrive in one worker turn: the table is reset straight onto
    real rows (one repaint per keystroke, not a placeholder screen and then another; issue 12
    §8's keystroke -> results time at 1M voters)."""
    voters = desk.voters
    model = voters.model
    target = desk.detail.voter.record
    first_cells = []
    model.modelReset.connect(lambda: first_cells.append(model.index(0, 1).data()))
    voters.search.setText(target.nik[:6])
    voters.apply(force=True)
    wait_idle(qtbot, window)
    voters.search.setText(target.nama.split()[0].lower())
    voters.apply(force=True)
    wait_idle(qtbot, window)
    assert len(first_cells) == 2
    assert PLACEHOLDER not in first_cells
    word = target.nama.split()[0]
    assert any(w.startswith(word) for w in first_cells[1].split())

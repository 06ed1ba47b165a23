"""The coklit keyboard flow on the real desk over a real vault: a fast officer's burst of outcome
keys lands on consecutive rows in order, one row per key, never skipping, never reaching the
table's type-ahead search; S never downgrades an Ubah; an outcome already recorded writes
nothing."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from desktop_app.store import outbox
from desktop_app.store.voter_queries import KeteranganFilter
from desktop_app.store.voter_service import VoterService
from tests.ui.helpers import on_worker, wait_idle

START = 6  # the row numbered 7 on screen ("No" counts from 1)
BURST = 150
# Columns a sesuai writes; everything else in a row must come through a burst untouched.
SESUAI_COLUMNS = {"keterangan", "checked_at", "checked_by"}


def _snapshot(store) -> dict[str, dict]:
    cursor = store.db.execute("SELECT * FROM voters")
    names = [d[0] for d in cursor.description]
    return {row["id"]: row for row in (dict(zip(names, r, strict=True)) for r in cursor)}


def _audit_count(store) -> int:
    return store.db.execute("SELECT count(*) FROM audit").fetchone()[0]


def _state(qtbot, window):
    return on_worker(
        qtbot,
        window,
        lambda store: (_snapshot(store), outbox.entries(store.db), _audit_count(store)),
    )


def _settle(qtbot, window) -> None:
    """Wait until the worker is idle and stays idle: queued keys may start new writes."""
    for _ in range(3):
        wait_idle(qtbot, window, timeout=60_000)
        qtbot.wait(60)
    wait_idle(qtbot, window, timeout=60_000)


def _ids_of_rows(qtbot, window, desk, rows: range) -> list[str]:
    pks = [desk.voters.model._keys.pks[r] for r in rows]
    by_pk = on_worker(
        qtbot,
        window,
        lambda store: dict(store.db.execute("SELECT pk, id FROM voters").fetchall()),
    )
    return [by_pk[pk] for pk in pks]


def _go_to_row(qtbot, window, desk, row: int) -> None:
    table = desk.voters.table
    table.setFocus()
    table.setCurrentIndex(desk.voters.model.index(row, 1))
    wanted = _ids_of_rows(qtbot, window, desk, range(row, row + 1))[0]
    qtbot.waitUntil(lambda: desk.detail.voter is not None and desk.detail.voter.id == wanted)
    wait_idle(qtbot, window)


def _press(
    qtbot, window, desk, key: Qt.Key, count: int, pause_ms: int, *, hold_saves: bool = False
) -> int:
    """Press ``key`` ``count`` times; returns how many presses came while the worker was still
    busy (a save, or the list and detail refresh after one). ``hold_saves``: in every six keys
    the worker is held busy for the first three (a slow disk, deterministically), so at least
    half the burst arrives while the save before it is in flight, whatever the machine's speed;
    the other three arrive at the natural pace, some mid-refresh."""
    mid_work = 0
    gate: threading.Event | None = None
    for i in range(count):
        if hold_saves and i % 6 == 0:
            gate = threading.Event()
            window.tasks.run(lambda _ctx, g=gate: g.wait(10))
        mid_work += window.tasks.pending > 0
        qtbot.keyClick(desk.voters.table, key)
        if gate is not None and i % 6 == 2:
            gate.set()
        # Vary the pace a little: some keys arrive mid-save, some mid-refresh.
        if pause_ms:
            qtbot.wait(pause_ms + (i % 3) * 7)
    if gate is not None:
        gate.set()
    return mid_work


def _assert_burst_marked_exactly(qtbot, window, desk, before, targets: list[str]) -> None:
    rows_before, entries_before, audit_before = before
    rows_after, entries_after, audit_after = _state(qtbot, window)
    new = entries_after[len(entries_before) :]
    assert [(e.op, e.entity_id) for e in new] == [("sesuai", t) for t in targets]
    assert audit_after - audit_before == len(targets)
    touched = set(targets)
    for voter_id, row in rows_after.items():
        old = rows_before[voter_id]
        if voter_id in touched:
            assert row["keterangan"] == "✓"
            row = {k: v for k, v in row.items() if k not in SESUAI_COLUMNS}
            old = {k: v for k, v in old.items() if k not in SESUAI_COLUMNS}
        assert row == old, f"voter at list row {voter_id} changed without a key for it"
    assert Counter(r["keterangan"] for r in rows_after.values())["✓"] == len(targets)


@pytest.mark.parametrize(
    ("pause_ms", "hold_saves", "min_mid_work"),
    [
        pytest.param(60, False, 0, id="as-reported-60ms"),
        # At least half the keys land while the save before them is in flight (held), the
        # rest at a fast officer's pace, some while the refresh after a save runs.
        pytest.param(12, True, BURST // 2, id="mid-save-12ms"),
        # Every key is in before the first save ends.
        pytest.param(0, False, BURST - 1, id="faster-than-saves"),
    ],
)
def test_a_burst_of_s_marks_exactly_the_next_150_rows(
    qtbot, desk, window, pause_ms, hold_saves, min_mid_work
):
    model = desk.voters.model
    assert model.rowCount() >= START + BURST + 1, "the first TPS is too small for this test"
    _go_to_row(qtbot, window, desk, START)
    targets = _ids_of_rows(qtbot, window, desk, range(START, START + BURST))
    before = _state(qtbot, window)

    mid_work = _press(qtbot, window, desk, Qt.Key.Key_S, BURST, pause_ms, hold_saves=hold_saves)
    _settle(qtbot, window)

    assert mid_work >= min_mid_work, "the keys did not race the saves: the test proves nothing"
    _assert_burst_marked_exactly(qtbot, window, desk, before, targets)
    assert desk.voters.table.currentIndex().row() == START + BURST


def test_a_burst_follows_the_list_as_a_nik_search_orders_it(qtbot, desk, window):
    """Searching by NIK lists the TPS in NIK order, not by name: the burst follows what is on
    screen."""
    voters = desk.voters
    prefix = desk.detail.voter.record.nik[:2]  # the province: every demo voter here has it
    qtbot.keyClicks(voters.search, prefix)
    qtbot.keyClick(voters.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: voters.model.query is not None and voters.model.query.text == prefix)
    wait_idle(qtbot, window)
    assert voters.model.rowCount() >= START + BURST + 1
    _go_to_row(qtbot, window, desk, START)
    targets = _ids_of_rows(qtbot, window, desk, range(START, START + BURST))
    niks = on_worker(
        qtbot,
        window,
        lambda store: [VoterService(store).get(t).record.nik for t in targets],
    )
    assert niks == sorted(niks)  # the burst really runs in another order than by name
    before = _state(qtbot, window)

    _press(qtbot, window, desk, Qt.Key.Key_S, BURST, 0)
    _settle(qtbot, window)

    _assert_burst_marked_exactly(qtbot, window, desk, before, targets)
    assert voters.table.currentIndex().row() == START + BURST
    assert voters.search.text() == prefix  # the keys never went into the search box


def _save_ubah_rt(qtbot, window, desk, rt: str) -> None:
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_U)
    dialog = desk.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    field = dialog.form.fields["rt"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, rt)
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert desk.dialog is None
    qtbot.waitUntil(window.isActiveWindow)


def test_s_after_saving_an_ubah_keeps_the_ubah(qtbot, desk, window):
    voter = desk.detail.voter
    _save_ubah_rt(qtbot, window, desk, "7")
    row = desk.voters.table.currentIndex().row()
    qtbot.waitUntil(lambda: desk.detail.voter.record.keterangan == "U")

    qtbot.keyClick(desk.voters.table, Qt.Key.Key_S)
    _settle(qtbot, window)

    stored = on_worker(qtbot, window, lambda store: VoterService(store).get(voter.id))
    assert (stored.record.keterangan, stored.record.rt) == ("U", "007")
    entries = on_worker(qtbot, window, lambda store: outbox.entries(store.db))
    assert [e.op for e in entries] == ["ubah"]
    # Refused in words, and the cursor stays so the officer sees which row it was.
    assert "Ubah" in desk.status.currentMessage()
    assert desk.voters.table.currentIndex().row() == row


def test_a_burst_stops_at_an_ubah_row_and_says_so(qtbot, desk, window):
    """S, S, S from row 0 with row 1 already Ubah: row 0 is Sesuai, row 1 stays Ubah, and the
    cursor waits on row 1 rather than carrying the rest of the burst past it."""
    _go_to_row(qtbot, window, desk, 1)
    _save_ubah_rt(qtbot, window, desk, "9")
    first, second, third = _ids_of_rows(qtbot, window, desk, range(0, 3))
    _go_to_row(qtbot, window, desk, 0)

    _press(qtbot, window, desk, Qt.Key.Key_S, 3, 0)
    _settle(qtbot, window)

    rows = on_worker(qtbot, window, _snapshot)
    assert [rows[v]["keterangan"] for v in (first, second, third)] == ["✓", "U", ""]
    assert desk.voters.table.currentIndex().row() == 1
    assert "Ubah" in desk.status.currentMessage()


def test_s_on_a_row_already_sesuai_writes_nothing(qtbot, desk, window):
    voter = desk.detail.voter
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_S)
    _settle(qtbot, window)
    _go_to_row(qtbot, window, desk, 0)
    rows_before, entries_before, audit_before = _state(qtbot, window)
    assert rows_before[voter.id]["keterangan"] == "✓"

    qtbot.keyClick(desk.voters.table, Qt.Key.Key_S)
    _settle(qtbot, window)

    rows_after, entries_after, audit_after = _state(qtbot, window)
    assert entries_after == entries_before and audit_after == audit_before
    assert rows_after == rows_before  # not even checked_at moves
    # The row is as the key says: the cursor goes on to the next, one row per key.
    assert desk.voters.table.currentIndex().row() == 1


def test_letters_never_move_the_cursor_by_type_ahead(qtbot, desk, window):
    """Letters that are no outcome key do nothing in the table: QAbstractItemView's keyboard
    search would jump to the first name starting with them."""
    _go_to_row(qtbot, window, desk, START)
    for key in (Qt.Key.Key_A, Qt.Key.Key_M, Qt.Key.Key_Z, Qt.Key.Key_K):
        qtbot.keyClick(desk.voters.table, key)
    _settle(qtbot, window)
    assert desk.voters.table.currentIndex().row() == START


def test_a_burst_goes_on_through_a_reload_of_the_list(qtbot, desk, window):
    """F5 in the middle of a burst reloads the list while saves are queued: the keys wait for
    it and go on from the same row."""
    _go_to_row(qtbot, window, desk, START)
    targets = _ids_of_rows(qtbot, window, desk, range(START, START + 60))
    before = _state(qtbot, window)

    _press(qtbot, window, desk, Qt.Key.Key_S, 30, 0)
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_F5)
    _press(qtbot, window, desk, Qt.Key.Key_S, 30, 0)
    _settle(qtbot, window)

    _assert_burst_marked_exactly(qtbot, window, desk, before, targets)
    assert desk.voters.table.currentIndex().row() == START + 60


def test_a_reload_that_loses_the_row_drops_the_keys_and_says_so(qtbot, desk, window):
    """Under "Belum dicek" a reload takes the rows just marked out of the list and the cursor
    with them: the keys still waiting are dropped, in words, never applied to another row."""
    voters = desk.voters
    voters.filter.setCurrentIndex(voters.filter.findData(str(KeteranganFilter.UNCHECKED)))
    qtbot.waitUntil(lambda: voters.model.query.keterangan is KeteranganFilter.UNCHECKED)
    wait_idle(qtbot, window)
    _go_to_row(qtbot, window, desk, START)
    targets = _ids_of_rows(qtbot, window, desk, range(START, START + 60))
    before = _state(qtbot, window)

    _press(qtbot, window, desk, Qt.Key.Key_S, 30, 0)
    qtbot.keyClick(voters.table, Qt.Key.Key_F5)
    _press(qtbot, window, desk, Qt.Key.Key_S, 30, 0)
    _settle(qtbot, window)

    marked = len(_state(qtbot, window)[1]) - len(before[1])
    assert 1 <= marked < 60
    _assert_burst_marked_exactly(qtbot, window, desk, before, targets[:marked])
    assert f"{60 - marked} tombol berikutnya tidak dipakai" in desk.status.currentMessage()


def test_p_on_a_row_that_is_not_tms_is_refused_in_words(qtbot, desk, window):
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_P)
    _settle(qtbot, window)
    assert "Hanya pemilih bertanda TMS yang dapat dipulihkan" in desk.status.currentMessage()
    assert on_worker(qtbot, window, lambda store: outbox.entries(store.db)) == []
    assert desk.voters.table.currentIndex().row() == 0

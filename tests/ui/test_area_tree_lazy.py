"""The area tree on a wide area set makes rows only for what the officer opens (issue 12 §8:
building every TPS row at unlock stalled the GUI thread), yet shows the same rows, totals,
keyboard behaviour and restored choice as a tree built whole — on real widgets over a real
vault."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt

from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.store.voter_queries import AreaTree, TpsSummary
from desktop_app.synthetic import generate_voters
from desktop_app.ui import i18n, voter_ops
from desktop_app.ui.area_model import AreaTreeModel
from tests.conftest import OFFICER, PASSPHRASE
from tests.ui.helpers import make_window, on_worker, unlock, wait_idle

ELECTION = dt.date(2029, 2, 14)
PROVINSI = ("91", "92", "93")
PER_LEVEL = 3  # kabupaten per provinsi, kecamatan per kabupaten
DESA_PER_KECAMATAN = 4


def _regions() -> list[tuple[str, str]]:
    """3 provinsi × 3 kabupaten × 3 kecamatan × 4 desa: 108 desa, each with several TPS."""
    rows = []
    for p in PROVINSI:
        rows.append((p, f"PROVINSI {p}"))
        for k in range(1, PER_LEVEL + 1):
            kab = f"{p}.{k:02d}"
            rows.append((kab, f"KABUPATEN {p}{k}"))
            for c in range(1, PER_LEVEL + 1):
                kec = f"{kab}.{c:02d}"
                rows.append((kec, f"KECAMATAN {p}{k}{c}"))
                for d in range(1, DESA_PER_KECAMATAN + 1):
                    rows.append((f"{kec}.{2000 + d}", f"DESA {p}{k}{c}{d}"))
    return rows


@pytest.fixture()
def wide_dir(tmp_path: pathlib.Path, recovery_keys) -> pathlib.Path:
    """A locked vault whose voters lie in ~500 TPS across three provinsi."""
    data_dir = tmp_path / "vault"
    with Vault(data_dir).create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF) as store:
        store.set_election_date(ELECTION)
        rows = _regions()
        load_regions(store, rows)
        records = generate_voters(rows, 2400, seed=12, election_date=ELECTION, tps_size=(4, 6))
        import_voters(store, records, source="test")
    return data_dir


@pytest.fixture()
def wide(qtbot, wide_dir):
    window = make_window(qtbot, wide_dir)
    _unlock(qtbot, window)
    yield window
    window.close()


def _unlock(qtbot, window):
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None)
    desk = window.desk
    qtbot.waitUntil(
        lambda: (
            desk.areas.tree_data is not None
            and desk.voters.model.rowCount() > 0
            and window.tasks.pending == 0
        ),
        timeout=5000,
    )
    return desk


def _rows_made(model, parent: QModelIndex | None = None) -> int:
    """Rows that exist in the model now (rowCount never fetches, so this makes none)."""
    parent = parent if parent is not None else QModelIndex()
    count = model.rowCount(parent)
    return count + sum(_rows_made(model, model.index(r, 0, parent)) for r in range(count))


def _store_counts(qtbot, window) -> dict[str, int]:
    """Voters per TPS and per region, straight from the store."""
    per_tps = on_worker(
        qtbot,
        window,
        lambda store: dict(store.db.execute("SELECT tps_id, count(*) FROM voters GROUP BY 1")),
    )
    counts = dict(per_tps)
    for tps_id, n in per_tps.items():
        parts = tps_id.split(".")
        for depth in range(1, 5):
            code = ".".join(parts[:depth])
            counts[code] = counts.get(code, 0) + n
    return counts


def _child(model, parent, code):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(Qt.ItemDataRole.UserRole + 1) == code:
            return index
    raise AssertionError(f"{code} is not a row under {parent.data()}")


def test_unlock_makes_only_the_top_rows_and_the_way_to_the_chosen_tps(qtbot, wide):
    desk = wide.desk
    tree = desk.areas.tree_data
    regions = {code for t in tree.tps for code in _prefixes(t.kode_desa)}
    assert len(tree.tps) > 400
    first = tree.tps[0]
    assert desk.areas.current_area() == first.tps_id
    model = desk.areas.model
    # "Semua wilayah", the three provinsi, and the siblings on the way down to the first TPS:
    # 3 kabupaten, 3 kecamatan, 4 desa and the TPS of the first desa.
    in_first_desa = sum(1 for t in tree.tps if t.kode_desa == first.kode_desa)
    assert _rows_made(model) == 1 + 3 + 3 + 3 + 4 + in_first_desa
    assert _rows_made(model) < (len(tree.tps) + len(regions)) / 10
    root = model.index(0, 0)
    other = _child(model, root, "92")
    assert model.rowCount(other) == 0 and model.hasChildren(other)
    assert desk.areas.view.isExpanded(root) and not desk.areas.view.isExpanded(other)


def _prefixes(kode: str) -> list[str]:
    parts = kode.split(".")
    return [".".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def test_an_unopened_region_shows_the_total_of_every_tps_below_it(qtbot, wide):
    desk = wide.desk
    counts = _store_counts(qtbot, wide)
    model = desk.areas.model
    root = model.index(0, 0)
    total = sum(n for code, n in counts.items() if code.count(".") == 4)
    assert root.data() == f"Semua wilayah ({QLocale().toString(total)})"  # 2.400 in Indonesian
    for code in PROVINSI:
        assert _child(model, root, code).data() == f"PROVINSI {code} ({counts[code]})"


def test_expanding_a_region_makes_its_rows_with_their_counts_in_one_insert(qtbot, wide):
    desk = wide.desk
    counts = _store_counts(qtbot, wide)
    model, view = desk.areas.model, desk.areas.view
    inserts = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append(last - first + 1))
    provinsi = _child(model, model.index(0, 0), "93")
    view.expand(provinsi)
    assert inserts == [PER_LEVEL]
    assert [model.index(r, 0, provinsi).data() for r in range(PER_LEVEL)] == [
        f"KABUPATEN 93{k} ({counts[f'93.{k:02d}']})" for k in range(1, PER_LEVEL + 1)
    ]
    # Down to a desa: its TPS rows read "TPS nnn · voters", in order.
    index = provinsi
    for code in ("93.02", "93.02.03", "93.02.03.2004"):
        index = _child(model, index, code)
        view.expand(index)
    tps_rows = [model.index(r, 0, index) for r in range(model.rowCount(index))]
    ids = sorted(t for t in counts if t.startswith("93.02.03.2004."))
    assert [i.data(Qt.ItemDataRole.UserRole + 1) for i in tps_rows] == ids
    assert [i.data() for i in tps_rows] == [f"TPS {t.rsplit('.', 1)[1]} · {counts[t]}" for t in ids]
    # The first expansion made the rows; expanding again makes none.
    view.collapse(provinsi)
    before = len(inserts)
    view.expand(provinsi)
    assert len(inserts) == before


def test_the_keyboard_opens_and_walks_regions_never_opened(qtbot, wide):
    desk = wide.desk
    view, model = desk.areas.view, desk.areas.model
    first = desk.areas.tree_data.tps[0]
    view.setFocus()
    # From the first TPS: up to its desa, close it, down to the next desa (never opened),
    # open it with Right and step onto its first TPS.
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert desk.areas.current_area() == first.kode_desa
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    next_desa = desk.areas.current_area()
    assert next_desa != first.kode_desa and next_desa.count(".") == 3
    assert model.rowCount(view.currentIndex()) == 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert model.rowCount(view.currentIndex()) > 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    tps_id = desk.areas.current_area()
    assert tps_id == f"{next_desa}.001"
    wait_idle(qtbot, wide)
    # The list follows the tree: the TPS's voters.
    counts = _store_counts(qtbot, wide)
    assert desk.voters.model.rowCount() == counts[tps_id]


def test_the_asterisk_key_opens_every_region_below_as_it_always_did(qtbot, wide):
    desk = wide.desk
    view, model = desk.areas.view, desk.areas.model
    provinsi = _child(model, model.index(0, 0), "92")
    view.setCurrentIndex(provinsi)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Asterisk)
    tps = [t for t in desk.areas.tree_data.tps if t.tps_id.startswith("92.")]
    regions = {code for t in tps for code in _prefixes(t.kode_desa)} - {"92"}
    assert _rows_made(model, provinsi) == len(regions) + len(tps)
    stack = [provinsi]
    while stack:
        index = stack.pop()
        assert view.isExpanded(index), index.data()
        stack += [
            model.index(r, 0, index)
            for r in range(model.rowCount(index))
            if model.index(r, 0, index).data(Qt.ItemDataRole.UserRole + 1).count(".") < 4
        ]


def test_a_deep_area_chosen_before_a_lock_is_restored_after_unlock(qtbot, wide):
    desk = wide.desk
    tree = desk.areas.tree_data
    last = tree.tps[-1]
    assert last.tps_id.startswith("93.03.03.2004.")
    desk.areas.select_area(last.tps_id)
    wait_idle(qtbot, wide)
    assert desk.voters.model.rowCount() == last.voters

    qtbot.keyClick(desk.voters.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert wide.desk is None
    desk = _unlock(qtbot, wide)
    assert desk.areas.current_area() == last.tps_id
    assert desk.voters.model.rowCount() == last.voters
    view, model = desk.areas.view, desk.areas.model
    index = view.currentIndex()
    while index.parent().isValid():
        assert view.isExpanded(index.parent())
        index = index.parent()
    # Only the way down to it was made: the first provinsi was never opened.
    assert model.rowCount(_child(model, model.index(0, 0), "91")) == 0


def test_choosing_an_area_below_unopened_regions_opens_the_way_to_it(qtbot, wide):
    """What the reports window and a new voter in another TPS do: select_area of a row not made
    yet makes it and its way down, and the list shows that area."""
    desk = wide.desk
    kecamatan = "92.01.02"
    desk.areas.select_area(kecamatan)
    wait_idle(qtbot, wide)
    assert desk.areas.current_area() == kecamatan
    counts = _store_counts(qtbot, wide)
    assert desk.voters.model.rowCount() == counts[kecamatan]
    assert desk.areas.view.currentIndex().data() == f"KECAMATAN 9212 ({counts[kecamatan]})"
    desk.areas.select_area("92.01.02.9999.001")  # not in the tree: nothing changes
    assert desk.areas.current_area() == kecamatan


def test_the_rows_made_on_expansion_are_translated(qapp):
    """The rows' words moved from the selector to the model with their translation context."""
    tree = AreaTree((TpsSummary("91.01.01.2001.001", "91.01.01.2001", 1, 1234),), {})
    i18n.install_language("en")
    try:
        model = AreaTreeModel()
        root = model.rebuild(tree, "91.01.01.2001.001")
        assert root.text() == f"All areas ({QLocale().toString(1234)})"
        assert model.items["91.01.01.2001.001"].text() == f"TPS 001 · {QLocale().toString(1234)}"
    finally:
        i18n.install_language("id")


def _open(view, model, *codes: str) -> None:
    """Open each region on the way down, as the officer's clicks would."""
    index = model.index(0, 0)
    for code in codes:
        index = _child(model, index, code)
        view.expand(index)


def _opened(view, model) -> set[str]:
    return {
        code
        for code, item in model.items.items()
        if code.count(".") < 4 and view.isExpanded(item.index())
    }


def _top_area(view) -> str | None:
    index = view.indexAt(QPoint(0, 0))
    assert index.isValid()
    return index.data(Qt.ItemDataRole.UserRole + 1)


def test_a_rebuild_after_a_tms8_move_keeps_the_opened_regions_choice_and_scroll(qtbot, wide):
    """An officer working through a desa with several regions open moves a voter (TMS-8): the
    tree is rebuilt with the new counts, and every region they had open stays open, the chosen
    TPS stays chosen and the rows they were looking at stay at the top — in one insert, still
    lazy."""
    desk = wide.desk
    view, model = desk.areas.view, desk.areas.model
    _open(view, model, "91", "91.02", "91.02.03")
    _open(view, model, "92", "92.02", "92.02.01", "92.02.01.2003")
    _open(view, model, "92", "92.02", "92.02.01", "92.02.01.2004")
    _open(view, model, "92", "92.03")
    _open(view, model, "93", "93.02", "93.02.02", "93.02.02.2001")
    _open(view, model, "93", "93.02", "93.02.02", "93.02.02.2002")
    desa = "92.02.01.2003"
    tps_ids = [t.tps_id for t in desk.areas.tree_data.tps if t.kode_desa == desa]
    chosen, target = tps_ids[1], tps_ids[0]
    desk.areas.select_area(chosen)
    wait_idle(qtbot, wide)
    opened = _opened(view, model)
    assert {"91.02.03", desa, "92.02.01.2004", "92.03"} <= opened
    # Scrolled so that the first provinsi's rows are above the view.
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 4)
    bar.setValue(bar.maximum() // 2)
    top = _top_area(view)
    assert top is not None and top.startswith("91.")
    counts = _store_counts(qtbot, wide)

    voter_id = on_worker(
        qtbot,
        wide,
        lambda store: store.db.execute(
            "SELECT id FROM voters WHERE tps_id = ? AND coalesce(keterangan, '') = '' LIMIT 1",
            [chosen],
        ).fetchone()[0],
    )
    inserts = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append(last - first + 1))
    with qtbot.waitSignal(desk.areas.loaded, timeout=5000):
        wide.ctx.write(voter_ops.tms8_move(voter_id, target), voter_ops.changed_moved)
    wait_idle(qtbot, wide)

    # Rebuilt: the TPS the voter moved to shows one more (the old row stays, marked TMS 8).
    assert model.items[target].text() == f"TPS {target[-3:]} · {counts[target] + 1}"
    assert inserts == [1]
    assert _opened(view, model) == opened
    assert desk.areas.current_area() == chosen
    assert view.currentIndex() == model.items[chosen].index()
    assert _top_area(view) == top
    # Still lazy: regions never opened have no rows.
    for code in ("91.03", "93.01", "93.02.02.2003"):
        assert model.rowCount(model.items[code].index()) == 0


def test_an_opened_region_gone_from_the_store_is_dropped_at_the_rebuild(qtbot, wide):
    """After a pull that took a desa's TPS away, the rebuild leaves that desa out and keeps the
    other opened regions."""
    desk = wide.desk
    view, model = desk.areas.view, desk.areas.model
    gone = "93.01.01.2002"
    _open(view, model, "93", "93.01", "93.01.01", gone)
    _open(view, model, "93", "93.01", "93.01.01", "93.01.01.2003")
    assert {gone, "93.01.01.2003"} <= _opened(view, model)
    for kecamatan in ("92.01.01", "92.01.02"):
        for desa in range(2001, 2005):
            _open(view, model, "92", "92.01", kecamatan, f"{kecamatan}.{desa}")
    # The officer was in that desa, scrolled down to it.
    desk.areas.select_area(f"{gone}.001")
    wait_idle(qtbot, wide)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 4)
    bar.setValue(bar.maximum())
    assert not view.viewport().rect().intersects(view.visualRect(model.index(0, 0)))

    def take_away(store) -> None:
        with store.db.atomic():
            store.db.execute("DELETE FROM voters WHERE tps_id LIKE ?", [f"{gone}.%"])
            store.db.execute("DELETE FROM tps WHERE kode_desa = ?", [gone])

    on_worker(qtbot, wide, take_away)
    opened = _opened(view, model) - {gone}
    with qtbot.waitSignal(desk.areas.loaded, timeout=5000):
        desk.areas.reload()
    wait_idle(qtbot, wide)
    assert gone not in model.items
    assert _opened(view, model) == opened
    # The choice falls back to the first TPS, scrolled into view.
    first = desk.areas.tree_data.tps[0].tps_id
    assert desk.areas.current_area() == first
    assert view.viewport().rect().contains(view.visualRect(view.currentIndex()))
    kecamatan = model.items["93.01.01"].index()
    assert [model.index(r, 0, kecamatan).data(Qt.ItemDataRole.UserRole + 1) for r in range(3)] == [
        "93.01.01.2001",
        "93.01.01.2003",
        "93.01.01.2004",
    ]

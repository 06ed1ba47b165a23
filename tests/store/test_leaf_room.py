"""A bulk-loaded voter list keeps room in its leaves for the first check, and no row keeps the
filler that made the room."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.store import sync_inbox
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_rows import imported_voter_id
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

ELECTION = dt.date(2029, 2, 14)


@pytest.fixture()
def records():
    regions = load_region_rows(demo_regions_path())
    return list(generate_voters(regions, 3000, seed=7, election_date=ELECTION))


def _filled(db) -> int:
    return db.execute("SELECT count(*) FROM voters WHERE original_values IS NOT NULL").fetchone()[0]


def _pages(db) -> int:
    return db.execute("PRAGMA page_count").fetchone()[0]


def test_scattered_first_checks_do_not_split_the_leaves(store, records):
    store.set_election_date(ELECTION)
    import_voters(store, records, source="test")
    assert _filled(store.db) == 0
    service = VoterService(store)
    # Warm up the outbox and audit b-trees so their own growth is steady.
    for record in records[:30]:
        service.mark_sesuai(imported_voter_id(record))
    before = _pages(store.db)

    # One voter in every ~75 rows (a few leaves apart): each first check lands in another leaf.
    for record in records[100::75]:
        service.mark_sesuai(imported_voter_id(record))

    # 39 saves add 39 outbox rows and 39 audit entries: 4 pages here. Leaves packed full by the
    # import split in about a third of first checks, each adding a page: 11 pages without the
    # room (ROOM_BYTES = 0).
    assert _pages(store.db) - before <= 7


def test_a_downloaded_list_gets_the_room_and_keeps_local_corrections(store, records):
    store.set_election_date(ELECTION)
    rows = [_pulled(r, version=1) for r in records[:500]]
    with store.db.atomic():
        sync_inbox.upsert_pulled_voters(store.db, rows)
    assert _filled(store.db) == 0
    corrected = rows[0]["id"]
    VoterService(store).ubah(corrected, {"alamat": "Jalan Pelabuhan 3"})
    with store.db.atomic():
        sync_inbox.upsert_pulled_voters(
            store.db,
            [{**_pulled(records[0], version=2), "alamat": "Jalan Pelabuhan 3"}]
            + [_pulled(r, version=1) for r in records[500:600]],
        )
    # The officer's struck-out value stays; the new rows hold no filler.
    (original,) = store.db.execute(
        "SELECT original_values FROM voters WHERE id = ?", [corrected]
    ).fetchone()
    assert "alamat" in original
    assert _filled(store.db) == 1


def _pulled(record, *, version: int) -> dict:
    from desktop_app.store.voter_rows import ROW_FIELDS, record_values

    return {
        "id": imported_voter_id(record),
        "version": version,
        **dict(zip(ROW_FIELDS, record_values(record), strict=True)),
    }


def test_verify_names_rows_left_holding_the_filler(store, records):
    store.set_election_date(ELECTION)
    import_voters(store, records[:50], source="test")
    assert verify_store(store).ok
    store.db.execute("UPDATE voters SET original_values = zeroblob(16) WHERE pk <= 2")
    report = verify_store(store)
    assert not report.ok
    assert any("2 rows still hold a bulk load's filler" in line for line in report.lines())

"""What a pull brings that is new to the officer: a voter the laptop did not hold, or one KPU
holds with other values. The officer's own change coming back with only a new version is an
echo, not news (issue 12: "7 data diterima" after sending 7 changes)."""

from __future__ import annotations

import datetime as dt

from desktop_app.store import sync_inbox
from desktop_app.store.voter_rows import ROW_FIELDS, imported_voter_id, record_values
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

ELECTION = dt.date(2029, 2, 14)


def _pulled(record, *, version: int, **values) -> dict:
    row = {"id": imported_voter_id(record), "version": version}
    row.update(zip(ROW_FIELDS, record_values(record), strict=True))
    row.update(values)
    return row


def _upsert(store, rows) -> sync_inbox.VoterUpsertCounts:
    with store.db.atomic():
        return sync_inbox.upsert_pulled_voters(store.db, rows)


def test_echoes_are_not_news_but_new_and_changed_rows_are(store):
    regions = load_region_rows(demo_regions_path())
    records = list(generate_voters(regions, 5, seed=3, election_date=ELECTION))
    first = _upsert(store, [_pulled(r, version=1) for r in records[:3]])
    assert (first.applied, first.changed) == (3, 3)  # the download: all new to this laptop

    counts = _upsert(
        store,
        [
            _pulled(records[0], version=2),  # an echo: only the version moved
            _pulled(records[1], version=2, rt="009"),  # KPU changed the RT
            _pulled(records[2], version=1),  # the same page fetched twice
            _pulled(records[3], version=1),  # a voter this laptop did not have
        ],
    )

    assert (counts.applied, counts.changed) == (4, 2)


def test_runs_from_before_the_news_count_keep_their_received_rows(tmp_path, recovery_keys):
    """Migration 10: a run recorded before echoes were told apart shows what it received."""
    from desktop_app.store import sync_state
    from tests.conftest import OFFICER, PASSPHRASE
    from tests.support.old_vaults import old_vault

    store = old_vault(tmp_path / "v9", recovery_keys[1], 9).unlock(OFFICER, PASSPHRASE)
    (run,) = sync_state.recent_runs(store.db)
    assert (run.pulled, run.pulled_new, run.upload_bytes, run.uploads_left) == (12, 12, 0, 0)
    store.close()

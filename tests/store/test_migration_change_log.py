"""Migration 9: the outbox is the one change log. voter_updates becomes a view of it, the outbox
loses its change-id index, outbox and audit become append-only, and nothing a release-8 store
held is lost on the way."""

from __future__ import annotations

import json
import uuid

import pytest

from desktop_app.store import keyslots, outbox
from desktop_app.store.connection import open_encrypted
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_service import VoterService
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.old_vaults import VOTER, old_vault

SHA = "ab" * 32

# What release 8 wrote for each outcome: the outbox payload the service built and the
# voter_updates record it wrote beside it (changes as json.dumps of {element: [old, new]}).
RELEASE_8_SAVES = [
    ("sesuai", {}, {"outcome": "sesuai"}),
    (
        "ubah",
        {
            "changes": {"alamat": "Jalan Baru 2", "rt": "004"},
            "original": {"alamat": "Dusun", "rt": "001"},
        },
        {
            "outcome": "ubah",
            "changes": json.dumps({"alamat": ["Dusun", "Jalan Baru 2"], "rt": ["001", "004"]}),
        },
    ),
    (
        "tms",
        {"code": 1, "evidence_type": "akta_kematian", "evidence_ref": "AK/12", "attachment": SHA},
        {
            "outcome": "tms",
            "tms_code": 1,
            "evidence_type": "akta_kematian",
            "evidence_ref": "AK/12",
            "attachment_sha256": SHA,
        },
    ),
    (
        "tms",
        {
            "code": 8,
            "evidence_type": "",
            "evidence_ref": "61.11.02.2003.002",
            "attachment": None,
            "target_tps_id": "61.11.02.2003.002",
            "new_voter_id": "b" * 32,
        },
        {"outcome": "tms", "tms_code": 8, "evidence_type": "", "evidence_ref": "61.11.02.2003.002"},
    ),
    ("restore", {}, {"outcome": "restore"}),
]
RECORD_COLUMNS = (
    "change_id, voter_id, outcome, tms_code, changes, evidence_type, evidence_ref, "
    "attachment_sha256, officer, created_at"
)


def _release_8_store(tmp_path, recovery_public):
    """A schema-8 vault holding one change of each kind, saved the way release 8 saved them."""
    vault = old_vault(tmp_path / "v8", recovery_public, 8)
    key = keyslots.KeySlots.load(vault.slots_path).unwrap_with_passphrase(OFFICER, PASSPHRASE)
    db = open_encrypted(vault.db_path, key)
    with db.atomic():
        for i, (op, payload, record) in enumerate(RELEASE_8_SAVES):
            entry = outbox.enqueue(
                db,
                entity="voter",
                entity_id=VOTER["id"],
                op=op,
                payload=payload,
                base_version=0,
                officer=OFFICER,
                at=f"2029-01-01T00:00:{i:02d}.000Z",
                change_id=uuid.uuid4().hex,
            )
            row = {
                "change_id": entry.change_id,
                "voter_id": VOTER["id"],
                "officer": OFFICER,
                "created_at": entry.created_at,
                **record,
            }
            db.execute(
                f"INSERT INTO voter_updates({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
    return vault, key, db


def _records(db) -> list[tuple]:
    rows = db.execute(f"SELECT {RECORD_COLUMNS} FROM voter_updates ORDER BY created_at").fetchall()
    # The changes column is JSON: compare what it says, not its spacing.
    return [(*r[:4], json.loads(r[4]) if r[4] else None, *r[5:]) for r in rows]


def test_update_records_read_from_the_outbox_are_the_ones_release_8_wrote(tmp_path, recovery_keys):
    vault, _, db = _release_8_store(tmp_path, recovery_keys[1])
    before = _records(db)
    db.close()

    store = vault.unlock(OFFICER, PASSPHRASE)

    assert _records(store.db) == before
    columns = [r[1] for r in store.db.execute("PRAGMA table_info(voters)")]
    assert "updated_at" not in columns and "checked_at" in columns
    assert store.db.execute("SELECT nama FROM voters").fetchall() == [(VOTER["nama"],)]
    assert not store.db.execute(
        "SELECT name FROM sqlite_master WHERE name = 'voter_updates_unqueued'"
    ).fetchall()
    store.close()


def test_the_outbox_keeps_its_rows_and_loses_only_the_change_id_index(tmp_path, recovery_keys):
    vault, _, db = _release_8_store(tmp_path, recovery_keys[1])
    before = db.execute("SELECT * FROM outbox ORDER BY seq").fetchall()
    db.close()

    store = vault.unlock(OFFICER, PASSPHRASE)

    assert store.db.execute("SELECT * FROM outbox ORDER BY seq").fetchall() == before
    indexes = store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'"
    ).fetchall()
    assert indexes == [("outbox_state",)]
    plan = " ".join(
        r[-1]
        for r in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq"
        )
    )
    assert "outbox_state" in plan
    store.close()


def test_a_number_whose_row_was_lost_is_not_reused_after_the_rebuild(tmp_path, recovery_keys):
    vault, _, db = _release_8_store(tmp_path, recovery_keys[1])
    (last,) = db.execute("SELECT max(seq) FROM outbox").fetchone()
    db.execute(
        "DELETE FROM voter_updates WHERE change_id IN (SELECT change_id FROM outbox WHERE seq = ?)",
        [last],
    )
    db.execute("DELETE FROM outbox WHERE seq = ?", [last])  # lost, e.g. by a repair by hand
    db.close()

    store = vault.unlock(OFFICER, PASSPHRASE)
    counters = store.db.execute("SELECT * FROM sqlite_sequence ORDER BY name").fetchall()
    saved = VoterService(store).mark_sesuai(VOTER["id"])

    assert saved.seq == last + 1
    # A save no longer writes the AUTOINCREMENT counters: the number comes from the floor.
    assert store.db.execute("SELECT * FROM sqlite_sequence ORDER BY name").fetchall() == counters
    store.close()


def test_an_update_record_without_its_change_is_kept_aside(tmp_path, recovery_keys):
    vault, _, db = _release_8_store(tmp_path, recovery_keys[1])
    db.execute(
        "INSERT INTO voter_updates(change_id, voter_id, outcome, officer, created_at) "
        "VALUES ('orphan', ?, 'sesuai', ?, '2029-01-02T00:00:00.000Z')",
        [VOTER["id"], OFFICER],
    )
    db.close()

    store = vault.unlock(OFFICER, PASSPHRASE)

    kept = store.db.execute("SELECT change_id, outcome FROM voter_updates_unqueued").fetchall()
    assert kept == [("orphan", "sesuai")]
    assert len(_records(store.db)) == len(RELEASE_8_SAVES) + 1  # seed's c1 and the five
    store.close()


def test_verify_names_a_repeated_change_id(store):
    with store.db.atomic():
        for _ in range(2):
            outbox.enqueue(
                store.db,
                entity="voter",
                entity_id="v",
                op="sesuai",
                payload={},
                base_version=0,
                officer=OFFICER,
                at="2029-01-01T00:00:00.000Z",
                change_id="c" * 32,
            )
    report = verify_store(store)
    assert not report.ok
    assert any("1 changes repeat another change's id" in line for line in report.lines())


@pytest.mark.parametrize("op", ["sesuai", "restore"])
def test_changes_without_fields_have_no_changes_column(store, op):
    with store.db.atomic():
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id="v",
            op=op,
            payload={},
            base_version=0,
            officer=OFFICER,
            at="2029-01-01T00:00:00.000Z",
        )
    assert store.db.execute("SELECT outcome, tms_code, changes FROM voter_updates").fetchall() == [
        (op, None, None)
    ]

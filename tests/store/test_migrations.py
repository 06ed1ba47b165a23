"""Every earlier schema version upgrades in place to the latest, keeping its data."""

import uuid

import pytest

from desktop_app.store import keyslots, outbox
from desktop_app.store.audit import append_audit
from desktop_app.store.connection import open_encrypted
from desktop_app.store.errors import MigrationError
from desktop_app.store.migrations import LATEST_VERSION, MIGRATIONS, schema_version
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_service import VoterService
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.old_vaults import VOTER, old_vault


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS[:-1]])
def test_upgrade_from_every_earlier_version(tmp_path, recovery_keys, version):
    vault = old_vault(tmp_path / f"v{version}", recovery_keys[1], version)
    store = vault.unlock(OFFICER, PASSPHRASE)
    assert schema_version(store.db) == LATEST_VERSION
    row = store.db.execute("SELECT nama, nik FROM voters WHERE id = ?", [VOTER["id"]]).fetchone()
    assert row == (VOTER["nama"], VOTER["nik"])
    # Search was added in version 2: the upgrade indexes names that were there before it.
    hits = store.db.execute(
        "SELECT rowid FROM voters_fts WHERE voters_fts MATCH 'amin*'"
    ).fetchall()
    assert len(hits) == 1
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1
    # Since migration 9 the update records are a view of the outbox's voter changes.
    updates = store.db.execute("SELECT change_id, voter_id, outcome FROM voter_updates").fetchall()
    assert updates == [("c1", VOTER["id"], "sesuai")]
    store.db.execute("SELECT count(*) FROM applications").fetchone()
    # Migration 11 (domain note §4): a row from before knows nothing of TNI/Polri service or a
    # court's revocation; it reads as "never served, keeps the vote", not as an error.
    record = VoterService(store).get(VOTER["id"]).record
    assert (record.status_tni_polri, record.sk_pemberhentian, record.hak_pilih_dicabut) == (
        "",
        "",
        False,
    )
    store.close()
    backup = vault.db_path.with_name(f"{vault.db_path.name}.schema{version}.bak")
    assert backup.exists()
    assert not backup.read_bytes().startswith(b"SQLite format 3")  # still encrypted


def test_fresh_store_is_at_latest_without_backup(store, vault):
    assert schema_version(store.db) == LATEST_VERSION
    assert not list(vault.data_dir.glob("*.bak"))


def test_store_from_newer_release_is_refused_untouched(store, vault):
    store.db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    store.close()
    before = vault.db_path.read_bytes()
    with pytest.raises(MigrationError, match="newer Lapang"):
        vault.unlock(OFFICER, PASSPHRASE)
    assert vault.db_path.read_bytes() == before


def test_failed_migration_rolls_back_to_previous_version(tmp_path, recovery_keys):
    vault = old_vault(tmp_path / "broken", recovery_keys[1], 3)
    # Simulate a store whose state clashes with migration 4.
    key = keyslots.KeySlots.load(vault.slots_path).unwrap_with_passphrase(OFFICER, PASSPHRASE)
    db = open_encrypted(vault.db_path, key)
    db.execute("CREATE TABLE applications (clash INTEGER)")
    db.close()
    with pytest.raises(MigrationError, match="left at schema 3"):
        vault.unlock(OFFICER, PASSPHRASE)
    db = open_encrypted(vault.db_path, key)
    assert schema_version(db) == 3
    db.close()


def _table_sql(db, name: str) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]


def test_upgrade_from_7_keeps_a_worked_store_verifiable(tmp_path, recovery_keys):
    """A store at schema 7 with changes saved the way release 7 saved them (uuid4 change ids, a
    hash-chained audit) upgrades with every change kept, passes `lapang verify`, and takes new
    saves, whose time-ordered ids mix with the old random ones."""
    vault = old_vault(tmp_path / "v7", recovery_keys[1], 7)
    key = keyslots.KeySlots.load(vault.slots_path).unwrap_with_passphrase(OFFICER, PASSPHRASE)
    db = open_encrypted(vault.db_path, key)
    with db.atomic():
        for i in range(30):
            entry = outbox.enqueue(
                db,
                entity="voter",
                entity_id=VOTER["id"],
                op="sesuai",
                payload={},
                base_version=0,
                officer=OFFICER,
                at=f"2029-01-01T00:00:{i:02d}.000Z",
                change_id=uuid.uuid4().hex,
            )
            db.execute(
                "INSERT INTO voter_updates(change_id, voter_id, outcome, officer, created_at) "
                "VALUES (?, ?, 'sesuai', ?, ?)",
                [entry.change_id, VOTER["id"], OFFICER, entry.created_at],
            )
            append_audit(
                db,
                at=entry.created_at,
                officer=OFFICER,
                action="voter.sesuai",
                entity="voter",
                entity_id=VOTER["id"],
                change_id=entry.change_id,
                detail={"outcome": "sesuai", "seq": entry.seq},
            )
        # The seeded change "c1" has no audit entry in _seed; give it one so verify can pass.
        append_audit(
            db,
            at="2029-01-01T00:01:00.000Z",
            officer=OFFICER,
            action="voter.sesuai",
            entity="voter",
            entity_id=VOTER["id"],
            change_id="c1",
            detail={},
        )
    before = db.execute(
        "SELECT change_id, voter_id, outcome FROM voter_updates ORDER BY change_id"
    ).fetchall()
    audit_before = db.execute("SELECT * FROM audit ORDER BY id").fetchall()
    db.close()

    store = vault.unlock(OFFICER, PASSPHRASE)
    db = store.db
    # Migration 9: the update records are read from the outbox, every one still there.
    assert _table_sql(db, "voter_updates").startswith("CREATE VIEW")
    assert (
        db.execute(
            "SELECT change_id, voter_id, outcome FROM voter_updates ORDER BY change_id"
        ).fetchall()
        == before
    )
    assert db.execute("SELECT * FROM audit ORDER BY id").fetchall() == audit_before
    report = verify_store(store)
    assert report.ok, report.lines()

    saved = VoterService(store).mark_sesuai(VOTER["id"])
    assert db.execute(
        "SELECT outcome FROM voter_updates WHERE change_id = ?", [saved.change_id]
    ).fetchone() == ("sesuai",)
    assert saved.seq == 32  # the outbox numbering carries on after the upgrade
    report = verify_store(store)
    assert report.ok, report.lines()
    store.close()

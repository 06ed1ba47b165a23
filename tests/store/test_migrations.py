"""Every earlier schema version upgrades in place to the latest, keeping its data."""

import secrets

import pytest

from desktop_app.store import keyslots
from desktop_app.store.connection import open_encrypted
from desktop_app.store.errors import MigrationError
from desktop_app.store.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from desktop_app.store.vault import Vault
from tests.conftest import OFFICER, PASSPHRASE

VOTER = {
    "id": "a" * 32,
    "nkk": "6111020101200001",
    "nik": "6111024107990001",
    "nama": "Siti Aminah",
    "jenis_kelamin": "P",
    "tps_id": "61.11.02.2003.001",
}


def _seed(db, version: int) -> None:
    """Rows a store at ``version`` could hold."""
    db.execute(
        "INSERT INTO regions(kode, nama, level, parent) VALUES ('61.11', 'Kayong Utara', 2, '61')"
    )
    db.execute(
        "INSERT INTO tps(id, kode_desa, nomor) VALUES ('61.11.02.2003.001', '61.11.02.2003', 1)"
    )
    cols = ", ".join(VOTER)
    db.execute(
        f"INSERT INTO voters({cols}) VALUES ({', '.join('?' * len(VOTER))})", list(VOTER.values())
    )
    db.execute(
        "INSERT INTO outbox(change_id, entity, entity_id, op, payload, created_at, officer) "
        "VALUES ('c1', 'voter', ?, 'sesuai', '{}', '2026-01-01T00:00:00Z', 'x')",
        [VOTER["id"]],
    )
    if version >= 3:
        db.execute(
            "INSERT INTO voter_updates(change_id, voter_id, outcome, officer, created_at) "
            "VALUES ('c1', ?, 'sesuai', 'x', '2026-01-01T00:00:00Z')",
            [VOTER["id"]],
        )


def _old_vault(data_dir, recovery_public, version: int) -> Vault:
    """A vault as a Lapang release at schema ``version`` left it."""
    data_dir.mkdir(parents=True)
    data_key = bytearray(secrets.token_bytes(32))
    slots = keyslots.KeySlots.new()
    slots.set_recovery_slot(recovery_public, bytes(data_key))
    slots.set_passphrase_slot(OFFICER, PASSPHRASE, bytes(data_key), keyslots.TEST_KDF)
    vault = Vault(data_dir)
    db = open_encrypted(vault.db_path, data_key, create=True)
    migrate(db, target=version)
    with db.atomic():
        db.execute("INSERT INTO settings(key, value) VALUES ('vault_id', ?)", [slots.vault_id])
        _seed(db, version)
    db.close()
    slots.save(vault.slots_path)
    return vault


@pytest.mark.parametrize("version", [m.version for m in MIGRATIONS[:-1]])
def test_upgrade_from_every_earlier_version(tmp_path, recovery_keys, version):
    vault = _old_vault(tmp_path / f"v{version}", recovery_keys[1], version)
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
    store.db.execute("SELECT count(*) FROM applications").fetchone()
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
    vault = _old_vault(tmp_path / "broken", recovery_keys[1], 3)
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

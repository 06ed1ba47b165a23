"""Stores as earlier Lapang releases left them, for the migration tests."""

from __future__ import annotations

import secrets

from desktop_app.store import keyslots
from desktop_app.store.connection import open_encrypted
from desktop_app.store.migrations import migrate
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


def seed(db, version: int) -> None:
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
    if 3 <= version < 9:  # since 9 voter_updates is a view of the outbox
        db.execute(
            "INSERT INTO voter_updates(change_id, voter_id, outcome, officer, created_at) "
            "VALUES ('c1', ?, 'sesuai', 'x', '2026-01-01T00:00:00Z')",
            [VOTER["id"]],
        )
    if version >= 5:
        db.execute(
            "INSERT INTO sync_runs(trigger, started_at, outcome, pulled) "
            "VALUES ('manual', '2026-01-01T00:00:00Z', 'ok', 12)"
        )


def old_vault(data_dir, recovery_public, version: int) -> Vault:
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
        seed(db, version)
    db.close()
    slots.save(vault.slots_path)
    return vault

import json
import os
import sqlite3

import pytest
import sqlcipher3

from desktop_app.store import keyslots
from desktop_app.store.errors import (
    RecoveryError,
    UnknownOfficer,
    UnlockThrottled,
    VaultDamaged,
    VaultExists,
    VaultNotFound,
    WeakPassphrase,
    WrongPassphrase,
)
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from tests.conftest import OFFICER, PASSPHRASE


def _fingerprint(path):
    return path.stat().st_size, path.read_bytes()


def test_create_then_unlock_reads_back(store, vault):
    store.set_setting("probe", "value")
    store.close()
    reopened = vault.unlock(OFFICER, PASSPHRASE)
    assert reopened.setting("probe") == "value"
    reopened.close()


def test_database_is_standard_sqlcipher_openable_with_raw_key(vault, recovery_keys):
    store = vault.create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF)
    store.set_setting("probe", "x")
    store.close()
    key = vault.recover_data_key(recovery_keys[0])
    # A fresh connection with SQLCipher 4 defaults and only the raw key, as DB Browser would.
    conn = sqlcipher3.connect(str(vault.db_path))
    conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
    assert conn.execute("SELECT value FROM settings WHERE key='probe'").fetchone() == ("x",)
    conn.close()
    # And it is not readable as plain SQLite.
    plain = sqlite3.connect(str(vault.db_path))
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


def test_wrong_passphrase_changes_nothing(store, vault):
    store.close()
    before_db = _fingerprint(vault.db_path)
    before_slots = vault.slots_path.read_bytes()
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        vault.unlock(OFFICER, "not-the-passphrase")
    assert _fingerprint(vault.db_path) == before_db
    assert vault.slots_path.read_bytes() == before_slots


def test_repeated_failures_slow_down(store, vault):
    store.close()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            vault.unlock(OFFICER, "wrong-wrong-wrong")
    with pytest.raises(UnlockThrottled) as waited:
        vault.unlock(OFFICER, PASSPHRASE)  # even the right one must wait now
    assert waited.value.wait_seconds > 0
    # The counter survives a restart of the app (a new Vault object).
    with pytest.raises(UnlockThrottled):
        Vault(vault.data_dir).unlock(OFFICER, PASSPHRASE)


def test_throttle_lifts_after_wait_and_success_resets(store, vault):
    store.close()
    now = [1000.0]
    vault.throttle._clock = lambda: now[0]
    for _ in range(4):
        with pytest.raises((WrongPassphrase, UnlockThrottled)):
            vault.unlock(OFFICER, "wrong-wrong-wrong")
            now[0] += 0.1
    now[0] += 301
    vault.unlock(OFFICER, PASSPHRASE).close()
    assert vault.throttle.failures(OFFICER) == 0


def test_create_refuses_existing_vault_and_leaves_it(store, vault, recovery_keys):
    store.close()
    before = _fingerprint(vault.db_path)
    with pytest.raises(VaultExists):
        vault.create("Other", "another-passphrase", recovery_keys[1], kdf=TEST_KDF)
    assert _fingerprint(vault.db_path) == before


def test_weak_passphrase_refused_before_anything_is_written(vault, recovery_keys):
    with pytest.raises(WeakPassphrase):
        vault.create(OFFICER, "short", recovery_keys[1], kdf=TEST_KDF)
    assert not vault.data_dir.exists() or not any(vault.data_dir.iterdir())


def test_missing_vault_is_reported(vault):
    with pytest.raises(VaultNotFound, match="lapang init"):
        vault.unlock(OFFICER, PASSPHRASE)


def test_foreign_plain_sqlite_file_is_refused_and_untouched(store, vault):
    store.close()
    for suffix in ("-wal", "-shm"):
        (vault.db_path.parent / (vault.db_path.name + suffix)).unlink(missing_ok=True)
    vault.db_path.unlink()
    plain = sqlite3.connect(str(vault.db_path))
    plain.execute("CREATE TABLE t(x)")
    plain.commit()
    plain.close()
    before = _fingerprint(vault.db_path)
    with pytest.raises(VaultDamaged, match="unencrypted SQLite"):
        vault.unlock(OFFICER, PASSPHRASE)
    assert _fingerprint(vault.db_path) == before


def test_damaged_database_is_refused_and_untouched(store, vault):
    store.set_setting("probe", "x")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(vault.db_path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)  # scramble the first page after the salt
    vault.db_path.write_bytes(bytes(data))
    before = _fingerprint(vault.db_path)
    with pytest.raises(VaultDamaged, match="left untouched"):
        vault.unlock(OFFICER, PASSPHRASE)
    assert _fingerprint(vault.db_path) == before


def test_database_of_another_vault_is_refused(tmp_path, recovery_keys):
    a, b = Vault(tmp_path / "a"), Vault(tmp_path / "b")
    a.create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF).close()
    b.create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF).close()
    b.slots_path.write_bytes(a.slots_path.read_bytes())
    with pytest.raises(VaultDamaged):
        b.unlock(OFFICER, PASSPHRASE)


def test_damaged_keyslot_file_is_reported(store, vault):
    store.close()
    vault.slots_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VaultDamaged, match="damaged"):
        vault.unlock(OFFICER, PASSPHRASE)


def test_edited_slot_fails_authentication(store, vault):
    store.close()
    doc = json.loads(vault.slots_path.read_text())
    slot = next(s for s in doc["slots"] if s["kind"] == "passphrase")
    slot["officer"] = OFFICER
    slot["id"] = "0" * 32  # moved slot: associated data no longer matches
    vault.slots_path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        vault.unlock(OFFICER, PASSPHRASE)


def test_change_passphrase_rewraps_slot_without_rewriting_database(store, vault):
    store.set_setting("probe", "x")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = _fingerprint(vault.db_path)
    vault.change_passphrase(OFFICER, PASSPHRASE, "a-new-long-passphrase", kdf=TEST_KDF)
    assert _fingerprint(vault.db_path) == before
    with pytest.raises(WrongPassphrase):
        vault.unlock(OFFICER, PASSPHRASE)
    vault.unlock(OFFICER, "a-new-long-passphrase").close()


def test_several_officers_share_one_laptop(store, vault):
    store.close()
    vault.add_officer(OFFICER, PASSPHRASE, "Yohanes Lado", "pulau-kecil-2029", kdf=TEST_KDF)
    assert vault.officers() == [OFFICER, "Yohanes Lado"]
    second = vault.unlock("Yohanes Lado", "pulau-kecil-2029")
    assert second.officer == "Yohanes Lado"
    second.close()
    with pytest.raises(WrongPassphrase):
        vault.unlock("Yohanes Lado", PASSPHRASE)  # each officer has their own passphrase
    with pytest.raises(UnknownOfficer):
        vault.unlock("Nobody", PASSPHRASE)


def test_recovery_sets_new_passphrase(store, vault, recovery_keys):
    store.close()
    vault.recover_passphrase(recovery_keys[0], OFFICER, "recovered-by-kpu-it", kdf=TEST_KDF)
    vault.unlock(OFFICER, "recovered-by-kpu-it").close()


def test_recovery_with_wrong_private_key_is_refused(store, vault):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    store.close()
    other = rsa.generate_private_key(public_exponent=65537, key_size=3072).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(RecoveryError, match="does not match"):
        vault.recover_data_key(other)
    with pytest.raises(RecoveryError, match="Cannot read"):
        vault.recover_data_key(b"not a key")


def test_closing_wipes_the_key_from_memory(store):
    key = store._data_key
    assert any(key)
    store.close()
    assert not any(key)


def test_default_kdf_takes_noticeable_time():
    """The real cost, measured: scrypt tuned so guessing is slow (about 0.3-0.5 s here)."""
    import time

    slots = keyslots.KeySlots.new()
    slots.set_passphrase_slot("x", "passphrase-long", b"k" * 32)
    start = time.perf_counter()
    slots.unwrap_with_passphrase("x", "passphrase-long")
    assert time.perf_counter() - start > 0.1


def test_durable_settings_are_on(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_files_are_private_to_the_user(store, vault):
    store.close()
    assert oct(vault.slots_path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(vault.db_path.stat().st_mode & 0o777) == oct(0o600)


def test_key_derivation_matches_rfc_7914_so_existing_slots_still_open():
    """Existing vaults were wrapped with another scrypt implementation: the derivation must
    stay the standard one (RFC 7914 §12, second vector, first 32 bytes)."""
    kdf = {"name": "scrypt", "salt": "TmFDbA==", "n": 1024, "r": 8, "p": 16}  # salt "NaCl"
    assert keyslots._derive("password", kdf) == bytes.fromhex(
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
    )


def test_key_derivation_lets_other_threads_run():
    """The desk derives the key on its worker thread while the GUI thread keeps painting: a
    derivation holding the GIL froze the desk for its whole ~0.4 s (issue 12 §8). Counted in
    turns the other thread got, not in milliseconds, so a loaded machine cannot fail it."""
    import threading

    slots = keyslots.KeySlots.new()
    slots.set_passphrase_slot("x", "passphrase-long", b"k" * 32)
    done = threading.Event()
    turns = 0

    def unwrap() -> None:
        slots.unwrap_with_passphrase("x", "passphrase-long")
        done.set()

    worker = threading.Thread(target=unwrap)
    worker.start()
    while not done.is_set():
        turns += 1
        done.wait(0.002)
    worker.join()
    assert turns >= 20


def test_impossible_key_derivation_settings_are_damage():
    kdf = {"name": "scrypt", "salt": "TmFDbA==", "n": 1000, "r": 8, "p": 1}  # n not a power of 2
    with pytest.raises(VaultDamaged):
        keyslots._derive("password", kdf)

"""The vault: one data folder holding the encrypted database and the key slots that open it.

    <data dir>/lapang.db            SQLCipher 4 database (+ -wal/-shm, encrypted page by page)
    <data dir>/keyslots.json        the data key wrapped per officer and for KPU recovery
    <data dir>/unlock_state.json    wrong-passphrase counter (no secrets)

See docs/vault.md.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import secrets
import uuid
from typing import Any

from desktop_app.file_sharing import remove_file
from desktop_app.store import keyslots as ks
from desktop_app.store.connection import open_encrypted
from desktop_app.store.errors import (
    UnknownOfficer,
    VaultDamaged,
    VaultExists,
    VaultNotFound,
    WeakPassphrase,
)
from desktop_app.store.field_store import FieldStore
from desktop_app.store.migrations import copy_encrypted_file, migrate
from desktop_app.store.throttle import THROTTLE_NAME, UnlockThrottle
from lapang_core.file_modes import FileModeError, make_private_dir

DB_NAME = "lapang.db"
SLOTS_NAME = "keyslots.json"
MIN_PASSPHRASE_LENGTH = 8

log = logging.getLogger(__name__)


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphrase(
            f"The passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters; "
            "a short sentence is easy to remember and hard to guess."
        )
    if len(set(passphrase)) < 4:
        raise WeakPassphrase(
            "The passphrase repeats too few characters; choose a less regular one."
        )


def passphrase_strength_hint(passphrase: str) -> str:
    """A rough hint for the create-vault form: 'weak', 'fair' or 'strong'."""
    classes = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    if len(passphrase) < MIN_PASSPHRASE_LENGTH or len(set(passphrase)) < 4:
        return "weak"
    if len(passphrase) >= 16 or (len(passphrase) >= 12 and classes >= 3):
        return "strong"
    return "fair"


class Vault:
    """Locates and opens the vault in a data folder. Holds no key itself."""

    def __init__(self, data_dir: pathlib.Path) -> None:
        self.data_dir = pathlib.Path(data_dir)
        self.db_path = self.data_dir / DB_NAME
        self.slots_path = self.data_dir / SLOTS_NAME
        self.throttle = UnlockThrottle(self.data_dir / THROTTLE_NAME)

    def exists(self) -> bool:
        return self.db_path.exists() or self.slots_path.exists()

    def _load_slots(self) -> ks.KeySlots:
        if not self.slots_path.exists():
            if self.db_path.exists():
                raise VaultDamaged(
                    f"{DB_NAME} is here but its key-slot file {SLOTS_NAME} is missing: restore it "
                    "from backup, or ask KPU IT to recover the data with the recovery key."
                )
            raise VaultNotFound(f"No Lapang vault in {self.data_dir}. Run 'lapang init' first.")
        return ks.KeySlots.load(self.slots_path, self.throttle)

    def officers(self) -> list[str]:
        return self._load_slots().officers()

    def recovery_fingerprint(self) -> str | None:
        return self._load_slots().recovery_fingerprint()

    # -- create -----------------------------------------------------------------------------------
    def create(
        self,
        officer: str,
        passphrase: str,
        recovery_public_key_pem: bytes,
        *,
        kdf: dict[str, Any] | None = None,
    ) -> FieldStore:
        """Make a new vault. Refuses if anything of a vault is already in the folder."""
        officer = officer.strip()
        if not officer:
            raise UnknownOfficer("Give the officer's name for the new vault.")
        check_passphrase_strength(passphrase)
        if self.exists():
            raise VaultExists(
                f"A vault already exists in {self.data_dir}; it was left untouched. "
                "Use another --data-dir, or unlock the existing one."
            )
        # 0700 even when the folder already existed (the log folder's parent, an empty folder
        # chosen with --data-dir): mkdir alone never changes an existing folder's mode.
        try:
            make_private_dir(self.data_dir, log)
        except FileModeError as exc:  # the database is encrypted: said, not refused
            log.warning("file modes: %s", exc.log_text)
        data_key = bytearray(secrets.token_bytes(ks.DATA_KEY_BYTES))
        slots = ks.KeySlots.new()
        slots.set_recovery_slot(recovery_public_key_pem, bytes(data_key))
        slots.set_passphrase_slot(officer, passphrase, bytes(data_key), kdf)
        # The database first, then the slots: a crash in between leaves an empty database with no
        # slots, which holds nothing and is reported as such rather than silently replaced.
        fd = os.open(self.db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        try:
            db = open_encrypted(self.db_path, data_key, create=True)
            migrate(db)
            with db.atomic():
                db.execute(
                    "INSERT INTO settings(key, value) VALUES ('vault_id', ?), ('device_id', ?)",
                    [slots.vault_id, uuid.uuid4().hex],
                )
            slots.save(self.slots_path)
        except BaseException:
            with contextlib.suppress(Exception):
                db.close()
            for leftover in self.data_dir.glob(DB_NAME + "*"):
                remove_file(leftover)  # never hides why the vault could not be made
            raise
        return FieldStore(db, officer=officer, data_key=data_key)

    # -- open -------------------------------------------------------------------------------------
    def unlock(self, officer: str, passphrase: str) -> FieldStore:
        """Open the vault as ``officer``. A wrong passphrase changes nothing but the counter."""
        slots = self._load_slots()
        data_key = slots.unwrap_with_passphrase(officer, passphrase)
        return self.open_with_key(data_key, officer=officer, slots=slots)

    def open_with_key(
        self, data_key: bytearray, *, officer: str, slots: ks.KeySlots | None = None
    ) -> FieldStore:
        slots = slots or self._load_slots()
        db = open_encrypted(self.db_path, data_key)
        try:
            row = db.execute("SELECT value FROM settings WHERE key = 'vault_id'").fetchone()
        except Exception as exc:
            db.close()
            raise VaultDamaged(f"{DB_NAME} does not look like a Lapang store ({exc}).") from exc
        if row is None or row[0] != slots.vault_id:
            db.close()
            raise VaultDamaged(f"{DB_NAME} belongs to another vault than {SLOTS_NAME}.")
        try:
            migrate(db, backup=lambda version: copy_encrypted_file(db, self.db_path, version))
        except BaseException:
            db.close()  # on Windows an open handle would keep the file from backup tools
            raise
        return FieldStore(db, officer=officer, data_key=data_key)

    # -- passphrases --------------------------------------------------------------------------
    def change_passphrase(
        self, officer: str, old: str, new: str, *, kdf: dict[str, Any] | None = None
    ) -> None:
        """Rewrap one slot. The database is never rewritten."""
        check_passphrase_strength(new)
        slots = self._load_slots()
        data_key = slots.unwrap_with_passphrase(officer, old)
        slots.set_passphrase_slot(officer, new, bytes(data_key), kdf)
        slots.save(self.slots_path)

    def add_officer(
        self,
        officer: str,
        passphrase: str,
        new_officer: str,
        new_passphrase: str,
        *,
        kdf: dict[str, Any] | None = None,
    ) -> None:
        new_officer = new_officer.strip()
        check_passphrase_strength(new_passphrase)
        slots = self._load_slots()
        if new_officer in slots.officers():
            raise VaultExists(f"'{new_officer}' already has a passphrase on this laptop.")
        data_key = slots.unwrap_with_passphrase(officer, passphrase)
        slots.set_passphrase_slot(new_officer, new_passphrase, bytes(data_key), kdf)
        slots.save(self.slots_path)

    # -- KPU recovery -------------------------------------------------------------------------
    def recover_data_key(self, private_key_pem: bytes, password: bytes | None = None) -> bytearray:
        data_key = self._load_slots().unwrap_with_recovery_key(private_key_pem, password)
        # Prove the key opens the database before anyone relies on it.
        self.open_with_key(data_key, officer="KPU recovery").close(wipe_key=False)
        return data_key

    def recover_passphrase(
        self,
        private_key_pem: bytes,
        officer: str,
        new_passphrase: str,
        *,
        password: bytes | None = None,
        kdf: dict[str, Any] | None = None,
    ) -> None:
        check_passphrase_strength(new_passphrase)
        data_key = self.recover_data_key(private_key_pem, password)
        slots = self._load_slots()
        slots.set_passphrase_slot(officer.strip(), new_passphrase, bytes(data_key), kdf)
        slots.save(self.slots_path)
        self.throttle.reset(officer.strip())

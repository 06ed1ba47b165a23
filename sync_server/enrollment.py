"""Enrollment codes: KPU creates a one-time code for an area (only its hash is stored), and a
laptop spends it once to register its device key."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from lapang_core.protocol import (
    EncryptionKeyConflict,
    EnrollCodeExpired,
    EnrollCodeInvalid,
    EnrollCodeUsed,
    MalformedRequest,
)
from sync_server.errors import AdminError
from sync_server.rows import Device, iso
from sync_server.tx import Transactions, Tx

# Crockford base32 without I, L, O, U: nothing an officer can misread when typing the code.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_CHARS = 12  # 60 bits: online guessing is hopeless long before a code expires
_CODE_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def code_hash(code: str) -> str:
    return hashlib.sha256(code.upper().translate(_CODE_TYPOS).encode()).hexdigest()


def create_code(repo: Transactions, area: str, expires_hours: float, now: float) -> str:
    """A one-time code for ``area`` (a region code the server holds, checked by the caller);
    only its hash is stored."""
    if expires_hours <= 0:
        raise AdminError("--expires-hours must be more than 0.")
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_CHARS))
    with repo.transaction(write=True) as tx:
        tx.sql.run(
            "INSERT INTO enroll_codes (code_hash, area, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (code_hash(code), area, iso(now), int(now + expires_hours * 3600)),
        )
    return "-".join(code[i : i + 4] for i in range(0, _CODE_CHARS, 4))


def spend_code(
    tx: Tx,
    code: str,
    public_key: str,
    label: str,
    now: float,
    encryption_key: str | None = None,
) -> Device:
    """Spend ``code`` and register the device key (and its encryption key, when the laptop sends
    one). Raises ``EnrollCode*`` errors and ``EncryptionKeyConflict``."""
    # The code row stays locked to COMMIT: a code typed on two laptops at once works once.
    row = tx.sql.one(
        "SELECT area, expires_at, used_at, device_id FROM enroll_codes WHERE code_hash = ?"
        + tx.sql.for_update,
        (code_hash(code),),
    )
    if row is None:
        raise EnrollCodeInvalid(
            "This enrollment code is not known; check it with the KPU operator."
        )
    if row["used_at"] is not None:
        # The same key enrolling again with its own code: the first answer was lost on a
        # 2G link. The signature proved the caller holds that key, so answer again instead
        # of burning the code (the officer would need a new one from KPU).
        again = tx.device(row["device_id"]) if row["device_id"] else None
        if again is not None and again.public_key == public_key:
            if encryption_key is not None:
                register_encryption_key(tx, again.id, encryption_key, now)
            return again
        raise EnrollCodeUsed("This enrollment code was already used; ask KPU for a new one.")
    if row["expires_at"] < now:
        raise EnrollCodeExpired("This enrollment code has expired; ask KPU for a new one.")
    if tx.sql.one("SELECT 1 FROM devices WHERE public_key = ?", (public_key,)):
        raise MalformedRequest("This device key is already enrolled; make a new key.")
    device = Device(uuid.uuid4().hex, public_key, row["area"], label, iso(now), None, 0, None)
    tx.sql.run(
        "INSERT INTO devices (id, public_key, area, label, enrolled_at, applied_seq) "
        "VALUES (?, ?, ?, ?, ?, 0)",
        (device.id, public_key, device.area, label, device.enrolled_at),
    )
    tx.sql.run(
        "UPDATE enroll_codes SET used_at = ?, device_id = ? WHERE code_hash = ?",
        (iso(now), device.id, code_hash(code)),
    )
    if encryption_key is not None:
        register_encryption_key(tx, device.id, encryption_key, now)
    return device


def encryption_key(tx: Tx, device_id: str) -> tuple[str, str] | None:
    """(the device's X25519 public key, when it was registered), or None: a laptop enrolled
    before return bundles existed that has not synced online since."""
    row = tx.sql.one(
        "SELECT encryption_key, encryption_key_at FROM devices WHERE id = ?", (device_id,)
    )
    if row is None or row["encryption_key"] is None:
        return None
    return row["encryption_key"], row["encryption_key_at"]


def register_encryption_key(tx: Tx, device_id: str, key: str, now: float) -> tuple[str, str]:
    """Record ``key`` as the encryption key of ``device_id`` (the device that signed the
    request: nobody registers a key for another device). Saying the same key again is answered
    the same way (a lost answer on 2G); a different key, or a key another device holds, is
    refused: a return bundle must open on the laptop it was meant for, and on no other."""
    current = encryption_key(tx, device_id)
    if current is not None:
        if current[0] == key:
            return current
        raise EncryptionKeyConflict(
            "This device already registered another encryption key; enroll the laptop again "
            "for a new one."
        )
    if tx.sql.one("SELECT 1 FROM devices WHERE encryption_key = ?", (key,)):
        raise EncryptionKeyConflict(
            "This encryption key belongs to another device; make a new one."
        )
    tx.sql.run(
        "UPDATE devices SET encryption_key = ?, encryption_key_at = ? WHERE id = ?",
        (key, iso(now), device_id),
    )
    return key, iso(now)

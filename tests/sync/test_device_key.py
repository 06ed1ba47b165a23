"""The laptop's encryption key, end to end with the real server: made at enrolment and kept in
the encrypted store; a vault enrolled before return bundles makes and registers one on its next
online sync; an older server (no such endpoint) does not stop the sync."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization

from desktop_app.store import sync_state
from lapang_core import protocol as p
from tests.sync.conftest import Enrolled


def _forget_key(enrolled: Enrolled) -> str:
    """Make the vault look as an enrolment from before return bundles left it."""
    db = enrolled.store.db
    device_id = enrolled.result.device_id
    with db.atomic():
        db.execute(
            "UPDATE sync_enrollments SET encryption_private_key = NULL, "
            "encryption_public_key = NULL, encryption_key_registered_at = NULL"
        )
    with enrolled.server.repo.transaction(write=True) as tx:
        tx.sql.run(
            "UPDATE devices SET encryption_key = NULL, encryption_key_at = NULL WHERE id = ?",
            (device_id,),
        )
    return device_id


def test_enrolment_makes_the_key_and_the_server_holds_its_public_half(
    enrolled: Enrolled, vault
) -> None:
    db, device_id = enrolled.store.db, enrolled.result.device_id
    state = sync_state.encryption_key(db, device_id)
    assert state is not None and state.registered_at is not None
    assert enrolled.server.repo.encryption_key(device_id)[0] == state.public_key
    assert state.public_key == p.encryption_key_text(state.key)
    # The private half is in no file of the data folder in the clear.
    raw = p.encryption_private_bytes(state.key)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    for path in vault.data_dir.iterdir():
        data = path.read_bytes()
        assert raw not in data and base64.urlsafe_b64encode(raw)[:40] not in data, path.name
    assert "key=" not in repr(state).replace("public_key=", "")


def test_an_old_enrolment_registers_its_key_on_the_next_sync(enrolled: Enrolled) -> None:
    device_id = _forget_key(enrolled)
    db = enrolled.store.db
    assert sync_state.encryption_key(db, device_id) is None
    report = enrolled.engine.run_once()
    assert report.ok, report.error_message
    state = sync_state.encryption_key(db, device_id)
    assert state is not None and state.registered_at is not None
    assert enrolled.server.repo.encryption_key(device_id)[0] == state.public_key
    # Derived from the device key, so a retried enrolment always sends the same one.
    device_key = sync_state.device_key(db, device_id)
    assert state.public_key == p.encryption_key_text(p.derive_encryption_key(device_key))
    raw = state.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    assert raw != device_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def test_a_server_that_refuses_the_key_does_not_stop_the_sync(enrolled: Enrolled) -> None:
    device_id = _forget_key(enrolled)
    # Another device already holds the key this laptop would register.
    derived = p.derive_encryption_key(sync_state.device_key(enrolled.store.db, device_id))
    other = enrolled.server.repo.enroll(
        enrolled.server.code(), p.public_key_text(p.generate_key()), "other", 0.0
    )
    enrolled.server.repo.register_encryption_key(other.id, p.encryption_key_text(derived), 0.0)
    report = enrolled.engine.run_once()
    assert report.ok, report.error_message
    state = sync_state.encryption_key(enrolled.store.db, device_id)
    assert state is not None and state.registered_at is None  # asked again next time

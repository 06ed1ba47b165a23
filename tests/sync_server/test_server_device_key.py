"""The device encryption key (return bundles are sealed to it): sent at enrolment, or registered
later by an enrolled device with a signed ``POST /v1/device-key``; always for the signing device
only, never replaced, never shared by two devices. On SQLite and PostgreSQL."""

from __future__ import annotations

import time

from lapang_core import protocol as p
from sync_server import schema
from sync_server.db import open_database
from sync_server.repository import Repository
from tests.sync_server.sync_helpers import DeviceClient, LiveServer

_JSON = "application/json"


def _error(response) -> p.ProtocolError:
    return p.ProtocolError.from_response(response.status_code, response.content)


def _register(client: DeviceClient, key: str):
    body = p.DeviceKeyRequest(key).encode()
    return client.request("POST", "/v1/device-key", body, content_type=_JSON)


def _new_key() -> str:
    return p.encryption_key_text(p.generate_encryption_key())


def test_a_new_enrolment_stores_the_encryption_key(live_server: LiveServer) -> None:
    client = DeviceClient(live_server.url)
    key = _new_key()
    body = p.EnrollRequest(live_server.code(), p.public_key_text(client.key), "x", key).encode()
    response = client.request("POST", "/v1/enroll", body, content_type=_JSON)
    assert response.status_code == 200, response.text
    device_id = p.EnrollResponse.decode(response.content).device_id
    stored = live_server.repo.encryption_key(device_id)
    assert stored is not None and stored[0] == key


def test_an_enrolment_without_the_key_still_works_and_registers_it_later(
    live_server: LiveServer,
) -> None:
    # A laptop from before return bundles enrols as it always did.
    client = live_server.device()
    assert live_server.repo.encryption_key(client.device_id) is None
    key = _new_key()
    response = _register(client, key)
    assert response.status_code == 200, response.text
    answer = p.DeviceKeyResponse.decode(response.content)
    assert answer.encryption_key == key
    assert live_server.repo.encryption_key(client.device_id) == (key, answer.registered_at)
    # The same key again (its answer lost on 2G) is answered the same way.
    again = _register(client, key)
    assert again.status_code == 200
    assert p.DeviceKeyResponse.decode(again.content) == answer


def test_a_registered_key_is_never_replaced(live_server: LiveServer) -> None:
    client = live_server.device()
    first = _new_key()
    assert _register(client, first).status_code == 200
    response = _register(client, _new_key())
    assert response.status_code == 409
    assert type(_error(response)) is p.EncryptionKeyConflict
    assert live_server.repo.encryption_key(client.device_id)[0] == first


def test_a_device_cannot_register_a_key_for_another_device(live_server: LiveServer) -> None:
    owner, intruder = live_server.device(), live_server.device(label="laptop-2")
    # Naming the other device while signing with its own key: the signature fails.
    victim = DeviceClient(live_server.url)
    victim.key, victim.device_id = intruder.key, owner.device_id
    response = _register(victim, _new_key())
    assert response.status_code == 401 and type(_error(response)) is p.BadSignature
    assert live_server.repo.encryption_key(owner.device_id) is None
    # Claiming the other device's key for itself: refused, nothing stored.
    key = _new_key()
    assert _register(owner, key).status_code == 200
    response = _register(intruder, key)
    assert response.status_code == 409 and type(_error(response)) is p.EncryptionKeyConflict
    assert live_server.repo.encryption_key(intruder.device_id) is None


def test_a_malformed_key_is_refused(live_server: LiveServer) -> None:
    client = live_server.device()
    body = b'{"v":1,"encryption_key":"c2hvcnQ"}'
    response = client.request("POST", "/v1/device-key", body, content_type=_JSON)
    assert response.status_code == 400 and type(_error(response)) is p.MalformedRequest
    assert live_server.repo.encryption_key(client.device_id) is None


def test_devices_enrolled_before_the_migration_have_no_key(server_db) -> None:
    db = open_database(server_db)
    try:
        schema.migrate(db, "2025-01-01T00:00:00+00:00", through="0006_voters_nik_index")
        with db.transaction(write=True) as sql:
            sql.run(
                "INSERT INTO devices (id, public_key, area, label, enrolled_at, applied_seq) "
                "VALUES ('d' , 'k', '14.01.01', 'old', '2025-01-01T00:00:00+00:00', 0)"
            )
    finally:
        db.close()
    repo = Repository.open(server_db, time.time())
    try:
        assert repo.encryption_key("d") is None
        key = _new_key()
        repo.register_encryption_key("d", key, time.time())
        assert repo.encryption_key("d")[0] == key
    finally:
        repo.close()

"""Enrollment: a one-time code turns a fresh key pair into a device of one area."""

from __future__ import annotations

import time

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer


def _error(response) -> p.ProtocolError:
    return p.ProtocolError.from_response(response.status_code, response.content)


def test_enrollment_gives_device_id_area_and_limits(live_server: LiveServer) -> None:
    client = DeviceClient(live_server.url)
    response = client.enroll(live_server.code(), label="laptop PPS Ridan")
    assert response.status_code == 200, response.text
    answer = p.EnrollResponse.decode(response.content)
    assert answer.area == AREA and answer.area_name == "Bangkinang Kota"
    assert abs(answer.server_time - time.time()) < 5
    assert answer.limits["max_batch_changes"] == p.MAX_BATCH_CHANGES
    device = live_server.repo.device(answer.device_id)
    assert device is not None and device.public_key == p.public_key_text(client.key)
    assert device.label == "laptop PPS Ridan"
    # The first pull is the area's data.
    assert client.pull_all()[0].regions


def test_code_works_once(live_server: LiveServer) -> None:
    code = live_server.code()
    assert DeviceClient(live_server.url).enroll(code).status_code == 200
    second = DeviceClient(live_server.url).enroll(code)
    assert second.status_code == 409
    assert type(_error(second)) is p.EnrollCodeUsed
    assert len(live_server.repo.devices()) == 1


def test_expired_code_is_refused(live_server: LiveServer) -> None:
    code = live_server.repo.create_enroll_code(AREA, 1.0, time.time() - 7200)
    response = DeviceClient(live_server.url).enroll(code)
    assert response.status_code == 410
    assert type(_error(response)) is p.EnrollCodeExpired
    assert live_server.repo.devices() == []


def test_unknown_code_and_typo_tolerance(live_server: LiveServer) -> None:
    response = DeviceClient(live_server.url).enroll("AAAA-BBBB-CCCC")
    assert response.status_code == 403 and type(_error(response)) is p.EnrollCodeInvalid
    code = live_server.code()
    # Officers type codes by hand: case, spaces and O/0 are forgiven.
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert DeviceClient(live_server.url).enroll(typed).status_code == 200


def test_enrollment_needs_proof_of_the_private_key(live_server: LiveServer) -> None:
    client = DeviceClient(live_server.url)
    stranger = p.generate_key()
    # Registers someone else's public key while signing with its own key.
    body = p.EnrollRequest(live_server.code(), p.public_key_text(stranger), "x").encode()
    response = client.request("POST", "/v1/enroll", body, content_type="application/json")
    assert response.status_code == 401 and type(_error(response)) is p.BadSignature
    assert live_server.repo.devices() == []


def test_enrollment_with_a_wrong_clock_is_told_the_server_time(live_server: LiveServer) -> None:
    client = DeviceClient(live_server.url)
    body = p.EnrollRequest(live_server.code(), p.public_key_text(client.key)).encode()
    response = client.request(
        "POST",
        "/v1/enroll",
        body,
        content_type="application/json",
        timestamp=int(time.time()) - 3600,
    )
    error = _error(response)
    assert response.status_code == 401 and type(error) is p.ClockSkew and error.retryable
    assert abs(error.details["server_time"] - time.time()) < 5


def test_ping_is_cheap_and_unauthenticated(live_server: LiveServer) -> None:
    response = DeviceClient(live_server.url).http.get(live_server.url + "/v1/ping", timeout=5)
    assert response.status_code == 200
    assert response.json()["v"] == p.PROTOCOL_VERSION
    assert len(response.content) < 40

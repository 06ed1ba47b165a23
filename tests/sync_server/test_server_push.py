"""Push: signed batches applied atomically, exactly once, one answer per change; every bad
request refused with a clear JSON error, nothing stored, and the server still serving."""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
import zlib

import pytest
import requests

from desktop_app.synthetic.generator import generate_voters
from lapang_core import protocol as p
from lapang_core.domain.voter import imported_voter_id
from tests.sync_server.sync_helpers import (
    AREA,
    ELECTION,
    DeviceClient,
    LiveServer,
    baru_payload,
)

S = p.ChangeStatus
_TMS_DEATH = {"code": 1, "evidence_type": "surat_keterangan_kematian", "evidence_ref": "SKK-1"}


def _error(response: requests.Response) -> p.ProtocolError:
    assert response.headers["content-type"].startswith("application/json")
    return p.ProtocolError.from_response(response.status_code, response.content)


def _stored(server: LiveServer) -> tuple[dict[str, int], int]:
    with server.repo.transaction(write=False) as tx:
        nonces = tx.sql.scalar("SELECT COUNT(*) FROM nonces")
    return server.repo.counts(), nonces


def _assert_still_serving(server: LiveServer, client: DeviceClient) -> None:
    # The refused request stored nothing, so its seq is free again.
    device = server.repo.device(client.device_id)
    assert device is not None
    seq = device.applied_seq + 1
    result = client.push([client.change("sesuai", server.voter_id(50), seq=seq)])
    assert result.results[0].status in (S.ACCEPTED, S.CONFLICT)


def test_batch_is_applied_and_acknowledged_per_change(live_server: LiveServer) -> None:
    dev = live_server.device()
    ids = [live_server.voter_id(i) for i in range(3)]
    before = live_server.voter_row(ids[1])
    result = dev.push(
        [
            dev.change("sesuai", ids[0]),
            dev.change(
                "ubah", ids[1], {"changes": {"rt": "009"}, "original": {"rt": before["rt"]}}
            ),
            dev.change(
                "tms",
                ids[2],
                {
                    "code": 1,
                    "evidence_type": "akta_kematian",
                    "evidence_ref": "474.3/12/2025",
                    "attachment": None,
                },
            ),
        ]
    )
    assert [r.status for r in result.results] == [S.ACCEPTED] * 3
    assert result.applied_through == 3 and result.missing == ()
    assert live_server.voter_row(ids[0])["keterangan"] == "✓"
    after = live_server.voter_row(ids[1])
    assert (after["rt"], after["keterangan"], after["version"]) == ("009", "U", 2)
    tms = live_server.voter_row(ids[2])
    assert tms["keterangan"] == "1" and tms["tms"]["evidence_type"] == "akta_kematian"
    assert live_server.repo.counts() == {"applied": 3}


def test_resent_batch_is_duplicate_not_applied_twice(live_server: LiveServer) -> None:
    dev = live_server.device()
    vid = live_server.voter_id(0)
    batch = [
        dev.change("ubah", vid, {"changes": {"rt": "002"}, "original": {"rt": "001"}}),
        dev.change("sesuai", live_server.voter_id(1)),
    ]
    first = dev.push(batch)
    # The answer was lost on the way back: the engine signs the same changes anew and resends.
    second = dev.push(batch)
    assert [r.status for r in first.results] == [S.ACCEPTED, S.ACCEPTED]
    assert [r.status for r in second.results] == [S.DUPLICATE, S.DUPLICATE]
    assert all(r.acknowledged for r in second.results)
    assert live_server.voter_row(vid)["version"] == 2
    assert live_server.repo.counts() == {"applied": 2}


def test_replayed_request_is_refused(live_server: LiveServer) -> None:
    dev = live_server.device()
    body = p.PushRequest.from_outbox([dev.change("sesuai", live_server.voter_id(0))]).encode()
    headers = p.sign_request(dev.key, "POST", "/v1/push", dev.device_id, body)
    headers["Content-Type"] = p.MEDIA_TYPE
    first = requests.post(live_server.url + "/v1/push", data=body, headers=headers, timeout=5)
    assert first.status_code == 200
    stored = _stored(live_server)
    replay = requests.post(live_server.url + "/v1/push", data=body, headers=headers, timeout=5)
    assert replay.status_code == 401 and type(_error(replay)) is p.ReplayedRequest
    assert _stored(live_server) == stored


def test_stale_timestamp_is_refused_with_server_time(live_server: LiveServer) -> None:
    dev = live_server.device()
    body = p.PushRequest.from_outbox([dev.change("sesuai", live_server.voter_id(0))]).encode()
    stored = _stored(live_server)
    response = dev.push_raw(body, timestamp=int(time.time()) - 2 * p.CLOCK_SKEW_SECONDS)
    error = _error(response)
    assert response.status_code == 401 and type(error) is p.ClockSkew
    assert abs(error.details["server_time"] - time.time()) < 5
    assert _stored(live_server) == stored


def test_forged_and_tampered_requests_are_refused(live_server: LiveServer) -> None:
    dev = live_server.device()
    body = p.PushRequest.from_outbox([dev.change("sesuai", live_server.voter_id(0))]).encode()
    stored = _stored(live_server)
    forger = DeviceClient(live_server.url)
    forger.device_id = dev.device_id  # claims the device, signs with another key
    forged = forger.push_raw(body)
    assert forged.status_code == 401 and type(_error(forged)) is p.BadSignature
    headers = p.sign_request(dev.key, "POST", "/v1/push", dev.device_id, body)
    headers["Content-Type"] = p.MEDIA_TYPE
    altered = body[:-1] + bytes([body[-1] ^ 1])
    tampered = requests.post(live_server.url + "/v1/push", data=altered, headers=headers, timeout=5)
    assert tampered.status_code == 401 and type(_error(tampered)) is p.BadSignature
    stranger = DeviceClient(live_server.url)
    stranger.device_id = uuid.uuid4().hex
    unknown = stranger.push_raw(body)
    assert unknown.status_code == 401 and type(_error(unknown)) is p.UnknownDevice
    assert _stored(live_server) == stored
    _assert_still_serving(live_server, dev)


def test_revoked_device_is_refused_everywhere(live_server: LiveServer) -> None:
    dev = live_server.device()
    live_server.repo.revoke(dev.device_id, time.time())
    stored = _stored(live_server)
    push = dev.push_raw(
        p.PushRequest.from_outbox([dev.change("sesuai", live_server.voter_id(0))]).encode()
    )
    assert push.status_code == 403 and type(_error(push)) is p.DeviceRevoked
    pull = dev.request("GET", p.pull_path(0))
    assert pull.status_code == 403 and type(_error(pull)) is p.DeviceRevoked
    assert _stored(live_server) == stored


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error_type"),
    [
        (b"\x00" * (p.MAX_BODY_BYTES + 1), p.MEDIA_TYPE, 413, p.BodyTooLarge),
        (zlib.compress(b"\0" * (p.MAX_INFLATED_BYTES + 1)), p.MEDIA_TYPE, 413, p.BodyTooLarge),
        (b"definitely not zlib", p.MEDIA_TYPE, 400, p.MalformedRequest),
        (zlib.compress(b"{not json"), p.MEDIA_TYPE, 400, p.MalformedRequest),
        (
            zlib.compress(b'{"v":1,"s0":0,"t0":0,"of":[],"c":[[1]]}'),
            p.MEDIA_TYPE,
            400,
            p.MalformedRequest,
        ),
        (zlib.compress(b'{"v":9}'), p.MEDIA_TYPE, 400, p.UnsupportedProtocol),
        (zlib.compress(b"{}"), "application/json", 415, p.UnsupportedEncoding),
    ],
    ids=["oversized", "zip-bomb", "not-zlib", "not-json", "bad-row", "version", "media-type"],
)
def test_bad_bodies_get_clear_errors_and_store_nothing(
    live_server: LiveServer, body: bytes, content_type: str, status: int, error_type: type
) -> None:
    dev = live_server.device()
    stored = _stored(live_server)
    response = dev.request("POST", "/v1/push", body, content_type=content_type)
    assert response.status_code == status, response.text
    error = _error(response)
    assert type(error) is error_type and error.message
    assert _stored(live_server) == stored
    _assert_still_serving(live_server, dev)


def test_unknown_endpoint_and_missing_headers_answer_json(live_server: LiveServer) -> None:
    missing = requests.post(live_server.url + "/v1/push", data=b"x", timeout=5)
    assert missing.status_code in (401, 415) and _error(missing).code
    nowhere = requests.get(live_server.url + "/v1/nowhere", timeout=5)
    assert nowhere.status_code == 404 and type(_error(nowhere)) is p.NotFound


def test_one_bad_change_is_quarantined_and_the_rest_flow(live_server: LiveServer) -> None:
    dev = live_server.device()
    outsider = live_server.device(area="14.01.04")  # kecamatan XIII Koto Kampar
    result = dev.push(
        [
            dev.change("sesuai", live_server.voter_id(0)),
            dev.change(
                "ubah",
                live_server.voter_id(1),
                {"changes": {"jenis_kelamin": "X"}, "original": {"jenis_kelamin": "L"}},
            ),
            dev.change("sesuai", uuid.uuid4().hex),
            dev.change("teleport", live_server.voter_id(2)),
            dev.change("sesuai", live_server.voter_id(3)),
        ]
    )
    statuses = [(r.status, r.reason, r.permanent) for r in result.results]
    assert statuses == [
        (S.ACCEPTED, None, False),
        (S.REFUSED, "invalid_value", True),
        (S.REFUSED, "unknown_voter", True),
        (S.REFUSED, "unknown_op", True),
        (S.ACCEPTED, None, False),
    ]
    assert all(r.acknowledged for r in result.results)
    assert "X" not in (result.results[1].message or "")  # the refused value is not echoed
    assert result.applied_through == 5
    refused = live_server.repo.changes(state="refused")
    assert [c["reason"] for c in refused] == ["invalid_value", "unknown_voter", "unknown_op"]
    assert live_server.voter_row(live_server.voter_id(1))["jenis_kelamin"] != "X"
    # A retry of a refused change gets the same refusal back, not "duplicate".
    again = dev.push(
        [dev.change("sesuai", uuid.uuid4().hex, seq=3) | {"change_id": refused[1]["change_id"]}]
    )
    assert (again.results[0].status, again.results[0].reason) == (S.REFUSED, "unknown_voter")
    # Another area's device cannot touch these voters; to it they do not exist.
    foreign = outsider.push([outsider.change("sesuai", live_server.voter_id(0))])
    assert (foreign.results[0].status, foreign.results[0].reason) == (S.REFUSED, "unknown_voter")


def test_a_guessed_voter_id_tells_nothing_about_voters_elsewhere(
    live_server: LiveServer, demo_regions
) -> None:
    """Voter ids derive from the DPID, so a laptop can guess them. Whether a guess names a
    voter in another area or nobody, the answer is the same, word for word, for every op, and
    for a baru under that id too."""
    outsider = live_server.device(area="14.01.04")  # kecamatan XIII Koto Kampar
    elsewhere = live_server.voter_id(0)  # a voter of 14.01.01
    nobody = imported_voter_id(dataclasses.replace(live_server.voters[0], dpid="9999999999"))
    assert not any(page.voters for page in outsider.pull_all())  # its area has none

    def answers(voter_id: str) -> list[tuple[object, ...]]:
        result = outsider.push(
            [
                outsider.change("sesuai", voter_id),
                outsider.change("restore", voter_id),
                outsider.change(
                    "ubah",
                    voter_id,
                    {"changes": {"rt": "009"}, "original": {"rt": "001"}},
                    base_version=99,
                ),
                outsider.change("tms", voter_id, _TMS_DEATH),
            ]
        )
        return [(r.status, r.reason, r.permanent, r.message) for r in result.results]

    probe_existing, probe_nobody = answers(elsewhere), answers(nobody)
    assert probe_existing == probe_nobody
    assert {a[:2] for a in probe_existing} == {(S.REFUSED, "unknown_voter")}
    rows = [r for r in demo_regions if r[0].startswith(AREA) or r[0] in ("14", "14.01")]
    person = list(generate_voters(rows, 1, seed=5, election_date=ELECTION))[0]

    def baru(voter_id: str, tps_id: str) -> tuple[object, ...]:
        change = outsider.change("baru", voter_id, baru_payload(person, tps_id), base_version=None)
        result = outsider.push([change]).results[0]
        return (result.status, result.reason, result.message)

    inside = live_server.device()
    made = uuid.uuid4().hex  # a new voter of 14.01.01, added by a laptop there
    new_voter = inside.change("baru", made, baru_payload(person), base_version=None)
    assert inside.push([new_voter]).results[0].status is S.ACCEPTED
    # At a TPS outside the outsider's area: refused alike, whether the id is taken or not.
    theirs, fresh = "14.01.01.2009.001", uuid.uuid4().hex
    assert baru(made, theirs) == baru(fresh, theirs)
    assert baru(made, theirs)[1] == "outside_area"
    # Under one of KPU's list ids (guessable): refused alike; the app never makes such an id.
    own = "14.01.04.2004.001"
    assert baru(elsewhere, own) == baru(nobody, own)
    assert baru(elsewhere, own)[1] == "invalid_value"
    with live_server.repo.transaction(write=False) as tx:  # nothing was created
        assert [tx.voter(i) for i in (fresh, nobody)] == [None, None]


def test_new_voter_is_created_once(live_server: LiveServer, demo_regions) -> None:
    dev = live_server.device()
    rows = [r for r in demo_regions if r[0].startswith(AREA) or r[0] in ("14", "14.01")]
    person = list(generate_voters(rows, 1, seed=99, election_date=ELECTION))[0]
    new_id = uuid.uuid4().hex
    payload = baru_payload(person, tps_id="14.01.01.2009.003")
    first = dev.push([dev.change("baru", new_id, payload, base_version=None)])
    assert first.results[0].status is S.ACCEPTED
    row = live_server.voter_row(new_id)
    assert (row["keterangan"], row["version"], row["dpid"]) == ("B", 1, None)
    again = dev.push([dev.change("baru", new_id, payload, base_version=None)])
    assert again.results[0].reason == "entity_exists"
    # A new TPS made by a baru reaches the devices of the area.
    assert "14.01.01.2009.003" in {t for page in dev.pull_all() for t in page.tps}
    under_age = payload | {"tanggal_lahir": "2020-01-01", "status_perkawinan": "B"}
    young = dev.push([dev.change("baru", uuid.uuid4().hex, under_age, base_version=None)])
    assert young.results[0].reason == "invalid_value"


def test_reused_seq_with_other_content_is_refused_and_kept(live_server: LiveServer) -> None:
    dev = live_server.device()
    dev.push([dev.change("sesuai", live_server.voter_id(0), seq=1)])
    clash = dev.push([dev.change("sesuai", live_server.voter_id(1), seq=1)])
    assert (clash.results[0].status, clash.results[0].reason) == (S.REFUSED, "seq_reused")
    assert len(live_server.repo.rejects()) == 1
    assert live_server.voter_row(live_server.voter_id(1))["keterangan"] != "✓"


def test_reenrolled_laptop_resending_its_queue_gets_duplicates(live_server: LiveServer) -> None:
    old = live_server.device()
    change = old.change("sesuai", live_server.voter_id(0))
    old.push([change])
    new = live_server.device(label="same laptop, enrolled again")
    result = new.push([change | {"seq": 1}, new.change("sesuai", live_server.voter_id(1), seq=2)])
    assert [r.status for r in result.results] == [S.DUPLICATE, S.ACCEPTED]
    assert result.applied_through == 2
    assert live_server.voter_row(live_server.voter_id(0))["version"] == 2


def test_devices_pushing_at_once_all_land(live_server: LiveServer) -> None:
    devices = [live_server.device(label=f"laptop-{i}") for i in range(6)]
    errors: list[BaseException] = []

    def work(index: int, dev: DeviceClient) -> None:
        try:
            for batch in range(3):
                ids = [live_server.voter_id((index * 20 + batch * 5 + k) % 120) for k in range(5)]
                result = dev.push([dev.change("sesuai", vid) for vid in ids])
                assert all(r.acknowledged for r in result.results)
                dev.pull_all()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, d)) for i, d in enumerate(devices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    counts = live_server.repo.counts()
    assert sum(counts.values()) == 6 * 3 * 5
    assert all(d.applied_seq == 15 for d, _ in live_server.repo.devices())

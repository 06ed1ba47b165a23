"""Chunked relay (Titipan, docs/sync-protocol.md §12.4) on both backends: a carrier uploads
another laptop's sealed bundle chunk by chunk, each chunk signed by the carrier; the server
applies the bundle only when its last byte is in, exactly once, and a bad bundle is refused
with the words a one-body relay gets, storing nothing."""

from __future__ import annotations

import dataclasses
import random
import threading
import time

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from lapang_core import protocol as p
from lapang_core.protocol import seal
from sync_server import bundles
from sync_server.app import create_app
from tests.sync_server.sync_helpers import AREA, DeviceClient, push_body, serve
from tests.sync_server.test_server_bundles import Office, _nothing_stored, _photo, _work
from tests.sync_server.test_server_bundles import office as office  # noqa: F401 (the fixture)

CHUNK = 16 << 10  # small, so a test bundle of ~50 KB takes several
_OCTETS = "application/octet-stream"


def _carrier(office: Office, label: str = "laptop pembawa") -> DeviceClient:
    carrier = DeviceClient(office.url)
    code = office.repo.create_enroll_code(AREA, 1, time.time())
    assert carrier.enroll(code, label).status_code == 200
    return carrier


def _put(
    carrier: DeviceClient, bundle_id: str, offset: int, size: int, chunk: bytes
) -> requests.Response:
    # The path as docs/sync-protocol.md §12.4 writes it, built here rather than by the code
    # under test.
    path = f"/v1/relay/{bundle_id}?offset={offset}&size={size}"
    return carrier.request("PUT", path, chunk, content_type=_OCTETS)


@dataclasses.dataclass(frozen=True)
class Status:
    bundle: str
    size: int | None
    received: int
    complete: bool
    summary: dict | None = None


def _decoded(response: requests.Response) -> Status:
    assert response.status_code == 200, response.text
    return Status(**p.loads_json(response.content))


def _status(carrier: DeviceClient, bundle_id: str) -> Status:
    return _decoded(carrier.request("GET", f"/v1/relay/{bundle_id}"))


def _send(
    carrier: DeviceClient, bundle_id: str, data: bytes, start: int = 0, stop: int | None = None
) -> requests.Response:
    """Chunks from ``start`` up to ``stop`` (default: the end); the last answer."""
    chunks = p.split_chunks(data[:stop], CHUNK, start)
    for offset, chunk in chunks[:-1]:
        response = _put(carrier, bundle_id, offset, len(data), chunk)
        assert response.status_code == 200, response.text
    return _put(carrier, bundle_id, *chunks[-1][:1], len(data), chunks[-1][1])


def _id_of(data: bytes) -> str:
    return str(seal.read_header(data)["id"])


def _relay_rows(office: Office) -> tuple[int, int]:
    return (
        office.scalar("SELECT COUNT(*) FROM relay_uploads"),
        office.scalar("SELECT COUNT(*) FROM relay_chunks"),
    )


def _one_body_error(carrier: DeviceClient, data: bytes) -> p.ProtocolError:
    response = carrier.request("POST", "/v1/relay", data, content_type=_OCTETS)
    return p.ProtocolError.from_response(response.status_code, response.content)


def _chunked_error(carrier: DeviceClient, data: bytes, bundle_id: str) -> p.ProtocolError:
    response = _send(carrier, bundle_id, data)
    assert response.status_code != 200
    return p.ProtocolError.from_response(response.status_code, response.content)


# --- the happy path ----------------------------------------------------------------------------
def test_a_bundle_is_applied_once_when_its_last_chunk_arrives(office: Office) -> None:
    _work(office, 12, photo=5)
    data = office.export().path.read_bytes()
    bundle_id = _id_of(data)
    assert len(data) > 2 * CHUNK  # several chunks
    carrier = _carrier(office)
    assert _status(carrier, bundle_id) == Status(bundle_id, None, 0, False)

    almost = len(data) - 100
    last = _send(carrier, bundle_id, data, stop=almost)
    assert _decoded(last) == Status(bundle_id, len(data), almost, False)
    assert office.applied() == 0  # nothing is applied before the whole bundle is in
    assert _relay_rows(office)[0] == 1

    answer = _decoded(_put(carrier, bundle_id, almost, len(data), data[almost:]))
    assert answer.complete and answer.received == len(data)
    summary = answer.summary
    assert summary is not None
    assert summary["device"] == office.engine.client.credentials.device_id
    assert summary["bundle"] == bundle_id and summary["changes"] == 13 and summary["files"] == 1
    assert office.applied() == 13
    assert office.has_file(p.sha256_hex(_photo(5)))
    assert (
        office.scalar(
            "SELECT COUNT(*) FROM bundles WHERE id = ? AND via = 'relay' AND relay_device = ?",
            (bundle_id, carrier.device_id),
        )
        == 1
    )
    assert _relay_rows(office) == (0, 0)  # the chunks are gone once applied
    # Asked again (the answer was lost): KPU has it, nothing is sent or applied again.
    assert _status(carrier, bundle_id).complete
    again = _decoded(_put(carrier, bundle_id, 0, len(data), data[:CHUNK]))
    assert again.complete and again.summary is None
    assert office.applied() == 13 and _relay_rows(office) == (0, 0)


def test_an_upload_resumes_from_what_the_server_holds(office: Office) -> None:
    _work(office, 5, photo=6)
    data = office.export().path.read_bytes()
    bundle_id = _id_of(data)
    carrier = _carrier(office)
    _send(carrier, bundle_id, data, stop=CHUNK * 1)
    held = _status(carrier, bundle_id)
    assert (held.size, held.received, held.complete) == (len(data), CHUNK, False)
    # A chunk past the server's end: told where to resume.
    ahead = _put(carrier, bundle_id, 2 * CHUNK, len(data), data[2 * CHUNK : 3 * CHUNK])
    assert ahead.status_code == 409
    error = p.ProtocolError.from_response(409, ahead.content)
    assert isinstance(error, p.OffsetMismatch) and error.details["received"] == CHUNK
    # A chunk the server has (its answer was lost): answered with the status, nothing added.
    repeat = _put(carrier, bundle_id, 0, len(data), data[:CHUNK])
    assert _decoded(repeat).received == CHUNK
    # Another size for the same upload is a fault of the carrier's program.
    assert _put(carrier, bundle_id, CHUNK, len(data) + 1, data[CHUNK:]).status_code == 400
    last = _decoded(_send(carrier, bundle_id, data, start=CHUNK))
    assert last.complete and office.applied() == 6


def test_each_carrier_has_its_own_upload_and_the_bundle_applies_once(office: Office) -> None:
    _work(office, 4)
    data = office.export().path.read_bytes()
    bundle_id = _id_of(data)
    first, second = _carrier(office, "pembawa 1"), _carrier(office, "pembawa 2")
    half = len(data) // 2
    _put(first, bundle_id, 0, len(data), data[:half])
    assert _status(second, bundle_id).received == 0  # another carrier's bytes are not its own
    assert _decoded(_send(second, bundle_id, data)).summary is not None
    # The first carrier finds the bundle delivered: its copy is never applied.
    assert _status(first, bundle_id).complete
    done = _decoded(_put(first, bundle_id, half, len(data), data[half:]))
    assert done.complete and done.summary is None
    assert office.applied() == 4
    assert office.scalar("SELECT COUNT(*) FROM bundles") == 1


def test_a_bundle_already_imported_from_a_stick_needs_no_upload(office: Office) -> None:
    _work(office, 3)
    bundle = office.export()
    office.import_file(bundle.path)
    data = bundle.path.read_bytes()
    carrier = _carrier(office)
    first = _decoded(_put(carrier, _id_of(data), 0, len(data), data[:CHUNK]))
    assert first.complete and first.summary is None
    assert _relay_rows(office) == (0, 0) and office.applied() == 3


# --- refusals: the same words as a relay in one body, nothing stored ---------------------------
def test_damaged_and_foreign_bundles_are_refused_as_in_one_body(office: Office) -> None:
    _work(office, 3, photo=7)
    data = office.export().path.read_bytes()
    bundle_id = _id_of(data)
    carrier = _carrier(office)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x40
    other_server = X25519PrivateKey.generate().public_key()
    foreign = bundle_export.export_bundle(office.store, office.tmp / "other", other_server)
    foreign_data = foreign.path.read_bytes()
    cases = [
        (bytes(flipped), bundle_id, "bundle_tampered"),
        (data[:-100], bundle_id, "bundle_truncated"),
        (foreign_data, _id_of(foreign_data), "bundle_not_for_us"),
        (b"PK\x03\x04 a zip, not a bundle", "c" * 32, "not_a_bundle"),
        (b"LAPANGB\x02" + bytes(100), "d" * 32, "bundle_version_unsupported"),
    ]
    for body, upload_id, code in cases:
        chunked = _chunked_error(carrier, body, upload_id)
        whole = _one_body_error(carrier, body)
        assert (
            (chunked.code, chunked.message)
            == (whole.code, whole.message)
            == (
                code,
                whole.message,
            )
        )
        assert type(chunked) is type(whole)
    _nothing_stored(office)
    assert _relay_rows(office) == (0, 0)  # a refused bundle's chunks are not kept
    assert not office.has_file(p.sha256_hex(_photo(7)))


def test_a_wrong_file_is_refused_at_its_first_chunk(office: Office) -> None:
    carrier = _carrier(office)
    big = b"\x89PNG" + bytes(3 * CHUNK)
    response = _put(carrier, "e" * 32, 0, len(big), big[:CHUNK])
    assert response.status_code == 422
    assert p.ProtocolError.from_response(422, response.content).code == "not_a_bundle"
    assert _relay_rows(office) == (0, 0)


def test_an_oversized_bundle_is_refused_before_a_byte_is_stored(office: Office) -> None:
    carrier = _carrier(office)
    limit = office.config.max_relay_bytes
    response = _put(carrier, "f" * 32, 0, limit + 1, b"LAPANGB\x01")
    assert response.status_code == 413
    error = p.ProtocolError.from_response(413, response.content)
    assert error.code == "bundle_too_large" and error.details["limit"] == limit
    assert error.message == f"The bundle is {limit + 1} bytes; at most {limit} are accepted."
    assert _relay_rows(office) == (0, 0)


def test_a_bundle_uploaded_under_another_id_is_refused(office: Office) -> None:
    _work(office, 2)
    data = office.export().path.read_bytes()
    carrier = _carrier(office)
    response = _send(carrier, "a" * 32, data)
    assert response.status_code == 400
    assert "not " + "a" * 32 in p.ProtocolError.from_response(400, response.content).message
    _nothing_stored(office)
    assert _relay_rows(office) == (0, 0)


def test_a_revoked_carrier_cannot_continue(office: Office) -> None:
    _work(office, 2)
    data = office.export().path.read_bytes()
    carrier = _carrier(office)
    _put(carrier, _id_of(data), 0, len(data), data[:100])
    office.repo.revoke(carrier.device_id, time.time())
    response = _put(carrier, _id_of(data), 100, len(data), data[100:])
    assert response.status_code == 403
    _nothing_stored(office)


# --- the carrier's cap and the expiry ----------------------------------------------------------
def test_unfinished_uploads_are_capped_per_carrier_and_expire(office: Office) -> None:
    _work(office, 2)
    data = office.export().path.read_bytes()
    config = dataclasses.replace(
        office.config,
        max_relay_bytes=len(data),
        relay_pending_bytes_per_carrier=len(data) + 10,
        relay_expiry_hours=1.0,
    )
    from sync_server.relay_uploads import RelayUploads

    relays = RelayUploads(
        office.repo, office.attachments(), bundles.load_bundle_keys([office.key_file]), config
    )
    carrier, other = _carrier(office), _carrier(office, "pembawa 2")
    now = time.time()
    relays.put_chunk("1" * 32, 0, len(data), data[:100], carrier.device_id, now)
    with pytest.raises(p.ProtocolError, match="deliver those first") as refused:
        relays.put_chunk("2" * 32, 0, 20, data[:10], carrier.device_id, now + 60)
    assert refused.value.details["limit"] == len(data) + 10
    # Another carrier's allowance is its own.
    assert relays.put_chunk("2" * 32, 0, 20, data[:10], other.device_id, now).received == 10
    # Untouched for longer than the expiry, the first upload is gone and frees the cap.
    later = now + 3600 + 1
    assert relays.status("1" * 32, carrier.device_id, later).received == 0
    relays.put_chunk("2" * 32, 0, 20, data[:10], carrier.device_id, later)
    assert office.scalar("SELECT COUNT(*) FROM relay_uploads WHERE bundle_id = ?", ("1" * 32,)) == 0
    assert office.scalar("SELECT COUNT(*) FROM relay_chunks WHERE bundle_id = ?", ("1" * 32,)) == 0
    # An expired upload resumed is begun again from byte 0.
    relays.put_chunk(_id_of(data), 0, len(data), data[:50], other.device_id, later)
    much_later = later + 7200
    with pytest.raises(p.OffsetMismatch) as resume:
        relays.put_chunk(_id_of(data), 50, len(data), data[50:], other.device_id, much_later)
    assert resume.value.details["received"] == 0
    _nothing_stored(office)


# --- the body budget: a relay holds one chunk of it, never the bundle ---------------------------
def test_a_relay_beyond_the_body_budget_goes_through_and_pushes_meanwhile_are_not_refused(
    office: Office,
) -> None:
    """On a server whose budget for unchecked bodies is 2 MiB, a 2.7 MB bundle cannot come in
    one body; in chunks it does, while another laptop pushes, and what it holds of the budget
    at any moment is one chunk."""
    service = VoterService(office.store)
    for scan in range(3):
        service.mark_tms(
            office.voter_ids[scan],
            1,
            "akta_kematian",
            f"474.3/{scan}/2025",
            AttachmentInput(b"\xff\xd8" + random.Random(scan).randbytes(900_000), "image/jpeg"),
        )
    data = office.export().path.read_bytes()
    bundle_id = _id_of(data)
    config = dataclasses.replace(office.config, unverified_body_budget=2 << 20)
    assert len(data) > config.unverified_body_budget
    app = create_app(config)
    server, thread, url = serve(app)
    budget = app.state.bodies
    try:
        carrier, pusher = (DeviceClient(url) for _ in range(2))
        for device in (carrier, pusher):
            assert device.enroll(office.repo.create_enroll_code(AREA, 1, time.time())).ok
        whole = carrier.request("POST", "/v1/relay", data, content_type=_OCTETS)
        assert whole.status_code == 413  # one body: more than the server may hold unchecked

        done = threading.Event()
        peak, pushes = [0], []

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], budget.held)
                time.sleep(0.0005)

        def push() -> None:
            voters = iter(office.voter_ids[40:])
            while not done.is_set():
                response = pusher.push_raw(push_body([pusher.change("sesuai", next(voters))]))
                pushes.append(response.status_code)

        helpers = [threading.Thread(target=watch), threading.Thread(target=push)]
        for helper in helpers:
            helper.start()
        try:
            chunk = config.max_chunk_bytes
            for offset, piece in p.split_chunks(data, chunk):
                answer = _decoded(_put(carrier, bundle_id, offset, len(data), piece))
        finally:
            done.set()
            for helper in helpers:
                helper.join(10)
    finally:
        server.should_exit = True
        thread.join(10)
    assert answer.complete and answer.summary is not None and answer.summary["files"] == 3
    assert pushes and set(pushes) == {200}, pushes  # never a 503 for the budget
    assert office.applied() == 3 + len(pushes)
    # One chunk and one push body at most, never the bundle.
    assert 0 < peak[0] <= chunk + 64 * 1024, peak[0]


def test_a_replayed_chunk_request_is_refused(office: Office) -> None:
    """The nonce is recorded with the chunk: the same signed request again is a replay."""
    _work(office, 2)
    data = office.export().path.read_bytes()
    carrier = _carrier(office)
    path = f"/v1/relay/{_id_of(data)}?offset=0&size={len(data)}"
    first = carrier.request("PUT", path, data[:100], content_type=_OCTETS, nonce="n" * 32)
    assert first.status_code == 200, first.text
    again = carrier.request("PUT", path, data[:100], content_type=_OCTETS, nonce="n" * 32)
    assert again.status_code == 401
    assert p.ProtocolError.from_response(401, again.content).code == "replayed"

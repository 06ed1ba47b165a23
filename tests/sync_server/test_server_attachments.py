"""Attachments: chunked upload addressed by SHA-256, resumed from the last acknowledged chunk."""

from __future__ import annotations

import hashlib
import random
import threading

import requests

from desktop_app.sync import protocol as p
from sync_server.app import create_app
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, serve

CHUNK = 32 * 1024


def _put(dev: DeviceClient, sha: str, offset: int, size: int, chunk: bytes) -> requests.Response:
    path = p.attachment_path(sha, offset=offset, size=size)
    return dev.request("PUT", path, chunk, content_type="application/octet-stream")


def _status(dev: DeviceClient, sha: str) -> p.AttachmentStatus:
    response = dev.request("GET", f"/v1/attachments/{sha}")
    assert response.status_code == 200, response.text
    return p.AttachmentStatus.decode(response.content)


def test_upload_resumes_after_a_drop(live_server: LiveServer) -> None:
    dev = live_server.device()
    photo = random.Random(3).randbytes(100_000)
    sha = hashlib.sha256(photo).hexdigest()
    assert _status(dev, sha) == p.AttachmentStatus(sha, None, 0, False)
    for offset, chunk in p.split_chunks(photo, CHUNK)[:2]:
        assert _put(dev, sha, offset, len(photo), chunk).status_code == 200
    # Signal lost. Later the app asks where to resume.
    status = _status(dev, sha)
    assert (status.size, status.received, status.complete) == (len(photo), 2 * CHUNK, False)
    # Resending the last acknowledged chunk (its answer was lost) is harmless.
    again = _put(dev, sha, CHUNK, len(photo), photo[CHUNK : 2 * CHUNK])
    assert p.AttachmentStatus.decode(again.content).received == 2 * CHUNK
    for offset, chunk in p.split_chunks(photo, CHUNK, start=status.received):
        response = _put(dev, sha, offset, len(photo), chunk)
        assert response.status_code == 200
    assert p.AttachmentStatus.decode(response.content).complete
    stored = live_server.config.attachments_root / sha[:2] / sha
    assert stored.read_bytes() == photo


def test_chunk_at_the_wrong_offset_says_where_to_resume(live_server: LiveServer) -> None:
    dev = live_server.device()
    data = b"x" * 1000
    sha = hashlib.sha256(data).hexdigest()
    _put(dev, sha, 0, len(data), data[:400])
    response = _put(dev, sha, 600, len(data), data[600:])
    error = p.ProtocolError.from_response(response.status_code, response.content)
    assert response.status_code == 409 and type(error) is p.OffsetMismatch
    assert error.details["received"] == 400


def test_content_that_does_not_match_its_name_is_discarded(live_server: LiveServer) -> None:
    dev = live_server.device()
    claimed = hashlib.sha256(b"the real photo").hexdigest()
    response = _put(dev, claimed, 0, 11, b"a fake file")
    assert response.status_code == 422
    assert type(p.ProtocolError.from_response(422, response.content)) is p.HashMismatch
    status = _status(dev, claimed)
    assert (status.received, status.complete) == (0, False)
    assert not (live_server.config.attachments_root / claimed[:2] / claimed).exists()


def test_push_asks_for_evidence_not_yet_uploaded(live_server: LiveServer) -> None:
    dev = live_server.device()
    scan = b"surat keterangan kematian" * 100
    sha = hashlib.sha256(scan).hexdigest()
    tms = {"code": 1, "evidence_type": "akta_kematian", "evidence_ref": "1/2025", "attachment": sha}
    result = dev.push([dev.change("tms", live_server.voter_id(0), tms)])
    assert result.results[0].status is p.ChangeStatus.ACCEPTED
    assert result.need_attachments == (sha,)
    assert _put(dev, sha, 0, len(scan), scan).status_code == 200
    later = dev.push([dev.change("tms", live_server.voter_id(1), tms)])
    assert later.need_attachments == ()


def test_oversized_chunk_and_file_are_refused(live_server: LiveServer) -> None:
    dev = live_server.device()
    sha = "a" * 64
    big_chunk = _put(dev, sha, 0, p.MAX_CHUNK_BYTES + 1, b"x" * (p.MAX_CHUNK_BYTES + 1))
    assert big_chunk.status_code == 413
    big_file = _put(dev, sha, 0, p.MAX_ATTACHMENT_BYTES + 1, b"x")
    assert big_file.status_code == 413
    bad_name = _put(dev, "not-a-hash", 0, 1, b"x")
    assert bad_name.status_code == 400


def test_two_server_processes_share_one_evidence_folder(live_server: LiveServer) -> None:
    """With PostgreSQL, several server processes share the attachments folder; uploaders of
    the same file through both (here: two app instances, each with its own in-process lock)
    must never interleave appends or finish the same file twice."""
    second = create_app(live_server.config)
    server, thread, url = serve(second)
    try:
        uploaders = [live_server.device(label=f"up-{i}") for i in range(6)]
        for index, dev in enumerate(uploaders):
            dev.base_url = url if index % 2 else live_server.url
        errors: list[str] = []
        for round_ in range(4):
            photo = random.Random(round_).randbytes(64 * 1024)
            sha = hashlib.sha256(photo).hexdigest()
            start = threading.Barrier(len(uploaders))

            def upload(
                dev: DeviceClient,
                photo: bytes = photo,
                sha: str = sha,
                start: threading.Barrier = start,
            ) -> None:
                start.wait(10)
                received = 0
                while True:
                    response = _put(dev, sha, received, len(photo), photo[received:][:8192])
                    if response.status_code == 409:
                        received = response.json()["error"]["received"]
                        continue
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")
                        return
                    status = p.AttachmentStatus.decode(response.content)
                    if status.complete:
                        return
                    received = status.received

            threads = [threading.Thread(target=upload, args=(d,)) for d in uploaders]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert errors == []
            assert (live_server.config.attachments_root / sha[:2] / sha).read_bytes() == photo
    finally:
        server.should_exit = True
        thread.join(10)

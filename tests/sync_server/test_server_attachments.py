"""Attachments: chunked upload addressed by SHA-256, resumed from the last acknowledged chunk;
only by a device whose change names the file, each device into its own copy."""

from __future__ import annotations

import hashlib
import json
import pathlib
import random
import threading
import time
import uuid

import requests

from lapang_core import protocol as p
from sync_server import schema
from sync_server.app import create_app
from sync_server.attachments import EvidenceMissing
from sync_server.attachments_db import EvidenceStore, open_evidence
from sync_server.config import ServerConfig
from sync_server.db import open_database
from sync_server.repository import Repository, iso
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, serve
from tests.sync_server.test_server_cli import cli

CHUNK = 32 * 1024


def _put(dev: DeviceClient, sha: str, offset: int, size: int, chunk: bytes) -> requests.Response:
    path = p.attachment_path(sha, offset=offset, size=size)
    return dev.request("PUT", path, chunk, content_type="application/octet-stream")


def _status(dev: DeviceClient, sha: str) -> p.AttachmentStatus:
    response = dev.request("GET", f"/v1/attachments/{sha}")
    assert response.status_code == 200, response.text
    return p.AttachmentStatus.decode(response.content)


def _tms(sha: str | None) -> dict[str, object]:
    return {
        "code": 1,
        "evidence_type": "akta_kematian",
        "evidence_ref": "1/2025",
        "attachment": sha,
    }


def _name_in_a_change(live_server: LiveServer, dev: DeviceClient, sha: str, voter: int) -> None:
    """The device marks a voter TMS with this file as evidence: from now on it may upload it."""
    result = dev.push([dev.change("tms", live_server.voter_id(voter), _tms(sha))])
    assert result.results[0].status in (p.ChangeStatus.ACCEPTED, p.ChangeStatus.CONFLICT)


def _error(response: requests.Response) -> p.ProtocolError:
    return p.ProtocolError.from_response(response.status_code, response.content)


def _upload(dev: DeviceClient, sha: str, data: bytes) -> p.AttachmentStatus:
    for offset, chunk in p.split_chunks(data, CHUNK):
        response = _put(dev, sha, offset, len(data), chunk)
        assert response.status_code == 200, response.text
    return p.AttachmentStatus.decode(response.content)


def _evidence(live_server: LiveServer) -> EvidenceStore:
    """The server's evidence store: the folder with SQLite, the database with PostgreSQL."""
    return open_evidence(live_server.config, live_server.repo)


def _stored(live_server: LiveServer, sha: str) -> bytes | None:
    """The finished file as the server holds it (hash checked), or None."""
    try:
        return b"".join(_evidence(live_server).read(sha))
    except EvidenceMissing:
        return None


def _partials(live_server: LiveServer, sha: str) -> list[str]:
    return _evidence(live_server).partial_uploads(sha)


def test_upload_resumes_after_a_drop(live_server: LiveServer) -> None:
    dev = live_server.device()
    photo = random.Random(3).randbytes(100_000)
    sha = hashlib.sha256(photo).hexdigest()
    _name_in_a_change(live_server, dev, sha, 0)
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
    assert _stored(live_server, sha) == photo


def test_chunk_at_the_wrong_offset_says_where_to_resume(live_server: LiveServer) -> None:
    dev = live_server.device()
    data = b"x" * 1000
    sha = hashlib.sha256(data).hexdigest()
    _name_in_a_change(live_server, dev, sha, 0)
    _put(dev, sha, 0, len(data), data[:400])
    response = _put(dev, sha, 600, len(data), data[600:])
    error = p.ProtocolError.from_response(response.status_code, response.content)
    assert response.status_code == 409 and type(error) is p.OffsetMismatch
    assert error.details["received"] == 400


def test_content_that_does_not_match_its_name_is_discarded(live_server: LiveServer) -> None:
    dev = live_server.device()
    claimed = hashlib.sha256(b"the real photo").hexdigest()
    _name_in_a_change(live_server, dev, claimed, 0)
    response = _put(dev, claimed, 0, 11, b"a fake file")
    assert response.status_code == 422
    assert type(p.ProtocolError.from_response(422, response.content)) is p.HashMismatch
    status = _status(dev, claimed)
    assert (status.received, status.complete) == (0, False)
    assert _stored(live_server, claimed) is None
    assert _partials(live_server, claimed) == []


def test_push_asks_for_evidence_not_yet_uploaded(live_server: LiveServer) -> None:
    dev = live_server.device()
    scan = b"surat keterangan kematian" * 100
    sha = hashlib.sha256(scan).hexdigest()
    tms = _tms(sha)
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


def test_two_server_instances_share_one_evidence_store(live_server: LiveServer) -> None:
    """Two app instances on one database (each with its own in-process lock), sharing the
    folder (SQLite) or the database's chunks (PostgreSQL): uploaders of the same file through
    both must never interleave appends or finish the same file twice. Separate processes:
    test_server_evidence_pg.py."""
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
            for index, dev in enumerate(uploaders):
                _name_in_a_change(live_server, dev, sha, round_ * len(uploaders) + index)
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
            assert _stored(live_server, sha) == photo
            # Each device uploaded into its own copy; the first to finish made the others moot.
            assert _partials(live_server, sha) == []
    finally:
        server.should_exit = True
        thread.join(10)


def test_a_neighbour_cannot_block_an_upload_by_announcing_the_file(
    live_server: LiveServer,
) -> None:
    """Issue 11 item 3: a second device of the area saw the photo's hash in its pull and
    announced the file with size 1; the owner's upload then always failed with "announced as
    1 bytes". Only a device whose change names a file may announce it."""
    owner, neighbour = live_server.device(label="owner"), live_server.device(label="neighbour")
    photo = random.Random(11).randbytes(80_000)
    sha = hashlib.sha256(photo).hexdigest()
    result = owner.push([owner.change("tms", live_server.voter_id(5), _tms(sha))])
    assert result.need_attachments == (sha,)
    seen = {
        voter.tms["attachment"]
        for page in neighbour.pull_all()
        for voter in page.voters
        if voter.tms
    }
    assert sha in seen  # the neighbour learns the hash from its pull, as in the attack

    announced = _put(neighbour, sha, 0, 1, b"x")
    assert announced.status_code == 403
    assert type(_error(announced)) is p.AttachmentNotReferenced
    refused = neighbour.request("GET", f"/v1/attachments/{sha}")
    assert type(_error(refused)) is p.AttachmentNotReferenced

    assert _status(owner, sha) == p.AttachmentStatus(sha, None, 0, False)
    assert _upload(owner, sha, photo).complete
    assert _stored(live_server, sha) == photo


def test_a_device_whose_change_names_the_file_uploads_into_its_own_copy(
    live_server: LiveServer,
) -> None:
    """Upload state is per (device, file) until the file is complete: a device that may upload
    the file (its own change names it) and announces a wrong size or sends wrong bytes spoils
    only its own copy. The verified file is then shared: the other device need not send it."""
    owner, neighbour = live_server.device(label="owner"), live_server.device(label="neighbour")
    photo = random.Random(12).randbytes(100_000)
    sha = hashlib.sha256(photo).hexdigest()
    _name_in_a_change(live_server, owner, sha, 6)
    _name_in_a_change(live_server, neighbour, sha, 7)

    tiny = _put(neighbour, sha, 0, 1, b"x")  # size 1, complete at once: its hash is wrong
    assert type(_error(tiny)) is p.HashMismatch
    assert _put(neighbour, sha, 0, len(photo) + 5, b"\0" * CHUNK).status_code == 200
    assert _status(neighbour, sha) == p.AttachmentStatus(sha, len(photo) + 5, CHUNK, False)
    assert _status(owner, sha) == p.AttachmentStatus(sha, None, 0, False)

    first, *rest = p.split_chunks(photo, CHUNK)
    assert _put(owner, sha, first[0], len(photo), first[1]).status_code == 200
    assert _status(owner, sha).received == CHUNK
    for offset, chunk in rest:
        response = _put(owner, sha, offset, len(photo), chunk)
        assert response.status_code == 200, response.text
    assert p.AttachmentStatus.decode(response.content).complete
    assert _stored(live_server, sha) == photo

    # Shared from now on: the neighbour's copy is gone, its status and chunks say complete,
    # and a push that names the file again does not ask for it.
    assert _partials(live_server, sha) == []
    assert _status(neighbour, sha) == p.AttachmentStatus(sha, len(photo), len(photo), True)
    again = _put(neighbour, sha, CHUNK, len(photo) + 5, b"\0" * 10)
    assert p.AttachmentStatus.decode(again.content).complete
    later = neighbour.push([neighbour.change("tms", live_server.voter_id(8), _tms(sha))])
    assert later.need_attachments == ()


def test_a_file_no_change_of_the_device_names_is_refused(live_server: LiveServer) -> None:
    """Storage for evidence, not for anything a device wants to keep: a file no change names,
    or one named only by a change the server refused, is not stored, not even in part."""
    dev = live_server.device()
    stray = random.Random(13).randbytes(5000)
    sha = hashlib.sha256(stray).hexdigest()
    response = _put(dev, sha, 0, len(stray), stray)
    assert response.status_code == 403
    assert type(_error(response)) is p.AttachmentNotReferenced
    assert "own changes" in _error(response).message

    # A TMS of a voter the server does not have is refused, and names nothing.
    refused = dev.push([dev.change("tms", "f" * 32, _tms(sha))])
    assert refused.results[0].status is p.ChangeStatus.REFUSED
    assert refused.need_attachments == ()
    assert _put(dev, sha, 0, len(stray), stray).status_code == 403

    assert _stored(live_server, sha) is None
    assert _partials(live_server, sha) == []
    with live_server.repo.transaction(write=False) as tx:
        assert tx.finished_attachment(sha) is None
        assert tx.attachment_upload(sha, dev.device_id) is None


def test_upgrade_to_0005_keeps_finished_files_and_lets_each_device_send_its_own(
    server_db: str | pathlib.Path, tmp_path: pathlib.Path
) -> None:
    """A server upgraded from 0003: the changes it holds name the files their devices may
    upload (a TMS photo, an application's documents, a re-enrolled laptop's duplicate; not a
    refused change's), finished files stay shared, and a half-upload of shared state (possibly
    a neighbour's size 1) is dropped, so the owner's laptop starts its own copy at byte 0."""
    owner, neighbour, refused_dev = (uuid.uuid4().hex for _ in range(3))
    photo, ktp, stray, done = (hashlib.sha256(n.encode()).hexdigest() for n in "pksd")
    db = open_database(server_db)
    try:
        schema.migrate(db, iso(time.time()), through="0003_application_outcomes")
        at = "2029-01-02T08:00:00+00:00"
        rows = [
            (owner, 1, "voter", "tms", _tms(photo), "applied"),
            (owner, 2, "application", "application.submit", {"attachments": {"ktp": ktp}}, "held"),
            (owner, 3, "voter", "tms", _tms(None), "applied"),
            (owner, 4, "voter", "sesuai", {}, "applied"),
            (neighbour, 1, "voter", "tms", _tms(photo), "duplicate"),
            (refused_dev, 1, "voter", "tms", _tms(stray), "refused"),
        ]
        with db.transaction(write=True) as sql:
            for device, seq, entity, op, payload, state in rows:
                sql.run(
                    "INSERT INTO changes (device_id, seq, change_id, entity, entity_id, op, "
                    "payload, received_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        device,
                        seq,
                        uuid.uuid4().hex,
                        entity,
                        uuid.uuid4().hex,
                        op,
                        json.dumps(payload),
                        at,
                        state,
                    ),
                )
            sql.run(
                "INSERT INTO changes (device_id, seq, received_at, state) "
                "VALUES (?, 2, ?, 'skipped')",
                (refused_dev, at),
            )
            for sha, size, received, complete, device in (
                (photo, 1, 0, 0, neighbour),  # the attack, frozen in the old shared state
                (done, 7, 7, 1, owner),
            ):
                sql.run(
                    "INSERT INTO attachments (sha256, size, received, complete, device_id, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (sha, size, received, complete, device, at),
                )
    finally:
        db.close()
    root = tmp_path / "attachments"
    (root / "partial").mkdir(parents=True)
    (root / "partial" / photo).write_bytes(b"x")  # the old shared half-upload

    config = ServerConfig.for_database(server_db, attachments_dir=root)
    app = create_app(config)  # migrates, and drops the shared half-upload
    repo: Repository = app.state.repository
    try:
        with repo.transaction(write=False) as tx:
            refs = tx.sql.all("SELECT sha256, device_id FROM attachment_refs")
            assert {(r["sha256"], r["device_id"]) for r in refs} == {
                (photo, owner),
                (ktp, owner),
                (photo, neighbour),
            }
            assert tx.finished_attachment(done) is not None
            assert tx.finished_attachment(photo) is None
            assert tx.attachment_upload(photo, neighbour) is None
        if not config.evidence_in_database:  # PostgreSQL's store does not use the folder
            assert not (root / "partial" / photo).exists()
    finally:
        repo.close()


def test_export_evidence_writes_finished_files_from_either_store(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    """KPU's way to the photos, the same command on both backends: finished files only,
    each checked, mode 0600; an existing file is never overwritten; a hash the server does
    not have is named."""
    dev = live_server.device()
    photo = random.Random(29).randbytes(70_000)
    sha = hashlib.sha256(photo).hexdigest()
    _name_in_a_change(live_server, dev, sha, 0)
    assert _upload(dev, sha, photo).complete
    half = random.Random(30).randbytes(70_000)
    half_sha = hashlib.sha256(half).hexdigest()
    _name_in_a_change(live_server, dev, half_sha, 1)
    assert _put(dev, half_sha, 0, len(half), half[:CHUNK]).status_code == 200

    out = tmp_path / "out"
    folder = ("--attachments", live_server.config.attachments_root)
    extra = () if live_server.config.evidence_in_database else folder
    result = cli("export-evidence", "--out", out, *extra, db=live_server.db)
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 evidence file(s) (70,000 bytes)" in result.stdout
    assert sorted(f.name for f in out.iterdir()) == [sha]
    assert (out / sha).read_bytes() == photo and (out / sha).stat().st_mode & 0o777 == 0o600

    (out / sha).write_bytes(b"the officer's own copy")
    again = cli("export-evidence", "--out", out, *extra, sha, half_sha, db=live_server.db)
    assert again.returncode == 1
    assert "1 already there (not overwritten)" in again.stdout
    assert half_sha in again.stderr and not (out / half_sha).exists()
    assert (out / sha).read_bytes() == b"the officer's own copy"

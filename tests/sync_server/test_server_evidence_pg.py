"""Evidence in PostgreSQL (issue 17 item 1): server processes share nothing but the database.

Real, separate ``python -m sync_server serve`` processes on one database; the folder of an
older deployment copied in with ``migrate-evidence``; a damaged chunk caught by its hash.
"""

from __future__ import annotations

import hashlib
import pathlib
import random
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.attachments import AttachmentStore
from sync_server.attachments_db import DatabaseEvidence
from sync_server.repository import Repository
from tests.support.server_process import ServerProcess
from tests.sync_server.conftest import new_pg_database
from tests.sync_server.sync_helpers import AREA, DeviceClient
from tests.sync_server.test_server_cli import cli

CHUNK = 32 * 1024


@pytest.fixture()
def pg_url(request: pytest.FixtureRequest) -> str:
    return new_pg_database(request)


@pytest.fixture()
def loaded(
    pg_url: str, demo_regions: list[tuple[str, str]], area_voters: list[VoterRecord]
) -> Iterator[Repository]:
    repo = Repository.open(pg_url, time.time())
    repo.load_regions(demo_regions, time.time())
    repo.load_voters(area_voters, time.time())
    try:
        yield repo
    finally:
        repo.close()


def _enrolled(repo: Repository, url: str, label: str) -> DeviceClient:
    dev = DeviceClient(url)
    response = dev.enroll(repo.create_enroll_code(AREA, 1, time.time()), label)
    assert response.status_code == 200, response.text
    return dev


def _name(dev: DeviceClient, voter: VoterRecord, sha: str) -> None:
    """A TMS change naming the file: from now on the device may upload it."""
    tms = {"code": 1, "evidence_type": "akta_kematian", "evidence_ref": "1/2029", "attachment": sha}
    result = dev.push([dev.change("tms", imported_voter_id(voter), tms)])
    assert result.results[0].status in (p.ChangeStatus.ACCEPTED, p.ChangeStatus.CONFLICT)


def _put(dev: DeviceClient, sha: str, offset: int, data: bytes, size: int) -> requests.Response:
    path = p.attachment_path(sha, offset=offset, size=size)
    return dev.request("PUT", path, data, content_type="application/octet-stream")


def _status(dev: DeviceClient, sha: str) -> p.AttachmentStatus:
    response = dev.request("GET", f"/v1/attachments/{sha}")
    assert response.status_code == 200, response.text
    return p.AttachmentStatus.decode(response.content)


def _stored(repo: Repository, sha: str) -> bytes:
    return b"".join(DatabaseEvidence(repo, max_bytes=p.MAX_ATTACHMENT_BYTES, max_chunk=1).read(sha))


def test_an_upload_started_on_one_process_finishes_on_another(
    loaded: Repository, pg_url: str, area_voters: list[VoterRecord], tmp_path: pathlib.Path
) -> None:
    """Two server processes, no shared folder (none is given): the laptop's connection moves
    to the other process mid-upload (a proxy's choice) and resumes where the first left off."""
    photo = random.Random(17).randbytes(200_000)
    sha = hashlib.sha256(photo).hexdigest()
    with ServerProcess(pg_url) as first, ServerProcess(pg_url) as second:
        dev = _enrolled(loaded, first.url, "laptop-a")
        _name(dev, area_voters[0], sha)
        for offset, chunk in p.split_chunks(photo, CHUNK)[:3]:
            assert _put(dev, sha, offset, chunk, len(photo)).status_code == 200

        dev.base_url = second.url
        status = _status(dev, sha)
        assert (status.size, status.received, status.complete) == (len(photo), 3 * CHUNK, False)
        for offset, chunk in p.split_chunks(photo, CHUNK, start=status.received):
            response = _put(dev, sha, offset, chunk, len(photo))
            assert response.status_code == 200, response.text
        assert p.AttachmentStatus.decode(response.content).complete

        dev.base_url = first.url
        assert _status(dev, sha) == p.AttachmentStatus(sha, len(photo), len(photo), True)
    assert _stored(loaded, sha) == photo
    assert not any(tmp_path.iterdir())  # nothing written beside the test


def test_devices_racing_one_file_through_two_processes(
    loaded: Repository, pg_url: str, area_voters: list[VoterRecord]
) -> None:
    """Six devices whose changes name the same photo upload it at once, alternating between
    two processes: no chunk interleaves into another device's copy, the file is finished once,
    and every copy of the losers is gone."""
    photo = random.Random(5).randbytes(96 * 1024)
    sha = hashlib.sha256(photo).hexdigest()
    errors: list[str] = []
    with ServerProcess(pg_url) as first, ServerProcess(pg_url) as second:
        devices = [_enrolled(loaded, (first, second)[i % 2].url, f"laptop-{i}") for i in range(6)]
        for index, dev in enumerate(devices):
            _name(dev, area_voters[10 + index], sha)
        start = threading.Barrier(len(devices))

        def upload(dev: DeviceClient) -> None:
            start.wait(10)
            received = 0
            while True:
                response = _put(dev, sha, received, photo[received:][:8192], len(photo))
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

        threads = [threading.Thread(target=upload, args=(d,)) for d in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert errors == []
    assert _stored(loaded, sha) == photo
    with loaded.transaction(write=False) as tx:
        owners = tx.sql.all(
            "SELECT DISTINCT device_id FROM evidence_chunks WHERE sha256 = ?", (sha,)
        )
        assert [row["device_id"] for row in owners] == [""]  # the shared copy only
        assert tx.sql.scalar("SELECT COUNT(*) FROM attachment_uploads") == 0


def test_a_damaged_chunk_is_caught_by_the_hash(
    loaded: Repository, pg_url: str, area_voters: list[VoterRecord], tmp_path: pathlib.Path
) -> None:
    """A chunk changed in the database (a bad disk, a bad restore, a hand in the database) is
    caught: during an upload the copy fails its hash and the device starts again; in a
    finished file, export-evidence refuses to write it and names it."""
    photo = random.Random(23).randbytes(100_000)
    sha = hashlib.sha256(photo).hexdigest()
    with ServerProcess(pg_url) as server:
        dev = _enrolled(loaded, server.url, "laptop-a")
        _name(dev, area_voters[0], sha)
        pieces = p.split_chunks(photo, CHUNK)
        for offset, chunk in pieces[:2]:
            assert _put(dev, sha, offset, chunk, len(photo)).status_code == 200
        with loaded.transaction(write=True) as tx:
            damaged = tx.sql.run(
                "UPDATE evidence_chunks SET data = ? WHERE sha256 = ? AND pos = ?",
                (b"\0" * CHUNK, sha, CHUNK),
            )
            assert damaged == 1
        for offset, chunk in pieces[2:]:
            response = _put(dev, sha, offset, chunk, len(photo))
        assert response.status_code == 422
        assert type(p.ProtocolError.from_response(422, response.content)) is p.HashMismatch
        assert _status(dev, sha) == p.AttachmentStatus(sha, None, 0, False)

        for offset, chunk in pieces:  # sent again whole: verified and shared
            response = _put(dev, sha, offset, chunk, len(photo))
        assert p.AttachmentStatus.decode(response.content).complete

    good = cli("export-evidence", "--out", tmp_path / "out", db=pg_url)
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "out" / sha).read_bytes() == photo
    assert (tmp_path / "out" / sha).stat().st_mode & 0o777 == 0o600

    with loaded.transaction(write=True) as tx:
        tx.sql.run(
            "UPDATE evidence_chunks SET data = ? WHERE sha256 = ? AND pos = 0",
            (b"\1" + photo[1:CHUNK], sha),
        )
    bad = cli("export-evidence", "--out", tmp_path / "again", db=pg_url)
    assert bad.returncode == 1
    assert f"{sha}: Evidence file {sha} does not match its SHA-256" in bad.stderr
    assert not (tmp_path / "again" / sha).exists()
    assert list((tmp_path / "again").iterdir()) == []  # no half-written file left behind


def test_migrate_evidence_copies_a_folder_in_verified_and_resumable(
    loaded: Repository, area_voters: list[VoterRecord], pg_url: str, tmp_path: pathlib.Path
) -> None:
    """A PostgreSQL deployment of the previous release kept evidence in a folder: finished
    files, a device's half-upload, and one file the disk damaged. The command copies what
    verifies, names the damaged one, says so again on a second run without copying twice,
    and the half-upload resumes through the database store where the device left off."""
    folder = tmp_path / "attachments"
    old_store = AttachmentStore(
        folder, loaded, max_bytes=p.MAX_ATTACHMENT_BYTES, max_chunk=p.MAX_CHUNK_BYTES
    )
    rng = random.Random(31)
    files = [rng.randbytes(n) for n in (70_000, 1_500_000, 3000)]
    hashes = [hashlib.sha256(f).hexdigest() for f in files]
    half = rng.randbytes(90_000)
    half_sha = hashlib.sha256(half).hexdigest()
    device = "d" * 32
    with loaded.transaction(write=True) as tx:
        tx.add_attachment_refs(device, [(h, "c" * 32) for h in [*hashes, half_sha]])
    for data, sha in zip(files, hashes, strict=True):
        for offset, chunk in p.split_chunks(data, 200_000):
            old_store.put_chunk(sha, offset, len(data), chunk, device, time.time())
    for offset, chunk in p.split_chunks(half, CHUNK)[:2]:
        old_store.put_chunk(half_sha, offset, len(half), chunk, device, time.time())
    damaged = folder / hashes[2][:2] / hashes[2]
    damaged.write_bytes(b"X" + files[2][1:])

    first = cli("migrate-evidence", "--attachments", folder, db=pg_url)
    assert first.returncode == 1
    assert (
        "2 file(s) copied (1,570,000 bytes), 0 already in the database, "
        "1 half-upload(s) copied, 1 corrupt (not copied), 0 removed from the folder."
    ) in first.stdout
    assert hashes[2] in first.stderr
    store = DatabaseEvidence(loaded, max_bytes=p.MAX_ATTACHMENT_BYTES, max_chunk=p.MAX_CHUNK_BYTES)
    assert b"".join(store.read(hashes[0])) == files[0]
    assert b"".join(store.read(hashes[1])) == files[1]
    with loaded.transaction(write=False) as tx:  # the 1.5 MB photo: two rows of 1 MiB at most
        sizes = tx.sql.all(
            "SELECT LENGTH(data) AS n FROM evidence_chunks WHERE sha256 = ? ORDER BY pos",
            (hashes[1],),
        )
        assert [row["n"] for row in sizes] == [1 << 20, 1_500_000 - (1 << 20)]

    again = cli("migrate-evidence", "--attachments", folder, "--delete-folder", db=pg_url)
    assert "0 file(s) copied (0 bytes), 2 already in the database, 0 half-upload(s) copied, " in (
        again.stdout
    )
    assert "2 removed from the folder" in again.stdout
    assert not (folder / hashes[0][:2] / hashes[0]).exists()
    assert damaged.exists()  # a file that failed its hash is never deleted

    status = store.status(half_sha, device)
    assert (status.received, status.complete) == (2 * CHUNK, False)
    for offset, chunk in p.split_chunks(half, CHUNK, start=status.received):
        status = store.put_chunk(half_sha, offset, len(half), chunk, device, time.time())
    assert status.complete
    assert b"".join(store.read(half_sha)) == half


def test_migrate_evidence_refuses_a_sqlite_database(tmp_path: pathlib.Path) -> None:
    result = cli("migrate-evidence", "--attachments", tmp_path, db=tmp_path / "server.db")
    assert result.returncode == 1
    assert "PostgreSQL" in result.stderr

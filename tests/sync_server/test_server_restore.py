"""Backup and restore with pg_dump/pg_restore (issue 17 item 4), with real laptops.

A restore loses what arrived after the backup. The laptops still hold it (the outbox keeps
every change after its acknowledgement); the pull tells each laptop the highest seq the server
holds of it, and a laptop holding answers above that resends them. The restored database also
moves its revs past the backup, so laptops that pulled revs issued after it miss nothing new.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pathlib
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

from desktop_app.store import outbox
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.sync.run import SyncRunReport
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.attachments_db import DatabaseEvidence
from sync_server.repository import Repository
from tests.support.server_process import ServerProcess
from tests.sync_server.conftest import new_pg_database
from tests.sync_server.pg_cluster import SUPERUSER, TempCluster
from tests.sync_server.sync_helpers import AREA, LiveServer
from tests.sync_server.test_server_cli import cli

FAST_RETRY = RetryPolicy(attempts=8, first_delay=0.01, max_delay=0.05)


def _pg_tool(cluster: TempCluster, tool: str, *args: str) -> None:
    result = subprocess.run(
        [str(cluster.bindir / tool), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", SUPERUSER]
        + list(args),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _dbname(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture()
def loaded(
    request: pytest.FixtureRequest,
    demo_regions: list[tuple[str, str]],
    area_voters: list[VoterRecord],
) -> Iterator[str]:
    url = new_pg_database(request)
    repo = Repository.open(url, time.time())
    repo.load_regions(demo_regions, time.time())
    repo.load_voters(area_voters, time.time())
    repo.close()
    yield url


def _laptop(store: FieldStore, url: str, db_url: str, label: str) -> SyncEngine:
    repo = Repository.open(db_url, time.time())
    try:
        code = repo.create_enroll_code(AREA, 1, time.time())
    finally:
        repo.close()
    _, engine = enroll(store, url, code, label=label, retry=FAST_RETRY, kpu_key=None)
    return engine


def _sync(engine: SyncEngine, url: str) -> SyncRunReport:
    engine.client.base_url = url
    report = engine.run_once()
    assert report.ok, report
    return report


def _server_changes(db_url: str, change_ids: list[str]) -> dict[str, list[str]]:
    """change_id -> the states of its slots on the server."""
    repo = Repository.open(db_url, time.time())
    try:
        with repo.transaction(write=False) as tx:
            rows = tx.sql.all("SELECT change_id, state FROM changes")
    finally:
        repo.close()
    found: dict[str, list[str]] = {c: [] for c in change_ids}
    for row in rows:
        if row["change_id"] in found:
            found[row["change_id"]].append(row["state"])
    return found


def _voter(db_url: str, voter_id: str) -> dict[str, Any]:
    repo = Repository.open(db_url, time.time())
    try:
        with repo.transaction(write=False) as tx:
            row = tx.voter(voter_id)
    finally:
        repo.close()
    assert row is not None
    return row


def _local(store: FieldStore, voter_id: str) -> tuple[Any, ...]:
    return tuple(
        store.db.execute("SELECT rt, version FROM voters WHERE id = ?", [voter_id]).fetchone()
    )


def test_changes_acknowledged_after_the_backup_are_resent_after_a_restore(
    request: pytest.FixtureRequest,
    store: FieldStore,
    recovery_keys: tuple[bytes, bytes],
    tmp_path: pathlib.Path,
    pg_cluster: TempCluster,
    loaded: str,
    area_voters: list[VoterRecord],
) -> None:
    ids = [imported_voter_id(v) for v in area_voters]
    second_store = Vault(tmp_path / "laptop2").create(
        "Budi Santoso", "sawah-hijau-di-lembah", recovery_keys[1], kdf=TEST_KDF
    )
    restored = new_pg_database(request)
    dump = tmp_path / "lapang.dump"
    try:
        with ServerProcess(loaded) as before:
            first = _laptop(store, before.url, loaded, "laptop-1")
            second = _laptop(second_store, before.url, loaded, "laptop-2")
            service, other = VoterService(store), VoterService(second_store)

            batch_a = [service.ubah(ids[i], {"rt": "011"}).change_id for i in range(5)]
            other_a = [other.ubah(ids[i], {"rt": "021"}).change_id for i in range(20, 23)]
            _sync(first, before.url)
            _sync(second, before.url)

            _pg_tool(pg_cluster, "pg_dump", "-Fc", "-f", str(dump), _dbname(loaded))

            photo = b"\xff\xd8\xff\xe0" + os.urandom(70_000)
            batch_b = [service.ubah(ids[i], {"rt": "012"}).change_id for i in range(5, 10)]
            batch_b.append(
                service.mark_tms(
                    ids[10],
                    1,
                    "akta_kematian",
                    "474.3/1/2029",
                    AttachmentInput(photo, "image/jpeg"),
                ).change_id
            )
            report_b = _sync(first, before.url)
            assert report_b.confirmed == 6 and report_b.attachments == 1
            _sync(second, before.url)  # laptop 2 pulled batch B: its cursor is past the backup
            assert _local(second_store, ids[5]) == ("012", 2)

        # The database is lost; a fresh one is restored from the dump.
        _pg_tool(pg_cluster, "pg_restore", "--no-owner", "-d", _dbname(restored), str(dump))
        assert _server_changes(restored, batch_b) == {c: [] for c in batch_b}
        # KPU corrects a voter on the restored server before any laptop is back: a row with
        # the first rev after the restore, which laptop 2's cursor has long passed.
        repo = Repository.open(restored, time.time())
        try:
            repo.load_voters([dataclasses.replace(area_voters[40], rt="099")], time.time())
        finally:
            repo.close()

        with ServerProcess(restored) as after:
            report = _sync(first, after.url)
            assert report.resent == 6 and report.attachments == 1
            # Batch B applied exactly once; batch A not again; laptop 2's changes untouched.
            states = _server_changes(restored, batch_a + batch_b + other_a)
            assert states == {c: ["applied"] for c in batch_a + batch_b + other_a}
            for i in range(5, 10):
                row = _voter(restored, ids[i])
                assert (row["rt"], row["version"]) == ("012", 2)
            assert _voter(restored, ids[0])["version"] == 2
            sha = hashlib.sha256(photo).hexdigest()
            repo = Repository.open(restored, time.time())
            try:
                evidence = DatabaseEvidence(repo, max_bytes=1 << 30, max_chunk=1)
                assert b"".join(evidence.read(sha)) == photo
            finally:
                repo.close()
            assert outbox.counts(store.db) == {"pending": 0, "sent": 11, "refused": 0}

            # The next run has nothing to resend.
            assert _sync(first, after.url).resent == 0

            # Laptop 2 resends nothing of its own, and still hears of what laptop 1 does now,
            # although its cursor is past every rev the restored database had issued.
            later = service.ubah(ids[30], {"rt": "013"}).change_id
            _sync(first, after.url)
            report_2 = _sync(second, after.url)
            assert report_2.resent == 0
            assert _local(second_store, ids[30]) == ("013", 2)
            assert _local(second_store, ids[40]) == ("099", 2)
            own = other.ubah(ids[31], {"rt": "022"}).change_id
            assert _sync(second, after.url).confirmed == 1
            assert _server_changes(restored, [later, own]) == {
                later: ["applied"],
                own: ["applied"],
            }
    finally:
        second_store.close()


def test_a_restored_database_moves_its_revs_past_the_backup_once(
    request: pytest.FixtureRequest, pg_cluster: TempCluster, loaded: str, tmp_path: pathlib.Path
) -> None:
    """pg_restore into a fresh database is recognised on first open (another database OID),
    the rev counter jumps once — not again on the next start — and a plain restart of the
    original database moves nothing."""
    repo = Repository.open(loaded, time.time())
    with repo.transaction(write=False) as tx:
        head = tx.head_rev()
    repo.close()
    dump = tmp_path / "lapang.dump"
    _pg_tool(pg_cluster, "pg_dump", "-Fc", "-f", str(dump), _dbname(loaded))
    copy = new_pg_database(request)
    _pg_tool(pg_cluster, "pg_restore", "--no-owner", "-d", _dbname(copy), str(dump))

    heads = []
    for target in (loaded, copy, copy):
        repo = Repository.open(target, time.time())
        with repo.transaction(write=False) as tx:
            heads.append(
                (
                    tx.head_rev(),
                    tx.sql.scalar("SELECT value FROM counters WHERE name = 'restore_epoch'"),
                )
            )
        repo.close()
    assert heads == [(head, 0), (head + (1 << 40), 1), (head + (1 << 40), 1)]


def test_the_pull_page_says_the_highest_seq_held_of_the_device(live_server: LiveServer) -> None:
    """``rcv``: 0 before the device sent anything; then its highest slot, whatever its state
    (a refused change and one held behind a gap count: the device has answers for them)."""
    dev = live_server.device()
    assert dev.pull().received_through == 0
    dev.push([dev.change("sesuai", live_server.voter_id(0))])
    dev.push([dev.change("tms", "f" * 32, {"code": 1, "evidence_type": "x"})])  # refused
    assert dev.pull().received_through == 2
    dev.push([dev.change("sesuai", live_server.voter_id(1), seq=5)])  # held behind 3..4
    assert dev.pull().received_through == 5
    assert live_server.device(label="other").pull().received_through == 0


def test_restored_moves_the_revs_by_hand(server_db: str | pathlib.Path) -> None:
    """SQLite cannot tell a restored file from the original: ``restored`` moves the revs."""
    repo = Repository.open(server_db, time.time())
    with repo.transaction(write=False) as tx:
        head = tx.head_rev()
    repo.close()
    result = cli("restored", db=server_db)
    assert result.returncode == 0, result.stderr
    assert "restore 1" in result.stdout
    repo = Repository.open(server_db, time.time())
    with repo.transaction(write=False) as tx:
        assert tx.head_rev() == head + (1 << 40)
    repo.close()

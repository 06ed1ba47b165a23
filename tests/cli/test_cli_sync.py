"""``lapang enroll`` and ``lapang sync`` run headless, as KPU IT and a scheduled task run them:
a separate process, the passphrase from the environment, a real sync server on loopback."""

from __future__ import annotations

import pathlib
import time
from collections.abc import Iterator

import pytest

from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from tests.cli.test_cli import PASS, lapang
from tests.support.sync_env import RunningServer, area_voters, start_server

OFFICER = "Siti"


@pytest.fixture()
def vault_dir(tmp_path: pathlib.Path, recovery_keys: tuple[bytes, bytes]) -> pathlib.Path:
    key_file = tmp_path / "kpu_recovery_public.pem"
    key_file.write_bytes(recovery_keys[1])
    data_dir = tmp_path / "data"
    made = lapang(data_dir, "init", "--officer", OFFICER, "--recovery-public-key", str(key_file))
    assert made.returncode == 0, made.stderr
    return data_dir


@pytest.fixture()
def server(tmp_path: pathlib.Path) -> Iterator[RunningServer]:
    running = start_server(tmp_path / "server", voters=area_voters(30))
    try:
        yield running
    finally:
        running.stop()


def _enrolled(vault_dir: pathlib.Path, server: RunningServer) -> None:
    result = lapang(vault_dir, "enroll", server.code(), "--server", server.url)
    assert result.returncode == 0, result.stderr
    assert "Enrolled as device" in result.stdout and "Area download: ok" in result.stdout


def _mark_sesuai(vault_dir: pathlib.Path, voter_ids: list[str]) -> None:
    with Vault(vault_dir).unlock(OFFICER, PASS) as store:
        service = VoterService(store)
        for voter_id in voter_ids:
            service.mark_sesuai(voter_id)


def test_enroll_then_sync_sends_the_queue_to_kpu(
    vault_dir: pathlib.Path, server: RunningServer
) -> None:
    _enrolled(vault_dir, server)
    voter_ids = [server.voter_id(i) for i in range(3)]
    _mark_sesuai(vault_dir, voter_ids)

    result = lapang(vault_dir, "sync")

    assert result.returncode == 0, result.stderr
    assert "Sync: ok; 3 change(s) confirmed" in result.stdout
    assert "push:" in result.stderr  # progress on stderr
    assert server.change_counts() == {"applied": 3}
    assert all(server.voter_row(v)["keterangan"] == "✓" for v in voter_ids)
    changes = server.repo.changes()
    assert {c["officer"] for c in changes} == {OFFICER}
    # A second run finds nothing left and says so.
    again = lapang(vault_dir, "sync")
    assert again.returncode == 0 and "0 change(s) confirmed, 0 refused, 0 waiting" in again.stdout


def test_sync_with_the_server_down_exits_2_and_keeps_the_queue(
    vault_dir: pathlib.Path, server: RunningServer
) -> None:
    _enrolled(vault_dir, server)
    _mark_sesuai(vault_dir, [server.voter_id(0)])
    server.stop()

    started = time.monotonic()
    result = lapang(vault_dir, "sync")

    assert result.returncode == 2, result.stderr
    assert "does not answer" in result.stderr and "stays queued" in result.stderr
    assert time.monotonic() - started < 60
    with Vault(vault_dir).unlock(OFFICER, PASS) as store:
        from desktop_app.store import outbox

        assert outbox.counts(store.db)["pending"] == 1


def test_sync_refused_by_the_server_exits_1_and_says_why(
    vault_dir: pathlib.Path, server: RunningServer
) -> None:
    _enrolled(vault_dir, server)
    _mark_sesuai(vault_dir, [server.voter_id(0)])
    ((device, _),) = server.repo.devices()
    server.repo.revoke(device.id, time.time())

    result = lapang(vault_dir, "sync")

    assert result.returncode == 1
    assert "device_revoked" in result.stderr and "revoked" in result.stdout + result.stderr
    assert server.change_counts() == {}


def test_enroll_says_what_went_wrong(
    vault_dir: pathlib.Path, server: RunningServer, tmp_path: pathlib.Path
) -> None:
    bad_code = lapang(vault_dir, "enroll", "AAAA-BBBB-CCCC", "--server", server.url)
    assert bad_code.returncode == 1
    assert "refused the enrolment" in bad_code.stderr
    no_server = lapang(vault_dir, "enroll", server.code())
    assert no_server.returncode == 1 and "--server" in no_server.stderr
    url = server.url
    code = server.code()
    server.stop()
    down = lapang(vault_dir, "enroll", code, "--server", url)
    assert down.returncode == 2 and "does not answer" in down.stderr
    not_enrolled = lapang(vault_dir, "sync")
    assert not_enrolled.returncode == 1 and "enrol" in not_enrolled.stderr.lower()
    wrong = lapang(vault_dir, "sync", passphrase="bukan-sandinya-ini")
    assert wrong.returncode == 1

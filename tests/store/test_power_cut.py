"""A power cut loses nothing an officer saw saved.

A writer process saves voter updates through the real service and reports each one only after the
service returned (the moment the desk would show "saved"). It is killed with SIGKILL at random
moments, over and over. Afterwards every reported update must be in the store, and the database,
audit chain and outbox must agree. The writer is forked from this already-initialised process so
that hundreds of rounds fit in CI's time."""

from __future__ import annotations

import datetime as dt
import os
import random
import select
import signal
import time

import pytest

from desktop_app.store.vault import Vault
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.voter import VoterRecord
from tests.conftest import OFFICER, PASSPHRASE

ROUNDS = int(__import__("os").environ.get("POWER_CUT_ROUNDS", "220"))
VOTERS = 40


def _voters() -> list[VoterRecord]:
    return [
        VoterRecord(
            nkk=f"61110201012{i:05d}",
            nik=f"61110201019{i:05d}",
            nama=f"Pemilih Uji {i}",
            tempat_lahir="Sukadana",
            tanggal_lahir=dt.date(1990, 1, 1),
            status_perkawinan="S",
            jenis_kelamin="L",
            alamat="Dusun Satu",
            rt="001",
            rw="002",
            disabilitas=0,
            status_ktp_el="S",
            tps_id="61.11.02.2003.001",
            sumber="DP4",
            dpid=str(10_000 + i),
        )
        for i in range(VOTERS)
    ]


def _writer(data_dir, report_fd: int, seed: int) -> None:
    """Runs in the forked child until it is killed."""
    rng = random.Random(seed)
    store = Vault(data_dir).unlock(OFFICER, PASSPHRASE)
    service = VoterService(store)
    ids = [row[0] for row in store.db.execute("SELECT id FROM voters")]
    while True:
        voter_id = rng.choice(ids)
        # Sesuai only on an unchecked row: on a checked one it writes nothing or is refused.
        if rng.random() < 0.5 and service.get(voter_id).record.keterangan == "":
            result = service.mark_sesuai(voter_id)
        else:
            result = service.ubah(voter_id, {"alamat": f"Dusun {rng.randint(1, 10**6)}"})
        os.write(report_fd, f"{result.change_id}\n".encode())


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_reported(store, vault):
    import_voters(store, _voters(), source="test")
    store.close()
    rng = random.Random(20261125)
    reported: set[str] = set()
    kills = 0
    for round_no in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: the writer
            os.close(read_fd)
            try:
                _writer(vault.data_dir, write_fd, round_no)
            finally:
                os._exit(1)
        os.close(write_fd)
        buffer = b""
        deadline = time.monotonic() + rng.uniform(0.02, 0.25)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                buffer += os.read(read_fd, 65536)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        while chunk := os.read(read_fd, 65536):
            buffer += chunk
        os.close(read_fd)
        # Only complete lines were reported; a torn last line was never seen as saved.
        *lines, _torn = buffer.decode().split("\n")
        reported.update(lines)

    assert kills >= 200
    assert len(reported) > ROUNDS  # the writer really wrote during the run

    reopened = Vault(vault.data_dir).unlock(OFFICER, PASSPHRASE)
    db = reopened.db
    stored = {row[0] for row in db.execute("SELECT change_id FROM outbox")}
    missing = reported - stored
    assert not missing, f"{len(missing)} reported saves were lost"
    report = verify_store(reopened)
    assert report.ok, report.lines()
    # Outbox and data agree: each voter's current alamat is the one its last ubah queued.
    last_ubah = {}
    for entity_id, payload in db.execute(
        "SELECT entity_id, payload FROM outbox WHERE op = 'ubah' ORDER BY seq"
    ):
        last_ubah[entity_id] = payload
    import json

    for voter_id, payload in last_ubah.items():
        alamat = db.execute("SELECT alamat FROM voters WHERE id = ?", [voter_id]).fetchone()[0]
        assert alamat == json.loads(payload)["changes"]["alamat"]
    reopened.close()

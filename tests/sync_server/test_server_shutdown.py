"""Graceful shutdown under load: a real ``python -m sync_server serve`` process on loopback,
several laptops pushing at once, SIGTERM in the middle, a restart. Pushes in flight at the
signal are answered; the rest fail to connect and are sent again after the restart. In the
end every change is applied exactly once and every laptop's queue is empty."""

from __future__ import annotations

import dataclasses
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
from typing import Any

import pytest
import requests

from desktop_app.synthetic.generator import generate_voters
from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.repository import Repository
from tests.support.ports import free_port
from tests.sync_server.sync_helpers import AREA, ELECTION, DeviceClient

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
LAPTOPS = 6
CHANGES_EACH = 150
BATCH = 15


def _start(db: str | pathlib.Path, folder: pathlib.Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync_server",
            "serve",
            "--db",
            str(db),
            "--attachments",
            str(folder / "attachments"),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        assert server.poll() is None, server.stderr.read() if server.stderr else b""
        assert time.monotonic() < deadline, "the server did not become ready"
        time.sleep(0.05)


@dataclasses.dataclass
class Attempt:
    started: float
    ended: float
    outcome: str  # "200", another status, or "connection" (refused or cut)


@dataclasses.dataclass
class Laptop:
    client: DeviceClient
    queue: list[dict[str, Any]]
    attempts: list[Attempt] = dataclasses.field(default_factory=list)


def _ubah(client: DeviceClient, voter: VoterRecord) -> dict[str, Any]:
    new_rt = f"{(int(voter.rt or '1') % 20) + 1:03d}"
    return client.change(
        "ubah", imported_voter_id(voter), {"changes": {"rt": new_rt}, "original": {"rt": voter.rt}}
    )


class Traffic:
    """Each laptop pushes its queue in batches, as the sync engine does: a batch leaves the
    queue only once the server acknowledged its changes; a refused connection or a 5xx is
    retried with the same changes (same seqs), signed afresh."""

    def __init__(self, laptops: list[Laptop], deadline: float) -> None:
        self.laptops = laptops
        self.deadline = deadline
        self.in_flight = 0
        self.acknowledged = 0
        self._lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(lp,)) for lp in laptops]

    def _run(self, laptop: Laptop) -> None:
        client = laptop.client
        while laptop.queue and time.monotonic() < self.deadline:
            batch = laptop.queue[:BATCH]
            body = p.PushRequest.from_outbox(batch).encode()
            with self._lock:
                self.in_flight += 1
            started = time.monotonic()
            try:
                response = client.push_raw(body)
                outcome = str(response.status_code)
            except requests.ConnectionError:
                client.http.close()  # a fresh connection for the retry
                outcome, response = "connection", None
            finally:
                with self._lock:
                    self.in_flight -= 1
            laptop.attempts.append(Attempt(started, time.monotonic(), outcome))
            if response is not None and response.status_code == 200:
                results = p.PushResult.decode(response.content).results
                done = {r.seq for r in results if r.acknowledged}
                laptop.queue = [c for c in laptop.queue if c["seq"] not in done]
                with self._lock:
                    self.acknowledged += len(done)
            else:
                time.sleep(0.05)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(max(1.0, self.deadline - time.monotonic() + 5))


def _voters(demo_regions: list[tuple[str, str]]) -> list[VoterRecord]:
    rows = [r for r in demo_regions if r[0].startswith(AREA) or r[0] in ("14", "14.01")]
    return list(generate_voters(rows, LAPTOPS * CHANGES_EACH, seed=17, election_date=ELECTION))


@pytest.mark.slow
def test_sigterm_under_load_loses_nothing_and_applies_nothing_twice(
    server_db: str | pathlib.Path,
    tmp_path: pathlib.Path,
    demo_regions: list[tuple[str, str]],
) -> None:
    voters = _voters(demo_regions)
    repo = Repository.open(server_db, time.time())
    try:
        repo.load_regions(demo_regions, time.time())
        repo.load_voters(voters, time.time())
        codes = [repo.create_enroll_code(AREA, 1, time.time()) for _ in range(LAPTOPS)]
    finally:
        repo.close()

    port = free_port()
    server = _start(server_db, tmp_path, port)
    restarted: subprocess.Popen[bytes] | None = None
    try:
        laptops = []
        for index, code in enumerate(codes):
            client = DeviceClient(f"http://127.0.0.1:{port}")
            assert client.enroll(code, f"laptop-{index}").status_code == 200
            mine = voters[index * CHANGES_EACH : (index + 1) * CHANGES_EACH]
            laptops.append(Laptop(client, [_ubah(client, v) for v in mine]))
        traffic = Traffic(laptops, deadline=time.monotonic() + 240)
        traffic.start()

        # SIGTERM once a good part has gone through and several pushes are in flight.
        total = LAPTOPS * CHANGES_EACH
        wait_until = time.monotonic() + 60
        while not (traffic.acknowledged >= total // 4 and traffic.in_flight >= 3):
            assert time.monotonic() < wait_until, "the laptops never got going"
            time.sleep(0.001)
        signalled = time.monotonic()
        server.send_signal(signal.SIGTERM)
        # Uvicorn finishes its graceful shutdown, then re-raises the signal it caught: the exit
        # status is "killed by SIGTERM", which systemd counts as a clean stop.
        code = server.wait(60)
        assert code == -signal.SIGTERM, server.stderr.read() if server.stderr else b""
        stopped = time.monotonic()
        assert traffic.acknowledged < total, "everything went through before the signal"

        restarted = _start(server_db, tmp_path, port)
        traffic.join()
    finally:
        for process in (server, restarted):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(30)

    attempts = [a for lp in laptops for a in lp.attempts]
    # Pushes in flight at the signal were answered, not cut off ...
    finished = [a for a in attempts if a.started < signalled < a.ended and a.outcome == "200"]
    assert finished, "no push in flight at SIGTERM was answered"
    # ... while the server was down, pushes failed to connect and were sent again after.
    assert any(a.outcome == "connection" and a.started >= stopped for a in attempts)
    assert all(a.outcome in ("200", "connection") for a in attempts), {a.outcome for a in attempts}
    assert [len(lp.queue) for lp in laptops] == [0] * LAPTOPS  # every queue drained

    repo = Repository.open(server_db, time.time())
    try:
        assert repo.counts() == {"applied": total}
        with repo.transaction(write=False) as tx:
            rows = tx.sql.all(
                "SELECT version, COUNT(*) AS n FROM voters GROUP BY version ORDER BY version"
            )
            slots = tx.sql.scalar("SELECT COUNT(DISTINCT change_id) FROM changes")
        # Each voter changed exactly once: version 1 -> 2, never 3.
        assert [(r["version"], r["n"]) for r in rows] == [(2, total)]
        assert slots == total
        assert sorted(d.applied_seq for d, _ in repo.devices()) == [CHANGES_EACH] * LAPTOPS
    finally:
        repo.close()

"""Exactly once over the worst links: 10,000 queued changes pushed through a link that resets
about every 64 KB, and through an app killed with SIGKILL mid-push. Afterwards the server holds
exactly 10,000 distinct changes, each applied once, nothing is left pending, and the counts the
officer sees are the server's."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.run import SyncRunReport
from tests.conftest import OFFICER, PASSPHRASE, REPO_ROOT
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.conftest import enroll_store

pytestmark = pytest.mark.slow

CHANGES = 10_000
# Four changes each: sesuai, then three ubah (a voter checked, then corrected as documents turn
# up) — what a busy coklit week does. Sesuai after an ubah is refused by the service.
VOTERS = 2_500


@pytest.fixture()
def big_server(tmp_path: pathlib.Path) -> RunningServer:
    server = start_server(tmp_path / "server", voters=area_voters(VOTERS, seed=11))
    yield server
    server.stop()


def _queue_changes(store: FieldStore, server: RunningServer) -> None:
    service = VoterService(store)
    ids = [server.voter_id(i) for i in range(VOTERS)]
    # One transaction for the setup only: each save is still the service's full write.
    with store.db.atomic():
        for round_ in range(CHANGES // VOTERS):
            for i, vid in enumerate(ids):
                if round_ == 0:
                    service.mark_sesuai(vid)
                else:
                    service.ubah(vid, {"rt": f"{(i + round_) % 900 + 100:03d}"})
    assert outbox.counts(store.db) == {"pending": CHANGES, "sent": 0, "refused": 0}


def _check_exactly_once(store: FieldStore, server: RunningServer) -> None:
    assert server.distinct_changes() == CHANGES
    counts = server.change_counts()
    assert counts == {"applied": CHANGES}, counts
    assert outbox.counts(store.db) == {"pending": 0, "sent": CHANGES, "refused": 0}
    # Applied exactly once: every voter went from version 1 to 1 + 4, and the laptop agrees.
    with server.repo.transaction(write=False) as tx:
        versions = tx.sql.all("SELECT version, COUNT(*) AS n FROM voters GROUP BY version")
    assert {row["version"]: row["n"] for row in versions} == {5: VOTERS}
    local = store.db.execute("SELECT version, count(*) FROM voters GROUP BY version").fetchall()
    assert local == [(5, VOTERS)]


def test_ten_thousand_changes_through_a_link_that_resets_every_64_kb(
    store: FieldStore, big_server: RunningServer, kpu_public: Ed25519PublicKey
) -> None:
    started = time.monotonic()
    with FaultProxy(("127.0.0.1", big_server.port), seed=64) as proxy:
        enrolled = enroll_store(store, big_server, kpu_public, url=proxy.url)
        assert enrolled.result.area_downloaded
        _queue_changes(store, big_server)
        proxy.configure(reset_every=64 * 1024, reset_jitter=0.5)
        proxy.reset_counters()
        reports: list[SyncRunReport] = []
        while not (reports and reports[-1].ok) and len(reports) < 20:
            reports.append(enrolled.engine.run_once())
        assert reports[-1].ok, reports[-1]
        assert proxy.resets >= 5, "the link must really have failed"
        print(
            f"10k through resets: {proxy.resets} resets, {len(reports)} runs, "
            f"{sum(r.retries for r in reports)} retries, {sum(r.sent for r in reports)} sent, "
            f"{proxy.bytes_total} bytes"
        )
    _check_exactly_once(store, big_server)
    # Retries resent some changes; none was confirmed twice.
    assert sum(r.confirmed for r in reports) == CHANGES
    assert sum(r.sent for r in reports) > CHANGES
    assert time.monotonic() - started < 60


def _child(data_dir: pathlib.Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.engine_child", str(data_dir), OFFICER, PASSPHRASE],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def _laptop_sent(vault) -> int:  # type: ignore[no-untyped-def]
    store = vault.unlock(OFFICER, PASSPHRASE)
    try:
        return outbox.counts(store.db)["sent"]
    finally:
        store.close()


def _kill_at_answer(proxy: FaultProxy, data_dir: pathlib.Path, nth: int) -> None:
    """Start the engine and SIGKILL it the moment the server's ``nth`` answer starts back: the
    server has committed that batch, the laptop has not heard of it — the worst moment."""
    child = _child(data_dir)
    answers = 0

    def kill() -> None:
        nonlocal answers
        answers += 1
        if answers == nth:
            os.kill(child.pid, signal.SIGKILL)

    proxy.on_answer = kill
    try:
        child.communicate(timeout=30)
    finally:
        proxy.on_answer = None
    assert child.returncode == -signal.SIGKILL, child.stderr


def _kill_after_progress(data_dir: pathlib.Path, at_least: int, delay: float) -> None:
    """SIGKILL the engine ``delay`` seconds after it reports ``at_least`` changes confirmed:
    anywhere in the next request's life (encoding, upload, the server's work, the answer)."""
    child = _child(data_dir)
    assert child.stdout is not None
    for line in child.stdout:
        phase, *values = line.split()
        if phase == "push" and int(values[0]) >= at_least:
            time.sleep(delay)
            os.kill(child.pid, signal.SIGKILL)
            child.wait(10)
            return
    child.wait(10)
    raise AssertionError("the engine finished before it could be killed")


def test_killed_mid_push_and_restarted_loses_and_doubles_nothing(
    store: FieldStore, big_server: RunningServer, kpu_public: Ed25519PublicKey, vault
) -> None:
    with FaultProxy(("127.0.0.1", big_server.port), latency=0.02) as proxy:
        enroll_store(store, big_server, kpu_public, url=proxy.url)
        _queue_changes(store, big_server)
        store.close()
        for nth in (3, 2):
            _kill_at_answer(proxy, vault.data_dir, nth)
            # The server is ahead of the laptop: it holds a batch the laptop still has pending.
            assert _laptop_sent(vault) < big_server.distinct_changes() < CHANGES
        for delay in (0.0, 0.05, 0.12):
            _kill_after_progress(vault.data_dir, 500, delay)
            assert big_server.distinct_changes() < CHANGES
        final = _child(vault.data_dir)
        out, err = final.communicate(timeout=60)
        assert final.returncode == 0, err
        assert "done" in out
    reopened = vault.unlock(OFFICER, PASSPHRASE)
    try:
        _check_exactly_once(reopened, big_server)
        # Runs killed mid-way are on record as interrupted (no outcome), the last one ok.
        outcomes = [r[0] for r in reopened.db.execute("SELECT outcome FROM sync_runs ORDER BY id")]
        assert outcomes[0] == "ok"  # the enrolment's download
        assert outcomes[1:6] == [None] * 5 and outcomes[-1] == "ok"
    finally:
        reopened.close()

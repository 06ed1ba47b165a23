"""Cancel cuts a request that waits for an answer that is not coming (the signal went with the
request on the wire), instead of waiting out the minute-long read timeout — for a sync run and
for the enrolment request; and trying the same code again after a cut is safe."""

from __future__ import annotations

import threading
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.client import SyncClient, Timeouts
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import register
from desktop_app.sync.errors import SyncCancelled, TransportError
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.sync.run import CancelToken
from lapang_core import protocol as p
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import RunningServer
from tests.sync.conftest import FAST_RETRY, Enrolled

# Long enough that waiting it out would fail the assertions below by a wide margin.
SLOW = Timeouts(connect=30.0, read=60.0, ping=15.0)
_ONE_TRY = RetryPolicy(attempts=1, first_delay=0.0, max_delay=0.0)


def _cut_after(seconds: float, action) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(seconds), action()), daemon=True)
    thread.start()
    return thread


def test_abort_cuts_a_request_waiting_for_its_answer(sync_server: RunningServer) -> None:
    with FaultProxy(("127.0.0.1", sync_server.port)) as proxy:
        client = SyncClient(proxy.url, timeouts=SLOW)
        client.ping()  # connected and kept alive
        proxy.configure(blackhole=True)  # the signal goes: nothing comes back
        _cut_after(0.3, client.abort)
        started = time.monotonic()
        with pytest.raises(TransportError):
            client.ping()
        assert time.monotonic() - started < 5
        proxy.configure(blackhole=False)
        client.ping()  # still usable: a new connection
        client.close()


def test_cancel_ends_a_stalled_run_at_once_and_keeps_the_change(
    enrolled: Enrolled, kpu_public: Ed25519PublicKey
) -> None:
    store = enrolled.store
    voter_id = store.db.execute("SELECT id FROM voters LIMIT 1").fetchone()[0]
    VoterService(store).mark_sesuai(voter_id)
    with FaultProxy(("127.0.0.1", enrolled.server.port)) as proxy:
        proxy.configure(blackhole=True)
        client = SyncClient(proxy.url, timeouts=SLOW)
        engine = SyncEngine(store, client, kpu_key=kpu_public, retry=FAST_RETRY)
        _cut_after(0.5, engine.cancel)
        started = time.monotonic()
        report = engine.run_once()
        elapsed = time.monotonic() - started
    assert report.outcome == "cancelled" and elapsed < 5
    assert outbox.counts(store.db)["pending"] == 1  # nothing lost, sent next time
    assert enrolled.server.change_counts() == {}


def test_a_cancelled_enrolment_can_be_retried_with_the_same_code(
    store: FieldStore, sync_server: RunningServer
) -> None:
    code = sync_server.code()
    key = p.generate_key()
    with FaultProxy(("127.0.0.1", sync_server.port)) as proxy:
        # The reachability ping is answered; the server registers the laptop but the answer
        # (the second one) is lost, and the officer cancels.
        answers = []

        def lose_the_second_answer() -> None:
            answers.append(1)
            if len(answers) == 2:
                proxy.configure(cut_answers=1)

        proxy.on_answer = lose_the_second_answer
        client = SyncClient(proxy.url, timeouts=SLOW)
        with pytest.raises(TransportError):
            register(store, proxy.url, code, client=client, key=key, retry=_ONE_TRY)
        assert sync_state.active_enrollment(store.db) is None  # nothing stored
        # A new key would find the code used up ...
        proxy.on_answer = None
        with pytest.raises(p.EnrollCodeUsed):
            register(store, proxy.url, code, key=p.generate_key(), retry=_ONE_TRY)
        # ... the same key is answered as before: the same device.
        engine = register(store, proxy.url, code, key=key, retry=_ONE_TRY)
        engine.client.close()
    assert sync_state.active_enrollment(store.db) is not None


def test_cancel_cuts_the_enrolment_request(store: FieldStore, sync_server: RunningServer) -> None:
    with FaultProxy(("127.0.0.1", sync_server.port)) as proxy:
        proxy.configure(blackhole=True)
        client = SyncClient(proxy.url, timeouts=SLOW)
        cancel = CancelToken()
        _cut_after(0.3, lambda: (cancel.cancel(), client.abort()))
        started = time.monotonic()
        with pytest.raises(SyncCancelled, match="same code"):
            register(store, proxy.url, sync_server.code(), client=client, cancel=cancel)
        assert time.monotonic() - started < 5
    assert sync_state.active_enrollment(store.db) is None

"""The connectivity watcher (backoff, jitter, manual sync, stop) and the pacing rules."""

from __future__ import annotations

import pathlib
import threading
import time

import pytest

from desktop_app.sync.client import Timeouts
from desktop_app.sync.errors import CertificateRejected
from desktop_app.sync.pacing import BatchSizer, RetryPolicy
from desktop_app.sync.watcher import ConnectivityWatcher, ProbeVerdict, ping_probe
from tests.support.certs import make_tls
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import RunningServer, start_server


class FakeLink:
    """Probe answers from a script; waits recorded and returned at once (no real sleeping)."""

    def __init__(self, answers: list[bool]) -> None:
        self.answers = list(answers)
        self.waits: list[float] = []
        self.done = threading.Event()

    def probe(self) -> bool:
        if not self.answers:
            self.done.set()
            time.sleep(0.01)
            return False
        return self.answers.pop(0)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        self.waits.append(seconds)
        if self.done.is_set():
            return event.wait(5)  # script over: park until stop() or a request
        return False


def _run(link: FakeLink, **options: object) -> tuple[ConnectivityWatcher, list[str]]:
    triggers: list[str] = []
    watcher = ConnectivityWatcher(
        link.probe, triggers.append, wait=link.wait, rnd=lambda: 0.5, **options
    )
    watcher.start()
    assert link.done.wait(5)
    return watcher, triggers


def test_backs_off_exponentially_while_offline_and_syncs_when_the_server_answers() -> None:
    link = FakeLink([False, False, False, False, False, False, True, False])
    watcher, triggers = _run(link, min_interval=10, max_interval=120, online_interval=600)
    watcher.stop()
    assert not watcher.running
    # rnd 0.5 = no jitter: 10, 20, 40, 80, 120 (capped), 120; online: 600; offline again: 10.
    assert link.waits[:8] == [10, 20, 40, 80, 120, 120, 600, 10]
    assert triggers == ["watcher"]


def test_jitter_spreads_the_waits() -> None:
    link = FakeLink([False] * 4)
    draws = iter([0.0, 1.0, 0.0, 1.0])
    watcher = ConnectivityWatcher(
        link.probe,
        lambda _: None,
        wait=link.wait,
        rnd=lambda: next(draws, 0.5),
        min_interval=10,
        jitter=0.3,
    )
    watcher.start()
    assert link.done.wait(5)
    watcher.stop()
    assert link.waits[:4] == pytest.approx([7.0, 26.0, 28.0, 104.0])


def test_sync_now_probes_at_once_and_reports_an_unreachable_server() -> None:
    answers = [False, False, True]
    calls: list[str] = []
    unreachable = threading.Event()
    waits: list[float] = []

    def probe() -> bool:
        return answers.pop(0) if answers else False

    def wait(event: threading.Event, seconds: float) -> bool:
        waits.append(seconds)
        return event.wait(10)  # real waiting: only a request wakes the loop

    watcher = ConnectivityWatcher(
        probe, calls.append, on_unreachable=unreachable.set, wait=wait, min_interval=300
    )
    watcher.start()
    deadline = time.monotonic() + 5
    while len(waits) < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    watcher.request_sync_now()  # second probe: still no answer, the GUI is told
    assert unreachable.wait(5)
    watcher.request_sync_now()  # third probe: the server answers
    deadline = time.monotonic() + 5
    while not calls and time.monotonic() < deadline:
        time.sleep(0.01)
    watcher.stop()
    assert calls == ["manual"]
    assert watcher.probes == 3


def test_report_offline_returns_to_short_probes() -> None:
    link = FakeLink([True])
    waits: list[float] = []
    woke = threading.Event()

    def wait(event: threading.Event, seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) == 1:
            return event.wait(5)  # the long online wait, cut short by report_offline
        woke.set()
        return event.wait(5)

    watcher = ConnectivityWatcher(
        link.probe, lambda _: None, wait=wait, rnd=lambda: 0.5, min_interval=10
    )
    watcher.start()
    deadline = time.monotonic() + 5
    while not waits and time.monotonic() < deadline:
        time.sleep(0.01)
    watcher.report_offline()
    assert woke.wait(5)
    watcher.stop()
    assert waits[:2] == [600, 10]
    assert watcher.online is False


def test_stop_interrupts_a_long_wait() -> None:
    watcher = ConnectivityWatcher(lambda: False, lambda _: None, min_interval=3600)
    watcher.start()
    time.sleep(0.05)
    started = time.monotonic()
    watcher.stop()
    assert not watcher.running and time.monotonic() - started < 2


def test_ping_probe_against_the_real_server_and_a_dead_link(sync_server: RunningServer) -> None:
    with FaultProxy(("127.0.0.1", sync_server.port)) as proxy:
        probe = ping_probe(proxy.url, timeouts=Timeouts(connect=1, read=1, ping=0.5))
        assert probe() is True
        assert proxy.bytes_total < 600  # cheap: a few hundred bytes
        proxy.configure(blackhole=True)
        proxy.drop_all()
        started = time.monotonic()
        assert probe() is False
        assert time.monotonic() - started < 3


def test_an_untrusted_certificate_is_not_silence_and_backs_off_alike(
    tmp_path: pathlib.Path,
) -> None:
    """A real TLS server whose certificate the probe's pin does not vouch for: the probe says
    so (``CertificateRejected``), the watcher keeps the verdict apart from no answer, backs
    off as for silence, tells a manual request through ``on_untrusted``, and is back online
    when a trusted answer comes."""
    pinned = make_tls(tmp_path / "kpu", "KPU Sync CA")
    other = make_tls(tmp_path / "other", "Penyadap Jaringan CA")
    server = start_server(tmp_path / "server", tls=(other.server_cert, other.server_key))
    try:
        refused = ping_probe(server.url, ca_file=pinned.ca_cert)
        with pytest.raises(CertificateRejected):
            refused()
        # The same server, pinned: it answers (KPU IT sent the right deployment file).
        script = [refused, refused, refused, ping_probe(server.url, ca_file=other.ca_cert)]
        waits: list[float] = []
        verdicts: list[ProbeVerdict | None] = []
        online: list[str] = []
        untrusted = threading.Event()

        def wait(event: threading.Event, seconds: float) -> bool:
            waits.append(seconds)
            verdicts.append(watcher.verdict)
            # Park on the second wait (until the officer asks) and after going online.
            return event.wait(5 if len(waits) in (2, 4) else 0)

        watcher = ConnectivityWatcher(
            lambda: script.pop(0)() if script else False,
            online.append,
            on_unreachable=lambda: pytest.fail("an untrusted answer is not silence"),
            on_untrusted=untrusted.set,
            wait=wait,
            rnd=lambda: 0.5,
            min_interval=10,
        )
        watcher.start()
        deadline = time.monotonic() + 10
        while len(waits) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        watcher.request_sync_now()  # the third probe, asked for by the officer
        assert untrusted.wait(10)
        while not online and time.monotonic() < deadline:
            time.sleep(0.01)
        watcher.stop()
    finally:
        server.stop()
    assert verdicts[:4] == [ProbeVerdict.UNTRUSTED] * 3 + [ProbeVerdict.ANSWERED]
    assert waits[:4] == [10, 20, 40, 600]  # backoff as for silence, then the online interval
    assert online == ["watcher"] and watcher.online is True


def test_batch_sizer_grows_on_fast_answers_and_shrinks_on_failure_and_slowness() -> None:
    sizer = BatchSizer(initial=64, maximum=1000, target_seconds=6)
    for _ in range(6):
        sizer.success(sizer.size, 1.0)
    assert sizer.size == 1000
    sizer.failure()
    assert sizer.size == 500
    sizer.success(500, 12.0)  # twice the target: aim for the target next time
    assert sizer.size == 250
    sizer.success(250, 4.0)  # between half and full target: keep
    assert sizer.size == 250
    for _ in range(20):
        sizer.failure()
    assert sizer.size == 1


def test_retry_policy_first_retry_at_once_then_exponential_capped() -> None:
    policy = RetryPolicy(first_delay=1, max_delay=30, jitter=0.5)
    no_jitter = [policy.delay(n, lambda: 0.5) for n in range(1, 9)]
    assert no_jitter == [0, 1, 2, 4, 8, 16, 30, 30]
    assert policy.delay(3, lambda: 0.0) == 1.0 and policy.delay(3, lambda: 1.0) == 3.0

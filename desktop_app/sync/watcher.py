"""The connectivity watcher: notices when the KPU server becomes reachable and says "sync now".

A background thread probes ``GET /v1/ping`` (no signature, no database: a few hundred bytes).
While the server does not answer it probes again after 10 s, 20 s, 40 s ... up to 5 minutes,
each wait scaled by a random factor so laptops that lose the same tower do not come back in
lockstep. When the server answers, ``on_online(trigger)`` is called and the watcher waits a
longer interval (new KPU data and announcements still arrive while online).

A server that answers with a certificate this laptop does not trust (a laptop whose deployment
file predates KPU's certificate switch, a network that intercepts TLS) is not "no signal": the
probe raises ``CertificateRejected`` and the watcher keeps that verdict apart (``verdict`` is
``UNTRUSTED``), so the desk can send the officer to KPU IT instead of waiting for a signal. It
still probes with the same backoff: KPU IT may fix the server, or the laptop may move to another
network, and the next good ping ends it.

``request_sync_now()`` is the manual button: probe at once and, if the server answers, call
``on_online("manual")``; if not, ``on_unreachable()`` lets the GUI say so (``on_untrusted()``
when the answer came with a certificate it does not trust). ``report_offline()`` tells the
watcher that a sync just lost the link, so it goes back to short probes.

Callbacks run on the watcher thread: the GUI forwards them to its own threads (the sync itself
runs on the database worker, never here).
"""

from __future__ import annotations

import enum
import logging
import pathlib
import random
import threading
import time
from collections.abc import Callable

from desktop_app.sync.client import SyncClient, Timeouts
from desktop_app.sync.errors import CertificateRejected, SyncError
from desktop_app.sync.trust import ServerPins
from lapang_core.protocol import ProtocolError

log = logging.getLogger("desktop_app.sync")

# A probe that has not connected in 20 s is no signal worth syncing over.
_PROBE_TIMEOUTS = Timeouts(connect=20.0, ping=15.0)
TRIGGER_WATCHER = "watcher"
TRIGGER_MANUAL = "manual"


class ProbeVerdict(enum.Enum):
    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    # Something answered on the server's address, with a certificate not among the pins.
    UNTRUSTED = "untrusted"


def ping_probe(
    server_url: str,
    *,
    ca_file: pathlib.Path | str | None = None,
    pins: ServerPins | None = None,
    timeouts: Timeouts = _PROBE_TIMEOUTS,
) -> Callable[[], bool]:
    """A probe with its own HTTP session (the engine's session belongs to the engine's
    thread). Returns True when the server answered ping, False when nothing answered; raises
    ``CertificateRejected`` when an answer came with a certificate the pins refuse. Give it
    the engine's ``pins`` (``engine.client.pins``): a certificate learned from KPU's rotations
    must let the probe in too, or after a second rotation it takes the server for no signal."""
    client = SyncClient(server_url, ca_file=ca_file, pins=pins, timeouts=timeouts)

    def probe() -> bool:
        try:
            client.ping()
        except CertificateRejected:
            raise
        except (SyncError, ProtocolError):
            return False
        return True

    return probe


class ConnectivityWatcher:
    def __init__(
        self,
        probe: Callable[[], bool],
        on_online: Callable[[str], None],
        *,
        on_unreachable: Callable[[], None] | None = None,
        on_untrusted: Callable[[], None] | None = None,
        min_interval: float = 10.0,
        max_interval: float = 300.0,
        online_interval: float = 600.0,
        jitter: float = 0.3,
        wait: Callable[[threading.Event, float], bool] | None = None,
        rnd: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._probe = probe
        self._on_online = on_online
        self._on_unreachable = on_unreachable
        self._on_untrusted = on_untrusted
        self.min_interval = min_interval
        self.max_interval = max_interval
        self.online_interval = online_interval
        self.jitter = jitter
        self._wait = wait or (lambda event, seconds: event.wait(seconds))
        self._rnd = rnd
        self._clock = clock
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._stopping = False
        self._manual = False
        self._offline_reported = False
        self._thread: threading.Thread | None = None
        self.verdict: ProbeVerdict | None = None  # None until the first probe
        self.failures = 0  # consecutive probes without a trusted answer
        self.probes = 0
        self.next_probe_at: float | None = None  # on ``clock``; for "next try in 2 min"

    # -- control (any thread) -----------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="lapang-sync-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 20.0) -> None:
        """Stop and wait for the thread (a probe in flight finishes or times out first)."""
        with self._lock:
            self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def request_sync_now(self) -> None:
        with self._lock:
            self._manual = True
        self._wake.set()

    def report_offline(self) -> None:
        """A sync lost the link: go back to short probes."""
        with self._lock:
            self._offline_reported = True
        self._wake.set()

    @property
    def online(self) -> bool | None:
        """The last probe's answer: None until the first probe."""
        verdict = self.verdict
        return None if verdict is None else verdict is ProbeVerdict.ANSWERED

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the loop -----------------------------------------------------------------------------
    def _backoff(self) -> float:
        base = min(self.max_interval, self.min_interval * 2 ** max(0, self.failures - 1))
        return max(0.0, base * (1 + self.jitter * (2 * self._rnd() - 1)))

    def _run(self) -> None:
        manual = False
        while True:
            with self._lock:
                if self._stopping:
                    return
            verdict = self._probe_once()
            if verdict is ProbeVerdict.ANSWERED:
                self.failures = 0
                self._call(self._on_online, TRIGGER_MANUAL if manual else TRIGGER_WATCHER)
                delay = self.online_interval
            else:
                # An untrusted answer backs off like silence: the fix is KPU IT's or another
                # network, and either shows at the next probe.
                self.failures += 1
                tell = self._on_unreachable
                if verdict is ProbeVerdict.UNTRUSTED and self._on_untrusted is not None:
                    tell = self._on_untrusted
                if manual and tell is not None:
                    self._call(tell)
                delay = self._backoff()
            manual = False
            while True:
                self.next_probe_at = self._clock() + delay
                self._wait(self._wake, delay)
                self._wake.clear()
                with self._lock:
                    if self._stopping:
                        return
                    manual, self._manual = self._manual, False
                    offline, self._offline_reported = self._offline_reported, False
                if manual:
                    break  # probe at once
                if offline:
                    self.verdict = ProbeVerdict.NO_ANSWER
                    self.failures = 1
                    delay = self._backoff()
                    continue  # wait the short interval, then probe
                break

    def _probe_once(self) -> ProbeVerdict:
        self.probes += 1
        refusal: CertificateRejected | None = None
        try:
            verdict = ProbeVerdict.ANSWERED if self._probe() else ProbeVerdict.NO_ANSWER
        except CertificateRejected as exc:
            verdict, refusal = ProbeVerdict.UNTRUSTED, exc
        except Exception:  # a probe must never kill the watcher
            log.exception("connectivity probe failed")
            verdict = ProbeVerdict.NO_ANSWER
        self._log_trust_change(verdict, refusal)
        self.verdict = verdict
        return verdict

    def _log_trust_change(self, verdict: ProbeVerdict, refusal: Exception | None) -> None:
        # Once per change, not per probe: a laptop left on such a network for a day would
        # otherwise fill its log. The client's message names the TLS failure (issuer, host),
        # which is what KPU IT needs; it carries no voter or officer data.
        if refusal is not None and self.verdict is not ProbeVerdict.UNTRUSTED:
            log.warning(
                "sync server probe: a server answered with a certificate this laptop does not "
                "trust; nothing is sent. KPU IT: check the deployment file's ca_file, or the "
                "network intercepts TLS. %s",
                refusal,
            )
        elif verdict is not ProbeVerdict.UNTRUSTED and self.verdict is ProbeVerdict.UNTRUSTED:
            log.info("sync server probe: no longer refused for its certificate (%s)", verdict.value)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:
            log.exception("sync watcher callback failed")

"""Prometheus metrics of one server process (docs/sync-server.md, "Observing the server").

Each process keeps its own registry and serves it on its own metrics port (``--metrics-port``),
never on the API port: the API faces the internet through nginx, the metrics port is bound to
loopback or the monitoring network, so no proxy rule can expose it by mistake. Prometheus
scrapes every process (one target per process) and sums across them; there is no shared
multiprocess directory to clean up after a crash.

Counters only count events this process handled; ``lapang_sync_changes_held`` is read from the
database at scrape time, so every process reports the same database-wide figure (use ``max``
across processes, not ``sum``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from lapang_core.protocol import ChangeStatus, PushResult

log = logging.getLogger("sync_server.metrics")

# Push batches take tens of ms when idle and seconds under a province's morning rush
# (docs/performance.md, "Sync server ingest"): buckets from 10 ms to 30 s.
_BATCH_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
# A pool wait is ~0 while connections are free and up to 30 s (the pool timeout) when not.
_POOL_BUCKETS = (0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30)


class HeldChanges(Collector):
    """Changes stored but waiting for a device's earlier seqs (a gap), counted in the database.

    A scrape never waits for the database: it reports the last count (at most ``max_age``
    seconds old) and starts a fresh one in the background. Only the very first scrape waits,
    briefly, for a first count. When every pooled connection is busy (exactly when someone
    looks at the metrics) the rest of the scrape still answers at once."""

    def __init__(
        self, count: Callable[[], tuple[int, int]], max_age: float = 60.0, first_wait: float = 5.0
    ) -> None:
        self._count = count
        self._max_age = max_age
        self._first_wait = first_wait
        self._lock = threading.Lock()
        self._value: tuple[int, int] | None = None
        self._counted_at = float("-inf")
        self._counting: threading.Thread | None = None

    def _refresh(self) -> None:
        try:
            value: tuple[int, int] | None = self._count()
        except Exception as exc:  # noqa: BLE001 - a scrape must not fail with the database
            log.warning("cannot count held changes: %s", type(exc).__name__)
            value = None
        with self._lock:
            if value is not None:
                self._value, self._counted_at = value, time.monotonic()
            self._counting = None

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self._lock:
            if time.monotonic() - self._counted_at >= self._max_age and self._counting is None:
                self._counting = threading.Thread(target=self._refresh, daemon=True)
                self._counting.start()
            first = self._counting if self._value is None else None
        if first is not None:
            first.join(self._first_wait)
        value = self._value
        if value is None:
            return
        held = GaugeMetricFamily(
            "lapang_sync_changes_held", "Changes held behind a gap (database-wide)."
        )
        devices = GaugeMetricFamily(
            "lapang_sync_devices_with_gap", "Devices with changes held behind a gap."
        )
        held.add_metric([], value[0])
        devices.add_metric([], value[1])
        yield held
        yield devices


class ServerMetrics:
    """The counters and histograms of one app; a registry of its own, so two apps in one
    process (the tests) never share a count."""

    def __init__(self, held_counter: Callable[[], tuple[int, int]] | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.changes_received = Counter(
            "lapang_sync_changes_received",
            "Changes received in push batches.",
            registry=r,
        )
        self.changes = Counter(
            "lapang_sync_changes",
            "Changes by the status the server answered (accepted, held, duplicate, conflict, "
            "refused) and, for refusals, the reason.",
            ["status", "reason"],
            registry=r,
        )
        self.batch_seconds = Histogram(
            "lapang_sync_push_batch_seconds",
            "Time to store one push batch, from its signature checked to its answer.",
            buckets=_BATCH_BUCKETS,
            registry=r,
        )
        self.attachment_bytes = Counter(
            "lapang_sync_attachment_bytes",
            "Evidence bytes received in accepted attachment chunks.",
            registry=r,
        )
        self.responses = Counter(
            "lapang_sync_http_responses",
            "HTTP answers by status code.",
            ["code"],
            registry=r,
        )
        self.pool_wait_seconds = Histogram(
            "lapang_sync_db_pool_wait_seconds",
            "Time a request waited for a free database connection.",
            buckets=_POOL_BUCKETS,
            registry=r,
        )
        self.pool_timeouts = Counter(
            "lapang_sync_db_pool_timeouts",
            "Requests answered 503 because no database connection came free in time.",
            registry=r,
        )
        if held_counter is not None:
            r.register(HeldChanges(held_counter))

    def count_push(self, received: int, result: PushResult) -> None:
        self.changes_received.inc(received)
        for change in result.results:
            reason = change.reason if change.status is ChangeStatus.REFUSED else ""
            self.changes.labels(change.status.value, reason or "").inc()

    def pool_wait(self, seconds: float, got_one: bool) -> None:
        self.pool_wait_seconds.observe(seconds)
        if not got_one:
            self.pool_timeouts.inc()


class MetricsListener:
    """The metrics port of one process: ``/metrics`` in Prometheus' text format, served by a
    thread of its own, so a scrape still answers while the event loop is saturated."""

    def __init__(self, metrics: ServerMetrics, host: str, port: int) -> None:
        self._metrics = metrics
        self.host = host
        self.port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._server, self._thread = start_http_server(
            self.port, addr=self.host, registry=self._metrics.registry
        )
        self.port = int(self._server.server_port)

    def stop(self) -> None:
        if self._server is not None:
            with contextlib.suppress(Exception):
                self._server.shutdown()
                self._server.server_close()
            self._server = None

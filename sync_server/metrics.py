"""Prometheus metrics of one server process (docs/sync-server.md, "Observing the server").

Each process keeps its own registry and serves it on its own metrics port (``--metrics-port``),
never on the API port: the API faces the internet through nginx, the metrics port is bound to
loopback or the monitoring network, so no proxy rule can expose it by mistake. Prometheus
scrapes every process (one target per process) and sums across them; there is no shared
multiprocess directory to clean up after a crash.

Counters only count events this process handled: changes are counted, with how they came
(``via``: online, relay, file), where every way in meets (``ingest.ingest_batch``), once their
transaction committed. The ``DatabaseFigures`` gauges (changes held behind a gap, bundles and
the changes they brought) are read from the database, so every process reports the same
database-wide figure (use ``max`` across processes, not ``sum``) and a bundle imported by the
``import-bundle`` command, a process of its own, shows there too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from lapang_core.protocol import ChangeStatus
from sync_server.tx import VIA_FILE, VIA_ONLINE, VIA_RELAY, Ingested

log = logging.getLogger("sync_server.metrics")

WAYS = (VIA_ONLINE, VIA_RELAY, VIA_FILE)  # how changes reach the server: the ``via`` label
BUNDLE_WAYS = (VIA_RELAY, VIA_FILE)

# Push batches take tens of ms when idle and seconds under a province's morning rush
# (docs/performance.md, "Sync server ingest"): buckets from 10 ms to 30 s.
_BATCH_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
# A pool wait is ~0 while connections are free and up to 30 s (the pool timeout) when not.
_POOL_BUCKETS = (0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30)


@dataclasses.dataclass(frozen=True)
class DatabaseCounts:
    """What the database holds, counted for a scrape (``app._database_counter``)."""

    held: int  # changes stored but waiting for a device's earlier seqs (a gap)
    devices_with_gap: int
    bundles: Mapping[str, int] = dataclasses.field(default_factory=dict)  # via -> received
    bundle_changes: Mapping[str, int] = dataclasses.field(default_factory=dict)  # via -> changes


class DatabaseFigures(Collector):
    """Gauges counted in the database (``DatabaseCounts``), the same in every process.

    A scrape never waits for the database: it reports the last count (at most ``max_age``
    seconds old) and starts a fresh one in the background. Only the very first scrape waits,
    briefly, for a first count. When every pooled connection is busy (exactly when someone
    looks at the metrics) the rest of the scrape still answers at once."""

    def __init__(
        self, count: Callable[[], DatabaseCounts], max_age: float = 60.0, first_wait: float = 5.0
    ) -> None:
        self._count = count
        self._max_age = max_age
        self._first_wait = first_wait
        self._lock = threading.Lock()
        self._value: DatabaseCounts | None = None
        self._counted_at = float("-inf")
        self._counting: threading.Thread | None = None

    def _refresh(self) -> None:
        try:
            value: DatabaseCounts | None = self._count()
        except Exception as exc:  # noqa: BLE001 - a scrape must not fail with the database
            log.warning("cannot count in the database: %s", type(exc).__name__)
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
        held.add_metric([], value.held)
        devices.add_metric([], value.devices_with_gap)
        bundles = GaugeMetricFamily(
            "lapang_sync_bundles",
            "Sealed bundles of changes received, by how they came (database-wide).",
            labels=["via"],
        )
        changes = GaugeMetricFamily(
            "lapang_sync_bundle_changes",
            "Changes received in sealed bundles, by how they came (database-wide; counted "
            "in the transaction that applied the bundle, whichever process imported it).",
            labels=["via"],
        )
        for via in BUNDLE_WAYS:
            bundles.add_metric([via], value.bundles.get(via, 0))
            changes.add_metric([via], value.bundle_changes.get(via, 0))
        yield from (held, devices, bundles, changes)


class ServerMetrics:
    """The counters and histograms of one app; a registry of its own, so two apps in one
    process (the tests) never share a count."""

    def __init__(self, database_counter: Callable[[], DatabaseCounts] | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.changes_received = Counter(
            "lapang_sync_changes_received",
            "Changes this process received, by how they came (online push, relayed bundle, "
            "bundle file).",
            ["via"],
            registry=r,
        )
        self.changes = Counter(
            "lapang_sync_changes",
            "Changes by how they came, the status the server answered (accepted, held, "
            "duplicate, conflict, refused) and, for refusals, the reason.",
            ["via", "status", "reason"],
            registry=r,
        )
        for via in WAYS:  # every way shows from the first scrape, at 0 until used
            self.changes_received.labels(via)
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
        if database_counter is not None:
            r.register(DatabaseFigures(database_counter))

    def count_ingested(self, batches: Sequence[Ingested]) -> None:
        """Batches of changes a committed transaction took in (``Repository.on_ingest``)."""
        for batch in batches:
            self.changes_received.labels(batch.via).inc(batch.received)
            for change in batch.result.results:
                reason = change.reason if change.status is ChangeStatus.REFUSED else ""
                self.changes.labels(batch.via, change.status.value, reason or "").inc()

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

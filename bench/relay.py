"""Titipan benchmark: a PPS office's week (~56 MB with its scans) relayed by another laptop,
in chunks and, for comparison, in one body as laptops before chunked relay send it
(docs/performance.md, "Titipan in chunks").

    python bench/relay.py            # the week of bench/bundle.py: 3,000 outcomes, 40 applications
    python bench/relay.py --quick    # a tenth of it
    python bench/relay.py --link 2g --outcomes 300 --applications 2 --ways fixed paced

The office laptop (a real encrypted store, enrolled with the real server on loopback, SQLite)
records the week and seals it (bench/bundle.py's mix). A second laptop carries it: its sync
engine relays it through a FaultProxy (which counts the bytes on the wire, headers included),
without faults on ``--link loopback`` or shaped as 2G/EDGE (``--link 2g``: 256 kbit/s, 600 ms
round trip). Meanwhile three other laptops push batches of 50 changes on loopback (each a
batch 0.2 s after its last answer), and a thread samples what the server holds of request
bodies not yet verified (``BodyBudget.held``). Each way runs on its own identical copy of the
server database: ``fixed`` in chunks of ``--chunk-kb`` (as the desk sent them before paced
chunks), ``paced`` from ``--chunk-kb`` up to the server's limit as the desk now sends them,
``one-body`` in one ``POST /v1/relay`` (laptops before chunked relay). Figures per way: bytes
on the wire, relay requests, seconds, the peak of unverified bytes held, and the pushes
answered and refused meanwhile.

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from bundle import _applications, _coklit, _new_store  # bench/bundle.py
from sync import _officer_paced_clock as officer_paced_clock  # bench/sync.py

from desktop_app.store import outbox
from desktop_app.sync import bundle_export, relay
from desktop_app.sync.client import SyncClient
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import download_area, register
from desktop_app.sync.run import SyncProgress
from desktop_app.sync.uploads import DEFAULT_CHUNK_BYTES
from lapang_core.protocol import seal
from sync_server import bundles
from sync_server.app import create_app
from sync_server.config import ServerConfig
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA, ELECTION, area_voters, demo_region_rows
from tests.sync_server.sync_helpers import DeviceClient, push_body, serve

PUSHERS = 3
BATCH = 50
# Each laptop's pause between two pushes: busy laptops of a kabupaten, not a flood that would
# saturate the SQLite writer whatever the relay does.
PUSH_PAUSE_SECONDS = 0.2


@dataclasses.dataclass
class Way:
    """One way of relaying the bundle, and what the other laptops saw meanwhile."""

    name: str
    wire_bytes_up: int
    requests: int  # relay requests that carried bytes (chunks; 1 for one body)
    seconds: float
    peak_unverified_bytes: int
    pushes_answered: int
    pushes_refused_busy: int  # 503: the unverified-body budget was full
    push_seconds_max: float
    delivered: bool


@dataclasses.dataclass
class Figures:
    bundle_bytes: int
    changes: int
    files: int
    budget_bytes: int
    chunk_bytes: int
    link: str
    ways: list[Way]


class Server:
    """The app on one database file, served on loopback, its body budget in reach."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.app = create_app(config)
        self.repo = self.app.state.repository
        self._server, self._thread, self.url = serve(self.app)

    @property
    def held(self) -> int:
        return int(self.app.state.bodies.held)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self.repo.close()


def _pushing(
    server: Server, pushers: list[DeviceClient], voter_ids: list[str], stop: threading.Event
) -> tuple[list[threading.Thread], list[tuple[int, float]]]:
    """Every pusher sends batches of ``BATCH`` changes, one after another, until ``stop``."""
    answers: list[tuple[int, float]] = []

    def run(device: DeviceClient, offset: int) -> None:
        device.base_url = server.url
        n = offset
        while not stop.is_set():
            batch = [
                device.change("sesuai", voter_ids[(n + i) % len(voter_ids)]) for i in range(BATCH)
            ]
            n += BATCH
            started = time.perf_counter()
            response = device.push_raw(push_body(batch))
            answers.append((response.status_code, time.perf_counter() - started))
            stop.wait(PUSH_PAUSE_SECONDS)

    threads = [
        threading.Thread(target=run, args=(d, 1000 * i), daemon=True) for i, d in enumerate(pushers)
    ]
    return threads, answers


def _measure(
    name: str,
    server: Server,
    pushers: list[DeviceClient],
    voter_ids: list[str],
    deliver: Callable[[], tuple[bool, int, int]],
) -> Way:
    stop = threading.Event()
    peak = [0]

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], server.held)
            time.sleep(0.001)

    threads, answers = _pushing(server, pushers, voter_ids, stop)
    sampler = threading.Thread(target=sample, daemon=True)
    for thread in [sampler, *threads]:
        thread.start()
    time.sleep(0.5)  # the pushes are under way before the relay starts
    started = time.perf_counter()
    try:
        delivered, wire, requests = deliver()
    except Exception as exc:  # noqa: BLE001 - a figure of its own: the way failed
        print(f"{name}: not delivered ({exc})", file=sys.stderr)
        delivered, wire, requests = False, 0, 0
    finally:
        seconds = time.perf_counter() - started
        stop.set()
        for thread in [sampler, *threads]:
            thread.join(30)
    return Way(
        name=name,
        wire_bytes_up=wire,
        requests=requests,
        seconds=round(seconds, 2),
        peak_unverified_bytes=peak[0],
        pushes_answered=sum(1 for code, _ in answers if code == 200),
        pushes_refused_busy=sum(1 for code, _ in answers if code == 503),
        push_seconds_max=round(max((s for _, s in answers), default=0.0), 3),
        delivered=delivered,
    )


def _copy_database(source: pathlib.Path, target: pathlib.Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


# The link the carrier relays through (the other laptops push on loopback): 2G/EDGE is
# bench/sync.py's profile, 256 kbit/s each way and a 600 ms round trip.
LINKS: dict[str, dict[str, Any]] = {
    "loopback": {},
    "2g": {"latency": 0.3, "bandwidth_bps": 256_000},
}
WAYS = {
    "fixed": "chunks, fixed",
    "paced": "chunks, paced",
    "one-body": "one body",
}


def _in_chunks(
    proxy: FaultProxy, carrying: SyncEngine, week: Any, chunk_bytes: int, way: str
) -> Callable[[], tuple[bool, int, int]]:
    """The carrier's sync relays the bundle in chunks: ``fixed`` at ``chunk_bytes`` (as before
    paced chunks), ``paced`` from ``chunk_bytes`` up to the server's limit."""
    carrying.chunk_bytes = chunk_bytes
    carrying.max_chunk_bytes = chunk_bytes if way == "fixed" else None
    carrying.client = SyncClient(proxy.url, credentials=carrying.client.credentials)
    relay.queue_for_relay(carrying.relay_dir, week.path)

    def deliver() -> tuple[bool, int, int]:
        chunks = 0
        done = 0

        def count(event: SyncProgress) -> None:
            nonlocal chunks, done
            if event.phase == "relay" and event.bytes_done > done:
                chunks, done = chunks + 1, event.bytes_done

        carrying.add_listener(count)
        proxy.reset_counters()
        try:
            report = carrying.run_once(pull=False, attachments=False)
        finally:
            carrying.remove_listener(count)
            carrying.client.close()
        return report.relayed == 1, proxy.bytes_up, chunks

    return deliver


def _one_body(
    proxy: FaultProxy, carrying: SyncEngine, week: Any
) -> Callable[[], tuple[bool, int, int]]:
    """``POST /v1/relay`` with the whole bundle, as laptops before chunked relay send it."""
    old = SyncClient(proxy.url, credentials=carrying.client.credentials)
    data = week.path.read_bytes()

    def deliver() -> tuple[bool, int, int]:
        proxy.reset_counters()
        try:
            summary: dict[str, Any] = old.relay(data)
        finally:
            old.close()
        return summary.get("bundle") == week.bundle_id, proxy.bytes_up, 1

    return deliver


def run(args: argparse.Namespace) -> Figures:
    with tempfile.TemporaryDirectory(prefix="lapang-relay-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        key_file = tmp / "bundle-key.pem"
        public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
        (tmp / "a").mkdir()
        config = ServerConfig(
            db_path=tmp / "a" / "server.db",
            attachments_dir=tmp / "a" / "attachments",
            election_date=ELECTION,
            bundle_key_files=(key_file,),
        )
        print(f"Loading {args.outcomes:,} voters into the server ...", file=sys.stderr)
        server = Server(config)
        server.repo.load_regions(demo_region_rows(), time.time())
        voters = area_voters(args.outcomes, seed=2029)
        server.repo.load_voters(voters, time.time())
        with server.repo.transaction(write=False) as tx:
            voter_ids = [r[0] for r in tx.sql.all("SELECT id FROM voters ORDER BY id")]

        def code() -> str:
            return server.repo.create_enroll_code(AREA, 1, time.time())

        office = _new_store(tmp / "office")
        carrier = _new_store(tmp / "carrier")
        try:
            engine = register(office, server.url, code(), kpu_key=None)
            download_area(engine)
            engine.client.close()
            with server.repo.transaction(write=False) as tx:
                desa = tx.voter(voter_ids[0])["tps_id"].rsplit(".", 1)[0]
            print("Recording and sealing the week ...", file=sys.stderr)
            real_clock = outbox.use_change_id_clock(officer_paced_clock())
            try:
                _coklit(office, voter_ids[: args.outcomes])
            finally:
                outbox.use_change_id_clock(real_clock)
            _applications(office, desa, args.applications, args.scan_kb * 1000)
            week = bundle_export.export_bundle(office, tmp / "stick", public)

            carrying = register(carrier, server.url, code(), kpu_key=None)
            carrying.relay_dir = relay.relay_dir(tmp / "carrier")
            pushers = [DeviceClient(server.url) for _ in range(args.pushers)]
            for n, device in enumerate(pushers):
                device.enroll(code(), f"laptop lain {n}")
            server.stop()
            # Every way on an identical copy of the server: same devices, nothing relayed yet.
            configs = [config]
            for n in range(1, len(args.ways)):
                (tmp / f"w{n}").mkdir()
                _copy_database(config.db_path, tmp / f"w{n}" / "server.db")
                configs.append(
                    dataclasses.replace(
                        config,
                        db_path=tmp / f"w{n}" / "server.db",
                        attachments_dir=tmp / f"w{n}" / "attachments",
                    )
                )
            ways = []
            for way, config_n in zip(args.ways, configs, strict=True):
                print(f"Relaying: {WAYS[way]} ...", file=sys.stderr)
                server = Server(config_n)
                with FaultProxy(("127.0.0.1", int(server.url.rsplit(":", 1)[1]))) as proxy:
                    proxy.configure(**LINKS[args.link])
                    deliver = (
                        _one_body(proxy, carrying, week)
                        if way == "one-body"
                        else _in_chunks(proxy, carrying, week, args.chunk_kb << 10, way)
                    )
                    ways.append(_measure(WAYS[way], server, pushers, voter_ids, deliver))
                server.stop()
        finally:
            server.stop()
            office.close()
            carrier.close()
    return Figures(
        bundle_bytes=week.size,
        changes=week.changes,
        files=week.files,
        budget_bytes=config.unverified_body_budget,
        chunk_bytes=args.chunk_kb << 10,
        link=args.link,
        ways=ways,
    )


def print_table(f: Figures) -> None:
    print(
        f"bundle: {f.bundle_bytes / 1e6:.1f} MB ({f.changes:,} changes, {f.files} scans); "
        f"unverified-body budget {f.budget_bytes >> 20} MiB; chunks of {f.chunk_bytes >> 10} KiB "
        f"(paced: the first); link {f.link}"
    )
    header = (
        "way",
        "wire up",
        "requests",
        "seconds",
        "peak unverified",
        "pushes ok",
        "503",
        "push max s",
    )
    print("  ".join(f"{h:>15}" for h in header))
    for w in f.ways:
        cells = (
            w.name,
            f"{w.wire_bytes_up / 1e6:.2f} MB",
            str(w.requests),
            f"{w.seconds:.2f}",
            f"{w.peak_unverified_bytes / 1e6:.2f} MB",
            str(w.pushes_answered),
            str(w.pushes_refused_busy),
            f"{w.push_seconds_max:.3f}",
        )
        print("  ".join(f"{c:>15}" for c in cells), "" if w.delivered else "(NOT delivered)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the week")
    parser.add_argument("--outcomes", type=int, default=3000)
    parser.add_argument("--applications", type=int, default=40)
    parser.add_argument("--scan-kb", type=int, default=200, help="size of each scanned document")
    parser.add_argument("--pushers", type=int, default=PUSHERS, help="other laptops pushing")
    parser.add_argument(
        "--chunk-kb",
        type=int,
        default=DEFAULT_CHUNK_BYTES >> 10,
        help="relay chunk size (fixed), the first chunk (paced)",
    )
    parser.add_argument("--link", choices=sorted(LINKS), default="loopback")
    parser.add_argument(
        "--ways", nargs="+", choices=list(WAYS), default=list(WAYS), help="ways to relay"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.outcomes, args.applications = args.outcomes // 10, max(1, args.applications // 10)
    figures = run(args)
    print_table(figures)
    print(json.dumps(dataclasses.asdict(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

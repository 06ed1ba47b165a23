"""Sync server ingest: changes/s with many devices pushing at once, SQLite beside PostgreSQL.

    .venv/bin/python bench/sync_ingest.py [--devices 50] [--batches 3] [--batch-size 300]
    .venv/bin/python bench/sync_ingest.py --backends postgresql --processes 4 --devices 500 \
        --batches 2 --batch-size 100 --concurrency 50 --rounds 1 --soak 10

(from the repository root: it borrows the throwaway PostgreSQL cluster of the server tests.)

Each configuration gets a fresh database with the same synthetic voter list (one voter per
change, each device owning its own slice, as officers own their TPS), the devices enrolled,
and the server started as ``python -m sync_server serve`` in separate processes, exactly as
KPU runs it. Then every device pushes its batches (realistic mix: 60 % sesuai, 25 % ubah,
15 % TMS with an evidence photo hash), all devices at once, each on its own connection,
batches back to back. Timed: from the start signal to the last answer. Afterwards the
database must hold every change exactly once, or the run fails.

``--concurrency N`` bounds the clients instead: N connections at a time (as a province's
laptops, which never all send in the same second), each taking the next device that has a batch
left, so every device's batches interleave with the others'. ``--soak MINUTES`` (10 when
given without a number) then keeps every device pushing new corrections for that long and
samples the resident memory (RSS) of each server process and the machine's load average.

Both backends are durable: SQLite ``synchronous=FULL``, PostgreSQL ``fsync=on`` and
``synchronous_commit=on``. Configurations run in turn, ``--rounds`` times, and the best round
of each is reported (the machine is shared: the best round is the one least disturbed).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import pathlib
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from typing import Any

import requests

# isort: split
import repo_root  # tests/support is imported below; ROOT is where the server runs from

# isort: split

from bench.sync_soak import Soak, push_once
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.repository import Repository
from tests.support.ports import free_port
from tests.sync_server.pg_cluster import PostgresUnavailable, TempCluster

ELECTION = dt.date(2029, 2, 14)
PROVINCE = "14"  # Riau, in the demo region fixture


@dataclasses.dataclass(frozen=True)
class Setup:
    backend: str  # "sqlite" | "postgresql"
    processes: int

    @property
    def label(self) -> str:
        return f"{self.backend} x{self.processes}"


@dataclasses.dataclass
class Outcome:
    setup: Setup
    changes: int
    seconds: float
    latencies: list[float]
    soak: Soak | None = None
    # Database size with the voters loaded, and after every change was stored.
    loaded_bytes: int = 0
    final_bytes: int = 0

    @property
    def rate(self) -> float:
        return self.changes / self.seconds


def _changes(voters: list[VoterRecord], rng: random.Random) -> list[dict[str, Any]]:
    """One change per voter: 60 % sesuai, 25 % ubah (RT), 15 % TMS with a photo hash."""
    out = []
    start = dt.datetime(2029, 1, 6, 8, 0, tzinfo=dt.UTC)
    for seq, voter in enumerate(voters, start=1):
        roll = rng.random()
        if roll < 0.60:
            op, payload = "sesuai", {}
        elif roll < 0.85:
            new_rt = f"{(int(voter.rt or '1') % 20) + 1:03d}"
            op, payload = "ubah", {"changes": {"rt": new_rt}, "original": {"rt": voter.rt}}
        else:
            photo = rng.randbytes(32).hex()
            op = "tms"
            code, evidence = rng.choice([(1, "akta_kematian"), (4, "skpwni")])
            payload = {
                "code": code,
                "evidence_type": evidence,
                "evidence_ref": f"474.3/{rng.randrange(1, 999)}/2029",
                "attachment": photo,
            }
        created = start + dt.timedelta(seconds=40 * seq + rng.randrange(30))
        out.append(
            {
                "change_id": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                "seq": seq,
                "entity": "voter",
                "entity_id": imported_voter_id(voter),
                "op": op,
                "payload": payload,
                "base_version": 1,
                "created_at": created.isoformat(timespec="milliseconds"),
                "officer": "Pantarlih bench",
            }
        )
    return out


@dataclasses.dataclass
class Device:
    device_id: str
    key: Any
    bodies: list[bytes]
    voters: list[VoterRecord] = dataclasses.field(default_factory=list)


def _prepare(
    target: str | pathlib.Path,
    regions: list[tuple[str, str]],
    voters: list[VoterRecord],
    args: argparse.Namespace,
) -> list[Device]:
    """Load the list, enroll the devices and encode their batches (untimed)."""
    repo = Repository.open(target, time.time())
    try:
        repo.load_regions(regions, time.time())
        repo.load_voters(voters, time.time())
        per_device = args.batches * args.batch_size
        devices = []
        rng = random.Random(11)
        for index in range(args.devices):
            key = p.generate_key()
            code = repo.create_enroll_code(PROVINCE, 1, time.time())
            enrolled = repo.enroll(code, p.public_key_text(key), f"bench-{index}", time.time())
            mine = voters[index * per_device : (index + 1) * per_device]
            changes = _changes(mine, rng)
            bodies = [
                p.PushRequest.from_outbox(changes[b : b + args.batch_size]).encode()
                for b in range(0, per_device, args.batch_size)
            ]
            devices.append(Device(enrolled.id, key, bodies, mine))
        return devices
    finally:
        repo.close()


def _start_servers(
    target: str | pathlib.Path, count: int, folder: pathlib.Path
) -> tuple[list[subprocess.Popen[bytes]], list[str]]:
    servers, urls = [], []
    for _ in range(count):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sync_server",
                    "serve",
                    "--db",
                    str(target),
                    "--attachments",
                    str(folder / "attachments"),
                    "--port",
                    str(port),
                    "--log-level",
                    "warning",
                ],
                stdout=subprocess.DEVNULL,
                cwd=repo_root.ROOT,  # this checkout's server, wherever the bench was started
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    for server, url in zip(servers, urls, strict=True):
        while True:
            try:
                if requests.get(url + "/v1/ping", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the sync server at {url} did not start")
            time.sleep(0.1)
    return servers, urls


def _stop(servers: list[subprocess.Popen[bytes]]) -> None:
    for server in servers:
        server.send_signal(signal.SIGTERM)
    for server in servers:
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def _push_all(devices: list[Device], urls: list[str]) -> tuple[float, list[float]]:
    """All devices at once, each on its own connection; returns (seconds, batch latencies)."""
    start = threading.Barrier(len(devices) + 1)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def device_loop(index: int, device: Device) -> None:
        session = requests.Session()
        url = urls[index % len(urls)]  # a load balancer spreading devices over processes
        start.wait()
        for body in device.bodies:
            for _attempt in range(20):
                headers = p.sign_request(device.key, "POST", "/v1/push", device.device_id, body)
                headers["Content-Type"] = p.MEDIA_TYPE
                sent = time.perf_counter()
                response = session.post(url + "/v1/push", data=body, headers=headers, timeout=300)
                took = time.perf_counter() - sent
                if response.status_code == 200:
                    with lock:
                        latencies.append(took)
                    break
                if response.status_code < 500:
                    with lock:
                        failures.append(f"{response.status_code} {response.text[:200]}")
                    return
                time.sleep(0.2)  # 5xx: retryable, as the engine does
        session.close()

    threads = [
        threading.Thread(target=device_loop, args=(i, d), daemon=True)
        for i, d in enumerate(devices)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} batches refused, first: {failures[0]}")
    return seconds, latencies


def _push_bounded(
    devices: list[Device], urls: list[str], concurrency: int
) -> tuple[float, list[float]]:
    """``concurrency`` connections at once, each taking the next device with a batch left;
    a device's batches stay in order (the next one is queued only once the last was answered)."""
    ready: queue.Queue[tuple[int, int] | None] = queue.Queue()
    for index in range(len(devices)):
        ready.put((index, 0))
    pending = [len(devices)]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        sessions = {url: requests.Session() for url in urls}
        while (task := ready.get()) is not None:
            index, batch = task
            device = devices[index]
            url = urls[index % len(urls)]  # one device, one process: as sticky balancing
            took, error = push_once(
                sessions[url], url, device.device_id, device.key, device.bodies[batch]
            )
            with lock:
                if error:
                    failures.append(error)
                else:
                    latencies.append(took)
                if batch + 1 < len(device.bodies) and not error:
                    ready.put((index, batch + 1))
                else:
                    pending[0] -= 1
                    if pending[0] == 0:
                        for _ in range(concurrency):
                            ready.put(None)
        for session in sessions.values():
            session.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} batches refused, first: {failures[0]}")
    return seconds, latencies


def _database_bytes(target: str | pathlib.Path) -> int:
    """The database's size on disk: tables, indexes and TOAST (PostgreSQL), or the file and its
    WAL (SQLite), after a checkpoint so the WAL is folded in."""
    if isinstance(target, str):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0
    return sum(f.stat().st_size for f in target.parent.glob(target.name + "*"))


def _verify(target: str | pathlib.Path, expected: int) -> None:
    repo = Repository.open(target, time.time())
    try:
        counts = repo.counts()
    finally:
        repo.close()
    if sum(counts.values()) != expected or set(counts) - {"applied", "conflict"}:
        raise RuntimeError(f"expected {expected} changes applied once, found {counts}")


def run_once(
    setup: Setup,
    cluster: TempCluster | None,
    regions: list[tuple[str, str]],
    voters: list[VoterRecord],
    args: argparse.Namespace,
) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="lapang-ingest-") as tmp:
        folder = pathlib.Path(tmp)
        if setup.backend == "postgresql":
            assert cluster is not None
            target: str | pathlib.Path = cluster.create_database()
        else:
            target = folder / "server.db"
        try:
            devices = _prepare(target, regions, voters, args)
            loaded = _database_bytes(target)
            servers, urls = _start_servers(target, setup.processes, folder)
            soak = None
            try:
                if args.concurrency:
                    seconds, latencies = _push_bounded(devices, urls, args.concurrency)
                else:
                    seconds, latencies = _push_all(devices, urls)
                if args.soak:
                    soak = Soak(devices, urls, servers, args)
                    soak.run()
            finally:
                _stop(servers)
            total = args.devices * args.batches * args.batch_size
            _verify(target, total + (soak.sent if soak else 0))
            final = _database_bytes(target)
            return Outcome(setup, total, seconds, latencies, soak, loaded, final)
        finally:
            if isinstance(target, str) and cluster is not None:
                cluster.drop_database(target)


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--batches", type=int, default=3, help="batches per device")
    parser.add_argument("--batch-size", type=int, default=300, help="changes per batch")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--processes", type=int, nargs="+", default=[1, 2], help="server processes to try"
    )
    parser.add_argument(
        "--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=0,
        help="connections at once (default: one per device, all at once)",
    )
    parser.add_argument(
        "--soak",
        type=float,
        nargs="?",
        const=10.0,
        default=0.0,
        metavar="MINUTES",
        help="after the timed push, keep the devices pushing this long (10 if no number) "
        "and report each server process's memory",
    )
    parser.add_argument(
        "--sample-seconds", type=float, default=30.0, help="soak: seconds between samples"
    )
    args = parser.parse_args(argv)
    if args.soak and not args.concurrency:
        parser.error("--soak needs --concurrency (a bounded number of connections)")

    regions = [r for r in load_region_rows(demo_regions_path()) if r[0].split(".")[0] == PROVINCE]
    needed = args.devices * args.batches * args.batch_size
    started = time.perf_counter()
    voters = list(generate_voters(regions, needed, seed=5, election_date=ELECTION))
    voters.sort(key=lambda v: v.tps_id)  # each device's slice: neighbouring TPSs
    print(f"{needed:,} synthetic voters in {time.perf_counter() - started:.1f} s", flush=True)

    setups = [Setup(b, n) for b in args.backends for n in args.processes]
    cluster: TempCluster | None = None
    try:
        cluster = TempCluster(durable=True).start()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL skipped: {exc}", flush=True)
        setups = [s for s in setups if s.backend == "sqlite"]
    best: dict[Setup, Outcome] = {}
    try:
        for round_ in range(1, args.rounds + 1):
            for setup in setups:
                outcome = run_once(setup, cluster, regions, voters, args)
                print(
                    f"round {round_}: {setup.label:<14} {outcome.rate:>9,.0f} changes/s "
                    f"({outcome.seconds:.1f} s)",
                    flush=True,
                )
                if setup not in best or outcome.rate > best[setup].rate:
                    best[setup] = outcome
    finally:
        if cluster is not None:
            cluster.stop()

    print()
    at_once = f"{args.concurrency} at a time" if args.concurrency else "at once"
    print(
        f"{args.devices} devices {at_once}, {args.batches} batches of {args.batch_size} changes "
        f"each ({needed:,} changes); best of {args.rounds} rounds; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end"
    )
    print()
    print("| backend | server processes | changes/s | wall time | batch p50 | batch p95 |")
    print("|---|---|---|---|---|---|")
    for setup in setups:
        o = best[setup]
        print(
            f"| {setup.backend} | {setup.processes} | {o.rate:,.0f} | {o.seconds:.1f} s | "
            f"{_pct(o.latencies, 50) * 1000:,.0f} ms | {_pct(o.latencies, 95) * 1000:,.0f} ms |"
        )
    print()
    for setup in setups:
        o = best[setup]
        stored = o.changes + (o.soak.sent if o.soak else 0)
        print(
            f"{setup.label}: database {o.loaded_bytes / 2**20:,.0f} MiB with {len(voters):,} "
            f"voters ({o.loaded_bytes / len(voters):,.0f} bytes each), "
            f"{o.final_bytes / 2**20:,.0f} MiB after {stored:,} changes "
            f"({(o.final_bytes - o.loaded_bytes) / stored:,.0f} bytes each)"
        )
    for setup in setups:
        if best[setup].soak is not None:
            print()
            print(f"Soak, {setup.label}:")
            best[setup].soak.report()
    figures: dict[str, Any] = {
        "devices": args.devices,
        "concurrency": args.concurrency,
        "batch_size": args.batch_size,
        "changes": needed,
    }
    for setup in setups:
        key = f"{setup.backend}_x{setup.processes}"
        figures[f"{key}_changes_per_s"] = round(best[setup].rate)
        figures[f"{key}_batch_p95_ms"] = round(_pct(best[setup].latencies, 95) * 1000)
        figures[f"{key}_db_loaded_bytes"] = best[setup].loaded_bytes
        figures[f"{key}_db_final_bytes"] = best[setup].final_bytes
        if best[setup].soak is not None:
            figures[f"{key}_soak"] = best[setup].soak.figures()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Evidence uploads: MB/s on loopback and storage per GB, the folder (SQLite) beside PostgreSQL.

    .venv/bin/python bench/evidence.py [--devices 4] [--files 4] [--size-mib 4] [--chunk-kib 256 32]

(it borrows the throwaway PostgreSQL cluster of the server tests.)

Each configuration gets a fresh database with a few synthetic voters, the devices enrolled
and a TMS change of each device naming each of its photos (random bytes: photos do not
compress), and one server started as ``python -m sync_server serve``, exactly as KPU runs it.
Then every device uploads its photos at once, each on its own connection, in chunks of the
given size, file after file. Timed: from the start signal to the last chunk's answer. Every
file must then read back whole and verified from the store, or the run fails.

Storage: the PostgreSQL database's size (``pg_database_size``, after a CHECKPOINT, WAL not
counted) before and after the uploads; the folder's allocated blocks. Per GB of evidence is
that growth times 1 GiB / bytes uploaded. Both backends are durable (SQLite
``synchronous=FULL`` and fsync per chunk; PostgreSQL ``fsync=on``). The best of ``--rounds``
rounds is reported. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

import requests

# isort: split
import repo_root  # noqa: F401  (tests/ is imported below)

# isort: split

from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core import protocol as p
from lapang_core.domain.voter import imported_voter_id
from sync_server.attachments_db import open_evidence
from sync_server.config import ServerConfig
from sync_server.repository import Repository
from tests.support.ports import free_port
from tests.sync_server.pg_cluster import PostgresUnavailable, TempCluster
from tests.sync_server.sync_helpers import DeviceClient

ELECTION = dt.date(2029, 2, 14)
AREA = "14.01.01"
GIB = 1 << 30


@dataclasses.dataclass(frozen=True)
class Setup:
    backend: str  # "sqlite" (folder) | "postgresql" (database)
    chunk: int

    @property
    def label(self) -> str:
        store = "folder" if self.backend == "sqlite" else "database"
        return f"{self.backend} {store}, {self.chunk >> 10} KiB chunks"


@dataclasses.dataclass
class Outcome:
    setup: Setup
    uploaded: int
    seconds: float
    growth: int
    table: int  # PostgreSQL: of the growth, evidence_chunks with its TOAST and index (else 0)

    @property
    def mb_per_s(self) -> float:
        return self.uploaded / self.seconds / 1e6

    @property
    def per_gib(self) -> float:
        """Storage growth per GiB of evidence, in GiB."""
        return self.growth / self.uploaded


def _photos(args: argparse.Namespace) -> list[list[bytes]]:
    rng = random.Random(41)
    size = args.size_mib << 20
    return [[rng.randbytes(size) for _ in range(args.files)] for _ in range(args.devices)]


def _prepare(
    target: str | pathlib.Path, photos: list[list[bytes]], url: str
) -> tuple[list[DeviceClient], Repository]:
    regions = [
        r
        for r in load_region_rows(demo_regions_path())
        if r[0].startswith(AREA) or r[0] in ("14", "14.01")
    ]
    count = sum(len(files) for files in photos)
    voters = list(generate_voters(regions, count, seed=3, election_date=ELECTION))
    repo = Repository.open(target, time.time())
    repo.load_regions(regions, time.time())
    repo.load_voters(voters, time.time())
    devices = []
    for index, files in enumerate(photos):
        dev = DeviceClient(url)
        response = dev.enroll(repo.create_enroll_code(AREA, 1, time.time()), f"bench-{index}")
        assert response.status_code == 200, response.text
        changes = [
            dev.change(
                "tms",
                imported_voter_id(voters[index * len(files) + n]),
                {
                    "code": 1,
                    "evidence_type": "akta_kematian",
                    "evidence_ref": "474.3/1/2029",
                    "attachment": hashlib.sha256(photo).hexdigest(),
                },
            )
            for n, photo in enumerate(files)
        ]
        result = dev.push(changes)
        assert len(result.need_attachments) == len(files), result
        devices.append(dev)
    return devices, repo


def _upload_all(devices: list[DeviceClient], photos: list[list[bytes]], chunk: int) -> float:
    start = threading.Barrier(len(devices) + 1)
    failures: list[str] = []

    def device_loop(dev: DeviceClient, files: list[bytes]) -> None:
        start.wait()
        for photo in files:
            sha = hashlib.sha256(photo).hexdigest()
            for offset, piece in p.split_chunks(photo, chunk):
                path = p.attachment_path(sha, offset=offset, size=len(photo))
                response = dev.request("PUT", path, piece, content_type="application/octet-stream")
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:200]}")
                    return

    threads = [
        threading.Thread(target=device_loop, args=(d, f), daemon=True)
        for d, f in zip(devices, photos, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} uploads failed, first: {failures[0]}")
    return seconds


def _table_size(target: str | pathlib.Path) -> int:
    if not isinstance(target, str):
        return 0
    import psycopg

    with psycopg.connect(target, autocommit=True) as conn:
        row = conn.execute("SELECT pg_total_relation_size('evidence_chunks')").fetchone()
        return int(row[0])


def _size(target: str | pathlib.Path, folder: pathlib.Path) -> int:
    if isinstance(target, str):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    total = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += os.stat(path).st_blocks * 512
    return total


def run_once(
    setup: Setup, cluster: TempCluster | None, photos: list[list[bytes]], args: argparse.Namespace
) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="lapang-evidence-") as tmp:
        folder = pathlib.Path(tmp) / "attachments"
        if setup.backend == "postgresql":
            assert cluster is not None
            target: str | pathlib.Path = cluster.create_database()
        else:
            target = pathlib.Path(tmp) / "server.db"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        repo = None
        server = None
        try:
            command = [sys.executable, "-m", "sync_server", "serve", "--db", str(target)]
            command += ["--port", str(port), "--log-level", "warning"]
            if setup.backend == "sqlite":
                command += ["--attachments", str(folder)]
            # Migrated before the server starts, so the size before counts the empty schema.
            Repository.open(target, time.time()).close()
            server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(url + "/v1/ping", timeout=1).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the sync server did not start")
                time.sleep(0.1)
            devices, repo = _prepare(target, photos, url)
            before, table_before = _size(target, folder), _table_size(target)
            seconds = _upload_all(devices, photos, setup.chunk)
            growth = _size(target, folder) - before
            table = _table_size(target) - table_before
            config = ServerConfig.for_database(target, attachments_dir=folder)
            store = open_evidence(config, repo)
            for files in photos:
                for photo in files:
                    if b"".join(store.read(hashlib.sha256(photo).hexdigest())) != photo:
                        raise RuntimeError("an uploaded file did not read back whole")
            uploaded = sum(len(photo) for files in photos for photo in files)
            return Outcome(setup, uploaded, seconds, growth, table)
        finally:
            if server is not None:
                server.send_signal(signal.SIGTERM)
                server.wait(30)
            if repo is not None:
                repo.close()
            if isinstance(target, str) and cluster is not None:
                cluster.drop_database(target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=4)
    parser.add_argument("--files", type=int, default=4, help="photos per device")
    parser.add_argument("--size-mib", type=int, default=4, help="MiB per photo")
    parser.add_argument("--chunk-kib", type=int, nargs="+", default=[256, 32])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)

    photos = _photos(args)
    setups = [Setup(b, k << 10) for k in args.chunk_kib for b in ("sqlite", "postgresql")]
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
                outcome = run_once(setup, cluster, photos, args)
                print(
                    f"round {round_}: {setup.label:<36} {outcome.mb_per_s:6.1f} MB/s, "
                    f"+{outcome.growth / 1e6:,.1f} MB stored for {outcome.uploaded / 1e6:,.1f} MB",
                    flush=True,
                )
                if setup not in best or outcome.seconds < best[setup].seconds:
                    best[setup] = outcome
    finally:
        if cluster is not None:
            cluster.stop()

    uploaded = next(iter(best.values())).uploaded
    print()
    print(f"{args.devices} devices x {args.files} photos x {args.size_mib} MiB = {uploaded:,} B")
    print(f"{'store':<36} {'MB/s':>6} {'stored B':>12} {'chunks table B':>15} {'per GiB':>8}")
    for setup, outcome in best.items():
        print(
            f"{setup.label:<36} {outcome.mb_per_s:6.1f} {outcome.growth:>12,} "
            f"{outcome.table:>15,} {outcome.per_gib:>7.3f}x"
        )
    print(
        json.dumps(
            {
                "bench": "evidence",
                "bytes_uploaded": uploaded,
                "devices": args.devices,
                "results": [
                    {
                        "backend": s.backend,
                        "chunk_bytes": s.chunk,
                        "mb_per_s": round(o.mb_per_s, 2),
                        "seconds": round(o.seconds, 3),
                        "growth_bytes": o.growth,
                        "chunks_table_bytes": o.table,
                        "growth_per_gib_bytes": round(o.per_gib * GIB),
                    }
                    for s, o in best.items()
                ],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

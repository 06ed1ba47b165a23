"""What proof of origin costs: bytes kept per change, and time per push with and without it.

    .venv/bin/python bench/origin.py [--batches 20] [--batch-size 300] [--rounds 3]

(from the repository root: it borrows the throwaway PostgreSQL cluster of the server tests.)

Bytes: for realistic batches (the mix of bench/sync_ingest.py: 60 % sesuai, 25 % ubah, 15 % TMS
with a photo hash) of 50, 300 and 1000 changes, what the server now keeps besides the change
rows: the ``signed_batches`` row (body as received, signature, canonical-string parts, device
id, batch id, when and how) over the batch's changes, plus each change's ``batch_pos``. The
body is most of it; the rest is a fixed ~190 bytes per batch. On SQLite the same is measured
as file growth too: the database after the pushes, checkpointed, with and without.

Time: the server's push transaction (``ingest_batch`` through ``Repository.write``, as the
push endpoint runs it), every batch of ``--batches`` timed, on a fresh database per round,
with the batch kept (as served) and without it (``origin.keep`` replaced by a no-op here,
in this process only: the server has no switch to turn it off). Median per batch, best round.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from bench.sync_ingest import ELECTION, PROVINCE, _changes
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core import protocol as p
from sync_server import origin
from sync_server.ingest import ingest_batch
from sync_server.origin import SignedBatch
from sync_server.repository import Repository, Tx, iso
from tests.sync_server.pg_cluster import PostgresUnavailable, TempCluster

_PATH = "/v1/push"


def _signed(key: Any, device_id: str, body: bytes) -> SignedBatch:
    nonce = p.new_nonce()
    stamp = int(time.time())
    message = p.canonical_request("POST", _PATH, device_id, stamp, nonce, body)
    return SignedBatch(device_id, nonce, "POST", _PATH, stamp, key.sign(message), body)


def kept_bytes(batch: SignedBatch, changes: int) -> float:
    """Bytes of the signed_batches row's values per change, plus one batch_pos each (an
    integer below 1000: two bytes in SQLite's record format)."""
    fixed = (
        len(batch.device_id)
        + len(batch.batch_id)
        + len(batch.method)
        + len(batch.path)
        + 8  # signed_at
        + len(batch.signature)
        + len(batch.via)
        + len(iso(time.time()))
    )
    return (len(batch.body) + fixed) / changes + 2


def _timed_pushes(
    target: str | pathlib.Path, voters: list[Any], bodies: list[bytes], *, keep: bool
) -> tuple[list[float], int]:
    """Seconds per push transaction, and the SQLite file size after (0 for PostgreSQL)."""
    repo = Repository.open(target, time.time())
    saved: Callable[..., None] = origin.keep
    if not keep:
        origin.keep = lambda *_args, **_kw: None  # type: ignore[assignment]
    try:
        repo.load_regions(
            [r for r in load_region_rows(demo_regions_path()) if r[0].split(".")[0] == PROVINCE],
            time.time(),
        )
        repo.load_voters(voters, time.time())
        key = p.generate_key()
        code = repo.create_enroll_code(PROVINCE, 1, time.time())
        device = repo.enroll(code, p.public_key_text(key), "bench", time.time())
        timings = []
        for body in bodies:
            signed = _signed(key, device.id, body)
            changes = p.PushRequest.decode(body).changes
            now = time.time()

            def store(
                tx: Tx, signed: SignedBatch = signed, changes: Any = changes, now: float = now
            ) -> Any:
                tx.record_nonce(signed.device_id, signed.batch_id, int(now), 300)
                return ingest_batch(tx, signed, changes, now, ELECTION)

            started = time.perf_counter()
            repo.write(store)
            timings.append(time.perf_counter() - started)
        size = 0
        if isinstance(target, pathlib.Path):
            with repo.transaction(write=False) as tx:
                tx.sql.run("PRAGMA wal_checkpoint(TRUNCATE)")
                size = int(tx.sql.scalar("PRAGMA page_count")) * int(
                    tx.sql.scalar("PRAGMA page_size")
                )
        return timings, size
    finally:
        origin.keep = saved  # type: ignore[assignment]
        repo.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    regions = [r for r in load_region_rows(demo_regions_path()) if r[0].split(".")[0] == PROVINCE]
    needed = max(args.batches * args.batch_size, 1000)
    voters = sorted(
        generate_voters(regions, needed, seed=5, election_date=ELECTION), key=lambda v: v.tps_id
    )
    changes = _changes(voters, random.Random(11))
    key = p.generate_key()

    print("| changes per batch | body per change | kept per change |")
    print("|---|---|---|")
    figures: dict[str, Any] = {}
    for size in (50, 300, 1000):
        per_batch = []
        bodies = []
        for start in range(0, needed - size + 1, size):
            body = p.PushRequest.from_outbox(changes[start : start + size]).encode()
            bodies.append(len(body) / size)
            per_batch.append(kept_bytes(_signed(key, "0" * 32, body), size))
        body_b, kept_b = statistics.mean(bodies), statistics.mean(per_batch)
        print(f"| {size} | {body_b:.1f} B | {kept_b:.1f} B |")
        figures[f"kept_bytes_per_change_b{size}"] = round(kept_b, 1)
        figures[f"body_bytes_per_change_b{size}"] = round(body_b, 1)

    pushed = changes[: args.batches * args.batch_size]
    bodies = [
        p.PushRequest.from_outbox(pushed[b : b + args.batch_size]).encode()
        for b in range(0, len(pushed), args.batch_size)
    ]
    targets: list[str] = ["sqlite"]
    cluster: TempCluster | None = None
    try:
        cluster = TempCluster(durable=True).start()
        targets.append("postgresql")
    except PostgresUnavailable as exc:
        print(f"PostgreSQL skipped: {exc}", flush=True)
    best: dict[tuple[str, bool], float] = {}
    sizes: dict[bool, int] = {}
    try:
        for _ in range(args.rounds):
            for backend in targets:
                for keep in (True, False):
                    with tempfile.TemporaryDirectory(prefix="lapang-origin-") as tmp:
                        target: str | pathlib.Path
                        if backend == "postgresql":
                            assert cluster is not None
                            target = cluster.create_database()
                        else:
                            target = pathlib.Path(tmp) / "server.db"
                        try:
                            timings, db_size = _timed_pushes(target, voters, bodies, keep=keep)
                        finally:
                            if isinstance(target, str) and cluster is not None:
                                cluster.drop_database(target)
                    median = statistics.median(timings)
                    best[(backend, keep)] = min(best.get((backend, keep), median), median)
                    if backend == "sqlite":
                        sizes[keep] = db_size
    finally:
        if cluster is not None:
            cluster.stop()

    growth = (sizes[True] - sizes[False]) / len(pushed)
    print()
    print(
        f"SQLite file growth from keeping the batches: {growth:.1f} B per change "
        f"({len(pushed):,} changes in batches of {args.batch_size})"
    )
    print()
    print(
        f"Push transaction, batches of {args.batch_size}, median per batch, best of {args.rounds}"
    )
    print()
    print("| backend | without | with proof of origin | difference |")
    print("|---|---|---|---|")
    for backend in targets:
        off, on = best[(backend, False)], best[(backend, True)]
        print(
            f"| {backend} | {off * 1000:.1f} ms | {on * 1000:.1f} ms | "
            f"{(on - off) * 1000:+.1f} ms ({(on / off - 1) * 100:+.0f} %) |"
        )
        figures[f"{backend}_push_ms_without"] = round(off * 1000, 2)
        figures[f"{backend}_push_ms_with"] = round(on * 1000, 2)
    figures["sqlite_file_growth_bytes_per_change"] = round(growth, 1)
    figures["batch_size"] = args.batch_size
    figures["changes"] = len(pushed)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

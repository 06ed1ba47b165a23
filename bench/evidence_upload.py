"""Evidence uploads from the desk: a laptop's photos sent by its sync engine, in chunks fixed at
32 KiB (as the desk sent them before paced chunks) beside paced chunks (docs/performance.md,
"Paced chunks").

    python bench/evidence_upload.py                                   # loopback, 8 photos of 1 MB
    python bench/evidence_upload.py --link 2g --photos 2 --size-kb 400

Two laptops (real encrypted stores) enrol with the real server (SQLite, loopback, in this
process) through a FaultProxy, shaped as ``--link`` (bench/relay.py's links). Each records a
TMS with a photo for each of its own voters (random bytes: photos do not compress) and pushes
the changes; then one laptop's sync uploads its photos in fixed chunks and the other's in
paced chunks. Figures per way: seconds of the upload run, chunk requests, bytes up on the wire
(headers included). Every photo must be complete on the server, or the run fails.

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import random
import sys
import tempfile
import time

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from bundle import _new_store  # bench/bundle.py
from relay import LINKS, Server  # bench/relay.py

from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import download_area, register
from desktop_app.sync.run import SyncProgress
from desktop_app.sync.uploads import DEFAULT_CHUNK_BYTES
from sync_server.config import ServerConfig
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA, ELECTION, area_voters, demo_region_rows


@dataclasses.dataclass
class Way:
    name: str
    seconds: float
    requests: int  # chunk requests answered
    wire_bytes_up: int
    largest_chunk: int


def run(args: argparse.Namespace) -> list[Way]:
    with tempfile.TemporaryDirectory(prefix="lapang-evidence-upload-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        config = ServerConfig(
            db_path=tmp / "server.db", attachments_dir=tmp / "attachments", election_date=ELECTION
        )
        server = Server(config)
        server.repo.load_regions(demo_region_rows(), time.time())
        server.repo.load_voters(area_voters(4 * args.photos, seed=2029), time.time())
        with server.repo.transaction(write=False) as tx:
            voter_ids = [r[0] for r in tx.sql.all("SELECT id FROM voters ORDER BY id")]
        port = int(server.url.rsplit(":", 1)[1])
        ways = []
        try:
            with FaultProxy(("127.0.0.1", port)) as proxy:
                for n, way in enumerate(("fixed", "paced")):
                    store = _new_store(tmp / way)
                    try:
                        code = server.repo.create_enroll_code(AREA, 1, time.time())
                        engine = register(store, proxy.url, code, kpu_key=None)
                        download_area(engine)
                        service = VoterService(store)
                        for i in range(args.photos):
                            seed = n * args.photos + i
                            photo = random.Random(seed).randbytes(args.size_kb * 1000)
                            service.mark_tms(
                                voter_ids[seed],
                                1,
                                "akta_kematian",
                                f"474.3/{seed}/2029",
                                AttachmentInput(b"\xff\xd8\xff\xe0" + photo, "image/jpeg"),
                            )
                        assert engine.run_once(attachments=False).outcome == "partial"
                        engine.chunk_bytes = DEFAULT_CHUNK_BYTES
                        engine.max_chunk_bytes = DEFAULT_CHUNK_BYTES if way == "fixed" else None
                        ways.append(_upload(way, engine, proxy, args))
                    finally:
                        store.close()
        finally:
            server.stop()
    return ways


def _upload(way: str, engine: SyncEngine, proxy: FaultProxy, args: argparse.Namespace) -> Way:
    chunks: list[int] = []
    done = 0

    def count(event: SyncProgress) -> None:
        nonlocal done
        if event.phase == "attachments" and event.bytes_done > done:
            chunks.append(event.bytes_done - done)
            done = event.bytes_done

    engine.client.close()  # each way from a cold connection, as after finding signal
    proxy.configure(**LINKS[args.link])
    print(f"Uploading, chunks {way} ...", file=sys.stderr)
    engine.add_listener(count)
    proxy.reset_counters()
    started = time.perf_counter()
    report = engine.run_once(push=False, pull=False)
    seconds = time.perf_counter() - started
    engine.remove_listener(count)
    proxy.configure(latency=0.0, bandwidth_bps=None)
    assert report.ok and report.attachments == args.photos, (report.outcome, report.attachments)
    return Way(
        f"chunks, {way}", round(seconds, 2), len(chunks), proxy.bytes_up, max(chunks, default=0)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=8, help="photos per laptop")
    parser.add_argument("--size-kb", type=int, default=1000, help="kB per photo")
    parser.add_argument("--link", choices=sorted(LINKS), default="loopback")
    args = parser.parse_args(argv)
    ways = run(args)
    print(f"{args.photos} photos of {args.size_kb} kB, link {args.link}")
    print(f"{'way':>15} {'seconds':>8} {'requests':>9} {'wire up':>10} {'largest chunk':>14}")
    for w in ways:
        print(
            f"{w.name:>15} {w.seconds:>8.2f} {w.requests:>9} "
            f"{w.wire_bytes_up / 1e6:>7.2f} MB {w.largest_chunk >> 10:>10} KiB"
        )
    figures = {"photos": args.photos, "size_kb": args.size_kb, "link": args.link}
    print(json.dumps({**figures, "ways": [dataclasses.asdict(w) for w in ways]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sync benchmark: the real engine and the real server through a simulated 2G link.

    python bench/sync.py            # 10,000 updates, 50,000-voter download, 300 ODK records
    python bench/sync.py --quick    # 1,000 updates, 5,000 voters, 50 ODK records

Everything crosses ``tests/support/faultproxy.py`` set to 256 kbit/s each way and a 600 ms
round trip, over HTTPS (the server's certificate pinned, as in the field; ``--plain`` for
HTTP). The proxy counts every byte both ways: HTTP headers, TLS records and handshakes
included. Figures:

1. first download of a kecamatan (enrolment's first pull): time and bytes;
2. push of N voter updates (60 % sesuai, 25 % ubah, 15 % TMS with an evidence photo's hash)
   from a cold connection: bytes per change, and time against the link's limit — bytes /
   bandwidth + one round trip for TCP, one for TLS and one per request the protocol needs
   (N / 1000 changes per batch);
3. the same updates sent the way OpenRosa/ODK tools send them: one multipart POST per record
   with the whole form instance, through the same proxy, on a kept-alive connection. One ODK
   record costs at least a round trip, so 10,000 of them take hours at 600 ms: by default a
   sample is sent and the totals are extrapolated per record (``--odk-count 10000`` sends all).

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import math
import pathlib
import sys
import tempfile
import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from desktop_app.store import outbox
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.enrollment import download_area, register
from desktop_app.sync.protocol import MAX_BATCH_CHANGES, PULL_PAGE_MAX
from tests.support.certs import make_tls
from tests.support.faultproxy import FaultProxy
from tests.support.odk import OdkReceiver, OdkSender, instance_xml
from tests.support.sync_env import area_voters, start_server
from tests.sync_server.sync_helpers import serve

TARGET_BYTES_PER_CHANGE = 120
TARGET_TIME_RATIO = 1.3


@dataclasses.dataclass
class Leg:
    """One measured transfer through the proxy."""

    name: str
    records: int
    seconds: float
    bytes_up: int
    bytes_down: int
    round_trips: int  # what the transfer needs at least (connection set-up included)
    kbps: float
    rtt: float

    @property
    def bytes(self) -> int:
        return self.bytes_up + self.bytes_down

    @property
    def limit_seconds(self) -> float:
        return self.bytes * 8 / (self.kbps * 1000) + self.round_trips * self.rtt

    @property
    def ratio(self) -> float:
        return self.seconds / self.limit_seconds


def _new_store(folder: pathlib.Path) -> FieldStore:
    recovery = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public = recovery.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Vault(folder).create("Bench Officer", "bench-passphrase-1", public, kdf=TEST_KDF)


SECONDS_BETWEEN_SAVES = 20  # an officer's pace: three checks a minute


def _officer_paced_clock() -> outbox.ChangeIdClock:
    """Change ids as a day of saves makes them. Ids made in a tight loop share a millisecond and
    count on from each other, so they compress to ~2.5 bytes; ids 20 s apart take ~16 (a random
    uuid4 ~20). Without this the benchmark would flatter the wire size by ~14 bytes a change."""
    start = time.time_ns() // 1_000_000
    saves = itertools.count()
    return outbox.ChangeIdClock(lambda: start + next(saves) * SECONDS_BETWEEN_SAVES * 1000)


def _queue_updates(store: FieldStore, voter_ids: list[str]) -> list[dict[str, object]]:
    """N realistic updates, one per voter, with change ids spaced as an officer's saves are;
    returns what each did (for the ODK instances)."""
    service = VoterService(store)
    done: list[dict[str, object]] = []
    real_clock = outbox.use_change_id_clock(_officer_paced_clock())
    try:
        _save_updates(service, voter_ids, done)
    finally:
        outbox.use_change_id_clock(real_clock)
    return done


def _save_updates(
    service: VoterService, voter_ids: list[str], done: list[dict[str, object]]
) -> None:
    with service.store.db.atomic():
        for i, vid in enumerate(voter_ids):
            kind = i % 20
            if kind < 12:
                service.mark_sesuai(vid)
                done.append({"keterangan": "✓"})
            elif kind < 17:
                old = service.get(vid).record
                changes = {"rt": f"{(int(old.rt or 0) + 1) % 999 + 1:03d}"}
                if kind == 16:
                    changes["alamat"] = f"{old.alamat} GG. MAWAR"
                service.ubah(vid, changes)
                done.append(
                    {"keterangan": "U", "changed": list(changes), "old": [old.rt, old.alamat]}
                )
            else:
                photo = b"\xff\xd8\xff\xe0" + i.to_bytes(4, "big") * 512
                ref = f"474.3/{i}/2029"
                service.mark_tms(vid, 1, "akta_kematian", ref, AttachmentInput(photo, "image/jpeg"))
                done.append(
                    {
                        "keterangan": "1",
                        "tms_code": 1,
                        "evidence_type": "akta_kematian",
                        "evidence_ref": ref,
                        "photo": f"{i}.jpg",
                    }
                )


def _measure(
    proxy: FaultProxy, name: str, records: int, started: float, round_trips: int, args
) -> Leg:
    return Leg(
        name,
        records,
        time.monotonic() - started,
        proxy.bytes_up,
        proxy.bytes_down,
        round_trips,
        args.kbps,
        args.rtt_ms / 1000,
    )


def run(args: argparse.Namespace) -> dict[str, object]:
    setup = 1 if args.plain else 2  # TCP handshake, plus TLS 1.3's one round trip
    with tempfile.TemporaryDirectory(prefix="lapang-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        tls = None if args.plain else make_tls(tmp / "tls")
        tls_files = None if tls is None else (tls.server_cert, tls.server_key)
        print(f"Generating {args.voters:,} voters and loading the server ...", file=sys.stderr)
        voters = area_voters(args.voters, seed=2029)
        server = start_server(tmp / "server", voters=voters, tls=tls_files)
        scheme = "http" if args.plain else "https"
        proxy = FaultProxy(
            ("127.0.0.1", server.port),
            latency=args.rtt_ms / 2000,
            bandwidth_bps=int(args.kbps * 1000),
        ).start()
        store = _new_store(tmp / "vault")
        try:
            url = f"{scheme}://127.0.0.1:{proxy.port}"
            ca = None if tls is None else tls.ca_cert
            engine = register(store, url, server.code(), ca_file=ca, kpu_key=None)

            print("First download through the link ...", file=sys.stderr)
            engine.client.close()
            proxy.reset_counters()
            started = time.monotonic()
            first = download_area(engine).first_pull
            items = first.pulled + first.regions + first.tps
            download = _measure(
                proxy,
                "download",
                first.pulled,
                started,
                setup + math.ceil(items / PULL_PAGE_MAX),
                args,
            )
            assert first.ok and first.pulled == args.voters, first

            ids = [server.voter_id(i) for i in range(args.changes)]
            outcomes = _queue_updates(store, ids)
            print(f"Pushing {args.changes:,} updates through the link ...", file=sys.stderr)
            engine.client.close()  # a laptop that just found signal: a cold connection
            proxy.reset_counters()
            started = time.monotonic()
            pushed = engine.run_once(pull=False, attachments=False)
            push = _measure(
                proxy,
                "push",
                args.changes,
                started,
                setup + math.ceil(args.changes / MAX_BATCH_CHANGES),
                args,
            )
            # "partial": the evidence photos are still owed (not part of this figure).
            assert pushed.confirmed == args.changes and pushed.pending == 0, pushed
            assert server.distinct_changes() == args.changes

            proxy.reset_counters()
            started = time.monotonic()
            back = engine.run_once(push=False, attachments=False)
            # Protocol v2: the push answer carried the new versions, so no echo comes back.
            # ("partial": the evidence photos are still owed, as after the push.)
            assert back.outcome in ("ok", "partial") and back.pending == 0, back
            pull_back = _measure(
                proxy,
                "pull back",
                back.pulled,
                started,
                max(1, math.ceil(back.pulled / PULL_PAGE_MAX)),
                args,
            )

            print(f"Sending {args.odk_count:,} records ODK-style ...", file=sys.stderr)
            receiver = OdkReceiver(tmp / "odk.db")
            if tls is None:
                odk_server, odk_thread, odk_url = serve(receiver.app)
            else:
                odk_server, odk_thread, odk_url = serve(
                    receiver.app, tls_cert=tls.server_cert, tls_key=tls.server_key
                )
            proxy.retarget(("127.0.0.1", int(odk_url.rsplit(":", 1)[1])))
            sender = OdkSender(
                f"{scheme}://127.0.0.1:{proxy.port}", verify=str(ca) if ca else False
            )
            now = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).isoformat(
                timespec="milliseconds"
            )
            proxy.reset_counters()
            started = time.monotonic()
            for i in range(args.odk_count):
                outcome = {**outcomes[i], "at": now, "device": "AbCdEf12", "officer": "pantarlih"}
                sender.post(instance_xml(voters[i], ids[i], outcome))
            odk = _measure(proxy, "odk", args.odk_count, started, setup + args.odk_count, args)
            assert receiver.count() == args.odk_count
            sender.close()
            odk_server.should_exit = True
            odk_thread.join(10)
        finally:
            proxy.stop()
            store.close()
            server.stop()

    scale = args.changes / odk.records
    odk_total_bytes = odk.bytes * scale
    odk_total_seconds = odk.seconds * scale
    return {
        "kbps": args.kbps,
        "rtt_ms": args.rtt_ms,
        "tls": not args.plain,
        "download_voters": download.records,
        "download_bytes": download.bytes,
        "download_seconds": round(download.seconds, 1),
        "download_limit_seconds": round(download.limit_seconds, 1),
        "download_ratio": round(download.ratio, 2),
        "download_bytes_per_voter": round(download.bytes / download.records, 1),
        "changes": push.records,
        "push_bytes": push.bytes,
        "push_bytes_up": push.bytes_up,
        "push_bytes_down": push.bytes_down,
        "push_bytes_per_change": round(push.bytes / push.records, 1),
        "push_seconds": round(push.seconds, 1),
        "push_limit_seconds": round(push.limit_seconds, 1),
        "push_ratio": round(push.ratio, 2),
        "push_requests": pushed.batches,
        "push_meets_targets": push.bytes / push.records <= TARGET_BYTES_PER_CHANGE
        and push.ratio <= TARGET_TIME_RATIO,
        "pull_back_voters": pull_back.records,
        "pull_back_bytes": pull_back.bytes,
        "pull_back_seconds": round(pull_back.seconds, 1),
        "odk_records_sent": odk.records,
        "odk_bytes_per_record": round(odk.bytes / odk.records, 1),
        "odk_seconds_per_record": round(odk.seconds / odk.records, 3),
        "odk_total_bytes": round(odk_total_bytes),
        "odk_total_seconds": round(odk_total_seconds, 1),
        "odk_extrapolated": odk.records != push.records,
        "odk_over_lapang_bytes": round(odk_total_bytes / push.bytes, 1),
        "odk_over_lapang_seconds": round(odk_total_seconds / push.seconds, 1),
    }


def print_table(r: dict[str, object]) -> None:
    link = f"{r['kbps']} kbit/s each way, {r['rtt_ms']} ms RTT, {'HTTPS' if r['tls'] else 'HTTP'}"
    print(f"Link: {link}")
    print()
    print("| figure | Lapang sync | ODK-style, one request per record | ODK / Lapang |")
    print("|---|---|---|---|")
    sent = r["odk_records_sent"]
    est = f" (extrapolated from {sent})" if r["odk_extrapolated"] else ""
    print(
        f"| {r['changes']:,} voter updates: bytes on the wire | {r['push_bytes']:,} B "
        f"| {r['odk_total_bytes']:,} B{est} | {r['odk_over_lapang_bytes']}× |"
    )
    print(
        f"| bytes per change | **{r['push_bytes_per_change']}** (target ≤ "
        f"{TARGET_BYTES_PER_CHANGE}) | {r['odk_bytes_per_record']} | |"
    )
    print(
        f"| total time | **{r['push_seconds']} s** | {r['odk_total_seconds']:,} s{est} "
        f"| {r['odk_over_lapang_seconds']}× |"
    )
    print(f"| link limit (bytes ÷ bandwidth + round trips) | {r['push_limit_seconds']} s | | |")
    print(
        f"| time ÷ limit | **{r['push_ratio']}** (target ≤ {TARGET_TIME_RATIO}) "
        f"| {r['odk_seconds_per_record']} s per record | |"
    )
    print(f"| push requests | {r['push_requests']} | {r['changes']:,} | |")
    print()
    print("| first download | voters | bytes | bytes/voter | time | link limit | time ÷ limit |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| kecamatan | {r['download_voters']:,} | {r['download_bytes']:,} "
        f"| {r['download_bytes_per_voter']} | {r['download_seconds']} s "
        f"| {r['download_limit_seconds']} s | {r['download_ratio']} |"
    )
    print()
    print(
        f"After the push, the next pull brings {r['pull_back_voters']:,} voter rows back "
        f"(no echo of the officer's own changes): {r['pull_back_bytes']:,} B in "
        f"{r['pull_back_seconds']} s."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--voters", type=int, default=50_000, help="kecamatan size to download")
    parser.add_argument("--odk-count", type=int, default=300, help="ODK records actually sent")
    parser.add_argument("--kbps", type=float, default=256.0)
    parser.add_argument("--rtt-ms", type=float, default=600.0)
    parser.add_argument("--plain", action="store_true", help="HTTP instead of HTTPS")
    parser.add_argument("--quick", action="store_true", help="1,000 / 5,000 / 50")
    args = parser.parse_args(argv)
    if args.quick:
        args.changes, args.voters, args.odk_count = 1_000, 5_000, 50
    args.odk_count = min(args.odk_count, args.changes)
    if args.changes > args.voters:
        parser.error("--changes must not exceed --voters (one update per voter)")
    result = run(args)
    print_table(result)
    print(json.dumps(result))
    return 0 if result["push_meets_targets"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

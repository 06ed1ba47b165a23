"""Sync benchmark: the real engine and the real server through simulated slow links.

    python bench/sync.py                    # both profiles, everything (~9 minutes)
    python bench/sync.py --quick            # smaller counts (~2 minutes)
    python bench/sync.py --profile gprs     # one link profile
    python bench/sync.py --only round       # parts: download, round, odk (comma-separated)

Everything crosses ``tests/support/faultproxy.py`` over HTTPS (the server's certificate pinned,
as in the field; ``--plain`` for HTTP). The proxy counts every byte both ways: HTTP headers,
TLS records and handshakes included. It runs in a process of its own
(``tests/support/faultproxy_process.py``): in the benchmark's process its pacing threads would
wait for the interpreter lock while the laptop stores a page, and the link would slow down
whenever the laptop works, which a radio link does not. The server too
(``tests/support/server_process.py``): it reads and encodes the next page while the laptop stores
the last one, as a server on another machine does. Two link profiles:

- ``2g``: 2G/EDGE, 256 kbit/s each way, 600 ms round trip; a kecamatan of 50,000 voters,
  10,000 voter updates;
- ``gprs``: 64 kbit/s each way, 1,200 ms round trip, the connection reset every ~200 KB
  (±25 %); a desa of 3,000 voters, 1,000 updates. The round has one reset put ~40 % into its
  push (``FaultProxy.reset_after``): a round this size meets one about one time in four, and a
  round without one would not show what the link does to it.

Figures per profile:

1. first download of the area (enrolment's first pull): time and bytes against the link limit;
2. the **round** after N voter updates (60 % sesuai, 25 % ubah, 15 % TMS with an evidence
   photo's hash; the photos are not part of it): one sync run from a cold connection (the
   laptop just found signal), its push and the pull that follows. Bytes, seconds, bytes per
   change; its push part alone (split where the run's pull starts) against the push-only link
   limit; the round's seconds ÷ that same push-only limit. Afterwards the server must hold
   each change applied exactly once (its own rows and slots, not the laptop's view) and the
   laptop every changed voter at the server's version, or the run fails;
3. (``2g`` only) the same updates sent the way OpenRosa/ODK tools send them: one multipart
   POST per record with the whole form instance, through the same proxy, on a kept-alive
   connection. One ODK record costs at least a round trip, so 10,000 of them take hours at
   600 ms: by default a sample is sent and the totals are extrapolated per record
   (``--odk-count 10000`` sends all).

The link limit is what a perfect client would need on that link: bytes ÷ bandwidth, plus one
round trip for TCP and one for TLS 1.3 per connection (one, plus one per reset the transfer
met), plus one per request the protocol needs at its largest batch (1,000 changes) or page
(5,000 items).

The last line is one JSON object with every figure (keys prefixed by the profile).
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
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import download_area, register
from desktop_app.sync.run import PHASE_PULL, SyncProgress, SyncRunReport
from lapang_core.domain.voter import VoterRecord
from lapang_core.protocol import MAX_BATCH_CHANGES, PULL_PAGE_MAX
from tests.support.certs import make_tls
from tests.support.faultproxy_process import ProxyProcess
from tests.support.odk import OdkReceiver, OdkSender, instance_xml
from tests.support.server_process import ServerProcess
from tests.support.sync_env import RunningServer, area_voters, start_server
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
    resets: int = 0  # connection resets the transfer met (each costs a new connection)

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


@dataclasses.dataclass(frozen=True)
class Profile:
    """A link and the work measured over it."""

    name: str
    title: str
    kbps: float
    rtt_ms: float
    reset_every: int | None  # bytes both ways, ±25 %
    voters: int  # the area downloaded
    changes: int  # updates in the round
    round_ratio_target: float  # round seconds ÷ push-only link limit
    download_ratio_target: float | None = None
    round_bytes_per_change_target: float | None = None
    odk: bool = False


PROFILES = {
    "2g": Profile(
        "2g",
        "2G/EDGE",
        256.0,
        600.0,
        None,
        50_000,
        10_000,
        round_ratio_target=1.15,
        download_ratio_target=1.05,
        round_bytes_per_change_target=60,
        odk=True,
    ),
    "gprs": Profile("gprs", "GPRS", 64.0, 1200.0, 200_000, 3_000, 1_000, round_ratio_target=1.35),
}
QUICK = {"2g": (5_000, 1_000), "gprs": (1_000, 300)}  # voters, changes
PARTS = ("download", "round", "odk")
RESET_JITTER = 0.25
ROUND_RESET_BYTES_PER_CHANGE = 20  # where the round's reset falls: ~40 % into its push


def _measure(
    proxy: ProxyProcess,
    name: str,
    records: int,
    started: float,
    requests: int,
    setup: int,
    profile: Profile,
) -> Leg:
    seconds = time.monotonic() - started
    counted = proxy.counters()
    return Leg(
        name,
        records,
        seconds,
        counted.bytes_up,
        counted.bytes_down,
        setup * (1 + counted.resets) + requests,
        profile.kbps,
        profile.rtt_ms / 1000,
        counted.resets,
    )


@dataclasses.dataclass
class Bench:
    """One profile's run: server, link, enrolled store."""

    profile: Profile
    args: argparse.Namespace
    tmp: pathlib.Path
    tls: object
    server: RunningServer
    proxy: ProxyProcess
    store: FieldStore
    engine: SyncEngine
    server_port: int

    @property
    def setup(self) -> int:
        return 1 if self.args.plain else 2  # TCP handshake, plus TLS 1.3's one round trip

    def slow_link(self) -> None:
        profile = self.profile
        self.proxy.configure(
            latency=profile.rtt_ms / 2000,
            bandwidth_bps=int(profile.kbps * 1000),
            reset_every=profile.reset_every,
            reset_jitter=RESET_JITTER if profile.reset_every else 0.0,
        )

    def fast_link(self) -> None:
        self.proxy.configure(latency=0.0, bandwidth_bps=None, reset_every=None)


def _download(bench: Bench, measure: bool) -> Leg | None:
    """The enrolment's first pull; through the fast link when it is not measured (the round
    needs the area on the laptop)."""
    engine, proxy = bench.engine, bench.proxy
    engine.client.close()
    if measure:
        bench.slow_link()
    else:
        bench.fast_link()
    proxy.reset_counters()
    started = time.monotonic()
    first = download_area(engine).first_pull
    assert first.ok and first.pulled == bench.profile.voters, first
    items = first.pulled + first.regions + first.tps
    leg = _measure(
        proxy,
        "download",
        first.pulled,
        started,
        math.ceil(items / PULL_PAGE_MAX),
        bench.setup,
        bench.profile,
    )
    return leg if measure else None


@dataclasses.dataclass
class Round:
    push: Leg
    pull: Leg
    whole: Leg
    report: SyncRunReport
    duplicates: int  # resent copies the server recognised (and applied nothing)

    @property
    def ratio(self) -> float:
        """The round's seconds ÷ the push-only link limit."""
        return self.whole.seconds / self.push.limit_seconds


def _round(bench: Bench, ids: list[str]) -> Round:
    """One sync run (push, then the pull that follows) from a cold connection, split where
    the pull starts: by then the push's last answer has crossed the link."""
    engine, proxy, profile = bench.engine, bench.proxy, bench.profile
    engine.client.close()  # a laptop that just found signal: a cold connection
    bench.slow_link()
    proxy.reset_counters()
    if profile.reset_every:
        proxy.reset_after(len(ids) * ROUND_RESET_BYTES_PER_CHANGE)
    split: dict[str, float] = {}

    def at_pull(progress: SyncProgress) -> None:
        if progress.phase == PHASE_PULL and not split:
            at = time.monotonic()
            counted = proxy.counters()
            split.update(t=at, up=counted.bytes_up, down=counted.bytes_down, resets=counted.resets)

    engine.add_listener(at_pull)
    started = time.monotonic()
    report = engine.run_once(attachments=False)
    ended = time.monotonic()
    counted = proxy.counters()
    engine.remove_listener(at_pull)
    # "partial" at most: the evidence photos are still owed (not part of this figure).
    assert report.confirmed == len(ids) and report.pending == 0 and split, report
    rtt = profile.rtt_ms / 1000
    push_resets = int(split["resets"])
    push = Leg(
        "push",
        len(ids),
        split["t"] - started,
        int(split["up"]),
        int(split["down"]),
        bench.setup * (1 + push_resets) + math.ceil(len(ids) / MAX_BATCH_CHANGES),
        profile.kbps,
        rtt,
        push_resets,
    )
    pull_resets = counted.resets - push_resets
    pull = Leg(
        "pull",
        report.pulled,
        ended - split["t"],
        counted.bytes_up - push.bytes_up,
        counted.bytes_down - push.bytes_down,
        bench.setup * pull_resets + max(1, math.ceil(report.pulled / PULL_PAGE_MAX)),
        profile.kbps,
        rtt,
        pull_resets,
    )
    whole = Leg(
        "round",
        len(ids),
        ended - started,
        counted.bytes_up,
        counted.bytes_down,
        push.round_trips + pull.round_trips,
        profile.kbps,
        rtt,
        counted.resets,
    )
    return Round(push, pull, whole, report, _check_applied_once(bench, ids))


def _check_applied_once(bench: Bench, ids: list[str]) -> int:
    """The server's own record: every change holds one slot that applied it, no change id
    twice, each changed voter exactly one version on; and the laptop holds each changed voter
    at the server's version. Returns how many resent copies the server recognised."""
    server, n = bench.server, len(ids)
    assert server.distinct_changes() == n
    states = server.change_counts()
    applying = sum(states.get(s, 0) for s in ("applied", "held", "conflict"))
    assert applying == n and set(states) <= {"applied", "held", "conflict", "duplicate"}, states
    with server.repo.transaction(write=False) as tx:
        versions = {
            row["version"]: row["n"]
            for row in tx.sql.all("SELECT version, COUNT(*) AS n FROM voters GROUP BY version")
        }
        server_rows = {
            row["id"]: row["version"] for row in tx.sql.all("SELECT id, version FROM voters")
        }
    assert versions == {1: bench.profile.voters - n, 2: n}, versions
    local = dict(bench.store.db.execute("SELECT id, version FROM voters").fetchall())
    assert local == server_rows, "the laptop's versions differ from the server's"
    return states.get("duplicate", 0)


def _odk(bench: Bench, voters: list[VoterRecord], ids: list[str], outcomes: list[dict]) -> Leg:
    args, tmp, tls, proxy = bench.args, bench.tmp, bench.tls, bench.proxy
    count = min(args.odk_count, len(ids))
    print(f"Sending {count:,} records ODK-style ...", file=sys.stderr)
    receiver = OdkReceiver(tmp / "odk.db")
    if tls is None:
        odk_server, odk_thread, odk_url = serve(receiver.app)
    else:
        odk_server, odk_thread, odk_url = serve(
            receiver.app, tls_cert=tls.server_cert, tls_key=tls.server_key
        )
    scheme = "http" if tls is None else "https"
    bench.slow_link()
    proxy.retarget(("127.0.0.1", int(odk_url.rsplit(":", 1)[1])))
    sender = OdkSender(
        f"{scheme}://127.0.0.1:{proxy.port}", verify=str(tls.ca_cert) if tls else False
    )
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).isoformat(timespec="milliseconds")
    proxy.reset_counters()
    started = time.monotonic()
    for i in range(count):
        outcome = {**outcomes[i], "at": now, "device": "AbCdEf12", "officer": "pantarlih"}
        sender.post(instance_xml(voters[i], ids[i], outcome))
    leg = _measure(proxy, "odk", count, started, count, bench.setup, bench.profile)
    assert receiver.count() == count
    sender.close()
    odk_server.should_exit = True
    odk_thread.join(10)
    proxy.retarget(("127.0.0.1", bench.server_port))
    return leg


def run_profile(profile: Profile, parts: set[str], args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="lapang-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        tls = None if args.plain else make_tls(tmp / "tls")
        tls_files = None if tls is None else (tls.server_cert, tls.server_key)
        print(
            f"[{profile.name}] {profile.voters:,} voters: generating and loading the server ...",
            file=sys.stderr,
        )
        voters = area_voters(profile.voters, seed=2029)
        server = start_server(tmp / "server", voters=voters, tls=tls_files)
        server.stop_serving()  # served from a process of its own, read from here
        server_process = ServerProcess(server.config, tls=tls_files)
        proxy = ProxyProcess(("127.0.0.1", server_process.port), seed=2029)
        store = _new_store(tmp / "vault")
        try:
            scheme = "http" if tls is None else "https"
            url = f"{scheme}://127.0.0.1:{proxy.port}"
            ca = None if tls is None else tls.ca_cert
            engine = register(store, url, server.code(), ca_file=ca, kpu_key=None)
            bench = Bench(
                profile, args, tmp, tls, server, proxy, store, engine, server_process.port
            )
            print(f"[{profile.name}] first download ...", file=sys.stderr)
            download = _download(bench, "download" in parts)
            result: dict[str, object] = {}
            if download is not None:
                result.update(_leg_figures("download", download, per="voter"))
                result["download_resets"] = download.resets
            if "round" in parts or ("odk" in parts and profile.odk):
                ids = [server.voter_id(i) for i in range(profile.changes)]
                outcomes = _queue_updates(store, ids)
            if "round" in parts:
                print(f"[{profile.name}] round of {profile.changes:,} updates ...", file=sys.stderr)
                result.update(_round_figures(_round(bench, ids)))
            if "odk" in parts and profile.odk:
                odk = _odk(bench, voters, ids, outcomes)
                result.update(
                    _odk_figures(
                        odk, profile.changes, result.get("push_bytes"), result.get("push_seconds")
                    )
                )
        finally:
            proxy.stop()
            store.close()
            server_process.stop()
            server.repo.close()
    return {
        "kbps": profile.kbps,
        "rtt_ms": profile.rtt_ms,
        "reset_every": profile.reset_every,
        "tls": not args.plain,
        **result,
        "meets_targets": _targets(profile, result),
    }


def _leg_figures(name: str, leg: Leg, *, per: str) -> dict[str, object]:
    return {
        f"{name}_{per}s": leg.records,
        f"{name}_bytes": leg.bytes,
        f"{name}_bytes_per_{per}": round(leg.bytes / max(leg.records, 1), 1),
        f"{name}_seconds": round(leg.seconds, 1),
        f"{name}_limit_seconds": round(leg.limit_seconds, 1),
        f"{name}_ratio": round(leg.ratio, 2),
    }


def _round_figures(r: Round) -> dict[str, object]:
    return {
        **_leg_figures("push", r.push, per="change"),
        "push_bytes_up": r.push.bytes_up,
        "push_bytes_down": r.push.bytes_down,
        "push_requests": r.report.batches,
        "push_resets": r.push.resets,
        "pull_items": r.report.pulled,
        "pull_bytes": r.pull.bytes,
        "pull_seconds": round(r.pull.seconds, 1),
        "pull_pages": r.report.pages,
        "round_changes": r.whole.records,
        "round_bytes": r.whole.bytes,
        "round_bytes_per_change": round(r.whole.bytes / r.whole.records, 1),
        "round_seconds": round(r.whole.seconds, 1),
        "round_ratio": round(r.ratio, 2),  # ÷ the push-only link limit
        "round_own_limit_seconds": round(r.whole.limit_seconds, 1),
        "round_resets": r.whole.resets,
        "round_duplicates": r.duplicates,
        "round_applied_exactly_once": True,  # checked on the server, or the run failed
    }


def _odk_figures(odk: Leg, changes: int, push_bytes: object, push_seconds: object) -> dict:
    scale = changes / odk.records
    figures: dict[str, object] = {
        "odk_records": changes,
        "odk_records_sent": odk.records,
        "odk_bytes_per_record": round(odk.bytes / odk.records, 1),
        "odk_seconds_per_record": round(odk.seconds / odk.records, 3),
        "odk_total_bytes": round(odk.bytes * scale),
        "odk_total_seconds": round(odk.seconds * scale, 1),
        "odk_extrapolated": odk.records != changes,
    }
    if isinstance(push_bytes, int) and isinstance(push_seconds, float):
        figures["odk_over_lapang_bytes"] = round(odk.bytes * scale / push_bytes, 1)
        figures["odk_over_lapang_seconds"] = round(odk.seconds * scale / push_seconds, 1)
    return figures


def _targets(profile: Profile, r: dict[str, object]) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if "push_ratio" in r and profile.name == "2g":
        checks["push_bytes_per_change"] = r["push_bytes_per_change"] <= TARGET_BYTES_PER_CHANGE
        checks["push_ratio"] = r["push_ratio"] <= TARGET_TIME_RATIO
    if "round_ratio" in r:
        checks["round_ratio"] = r["round_ratio"] <= profile.round_ratio_target
        if profile.round_bytes_per_change_target is not None:
            checks["round_bytes_per_change"] = (
                r["round_bytes_per_change"] <= profile.round_bytes_per_change_target
            )
    if "download_ratio" in r and profile.download_ratio_target is not None:
        checks["download_ratio"] = r["download_ratio"] <= profile.download_ratio_target
    return checks


def _target_text(target: float | None, key: str, r: dict[str, object]) -> str:
    met = r["meets_targets"].get(key)  # type: ignore[union-attr]
    if target is None or met is None:
        return ""
    return f"≤ {target} ({'met' if met else 'NOT met'})"


def print_profile(profile: Profile, r: dict[str, object]) -> None:
    resets = f", reset every ~{profile.reset_every // 1000} KB" if profile.reset_every else ""
    tls = "HTTPS" if r["tls"] else "HTTP"
    print(
        f"## {profile.title}: {r['kbps']:g} kbit/s each way, {r['rtt_ms']:g} ms RTT{resets}, {tls}"
    )
    print()
    if "download_ratio" in r or "round_ratio" in r:
        print("| figure | bytes | per item | time | link limit | time ÷ limit | target | resets |")
        print("|---|---|---|---|---|---|---|---|")
    if "download_ratio" in r:
        print(
            f"| first download, {r['download_voters']:,} voters | {r['download_bytes']:,} "
            f"| {r['download_bytes_per_voter']} B/voter | {r['download_seconds']} s "
            f"| {r['download_limit_seconds']} s | **{r['download_ratio']}** "
            f"| {_target_text(profile.download_ratio_target, 'download_ratio', r)} "
            f"| {r['download_resets']} |"
        )
    if "round_ratio" in r:
        push_target = TARGET_TIME_RATIO if profile.name == "2g" else None
        print(
            f"| push of {r['push_changes']:,} updates ({r['push_requests']} requests) "
            f"| {r['push_bytes']:,} | {r['push_bytes_per_change']} B/change "
            f"| {r['push_seconds']} s | {r['push_limit_seconds']} s | {r['push_ratio']} "
            f"| {_target_text(push_target, 'push_ratio', r)} "
            f"| {r['push_resets']} |"
        )
        print(
            f"| the pull that follows ({r['pull_items']:,} items, {r['pull_pages']} pages) "
            f"| {r['pull_bytes']:,} | | {r['pull_seconds']} s | | | | |"
        )
        bpc = _target_text(
            profile.round_bytes_per_change_target,
            "round_bytes_per_change",
            r,
        )
        print(
            f"| **round** (push + pull), ÷ the push-only limit | {r['round_bytes']:,} "
            f"| **{r['round_bytes_per_change']} B/change** {bpc} | **{r['round_seconds']} s** "
            f"| {r['push_limit_seconds']} s | **{r['round_ratio']}** "
            f"| {_target_text(profile.round_ratio_target, 'round_ratio', r)} "
            f"| {r['round_resets']} |"
        )
        print()
        print(
            f"Applied exactly once on the server (its slots and versions checked); resent copies "
            f"it recognised: {r['round_duplicates']}. The round's own link limit (push and "
            f"pull): {r['round_own_limit_seconds']} s."
        )
    if "odk_total_bytes" in r:
        sent = r["odk_records_sent"]
        versus = (
            f"{r['odk_over_lapang_bytes']}× bytes, {r['odk_over_lapang_seconds']}× time"
            if "odk_over_lapang_bytes" in r
            else "(push not measured)"
        )
        est = f" (extrapolated from {sent})" if r["odk_extrapolated"] else ""
        print()
        print(
            "| ODK-style, one request per record | bytes | per record | time | ODK / Lapang push |"
        )
        print("|---|---|---|---|---|")
        print(
            f"| {r['odk_records']:,} records{est} | {r['odk_total_bytes']:,} "
            f"| {r['odk_bytes_per_record']} B | {r['odk_total_seconds']:,} s "
            f"({r['odk_seconds_per_record']} s per record) "
            f"| {versus} |"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--profile", choices=[*PROFILES, "all"], default="all", help="link profile(s) to run"
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to measure: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--odk-count", type=int, default=300, help="ODK records actually sent")
    parser.add_argument("--plain", action="store_true", help="HTTP instead of HTTPS")
    parser.add_argument("--quick", action="store_true", help="smaller areas and rounds")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if not parts or not parts <= set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    names = list(PROFILES) if args.profile == "all" else [args.profile]
    if args.quick:
        args.odk_count = min(args.odk_count, 50)
    results: dict[str, dict[str, object]] = {}
    started = time.monotonic()
    for name in names:
        profile = PROFILES[name]
        if args.quick:
            voters, changes = QUICK[name]
            profile = dataclasses.replace(profile, voters=voters, changes=changes)
        results[name] = run_profile(profile, parts, args)
        print_profile(profile, results[name])
    met = all(all(r["meets_targets"].values()) for r in results.values())  # type: ignore[union-attr]
    print(f"Whole run: {time.monotonic() - started:.0f} s.")
    print(
        json.dumps(
            {**results, "all_targets_met": met, "wall_seconds": round(time.monotonic() - started)}
        )
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Bundle benchmark: a week of a PPS office's work as one sealed bundle (docs/performance.md).

    python bench/bundle.py            # 3,000 coklit outcomes, 40 applications, 200 KB scans
    python bench/bundle.py --quick    # 300 outcomes, 4 applications

A real encrypted store is enrolled with the real server (SQLite, loopback). The office then
records the coklit outcomes (bench/sync.py's mix: 60 % sesuai, 25 % ubah, 15 % TMS with its
evidence reference; a TMS photo, when one is taken, adds its own size) and takes 40 applications
to the PPS, each with its seven documents scanned (random bytes: a JPEG or PDF scan does not
compress). Figures:

1. bundle bytes per change: the changes alone sealed in a bundle, against the same changes as
   online push bodies (the bundle reuses them: the difference is the seal and the manifest);
2. the week as one bundle: its size, the time ``export_bundle`` takes (read, encode, sign,
   encrypt, write), and the time the server's ``import_bundle`` takes (open, verify, apply
   every change in one transaction, store every scan as an upload).

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import pathlib
import random
import sys
import tempfile
import time

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from sync import _officer_paced_clock as officer_paced_clock  # bench/sync.py

from desktop_app.store import outbox, sync_state
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from desktop_app.sync.enrollment import download_area, register
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import (
    DOCUMENTS,
    AdhocBody,
    Applicant,
    Document,
    HealthValues,
    Statement,
)
from lapang_core.protocol import seal
from sync_server import bundles
from sync_server.attachments_db import open_evidence
from tests.support.sync_env import AREA, ELECTION, area_voters, start_server

SCAN_DOCUMENTS = tuple(d for d in DOCUMENTS if d is not Document.SURAT_KETERANGAN_PARTAI)


def _new_store(folder: pathlib.Path) -> FieldStore:
    recovery = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public = recovery.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    store = Vault(folder).create("Bench Officer", "bench-passphrase-1", public, kdf=TEST_KDF)
    store.set_election_date(ELECTION)
    return store


def _coklit(store: FieldStore, voter_ids: list[str]) -> None:
    """The same mix as bench/sync.py, one outcome per voter."""
    service = VoterService(store)
    with store.db.atomic():
        for i, vid in enumerate(voter_ids):
            kind = i % 20
            if kind < 12:
                service.mark_sesuai(vid)
            elif kind < 17:
                old = service.get(vid).record
                changes = {"rt": f"{(int(old.rt or 0) + 1) % 999 + 1:03d}"}
                if kind == 16:
                    changes["alamat"] = f"{old.alamat} GG. MAWAR"
                service.ubah(vid, changes)
            else:
                service.mark_tms(vid, 1, "akta_kematian", f"474.3/{i}/2029", None)


def _applications(store: FieldStore, desa: str, count: int, scan_bytes: int) -> int:
    """``count`` PPS applications with every document scanned; returns the scans' bytes."""
    service = ApplicationService(store)
    rnd = random.Random(2029)
    total = 0
    for n in range(count):
        born = dt.date(1985, 1, 1) + dt.timedelta(days=97 * n)
        applicant = Applicant(
            nik=encode_nik(AREA, born, "P" if n % 2 else "L", n + 1),
            nama=f"PELAMAR SINTETIS {n:03d}",
            tempat_lahir="Bangkinang",
            tanggal_lahir=born,
            jenis_kelamin="P" if n % 2 else "L",
            alamat_ktp=f"Dusun Sintetis RT {n % 9 + 1:03d} RW 001",
            domisili_kode=desa,
            pendidikan="sma",
            pekerjaan="Guru honorer",
            telepon=f"0812000{n:05d}",
            email="",
            statements={s: True for s in Statement},
            kesehatan=HealthValues(120, 80, 100, 180),
            documents={str(d) for d in SCAN_DOCUMENTS},
        )
        app_id = service.save_draft(applicant, AdhocBody.PPS, desa)
        for document in SCAN_DOCUMENTS:
            scan = b"%PDF-1.4\n" + rnd.randbytes(scan_bytes - 9)
            service.attach_document(app_id, str(document), AttachmentInput(scan, "application/pdf"))
            total += len(scan)
        service.submit(app_id)
    return total


@dataclasses.dataclass
class Figures:
    changes: int
    applications: int
    scans: int
    scan_bytes: int
    push_bytes_per_change: float
    bundle_bytes_per_change: float
    week_bundle_bytes: int
    export_seconds: float
    import_seconds: float
    import_counts: dict[str, int]


def run(args: argparse.Namespace) -> Figures:
    with tempfile.TemporaryDirectory(prefix="lapang-bundle-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        key_file = tmp / "bundle-key.pem"
        public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
        print(f"Loading {args.outcomes:,} voters into the server ...", file=sys.stderr)
        server = start_server(
            tmp / "server",
            voters=area_voters(args.outcomes, seed=2029),
            bundle_key_files=(key_file,),
        )
        store = _new_store(tmp / "vault")
        try:
            engine = register(store, server.url, server.code(), kpu_key=None)
            download_area(engine)
            engine.client.close()
            desa = server.voter_row(server.voter_id(0))["tps_id"].rsplit(".", 1)[0]
            print("Recording the week's work ...", file=sys.stderr)
            # Change ids spaced as an officer's saves are (bench/sync.py): ids made in a tight
            # loop compress to almost nothing and would flatter the bytes per change.
            real_clock = outbox.use_change_id_clock(officer_paced_clock())
            try:
                _coklit(store, [server.voter_id(i) for i in range(args.outcomes)])
            finally:
                outbox.use_change_id_clock(real_clock)
            enrollment = sync_state.require_enrollment(store.db)
            entries = outbox.pending_entries(store.db, limit=10**9)
            push_bytes = sum(
                len(bundle_export.encode_batch(entries[i : i + 300], enrollment)[0])
                for i in range(0, len(entries), 300)
            )
            changes_only = bundle_export.export_bundle(store, tmp / "changes-only", public)
            scan_total = _applications(store, desa, args.applications, args.scan_kb * 1000)

            print("Exporting the week as one bundle ...", file=sys.stderr)
            started = time.perf_counter()
            week = bundle_export.export_bundle(store, tmp / "stick", public)
            export_seconds = time.perf_counter() - started

            print("Importing it at the office ...", file=sys.stderr)
            config = server.config
            attachments = open_evidence(config, server.repo)
            keys = bundles.load_bundle_keys([key_file])
            started = time.perf_counter()
            imported = bundles.import_bundle(
                server.repo,
                attachments,
                keys,
                week.path.read_bytes(),
                time.time(),
                config,
            )
            import_seconds = time.perf_counter() - started
            assert imported.changes == week.changes, imported.counts()
            assert imported.files_stored == week.files
        finally:
            store.close()
            server.stop()
    return Figures(
        changes=changes_only.changes,
        applications=args.applications,
        scans=week.files,
        scan_bytes=scan_total,
        push_bytes_per_change=round(push_bytes / changes_only.changes, 1),
        bundle_bytes_per_change=round(changes_only.size / changes_only.changes, 1),
        week_bundle_bytes=week.size,
        export_seconds=round(export_seconds, 2),
        import_seconds=round(import_seconds, 2),
        import_counts=imported.counts(),
    )


def print_table(f: Figures) -> None:
    rows = [
        ("coklit outcomes", f"{f.changes:,}"),
        ("  as push bodies, bytes per change", f"{f.push_bytes_per_change}"),
        ("  sealed in a bundle, bytes per change", f"{f.bundle_bytes_per_change}"),
        ("applications (PPS)", f"{f.applications:,}"),
        ("  scanned documents", f"{f.scans:,} ({f.scan_bytes / 1e6:.1f} MB)"),
        ("week's bundle", f"{f.week_bundle_bytes / 1e6:.1f} MB"),
        ("export (desk)", f"{f.export_seconds:.2f} s"),
        ("import-bundle (server, SQLite)", f"{f.import_seconds:.2f} s"),
        ("import answers", ", ".join(f"{n} {k}" for k, n in sorted(f.import_counts.items()))),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the week")
    parser.add_argument("--outcomes", type=int, default=3000)
    parser.add_argument("--applications", type=int, default=40)
    parser.add_argument("--scan-kb", type=int, default=200, help="size of each scanned document")
    args = parser.parse_args(argv)
    if args.quick:
        args.outcomes, args.applications = args.outcomes // 10, max(1, args.applications // 10)
    figures = run(args)
    print_table(figures)
    print(json.dumps(dataclasses.asdict(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Bytes a day's recruitment applications cost a laptop, with and without their echo
(docs/performance.md "No echo of applications").

    python bench/application_echo.py                      # 10, 30 and 100 applications
    python bench/application_echo.py --applications 40

For each count, twice — as a laptop of issue 14 does it (protocol document version 2: no
echo of voters, applications echoed) and as this release does (version 3) — a real encrypted
store is enrolled with its own real server (SQLite, loopback), takes the applications to the
PPS of its desa (synthetic applicants; the scanned documents travel apart and cost the same
either way), and then sends them as one push and pulls what follows, through the desk's own
``SyncClient``. Figures: the push body, the push answer and the pull's bodies in bytes
(compressed, as on the wire; HTTP headers and TLS not counted: the same requests either way).
The run fails if the version 2 pull did not bring every application back or the version 3
pull brought any.

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import pathlib
import sys
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# isort: split
import repo_root  # noqa: F401  (tests/support is imported below)

# isort: split

from desktop_app.store import outbox, sync_state
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.sync.enrollment import download_area, register
from desktop_app.sync.push import encode_batch
from lapang_core import protocol as p
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import (
    DOCUMENTS,
    AdhocBody,
    Applicant,
    Document,
    HealthValues,
    Statement,
)
from tests.support.sync_env import AREA, ELECTION, area_voters, start_server


def _new_store(folder: pathlib.Path) -> FieldStore:
    recovery = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public = recovery.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    store = Vault(folder).create("Bench Officer", "bench-passphrase-1", public, kdf=TEST_KDF)
    store.set_election_date(ELECTION)
    return store


def _take_applications(store: FieldStore, desa: str, count: int) -> None:
    """``count`` PPS applications, every document ticked (as bench/bundle.py takes them)."""
    service = ApplicationService(store)
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
            documents={str(d) for d in DOCUMENTS if d is not Document.SURAT_KETERANGAN_PARTAI},
        )
        service.submit(service.save_draft(applicant, AdhocBody.PPS, desa))


@dataclasses.dataclass
class Round:
    version: int
    applications: int
    push_body: int
    push_answer: int
    pull: int
    pulled_outcomes: int

    @property
    def down(self) -> int:
        return self.push_answer + self.pull


def one_round(folder: pathlib.Path, count: int, version: int) -> Round:
    server = start_server(folder / "server", voters=area_voters(60, seed=2029))
    store = _new_store(folder / "vault")
    try:
        engine = register(store, server.url, server.code(), kpu_key=None)
        download_area(engine)
        desa = server.voter_row(server.voter_id(0))["tps_id"].rsplit(".", 1)[0]
        _take_applications(store, desa, count)
        enrollment = sync_state.require_enrollment(store.db)
        entries = outbox.pending_entries(store.db, limit=10**6)
        assert len(entries) == count
        client = engine.client
        body, invalid = encode_batch(entries, enrollment, version)
        assert not invalid
        before = client.bytes_down
        result = client.push(body)
        answer = client.bytes_down - before
        assert result.version == version and all(r.acknowledged for r in result.results)
        before = client.bytes_down
        cursor, more, outcomes = enrollment.pull_cursor, True, 0
        while more:
            page = client.pull(cursor, p.PULL_PAGE_DEFAULT, version=version)
            cursor, more = page.cursor, page.more
            outcomes += len(page.applications)
        pulled = client.bytes_down - before
        client.close()
    finally:
        store.close()
        server.stop()
    expected = 0 if version >= p.DOC_VERSION_APPLICATION_NO_ECHO else count
    assert outcomes == expected, (version, outcomes)
    return Round(version, count, len(body), answer, pulled, outcomes)


def run(counts: list[int]) -> list[tuple[Round, Round]]:
    out = []
    with tempfile.TemporaryDirectory(prefix="lapang-app-echo-bench-") as tmp_name:
        tmp = pathlib.Path(tmp_name)
        for count in counts:
            print(f"{count} applications ...", file=sys.stderr)
            old = one_round(tmp / f"v2-{count}", count, p.DOC_VERSION_NO_ECHO)
            new = one_round(tmp / f"v3-{count}", count, p.DOC_VERSION_APPLICATION_NO_ECHO)
            out.append((old, new))
    return out


def print_table(pairs: list[tuple[Round, Round]]) -> None:
    print(
        "applications | push body v2 / v3 | answer v2 / v3 | pull v2 / v3 | "
        "down v2 / v3 | saved per application"
    )
    for old, new in pairs:
        saved = (old.down - new.down) / old.applications
        print(
            f"{old.applications:>12} | {old.push_body:,} / {new.push_body:,} | "
            f"{old.push_answer:,} / {new.push_answer:,} | {old.pull:,} / {new.pull:,} | "
            f"{old.down:,} / {new.down:,} | {saved:.1f} B"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", default="10,30,100", help="counts, comma-separated")
    args = parser.parse_args(argv)
    pairs = run([int(n) for n in args.applications.split(",")])
    print_table(pairs)
    print(json.dumps([[dataclasses.asdict(r) for r in pair] for pair in pairs]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

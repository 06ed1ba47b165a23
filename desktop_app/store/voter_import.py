"""Loading voter lists and regions in bulk: a Sidalih export, or the demo's synthetic list.

One transaction per import: a failure leaves the store as it was. Rows get stable ids, so running
the same import again adds nothing twice. Imported rows are KPU's own list, so they are not queued
for KPU; one audit entry records the import."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator

import sqlite_utils

from desktop_app.store.audit import append_audit
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.leaf_room import ROOM_FILLER_SQL, last_voter_pk, release_room
from desktop_app.store.migrations import VOTERS_FTS_INSERT_TRIGGER
from desktop_app.store.voter_rows import ROW_FIELDS, imported_voter_id, record_values
from lapang_core.domain.voter import VoterRecord

BATCH = 5000


@dataclasses.dataclass
class ImportReport:
    read: int = 0
    inserted: int = 0
    already_present: int = 0
    tps_added: int = 0


def region_level(kode: str) -> int:
    return kode.count(".") + 1


def load_regions(store: FieldStore, rows: Iterable[tuple[str, str]]) -> int:
    """Insert or update region rows (dotted code, name)."""
    data = [
        (kode, nama, region_level(kode), kode.rsplit(".", 1)[0] if "." in kode else None)
        for kode, nama in rows
    ]
    with store.db.atomic():
        store.db.conn.executemany(
            "INSERT INTO regions(kode, nama, level, parent) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kode) DO UPDATE SET nama = excluded.nama",
            data,
        )
        append_audit(
            store.db,
            at=utc_now(),
            officer=store.officer,
            action="regions.load",
            entity="region",
            detail={"rows": len(data)},
        )
    return len(data)


def _batches(records: Iterable[VoterRecord], size: int) -> Iterator[list[VoterRecord]]:
    batch: list[VoterRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_voters(
    store: FieldStore, records: Iterable[VoterRecord], *, source: str, source_digest: str = ""
) -> ImportReport:
    """Insert the records that are not in the store yet, all in one transaction."""
    db = store.db
    report = ImportReport()
    columns = ", ".join(ROW_FIELDS)
    insert_sql = (
        f"INSERT INTO voters(id, {columns}, original_values) "
        f"VALUES (?, {', '.join('?' * len(ROW_FIELDS))}, {ROOM_FILLER_SQL}) "
        "ON CONFLICT(id) DO NOTHING"
    )
    tps_before = _count(db, "tps")
    voters_before = _count(db, "voters")
    with db.atomic():
        # Index the new names in one statement after the rows are in, instead of one trigger
        # call per row; the trigger is back before the transaction commits.
        max_pk = last_voter_pk(db)
        db.execute("DROP TRIGGER voters_fts_ai")
        seen_tps: set[str] = set()
        for batch in _batches(records, BATCH):
            report.read += len(batch)
            rows = [(imported_voter_id(r), *record_values(r)) for r in batch]
            db.conn.executemany(insert_sql, rows)
            new_tps = {r.tps_id for r in batch} - seen_tps
            if new_tps:
                db.conn.executemany(
                    "INSERT OR IGNORE INTO tps(id, kode_desa, nomor) VALUES (?, ?, ?)",
                    [(t, t.rsplit(".", 1)[0], int(t.rsplit(".", 1)[1])) for t in new_tps],
                )
                seen_tps |= new_tps
        release_room(db, max_pk)
        db.execute(
            "INSERT INTO voters_fts(rowid, nama) SELECT pk, nama FROM voters WHERE pk > ?", [max_pk]
        )
        db.execute(VOTERS_FTS_INSERT_TRIGGER)
        report.tps_added = _count(db, "tps") - tps_before
        report.inserted = _count(db, "voters") - voters_before
        report.already_present = report.read - report.inserted
        append_audit(
            db,
            at=utc_now(),
            officer=store.officer,
            action="voters.import",
            entity="voter",
            detail={"source": source, "digest": source_digest, "rows": report.read},
        )
    return report


def _count(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

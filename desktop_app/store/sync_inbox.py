"""What a pull brings into the store: regions, TPS, voter rows from KPU, conflicts and KPU
announcements. Plain values in, so the store does not depend on the wire format.

The rule for a pulled voter row:

* The server's row replaces the local one — every element, ``keterangan``, ``dpid`` and
  ``version`` — **unless the voter has a change of this laptop still waiting to be sent**
  (an outbox entry in state ``pending``). The officer's unsent work is never overwritten, and
  the next change keeps the ``base_version`` the officer actually saw, so the server still
  detects the conflict if KPU changed the voter meanwhile.
* A held-back row is kept in ``sync_deferred_voters`` and applied as soon as the voter has no
  pending change (``release_deferred_voters``): if the pending change is then accepted, a newer
  row follows in a later pull anyway; if it is refused, the local row returns to what KPU holds
  and the officer's values stay visible in the quarantined change.
* A row never goes back in version (a page fetched twice is harmless).
* Local-only columns (``original_values``, ``checked_at``, ``checked_by``) are kept.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from desktop_app.store.leaf_room import ROOM_FILLER_SQL, last_voter_pk, release_room
from lapang_core.domain.voter import RECORD_FIELDS, STATUS_CONDITIONS

# Server voter columns stored as they come (the wire names equal the local column names): the
# record's fields and the row's id and version, ``id`` first (the upsert's conflict target).
PULLED_VOTER_COLUMNS: tuple[str, ...] = (
    "id",
    "version",
    *(name for name in RECORD_FIELDS if name not in STATUS_CONDITIONS),
)
# The eligibility conditions a baru sets (store migration 11, server migration 0012). KPU sets
# them once, when it applies the baru, and no change edits them afterwards; so a row that carries
# none (every voter of KPU's list, or a page from a server before 0012) leaves the local ones
# alone, and only the rare rows with one are written, after the upsert, at the version it applied.
PULLED_STATUS_COLUMNS: tuple[str, ...] = STATUS_CONDITIONS
_STATUS_SQL = (
    "UPDATE voters SET status_tni_polri = ?, sk_pemberhentian = ?, hak_pilih_dicabut = ? "
    "WHERE id = ? AND version = ?"
)
# ``nama`` is left out of the upsert's SET and written by a separate UPDATE that touches only rows
# whose name changed: the FTS trigger fires on every UPDATE that names the column, and re-indexing
# thousands of unchanged names would cost more than the whole page.
_UPDATE_COLUMNS = tuple(c for c in PULLED_VOTER_COLUMNS[1:] if c != "nama")
_UPSERT_SQL = (
    f"INSERT INTO voters({', '.join(PULLED_VOTER_COLUMNS)}, original_values) "
    f"VALUES ({', '.join('?' * len(PULLED_VOTER_COLUMNS))}, {ROOM_FILLER_SQL}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _UPDATE_COLUMNS)
    + " WHERE excluded.version >= voters.version"
)
_RENAME_SQL = "UPDATE voters SET nama = ? WHERE id = ? AND nama <> ? AND version = ?"


@dataclasses.dataclass
class VoterUpsertCounts:
    applied: int = 0
    deferred: int = 0
    # Of the applied rows, those new to the officer: a voter the laptop did not have, or one
    # whose values differ from what it held. A change of the officer's own comes back from KPU
    # with only a new version: that echo is not news.
    changed: int = 0


# Every pulled column but the version: an echo differs from the local row only there.
_COMPARED_COLUMNS = tuple(c for c in PULLED_VOTER_COLUMNS if c not in ("id", "version"))
_ID_BATCH = 500  # well under SQLite's bound-parameter limit


def _count_changed(db: sqlite_utils.Database, rows: Sequence[dict[str, Any]]) -> int:
    """Rows that will change what the officer sees: new voters, or other values than held."""
    held: dict[str, tuple[Any, ...]] = {}
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), _ID_BATCH):
        batch = ids[start : start + _ID_BATCH]
        held.update(
            (found[0], tuple(found[1:]))
            for found in db.execute(
                f"SELECT id, version, {', '.join(_COMPARED_COLUMNS)} FROM voters "
                f"WHERE id IN ({', '.join('?' * len(batch))})",
                batch,
            )
        )
    return sum(1 for row in rows if _is_news(row, held.get(row["id"])))


def _is_news(row: dict[str, Any], local: tuple[Any, ...] | None) -> bool:
    if local is None:
        return True
    version, values = local[0], local[1:]
    return row["version"] >= version and tuple(row[c] for c in _COMPARED_COLUMNS) != values


def _region_row(kode: str, nama: str) -> tuple[str, str, int, str | None]:
    return kode, nama, kode.count(".") + 1, kode.rsplit(".", 1)[0] if "." in kode else None


def upsert_regions(db: sqlite_utils.Database, rows: Iterable[tuple[str, str]]) -> int:
    data = [_region_row(kode, nama) for kode, nama in rows]
    db.conn.executemany(
        "INSERT INTO regions(kode, nama, level, parent) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kode) DO UPDATE SET nama = excluded.nama",
        data,
    )
    return len(data)


def ensure_tps(db: sqlite_utils.Database, tps_ids: Iterable[str]) -> None:
    rows = []
    for tps_id in set(tps_ids):
        kode_desa, _, nomor = tps_id.rpartition(".")
        if kode_desa and nomor.isdigit():
            rows.append((tps_id, kode_desa, int(nomor)))
    db.conn.executemany("INSERT OR IGNORE INTO tps(id, kode_desa, nomor) VALUES (?, ?, ?)", rows)


def _voters_with_pending_changes(db: sqlite_utils.Database) -> set[str]:
    return {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT entity_id FROM outbox WHERE state = 'pending' AND entity = 'voter'"
        )
    }


def _status_values(rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    values = []
    for row in rows:
        status = [row.get(c) for c in PULLED_STATUS_COLUMNS]
        if any(status):
            values.append(
                (status[0] or "", status[1] or "", int(bool(status[2])), row["id"], row["version"])
            )
    return values


def _deferred_row(row: dict[str, Any]) -> dict[str, Any]:
    kept = {c: row[c] for c in PULLED_VOTER_COLUMNS}
    kept.update({c: row[c] for c in PULLED_STATUS_COLUMNS if row.get(c)})
    return kept


def upsert_pulled_voters(
    db: sqlite_utils.Database, rows: Sequence[dict[str, Any]]
) -> VoterUpsertCounts:
    """Store pulled voter rows by the rule in the module docstring. Call inside the page's
    transaction."""
    counts = VoterUpsertCounts()
    if not rows:
        return counts
    blocked = _voters_with_pending_changes(db)
    apply, defer = [], []
    for row in rows:
        (defer if row["id"] in blocked else apply).append(row)
    if apply:
        counts.changed = _count_changed(db, apply)
        last_pk = last_voter_pk(db)
        db.conn.executemany(_UPSERT_SQL, [[row[c] for c in PULLED_VOTER_COLUMNS] for row in apply])
        release_room(db, last_pk)  # new rows only: an updated row keeps its original_values
        db.conn.executemany(
            _RENAME_SQL, [(r["nama"], r["id"], r["nama"], r["version"]) for r in apply]
        )
        db.conn.executemany(_STATUS_SQL, _status_values(apply))
        db.conn.executemany(
            "DELETE FROM sync_deferred_voters WHERE id = ? AND version <= ?",
            [(row["id"], row["version"]) for row in apply],
        )
        ensure_tps(db, (row["tps_id"] for row in apply))
    if defer:
        db.conn.executemany(
            "INSERT INTO sync_deferred_voters(id, version, row) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET version = excluded.version, row = excluded.row "
            "WHERE excluded.version >= sync_deferred_voters.version",
            [(row["id"], row["version"], json.dumps(_deferred_row(row))) for row in defer],
        )
    counts.applied, counts.deferred = len(apply), len(defer)
    return counts


def store_new_versions(db: sqlite_utils.Database, versions: Iterable[tuple[str, int]]) -> None:
    """The versions a push answer says this laptop's own changes left on the server (protocol
    v2): the row holds exactly what the server holds at that version, so the next change is
    based on it and the pull does not bring the row back. A row held back from an earlier
    pull at that version or below is superseded. Call inside the transaction that marks the
    changes sent."""
    data = [(version, voter_id, version) for voter_id, version in versions]
    db.conn.executemany("UPDATE voters SET version = ? WHERE id = ? AND version < ?", data)
    db.conn.executemany(
        "DELETE FROM sync_deferred_voters WHERE id = ? AND version <= ?",
        [(voter_id, version) for version, voter_id, _ in data],
    )


def release_deferred_voters(db: sqlite_utils.Database) -> VoterUpsertCounts:
    """Apply held-back rows whose voter no longer has a pending change."""
    deferred = db.execute("SELECT id, row FROM sync_deferred_voters").fetchall()
    if not deferred:
        return VoterUpsertCounts()
    blocked = _voters_with_pending_changes(db)
    ready = [json.loads(row) for voter_id, row in deferred if voter_id not in blocked]
    if not ready:
        return VoterUpsertCounts()
    with db.atomic():
        counts = upsert_pulled_voters(db, ready)
        db.conn.executemany(
            "DELETE FROM sync_deferred_voters WHERE id = ?", [(r["id"],) for r in ready]
        )
    return counts


def store_conflicts(db: sqlite_utils.Database, conflicts: Iterable[dict[str, Any]], at: str) -> int:
    data = [
        (
            c["id"],
            c["voter_id"],
            c["change_id"],
            c["device_id"],
            c["other_author"],
            c["base_version"],
            c["server_version"],
            json.dumps(c["server_value"], ensure_ascii=False),
            json.dumps(c["change_value"], ensure_ascii=False),
            c["rule"],
            c["created_at"],
            at,
        )
        for c in conflicts
    ]
    before = db.conn.total_changes
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_conflicts(id, voter_id, change_id, device_id, other_author, "
        "base_version, server_version, server_value, change_value, rule, created_at, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        data,
    )
    return db.conn.total_changes - before


def store_announcements(
    db: sqlite_utils.Database, announcements: Iterable[dict[str, Any]], at: str
) -> int:
    """Insert announcements the caller has verified against the KPU key."""
    data = [
        (a["id"], a["area"], a["title"], a["body"], a["published_at"], a["signature"], at)
        for a in announcements
    ]
    before = db.conn.total_changes
    db.conn.executemany(
        "INSERT OR IGNORE INTO announcements(id, area, title, body, published_at, signature, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        data,
    )
    return db.conn.total_changes - before


# -- reads for the desk --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StoredConflict:
    id: str
    voter_id: str
    change_id: str
    other_author: str  # a device id, or "kpu"
    base_version: int
    server_version: int
    server_value: dict[str, Any]
    change_value: dict[str, Any]
    rule: str
    created_at: str
    seen_at: str | None


def conflicts(db: sqlite_utils.Database, *, unseen_only: bool = False) -> list[StoredConflict]:
    where = "WHERE seen_at IS NULL" if unseen_only else ""
    rows = db.execute(
        "SELECT id, voter_id, change_id, other_author, base_version, server_version, "
        f"server_value, change_value, rule, created_at, seen_at FROM sync_conflicts {where} "
        "ORDER BY created_at, id"
    ).fetchall()
    return [StoredConflict(*r[:6], json.loads(r[6]), json.loads(r[7]), *r[8:]) for r in rows]


def mark_conflict_seen(db: sqlite_utils.Database, conflict_id: str, at: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE sync_conflicts SET seen_at = coalesce(seen_at, ?) WHERE id = ?",
            [at, conflict_id],
        )


@dataclasses.dataclass(frozen=True)
class StoredAnnouncement:
    id: str
    area: str
    title: str
    body: str
    published_at: str
    read_at: str | None


def announcements(db: sqlite_utils.Database) -> list[StoredAnnouncement]:
    rows = db.execute(
        "SELECT id, area, title, body, published_at, read_at FROM announcements "
        "ORDER BY published_at DESC, id"
    ).fetchall()
    return [StoredAnnouncement(*r) for r in rows]


def mark_announcement_read(db: sqlite_utils.Database, announcement_id: str, at: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE announcements SET read_at = coalesce(read_at, ?) WHERE id = ?",
            [at, announcement_id],
        )

"""The outbox: every change an officer saves, queued for KPU in the same transaction as the row it
changes. Entries are never deleted; they move pending → sent (only on a server acknowledgement)
or pending → refused (a permanent refusal, kept with its reason for the officer to fix)."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterable
from typing import Any

import sqlite_utils

ENTITY_VOTER = "voter"
ENTITY_APPLICATION = "application"


@dataclasses.dataclass(frozen=True)
class OutboxEntry:
    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    base_version: int | None
    created_at: str
    officer: str
    state: str = "pending"

    def to_wire(self) -> dict[str, Any]:
        """The change as docs/sync-protocol.md defines it."""
        return {
            "change_id": self.change_id,
            "seq": self.seq,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "op": self.op,
            "payload": self.payload,
            "base_version": self.base_version,
            "created_at": self.created_at,
            "officer": self.officer,
        }


def enqueue(
    db: sqlite_utils.Database,
    *,
    entity: str,
    entity_id: str,
    op: str,
    payload: dict[str, Any],
    base_version: int | None,
    officer: str,
    at: str,
    change_id: str | None = None,
) -> OutboxEntry:
    """Queue one change; call inside the write's transaction."""
    change_id = change_id or uuid.uuid4().hex
    cursor = db.execute(
        "INSERT INTO outbox(change_id, entity, entity_id, op, payload, base_version, created_at, "
        "officer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            change_id,
            entity,
            entity_id,
            op,
            json.dumps(payload, separators=(",", ":"), ensure_ascii=False),
            base_version,
            at,
            officer,
        ],
    )
    return OutboxEntry(
        cursor.lastrowid, change_id, entity, entity_id, op, payload, base_version, at, officer
    )


_COLUMNS = (
    "seq, change_id, entity, entity_id, op, payload, base_version, created_at, officer, state"
)


def _entry(row: tuple) -> OutboxEntry:
    return OutboxEntry(
        row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7], row[8], row[9]
    )


def pending_entries(
    db: sqlite_utils.Database, *, limit: int, after_seq: int = 0
) -> list[OutboxEntry]:
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
        [after_seq, limit],
    ).fetchall()
    return [_entry(r) for r in rows]


def entries(db: sqlite_utils.Database, *, state: str | None = None) -> list[OutboxEntry]:
    where, params = ("WHERE state = ?", [state]) if state else ("", [])
    rows = db.execute(f"SELECT {_COLUMNS} FROM outbox {where} ORDER BY seq", params).fetchall()
    return [_entry(r) for r in rows]


def mark_sent(db: sqlite_utils.Database, change_ids: Iterable[str], *, at: str) -> int:
    """Record the server's acknowledgement. Only call with ids the server acknowledged."""
    ids = list(change_ids)
    with db.atomic():
        db.conn.executemany(
            "UPDATE outbox SET state = 'sent', acked_at = ? "
            "WHERE change_id = ? AND state = 'pending'",
            [(at, cid) for cid in ids],
        )
    return len(ids)


def mark_refused(
    db: sqlite_utils.Database, change_id: str, *, code: str, reason: str, at: str
) -> None:
    with db.atomic():
        db.execute(
            "UPDATE outbox SET state = 'refused', acked_at = ?, refusal_code = ?, "
            "refusal_reason = ? "
            "WHERE change_id = ? AND state = 'pending'",
            [at, code, reason, change_id],
        )


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    result = {"pending": 0, "sent": 0, "refused": 0}
    for state, n in db.execute("SELECT state, count(*) FROM outbox GROUP BY state"):
        result[state] = n
    return result

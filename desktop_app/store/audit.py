"""The hash-chained audit log: who did what, when. Each entry's hash covers its content and the
previous entry's hash, so editing, reordering or deleting an entry in the middle breaks the chain
and ``verify_audit_chain`` names the first bad entry. Entries are written in the same transaction as
the change they describe."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

import sqlite_utils

GENESIS_HASH = "0" * 64


def _entry_hash(prev_hash: str, fields: list[Any]) -> str:
    material = json.dumps([prev_hash, *fields], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append_audit(
    db: sqlite_utils.Database,
    *,
    at: str,
    officer: str,
    action: str,
    entity: str,
    entity_id: str | None = None,
    change_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one entry; call inside the write's transaction."""
    last = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    detail_json = json.dumps(
        detail or {}, separators=(",", ":"), ensure_ascii=False, sort_keys=True
    )
    fields = [entry_id, at, officer, action, entity, entity_id, change_id, detail_json]
    db.execute(
        "INSERT INTO audit(id, at, officer, action, entity, entity_id, change_id, detail, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*fields, prev_hash, _entry_hash(prev_hash, fields)],
    )
    return entry_id


@dataclasses.dataclass(frozen=True)
class AuditReport:
    entries: int
    first_bad_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_audit_chain(db: sqlite_utils.Database) -> AuditReport:
    prev_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    cursor = db.execute(
        "SELECT id, at, officer, action, entity, entity_id, change_id, detail, prev_hash, hash "
        "FROM audit ORDER BY id"
    )
    for row in cursor:
        count += 1
        entry_id = row[0]
        if entry_id != expected_id:
            return AuditReport(count, entry_id, f"entry {expected_id} is missing")
        if row[8] != prev_hash:
            return AuditReport(count, entry_id, "does not follow the previous entry")
        if _entry_hash(prev_hash, list(row[:8])) != row[9]:
            return AuditReport(count, entry_id, "content does not match its hash")
        prev_hash = row[9]
        expected_id += 1
    return AuditReport(count, None, None)

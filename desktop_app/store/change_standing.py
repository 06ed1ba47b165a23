"""Where each change stands on its way to KPU (issue 15 §8): **waiting** (queued, in no bundle),
**sealed** in a bundle for a USB stick but not yet confirmed, **confirmed** by KPU (acknowledged
online or by a signed return bundle), or **refused** by KPU (in quarantine).

A bundle's export records which changes it sealed (``record_sealed_bundle``); the outbox itself
is not touched, so a save costs what it did. Sealing never marks anything sent: only KPU's
acknowledgement does (``outbox.mark_sent``), and a change sealed in a bundle that was lost
stays "sealed" until it is confirmed, online or by a later bundle.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable

import sqlite_utils


class Standing(enum.Enum):
    WAITING = "waiting"
    SEALED = "sealed"
    CONFIRMED = "confirmed"
    REFUSED = "refused"


@dataclasses.dataclass(frozen=True)
class StandingCounts:
    waiting: int
    sealed: int
    confirmed: int
    refused: int


@dataclasses.dataclass(frozen=True)
class ChangeStanding:
    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    created_at: str
    standing: Standing
    bundle_file: str | None  # the latest bundle it was sealed in
    sealed_at: str | None
    confirmed_at: str | None  # when KPU's acknowledgement (or refusal) was applied here


def record_sealed_bundle(
    db: sqlite_utils.Database,
    *,
    bundle_id: str,
    file_name: str,
    device_id: str,
    seqs: Iterable[int],
    at: str,
) -> int:
    """Record that the bundle ``bundle_id`` (written as ``file_name``) sealed the outbox entries
    ``seqs``; returns how many of them are still unconfirmed (those now show as sealed). Call it
    once the bundle file is safely in place; a change sealed again later shows its latest
    bundle. Entries already confirmed or refused keep their standing."""
    numbers = list(seqs)
    with db.atomic():
        db.execute(
            "INSERT INTO sealed_bundles(id, file_name, device_id, sealed_at, changes) "
            "VALUES (?, ?, ?, ?, ?)",
            [bundle_id, file_name, device_id, at, len(numbers)],
        )
        before = db.conn.total_changes
        db.conn.executemany(
            "INSERT INTO outbox_sealed(seq, bundle_id) SELECT seq, ? FROM outbox "
            "WHERE seq = ? AND state = 'pending' "
            "ON CONFLICT(seq) DO UPDATE SET bundle_id = excluded.bundle_id",
            [(bundle_id, seq) for seq in numbers],
        )
        return db.conn.total_changes - before


def standing_counts(db: sqlite_utils.Database) -> StandingCounts:
    pending = db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    sealed = db.execute(
        "SELECT count(*) FROM outbox_sealed s JOIN outbox o ON o.seq = s.seq "
        "WHERE o.state = 'pending'"
    ).fetchone()[0]
    refused = db.execute("SELECT count(*) FROM outbox WHERE state = 'refused'").fetchone()[0]
    total = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    return StandingCounts(pending - sealed, sealed, total - pending - refused, refused)


_STANDING = {
    "sent": Standing.CONFIRMED,
    "refused": Standing.REFUSED,
}


def recent_changes(db: sqlite_utils.Database, limit: int = 500) -> list[ChangeStanding]:
    """The latest ``limit`` changes, newest first, with where each stands."""
    rows = db.execute(
        "SELECT o.seq, o.change_id, o.entity, o.entity_id, o.op, o.created_at, o.state, "
        "b.file_name, b.sealed_at, o.acked_at FROM outbox o "
        "LEFT JOIN outbox_sealed s ON s.seq = o.seq "
        "LEFT JOIN sealed_bundles b ON b.id = s.bundle_id "
        "ORDER BY o.seq DESC LIMIT ?",
        [limit],
    ).fetchall()
    result = []
    for seq, change_id, entity, entity_id, op, created, state, file_name, sealed_at, acked in rows:
        standing = _STANDING.get(state) or (Standing.SEALED if file_name else Standing.WAITING)
        result.append(
            ChangeStanding(
                seq,
                change_id,
                entity,
                entity_id,
                op,
                created,
                standing,
                file_name,
                sealed_at,
                acked,
            )
        )
    return result

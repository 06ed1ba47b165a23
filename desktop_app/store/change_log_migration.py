"""Migration 9: the outbox is the one change log, and it and the audit log are append-only.

A save wrote each change several times over: the outbox row, the outbox's change-id index, a
voter_updates record holding the same facts, and the AUTOINCREMENT counters in sqlite_sequence.
Every page a save writes costs an encryption and an HMAC (docs/performance.md, Store), so:

* ``voter_updates`` becomes a view of the outbox's voter changes (the payload holds everything
  the table held, as docs/sync-protocol.md defines it);
* the outbox loses its change-id index (sync finds rows by seq; change ids are unique by
  construction, ``outbox.ChangeIdClock``, and ``lapang verify`` checks it);
* outbox and audit lose AUTOINCREMENT. It guarded one thing: that an outbox seq whose row was
  deleted is never handed out again (the server refuses a reused seq for ever). Triggers now
  refuse to delete an outbox row, or to change or delete an audit entry, at all; a store that
  had already lost its last outbox rows keeps its high-water mark as ``outbox_seq_floor``;
* ``voters.updated_at``, always equal to ``checked_at`` and read by nothing, grew every first
  check's row enough to split its leaf more often.

A later migration that rebuilds these tables must drop the triggers first and make them again.
"""

from __future__ import annotations

import sqlite_utils

from desktop_app.store.outbox import OUTBOX_SEQ_FLOOR
from desktop_app.store.sql_script import run_script

_OUTBOX_COLUMNS = (
    "seq, change_id, entity, entity_id, op, payload, base_version, created_at, officer, state, "
    "acked_at, refusal_code, refusal_reason"
)
_AUDIT_COLUMNS = "id, at, officer, action, entity, entity_id, change_id, detail, prev_hash, hash"

_OUTBOX = """
    CREATE TABLE outbox_rebuilt (
        seq INTEGER PRIMARY KEY,            -- per-device sequence number; rows are never deleted
        change_id TEXT NOT NULL,            -- unique by construction: outbox.ChangeIdClock
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL,
        payload TEXT NOT NULL,
        base_version INTEGER,
        created_at TEXT NOT NULL,
        officer TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sent', 'refused')),
        acked_at TEXT,
        refusal_code TEXT,
        refusal_reason TEXT
    );
"""

_AUDIT = """
    CREATE TABLE audit_rebuilt (
        id INTEGER PRIMARY KEY,             -- assigned by append_audit: the chain's order
        at TEXT NOT NULL,
        officer TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        change_id TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
"""

APPEND_ONLY_TRIGGERS = """
    CREATE TRIGGER outbox_rows_stay BEFORE DELETE ON outbox BEGIN
        SELECT RAISE(ABORT, 'Outbox rows are never deleted: each one is a change KPU must get');
    END;
    CREATE TRIGGER audit_entries_stay BEFORE DELETE ON audit BEGIN
        SELECT RAISE(ABORT, 'The audit log is append-only: entries are never removed');
    END;
    CREATE TRIGGER audit_entries_unchanged BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'The audit log is append-only: entries are never changed');
    END;
"""

# The officer's record of each voter check, read from the change it queued.
VOTER_UPDATES_VIEW = """
    CREATE VIEW voter_updates AS
    SELECT
        o.change_id AS change_id,
        o.entity_id AS voter_id,
        o.op AS outcome,
        json_extract(o.payload, '$.code') AS tms_code,
        CASE WHEN o.op = 'ubah' THEN (
            SELECT json_group_object(
                c.key, json_array(json_extract(o.payload, '$.original.' || c.key), c.value)
            )
            FROM json_each(o.payload, '$.changes') AS c
        ) END AS changes,
        json_extract(o.payload, '$.evidence_type') AS evidence_type,
        json_extract(o.payload, '$.evidence_ref') AS evidence_ref,
        json_extract(o.payload, '$.attachment') AS attachment_sha256,
        o.officer AS officer,
        o.created_at AS created_at,
        o.seq AS seq
    FROM outbox AS o
    WHERE o.entity = 'voter';
"""


def outbox_is_the_change_log(db: sqlite_utils.Database) -> None:
    _keep_unqueued_updates(db)
    (high_water,) = db.execute(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'outbox'"
    ).fetchone()
    run_script(
        db,
        f"""
        {_OUTBOX}
        INSERT INTO outbox_rebuilt({_OUTBOX_COLUMNS})
            SELECT {_OUTBOX_COLUMNS} FROM outbox ORDER BY seq;
        DROP TABLE outbox;
        ALTER TABLE outbox_rebuilt RENAME TO outbox;
        CREATE INDEX outbox_state ON outbox(state, seq);
        {_AUDIT}
        INSERT INTO audit_rebuilt({_AUDIT_COLUMNS})
            SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY id;
        DROP TABLE audit;
        ALTER TABLE audit_rebuilt RENAME TO audit;
        {APPEND_ONLY_TRIGGERS}
        {VOTER_UPDATES_VIEW}
        ALTER TABLE voters DROP COLUMN updated_at;
        """,
    )
    (last,) = db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()
    if high_water > last:
        db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)", [OUTBOX_SEQ_FLOOR, str(high_water)]
        )


def _keep_unqueued_updates(db: sqlite_utils.Database) -> None:
    """Drop the voter_updates table once the outbox holds each of its rows' changes; a row whose
    change is not in the outbox (a damaged store) is kept in ``voter_updates_unqueued``."""
    db.execute(
        "DELETE FROM voter_updates WHERE change_id IN "
        "(SELECT change_id FROM outbox WHERE entity = 'voter')"
    )
    if db.execute("SELECT count(*) FROM voter_updates").fetchone()[0]:
        db.execute("ALTER TABLE voter_updates RENAME TO voter_updates_unqueued")
    else:
        db.execute("DROP TABLE voter_updates")

"""The server schema as named migrations, each applied once in its own transaction.

Portable DDL (TEXT, INTEGER, BIGINT; no autoincrement, no BLOB): the same statements run on
SQLite and PostgreSQL; a migration may add statements for one dialect only. Times are ISO-8601
UTC text, except where the server compares them often (``expires_at``, ``seen_at``: epoch
seconds).

``rev`` columns share one counter (``counters.rev``): every row a device can pull gets the
next value when it is written, and a pull cursor is simply the last rev the device has.
"""

from __future__ import annotations

import dataclasses

from sync_server.db import Database, Sql

_INITIAL = (
    """CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)""",
    """INSERT INTO counters (name, value) VALUES ('rev', 0)""",
    """CREATE TABLE regions (
        kode TEXT PRIMARY KEY,
        nama TEXT NOT NULL,
        level INTEGER NOT NULL,
        rev BIGINT NOT NULL)""",
    "CREATE INDEX regions_rev ON regions (rev)",
    """CREATE TABLE tps (
        id TEXT PRIMARY KEY,
        kode_desa TEXT NOT NULL,
        rev BIGINT NOT NULL)""",
    "CREATE INDEX tps_rev ON tps (rev)",
    """CREATE TABLE voters (
        id TEXT PRIMARY KEY,
        dpid TEXT,
        nkk TEXT NOT NULL,
        nik TEXT NOT NULL,
        nama TEXT NOT NULL,
        tempat_lahir TEXT NOT NULL,
        tanggal_lahir TEXT,
        status_perkawinan TEXT NOT NULL,
        jenis_kelamin TEXT NOT NULL,
        alamat TEXT NOT NULL,
        rt TEXT NOT NULL,
        rw TEXT NOT NULL,
        disabilitas INTEGER NOT NULL,
        status_ktp_el TEXT NOT NULL,
        tps_id TEXT NOT NULL,
        keterangan TEXT NOT NULL,
        sumber TEXT NOT NULL,
        tms TEXT,
        version INTEGER NOT NULL,
        last_author TEXT NOT NULL,
        streak_base INTEGER NOT NULL,
        rev BIGINT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX voters_tps ON voters (tps_id)",
    "CREATE INDEX voters_rev ON voters (rev)",
    "CREATE UNIQUE INDEX voters_dpid ON voters (dpid)",
    """CREATE TABLE enroll_codes (
        code_hash TEXT PRIMARY KEY,
        area TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at TEXT,
        device_id TEXT)""",
    """CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL UNIQUE,
        area TEXT NOT NULL,
        label TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT,
        applied_seq BIGINT NOT NULL,
        last_seen_at TEXT)""",
    """CREATE TABLE nonces (
        device_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        seen_at BIGINT NOT NULL,
        PRIMARY KEY (device_id, nonce))""",
    "CREATE INDEX nonces_seen ON nonces (seen_at)",
    # One row per (device, seq) slot. state: held (waiting for earlier seqs), applied,
    # conflict (applied by the rule, see conflicts), refused (quarantined), duplicate (the
    # same change_id arrived before under another slot), skipped (KPU released a gap).
    """CREATE TABLE changes (
        device_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        change_id TEXT,
        entity TEXT,
        entity_id TEXT,
        op TEXT,
        payload TEXT,
        base_version INTEGER,
        created_at TEXT,
        officer TEXT,
        batch_id TEXT,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        message TEXT,
        conflict_id TEXT,
        applied_at TEXT,
        notice_rev BIGINT,
        PRIMARY KEY (device_id, seq))""",
    "CREATE INDEX changes_change_id ON changes (change_id)",
    "CREATE INDEX changes_notice ON changes (device_id, notice_rev)",
    "CREATE INDEX changes_received ON changes (received_at)",
    # Changes that could not take their seq slot (the slot holds another change_id).
    """CREATE TABLE rejects (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        change_id TEXT NOT NULL,
        change TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
    """CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        voter_id TEXT NOT NULL,
        change_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        other_author TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        server_version INTEGER NOT NULL,
        server_value TEXT NOT NULL,
        change_value TEXT NOT NULL,
        rule TEXT NOT NULL,
        created_at TEXT NOT NULL,
        rev BIGINT NOT NULL)""",
    "CREATE INDEX conflicts_rev ON conflicts (rev)",
    """CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE announcements (
        id TEXT PRIMARY KEY,
        area TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published_at TEXT NOT NULL,
        signature TEXT NOT NULL,
        rev BIGINT NOT NULL)""",
    "CREATE INDEX announcements_rev ON announcements (rev)",
    """CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        received BIGINT NOT NULL,
        complete INTEGER NOT NULL,
        device_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        completed_at TEXT)""",
)

# What 0001 lacked for several writers at once (PostgreSQL) and for deferred revs:
_CONCURRENCY = (
    # Exactly once, enforced by the database: at most one slot per change_id that is applied
    # or waiting to be. A re-enrolled laptop resending a change through its new device while
    # the old device's copy is still in flight (PostgreSQL, two transactions at once): the
    # loser hits this key, its batch is run again (Repository.write) and finds the change.
    # Duplicate and refused slots may repeat an id: they apply nothing.
    """CREATE UNIQUE INDEX changes_applied_once ON changes (change_id)
        WHERE state IN ('held', 'applied', 'conflict')""",
    # Deferred revs are found by "notice_rev < 0" just before COMMIT (repository.Tx.finish).
    "CREATE INDEX changes_notice_rev ON changes (notice_rev) WHERE notice_rev IS NOT NULL",
)
# Area scoping compares codes as byte strings ("14.01." <= kode < "14.01/"). Databases are
# often created with a language collation (en_US.UTF-8) that ignores punctuation, which would
# put "14.011..." inside area 14.01: the code columns compare bytewise whatever the database
# default is. (SQLite compares bytewise already.)
_CODE_COLUMNS = (
    ("regions", "kode"),
    ("tps", "id"),
    ("tps", "kode_desa"),
    ("voters", "tps_id"),
    ("announcements", "area"),
    ("devices", "area"),
    ("enroll_codes", "area"),
)
_PG_BYTEWISE_CODES = tuple(
    f'ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT COLLATE "C"'
    for table, column in _CODE_COLUMNS
)


@dataclasses.dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]
    # Extra statements for one dialect, run after the portable ones.
    only: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def for_dialect(self, dialect: str) -> tuple[str, ...]:
        return self.statements + self.only.get(dialect, ())


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_concurrent_writers", _CONCURRENCY, {"postgresql": _PG_BYTEWISE_CODES}),
)


def _applied(sql: Sql) -> set[str]:
    sql.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    return {row["name"] for row in sql.all("SELECT name FROM schema_migrations")}


def _lock(db: Database, sql: Sql) -> None:
    # Two server processes may start at once; on SQLite the write transaction is the lock.
    if db.dialect.migration_lock:
        sql.run(db.dialect.migration_lock)


def migrate(db: Database, now_iso: str) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    with db.transaction(write=True) as sql:
        _lock(db, sql)
        done = _applied(sql)
    applied = []
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        with db.transaction(write=True) as sql:
            _lock(db, sql)
            # Re-check inside the lock: another process may have applied it meanwhile.
            if sql.one("SELECT 1 FROM schema_migrations WHERE name = ?", (migration.name,)):
                continue
            for statement in migration.for_dialect(db.dialect.name):
                sql.run(statement)
            sql.run(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, now_iso),
            )
        applied.append(migration.name)
    return applied

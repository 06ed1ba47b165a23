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


# Recruitment outcomes (issues 3 and 5): an application's form fields KPU filters and ranks on,
# its latest decision, the other applications with the same NIK, and a rev so devices pull it.
# ``application_decisions`` keeps every decision (who decided what, when, from where): the
# application row holds only the latest. ``version`` orders one application's decisions (two
# in the same second are common in an import).
_APPLICATION_OUTCOMES = (
    "ALTER TABLE applications ADD COLUMN application_no TEXT",
    "ALTER TABLE applications ADD COLUMN body TEXT",
    "ALTER TABLE applications ADD COLUMN area_code TEXT",
    "ALTER TABLE applications ADD COLUMN nik TEXT",
    "ALTER TABLE applications ADD COLUMN received_at TEXT",
    "ALTER TABLE applications ADD COLUMN stage TEXT NOT NULL DEFAULT 'registration'",
    "ALTER TABLE applications ADD COLUMN result TEXT",
    # DOUBLE PRECISION, not REAL: PostgreSQL's REAL is 4 bytes (72.3 would come back 72.30000305).
    "ALTER TABLE applications ADD COLUMN score DOUBLE PRECISION",
    "ALTER TABLE applications ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE applications ADD COLUMN duplicates TEXT NOT NULL DEFAULT '[]'",  # JSON list
    "ALTER TABLE applications ADD COLUMN rev BIGINT NOT NULL DEFAULT 0",
    "CREATE INDEX applications_rev ON applications (rev)",
    "CREATE INDEX applications_nik ON applications (nik)",
    "CREATE INDEX applications_area ON applications (area_code, body)",
    "CREATE INDEX applications_no ON applications (application_no)",
    """CREATE TABLE application_decisions (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        result TEXT,
        score DOUBLE PRECISION,
        note TEXT NOT NULL,
        version INTEGER NOT NULL,
        decided_at TEXT NOT NULL,
        source TEXT NOT NULL)""",
    "CREATE INDEX application_decisions_of ON application_decisions (application_id, stage)",
)


def _backfill_applications(field: str, form_nik: str, duplicates: str) -> tuple[str, ...]:
    """Rows stored before 0003 get their columns from the payload (``field`` and ``form_nik``
    extract JSON in the dialect), their first receipt time from the changes table, their
    duplicates (``duplicates``: a JSON list of the others' numbers), and a rev each, so devices
    pull them on their next pull."""
    others = "o.nik = applications.nik AND o.id <> applications.id AND o.application_no IS NOT NULL"
    return (
        f"UPDATE applications SET application_no = {field.format('application_no')}, "
        f"body = {field.format('body')}, area_code = {field.format('area_code')}, "
        f"nik = NULLIF(TRIM({form_nik}), '')",
        # One scan of changes for all rows (not one per application).
        "UPDATE applications SET received_at = f.first_at FROM (SELECT entity_id, "
        "MIN(received_at) AS first_at FROM changes WHERE entity = 'application' "
        "GROUP BY entity_id) AS f WHERE f.entity_id = applications.id",
        "UPDATE applications SET received_at = updated_at WHERE received_at IS NULL",
        f"UPDATE applications SET duplicates = ({duplicates.format(others=others)}) "
        f"WHERE nik IS NOT NULL AND EXISTS (SELECT 1 FROM applications o WHERE {others})",
        # Distinct revs, oldest application first: a pull page may end between any two.
        "UPDATE applications SET rev = n.r + (SELECT value FROM counters WHERE name = 'rev') "
        "FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY received_at, id) AS r FROM applications) "
        "AS n WHERE n.id = applications.id",
        "UPDATE counters SET value = value + (SELECT COUNT(*) FROM applications) "
        "WHERE name = 'rev'",
    )


_SQLITE_BACKFILL = _backfill_applications(
    "json_extract(payload, '$.{}')",
    "json_extract(payload, '$.form.nik')",
    "SELECT json_group_array(application_no) FROM (SELECT o.application_no FROM applications o "
    "WHERE {others} ORDER BY o.application_no)",
)
_PG_BACKFILL = (
    'ALTER TABLE applications ALTER COLUMN area_code TYPE TEXT COLLATE "C"',
    *_backfill_applications(
        "(payload::json ->> '{}')",
        "(payload::json -> 'form' ->> 'nik')",
        'SELECT array_to_json(array_agg(o.application_no ORDER BY o.application_no COLLATE "C"))'
        "::text FROM applications o WHERE {others}",
    ),
)


# Owners of applications (issue 11): the device that first submitted an application owns it,
# and that is ``applications.device_id``, set by the change that created the row and never
# rewritten since 0001. What was missing is the number: KPU's key for an application
# (set-stage, import-stages), yet any device could file a second application under it. Each
# number is bound here, for good, to the application and device that filed it first; the
# primary key keeps two devices from claiming one number at once. Backfill: every number on
# file goes to its first application (earliest receipt, then id) and that application's
# device; a later application under the same number (filed before this migration) keeps its
# row, reachable by its id.
_APPLICATION_OWNERS = (
    """CREATE TABLE application_numbers (
        application_no TEXT PRIMARY KEY,
        application_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        filed_at TEXT NOT NULL)""",
    "INSERT INTO application_numbers (application_no, application_id, device_id, filed_at) "
    "SELECT application_no, id, device_id, filed_at FROM (SELECT application_no, id, "
    "device_id, COALESCE(received_at, updated_at) AS filed_at, ROW_NUMBER() OVER "
    "(PARTITION BY application_no ORDER BY COALESCE(received_at, updated_at), id) AS n "
    "FROM applications WHERE application_no IS NOT NULL) AS f WHERE n = 1",
)


# Evidence uploads (issue 11): a file may be uploaded only by a device whose change names it
# (``attachment_refs``), and each device uploads into its own partial copy
# (``attachment_uploads``), so nobody's announcement can get in another device's way.
# ``attachments`` keeps only finished, verified files, which every device shares.
_ATTACHMENT_UPLOADS = (
    # change_id: the first change of this device that named the file (for KPU's review).
    """CREATE TABLE attachment_refs (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        change_id TEXT NOT NULL,
        PRIMARY KEY (sha256, device_id))""",
    """CREATE TABLE attachment_uploads (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        size BIGINT NOT NULL,
        received BIGINT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (sha256, device_id))""",
    # Half-uploaded files were shared by every device, so their announced size and bytes may
    # be anyone's (a neighbour's size 1 blocked the owner for good): they are dropped and each
    # device starts its own copy from byte 0 (a laptop resumes where GET status says).
    "DELETE FROM attachments WHERE complete = 0",
)
# The changes stored before 0005 name the files their devices may upload: a TMS change's
# ``attachment``, an application's ``attachments`` (document -> SHA-256). Refused and skipped
# changes name nothing (the push answer never asked for their files).
_REFERENCING_STATES = "('held', 'applied', 'conflict', 'duplicate')"


def _backfill_refs(tms_sha: str, application_shas: str) -> str:
    """``tms_sha``: the TMS payload's attachment as text where it is one (else NULL);
    ``application_shas``: a FROM item of (device_id, change_id, sha) for application
    documents."""
    return (
        "INSERT INTO attachment_refs (sha256, device_id, change_id) "
        "SELECT sha, device_id, MIN(change_id) FROM ("
        f"SELECT {tms_sha} AS sha, device_id, change_id FROM changes "
        f"WHERE entity = 'voter' AND op = 'tms' AND state IN {_REFERENCING_STATES} "
        f"UNION ALL SELECT sha, device_id, change_id FROM {application_shas}"
        ") AS r WHERE sha IS NOT NULL GROUP BY sha, device_id"
    )


_SQLITE_REFS = (
    _backfill_refs(
        "CASE WHEN json_type(payload, '$.attachment') = 'text' "
        "THEN json_extract(payload, '$.attachment') END",
        "(SELECT c.device_id, c.change_id, j.value AS sha FROM changes c, "
        "json_each(c.payload, '$.attachments') j WHERE c.entity = 'application' "
        f"AND c.state IN {_REFERENCING_STATES} "
        "AND json_type(c.payload, '$.attachments') = 'object' AND j.type = 'text') AS a",
    ),
)
_PG_REFS = (
    _backfill_refs(
        "CASE WHEN json_typeof(payload::json -> 'attachment') = 'string' "
        "THEN payload::json ->> 'attachment' END",
        # json_each_text fails on anything but an object: non-objects become an empty one.
        "(SELECT c.device_id, c.change_id, j.value AS sha FROM changes c CROSS JOIN LATERAL "
        "json_each_text(CASE WHEN json_typeof(c.payload::json -> 'attachments') = 'object' "
        "THEN c.payload::json -> 'attachments' ELSE '{}'::json END) AS j "
        f"WHERE c.entity = 'application' AND c.state IN {_REFERENCING_STATES}) AS a",
    ),
)


# Proof of origin (issue 15): each batch of changes kept in the signed bytes it arrived in, once
# per batch, and each change's position in its batch (its batch_id, the nonce, is there since
# 0001). Bytes need the one column type the portable subset lacks: BLOB in SQLite, BYTEA in
# PostgreSQL. Changes received before this migration have no batch kept (batch_pos NULL):
# `prove` says their bytes are missing rather than pretend.
def _signed_batches(bytes_type: str) -> tuple[str, ...]:
    return (
        f"""CREATE TABLE signed_batches (
            device_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            signed_at BIGINT NOT NULL,
            signature {bytes_type} NOT NULL,
            body {bytes_type} NOT NULL,
            via TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (device_id, batch_id))""",
    )


_PROOF_OF_ORIGIN = ("ALTER TABLE changes ADD COLUMN batch_pos INTEGER",)
# Evidence in the database (issue 17), PostgreSQL only: SQLite servers keep the folder. One row
# per chunk a device sent (sync_server.attachments_db); device_id '' marks a finished file's
# chunks. STORAGE EXTERNAL: photos and scans do not compress, so PostgreSQL need not try.
_PG_EVIDENCE_CHUNKS = (
    """CREATE TABLE evidence_chunks (
        sha256 TEXT NOT NULL,
        device_id TEXT NOT NULL,
        pos BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (sha256, device_id, pos))""",
    "ALTER TABLE evidence_chunks ALTER COLUMN data SET STORAGE EXTERNAL",
)


# Restores from backup (issue 17, sync_server.restore_epoch): which database this is, to
# recognise a restored copy, and how many restores moved the revs on. The identity is filled in
# by the first start after this migration.
_RESTORE_EPOCH = (
    "CREATE TABLE server_identity (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO counters (name, value) VALUES ('restore_epoch', 0)",
)


_DEVICE_ENCRYPTION_KEY = (
    "ALTER TABLE devices ADD COLUMN encryption_key TEXT",
    "ALTER TABLE devices ADD COLUMN encryption_key_at TEXT",
    # One key, one device: a bundle sealed to a device's key opens on that laptop only.
    "CREATE UNIQUE INDEX devices_encryption_key ON devices (encryption_key)",
    # Return bundles: the last pull cursor the device told us it holds (where the next return
    # bundle's news starts; 0 = from the beginning), and how many return bundles were made
    # for it (each gets the next number, so the laptop can tell an older one).
    "ALTER TABLE devices ADD COLUMN return_cursor BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE devices ADD COLUMN return_seq BIGINT NOT NULL DEFAULT 0",
)


_VOTER_ELIGIBILITY = (
    "ALTER TABLE voters ADD COLUMN status_tni_polri TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE voters ADD COLUMN sk_pemberhentian TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE voters ADD COLUMN hak_pilih_dicabut INTEGER NOT NULL DEFAULT 0",
)


def _eligibility_backfill(text_of: str, is_true: str) -> tuple[str, ...]:
    """From the applied baru that created each voter; only values of the right type (the
    server refused any other), so nothing a payload holds can break the upgrade."""
    source = (
        "FROM changes c WHERE c.entity = 'voter' AND c.op = 'baru' AND c.state = 'applied' "
        "AND c.entity_id = voters.id"
    )
    return (
        f"UPDATE voters SET "
        f"status_tni_polri = COALESCE((SELECT {text_of.format('status_tni_polri')} {source}), ''), "
        f"sk_pemberhentian = COALESCE((SELECT {text_of.format('sk_pemberhentian')} {source}), ''), "
        f"hak_pilih_dicabut = CASE WHEN EXISTS (SELECT 1 {source} AND {is_true}) THEN 1 ELSE 0 END "
        "WHERE id IN (SELECT entity_id FROM changes "
        "WHERE entity = 'voter' AND op = 'baru' AND state = 'applied')",
    )


_SQLITE_ELIGIBILITY_BACKFILL = _eligibility_backfill(
    "CASE WHEN json_type(c.payload, '$.{0}') = 'text' THEN json_extract(c.payload, '$.{0}') END",
    "json_type(c.payload, '$.hak_pilih_dicabut') = 'true'",
)
_PG_ELIGIBILITY_BACKFILL = _eligibility_backfill(
    "CASE WHEN json_typeof(c.payload::json -> '{0}') = 'string' THEN c.payload::json ->> '{0}' END",
    "json_typeof(c.payload::json -> 'hak_pilih_dicabut') = 'boolean' "
    "AND (c.payload::json ->> 'hak_pilih_dicabut') = 'true'",
)


# Chunked relay (Titipan, docs/sync-protocol.md §12.4): one carrier's upload of one bundle and
# its chunks, kept until the last chunk arrives and the bundle is applied (then deleted), or
# until the upload is abandoned (``touched_at``, epoch seconds: expiry compares it). Chunks live
# in the database on both backends: they are transient, and a chunk commits with the progress
# that counts it, so the two never disagree. New tables: nothing to backfill.
def _relay_chunks(bytes_type: str) -> tuple[str, ...]:
    return (
        """CREATE TABLE relay_uploads (
            bundle_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            size BIGINT NOT NULL,
            received BIGINT NOT NULL,
            started_at TEXT NOT NULL,
            touched_at BIGINT NOT NULL,
            PRIMARY KEY (bundle_id, device_id))""",
        "CREATE INDEX relay_uploads_device ON relay_uploads (device_id)",
        "CREATE INDEX relay_uploads_touched ON relay_uploads (touched_at)",
        f"""CREATE TABLE relay_chunks (
            bundle_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            pos BIGINT NOT NULL,
            data {bytes_type} NOT NULL,
            PRIMARY KEY (bundle_id, device_id, pos))""",
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]
    # Extra statements for one dialect, run after the portable ones.
    only: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def for_dialect(self, dialect: str) -> tuple[str, ...]:
        return self.statements + self.only.get(dialect, ())


# Sealed bundles received (docs/sync-protocol.md section 12): one row per bundle id, written in
# the transaction that applies the bundle, so a bundle is applied once whichever way it came
# (a stick at the office, or relayed by another laptop: relay_device).
_BUNDLES = (
    """CREATE TABLE bundles (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        created BIGINT,
        via TEXT NOT NULL,
        relay_device TEXT,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX bundles_device ON bundles (device_id)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_concurrent_writers", _CONCURRENCY, {"postgresql": _PG_BYTEWISE_CODES}),
    Migration(
        "0003_application_outcomes",
        _APPLICATION_OUTCOMES,
        {"sqlite": _SQLITE_BACKFILL, "postgresql": _PG_BACKFILL},
    ),
    Migration("0004_application_owners", _APPLICATION_OWNERS),
    Migration(
        "0005_attachment_uploads",
        _ATTACHMENT_UPLOADS,
        {"sqlite": _SQLITE_REFS, "postgresql": _PG_REFS},
    ),
    # A TMS-2 names the other record by NIK (domain note §3); the check looks it up on every
    # TMS-2 received, which without an index scans every voter KPU holds.
    Migration("0006_voters_nik_index", ("CREATE INDEX voters_nik ON voters (nik)",)),
    # No echo (issue 14): the device known to hold a voter row as the server does, at which
    # version (sync_server.rows). Existing rows start with no such device: every device
    # receives them as before, and a marker is set only by a v2 push from now on.
    Migration(
        "0007_no_echo",
        (
            "ALTER TABLE voters ADD COLUMN echo_device TEXT",
            "ALTER TABLE voters ADD COLUMN echo_version INTEGER",
        ),
    ),
    Migration("0008_bundles", _BUNDLES),
    # Each laptop's X25519 key, to which return bundles are sealed (docs/sync-protocol.md §12).
    # Devices enrolled before it have none (NULL) until they register it on their next sync.
    Migration("0009_device_encryption_key", _DEVICE_ENCRYPTION_KEY),
    Migration(
        "0010_proof_of_origin",
        _PROOF_OF_ORIGIN,
        {"sqlite": _signed_batches("BLOB"), "postgresql": _signed_batches("BYTEA")},
    ),
    Migration("0011_evidence_chunks", (), {"postgresql": _PG_EVIDENCE_CHUNKS}),
    Migration("0012_restore_epoch", _RESTORE_EPOCH),
    # The eligibility conditions a baru carries (domain note §4; issue 16): stored on the voter
    # and sent in pulls. Rows a baru created before this get them back from its payload.
    Migration(
        "0013_voter_eligibility",
        _VOTER_ELIGIBILITY,
        {"sqlite": _SQLITE_ELIGIBILITY_BACKFILL, "postgresql": _PG_ELIGIBILITY_BACKFILL},
    ),
    # No echo of applications (docs/sync-protocol.md §6): the device known to hold an
    # application's outcome as the server does, at which version (sync_server.applications).
    # No device was ever told an application's version before, so existing rows start with
    # none (NULL): every device receives them as before, and only a v3 push sets a marker.
    Migration(
        "0014_application_no_echo",
        (
            "ALTER TABLE applications ADD COLUMN echo_device TEXT",
            "ALTER TABLE applications ADD COLUMN echo_version INTEGER",
        ),
    ),
    Migration(
        "0015_relay_chunks",
        (),
        {
            "sqlite": _relay_chunks("BLOB"),
            # Sealed bundles do not compress: PostgreSQL need not try (as evidence_chunks).
            "postgresql": (
                *_relay_chunks("BYTEA"),
                "ALTER TABLE relay_chunks ALTER COLUMN data SET STORAGE EXTERNAL",
            ),
        },
    ),
)


def _applied(sql: Sql) -> set[str]:
    sql.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    return {row["name"] for row in sql.all("SELECT name FROM schema_migrations")}


def _lock(db: Database, sql: Sql) -> None:
    # Two server processes may start at once; on SQLite the write transaction is the lock.
    if db.dialect.migration_lock:
        sql.run(db.dialect.migration_lock)


def migrate(db: Database, now_iso: str, *, through: str | None = None) -> list[str]:
    """Apply the migrations this database lacks; return their names. ``through``: stop after
    that migration (tests build a database as an older release left it)."""
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
        if migration.name == through:
            break
    return applied


def pending(db: Database) -> list[str]:
    """The migrations this release knows that ``db`` lacks (none on a current database); a
    read only, for readiness checks."""
    with db.transaction(write=False) as sql:
        done = {row["name"] for row in sql.all("SELECT name FROM schema_migrations")}
    return [m.name for m in MIGRATIONS if m.name not in done]

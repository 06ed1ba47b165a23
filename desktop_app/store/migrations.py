"""Versioned schema migrations. ``PRAGMA user_version`` holds the version a store is at; each
migration runs in its own transaction, and the encrypted file is copied aside before an upgrade.

Never edit a released migration: add a new one. tests/store/test_migrations.py builds a store at
every earlier version and upgrades it.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import shutil
import tempfile
from collections.abc import Callable

import sqlite_utils

from desktop_app.file_sharing import remove_file, replace_file
from desktop_app.store.change_log_migration import outbox_is_the_change_log
from desktop_app.store.errors import MigrationError
from desktop_app.store.sql_script import run_script


@dataclasses.dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite_utils.Database], None]


def _core(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE regions (
            kode TEXT PRIMARY KEY,           -- dotted Kemendagri code
            nama TEXT NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
            parent TEXT
        );
        CREATE INDEX regions_parent ON regions(parent);
        CREATE TABLE tps (
            id TEXT PRIMARY KEY,             -- desa code + '.' + 3-digit number
            kode_desa TEXT NOT NULL,
            nomor INTEGER NOT NULL
        );
        CREATE INDEX tps_desa ON tps(kode_desa);
        CREATE TABLE voters (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,         -- global id (server's, or a client uuid for baru)
            dpid TEXT,
            nkk TEXT NOT NULL,
            nik TEXT NOT NULL,
            nama TEXT NOT NULL,
            tempat_lahir TEXT NOT NULL DEFAULT '',
            tanggal_lahir TEXT,
            status_perkawinan TEXT NOT NULL DEFAULT '',
            jenis_kelamin TEXT NOT NULL,
            alamat TEXT NOT NULL DEFAULT '',
            rt TEXT NOT NULL DEFAULT '',
            rw TEXT NOT NULL DEFAULT '',
            disabilitas INTEGER NOT NULL DEFAULT 0,
            status_ktp_el TEXT NOT NULL DEFAULT 'S',
            keterangan TEXT NOT NULL DEFAULT '',
            sumber TEXT NOT NULL DEFAULT '',
            tps_id TEXT NOT NULL,
            original_values TEXT,            -- JSON {element: value before the first ubah}
            version INTEGER NOT NULL DEFAULT 0,  -- the server version this row is based on
            checked_at TEXT,
            checked_by TEXT,
            updated_at TEXT
        );
        CREATE INDEX voters_nik ON voters(nik);
        CREATE INDEX voters_nkk ON voters(nkk);
        CREATE INDEX voters_tps ON voters(tps_id, nama);
        CREATE INDEX voters_dpid ON voters(dpid) WHERE dpid IS NOT NULL;
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the per-device sequence number
            change_id TEXT NOT NULL UNIQUE,
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
        CREATE INDEX outbox_state ON outbox(state, seq);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        """,
    )


# Bulk imports drop this trigger and index the new names in one statement (10x faster); both
# places use this text so the trigger they restore is the one the migration made.
VOTERS_FTS_INSERT_TRIGGER = """CREATE TRIGGER voters_fts_ai AFTER INSERT ON voters BEGIN
            INSERT INTO voters_fts(rowid, nama) VALUES (new.pk, new.nama);
        END"""


def _voter_search(db: sqlite_utils.Database) -> None:
    # External-content FTS5 over names: the text lives once, in voters. remove_diacritics so
    # "Sitï" and "Siti" meet; prefix indexes keep search-as-you-type fast at 1M rows.
    run_script(
        db,
        """
        CREATE VIRTUAL TABLE voters_fts USING fts5(
            nama, content='voters', content_rowid='pk',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        );
        INSERT INTO voters_fts(voters_fts) VALUES ('rebuild');
        """
        + VOTERS_FTS_INSERT_TRIGGER
        + """;
        CREATE TRIGGER voters_fts_ad AFTER DELETE ON voters BEGIN
            INSERT INTO voters_fts(voters_fts, rowid, nama) VALUES ('delete', old.pk, old.nama);
        END;
        CREATE TRIGGER voters_fts_au AFTER UPDATE OF nama ON voters BEGIN
            INSERT INTO voters_fts(voters_fts, rowid, nama) VALUES ('delete', old.pk, old.nama);
            INSERT INTO voters_fts(rowid, nama) VALUES (new.pk, new.nama);
        END;
        """,
    )


def _updates_and_attachments(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE voter_updates (
            change_id TEXT PRIMARY KEY,
            voter_id TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('sesuai','ubah','baru','tms','restore')),
            tms_code INTEGER CHECK (tms_code BETWEEN 1 AND 8),
            changes TEXT,                     -- JSON {element: [old, new]}
            evidence_type TEXT,
            evidence_ref TEXT,
            attachment_sha256 TEXT,
            officer TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX voter_updates_voter ON voter_updates(voter_id, created_at);
        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            filename TEXT NOT NULL DEFAULT '',
            content BLOB NOT NULL,            -- inside the encrypted file like everything else
            created_at TEXT NOT NULL,
            uploaded_bytes INTEGER NOT NULL DEFAULT 0
        );
        """,
    )


def _applications(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE applications (
            id TEXT PRIMARY KEY,
            body TEXT NOT NULL CHECK (body IN ('PPK','PPS','KPPS','PANTARLIH')),
            area_code TEXT NOT NULL,
            nik TEXT NOT NULL DEFAULT '',
            nama TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted')),
            data TEXT NOT NULL DEFAULT '{}',  -- JSON of the whole form
            application_no TEXT,
            stage TEXT,
            stage_result TEXT,
            version INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT
        );
        CREATE INDEX applications_nik ON applications(nik);
        CREATE INDEX applications_area ON applications(area_code, body, state);
        CREATE TABLE application_documents (
            application_id TEXT NOT NULL REFERENCES applications(id),
            document TEXT NOT NULL,
            attachment_sha256 TEXT REFERENCES attachments(sha256),
            PRIMARY KEY (application_id, document)
        );
        """,
    )


def _sync_state(db: sqlite_utils.Database) -> None:
    # The device's enrolment lives here, private key included, so it is encrypted with everything
    # else and a stolen laptop yields no key that could push changes in the officer's name.
    # docs/sync-protocol.md and desktop_app/store/sync_state.py explain each column.
    run_script(
        db,
        """
        CREATE TABLE sync_enrollments (
            device_id TEXT PRIMARY KEY,
            server_url TEXT NOT NULL,
            area TEXT NOT NULL,
            area_name TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL DEFAULT '',
            private_key BLOB,                 -- raw Ed25519 private key; NULL once superseded
            public_key TEXT NOT NULL,
            limits TEXT NOT NULL DEFAULT '{}',
            seq_base INTEGER NOT NULL,        -- wire seq = outbox.seq - seq_base
            pull_cursor INTEGER NOT NULL DEFAULT 0,
            clock_offset INTEGER NOT NULL DEFAULT 0,  -- server time - local time, seconds
            enrolled_at TEXT NOT NULL,
            first_pull_done_at TEXT,
            superseded_at TEXT                -- set when the laptop enrolled again
        );
        CREATE UNIQUE INDEX sync_enrollments_one_active
            ON sync_enrollments(superseded_at IS NULL) WHERE superseded_at IS NULL;
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT,
            trigger TEXT NOT NULL DEFAULT 'manual',
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,                     -- NULL: still running, or the app was killed
            error_code TEXT,
            error_message TEXT,
            sent INTEGER NOT NULL DEFAULT 0,
            confirmed INTEGER NOT NULL DEFAULT 0,
            refused INTEGER NOT NULL DEFAULT 0,
            pulled INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            announcements INTEGER NOT NULL DEFAULT 0,
            attachments INTEGER NOT NULL DEFAULT 0,
            bytes_up INTEGER NOT NULL DEFAULT 0,
            bytes_down INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY,
            voter_id TEXT NOT NULL,
            change_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            other_author TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            server_version INTEGER NOT NULL,
            server_value TEXT NOT NULL,       -- JSON
            change_value TEXT NOT NULL,       -- JSON
            rule TEXT NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            seen_at TEXT
        );
        CREATE INDEX sync_conflicts_voter ON sync_conflicts(voter_id);
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            area TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            published_at TEXT NOT NULL,
            signature TEXT NOT NULL,          -- verified against the KPU key before insert
            received_at TEXT NOT NULL,
            read_at TEXT
        );
        CREATE TABLE sync_uploads (
            sha256 TEXT PRIMARY KEY,          -- evidence the server asked for, not yet complete
            listed_at TEXT NOT NULL
        );
        CREATE TABLE sync_deferred_voters (
            id TEXT PRIMARY KEY,              -- a pulled row held back by a local pending change
            version INTEGER NOT NULL,
            row TEXT NOT NULL                 -- JSON, server columns
        );
        """,
    )


def _application_outcomes(db: sqlite_utils.Database) -> None:
    # Where each application of the area stands at KPU, as pulled (ApplicationOutcome on the
    # wire). Rows for applications another laptop of the same office took are kept too: the
    # shortlist of an area ranks them all. No personal data here; a local application's
    # applicant is joined from ``applications``.
    run_script(
        db,
        """
        CREATE TABLE application_outcomes (
            id TEXT PRIMARY KEY,              -- the application's id (entity_id on the wire)
            application_no TEXT NOT NULL,
            body TEXT NOT NULL,
            area_code TEXT NOT NULL,
            stage TEXT NOT NULL,
            result TEXT,                      -- NULL while the stage is under way
            score REAL,
            note TEXT NOT NULL DEFAULT '',
            duplicates TEXT NOT NULL DEFAULT '[]',  -- JSON: numbers with the same NIK at KPU
            version INTEGER NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX application_outcomes_unit ON application_outcomes(body, area_code);
        ALTER TABLE sync_runs ADD COLUMN outcomes INTEGER NOT NULL DEFAULT 0;
        """,
    )


def _drop_unread_update_index(db: sqlite_utils.Database) -> None:
    # No query reads voter_updates by voter; every save paid for the index (a page written and,
    # its voter ids being random, frequent b-tree splits that make the commit scan the page
    # cache). docs/performance.md, Store. Add an index on voter_id when a query needs one.
    run_script(db, "DROP INDEX IF EXISTS voter_updates_voter;")


def _updates_keyed_by_change(db: sqlite_utils.Database) -> None:
    # voter_updates becomes one b-tree keyed by change id instead of a rowid table plus the
    # index of its primary key, which every save wrote twice over (0.8 page fewer per save;
    # docs/performance.md, Store). Only with time-ordered change ids (outbox.ChangeIdClock): keyed
    # by random ids the table would split at random leaves. Rows keep their ids; no query reads
    # the rowid of voter_updates.
    columns = (
        "change_id, voter_id, outcome, tms_code, changes, evidence_type, evidence_ref, "
        "attachment_sha256, officer, created_at"
    )
    run_script(
        db,
        f"""
        CREATE TABLE voter_updates_by_change (
            change_id TEXT NOT NULL PRIMARY KEY,
            voter_id TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('sesuai','ubah','baru','tms','restore')),
            tms_code INTEGER CHECK (tms_code BETWEEN 1 AND 8),
            changes TEXT,                     -- JSON {{element: [old, new]}}
            evidence_type TEXT,
            evidence_ref TEXT,
            attachment_sha256 TEXT,
            officer TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO voter_updates_by_change({columns})
            SELECT {columns} FROM voter_updates ORDER BY change_id;
        DROP TABLE voter_updates;
        ALTER TABLE voter_updates_by_change RENAME TO voter_updates;
        """,
    )


def _run_news_and_evidence(db: sqlite_utils.Database) -> None:
    # A run's history line says what was new to the officer (not the echoes of their own
    # changes), how much evidence went and how many files were still waiting when it ended.
    # Older runs did not tell echoes apart: every row they pulled counts as new.
    run_script(
        db,
        """
        ALTER TABLE sync_runs ADD COLUMN pulled_new INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sync_runs ADD COLUMN upload_bytes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sync_runs ADD COLUMN uploads_left INTEGER NOT NULL DEFAULT 0;
        UPDATE sync_runs SET pulled_new = pulled;
        """,
    )


def _voter_eligibility_status(db: sqlite_utils.Database) -> None:
    # Domain note §4: "not stripped of the vote by a court; not active TNI/Polri" had no field,
    # only TMS-6/7 marks. Existing rows know nothing of either: the defaults say so.
    run_script(
        db,
        """
        ALTER TABLE voters ADD COLUMN status_tni_polri TEXT NOT NULL DEFAULT ''
            CHECK (status_tni_polri IN ('', 'aktif', 'berhenti'));
        ALTER TABLE voters ADD COLUMN sk_pemberhentian TEXT NOT NULL DEFAULT '';
        ALTER TABLE voters ADD COLUMN hak_pilih_dicabut INTEGER NOT NULL DEFAULT 0
            CHECK (hak_pilih_dicabut IN (0, 1));
        """,
    )


def _bundles(db: sqlite_utils.Database) -> None:
    # Sneakernet (issue 15). The laptop's X25519 key, to which KPU seals return bundles: the
    # private half lives here only, encrypted with the store like the signing key; NULL in
    # enrolments made before it (the engine makes one and registers it on the next online
    # sync). Which bundle each change was last sealed in, so the desk can say "sealed, not yet
    # confirmed"; the outbox itself is not touched (every save writes it). Return bundles
    # applied, by their server sequence, so an older one never undoes a newer one.
    run_script(
        db,
        """
        ALTER TABLE sync_enrollments ADD COLUMN encryption_private_key BLOB;
        ALTER TABLE sync_enrollments ADD COLUMN encryption_public_key TEXT;
        ALTER TABLE sync_enrollments ADD COLUMN encryption_key_registered_at TEXT;
        CREATE TABLE sealed_bundles (
            id TEXT PRIMARY KEY,              -- the bundle's id (also in its file name)
            file_name TEXT NOT NULL,
            device_id TEXT NOT NULL,
            sealed_at TEXT NOT NULL,
            changes INTEGER NOT NULL
        );
        CREATE TABLE outbox_sealed (
            seq INTEGER PRIMARY KEY,          -- outbox.seq; the latest bundle it went out in
            bundle_id TEXT NOT NULL REFERENCES sealed_bundles(id)
        );
        CREATE TABLE return_bundles (
            id TEXT PRIMARY KEY,              -- the return bundle's id
            device_id TEXT NOT NULL,
            server_seq INTEGER NOT NULL,      -- the server's order of the bundles it wrote
            cursor INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            made_at TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0,
            refused INTEGER NOT NULL DEFAULT 0
        );
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: settings, regions, tps, voters, outbox, audit", _core),
    Migration(2, "full-text search over voter names", _voter_search),
    Migration(3, "voter updates and attachments", _updates_and_attachments),
    Migration(4, "ad hoc body applications", _applications),
    Migration(5, "sync state: enrolment, cursor, runs, conflicts, announcements", _sync_state),
    Migration(6, "recruitment outcomes pulled from KPU", _application_outcomes),
    Migration(7, "drop voter_updates_voter, read by no query", _drop_unread_update_index),
    Migration(8, "voter_updates as one b-tree keyed by change id", _updates_keyed_by_change),
    Migration(9, "the outbox is the change log; voters lose updated_at", outbox_is_the_change_log),
    Migration(
        10, "sync runs: rows new to the officer, evidence bytes, files left", _run_news_and_evidence
    ),
    Migration(11, "voter eligibility: TNI/Polri, SK, vote revoked", _voter_eligibility_status),
    Migration(14, "bundles: device encryption key, sealed and returned bundles", _bundles),
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    db: sqlite_utils.Database,
    *,
    target: int = LATEST_VERSION,
    backup: Callable[[int], pathlib.Path | None] | None = None,
) -> list[Migration]:
    """Bring the store to ``target``. ``backup(current_version)`` is called once before the first
    migration of an existing (non-empty) store."""
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise MigrationError(
            f"This store was written by a newer Lapang (schema {current}; this app knows up to "
            f"{LATEST_VERSION}). Install the newer version; the store was not touched."
        )
    pending = [m for m in MIGRATIONS if current < m.version <= target]
    if pending and current > 0 and backup is not None:
        backup(current)
    for migration in pending:
        try:
            with db.atomic():
                migration.apply(db)
                db.execute(f"PRAGMA user_version = {migration.version}")
        except Exception as exc:
            raise MigrationError(
                f"Upgrading the store to schema {migration.version} ({migration.name}) failed: "
                f"{exc}. The store was left at schema {schema_version(db)}."
            ) from exc
    return pending


def copy_encrypted_file(
    db: sqlite_utils.Database, source: pathlib.Path, version: int
) -> pathlib.Path:
    """The pre-upgrade backup: the WAL is folded in first, so the copy is a complete, still
    encrypted database. It is copied beside the target and renamed into place, so a full disk
    never leaves half a backup over an earlier complete one."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    target = source.with_name(f"{source.name}.schema{version}.bak")
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=source.parent)
    os.close(fd)
    try:
        shutil.copy2(source, partial)
        try:
            replace_file(partial, target)
        except PermissionError:
            # Windows: an earlier backup of this schema is held open by another program (a
            # backup tool copying it). It is left alone and this one is kept beside it.
            target = _unused_name(target)
            replace_file(partial, target)
    except BaseException:
        remove_file(partial)
        raise
    return target


def _unused_name(target: pathlib.Path) -> pathlib.Path:
    """``lapang.db.schemaN.2.bak``, ``.3.bak``, ...: the first name not taken."""
    stem = target.name.removesuffix(".bak")
    n = 2
    while (candidate := target.with_name(f"{stem}.{n}.bak")).exists():
        n += 1
    return candidate

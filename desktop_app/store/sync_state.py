"""The device's side of sync, kept inside the encrypted store: its enrolment (device id, area, the
Ed25519 private key that signs every request), the pull cursor, the clock offset, the record of
sync runs and the attachments the server still wants.

The private key never exists in a file: it is a column of this encrypted database, so a lost
laptop yields no key that could send changes in the officer's name. When the laptop enrols again
the old key is wiped and the old enrolment row stays as a record.

Wire numbering: the server orders a device's changes by a ``seq`` that starts at 1 for every new
device id, while the outbox numbers entries for the life of the vault. ``seq_base`` links them:
wire seq = outbox seq - seq_base. A new enrolment sets it just below the oldest unsent entry, so
re-enrolment resends every unsent change under the new id (docs/sync-protocol.md section 4).
"""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop_app.store.audit import append_audit
from desktop_app.store.errors import StoreError
from desktop_app.store.outbox import OutboxEntry
from desktop_app.store.outbox import counts as outbox_counts


class NotEnrolled(StoreError):
    """The laptop has no active enrolment with a KPU sync server."""


@dataclasses.dataclass(frozen=True)
class Enrollment:
    """The active enrolment. The private key is read separately (``device_key``) so it never
    travels in an object that might be logged or shown."""

    device_id: str
    server_url: str
    area: str
    area_name: str
    label: str
    public_key: str
    limits: dict[str, int]
    seq_base: int
    pull_cursor: int
    clock_offset: int
    enrolled_at: str
    first_pull_done_at: str | None

    def wire_seq(self, outbox_seq: int) -> int:
        return outbox_seq - self.seq_base

    def outbox_seq(self, wire_seq: int) -> int:
        return wire_seq + self.seq_base


_ENROLLMENT_COLUMNS = (
    "device_id, server_url, area, area_name, label, public_key, limits, seq_base, pull_cursor, "
    "clock_offset, enrolled_at, first_pull_done_at"
)


def active_enrollment(db: sqlite_utils.Database) -> Enrollment | None:
    row = db.execute(
        f"SELECT {_ENROLLMENT_COLUMNS} FROM sync_enrollments WHERE superseded_at IS NULL"
    ).fetchone()
    if row is None:
        return None
    values = list(row)
    values[6] = json.loads(values[6])
    return Enrollment(*values)


def require_enrollment(db: sqlite_utils.Database) -> Enrollment:
    enrollment = active_enrollment(db)
    if enrollment is None:
        raise NotEnrolled(
            "This laptop is not enrolled with a KPU sync server yet: enter the enrolment code "
            "KPU gave you."
        )
    return enrollment


def device_key(db: sqlite_utils.Database, device_id: str) -> Ed25519PrivateKey:
    row = db.execute(
        "SELECT private_key FROM sync_enrollments WHERE device_id = ? AND superseded_at IS NULL",
        [device_id],
    ).fetchone()
    if row is None or row[0] is None:
        raise NotEnrolled("The device key of this enrolment is gone; enrol the laptop again.")
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))


def save_enrollment(
    db: sqlite_utils.Database,
    *,
    device_id: str,
    server_url: str,
    area: str,
    area_name: str,
    label: str,
    private_key: Ed25519PrivateKey,
    public_key: str,
    limits: dict[str, int],
    clock_offset: int,
    officer: str,
    at: str,
    encryption_key: X25519PrivateKey | None = None,
) -> Enrollment:
    """Make this the active enrolment, superseding (and wiping the keys of) any earlier one.
    Nothing in the outbox is touched: unsent entries go out again under the new device id.
    ``encryption_key``: the X25519 key sent in the enrolment (registered for sure only once
    the server confirms it: ``mark_encryption_key_registered``)."""
    raw_key = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    raw_encryption, public_encryption = _encryption_columns(encryption_key)
    with db.atomic():
        oldest_unsent = db.execute("SELECT min(seq) FROM outbox WHERE state = 'pending'").fetchone()
        if oldest_unsent[0] is not None:
            seq_base = oldest_unsent[0] - 1
        else:
            seq_base = db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
        db.execute(
            "UPDATE sync_enrollments SET superseded_at = ?, private_key = NULL, "
            "encryption_private_key = NULL WHERE superseded_at IS NULL",
            [at],
        )
        db.execute(
            "INSERT INTO sync_enrollments(device_id, server_url, area, area_name, label, "
            "private_key, public_key, limits, seq_base, clock_offset, enrolled_at, "
            "encryption_private_key, encryption_public_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                device_id,
                server_url,
                area,
                area_name,
                label,
                raw_key,
                public_key,
                json.dumps(limits, sort_keys=True),
                seq_base,
                clock_offset,
                at,
                raw_encryption,
                public_encryption,
            ],
        )
        append_audit(
            db,
            at=at,
            officer=officer,
            action="sync.enrol",
            entity="device",
            entity_id=device_id,
            detail={"area": area, "seq_base": seq_base},
        )
    return require_enrollment(db)


def _encryption_columns(key: X25519PrivateKey | None) -> tuple[bytes | None, str | None]:
    if key is None:
        return None, None
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return raw, base64.urlsafe_b64encode(public).rstrip(b"=").decode("ascii")


@dataclasses.dataclass(frozen=True)
class EncryptionKeyState:
    """The device's X25519 key (return bundles are sealed to it) and whether KPU's server
    confirmed it. ``repr`` never shows the private key."""

    key: X25519PrivateKey = dataclasses.field(repr=False)
    public_key: str
    registered_at: str | None


def encryption_key(db: sqlite_utils.Database, device_id: str) -> EncryptionKeyState | None:
    """The active enrolment's encryption key, or None (enrolled before it existed)."""
    row = db.execute(
        "SELECT encryption_private_key, encryption_public_key, encryption_key_registered_at "
        "FROM sync_enrollments WHERE device_id = ? AND superseded_at IS NULL",
        [device_id],
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return EncryptionKeyState(X25519PrivateKey.from_private_bytes(bytes(row[0])), row[1], row[2])


def ensure_encryption_key(
    db: sqlite_utils.Database, device_id: str, key: X25519PrivateKey
) -> EncryptionKeyState:
    """The enrolment's encryption key; ``key`` is stored (in this encrypted store only) when an
    enrolment from before return bundles has none yet. Raises ``NotEnrolled``."""
    with db.atomic():
        current = encryption_key(db, device_id)
        if current is not None:
            return current
        raw, public = _encryption_columns(key)
        cursor = db.execute(
            "UPDATE sync_enrollments SET encryption_private_key = ?, encryption_public_key = ?, "
            "encryption_key_registered_at = NULL WHERE device_id = ? AND superseded_at IS NULL",
            [raw, public, device_id],
        )
        if cursor.rowcount != 1:
            raise NotEnrolled("This laptop is not enrolled with a KPU sync server.")
        made = encryption_key(db, device_id)
    assert made is not None
    return made


def mark_encryption_key_registered(db: sqlite_utils.Database, device_id: str, at: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE sync_enrollments SET encryption_key_registered_at = ? WHERE device_id = ?",
            [at, device_id],
        )


def set_pull_cursor(db: sqlite_utils.Database, device_id: str, cursor: int) -> None:
    """Call inside the transaction that stored the page, so cursor and data commit together."""
    db.execute(
        "UPDATE sync_enrollments SET pull_cursor = ? WHERE device_id = ?", [cursor, device_id]
    )


def set_clock_offset(db: sqlite_utils.Database, device_id: str, offset: int) -> None:
    with db.atomic():
        db.execute(
            "UPDATE sync_enrollments SET clock_offset = ? WHERE device_id = ?", [offset, device_id]
        )


def mark_first_pull_done(db: sqlite_utils.Database, device_id: str, at: str) -> None:
    db.execute(
        "UPDATE sync_enrollments SET first_pull_done_at = coalesce(first_pull_done_at, ?) "
        "WHERE device_id = ?",
        [at, device_id],
    )


# -- the outbox as the engine reads it ----------------------------------------------------------

_OUTBOX_COLUMNS = (
    "seq, change_id, entity, entity_id, op, payload, base_version, created_at, officer, state"
)


def _outbox_entry(row: Sequence[Any]) -> OutboxEntry:
    return OutboxEntry(
        row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7], row[8], row[9]
    )


def outbox_entries_by_seq(
    db: sqlite_utils.Database, first: int, last: int, *, limit: int
) -> list[OutboxEntry]:
    """Entries in ``first..last`` in any state: what a server reported missing is resent even
    if this laptop already holds it as sent (a re-enrolled device fills its new numbering)."""
    rows = db.execute(
        f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq LIMIT ?",
        [first, last, limit],
    ).fetchall()
    return [_outbox_entry(r) for r in rows]


def last_answered_seq(db: sqlite_utils.Database, *, after_seq: int) -> int | None:
    """The highest outbox seq above ``after_seq`` the server answered (sent or refused)."""
    row = db.execute(
        "SELECT seq FROM outbox WHERE state <> 'pending' AND seq > ? ORDER BY seq DESC LIMIT 1",
        [after_seq],
    ).fetchone()
    return None if row is None else int(row[0])


def pending_count(db: sqlite_utils.Database, *, after_seq: int = 0) -> int:
    return db.execute(
        "SELECT count(*) FROM outbox WHERE state = 'pending' AND seq > ?", [after_seq]
    ).fetchone()[0]


def quarantine_after_hold(
    db: sqlite_utils.Database, refusals: Iterable[tuple[int, str, str, str]], *, at: str
) -> int:
    """Move changes the server refused *after* first holding them to the officer's quarantine.

    ``outbox.mark_refused`` only touches pending entries; a held change was acknowledged (and
    shows as sent) before the server could apply it, and it may still be refused when its turn
    comes (e.g. the voter was gone). The refusal arrives on pull; without this the officer would
    see "sent" for a change KPU never applied — the count mismatch this app exists to avoid.
    ``refusals`` are (outbox seq, change_id, code, message); the change id must match too, so a
    notice can never quarantine another change."""
    moved = 0
    with db.atomic():
        for seq, change_id, code, message in refusals:
            cursor = db.execute(
                "UPDATE outbox SET state = 'refused', acked_at = ?, refusal_code = ?, "
                "refusal_reason = ? WHERE seq = ? AND change_id = ? "
                "AND state IN ('pending', 'sent')",
                [at, code, message, seq, change_id],
            )
            moved += cursor.rowcount
    return moved


@dataclasses.dataclass(frozen=True)
class QuarantinedChange:
    """A change KPU refused for good, with the reason to show the officer."""

    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    refusal_code: str | None
    refusal_reason: str | None
    refused_at: str | None
    # Half of a TMS-8 move (the mark, or the voter it added at the right TPS): KPU applies
    # and refuses the two together, and the desk words the refusal as the move's.
    move: bool = False


# A TMS-8 names the baru it adds (payload new_voter_id): that pair is one move.
_IS_MOVE = (
    "(o.op = 'tms' AND json_extract(o.payload, '$.code') = 8) OR (o.op = 'baru' AND EXISTS "
    "(SELECT 1 FROM outbox t WHERE t.seq = o.seq - 1 AND t.op = 'tms' "
    "AND json_extract(t.payload, '$.new_voter_id') = o.entity_id))"
)


def quarantine(db: sqlite_utils.Database) -> list[QuarantinedChange]:
    rows = db.execute(
        "SELECT o.seq, o.change_id, o.entity, o.entity_id, o.op, o.refusal_code, "
        f"o.refusal_reason, o.acked_at, {_IS_MOVE} FROM outbox o WHERE o.state = 'refused' "
        "ORDER BY o.seq"
    ).fetchall()
    return [QuarantinedChange(*r[:8], bool(r[8])) for r in rows]


# -- attachments the server asked for --------------------------------------------------------


def queue_uploads(db: sqlite_utils.Database, sha256s: Iterable[str], *, at: str) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_uploads(sha256, listed_at) VALUES (?, ?)",
        [(sha, at) for sha in sha256s],
    )


@dataclasses.dataclass(frozen=True)
class PendingUpload:
    sha256: str
    size: int | None  # None: the file is not on this laptop (cannot be sent)
    uploaded_bytes: int


def pending_uploads(db: sqlite_utils.Database) -> list[PendingUpload]:
    rows = db.execute(
        "SELECT u.sha256, a.size, coalesce(a.uploaded_bytes, 0) FROM sync_uploads u "
        "LEFT JOIN attachments a ON a.sha256 = u.sha256 ORDER BY u.listed_at, u.sha256"
    ).fetchall()
    return [PendingUpload(*r) for r in rows]


def set_upload_progress(db: sqlite_utils.Database, sha256: str, received: int) -> None:
    with db.atomic():
        db.execute("UPDATE attachments SET uploaded_bytes = ? WHERE sha256 = ?", [received, sha256])


def finish_upload(db: sqlite_utils.Database, sha256: str) -> None:
    with db.atomic():
        db.execute("UPDATE attachments SET uploaded_bytes = size WHERE sha256 = ?", [sha256])
        db.execute("DELETE FROM sync_uploads WHERE sha256 = ?", [sha256])


def drop_upload(db: sqlite_utils.Database, sha256: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM sync_uploads WHERE sha256 = ?", [sha256])


# -- sync runs --------------------------------------------------------------------------------

RUN_COUNTERS: tuple[str, ...] = (
    "sent",
    "confirmed",
    "refused",
    "pulled",
    "conflicts",
    "announcements",
    "attachments",
    "bytes_up",
    "bytes_down",
    "outcomes",
    "pulled_new",
    "upload_bytes",
    "uploads_left",
)


def start_run(db: sqlite_utils.Database, *, device_id: str | None, trigger: str, at: str) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO sync_runs(device_id, trigger, started_at) VALUES (?, ?, ?)",
            [device_id, trigger, at],
        )
    return int(cursor.lastrowid)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    *,
    outcome: str,
    counters: dict[str, int],
    error_code: str | None,
    error_message: str | None,
    officer: str,
    at: str,
) -> None:
    assignments = ", ".join(f"{name} = ?" for name in RUN_COUNTERS)
    with db.atomic():
        db.execute(
            f"UPDATE sync_runs SET finished_at = ?, outcome = ?, error_code = ?, "
            f"error_message = ?, {assignments} WHERE id = ?",
            [at, outcome, error_code, error_message, *(counters.get(n, 0) for n in RUN_COUNTERS)]
            + [run_id],
        )
        _collapse_empty_automatic_runs(db, run_id)
        # Counts and codes only: the audit never holds voter data.
        append_audit(
            db,
            at=at,
            officer=officer,
            action="sync.run",
            entity="sync_run",
            entity_id=str(run_id),
            detail={"outcome": outcome, **{n: counters.get(n, 0) for n in RUN_COUNTERS[:6]}},
        )


# A run that moved nothing: the watcher starts one on every successful probe (about every ten
# minutes while online), and a history full of them would hide the runs that did something.
# The trigger the connectivity watcher records (desktop_app.sync.watcher.TRIGGER_WATCHER).
TRIGGER_WATCHER = "watcher"
_EMPTY_AUTO_RUN = f"trigger IS '{TRIGGER_WATCHER}' AND outcome IS 'ok' AND " + " AND ".join(
    f"{n} = 0" for n in RUN_COUNTERS if not n.startswith("bytes_")
)


def _collapse_empty_automatic_runs(db: sqlite_utils.Database, run_id: int) -> None:
    """Keep only the latest of consecutive empty automatic runs (so the last confirmed sync
    time stays right); the audit keeps an entry for every run."""
    if not db.execute(
        f"SELECT 1 FROM sync_runs WHERE id = ? AND {_EMPTY_AUTO_RUN}", [run_id]
    ).fetchone():
        return
    db.execute(
        f"DELETE FROM sync_runs WHERE id < ? AND {_EMPTY_AUTO_RUN} AND id > coalesce("
        f"(SELECT max(id) FROM sync_runs WHERE id < ? AND NOT ({_EMPTY_AUTO_RUN})), 0)",
        [run_id, run_id],
    )


@dataclasses.dataclass(frozen=True)
class SyncRunRecord:
    id: int
    device_id: str | None
    trigger: str
    started_at: str
    finished_at: str | None
    outcome: str | None  # None: interrupted (the app stopped mid-run)
    error_code: str | None
    error_message: str | None
    sent: int
    confirmed: int
    refused: int
    pulled: int
    conflicts: int
    announcements: int
    attachments: int
    bytes_up: int
    bytes_down: int
    outcomes: int  # recruitment outcomes pulled
    # Voter rows pulled that differed from what the laptop held, and KPU's new decisions on
    # applications: what was new to the officer.
    pulled_new: int
    upload_bytes: int  # evidence bytes the server took in this run
    uploads_left: int  # evidence files still waiting when the run ended


def recent_runs(db: sqlite_utils.Database, limit: int = 20) -> list[SyncRunRecord]:
    rows = db.execute(
        "SELECT id, device_id, trigger, started_at, finished_at, outcome, error_code, "
        f"error_message, {', '.join(RUN_COUNTERS)} FROM sync_runs ORDER BY id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [SyncRunRecord(*r) for r in rows]


def last_success_at(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT max(finished_at) FROM sync_runs WHERE outcome = 'ok'").fetchone()
    return row[0]


@dataclasses.dataclass(frozen=True)
class SyncStatus:
    """What the status bar and the sync panel show, read in one go."""

    enrolled: bool
    device_id: str | None
    area: str | None
    area_name: str | None
    server_url: str | None
    area_downloaded: bool
    pending: int
    sent: int
    refused: int
    last_run: SyncRunRecord | None
    last_success_at: str | None
    unseen_conflicts: int
    unread_announcements: int
    uploads_waiting: int
    upload_bytes_waiting: int  # the waiting files' size in all
    upload_bytes_sent: int  # of which the server already holds (a cut upload resumes there)


def status(db: sqlite_utils.Database) -> SyncStatus:
    enrollment = active_enrollment(db)
    counts = outbox_counts(db)
    runs = recent_runs(db, 1)

    def scalar(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return SyncStatus(
        enrolled=enrollment is not None,
        device_id=enrollment.device_id if enrollment else None,
        area=enrollment.area if enrollment else None,
        area_name=enrollment.area_name if enrollment else None,
        server_url=enrollment.server_url if enrollment else None,
        area_downloaded=bool(enrollment and enrollment.first_pull_done_at),
        pending=counts["pending"],
        sent=counts["sent"],
        refused=counts["refused"],
        last_run=runs[0] if runs else None,
        last_success_at=last_success_at(db),
        unseen_conflicts=scalar("SELECT count(*) FROM sync_conflicts WHERE seen_at IS NULL"),
        unread_announcements=scalar("SELECT count(*) FROM announcements WHERE read_at IS NULL"),
        uploads_waiting=scalar("SELECT count(*) FROM sync_uploads"),
        upload_bytes_waiting=scalar(_WAITING_BYTES.format("a.size")),
        upload_bytes_sent=scalar(_WAITING_BYTES.format("a.uploaded_bytes")),
    )


_WAITING_BYTES = (
    "SELECT coalesce(sum({}), 0) FROM sync_uploads u JOIN attachments a ON a.sha256 = u.sha256"
)

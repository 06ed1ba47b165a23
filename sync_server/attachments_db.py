"""Evidence files in the PostgreSQL database: the store of a server whose processes share
nothing but the database (issue 17).

Each chunk a device sends is one ``bytea`` row of ``evidence_chunks``, keyed by (file, device,
byte position), written in the same transaction as the upload record that says how far the
device got (``attachment_uploads``, migration 0005). So progress and bytes can never disagree,
whatever crashes when, and a device resumes exactly as with the folder store: same protocol,
same records. A finished file keeps its chunks under the device id ``''`` (shared by every
device), after the whole file was hashed against its name.

Why rows of chunks and not large objects: rows are plain table data — ``pg_dump`` backs them
up with everything else, replication and row permissions cover them, a chunk commits with its
progress record in one transaction, and deleting a half-upload is a ``DELETE``. Large objects
live outside the tables (they need ``lo_unlink`` bookkeeping or they leak, and separate dump
privileges). Chunks stay as the device sent them (32 KiB on 2G, at most 256 KiB): appending
never rewrites earlier bytes, and the per-row cost is measured in docs/performance.md
("Evidence in PostgreSQL").

Uploads of one file are serialized across every process by a transaction-level advisory lock
on the file's hash (no ``fcntl``, no shared folder): two devices finishing the same photo at
once, or a retry racing its original, take turns.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator

from lapang_core.protocol import AttachmentStatus, MalformedRequest, OffsetMismatch
from sync_server.attachments import (
    AttachmentStore,
    EvidenceCorrupt,
    EvidenceMissing,
    check_chunk,
    hash_mismatch,
    referenced_status,
    verified,
)
from sync_server.config import ServerConfig
from sync_server.repository import Repository, Tx, iso

log = logging.getLogger("sync_server.attachments")

# The finished file's chunks carry this device id: shared by every device.
SHARED = ""
# Rows read per query while hashing or reading a file: at most 32 x 256 KiB in memory.
_ROWS_PER_READ = 32
# Advisory key space of evidence uploads (applications use another; see applications.py).
_EVIDENCE_LOCK_SPACE = 0x45564944  # "EVID"


def lock_file(tx: Tx, sha256: str) -> None:
    """Hold this file's upload lock until COMMIT: one upload step of a file at a time, in
    every server process."""
    tx.sql.run(tx.sql.dialect.key_lock, (_EVIDENCE_LOCK_SPACE, int(sha256[:8], 16) - 2**31))


def insert_chunk(tx: Tx, sha256: str, device_id: str, pos: int, data: bytes) -> None:
    tx.sql.run(
        "INSERT INTO evidence_chunks (sha256, device_id, pos, data) VALUES (?, ?, ?, ?)",
        (sha256, device_id, pos, data),
    )


def chunks(tx: Tx, sha256: str, device_id: str) -> Iterator[bytes]:
    """The bytes of this copy in order, a few rows per query. ``EvidenceMissing`` at the first
    hole (a chunk lost or deleted): a file with a hole is never taken as whole."""
    pos = 0
    while True:
        rows = tx.sql.all(
            "SELECT pos, data FROM evidence_chunks WHERE sha256 = ? AND device_id = ? "
            "AND pos >= ? ORDER BY pos LIMIT ?",
            (sha256, device_id, pos, _ROWS_PER_READ),
        )
        for row in rows:
            if row["pos"] != pos:
                raise EvidenceMissing(f"Evidence file {sha256} lacks the bytes at {pos}.")
            data = bytes(row["data"])
            pos += len(data)
            yield data
        if len(rows) < _ROWS_PER_READ:
            return


def copy_size(tx: Tx, sha256: str, device_id: str) -> int:
    return int(
        tx.sql.scalar(
            "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM evidence_chunks "
            "WHERE sha256 = ? AND device_id = ?",
            (sha256, device_id),
        )
    )


def matches(tx: Tx, sha256: str, device_id: str, size: int) -> bool:
    """Whether this copy is exactly ``size`` bytes, without holes, hashing to its name."""
    digest = hashlib.sha256()
    length = 0
    try:
        for block in chunks(tx, sha256, device_id):
            digest.update(block)
            length += len(block)
    except EvidenceMissing:
        return False
    return length == size and digest.hexdigest() == sha256


def drop_copy(tx: Tx, sha256: str, device_id: str) -> None:
    tx.sql.run(
        "DELETE FROM evidence_chunks WHERE sha256 = ? AND device_id = ?", (sha256, device_id)
    )


def share_copy(tx: Tx, sha256: str, device_id: str, size: int, now_iso: str) -> None:
    """Make this device's verified copy the finished file, and end every other device's
    upload of it (their chunks go: nobody needs them now)."""
    tx.sql.run(
        "UPDATE evidence_chunks SET device_id = ? WHERE sha256 = ? AND device_id = ?",
        (SHARED, sha256, device_id),
    )
    tx.finish_attachment(sha256, size, device_id, now_iso)
    tx.sql.run("DELETE FROM evidence_chunks WHERE sha256 = ? AND device_id <> ?", (sha256, SHARED))


class DatabaseEvidence:
    """The evidence store of a PostgreSQL server: the same calls as ``AttachmentStore``."""

    def __init__(self, repository: Repository, *, max_bytes: int, max_chunk: int) -> None:
        self._repo = repository
        self._max_bytes = max_bytes
        self._max_chunk = max_chunk

    def status(self, sha256: str, device_id: str) -> AttachmentStatus:
        with self._repo.transaction(write=False) as tx:
            return referenced_status(tx, sha256, device_id)

    def put_chunk(
        self, sha256: str, offset: int, size: int, data: bytes, device_id: str, now: float
    ) -> AttachmentStatus:
        check_chunk(size, data, max_bytes=self._max_bytes, max_chunk=self._max_chunk)
        status, mismatch = self._repo.write(
            lambda tx: self._put(tx, sha256, offset, size, data, device_id, iso(now))
        )
        if mismatch:
            raise hash_mismatch()  # the discarded copy committed: the device starts again
        return status

    def _put(
        self, tx: Tx, sha256: str, offset: int, size: int, data: bytes, device_id: str, now: str
    ) -> tuple[AttachmentStatus, bool]:
        lock_file(tx, sha256)
        current = referenced_status(tx, sha256, device_id)
        if current.complete:
            return current, False
        if current.size is None:
            tx.start_attachment_upload(sha256, device_id, size, now)
            current = AttachmentStatus(sha256, size, 0, False)
        if current.size != size:
            raise MalformedRequest(
                f"This device announced this file as {current.size} bytes, not {size}."
            )
        if offset + len(data) <= current.received:
            return current, False  # a chunk we already have: its acknowledgement was lost
        if offset != current.received:
            raise OffsetMismatch(
                f"Resume at byte {current.received}, not {offset}.", received=current.received
            )
        if offset + len(data) > size:
            raise MalformedRequest("The chunk runs past the announced file size.")
        insert_chunk(tx, sha256, device_id, offset, data)
        received = offset + len(data)
        if received < size:
            tx.set_attachment_upload(sha256, device_id, received, now)
            return AttachmentStatus(sha256, size, received, False), False
        if not matches(tx, sha256, device_id, size):
            # Only this device's copy goes: its next chunk may announce the size afresh.
            drop_copy(tx, sha256, device_id)
            tx.drop_attachment_upload(sha256, device_id)
            return AttachmentStatus(sha256, None, 0, False), True
        share_copy(tx, sha256, device_id, size, now)
        return AttachmentStatus(sha256, size, size, True), False

    def read(self, sha256: str) -> Iterator[bytes]:
        """The finished file in blocks, checked against its hash as it is read. Raises
        ``EvidenceMissing`` (no such file) and, after the last block, ``EvidenceCorrupt``."""
        with self._repo.transaction(write=False) as tx:
            if tx.finished_attachment(sha256) is None:
                raise EvidenceMissing(f"The server has no finished evidence file {sha256}.")
            if copy_size(tx, sha256, SHARED) == 0:
                raise EvidenceMissing(
                    f"Evidence file {sha256} is recorded but its bytes are not in the database; "
                    "copy the old evidence folder in with migrate-evidence."
                )

        def blocks() -> Iterator[bytes]:
            # One read snapshot for the whole file (REPEATABLE READ).
            with self._repo.transaction(write=False) as tx:
                try:
                    yield from chunks(tx, sha256, SHARED)
                except EvidenceMissing:
                    raise EvidenceCorrupt(f"Evidence file {sha256} has lost a chunk.") from None

        return verified(sha256, blocks())

    def partial_uploads(self, sha256: str) -> list[str]:
        """The devices holding a partial copy of this file."""
        with self._repo.transaction(write=False) as tx:
            rows = tx.sql.all(
                "SELECT DISTINCT device_id FROM evidence_chunks WHERE sha256 = ? "
                "AND device_id <> ? ORDER BY device_id",
                (sha256, SHARED),
            )
        return [row["device_id"] for row in rows]


EvidenceStore = AttachmentStore | DatabaseEvidence


def open_evidence(config: ServerConfig, repository: Repository) -> EvidenceStore:
    """The database store with PostgreSQL, the folder store with SQLite."""
    limits = {"max_bytes": config.max_attachment_bytes, "max_chunk": config.max_chunk_bytes}
    if config.evidence_in_database:
        if config.attachments_dir is not None:
            log.info(
                "evidence is kept in the database; the folder %s is only read by migrate-evidence",
                config.attachments_dir,
            )
        return DatabaseEvidence(repository, **limits)
    return AttachmentStore(config.attachments_root, repository, **limits)

"""Evidence files uploaded in chunks, addressed by their SHA-256: the rules every store
follows, and the folder store (SQLite deployments; PostgreSQL keeps evidence in the database,
``sync_server.attachments_db``).

A device uploads only the files its own changes name (``attachment_refs``, recorded when the
push is stored), and each device uploads into a partial copy of its own: the size it
announced and the bytes it sent are nobody else's business, so no other device can block or
spoil its upload. A partial copy grows only at the offset the server has acknowledged, so a
client that lost the answer to a chunk asks for the status and resumes there. A finished copy
is checked against its name before it counts as received; the verified file is then shared
by every device (a second device whose change names it need not send it again) and the other
devices' partial copies of it are dropped.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import pathlib
import threading
from collections.abc import Iterator

from lapang_core.file_modes import FileModeError, make_private_dir
from lapang_core.protocol import (
    AttachmentNotReferenced,
    AttachmentStatus,
    AttachmentTooLarge,
    BodyTooLarge,
    HashMismatch,
    MalformedRequest,
    OffsetMismatch,
    is_sha256_hex,
)
from sync_server.config import ConfigError
from sync_server.repository import Repository, Tx, iso

_READ_BLOCK = 1 << 20
log = logging.getLogger("sync_server.attachments")


class EvidenceMissing(Exception):
    """The server has no finished evidence file with this hash (or its bytes are not where
    the records say: a folder not yet migrated with ``migrate-evidence``)."""


class EvidenceCorrupt(Exception):
    """A stored evidence file no longer matches its SHA-256: a damaged disk, chunk or restore.
    The message names the hash only."""


def check_chunk(size: int, data: bytes, *, max_bytes: int, max_chunk: int) -> None:
    """The checks of a chunk that need no stored state (docs/sync-protocol.md §8)."""
    if not 1 <= size <= max_bytes:
        raise AttachmentTooLarge(
            f"An attachment must be 1 to {max_bytes} bytes; compress the photo.",
            limit=max_bytes,
        )
    if len(data) > max_chunk:
        raise BodyTooLarge(f"A chunk holds at most {max_chunk} bytes.")
    if not data:
        raise MalformedRequest("A chunk must not be empty.")


def referenced_status(tx: Tx, sha256: str, device_id: str) -> AttachmentStatus:
    """The finished file's status, else this device's own upload of it. Raises
    ``AttachmentNotReferenced`` when no change of the device names the file."""
    if not tx.attachment_referenced(sha256, device_id):
        raise AttachmentNotReferenced(
            "No change sent by this device names this file; a device uploads only the "
            "evidence of its own changes."
        )
    finished = tx.finished_attachment(sha256)
    if finished is not None:
        return AttachmentStatus(sha256, finished["size"], finished["size"], True)
    upload = tx.attachment_upload(sha256, device_id)
    if upload is None:
        return AttachmentStatus(sha256, None, 0, False)
    return AttachmentStatus(sha256, upload["size"], upload["received"], False)


def hash_mismatch() -> HashMismatch:
    return HashMismatch(
        "The uploaded file does not match its SHA-256; it was discarded, upload it again."
    )


def verified(sha256: str, blocks: Iterator[bytes]) -> Iterator[bytes]:
    """``blocks`` passed through; ``EvidenceCorrupt`` after the last one if they do not hash
    to ``sha256``. A reader writes them to a temporary file and keeps it only if no error."""
    digest = hashlib.sha256()
    for block in blocks:
        digest.update(block)
        yield block
    if digest.hexdigest() != sha256:
        raise EvidenceCorrupt(f"Evidence file {sha256} does not match its SHA-256.")


class AttachmentStore:
    """Evidence in a folder: ``<root>/<sha[:2]>/<sha>`` when finished, one partial file per
    (file, device) under ``partial/``, and cross-process locks under ``locks/``."""

    def __init__(
        self, root: pathlib.Path, repository: Repository, *, max_bytes: int, max_chunk: int
    ) -> None:
        self.root = root
        # Evidence photos of real people: the folder is 0700 from the start (checked, and
        # tightened if an older server left it 0755), its subfolders 0700, its files 0600.
        try:
            make_private_dir(root, log)
        except FileModeError as exc:
            raise ConfigError(str(exc)) from exc
        self._repo = repository
        self._max_bytes = max_bytes
        self._max_chunk = max_chunk
        # Chunks of one file must never interleave; uploads are rare next to pushes, so one
        # lock per process is simpler than one per file and costs nothing measurable.
        self._lock = threading.Lock()
        self._drop_shared_partials()

    @contextlib.contextmanager
    def _file_lock(self, sha256: str) -> Iterator[None]:
        """Exclusive across processes: several server processes (PostgreSQL) share the folder.
        256 lock files, by the hash's first byte: a few, and never deleted under a waiter."""
        folder = self.root / "locks"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(folder / sha256[:2], os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _partial(self, sha256: str, device_id: str) -> pathlib.Path:
        # Device ids are 32 hex digits made by the server: safe in a file name.
        return self.root / "partial" / f"{sha256}.{device_id}"

    def _drop_shared_partials(self) -> None:
        """Partial files of before 0005_attachment_uploads were named by the hash alone and
        shared by every device; the migration dropped their records, so they are garbage."""
        folder = self.root / "partial"
        if folder.is_dir():
            for entry in folder.iterdir():
                if is_sha256_hex(entry.name) and entry.is_file():
                    entry.unlink(missing_ok=True)

    def path(self, sha256: str) -> pathlib.Path:
        return self.root / sha256[:2] / sha256

    def status(self, sha256: str, device_id: str) -> AttachmentStatus:
        """The finished file's status, else this device's own upload of it. Raises
        ``AttachmentNotReferenced`` when no change of the device names the file."""
        with self._repo.transaction(write=False) as tx:
            return referenced_status(tx, sha256, device_id)

    def read(self, sha256: str) -> Iterator[bytes]:
        """The finished file in blocks, checked against its hash as it is read (``EvidenceCorrupt``
        after the last block if it does not match). ``EvidenceMissing`` if there is none."""
        try:
            f = self.path(sha256).open("rb")
        except FileNotFoundError:
            raise EvidenceMissing(f"No evidence file {sha256} in {self.root}.") from None

        def blocks() -> Iterator[bytes]:
            with f:
                while block := f.read(_READ_BLOCK):
                    yield block

        return verified(sha256, blocks())

    def partial_uploads(self, sha256: str) -> list[str]:
        """The devices holding a partial copy of this file."""
        folder = self.root / "partial"
        if not folder.is_dir():
            return []
        return sorted(f.name.split(".", 1)[1] for f in folder.glob(f"{sha256}.*"))

    def put_chunk(
        self, sha256: str, offset: int, size: int, data: bytes, device_id: str, now: float
    ) -> AttachmentStatus:
        check_chunk(size, data, max_bytes=self._max_bytes, max_chunk=self._max_chunk)
        with self._lock, self._file_lock(sha256):
            with self._repo.transaction(write=False) as tx:
                current = referenced_status(tx, sha256, device_id)
            if current.complete:
                return current
            if current.size is None:
                with self._repo.transaction(write=True) as tx:
                    tx.start_attachment_upload(sha256, device_id, size, iso(now))
                current = AttachmentStatus(sha256, size, 0, False)
            if current.size != size:
                raise MalformedRequest(
                    f"This device announced this file as {current.size} bytes, not {size}."
                )
            if offset + len(data) <= current.received:
                return current  # a chunk we already have: its acknowledgement was lost
            if offset != current.received:
                raise OffsetMismatch(
                    f"Resume at byte {current.received}, not {offset}.", received=current.received
                )
            if offset + len(data) > size:
                raise MalformedRequest("The chunk runs past the announced file size.")
            received = self._append(sha256, device_id, offset, data)
            if received == size:
                self._finish(sha256, device_id, size, now)
                return AttachmentStatus(sha256, size, size, True)
            with self._repo.transaction(write=True) as tx:
                tx.set_attachment_upload(sha256, device_id, received, iso(now))
            return AttachmentStatus(sha256, size, received, False)

    def _append(self, sha256: str, device_id: str, offset: int, data: bytes) -> int:
        partial = self._partial(sha256, device_id)
        partial.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(partial, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            # A crash after writing but before recording progress leaves extra bytes: cut them.
            os.ftruncate(fd, offset)
            os.lseek(fd, offset, os.SEEK_SET)
            os.write(fd, data)
            os.fsync(fd)  # acknowledged bytes must survive a power cut
        finally:
            os.close(fd)
        return offset + len(data)

    def _finish(self, sha256: str, device_id: str, size: int, now: float) -> None:
        partial = self._partial(sha256, device_id)
        digest = hashlib.sha256()
        with partial.open("rb") as f:
            while block := f.read(_READ_BLOCK):
                digest.update(block)
        if digest.hexdigest() != sha256:
            # Only this device's copy goes: its next chunk may announce the size afresh.
            partial.unlink()
            with self._repo.transaction(write=True) as tx:
                tx.drop_attachment_upload(sha256, device_id)
            raise hash_mismatch()
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.replace(partial, final)
        with self._repo.transaction(write=True) as tx:
            others = tx.finish_attachment(sha256, size, device_id, iso(now))
        for other in others:
            self._partial(sha256, other).unlink(missing_ok=True)

"""Copy an evidence folder into the PostgreSQL database (``migrate-evidence``), and write
finished evidence files out of either store (``export-evidence``).

The copy is idempotent and resumable: each file is copied in a transaction of its own, after
its bytes were hashed against its name; a file already in the database (whole, hashing to its
name) is counted and left alone, so an interrupted run is simply run again. Half-uploads
(``partial/<sha>.<device>``) are copied as far as their upload record says, so those devices
resume where they were. The folder is never touched unless ``delete`` is asked, and then only
files whose copy verified are removed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pathlib
from collections.abc import Iterable

from lapang_core.protocol import is_sha256_hex
from sync_server.attachments import EvidenceCorrupt, EvidenceMissing
from sync_server.attachments_db import (
    SHARED,
    EvidenceStore,
    copy_size,
    drop_copy,
    insert_chunk,
    lock_file,
    matches,
)
from sync_server.errors import AdminError
from sync_server.repository import Repository, Tx, iso

# Rows of 1 MiB: a 3 MiB photo is three rows, and pg_dump streams them without effort.
MIGRATION_CHUNK = 1 << 20


@dataclasses.dataclass
class MigrationReport:
    copied: int = 0
    already: int = 0
    partial: int = 0  # half-uploads copied for their devices to resume
    bytes: int = 0
    deleted: int = 0
    corrupt: list[str] = dataclasses.field(default_factory=list)  # hashes, never copied

    def summary(self) -> str:
        return (
            f"{self.copied} file(s) copied ({self.bytes:,} bytes), {self.already} already in "
            f"the database, {self.partial} half-upload(s) copied, {len(self.corrupt)} corrupt "
            f"(not copied), {self.deleted} removed from the folder."
        )


def _finished_files(root: pathlib.Path) -> list[tuple[str, pathlib.Path]]:
    found = []
    for folder in sorted(root.iterdir()):
        if len(folder.name) == 2 and folder.is_dir():
            found += [(f.name, f) for f in sorted(folder.iterdir()) if is_sha256_hex(f.name)]
    return found


def _sha256_of(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(MIGRATION_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _insert_file(tx: Tx, sha256: str, device_id: str, path: pathlib.Path, length: int) -> None:
    with path.open("rb") as f:
        pos = 0
        while pos < length:
            block = f.read(min(MIGRATION_CHUNK, length - pos))
            if not block:
                raise EvidenceMissing(f"{path} is shorter than its upload record says.")
            insert_chunk(tx, sha256, device_id, pos, block)
            pos += len(block)


def _copy_finished(tx: Tx, sha256: str, path: pathlib.Path, now_iso: str) -> bool:
    """True if copied, False if the database already holds this file whole."""
    lock_file(tx, sha256)
    size = path.stat().st_size
    if matches(tx, sha256, SHARED, size):
        return False
    drop_copy(tx, sha256, SHARED)  # a copy with a hole or wrong bytes: replaced whole
    _insert_file(tx, sha256, SHARED, path, size)
    # The record normally exists (the folder store made it); a file whose record was lost
    # (a crash between the rename and the commit) gets one. Every upload of it ends here.
    tx.finish_attachment(sha256, size, "migrate-evidence", now_iso)
    tx.sql.run("DELETE FROM evidence_chunks WHERE sha256 = ? AND device_id <> ?", (sha256, SHARED))
    return True


def _copy_partial(tx: Tx, sha256: str, device_id: str, path: pathlib.Path) -> bool:
    lock_file(tx, sha256)
    upload = tx.attachment_upload(sha256, device_id)
    if upload is None or tx.finished_attachment(sha256) is not None:
        return False  # finished meanwhile, or no record: nothing to resume
    received = int(upload["received"])
    if received == 0 or copy_size(tx, sha256, device_id) >= received:
        return False
    drop_copy(tx, sha256, device_id)
    if path.stat().st_size < received:
        # Bytes were acknowledged that the file lacks: the device starts this file again.
        tx.drop_attachment_upload(sha256, device_id)
        return False
    _insert_file(tx, sha256, device_id, path, received)
    return True


def migrate_folder(
    repo: Repository, root: pathlib.Path, now: float, *, delete: bool = False
) -> MigrationReport:
    """Copy ``root`` (a folder store) into the database ``repo`` opened."""
    if not repo.db.dialect.name == "postgresql":
        raise AdminError("migrate-evidence copies into a PostgreSQL database; --db is SQLite.")
    if not root.is_dir():
        raise AdminError(f"No evidence folder {root}.")
    report = MigrationReport()
    for sha256, path in _finished_files(root):
        if _sha256_of(path) != sha256:
            report.corrupt.append(sha256)
            continue
        if repo.write(lambda tx, s=sha256, f=path: _copy_finished(tx, s, f, iso(now))):
            report.copied += 1
            report.bytes += path.stat().st_size
        else:
            report.already += 1
        if delete:
            path.unlink()
            report.deleted += 1
    partial = root / "partial"
    for path in sorted(partial.iterdir()) if partial.is_dir() else []:
        sha256, _, device_id = path.name.partition(".")
        if not (is_sha256_hex(sha256) and device_id and path.is_file()):
            continue
        if repo.write(lambda tx, s=sha256, d=device_id, f=path: _copy_partial(tx, s, d, f)):
            report.partial += 1
    return report


def finished_hashes(repo: Repository) -> list[str]:
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all("SELECT sha256 FROM attachments WHERE complete = 1 ORDER BY sha256")
    return [row["sha256"] for row in rows]


@dataclasses.dataclass
class ExportReport:
    written: int = 0
    bytes: int = 0
    existing: int = 0  # already in the output folder: never overwritten
    problems: list[str] = dataclasses.field(default_factory=list)  # hash: what is wrong


def export_files(store: EvidenceStore, hashes: Iterable[str], out: pathlib.Path) -> ExportReport:
    """Write each finished file to ``out/<sha256>`` (mode 0600: photos of real people). A file
    is written to a temporary name and renamed only once its hash checked out."""
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    report = ExportReport()
    for sha256 in hashes:
        if not is_sha256_hex(sha256):
            report.problems.append(f"{sha256!r}: not a SHA-256 (64 lowercase hex digits)")
            continue
        target = out / sha256
        if target.exists():
            report.existing += 1
            continue
        temporary = out / f".{sha256}.part"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                for block in store.read(sha256):
                    f.write(block)
                f.flush()
                os.fsync(f.fileno())
        except (EvidenceMissing, EvidenceCorrupt) as exc:
            temporary.unlink(missing_ok=True)
            report.problems.append(f"{sha256}: {exc}")
            continue
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        os.replace(temporary, target)
        report.written += 1
        report.bytes += target.stat().st_size
    return report

"""Evidence files (photos, scans) stored inside the encrypted database, addressed by SHA-256."""

from __future__ import annotations

import dataclasses
import hashlib

import sqlite_utils

from desktop_app.store.errors import ValidationFailed

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # a phone photo or a scanned page; larger is a mistake
ACCEPTED_MIME = ("image/jpeg", "image/png", "application/pdf")


@dataclasses.dataclass(frozen=True)
class AttachmentInput:
    content: bytes
    mime: str
    filename: str = ""


def store_attachment(db: sqlite_utils.Database, attachment: AttachmentInput, now: str) -> str:
    """Insert (or find) the attachment; call inside the write's transaction. Returns its SHA-256."""
    if attachment.mime not in ACCEPTED_MIME:
        raise ValidationFailed(
            None, f"Evidence must be a JPEG or PNG photo or a PDF scan, not '{attachment.mime}'."
        )
    if not attachment.content:
        raise ValidationFailed(None, "The evidence file is empty.")
    if len(attachment.content) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed(
            None,
            f"The evidence file is {len(attachment.content) / 1e6:.1f} MB; the limit is "
            f"{MAX_ATTACHMENT_BYTES / 1e6:.0f} MB. Take the photo at a lower resolution.",
        )
    sha = hashlib.sha256(attachment.content).hexdigest()
    db.execute(
        "INSERT OR IGNORE INTO attachments(sha256, mime, size, filename, content, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            sha,
            attachment.mime,
            len(attachment.content),
            attachment.filename,
            attachment.content,
            now,
        ],
    )
    return sha


def read_attachment(db: sqlite_utils.Database, sha256: str) -> bytes | None:
    row = db.execute("SELECT content FROM attachments WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None

"""Attachments: upload the evidence files the server asked for, in chunks, resuming from the
server's offset after a drop (docs/sync-protocol.md section 8).

A file is queued when a push answer lists it (``att``) and leaves the queue only when the
server reports it complete, so a run cut short resumes next time — from the server's
``received`` offset, never from zero. A file the server refuses (and one this laptop cannot
read) is named in the run's report and the run goes on with the next file: one bad file never
holds back the others.
"""

from __future__ import annotations

from desktop_app.store import sync_state
from desktop_app.store.attachments import read_attachment
from desktop_app.sync.chunked import DEFAULT_CHUNK_BYTES as DEFAULT_CHUNK_BYTES
from desktop_app.sync.chunked import ask_status, chunk_limit, chunk_sizer, send_in_chunks
from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import (
    PHASE_ATTACHMENTS,
    FailedUpload,
    RunContext,
    SyncProgress,
    is_transient,
    log,
)
from lapang_core import protocol as p


class UploadPhase:
    def __init__(self, ctx: RunContext, chunks: BatchSizer | None = None) -> None:
        self.ctx = ctx
        # Shared by the run's files (and its relay): they cross the same link.
        self.chunks = chunks if chunks is not None else chunk_sizer(chunk_limit(ctx))
        self.files_done = 0
        self.bytes_done = 0

    def run(self) -> None:
        uploads = sync_state.pending_uploads(self.ctx.db)
        self.total_files = len(uploads)
        self.total_bytes = sum(u.size or 0 for u in uploads)
        # What earlier runs got through counts from the start: a resumed upload is seen to
        # resume, not to start again from zero (the server's offset corrects it per file).
        self.bytes_done = sum(u.uploaded_bytes for u in uploads if u.size is not None)
        if uploads:
            self._progress()
        for upload in uploads:
            self.ctx.check_cancel()
            if upload.size is None:
                # The change names a file this laptop does not hold: nothing can send it.
                self._failed(
                    upload.sha256,
                    "missing_on_laptop",
                    "The file is not on this laptop.",
                    keep=False,
                )
            else:
                try:
                    if self._upload(upload.sha256, upload.size, upload.uploaded_bytes):
                        self.ctx.report.attachments += 1
                except p.ProtocolError as exc:
                    if not _refuses_only_this_file(exc):
                        raise  # the link, the server or this device: the next file fares no better
                    # Kept queued: the evidence must still reach KPU, and this is reported on
                    # every run until it does. The next file goes on meanwhile.
                    self._failed(upload.sha256, exc.code, exc.message, keep=True)
            self.files_done += 1
            self._progress()

    def _failed(self, sha256: str, code: str, message: str, *, keep: bool) -> None:
        log.warning("attachment %s... not uploaded (%s): %s", sha256[:12], code, message)
        self.ctx.report.failed_uploads.append(FailedUpload(sha256, code, message, keep))
        if not keep:
            sync_state.drop_upload(self.ctx.db, sha256)

    def _upload(self, sha256: str, size: int, known: int) -> bool:
        ctx = self.ctx
        content = read_attachment(ctx.db, sha256)
        if content is None or p.sha256_hex(content) != sha256:
            self._failed(
                sha256,
                "damaged_on_laptop",
                "The file on this laptop does not match its SHA-256.",
                keep=False,
            )
            return False
        status = self._status(sha256)
        if status.received != known:
            # The server's offset is the truth (it may hold more than this laptop heard of).
            self.bytes_done += status.received - known
            self._progress()
        held = status.received  # what the server holds, as last heard
        restarted = False

        def put(offset: int, chunk: bytes) -> p.AttachmentStatus:
            nonlocal restarted
            try:
                return ctx.client.put_chunk(sha256, offset, size, chunk)
            except p.HashMismatch:
                # The server discarded its copy; the local file hashed right, so a chunk was
                # damaged on the way. Send it all once more, then give up for this run.
                if restarted:
                    raise
                restarted = True
                self.bytes_done -= held  # those bytes go again
                return p.AttachmentStatus(sha256, size, 0, False)

        def taken(answer: p.AttachmentStatus, added: int) -> None:
            nonlocal held
            held = answer.received
            self.bytes_done += added
            ctx.report.upload_bytes += added
            sync_state.set_upload_progress(ctx.db, sha256, answer.received)
            self._progress()

        try:
            send_in_chunks(
                ctx,
                content,
                status,
                lambda: self._status(sha256),
                put,
                self.chunks,
                taken,
            )
        except p.AttachmentTooLarge as exc:
            self._failed(sha256, exc.code, exc.message, keep=False)
            return False
        sync_state.finish_upload(ctx.db, sha256)
        return True

    def _status(self, sha256: str) -> p.AttachmentStatus:
        return ask_status(self.ctx, lambda: self.ctx.client.attachment_status(sha256))

    def _progress(self) -> None:
        self.ctx.emit(
            SyncProgress(
                PHASE_ATTACHMENTS,
                self.files_done,
                self.total_files,
                self.bytes_done,
                self.total_bytes,
            )
        )


def _refuses_only_this_file(exc: p.ProtocolError) -> bool:
    """A refusal of this one file (its name, size or content; a file no change of this device
    names), not of the link, the server or the device: the run goes on with the next file."""
    return not (is_transient(exc) or isinstance(exc, p.AuthError))

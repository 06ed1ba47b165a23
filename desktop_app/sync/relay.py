"""Titipan: this laptop carries another laptop's sealed bundle to KPU at its next sync.

It goes in chunks, each a request signed by this laptop, resumed after a drop from what the
server already holds (docs/sync-protocol.md §12.4), so a week of a PPS office (~56 MB) crosses
a shaky link without starting over, and never takes the server's budget for unchecked request
bodies from other laptops' pushes. A server from before chunked relay gets it in one request.

The bundle stays sealed: this laptop can read only its header (whose, when, how many changes)
and cannot alter it, because the server checks the owner's signature inside it. Queued
bundles wait in a folder of their own beside the vault (``titipan/``); being sealed, they need
no encryption of their own. A delivered bundle (or one KPU already had) leaves the folder; one
the server refuses moves to ``titipan/ditolak/`` with the reason in the log and the run report.
"""

from __future__ import annotations

import dataclasses
import functools
import pathlib
from collections.abc import Callable

# Re-exported: where the Titipan folder is (kept in paths, which the GUI imports cheaply).
from desktop_app.file_sharing import remove_file, replace_file
from desktop_app.paths import RELAY_FOLDER as RELAY_FOLDER
from desktop_app.paths import relay_dir as relay_dir
from desktop_app.sync.bundle_export import BUNDLE_SUFFIX, write_new_file
from desktop_app.sync.chunked import ask_status, chunk_limit, chunk_sizer, send_in_chunks
from desktop_app.sync.errors import SyncError
from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import PHASE_RELAY, RunContext, SyncProgress, is_transient, log
from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.bundle import KIND_CHANGES, BundleReplayed

REFUSED_FOLDER = "ditolak"


class RelayFileRefused(SyncError):
    """The file cannot be carried: not a Lapang bundle of changes, or unreadable."""


class AlreadyQueued(RelayFileRefused):
    """This bundle is already waiting in the Titipan folder."""


@dataclasses.dataclass(frozen=True)
class QueuedBundle:
    path: pathlib.Path
    bundle_id: str
    device_id: str
    changes: int
    size: int


def describe(path: pathlib.Path) -> QueuedBundle:
    """What a bundle file says about itself (its header, unverified). Raises a
    ``seal.BundleError`` for a file that is not a whole Lapang bundle, ``RelayFileRefused``
    for a bundle that is not a laptop's changes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RelayFileRefused(f"Cannot read {path.name}: {exc.strerror}.") from exc
    header = seal.read_header(data)
    if header.get("kind") != KIND_CHANGES or not p.is_hex_id(header.get("id")):
        raise RelayFileRefused(f"{path.name} is not a laptop's bundle of changes for KPU.")
    changes = header.get("n")
    return QueuedBundle(
        path,
        header["id"],
        str(header["from"]),
        changes if isinstance(changes, int) else 0,
        len(data),
    )


def queue_for_relay(folder: pathlib.Path, source: pathlib.Path) -> QueuedBundle:
    """Copy ``source`` into the Titipan folder, named by its bundle id (one copy per bundle)."""
    bundle = describe(source)
    if any(q.bundle_id == bundle.bundle_id for q in queued(folder)):
        raise AlreadyQueued(f"{source.name} is already waiting to be delivered.")
    path = write_new_file(folder, bundle.bundle_id, source.read_bytes())
    return dataclasses.replace(bundle, path=path)


def queued(folder: pathlib.Path) -> list[QueuedBundle]:
    """The bundles waiting in ``folder``, oldest first; unreadable files are skipped (logged)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{BUNDLE_SUFFIX}"), key=lambda f: f.stat().st_mtime):
        try:
            found.append(describe(path))
        except (p.ProtocolError, SyncError) as exc:
            log.warning("titipan file %s skipped: %s", path.name, exc)
    return found


class RelayPhase:
    """Deliver every queued bundle: in chunks (``PUT /v1/relay/<id>``), resumed from what the
    server holds, or in one request to a server from before chunked relay."""

    def __init__(
        self, ctx: RunContext, folder: pathlib.Path, chunks: BatchSizer | None = None
    ) -> None:
        self.ctx = ctx
        self.folder = folder
        self.chunks = chunks if chunks is not None else chunk_sizer(chunk_limit(ctx))
        self.bytes_done = 0

    def run(self) -> None:
        bundles = queued(self.folder)
        self.total_bytes = sum(b.size for b in bundles)
        for done, bundle in enumerate(bundles):
            self.ctx.check_cancel()
            progress = functools.partial(self._progress, done, len(bundles))
            progress()
            try:
                self._deliver(bundle, progress)
            except Exception as exc:
                if not is_transient(exc):
                    raise  # a cancel, or this laptop itself refused: the run says so
                # The link or the server gave out after the retries: the carried bundles wait
                # for the next sync (which resumes where the server's copy ends), and this run
                # still pulls and uploads what it can.
                log.info("titipan delivery postponed: %s", type(exc).__name__)
                return

    def _deliver(self, bundle: QueuedBundle, progress: Callable[[], None]) -> None:
        data = bundle.path.read_bytes()
        try:
            status = ask_status(self.ctx, lambda: self.ctx.client.relay_status(bundle.bundle_id))
        except p.NotFound:
            self._deliver_whole(bundle, data)  # a server from before chunked relay
            return
        self.bytes_done += min(status.received, len(data))  # already there: not sent again
        progress()

        def taken(answer: p.RelayStatus, added: int) -> None:
            self.bytes_done += added
            self.ctx.report.relay_bytes += added
            progress()

        try:
            send_in_chunks(
                self.ctx,
                data,
                status,
                lambda: self.ctx.client.relay_status(bundle.bundle_id),
                lambda offset, chunk: self.ctx.client.relay_chunk(
                    bundle.bundle_id, offset, len(data), chunk
                ),
                self.chunks,
                taken,
            )
        except BundleReplayed:
            pass  # KPU has it already (from a stick, or the answer was lost): delivered
        except p.RelayQuotaExceeded as exc:
            # Our own unfinished uploads fill the server's allowance (or wait to expire): this
            # one stays queued for a later sync, unchanged.
            log.warning("titipan bundle %s waits: %s", bundle.bundle_id, exc.message)
            return
        except p.ProtocolError as exc:
            if exc.retryable or isinstance(exc, p.AuthError):
                raise
            self._refused(bundle, exc)
            return
        self._delivered(bundle)

    def _deliver_whole(self, bundle: QueuedBundle, data: bytes) -> None:
        failures = 0
        while True:
            self.ctx.check_cancel()
            try:
                self.ctx.client.relay(data)
            except BundleReplayed:
                pass  # KPU has it already (from a stick, or this answer was lost): delivered
            except p.ProtocolError as exc:
                if exc.retryable or isinstance(exc, p.AuthError):
                    failures += 1
                    self.ctx.retry_after(exc, failures)
                    continue
                self._refused(bundle, exc)
                return
            except Exception as exc:
                failures += 1
                self.ctx.retry_after(exc, failures)
                continue
            self.ctx.report.relay_bytes += len(data)
            self._delivered(bundle)
            return

    def _delivered(self, bundle: QueuedBundle) -> None:
        # A scanner still holding the file on Windows leaves it queued: the next sync finds KPU
        # already has it and removes it then.
        remove_file(bundle.path)
        self.ctx.report.relayed += 1
        log.info("titipan bundle %s of device %s delivered", bundle.bundle_id, bundle.device_id)

    def _progress(self, done: int, total: int) -> None:
        self.ctx.emit(SyncProgress(PHASE_RELAY, done, total, self.bytes_done, self.total_bytes))

    def _refused(self, bundle: QueuedBundle, exc: p.ProtocolError) -> None:
        """Kept, not deleted: the owner's laptop still has the changes and KPU may want to see
        the file; it no longer goes out at every sync."""
        log.warning("titipan bundle %s refused (%s): %s", bundle.bundle_id, exc.code, exc.message)
        self.ctx.report.relay_refused.append(f"{bundle.path.name}: {exc.message}")
        target = self.folder / REFUSED_FOLDER
        target.mkdir(exist_ok=True)
        try:
            replace_file(bundle.path, target / bundle.path.name)
        except PermissionError:  # held open on Windows: set aside at the next sync instead
            log.warning(
                "titipan bundle %s stays queued: another program holds it", bundle.bundle_id
            )

"""Chunked relay (Titipan, docs/sync-protocol.md §12.4): a carrier uploads another laptop's
sealed bundle in chunks, and only when the last byte is in does the server open the bundle and
apply it as its owner's push (``sync_server.bundles``).

Why chunks: a relayed bundle sent as one request body is held before its signature can be
checked, so a 56 MB bundle took most of the server's unverified-body budget
(``sync_server.http.BodyBudget``) while it crawled in, and other laptops' pushes were refused
with 503 meanwhile. Each chunk here is its own request signed by the carrier, at most
``max_chunk_bytes``, checked before it is stored, so a relay holds no more of the budget than an
attachment chunk does.

The rules are the evidence uploads' (``sync_server.attachments_db``): each carrier uploads
into its own copy, keyed by (bundle id, carrier); a chunk is appended only at the offset the
server acknowledged, and commits in one transaction with the progress that counts it, so a
carrier that lost an answer asks for the status and resumes there. Chunks live in the database
on both backends (``relay_chunks``, migration 0015): they are transient, deleted once the bundle
is applied or refused, or when the upload is abandoned (``relay_expiry_hours``). One carrier
may keep at most ``relay_pending_bytes_per_carrier`` announced bytes of unfinished uploads.

Nothing is applied twice: the bundle goes through ``import_bundle``, whose record of the bundle
id and de-duplication by (device, seq) hold whichever way, and how often, it arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from lapang_core.protocol import (
    MalformedRequest,
    OffsetMismatch,
    ProtocolError,
    RelayQuotaExceeded,
    RelayStatus,
    seal,
)
from sync_server import bundles
from sync_server.attachments_db import EvidenceStore
from sync_server.config import ServerConfig
from sync_server.repository import Repository, Tx, iso

log = logging.getLogger("sync_server.relay")

# Advisory key space of relay uploads (evidence uses "EVID", applications their own).
_RELAY_LOCK_SPACE = 0x524C4159  # "RLAY"
# Rows read per query while putting the bundle together: at most 32 x 256 KiB at a time.
_ROWS_PER_READ = 32


def checked_bundle_id(text: str) -> str:
    """A bundle id as the header carries it: 32 lowercase hex digits."""
    if not bundles.is_bundle_id(text):
        raise MalformedRequest("A relayed bundle is named by its id: 32 lowercase hex digits.")
    return text


class RelayUploads:
    """The chunked relays of one server process (any process may take any chunk)."""

    def __init__(
        self,
        repository: Repository,
        evidence: EvidenceStore,
        keys: Sequence[X25519PrivateKey],
        config: ServerConfig,
    ) -> None:
        self._repo = repository
        self._evidence = evidence
        self._keys = tuple(keys)
        self._config = config

    # -- the two requests ---------------------------------------------------------------------
    def status(self, bundle_id: str, carrier: str, now: float) -> RelayStatus:
        """Where this carrier's upload of the bundle stands; ``complete`` once KPU holds the
        bundle, whoever brought it."""
        with self._repo.transaction(write=False) as tx:
            if _applied(tx, bundle_id):
                return RelayStatus(bundle_id, None, 0, True)
            row = self._live_upload(tx, bundle_id, carrier, now)
        if row is None:
            return RelayStatus(bundle_id, None, 0, False)
        return RelayStatus(bundle_id, int(row["size"]), int(row["received"]), False)

    def put_chunk(
        self,
        bundle_id: str,
        offset: int,
        size: int,
        data: bytes,
        carrier: str,
        now: float,
        *,
        nonce: str | None = None,
    ) -> RelayStatus:
        """Append one chunk at ``offset``; with the last one, open and apply the bundle. Raises
        what ``import_bundle`` raises (the upload is then dropped: the same bytes would be
        refused again), ``OffsetMismatch``, ``RelayQuotaExceeded`` or ``MalformedRequest``.
        ``nonce``: the request's, recorded in the chunk's own transaction (as a push records
        its nonce with its batch): one write per chunk, not two."""
        self._check_chunk(offset, size, data)

        def put(tx: Tx) -> RelayStatus:
            if nonce is not None:
                tx.record_nonce(carrier, nonce, int(now), self._config.clock_skew_seconds)
            return self._put(tx, bundle_id, offset, size, data, carrier, now)

        status = self._repo.write(put)
        if status.complete or status.received < size:
            return status
        return self._finish(bundle_id, carrier, size, now)

    # -- steps --------------------------------------------------------------------------------
    def _check_chunk(self, offset: int, size: int, data: bytes) -> None:
        if not self._keys:
            # The same refusal the bundle would meet at its end, before any of it is sent.
            raise seal.BundleNotForUs(seal.NO_KEY_MESSAGE)
        limit = self._config.max_relay_bytes
        if not 1 <= size <= limit:
            raise seal.too_large(size, limit)
        if not data:
            raise MalformedRequest("A chunk must not be empty.")
        if offset == 0:
            seal.check_start(data)  # the wrong file is refused at its first chunk

    def _put(
        self,
        tx: Tx,
        bundle_id: str,
        offset: int,
        size: int,
        data: bytes,
        carrier: str,
        now: float,
    ) -> RelayStatus:
        _lock(tx, bundle_id)
        if _applied(tx, bundle_id):
            return RelayStatus(bundle_id, size, size, True)  # delivered: nothing more to send
        row = self._live_upload(tx, bundle_id, carrier, now)
        if row is None:
            self._start(tx, bundle_id, size, carrier, now)
            announced, received = size, 0
        else:
            announced, received = int(row["size"]), int(row["received"])
        if announced != size:
            raise MalformedRequest(
                f"This laptop announced this bundle as {announced} bytes, not {size}."
            )
        if offset + len(data) <= received:
            # A chunk we already have: its answer was lost (or every byte is in and the bundle
            # still waits to be applied: the caller applies it now).
            return RelayStatus(bundle_id, size, received, False)
        if offset != received:
            raise OffsetMismatch(f"Resume at byte {received}, not {offset}.", received=received)
        if offset + len(data) > size:
            raise MalformedRequest("The chunk runs past the announced bundle size.")
        tx.sql.run(
            "INSERT INTO relay_chunks (bundle_id, device_id, pos, data) VALUES (?, ?, ?, ?)",
            (bundle_id, carrier, offset, data),
        )
        received = offset + len(data)
        tx.sql.run(
            "UPDATE relay_uploads SET received = ?, touched_at = ? "
            "WHERE bundle_id = ? AND device_id = ?",
            (received, int(now), bundle_id, carrier),
        )
        return RelayStatus(bundle_id, size, received, False)

    def _live_upload(
        self, tx: Tx, bundle_id: str, carrier: str, now: float
    ) -> dict[str, Any] | None:
        row = tx.sql.one(
            "SELECT size, received, touched_at FROM relay_uploads "
            "WHERE bundle_id = ? AND device_id = ?",
            (bundle_id, carrier),
        )
        if row is None or int(row["touched_at"]) < self._expired_before(now):
            return None  # an expired upload is gone, whether or not it was swept yet
        return dict(row)

    def _expired_before(self, now: float) -> int:
        return int(now) - self._config.relay_expiry_seconds

    def _start(self, tx: Tx, bundle_id: str, size: int, carrier: str, now: float) -> None:
        """A new upload (or one that expired, begun again), within the carrier's cap."""
        self._sweep(tx, now)
        _drop(tx, bundle_id, carrier)  # this carrier's expired copy, if it outlived the sweep
        held = int(
            tx.sql.scalar(
                "SELECT COALESCE(SUM(size), 0) FROM relay_uploads WHERE device_id = ?",
                (carrier,),
            )
        )
        cap = self._config.relay_pending_bytes_per_carrier
        if held + size > cap:
            raise RelayQuotaExceeded(
                f"This laptop already has {held} bytes of unfinished Titipan uploads on the "
                f"server and at most {cap} are kept per laptop; deliver those first (abandoned "
                f"ones are dropped after {self._config.relay_expiry_hours:g} hours).",
                limit=cap,
            )
        stamp = iso(now)
        tx.sql.run(
            "INSERT INTO relay_uploads (bundle_id, device_id, size, received, started_at, "
            "touched_at) VALUES (?, ?, ?, 0, ?, ?)",
            (bundle_id, carrier, size, stamp, int(now)),
        )

    def _sweep(self, tx: Tx, now: float) -> None:
        """Drop every abandoned upload with its chunks (run when an upload starts, so the space
        they held is free before the cap is checked)."""
        before = self._expired_before(now)
        swept = tx.sql.run(
            "DELETE FROM relay_chunks WHERE EXISTS (SELECT 1 FROM relay_uploads u "
            "WHERE u.bundle_id = relay_chunks.bundle_id AND u.device_id = relay_chunks.device_id "
            "AND u.touched_at < ?)",
            (before,),
        )
        dropped = tx.sql.run("DELETE FROM relay_uploads WHERE touched_at < ?", (before,))
        if dropped:
            log.info("dropped %s abandoned relay upload(s) (%s chunks)", dropped, swept)

    def _finish(self, bundle_id: str, carrier: str, size: int, now: float) -> RelayStatus:
        data = self._assemble(bundle_id, carrier, size)
        if data is None:
            # Progress said complete but bytes are missing (a database edited by hand): the
            # carrier starts again rather than have a hole taken for a bundle.
            self._repo.write(lambda tx: _drop(tx, bundle_id, carrier))
            raise OffsetMismatch("The server lost part of this bundle; send it again.", received=0)
        try:
            imported = bundles.import_bundle(
                self._repo,
                self._evidence,
                self._keys,
                data,
                now,
                self._config,
                via=bundles.VIA_RELAY,
                relay_device=carrier,
                max_bytes=self._config.max_relay_bytes,
                expected_id=bundle_id,
            )
        except ProtocolError as exc:
            if not exc.retryable:
                # Refused for good (damaged, foreign, replayed, ...): the same bytes would meet
                # the same answer, so they are not kept. Nothing of the bundle was applied.
                self._repo.write(lambda tx: _drop(tx, bundle_id, carrier))
            raise
        # Applied: its record in `bundles` now answers every carrier's status with complete.
        self._repo.write(lambda tx: _drop(tx, bundle_id, carrier))
        return RelayStatus(bundle_id, size, size, True, imported.summary())

    def _assemble(self, bundle_id: str, carrier: str, size: int) -> bytes | None:
        """The carrier's copy, whole and in order; None if it has a hole or the wrong size."""
        out = bytearray()
        with self._repo.transaction(write=False) as tx:
            while True:
                rows = tx.sql.all(
                    "SELECT pos, data FROM relay_chunks WHERE bundle_id = ? AND device_id = ? "
                    "AND pos >= ? ORDER BY pos LIMIT ?",
                    (bundle_id, carrier, len(out), _ROWS_PER_READ),
                )
                for row in rows:
                    if int(row["pos"]) != len(out):
                        return None
                    out += bytes(row["data"])
                if len(rows) < _ROWS_PER_READ:
                    break
        return bytes(out) if len(out) == size else None


def _lock(tx: Tx, bundle_id: str) -> None:
    """One step of a bundle's uploads at a time, in every server process (PostgreSQL); a
    SQLite write transaction is already the only writer."""
    if tx.sql.dialect.key_lock:
        tx.sql.run(tx.sql.dialect.key_lock, (_RELAY_LOCK_SPACE, int(bundle_id[:8], 16) - 2**31))


def _applied(tx: Tx, bundle_id: str) -> bool:
    return tx.sql.one("SELECT 1 FROM bundles WHERE id = ?", (bundle_id,)) is not None


def _drop(tx: Tx, bundle_id: str, carrier: str) -> None:
    tx.sql.run(
        "DELETE FROM relay_chunks WHERE bundle_id = ? AND device_id = ?", (bundle_id, carrier)
    )
    tx.sql.run(
        "DELETE FROM relay_uploads WHERE bundle_id = ? AND device_id = ?", (bundle_id, carrier)
    )

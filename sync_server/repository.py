"""The ``Repository``: opens the server database and runs one transaction per call. The
statements inside a transaction are ``sync_server.tx.Tx``'s (devices, nonces, changes, voters,
conflicts, attachment records); other parts live in modules of their own: enrollment codes
(``sync_server.enrollment``), region and voter loading (``sync_server.reference_data``), the
pull page (``sync_server.pull``), the admin listings (``sync_server.listings``), row shapes and
SQL helpers (``sync_server.rows``) and applications (``sync_server.applications``). Those
modules take a ``Tx`` or ``tx.Transactions`` and never import this one.

The push path needs many steps inside one transaction, so it gets a ``Tx`` from
``Repository.transaction`` (or ``Repository.write``, which runs it again after a
``WriteConflict``) and calls its methods.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import pathlib
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from lapang_core.domain.region import InvalidRegionCode, RegionLevel, normalize_region_code
from lapang_core.domain.region import region_level as domain_region_level
from lapang_core.domain.voter import VoterRecord
from lapang_core.protocol import Announcement, PullPage
from sync_server import enrollment, listings, pull, reference_data, restore_epoch, schema
from sync_server.db import Database, WriteConflict, open_database
from sync_server.enrollment import code_hash
from sync_server.errors import AdminError
from sync_server.rows import (
    Device,
    iso,
)
from sync_server.tx import Ingested, Tx

# AdminError, Device, code_hash and iso are defined elsewhere; callers import them from here.
__all__ = ["AdminError", "Device", "Repository", "Tx", "code_hash", "iso"]

# A batch that collided with a concurrent writer is run again; a few rounds settle any
# realistic race (each retry sees the rows of the transaction it collided with).
_WRITE_ATTEMPTS = 5
T = TypeVar("T")
log = logging.getLogger("sync_server")


class Repository:
    def __init__(self, db: Database) -> None:
        self.db = db
        # Told, after each write transaction committed, the batches of changes it took in
        # (the server's metrics); None in processes no one scrapes (the admin commands).
        self.on_ingest: Callable[[Sequence[Ingested]], None] | None = None

    @classmethod
    def open(cls, target: pathlib.Path | str, now: float) -> Repository:
        """Open the database at ``target`` (a SQLite file, created if needed, or a
        ``postgresql://`` URL) and bring its schema up to date."""
        db = open_database(target)
        try:
            schema.migrate(db, iso(now))
            restore_epoch.check_restored(db)
        except BaseException:
            db.close()
            raise
        return cls(db)

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self, *, write: bool) -> Iterator[Tx]:
        with self.db.transaction(write=write) as sql:
            tx = Tx(sql)
            yield tx
            if write:
                tx.finish()

    def write(self, work: Callable[[Tx], T]) -> T:
        """``work`` in one write transaction, run again (up to a few times) when it collided
        with a concurrent writer. ``work`` must do nothing outside the transaction."""
        for attempt in range(1, _WRITE_ATTEMPTS + 1):
            try:
                with self.transaction(write=True) as tx:
                    done = work(tx)
            except WriteConflict as exc:
                if attempt == _WRITE_ATTEMPTS:
                    raise
                log.info("write conflict, attempt %d: %s", attempt, exc)
                # Jitter, so the colliding writers do not meet again on the same beat.
                time.sleep(random.uniform(0, 0.02 * attempt))
            else:
                self._committed(tx)
                return done
        raise AssertionError("unreachable")

    def _committed(self, tx: Tx) -> None:
        if not tx.ingested or self.on_ingest is None:
            return
        try:
            self.on_ingest(tuple(tx.ingested))
        except Exception:  # noqa: BLE001 - the batch is stored: its answer must still go out
            log.exception("ingest not counted")

    # --- enrollment and devices -----------------------------------------------------------

    def create_enroll_code(self, area: str, expires_hours: float, now: float) -> str:
        """A one-time code for ``area``; only its hash is stored."""
        return enrollment.create_code(self, self.checked_area(area), expires_hours, now)

    def checked_area(self, area: str) -> str:
        """``area`` in dotted form; raises ``AdminError`` unless its region is loaded."""
        try:
            area = normalize_region_code(area)
            level = domain_region_level(area)
        except InvalidRegionCode as exc:
            raise AdminError(str(exc)) from None
        region = area.rsplit(".", 1)[0] if level is RegionLevel.TPS else area
        if self.region_name(region) is None:
            raise AdminError(
                f"Region {region} is not in the region table; load it first with load-regions."
            )
        return area

    def region_name(self, kode: str) -> str | None:
        with self.transaction(write=False) as tx:
            return tx.sql.scalar("SELECT nama FROM regions WHERE kode = ?", (kode,))

    def area_name(self, area: str) -> str:
        parts = area.split(".")
        if len(parts) == 5:
            return f"TPS {parts[4]} {self.region_name('.'.join(parts[:4])) or ''}".strip()
        return self.region_name(area) or area

    def enroll(
        self,
        code: str,
        public_key: str,
        label: str,
        now: float,
        encryption_key: str | None = None,
    ) -> Device:
        """Spend ``code`` and register the device key. Raises ``EnrollCode*`` errors."""
        return self.write(
            lambda tx: enrollment.spend_code(tx, code, public_key, label, now, encryption_key)
        )

    def encryption_key(self, device_id: str) -> tuple[str, str] | None:
        """(X25519 public key, registered at) of the device, or None if it has none yet."""
        with self.transaction(write=False) as tx:
            return enrollment.encryption_key(tx, device_id)

    def register_encryption_key(self, device_id: str, key: str, now: float) -> tuple[str, str]:
        return self.write(lambda tx: enrollment.register_encryption_key(tx, device_id, key, now))

    def device(self, device_id: str) -> Device | None:
        with self.transaction(write=False) as tx:
            return tx.device(device_id)

    def record_nonce(self, device_id: str, nonce: str, now: int, window: int) -> None:
        self.write(lambda tx: tx.record_nonce(device_id, nonce, now, window))

    def devices(self) -> list[tuple[Device, int]]:
        """Every device with the number of its changes waiting for a gap to fill."""
        with self.transaction(write=False) as tx:
            rows = tx.sql.all(
                "SELECT d.id, d.public_key, d.area, d.label, d.enrolled_at, d.revoked_at, "
                "d.applied_seq, d.last_seen_at, "
                "(SELECT COUNT(*) FROM changes c WHERE c.device_id = d.id AND c.state = 'held') "
                "FROM devices d ORDER BY d.enrolled_at, d.id"
            )
        return [(Device(*row[:8]), row[8]) for row in rows]

    def revoke(self, device_id: str, now: float) -> None:
        with self.transaction(write=True) as tx:
            device = tx.device(device_id)
            if device is None:
                raise AdminError(f"No device {device_id}; list them with `devices`.")
            if device.revoked:
                raise AdminError(f"Device {device_id} was already revoked at {device.revoked_at}.")
            tx.sql.run("UPDATE devices SET revoked_at = ? WHERE id = ?", (iso(now), device_id))

    # --- regions, TPS, voters -------------------------------------------------------------

    def load_regions(self, rows: Iterable[tuple[str, str]], now: float) -> tuple[int, int]:
        """Insert or rename regions; return (rows read, rows inserted or changed)."""
        latest = dict(rows)  # a code listed twice: its last name counts
        with self.transaction(write=True) as tx:
            changed = reference_data.upsert_regions(tx, latest)
        return len(latest), changed

    def load_voters(self, records: Iterable[VoterRecord], now: float) -> tuple[int, int]:
        """Load KPU's list. Ids follow the client's import ids (same Sidalih row, same id on
        both sides); a row that changed gets a new version by ``kpu``. Returns (inserted,
        updated)."""
        listed = list(records)  # read once: a write that collides is run again
        return self.write(lambda tx: reference_data.load_voters(tx, listed, iso(now)))

    def add_announcement(self, announcement: Announcement) -> None:
        with self.transaction(write=True) as tx:
            tx.sql.run(
                "INSERT INTO announcements (id, area, title, body, published_at, signature, rev) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*dataclasses.astuple(announcement), tx.next_revs(1)),
            )

    # --- pull -----------------------------------------------------------------------------

    def pull_page(
        self,
        device: Device,
        cursor: int,
        limit: int,
        now: float,
        *,
        no_echo: bool = False,
        no_application_echo: bool = False,
    ) -> PullPage:
        """Everything for the device's area with rev > cursor, oldest first, at most ``limit``
        items. Read in one snapshot, so the cursor never skips a row committed meanwhile.
        ``no_echo``: leave out the voter rows the device is known to hold (a v2 pull);
        ``no_application_echo``: its own applications' outcomes too (a v3 pull)."""
        return pull.pull_page(
            self,
            device,
            cursor,
            limit,
            now,
            no_echo=no_echo,
            no_application_echo=no_application_echo,
        )

    # --- admin listings (sync_server.listings) --------------------------------------------

    def changes(
        self, *, device_id: str | None = None, state: str | None = None, limit: int = 0
    ) -> list[dict[str, Any]]:
        return listings.changes(self, device_id=device_id, state=state, limit=limit)

    def iter_changes(self) -> Iterator[dict[str, Any]]:
        """Every received change, in pages (for CSV export of large tables)."""
        return listings.iter_changes(self)

    def conflicts(self) -> list[dict[str, Any]]:
        return listings.conflicts(self)

    def rejects(self) -> list[dict[str, Any]]:
        return listings.rejects(self)

    def counts(self) -> dict[str, int]:
        return listings.counts(self)

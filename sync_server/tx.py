"""The server's statements inside one open database transaction (``Tx``), and what the modules
that work in a transaction need of whoever opens it (``Transactions``). ``sync_server.repository``
opens transactions; the modules split out of it (enrollment codes, reference data, the pull
page, the admin listings) take a ``Tx`` or a ``Transactions`` from here, so imports run one way:
repository -> those modules -> tx."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import secrets
import uuid
from collections.abc import Iterable
from typing import Any, Protocol

from lapang_core.protocol import Change, PushResult, ReplayedRequest
from sync_server.db import Sql
from sync_server.rows import (
    DB_VOTER_COLUMNS,
    VOTER_INSERT,
    VOTER_UPDATE,
    Device,
    db_voter_row,
    in_chunks,
    json_text,
    placeholders,
    voter_dict,
    voter_values,
)
from sync_server.rules import ConflictInfo

# How a batch of changes reached the server (``Ingested.via``, the metrics' ``via`` label).
VIA_ONLINE = "online"  # a push
VIA_FILE = "file"  # a bundle imported from a stick (``import-bundle``)
VIA_RELAY = "relay"  # a bundle another laptop carried (``POST /v1/relay``)


@dataclasses.dataclass(frozen=True)
class Ingested:
    """One batch of changes a transaction took in: how it came, how many changes, and the
    answer. Counted only once the transaction committed (``Repository.on_ingest``)."""

    via: str
    received: int
    result: PushResult


class Transactions(Protocol):
    """Opens transactions: ``sync_server.repository.Repository``."""

    def transaction(self, *, write: bool) -> contextlib.AbstractContextManager[Tx]: ...


# Provisional revs (deferred_revs dialects) count up from here; real revs are positive. A
# transaction's rows are found by "rev < 0" and shifted to their real revs just before COMMIT.
_PROVISIONAL_REV = -(2**62)
_REV_COLUMNS = (
    ("regions", "rev"),
    ("tps", "rev"),
    ("voters", "rev"),
    ("conflicts", "rev"),
    ("announcements", "rev"),
    ("applications", "rev"),
    ("changes", "notice_rev"),
)
log = logging.getLogger("sync_server")


class Tx:
    """The repository's statements inside one open transaction."""

    def __init__(self, sql: Sql) -> None:
        self.sql = sql
        self._deferred = sql.dialect.deferred_revs
        self._pending = 0
        # Read caches of the push path, filled in bulk (prefetch_slots, lock_voters) instead of
        # one query per change, and kept current by this transaction's own writes. A key that
        # is present is authoritative (None: no such row); rows of others cannot change under
        # them: SQLite has one writer, and on PostgreSQL the device row lock (slots) and the
        # voter row locks (voters) are held until commit.
        self._slots: dict[tuple[str, int], dict[str, Any] | None] = {}
        self._firsts: dict[str, dict[str, Any] | None] = {}  # change_id -> its counting slot
        self._first_of_slot: dict[tuple[str, int], str] = {}
        self._voters: dict[str, dict[str, Any] | None] = {}
        # voter id -> (insert?, row, rev, time): written by finish()
        self._dirty_voters: dict[str, tuple[bool, dict[str, Any], int, str]] = {}
        # Change rows this transaction inserted: a batch that brought none is not kept again.
        self.changes_inserted = 0
        # Batches taken in (ingest.ingest_batch), for the metrics once this commits.
        self.ingested: list[Ingested] = []

    # --- revs -----------------------------------------------------------------------------

    def next_revs(self, count: int) -> int:
        """Reserve ``count`` consecutive revs; return the first.

        Revs must become visible in commit order, or a pull could move its cursor past a row
        that commits later with a lower rev. SQLite has one writer at a time, so the counter is
        simply updated here. With concurrent writers (PostgreSQL) the counter row would then
        stay locked from the first change to COMMIT and serialize every push; instead the rows
        get provisional revs and ``finish`` takes the real ones just before COMMIT, holding
        the counter lock only for that moment (still until COMMIT: commit order)."""
        if self._deferred:
            first = _PROVISIONAL_REV + self._pending
            self._pending += count
            return first
        return self._take_revs(count)

    def _take_revs(self, count: int) -> int:
        top = self.sql.scalar(
            "UPDATE counters SET value = value + ? WHERE name = 'rev' RETURNING value", (count,)
        )
        return int(top) - count + 1

    def finish(self) -> None:
        """Write the voters this transaction changed and give provisional revs their real
        values (the last step before COMMIT)."""
        shift = 0
        if self._pending:
            shift = self._take_revs(self._pending) - _PROVISIONAL_REV
            self._pending = 0
        for voter_id, (insert, voter, rev, now_iso) in self._dirty_voters.items():
            values = voter_values(voter, rev + shift if rev < 0 else rev, now_iso)
            if insert:
                self.sql.defer(VOTER_INSERT, values)
            else:
                self.sql.defer(VOTER_UPDATE, [*values[1:], voter_id])
        self._dirty_voters.clear()
        if shift:
            for table, column in _REV_COLUMNS:
                self.sql.run(
                    f"UPDATE {table} SET {column} = {column} + ? WHERE {column} < 0", (shift,)
                )

    def head_rev(self) -> int:
        return int(self.sql.scalar("SELECT value FROM counters WHERE name = 'rev'"))

    # --- devices --------------------------------------------------------------------------

    def device(self, device_id: str, *, lock: bool = False) -> Device | None:
        suffix = self.sql.for_update if lock else ""
        row = self.sql.one(
            "SELECT id, public_key, area, label, enrolled_at, revoked_at, applied_seq, "
            f"last_seen_at FROM devices WHERE id = ?{suffix}",
            (device_id,),
        )
        return None if row is None else Device(*row)

    def set_applied_seq(self, device_id: str, seq: int, now_iso: str) -> None:
        self.sql.run(
            "UPDATE devices SET applied_seq = ?, last_seen_at = ? WHERE id = ?",
            (seq, now_iso, device_id),
        )

    def received_through(self, device_id: str) -> int:
        """The device's highest seq stored here, in any state (0: none). Every change a device
        was answered for has its slot, so a device holding answers above this lost them with a
        restore of this database, and resends them."""
        return int(
            self.sql.scalar(
                "SELECT COALESCE(MAX(seq), 0) FROM changes WHERE device_id = ?", (device_id,)
            )
        )

    def record_nonce(self, device_id: str, nonce: str, now: int, window: int) -> None:
        """Raise ``ReplayedRequest`` if this device used ``nonce`` within the replay window."""
        inserted = self.sql.run(
            "INSERT INTO nonces (device_id, nonce, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (device_id, nonce) DO NOTHING",
            (device_id, nonce, now),
        )
        if not inserted:
            raise ReplayedRequest(
                "This request was already received (same nonce); a retry must be signed anew."
            )
        # Nonces older than twice the clock window can never be replayed: the timestamp check
        # refuses them first. Pruning here keeps the table small without a background job.
        if secrets.randbelow(64) == 0:
            self.sql.run("DELETE FROM nonces WHERE seen_at < ?", (now - 2 * window,))

    # --- changes --------------------------------------------------------------------------

    def prefetch_slots(self, device_id: str, changes: Iterable[Change]) -> None:
        """Read the slots of these changes' seqs and the earlier slots of their change ids in
        two queries, for ``change_slot`` and ``change_by_id`` to answer from."""
        changes = list(changes)
        seqs = [c.seq for c in changes]
        ids = sorted({c.change_id for c in changes})
        self._slots.update({(device_id, seq): None for seq in seqs})
        for part in in_chunks(seqs):
            for row in self.sql.all(
                "SELECT seq, change_id, state, reason, message, conflict_id FROM changes "
                f"WHERE device_id = ? AND seq IN ({placeholders(part)})",
                [device_id, *part],
            ):
                self._slots[(device_id, row["seq"])] = dict(row)
        self._firsts.update({change_id: None for change_id in ids})
        for part in in_chunks(ids):
            for row in self.sql.all(
                "SELECT change_id, device_id, seq, state FROM changes "
                f"WHERE change_id IN ({placeholders(part)})",
                part,
            ):
                self._remember_first(row["change_id"], row["device_id"], row["seq"], row["state"])

    def _remember_first(self, change_id: str, device_id: str, seq: int, state: str) -> None:
        # The slot that counts (held, applied, conflict or refused) before mere duplicates,
        # as change_by_id's ORDER BY.
        known = self._firsts.get(change_id)
        if known is None or (known["state"] == "duplicate" and state != "duplicate"):
            self._firsts[change_id] = {"device_id": device_id, "seq": seq, "state": state}
            self._first_of_slot[(device_id, seq)] = change_id

    def change_slot(self, device_id: str, seq: int) -> Any:
        if (device_id, seq) in self._slots:
            return self._slots[(device_id, seq)]
        return self.sql.one(
            "SELECT seq, change_id, state, reason, message, conflict_id FROM changes "
            "WHERE device_id = ? AND seq = ?",
            (device_id, seq),
        )

    def change_by_id(self, change_id: str) -> Any:
        if change_id in self._firsts:
            return self._firsts[change_id]
        return self.sql.one(
            # The first copy, not a later duplicate of it.
            "SELECT device_id, seq, state FROM changes WHERE change_id = ? "
            "ORDER BY CASE WHEN state = 'duplicate' THEN 1 ELSE 0 END LIMIT 1",
            (change_id,),
        )

    def insert_change(
        self,
        device_id: str,
        change: Change,
        *,
        batch_id: str,
        now_iso: str,
        state: str,
        reason: str | None = None,
        message: str | None = None,
        notice_rev: int | None = None,
        batch_pos: int | None = None,
    ) -> None:
        self.changes_inserted += 1
        key = (device_id, change.seq)
        if key in self._slots:
            self._slots[key] = {
                "seq": change.seq,
                "change_id": change.change_id,
                "state": state,
                "reason": reason,
                "message": message,
                "conflict_id": None,
            }
        if change.change_id in self._firsts:
            self._remember_first(change.change_id, device_id, change.seq, state)
        self.sql.defer(
            "INSERT INTO changes (device_id, seq, change_id, entity, entity_id, op, payload, "
            "base_version, created_at, officer, batch_id, received_at, state, reason, message, "
            "notice_rev, batch_pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                device_id,
                change.seq,
                change.change_id,
                change.entity,
                change.entity_id,
                change.op,
                json_text(change.payload),
                change.base_version,
                change.created_at,
                change.officer,
                batch_id,
                now_iso,
                state,
                reason,
                message,
                notice_rev,
                batch_pos,
            ),
        )

    def fill_skipped_slot(
        self,
        device_id: str,
        change: Change,
        *,
        batch_id: str,
        now_iso: str,
        notice_rev: int,
        batch_pos: int | None = None,
    ) -> None:
        """A change arrived for a seq KPU already released as lost: keep it, refused."""
        self.sql.run("DELETE FROM changes WHERE device_id = ? AND seq = ?", (device_id, change.seq))
        self.insert_change(
            device_id,
            change,
            batch_id=batch_id,
            now_iso=now_iso,
            state="refused",
            reason="seq_skipped",
            message="KPU released this change as lost before it arrived; it is kept for review.",
            notice_rev=notice_rev,
            batch_pos=batch_pos,
        )

    def settle_change(
        self,
        device_id: str,
        seq: int,
        *,
        state: str,
        now_iso: str,
        reason: str | None = None,
        message: str | None = None,
        conflict_id: str | None = None,
        notice_rev: int | None = None,
    ) -> None:
        key = (device_id, seq)
        slot = self._slots.get(key)
        if slot is not None:
            slot.update(state=state, reason=reason, message=message, conflict_id=conflict_id)
        change_id = self._first_of_slot.get(key)
        if change_id is not None:
            if state == "duplicate":  # another slot may count now: ask the database again
                self._firsts.pop(change_id, None)
                del self._first_of_slot[key]
            else:
                self._firsts[change_id] = {"device_id": device_id, "seq": seq, "state": state}
        self.sql.defer(
            "UPDATE changes SET state = ?, reason = ?, message = ?, conflict_id = ?, "
            "applied_at = ?, notice_rev = ? WHERE device_id = ? AND seq = ?",
            (state, reason, message, conflict_id, now_iso, notice_rev, device_id, seq),
        )

    def slots_after(self, device_id: str, seq: int) -> list[Any]:
        return self.sql.all(
            "SELECT seq, change_id, entity, entity_id, op, payload, base_version, created_at, "
            "officer, state FROM changes WHERE device_id = ? AND seq > ? ORDER BY seq",
            (device_id, seq),
        )

    def insert_skipped(self, device_id: str, seqs: Iterable[int], now_iso: str) -> None:
        seqs = list(seqs)
        for seq in seqs:
            if (device_id, seq) in self._slots:
                self._slots[(device_id, seq)] = {
                    "seq": seq,
                    "change_id": None,
                    "state": "skipped",
                    "reason": None,
                    "message": None,
                    "conflict_id": None,
                }
        self.sql.many(
            "INSERT INTO changes (device_id, seq, received_at, state) VALUES (?, ?, ?, 'skipped')",
            [(device_id, s, now_iso) for s in seqs],
        )

    def insert_reject(self, device_id: str, change: Change, reason: str, now_iso: str) -> None:
        self.sql.run(
            "INSERT INTO rejects (id, device_id, seq, change_id, change, reason, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                uuid.uuid4().hex,
                device_id,
                change.seq,
                change.change_id,
                json_text(change.to_outbox()),
                reason,
                now_iso,
            ),
        )

    # --- voters and other entities --------------------------------------------------------

    def voter(self, voter_id: str, *, lock: bool = False) -> dict[str, Any] | None:
        """The voter row; ``lock``: held until commit (a write that reads, then changes it)."""
        if voter_id in self._voters:  # locked by lock_voters, or written by this transaction
            cached = self._voters[voter_id]
            return None if cached is None else dict(cached)
        suffix = self.sql.for_update if lock else ""
        row = self.sql.one(
            f"SELECT {', '.join(DB_VOTER_COLUMNS)} FROM voters WHERE id = ?{suffix}",
            (voter_id,),
        )
        voter = None if row is None else voter_dict(row)
        if lock:
            self._voters[voter_id] = voter
        return None if voter is None else dict(voter)

    def lock_voters(self, voter_ids: Iterable[str]) -> None:
        """Read and lock these voters until commit, in id order, for ``voter`` to answer from.
        The order matters on PostgreSQL: two batches touching the same voters in different
        orders then queue instead of deadlocking."""
        ordered = sorted(set(voter_ids) - self._voters.keys())
        self._voters.update({voter_id: None for voter_id in ordered})
        for part in in_chunks(ordered):
            for row in self.sql.all(
                f"SELECT {', '.join(DB_VOTER_COLUMNS)} FROM voters "
                f"WHERE id IN ({placeholders(part)}) ORDER BY id{self.sql.for_update}",
                part,
            ):
                self._voters[row["id"]] = voter_dict(row)

    def echo_markers(self, voter_ids: Iterable[str]) -> dict[str, tuple[int, Any, Any]]:
        """voter id -> (version, echo_device, echo_version), from this transaction's writes
        where it made them, else read in bulk."""
        out: dict[str, tuple[int, Any, Any]] = {}
        unread = []
        for voter_id in sorted(set(voter_ids)):
            cached = self._voters.get(voter_id)
            if cached is not None:
                out[voter_id] = (cached["version"], cached["echo_device"], cached["echo_version"])
            elif voter_id not in self._voters:
                unread.append(voter_id)
        for part in in_chunks(unread):
            for row in self.sql.all(
                "SELECT id, version, echo_device, echo_version FROM voters "
                f"WHERE id IN ({placeholders(part)})",
                part,
            ):
                out[row["id"]] = (row["version"], row["echo_device"], row["echo_version"])
        return out

    def _write_voter(self, voter: dict[str, Any], rev: int, now_iso: str, insert: bool) -> None:
        # Written once, by finish(), with its final values and real rev: a voter changed by
        # several changes of a batch costs one write, and none is written twice for its rev.
        # Reads in this transaction are answered from the cache meanwhile.
        row = db_voter_row(voter)
        self._voters[row["id"]] = row
        earlier = self._dirty_voters.get(row["id"])
        self._dirty_voters[row["id"]] = (insert or bool(earlier and earlier[0]), row, rev, now_iso)

    def insert_voter(self, voter: dict[str, Any], rev: int, now_iso: str) -> None:
        self._write_voter(voter, rev, now_iso, insert=True)

    def update_voter(self, voter: dict[str, Any], rev: int, now_iso: str) -> None:
        self._write_voter(voter, rev, now_iso, insert=False)

    def insert_conflict(
        self, voter_id: str, change: Change, device_id: str, info: ConflictInfo, now_iso: str
    ) -> str:
        conflict_id = uuid.uuid4().hex
        self.sql.run(
            "INSERT INTO conflicts (id, voter_id, change_id, device_id, other_author, "
            "base_version, server_version, server_value, change_value, rule, created_at, rev) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                conflict_id,
                voter_id,
                change.change_id,
                device_id,
                info.other_author,
                info.base_version,
                info.server_version,
                json_text(info.server_value),
                json_text(info.change_value),
                info.rule,
                now_iso,
                self.next_revs(1),
            ),
        )
        return conflict_id

    def ensure_tps(self, tps_id: str) -> None:
        if self.sql.run(
            "INSERT INTO tps (id, kode_desa, rev) VALUES (?, ?, 0) ON CONFLICT (id) DO NOTHING",
            (tps_id, tps_id.rsplit(".", 1)[0]),
        ):
            self.sql.run("UPDATE tps SET rev = ? WHERE id = ?", (self.next_revs(1), tps_id))

    def attachments_missing(self, hashes: Iterable[str]) -> list[str]:
        wanted = sorted(set(hashes))
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        have = {
            row["sha256"]
            for row in self.sql.all(
                f"SELECT sha256 FROM attachments WHERE complete = 1 AND sha256 IN ({marks})",
                wanted,
            )
        }
        return [h for h in wanted if h not in have]

    # --- attachments ----------------------------------------------------------------------

    def add_attachment_refs(self, device_id: str, refs: Iterable[tuple[str, str]]) -> None:
        """Record that this device's changes name these files ((sha256, change_id) pairs): it
        may upload them. The first change naming a file stays recorded."""
        rows = [(sha, device_id, change_id) for sha, change_id in refs]
        if rows:
            self.sql.many(
                "INSERT INTO attachment_refs (sha256, device_id, change_id) VALUES (?, ?, ?) "
                "ON CONFLICT (sha256, device_id) DO NOTHING",
                rows,
            )

    def attachment_referenced(self, sha256: str, device_id: str) -> bool:
        return (
            self.sql.one(
                "SELECT 1 FROM attachment_refs WHERE sha256 = ? AND device_id = ?",
                (sha256, device_id),
            )
            is not None
        )

    def finished_attachment(self, sha256: str) -> Any:
        """The finished, verified file (shared by every device), or None."""
        return self.sql.one(
            "SELECT sha256, size FROM attachments WHERE sha256 = ? AND complete = 1", (sha256,)
        )

    def attachment_upload(self, sha256: str, device_id: str) -> Any:
        """This device's own upload of the file so far, or None."""
        return self.sql.one(
            "SELECT size, received FROM attachment_uploads WHERE sha256 = ? AND device_id = ?",
            (sha256, device_id),
        )

    def start_attachment_upload(self, sha256: str, device_id: str, size: int, now_iso: str) -> None:
        self.sql.run(
            "INSERT INTO attachment_uploads (sha256, device_id, size, received, started_at, "
            "updated_at) VALUES (?, ?, ?, 0, ?, ?)",
            (sha256, device_id, size, now_iso, now_iso),
        )

    def set_attachment_upload(
        self, sha256: str, device_id: str, received: int, now_iso: str
    ) -> None:
        self.sql.run(
            "UPDATE attachment_uploads SET received = ?, updated_at = ? "
            "WHERE sha256 = ? AND device_id = ?",
            (received, now_iso, sha256, device_id),
        )

    def drop_attachment_upload(self, sha256: str, device_id: str) -> None:
        self.sql.run(
            "DELETE FROM attachment_uploads WHERE sha256 = ? AND device_id = ?",
            (sha256, device_id),
        )

    def finish_attachment(self, sha256: str, size: int, device_id: str, now_iso: str) -> list[str]:
        """Record the verified file as finished (``device_id`` completed it) and end every
        device's upload of it; return the devices whose partial copies are now unneeded."""
        self.sql.run(
            "INSERT INTO attachments (sha256, size, received, complete, device_id, created_at, "
            "completed_at) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            (sha256, size, size, device_id, now_iso, now_iso),
        )
        uploaders = [
            row["device_id"]
            for row in self.sql.all(
                "SELECT device_id FROM attachment_uploads WHERE sha256 = ?", (sha256,)
            )
        ]
        self.sql.run("DELETE FROM attachment_uploads WHERE sha256 = ?", (sha256,))
        return uploaders

"""Push: send the outbox in batches, mark only what the server acknowledged.

For each batch the answer is applied in one transaction: ``accepted``, ``held``, ``duplicate``
and ``conflict`` become *sent*; a permanent refusal goes to the officer's quarantine with its
reason; anything else (not mentioned, refused as temporary, or no answer at all) stays pending
and goes out again — the server recognises it and answers ``duplicate`` if it had arrived.
The seq ranges the server reports missing are resent at once (entries in any state: a
re-enrolled laptop fills its new numbering), and the files it lists are queued for upload.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections import deque
from typing import Any

from desktop_app.store import application_outcomes, outbox, sync_inbox, sync_state
from desktop_app.store.field_store import utc_now
from desktop_app.store.outbox import OutboxEntry
from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import PHASE_PUSH, RunContext, SyncProgress, log
from desktop_app.sync.versions import lower_version
from lapang_core import protocol as p

# Bytes per change before the first answer tells us better (docs/sync-protocol.md 5.2: ~55).
_ESTIMATED_BYTES_PER_CHANGE = 60
_MAX_OFFICER_CHARS = 120
INVALID_OP = "invalid_change"
_PLACEHOLDER_NS = uuid.UUID("6c61706e-6700-4b1d-8000-696e76616c69")


@dataclasses.dataclass
class _Batch:
    entries: list[OutboxEntry]
    body: bytes
    refill: bool
    invalid: dict[int, str]  # outbox seq -> why the entry travels as a placeholder
    version: int  # the document version of the body (versions.DocVersion)


def _wire_change(entry: OutboxEntry, enrollment: sync_state.Enrollment) -> p.Change:
    wire = entry.to_wire()
    wire["seq"] = enrollment.wire_seq(entry.seq)
    # The protocol caps the officer's name; a longer name must not block the queue.
    wire["officer"] = str(wire["officer"])[:_MAX_OFFICER_CHARS]
    return p.Change.from_outbox(wire)


def _placeholder(entry: OutboxEntry, enrollment: sync_state.Enrollment) -> p.Change:
    """A stand-in for an entry that breaks the change contract (it cannot travel as it is).
    Leaving its seq out would leave a gap the server waits behind forever; the stand-in, an
    operation no server knows, is refused on its own (``unknown_op``) and the queue flows on."""
    change_id = (
        entry.change_id
        if p.is_hex_id(entry.change_id)
        else uuid.uuid5(_PLACEHOLDER_NS, str(entry.change_id)).hex
    )
    entity_id = entry.entity_id if p.is_hex_id(entry.entity_id) else "0" * 32
    return p.Change(
        change_id=change_id,
        seq=enrollment.wire_seq(entry.seq),
        entity=p.ENTITY_VOTER,
        entity_id=entity_id,
        op=INVALID_OP,
        payload={},
        base_version=None,
        created_at=p.ms_to_iso(int(time.time() * 1000)),
        officer=str(entry.officer)[:_MAX_OFFICER_CHARS],
    )


def encode_batch(
    entries: list[OutboxEntry],
    enrollment: sync_state.Enrollment,
    version: int = p.PROTOCOL_VERSION,
) -> tuple[bytes, dict[int, str]]:
    """The batch body, and the entries that travel as placeholders (seq -> why). An online
    push asks for version 3 (``DOC_VERSION_APPLICATION_NO_ECHO``: the answer carries the new
    versions of voters and applications, so the pull that follows brings no echo back), or
    the version an older server speaks (``versions``);
    bundles (``bundle_export``) carry version 1 bodies, whose acknowledgement comes back in a
    return bundle without versions."""
    changes: list[p.Change] = []
    invalid: dict[int, str] = {}
    for entry in entries:
        try:
            changes.append(_wire_change(entry, enrollment))
        except p.InvalidChange as exc:
            log.warning("outbox entry seq %d is not a valid change: %s", entry.seq, exc.message)
            invalid[entry.seq] = exc.message
            changes.append(_placeholder(entry, enrollment))
    return p.PushRequest(tuple(changes), version).encode(), invalid


def _told(
    entries: dict[int, OutboxEntry], result: p.PushResult, entity: str
) -> list[tuple[OutboxEntry, int]]:
    """(entry, version) the server says this laptop's changes of ``entity`` left; only for
    entries of this batch (wire seq -> entry) that it acknowledged."""
    acknowledged = {r.seq for r in result.results if r.acknowledged}
    return [
        (entries[seq], version)
        for seq, version in result.new_versions
        if seq in entries and seq in acknowledged and entries[seq].entity == entity
    ]


def _new_versions(entries: dict[int, OutboxEntry], result: p.PushResult) -> list[tuple[str, int]]:
    """(voter id, version) the server says this laptop's voter changes left."""
    return [(e.entity_id, v) for e, v in _told(entries, result, outbox.ENTITY_VOTER)]


def _own_outcomes(entries: dict[int, OutboxEntry], result: p.PushResult) -> list[dict[str, Any]]:
    """The outcomes this laptop's own submissions left at KPU, as it wrote them (protocol v3):
    the pull does not bring them back, so they are stored from the answer. An answer of an
    older version tells none: its pull brings them."""
    if result.version < p.DOC_VERSION_APPLICATION_NO_ECHO:
        return []
    return [
        application_outcomes.as_written(e.entity_id, e.payload, v)
        for e, v in _told(entries, result, outbox.ENTITY_APPLICATION)
        if e.op == "application.submit"
    ]


def _files_needed(entries: dict[int, OutboxEntry], result: p.PushResult) -> list[str]:
    """The files to upload: named by hash (v1 answer) or by the changes that name them (v2)."""
    shas = list(result.need_attachments)
    for seq in result.need_attachment_seqs:
        entry = entries.get(seq)
        if entry is not None:
            shas.extend(_files_of(entry))
    return shas


def _files_of(entry: OutboxEntry) -> list[str]:
    try:
        return p.Change.from_outbox(entry.to_wire()).files_named()
    except p.InvalidChange:
        return []  # travelled as a placeholder, which names no file


class PushPhase:
    def __init__(self, ctx: RunContext, sizer: BatchSizer) -> None:
        self.ctx = ctx
        self.sizer = sizer
        limits = ctx.enrollment.limits
        sizer.set_maximum(int(limits.get("max_batch_changes", p.MAX_BATCH_CHANGES)))
        self.max_body = int(limits.get("max_body_bytes", p.MAX_BODY_BYTES))
        self.after_seq = ctx.enrollment.seq_base  # outbox seq below which nothing is pending here
        self.refill: deque[list[int]] = deque()  # outbox seq ranges the server reported missing
        self.resent: set[int] = set()
        self.gaps: set[int] = set()
        self.total = sync_state.pending_count(ctx.db, after_seq=self.after_seq)
        self.done = 0
        self.bytes_done = 0

    def run(self) -> None:
        failures = 0
        self._progress()
        while True:
            self.ctx.check_cancel()
            batch = self._next_batch()
            if batch is None:
                return
            started = self.ctx.clock()
            connecting = self._connect_seconds()
            self.ctx.report.sent += len(batch.entries)
            try:
                result = self.ctx.client.push(batch.body)
            except Exception as exc:
                self._unread(batch.entries, batch.refill)
                lower = lower_version(exc, batch.version)
                if lower is not None:
                    # A server from before this version: the same changes again, in its own.
                    log.info("push of version %d refused (%s)", batch.version, exc)
                    self.ctx.doc_version.settle(lower)
                    continue
                failures += 1
                self.sizer.failure()
                self.ctx.retry_after(exc, failures)
                continue
            failures = 0
            self.sizer.success(len(batch.entries), self._request_seconds(started, connecting))
            self.ctx.report.batches += 1
            self._apply(batch, result)

    def _connect_seconds(self) -> float:
        return self.ctx.client.connect_seconds

    def _request_seconds(self, started: float, connecting: float) -> float:
        """The request's time without the connection it opened, if it opened one: the batch
        did not make that longer (the handshake is noted as the link's round trip)."""
        seconds = self.ctx.clock() - started
        opened = self._connect_seconds() - connecting
        if opened <= 0:
            return seconds
        handshake = self.ctx.client.handshake_seconds
        if handshake:
            self.sizer.note_round_trip(handshake)
        return max(seconds - opened, 1e-3)

    # -- choosing the next batch --------------------------------------------------------------
    def _next_batch(self) -> _Batch | None:
        while True:
            refill = bool(self.refill)
            entries = self._refill_entries() if refill else self._pending_entries()
            if entries is None:
                return None
            if not entries:
                continue
            version = self.ctx.doc_version.current
            body, invalid = encode_batch(entries, self.ctx.enrollment, version)
            if len(body) > self.max_body and len(entries) > 1:
                self.sizer.shrink_to(len(entries) // 2)
                self._unread(entries, refill)
                continue
            return _Batch(entries, body, refill, invalid, version)

    def _pending_entries(self) -> list[OutboxEntry] | None:
        entries = outbox.pending_entries(
            self.ctx.db, limit=self.sizer.size, after_seq=self.after_seq
        )
        if not entries:
            return None
        self.after_seq = entries[-1].seq
        return entries

    def _refill_entries(self) -> list[OutboxEntry]:
        first, last = self.refill[0]
        entries = sync_state.outbox_entries_by_seq(self.ctx.db, first, last, limit=self.sizer.size)
        present = {e.seq for e in entries}
        reach = entries[-1].seq if len(entries) == self.sizer.size else last
        # Seqs in the range this laptop no longer has (restored from an old backup): only KPU's
        # release-gap can settle them. Count them once and do not ask again in this run.
        self.gaps.update(s for s in range(first, reach + 1) if s not in present)
        self.ctx.report.gaps = len(self.gaps)
        self.resent.update(range(first, reach + 1))
        if reach >= last:
            self.refill.popleft()
        else:
            self.refill[0][0] = reach + 1
        return entries

    def _unread(self, entries: list[OutboxEntry], refill: bool) -> None:
        """Put back a batch that was too large in bytes, to be read again in smaller pieces."""
        if refill:
            self.refill.appendleft([entries[0].seq, entries[-1].seq])
            self.resent.difference_update(e.seq for e in entries)
        else:
            self.after_seq = entries[0].seq - 1

    # -- applying the answer -----------------------------------------------------------------
    def _apply(self, batch: _Batch, result: p.PushResult) -> None:
        ctx = self.ctx
        by_seq = result.by_seq()
        acked: list[int] = []
        refused: list[tuple[OutboxEntry, p.ChangeResult]] = []
        for entry in batch.entries:
            answer = by_seq.get(ctx.enrollment.wire_seq(entry.seq))
            if answer is None or not answer.acknowledged:
                continue  # nothing known: it stays queued and goes out again
            if entry.seq in batch.invalid:
                # Refused as the placeholder it was: quarantine it with the real reason.
                message = f"This change is damaged and cannot be sent: {batch.invalid[entry.seq]}"
                refused.append(
                    (
                        entry,
                        p.ChangeResult(
                            answer.seq, p.ChangeStatus.REFUSED, INVALID_OP, True, message
                        ),
                    )
                )
                self.ctx.report.invalid += 1
            elif answer.status is p.ChangeStatus.REFUSED:
                refused.append((entry, answer))
            else:
                acked.append(entry.seq)
        now = utc_now()
        entries = {ctx.enrollment.wire_seq(e.seq): e for e in batch.entries}
        with ctx.db.atomic():
            before = ctx.db.conn.total_changes
            outbox.mark_sent(ctx.db, acked, at=now)
            confirmed = ctx.db.conn.total_changes - before
            # In the same transaction as "sent": the rows these changes made are not pulled back.
            sync_inbox.store_new_versions(ctx.db, _new_versions(entries, result))
            application_outcomes.store_outcomes(ctx.db, _own_outcomes(entries, result), now)
            quarantined = 0
            for entry, answer in refused:
                before = ctx.db.conn.total_changes
                outbox.mark_refused(
                    ctx.db,
                    entry.seq,
                    code=answer.reason or "refused",
                    reason=answer.message or "",
                    at=now,
                )
                quarantined += ctx.db.conn.total_changes - before
            sync_state.queue_uploads(ctx.db, _files_needed(entries, result), at=now)
        ctx.report.confirmed += confirmed
        ctx.report.refused += quarantined
        if not batch.refill:
            self.done += len(acked) + len(refused)
            self.bytes_done += len(batch.body)
        self._queue_missing(result.missing)
        self._progress()

    def _queue_missing(self, missing: tuple[tuple[int, int], ...]) -> None:
        base = self.ctx.enrollment.seq_base
        for first, last in missing:
            lo, hi = first + base, last + base
            # Skip what this run already resent: a seq the server still misses after that
            # is one this laptop does not have.
            seqs = [s for s in range(lo, hi + 1) if s not in self.resent]
            for seq in seqs:
                if self.refill and self.refill[-1][1] == seq - 1:
                    self.refill[-1][1] = seq
                else:
                    self.refill.append([seq, seq])

    def _progress(self) -> None:
        per_change = self.bytes_done / self.done if self.done else _ESTIMATED_BYTES_PER_CHANGE
        remaining = max(0, self.total - self.done)
        self.ctx.emit(
            SyncProgress(
                PHASE_PUSH,
                self.done,
                self.total,
                self.bytes_done,
                self.bytes_done + int(remaining * per_change),
            )
        )

"""Receiving a push batch: de-duplication, per-device ordering and applying changes.

All of it runs inside the one write transaction of the request, so a batch is stored
completely or not at all. Each change first takes its (device, seq) slot; then the device's
slots are applied strictly in seq order from the last applied one. A change whose earlier seqs
have not arrived is *held*: stored and acknowledged, applied when the gap fills (or when KPU
releases the gap with ``release-gap``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from lapang_core.domain.tms_record import OtherRecord, ganda_others, ganda_reference
from lapang_core.protocol import (
    DOC_VERSION_APPLICATION_NO_ECHO,
    DOC_VERSION_NO_ECHO,
    ENTITY_APPLICATION,
    ENTITY_VOTER,
    PROTOCOL_VERSION,
    Change,
    ChangeResult,
    ChangeStatus,
    PushResult,
    UnknownDevice,
)
from sync_server import applications, origin, rules
from sync_server.origin import SignedBatch
from sync_server.repository import AdminError, Device, Repository, Tx, iso
from sync_server.rows import NOT_HELD
from sync_server.rules import Refusal
from sync_server.tx import VIA_ONLINE, Ingested

_SEQ_REUSED = (
    "This device already sent a different change under the same number; the change is kept "
    "for KPU to review. Report this to KPU support."
)


def ingest_batch(
    tx: Tx,
    signed: SignedBatch,
    changes: Sequence[Change],
    now: float,
    election_date: dt.date | None,
    *,
    version: int = PROTOCOL_VERSION,
    via: str = VIA_ONLINE,
) -> PushResult:
    """Take ``changes`` (decoded from ``signed.body``, in its order) into their slots, apply
    what can be applied, and keep ``signed`` as their proof of origin (``sync_server.origin``).
    ``version`` 2 (``DOC_VERSION_NO_ECHO``): the answer tells the device each applied change's
    voter version, so those rows are not sent back to it; 3 (``DOC_VERSION_APPLICATION_NO_ECHO``):
    its applications' outcome versions too.

    Every way a change reaches the server passes here (``via``: a push, a relayed bundle, a
    bundle from a stick), so this is where what arrived is noted for the metrics; they count
    it once the transaction committed (``Repository.on_ingest``), never for an attempt that
    was rolled back and run again."""
    result = _take_batch(tx, signed, changes, now, election_date, version=version)
    tx.ingested.append(Ingested(via, len(changes), result))
    return result


def _take_batch(
    tx: Tx,
    signed: SignedBatch,
    changes: Sequence[Change],
    now: float,
    election_date: dt.date | None,
    *,
    version: int,
) -> PushResult:
    now_iso = iso(now)
    no_echo = version >= DOC_VERSION_NO_ECHO
    batch_id = signed.batch_id
    device = tx.device(signed.device_id, lock=True)  # re-read: a concurrent push may have moved it
    if device is None:  # authenticated a moment ago: only a concurrent database edit does this
        raise UnknownDevice("This device is no longer registered on the server.")
    results: dict[int, ChangeResult] = {}
    tx.prefetch_slots(device.id, changes)  # two queries for the batch, not two per change
    inserted_before = tx.changes_inserted
    for pos, change in enumerate(changes):
        results[change.seq] = _take_slot(tx, device, change, batch_id, pos, now_iso, election_date)
    if tx.changes_inserted > inserted_before:
        origin.keep(tx, signed, now_iso)  # only batches that brought a change are kept
    # Only changes this answer reports may leave a row out of the device's pull: a held change
    # applied later, by another request, is never told to the device.
    answered = frozenset(results) if no_echo else frozenset()
    # A v2 laptop keeps no outcome row from the answer: only a v3 one is told applications.
    told_applications = (
        frozenset(results) if version >= DOC_VERSION_APPLICATION_NO_ECHO else frozenset()
    )
    applied_seq, settled = drain(tx, device, now, election_date, answered, told_applications)
    results.update({seq: r for seq, r in settled.items() if seq in results})
    waiting = tx.slots_after(device.id, applied_seq)
    missing = _missing_ranges(applied_seq, [row["seq"] for row in waiting])
    partner = _awaited_partner(waiting)
    if partner is not None:
        missing.append((partner, partner))
    refs = [
        (sha, change.change_id)
        for change in changes
        if results[change.seq].status is not ChangeStatus.REFUSED
        for sha in _attachment_refs(change)
    ]
    # The device may upload exactly the files its acknowledged changes name (section 8).
    tx.add_attachment_refs(device.id, refs)
    need = tx.attachments_missing(sha for sha, _ in refs)
    ordered = tuple(results[seq] for seq in sorted(results))
    if not no_echo:
        return PushResult(ordered, applied_seq, tuple(missing), tuple(need), int(now))
    wanted = set(need)
    return PushResult(
        ordered,
        applied_seq,
        tuple(missing),
        server_time=int(now),
        version=version,
        new_versions=_new_versions(
            tx, device, changes, results, with_applications=bool(told_applications)
        ),
        need_attachment_seqs=tuple(
            change.seq
            for change in changes
            if results[change.seq].status is not ChangeStatus.REFUSED
            and wanted.intersection(_attachment_refs(change))
        ),
    )


def _new_versions(
    tx: Tx,
    device: Device,
    changes: Sequence[Change],
    results: dict[int, ChangeResult],
    *,
    with_applications: bool = False,
) -> tuple[tuple[int, int], ...]:
    """(seq, voter version) for each acknowledged voter change whose row the device now holds
    exactly: the row's echo marker names this device at the row's version. A duplicate (the
    answer to the first copy was lost) is told again, as long as the marker still holds.
    ``with_applications`` (v3): (seq, outcome version) of application changes alike."""
    told = [
        change
        for change in changes
        if change.entity == ENTITY_VOTER
        and results[change.seq].status in (ChangeStatus.ACCEPTED, ChangeStatus.DUPLICATE)
    ]
    markers = tx.echo_markers({change.entity_id for change in told})
    out = []
    for change in told:
        version, echo_device, echo_version = markers.get(change.entity_id, (None, None, None))
        if echo_device == device.id and echo_version == version:
            out.append((change.seq, version))
    if with_applications:
        submits = [
            change
            for change in changes
            if change.entity == ENTITY_APPLICATION
            and results[change.seq].status in (ChangeStatus.ACCEPTED, ChangeStatus.DUPLICATE)
        ]
        duplicates = {c.seq for c in submits if results[c.seq].status is ChangeStatus.DUPLICATE}
        out.extend(applications.told_versions(tx, device, submits, duplicates).items())
    return tuple(sorted(out))


def _attachment_refs(change: Change) -> list[str]:
    """The evidence files a change names (``Change.files_named``, the client reads the same).
    Only SHA-256 names: a duplicate's payload was never checked by the rules."""
    return change.files_named()


def _take_slot(
    tx: Tx,
    device: Device,
    change: Change,
    batch_id: str,
    pos: int,
    now_iso: str,
    election_date: dt.date | None,
) -> ChangeResult:
    seq = change.seq
    slot = tx.change_slot(device.id, seq)
    if slot is not None:
        if slot["state"] == "skipped":
            rev = tx.next_revs(1)
            tx.fill_skipped_slot(
                device.id, change, batch_id=batch_id, now_iso=now_iso, notice_rev=rev, batch_pos=pos
            )
            slot = tx.change_slot(device.id, seq)
            return ChangeResult(seq, ChangeStatus.REFUSED, slot["reason"], True, slot["message"])
        if slot["change_id"] != change.change_id:
            tx.insert_reject(device.id, change, "seq_reused", now_iso)
            return ChangeResult(seq, ChangeStatus.REFUSED, "seq_reused", True, _SEQ_REUSED)
        if slot["state"] == "refused":
            # The same answer as the first time, so a retry after a lost response quarantines.
            return ChangeResult(seq, ChangeStatus.REFUSED, slot["reason"], True, slot["message"])
        return ChangeResult(seq, ChangeStatus.DUPLICATE)
    if seq <= device.applied_seq:  # every slot up to applied_seq exists; defensive only
        tx.insert_reject(device.id, change, "seq_reused", now_iso)
        return ChangeResult(seq, ChangeStatus.REFUSED, "seq_reused", True, _SEQ_REUSED)
    earlier = tx.change_by_id(change.change_id)
    if earlier is not None and earlier["state"] == "held" and earlier["device_id"] != device.id:
        # Its first copy waits behind a gap in the laptop's old device numbering, which will
        # never fill (the laptop enrolled again): the old slot steps aside and the change is
        # applied in the new numbering instead of never.
        tx.settle_change(earlier["device_id"], earlier["seq"], state="duplicate", now_iso=now_iso)
        earlier = None
    if earlier is not None and earlier["state"] == "refused":
        # Same change under a new slot, refused the first time: the same refusal again, so the
        # re-enrolled laptop quarantines it instead of counting it as sent.
        first = tx.change_slot(earlier["device_id"], earlier["seq"])
        tx.insert_change(
            device.id,
            change,
            batch_id=batch_id,
            batch_pos=pos,
            now_iso=now_iso,
            state="refused",
            reason=first["reason"],
            message=first["message"],
            notice_rev=tx.next_revs(1),
        )
        return ChangeResult(seq, ChangeStatus.REFUSED, first["reason"], True, first["message"])
    if earlier is not None:
        # Same change under a new slot: a re-enrolled device resending its unacknowledged queue.
        tx.insert_change(
            device.id, change, batch_id=batch_id, batch_pos=pos, now_iso=now_iso, state="duplicate"
        )
        return ChangeResult(seq, ChangeStatus.DUPLICATE)
    try:
        rules.check_change(change, election_date)
    except Refusal as refusal:
        tx.insert_change(
            device.id,
            change,
            batch_id=batch_id,
            batch_pos=pos,
            now_iso=now_iso,
            state="refused",
            reason=refusal.reason,
            message=refusal.message,
            notice_rev=tx.next_revs(1),
        )
        return ChangeResult(seq, ChangeStatus.REFUSED, refusal.reason, True, refusal.message)
    tx.insert_change(
        device.id, change, batch_id=batch_id, batch_pos=pos, now_iso=now_iso, state="held"
    )
    return ChangeResult(seq, ChangeStatus.HELD)


def drain(
    tx: Tx,
    device: Device,
    now: float,
    election_date: dt.date | None,
    answered: frozenset[int] = frozenset(),
    told_applications: frozenset[int] = frozenset(),
) -> tuple[int, dict[int, ChangeResult]]:
    """Apply the device's held changes that now follow its last applied seq without a gap. A
    TMS-8 and the baru after it are one move (``_move_partner``): applied or refused together,
    and a TMS-8 whose next seq has not arrived waits for it, as if behind a gap."""
    now_iso = iso(now)
    seq = device.applied_seq
    runnable = []
    for row in tx.slots_after(device.id, seq):
        if row["seq"] != seq + len(runnable) + 1:
            break
        runnable.append(row)
    # Lock every voter this run will change up front, in id order: two devices' batches that
    # touch the same voters in different orders then queue instead of deadlocking.
    tx.lock_voters(
        {
            row["entity_id"]
            for row in runnable
            if row["state"] in ("held", "refused")
            and row["entity"] == ENTITY_VOTER
            and row["op"] != "baru"
        }
    )
    settled: dict[int, ChangeResult] = {}
    index = 0
    while index < len(runnable):
        row = runnable[index]
        if _is_move_start(row):
            following = runnable[index + 1] if index + 1 < len(runnable) else None
            if following is None:
                break  # its baru has not arrived: the mark waits for it
            if _move_partner(row, following):
                settled.update(
                    _apply_move(tx, device, row, following, now_iso, election_date, answered)
                )
                seq = following["seq"]
                index += 2
                continue
        if row["state"] == "held":
            change = _change_from_row(row)
            settled[row["seq"]] = _apply(
                tx, device, change, now_iso, election_date, answered, told_applications
            )
        elif row["state"] == "refused" and row["entity"] == ENTITY_VOTER:
            # Refused on arrival: the laptop saved it all the same.
            _copy_differs(tx, device, row["entity_id"], row["op"], now_iso)
        elif row["state"] == "refused" and row["entity"] == ENTITY_APPLICATION:
            applications.copy_differs(tx, device, row["entity_id"])
        seq = row["seq"]
        index += 1
    if seq != device.applied_seq:
        tx.set_applied_seq(device.id, seq, now_iso)
    return seq, settled


def _tms8_target(row: Any) -> str | None:
    """The new voter id a stored TMS-8 change names, else None."""
    if row["entity"] != ENTITY_VOTER or row["op"] != "tms" or not row["payload"]:
        return None
    try:
        payload = json.loads(row["payload"])
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("code") != 8:
        return None
    new_voter = payload.get("new_voter_id")
    return new_voter if isinstance(new_voter, str) else None


def _is_move_start(row: Any) -> bool:
    # Only a change still to decide waits; a refused one has nothing to wait for.
    return row["state"] in ("held", "refused") and _tms8_target(row) is not None


def _move_partner(tms_row: Any, row: Any) -> bool:
    """Every laptop saves a TMS-8 and the baru it names in one transaction, at consecutive
    seqs: that pair is the move (no field was added, so laptops already in the field send
    moves the server recognises)."""
    return (
        row["entity"] == ENTITY_VOTER
        and row["op"] == "baru"
        and row["entity_id"] == _tms8_target(tms_row)
        and row["state"] in ("held", "refused")
    )


def _move_refusal(refusal: Refusal) -> Refusal:
    return Refusal(
        refusal.reason,
        "TMS-8 move refused as a whole (the mark at the old TPS and the voter added at the "
        f"right one): {refusal.message}",
    )


def _apply_move(
    tx: Tx,
    device: Device,
    tms_row: Any,
    baru_row: Any,
    now_iso: str,
    election_date: dt.date | None,
    answered: frozenset[int],
) -> dict[int, ChangeResult]:
    tms, baru = _change_from_row(tms_row), _change_from_row(baru_row)
    seqs = (tms.seq, baru.seq)
    try:
        for row in (tms_row, baru_row):
            if row["state"] == "refused":  # refused on arrival: the other half goes with it
                slot = tx.change_slot(device.id, row["seq"])
                raise Refusal(slot["reason"], slot["message"])
        current = tx.voter(tms.entity_id, lock=True)
        if current is None:
            raise rules.unknown_voter()
        applied, new_row = rules.apply_move(
            current, tms, baru, device.id, device.area, election_date
        )
        # After the area checks, as for a lone baru: an id's existence is told only in-area.
        if tx.voter(baru.entity_id) is not None:
            raise Refusal("entity_exists", "A voter with this id already exists on the server.")
    except Refusal as refusal:
        whole = _move_refusal(refusal)
        _copy_differs(tx, device, tms.entity_id, tms.op, now_iso)
        return {
            seq: _refuse(tx, device, seq, whole, now_iso)
            for seq, row in zip(seqs, (tms_row, baru_row), strict=True)
            if row["state"] == "held"
        }
    results = {tms.seq: _write_applied(tx, device, tms, current, applied, now_iso, answered)}
    _mark_echo(new_row, device.id, None, baru, baru.seq in answered)
    tx.insert_voter(new_row, tx.next_revs(1), now_iso)
    tx.ensure_tps(new_row["tps_id"])
    tx.settle_change(device.id, baru.seq, state="applied", now_iso=now_iso)
    results[baru.seq] = ChangeResult(baru.seq, ChangeStatus.ACCEPTED)
    return results


def _refuse(tx: Tx, device: Device, seq: int, refusal: Refusal, now_iso: str) -> ChangeResult:
    tx.settle_change(
        device.id,
        seq,
        state="refused",
        now_iso=now_iso,
        reason=refusal.reason,
        message=refusal.message,
        notice_rev=tx.next_revs(1),
    )
    return ChangeResult(seq, ChangeStatus.REFUSED, refusal.reason, True, refusal.message)


def _mark_echo(
    row: dict[str, Any],
    author: str,
    before: dict[str, Any] | None,
    change: Change,
    answered: bool,
) -> None:
    """Set ``row``'s echo marker (sync_server.rows): ``author`` holds it at its version when the
    answer tells it the version, it held the row the change was made on, and the server
    applied the change as written. Otherwise no device is known to hold it, and the next pull
    sends it to every device of the area, the author too."""
    row["echo_device"] = row["echo_version"] = None
    if before is not None and (before.get("echo_device"), before.get("echo_version")) == (
        author,
        NOT_HELD,
    ):
        row["echo_device"], row["echo_version"] = author, NOT_HELD  # still differs there
        return
    if not answered:
        return
    if before is not None:
        # The device held the server's row at ``base_version`` (a pull, or an earlier answer
        # of this kind); after that only its own changes, each one told to it as well.
        told = (before.get("echo_device"), before.get("echo_version")) == (
            author,
            before["version"],
        )
        if (change.base_version or 0) != before["version"] and not told:
            return
    if rules.holds_result(before, change, row):
        row["echo_device"], row["echo_version"] = author, row["version"]


def _copy_differs(tx: Tx, device: Device, voter_id: str, op: str, now_iso: str) -> None:
    """A change of this device to an existing voter was refused: the laptop saved it, so its
    row differs from the server's. The row gets a new rev and the marker NOT_HELD, so the next
    pull brings the server's row back to that laptop (and not only to the others)."""
    if op == "baru":
        return
    voter = tx.voter(voter_id, lock=True)
    if voter is None or not rules.in_area(voter["tps_id"], device.area):
        return  # nothing the device may see
    voter["echo_device"], voter["echo_version"] = device.id, NOT_HELD
    tx.update_voter(voter, tx.next_revs(1), now_iso)


def _write_applied(
    tx: Tx,
    device: Device,
    change: Change,
    before: dict[str, Any],
    applied: rules.Applied,
    now_iso: str,
    answered: frozenset[int],
) -> ChangeResult:
    told = change.seq in answered and applied.conflict is None
    _mark_echo(applied.voter, device.id, before, change, told)
    tx.update_voter(applied.voter, tx.next_revs(1), now_iso)
    if applied.conflict is not None:
        conflict_id = tx.insert_conflict(
            change.entity_id, change, device.id, applied.conflict, now_iso
        )
        tx.settle_change(
            device.id, change.seq, state="conflict", now_iso=now_iso, conflict_id=conflict_id
        )
        return ChangeResult(change.seq, ChangeStatus.CONFLICT, conflict_id=conflict_id)
    tx.settle_change(device.id, change.seq, state="applied", now_iso=now_iso)
    return ChangeResult(change.seq, ChangeStatus.ACCEPTED)


def _change_from_row(row: Any) -> Change:
    return Change(
        change_id=row["change_id"],
        seq=row["seq"],
        entity=row["entity"],
        entity_id=row["entity_id"],
        op=row["op"],
        payload=json.loads(row["payload"]),
        base_version=row["base_version"],
        created_at=row["created_at"],
        officer=row["officer"],
    )


def _apply(
    tx: Tx,
    device: Device,
    change: Change,
    now_iso: str,
    election_date: dt.date | None,
    answered: frozenset[int],
    told_applications: frozenset[int] = frozenset(),
) -> ChangeResult:
    seq = change.seq
    try:
        if change.entity == ENTITY_APPLICATION:
            applications.record_submission(
                tx, change, device, now_iso, told=seq in told_applications
            )
        elif change.op == "baru":
            # The area first: an out-of-area baru is refused alike whether its id exists or not.
            row = rules.new_voter_row(change, device.id, device.area, election_date)
            # A concurrent baru of the same id (PostgreSQL) is caught by the primary key.
            if tx.voter(change.entity_id) is not None:
                raise Refusal("entity_exists", "A voter with this id already exists on the server.")
            _mark_echo(row, device.id, None, change, seq in answered)
            tx.insert_voter(row, tx.next_revs(1), now_iso)
            tx.ensure_tps(row["tps_id"])
        else:
            current = tx.voter(change.entity_id, lock=True)
            if current is None:
                raise rules.unknown_voter()
            applied = rules.apply_voter_change(
                current,
                change,
                device.id,
                device.area,
                election_date,
                ganda_lookup=lambda ref: _ganda_matches(tx, ref, device.area),
            )
            return _write_applied(tx, device, change, current, applied, now_iso, answered)
    except Refusal as refusal:
        if change.entity == ENTITY_VOTER:
            _copy_differs(tx, device, change.entity_id, change.op, now_iso)
        elif change.entity == ENTITY_APPLICATION:
            applications.copy_differs(tx, device, change.entity_id)
        return _refuse(tx, device, seq, refusal, now_iso)
    tx.settle_change(device.id, seq, state="applied", now_iso=now_iso)
    return ChangeResult(seq, ChangeStatus.ACCEPTED)


def _ganda_matches(tx: Tx, ref: str, area: str) -> list[OtherRecord]:
    """The voters a TMS-2 reference names (a 16-digit NIK, else a voter id) within the device's
    area: what the laptop itself can look up (VoterService.ganda_matches), so both judge alike,
    and no device can ask whether a NIK is on any list in the country."""
    reference = ganda_reference(ref)
    rows = tx.sql.all(
        f"SELECT id, keterangan, tps_id FROM voters WHERE {reference.column} = ?",
        (reference.value,),
    )
    return ganda_others(((r["id"], r["keterangan"], r["tps_id"]) for r in rows), area)


def _awaited_partner(waiting: Sequence[Any]) -> int | None:
    """The seq a TMS-8 at the end of the stored seqs waits for: its baru is missing as a gap
    is (the answer asks for it, ``release-gap`` releases it)."""
    if waiting and _is_move_start(waiting[-1]):
        return int(waiting[-1]["seq"]) + 1
    return None


def _missing_ranges(applied_seq: int, waiting: Sequence[int]) -> list[tuple[int, int]]:
    out, expected = [], applied_seq + 1
    for seq in waiting:
        if seq > expected:
            out.append((expected, seq - 1))
        expected = seq + 1
    return out


def release_gap(
    repo: Repository, device_id: str, now: float, election_date: dt.date | None
) -> tuple[list[int], int]:
    """KPU gives up on seqs a device never sent (a laptop restored from an old backup): they
    are recorded as ``skipped`` and the held changes behind them are applied. A skipped
    change that still arrives later is kept, refused with ``seq_skipped``, for review.
    Returns the released seqs and the seq now applied through."""
    with repo.transaction(write=True) as tx:
        device = tx.device(device_id, lock=True)
        if device is None:
            raise AdminError(f"No device {device_id}; list them with `devices`.")
        stored = tx.slots_after(device_id, device.applied_seq)
        if not stored:
            return [], device.applied_seq
        last = _awaited_partner(stored) or stored[-1]["seq"]
        known = {row["seq"] for row in stored}
        released = sorted(set(range(device.applied_seq + 1, last + 1)) - known)
        tx.insert_skipped(device_id, released, iso(now))
        through, _ = drain(tx, device, now, election_date)
    return released, through

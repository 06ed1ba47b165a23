"""Undoing a TMS-8 move KPU refused as a whole (docs/sync-protocol.md 5.3, "Moves").

KPU applies a move whole or refuses it whole; after a refusal KPU still has the person at the
old TPS, unmarked, and has no row at the new one. The laptop saved both halves in one
transaction and keeps them until the officer acts: the quarantine view offers the undo, which
brings the laptop back to what KPU holds, in one transaction:

* the voter the move added at the new TPS is taken off this laptop's list. KPU never had the
  row, so nothing it knows disappears (domain note §3: a listed row is flagged, never deleted;
  this one was never listed), and nothing is lost: the refused *baru* stays in the change log
  with every element, shown in the quarantine view, and the audit names the undo;
* the row at the old TPS loses its TMS-8 mark through an ordinary *restore* (``P``): that change
  goes to KPU like any other, and the row KPU sends back after it is what KPU holds.
"""

from __future__ import annotations

import dataclasses

import sqlite_utils

from desktop_app.store.audit import append_audit
from desktop_app.store.errors import MoveNotUndoable
from desktop_app.store.field_store import utc_now
from desktop_app.store.voter_service import VoterService


@dataclasses.dataclass(frozen=True)
class RefusedMove:
    tms_seq: int  # the TMS-8 mark's; its baru is the next seq
    old_voter_id: str
    new_voter_id: str


@dataclasses.dataclass(frozen=True)
class UndoneMove:
    move: RefusedMove
    restored: bool  # the old row had its TMS-8 mark and a restore was queued


def undoable_moves(db: sqlite_utils.Database) -> list[RefusedMove]:
    """Refused moves whose added voter is still on this laptop, oldest first."""
    rows = db.execute(
        "SELECT t.seq, t.entity_id, b.entity_id FROM outbox t "
        "JOIN outbox b ON b.seq = t.seq + 1 AND b.op = 'baru' AND b.state = 'refused' "
        "AND b.entity_id = json_extract(t.payload, '$.new_voter_id') "
        "WHERE t.entity = 'voter' AND t.op = 'tms' AND t.state = 'refused' "
        "AND json_extract(t.payload, '$.code') = 8 "
        "AND EXISTS (SELECT 1 FROM voters v WHERE v.id = b.entity_id) ORDER BY t.seq"
    ).fetchall()
    return [RefusedMove(*row) for row in rows]


def undo_refused_move(service: VoterService, tms_seq: int) -> UndoneMove:
    """Bring the laptop back to what KPU holds after it refused the move at ``tms_seq``."""
    db = service.db
    move = next((m for m in undoable_moves(db) if m.tms_seq == tms_seq), None)
    if move is None:
        raise MoveNotUndoable(
            "This change is not a TMS-8 move refused by KPU whose added voter is still on this "
            "laptop: there is nothing to undo."
        )
    with db.atomic():
        restored = service.get(move.old_voter_id).record.keterangan == "8"
        if restored:
            service.restore(move.old_voter_id)
        db.execute("DELETE FROM voters WHERE id = ?", [move.new_voter_id])
        append_audit(
            db,
            at=utc_now(),
            officer=service.store.officer,
            action="voter.move_undone",
            entity="voter",
            entity_id=move.new_voter_id,
            detail={"tms_seq": move.tms_seq, "baru_seq": move.tms_seq + 1, "restored": restored},
        )
    return UndoneMove(move, restored)

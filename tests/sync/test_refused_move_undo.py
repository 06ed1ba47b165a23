"""A TMS-8 move KPU refuses as a whole leaves the laptop consistent with KPU once the officer
undoes it (issue 16, left open): the voter the move added at the new TPS is taken off the
laptop, the old row's TMS-8 mark is restored through an ordinary change, and the row KPU sends
back is what KPU holds. Real store, real server on loopback, real sync runs."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox
from desktop_app.store.errors import MoveNotUndoable
from desktop_app.store.field_store import FieldStore
from desktop_app.store.refused_moves import undo_refused_move, undoable_moves
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.enrollment import enroll
from lapang_core.domain.region import parse_tps_id
from tests.support.sync_env import RunningServer
from tests.sync.conftest import FAST_RETRY


def _row(store: FieldStore, voter_id: str):
    return store.db.execute(
        "SELECT keterangan, version FROM voters WHERE id = ?", [voter_id]
    ).fetchone()


def test_undoing_a_refused_move_brings_the_laptop_back_to_what_kpu_holds(
    store: FieldStore, sync_server: RunningServer, kpu_public: Ed25519PublicKey
) -> None:
    # A laptop enrolled for one TPS moves a voter to another TPS of the desa: KPU refuses the
    # voter it would add outside the laptop's area, so it refuses the move as a whole.
    tps = sync_server.voters[0].tps_id
    result, engine = enroll(
        store,
        sync_server.url,
        sync_server.code(area=tps),
        label="laptop TPS test",
        retry=FAST_RETRY,
        kpu_key=kpu_public,
    )
    assert result.area_downloaded
    service = VoterService(store)
    voter_id = store.db.execute(
        "SELECT id FROM voters WHERE tps_id = ? ORDER BY id LIMIT 1", [tps]
    ).fetchone()[0]
    desa, nomor = parse_tps_id(tps)
    tms, baru = service.tms8_move(voter_id, f"{desa}.{nomor % 999 + 1:03d}")
    assert engine.run_once().refused == 2
    refusals = dict(
        store.db.execute("SELECT seq, refusal_code FROM outbox WHERE state = 'refused'")
    )
    assert refusals == {tms.seq: "outside_area", baru.seq: "outside_area"}
    assert _row(store, baru.voter_id) is not None  # the laptop keeps both halves until asked

    (move,) = undoable_moves(store.db)
    assert (move.tms_seq, move.old_voter_id, move.new_voter_id) == (
        tms.seq,
        voter_id,
        baru.voter_id,
    )
    # The refusal sent KPU's row of the old voter back in the same run (a refused change's row
    # always comes back, docs/sync-protocol.md §6): its TMS-8 mark is gone already, so the undo
    # only removes the row KPU never had and queues no restore.
    assert _row(store, voter_id)[0] == ""
    undone = undo_refused_move(service, tms.seq)
    assert not undone.restored
    assert _row(store, baru.voter_id) is None
    assert _row(store, voter_id)[0] == ""
    assert undoable_moves(store.db) == []
    with pytest.raises(MoveNotUndoable):
        undo_refused_move(service, tms.seq)
    # Nothing is lost: the refused baru stays in the change log, with every element.
    refused = {e.seq: e for e in outbox.entries(store.db, state="refused")}
    assert refused[baru.seq].payload["nik"] == service.get(voter_id).record.nik
    assert verify_store(store).ok

    report = engine.run_once()  # the restore goes to KPU; its row comes back
    assert report.outcome == "ok" and report.refused == 0
    with sync_server.repo.transaction(write=False) as tx:
        kpu_row = tx.voter(voter_id)
        assert tx.voter(baru.voter_id) is None
    assert _row(store, voter_id) == (kpu_row["keterangan"], kpu_row["version"])
    assert verify_store(store).ok
    engine.client.close()

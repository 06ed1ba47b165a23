"""Where each change stands: waiting, sealed in a bundle not yet confirmed, confirmed by KPU,
refused — on the real encrypted store."""

from __future__ import annotations

from desktop_app.store import change_standing as cs
from desktop_app.store import outbox
from desktop_app.store.change_standing import Standing


def _queue(store, n: int) -> list[int]:
    seqs = []
    with store.db.atomic():
        for i in range(n):
            entry = outbox.enqueue(
                store.db,
                entity="voter",
                entity_id=f"{i:032x}",
                op="sesuai",
                payload={},
                base_version=1,
                officer="Siti",
                at="2029-01-01T00:00:00+00:00",
            )
            seqs.append(entry.seq)
    return seqs


def test_a_change_goes_from_waiting_to_sealed_to_confirmed(store) -> None:
    db = store.db
    seqs = _queue(store, 4)
    assert cs.standing_counts(db) == cs.StandingCounts(4, 0, 0, 0)
    outbox.mark_sent(db, [seqs[0]], at="2029-01-02T00:00:00+00:00")
    sealed = cs.record_sealed_bundle(
        db,
        bundle_id="a" * 32,
        file_name="lapang-kirim-1.lapang",
        device_id="d" * 32,
        seqs=seqs,
        at="2029-01-03T00:00:00+00:00",
    )
    assert sealed == 3  # the confirmed one keeps its standing
    assert cs.standing_counts(db) == cs.StandingCounts(0, 3, 1, 0)
    outbox.mark_refused(db, seqs[1], code="unknown_voter", reason="x", at="2029-01-04")
    outbox.mark_sent(db, [seqs[2]], at="2029-01-04T00:00:00+00:00")
    _queue(store, 1)
    assert cs.standing_counts(db) == cs.StandingCounts(1, 1, 2, 1)
    changes = {c.seq: c for c in cs.recent_changes(db)}
    assert [c.standing for c in cs.recent_changes(db)] == [
        Standing.WAITING,
        Standing.SEALED,
        Standing.CONFIRMED,
        Standing.REFUSED,
        Standing.CONFIRMED,
    ]
    assert changes[seqs[3]].bundle_file == "lapang-kirim-1.lapang"
    assert changes[seqs[3]].sealed_at == "2029-01-03T00:00:00+00:00"
    # Sealed again in a later bundle: the latest one is shown.
    cs.record_sealed_bundle(
        db,
        bundle_id="b" * 32,
        file_name="lapang-kirim-2.lapang",
        device_id="d" * 32,
        seqs=[seqs[3]],
        at="2029-01-05T00:00:00+00:00",
    )
    assert {c.seq: c for c in cs.recent_changes(db)}[seqs[3]].bundle_file == "lapang-kirim-2.lapang"
    assert cs.standing_counts(db).sealed == 1

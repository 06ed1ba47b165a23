"""Late and out-of-order batches: one device's changes are applied in the order they were
made, whatever order they arrive in; a gap holds later changes until it fills."""

from __future__ import annotations

import time

from lapang_core import protocol as p
from sync_server import ingest
from tests.sync_server.sync_helpers import LiveServer

S = p.ChangeStatus


def _rt(seq: int, dev, vid: str, old: str, new: str) -> dict:
    # Every change made against version 1: the device had not pulled in between.
    return dev.change("ubah", vid, {"changes": {"rt": new}, "original": {"rt": old}}, seq=seq)


def test_later_batch_first_is_held_then_applied_in_seq_order(live_server: LiveServer) -> None:
    dev = live_server.device()
    vid = live_server.voter_id(0)
    batch_1 = [_rt(1, dev, vid, "001", "002"), _rt(2, dev, vid, "002", "003")]
    batch_2 = [_rt(3, dev, vid, "003", "004"), _rt(4, dev, vid, "004", "005")]
    early = dev.push(batch_2)
    assert [r.status for r in early.results] == [S.HELD, S.HELD]
    assert all(r.acknowledged for r in early.results)
    assert (early.applied_through, early.missing) == (0, ((1, 2),))
    assert live_server.voter_row(vid)["version"] == 1  # nothing applied across the gap
    late = dev.push(batch_1)
    assert [r.status for r in late.results] == [S.ACCEPTED, S.ACCEPTED]
    assert (late.applied_through, late.missing) == (4, ())
    row = live_server.voter_row(vid)
    assert (row["rt"], row["version"]) == ("005", 5)  # seq 4 won, as it was made last
    assert live_server.repo.conflicts() == []  # a device's own queue is never a conflict
    assert live_server.repo.counts() == {"applied": 4}


def test_gap_in_the_middle_is_reported_and_filled(live_server: LiveServer) -> None:
    dev = live_server.device()
    ids = [live_server.voter_id(i) for i in range(6)]
    result = dev.push([dev.change("sesuai", ids[i], seq=s) for i, s in enumerate((1, 2, 5, 6))])
    assert [r.status for r in result.results] == [S.ACCEPTED, S.ACCEPTED, S.HELD, S.HELD]
    assert (result.applied_through, result.missing) == (2, ((3, 4),))
    filled = dev.push([dev.change("sesuai", ids[4], seq=4)])
    assert (filled.results[0].status, filled.missing) == (S.HELD, ((3, 3),))
    done = dev.push([dev.change("sesuai", ids[5], seq=3)])
    assert (done.results[0].status, done.applied_through) == (S.ACCEPTED, 6)


def test_held_change_refused_later_reaches_the_device_by_pull(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = dev.pull_all()[-1].cursor
    bad = dev.change("sesuai", "0" * 32, seq=2)  # no such voter, noticed only when applied
    assert dev.push([bad]).results[0].status is S.HELD
    dev.push([dev.change("sesuai", live_server.voter_id(0), seq=1)])
    refusals = [r for page in dev.pull_all(cursor) for r in page.refusals]
    assert [(r.seq, r.change_id, r.reason) for r in refusals] == [
        (2, bad["change_id"], "unknown_voter")
    ]


def test_released_gap_applies_held_changes_and_quarantines_a_late_arrival(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    vid = live_server.voter_id(0)
    dev.push(
        [dev.change("sesuai", vid, seq=1), dev.change("sesuai", live_server.voter_id(1), seq=4)]
    )
    released, through = ingest.release_gap(live_server.repo, dev.device_id, time.time(), None)
    assert (released, through) == ([2, 3], 4)
    assert live_server.voter_row(live_server.voter_id(1))["keterangan"] == "✓"
    late = dev.push([dev.change("sesuai", live_server.voter_id(2), seq=3)])
    assert (late.results[0].status, late.results[0].reason) == (S.REFUSED, "seq_skipped")
    assert live_server.voter_row(live_server.voter_id(2))["keterangan"] == ""
    assert ingest.release_gap(live_server.repo, dev.device_id, time.time(), None) == ([], 4)

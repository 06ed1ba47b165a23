"""Change ids are time-ordered UUIDv7s in the wire's id format: later changes sort later, so the
b-trees keyed by change id grow at their right edge."""

from __future__ import annotations

import time
import uuid

from desktop_app.store import outbox
from desktop_app.store.outbox import ChangeIdClock, new_change_id
from lapang_core.protocol import is_hex_id


def _ms(change_id: str) -> int:
    return int(change_id[:12], 16)


def test_ids_are_wire_ids_and_uuid7():
    for change_id in (new_change_id() for _ in range(50)):
        assert is_hex_id(change_id)  # 32 lowercase hex digits, as push validates
        parsed = uuid.UUID(change_id)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122


def test_ids_carry_their_creation_time():
    before = time.time_ns() // 1_000_000
    change_id = new_change_id()
    after = time.time_ns() // 1_000_000
    assert before <= _ms(change_id) <= after


def test_ids_made_in_a_burst_strictly_increase():
    ids = [new_change_id() for _ in range(5000)]  # many share a millisecond
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_ids_keep_increasing_when_the_clock_stands_still_or_steps_back():
    now = [1_800_000_000_000]
    clock = ChangeIdClock(now_ms=lambda: now[0])
    ids = [clock.next_id(), clock.next_id()]
    now[0] -= 60_000  # NTP corrects the laptop's clock a minute back
    ids += [clock.next_id(), clock.next_id()]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert {_ms(i) for i in ids} == {1_800_000_000_000}
    now[0] += 120_000  # time moves past the last id again: the id follows the clock
    later = clock.next_id()
    assert later > ids[-1] and _ms(later) == now[0]


def test_two_clocks_in_the_same_millisecond_do_not_collide():
    """Two laptops: uniqueness rests on the 74 random bits, not on the time."""
    a = ChangeIdClock(now_ms=lambda: 1_800_000_000_000)
    b = ChangeIdClock(now_ms=lambda: 1_800_000_000_000)
    assert a.next_id() != b.next_id()


def test_enqueued_changes_sort_by_seq(store):
    db = store.db
    with db.atomic():
        entries = [
            outbox.enqueue(
                db,
                entity="voter",
                entity_id="a" * 32,
                op="sesuai",
                payload={},
                base_version=0,
                officer="o",
                at="2029-01-01T00:00:00.000Z",
            )
            for _ in range(20)
        ]
    assert [e.change_id for e in entries] == sorted(e.change_id for e in entries)
    # A change id given by the caller (a resend) is kept as it is.
    with db.atomic():
        given = outbox.enqueue(
            db,
            entity="voter",
            entity_id="a" * 32,
            op="sesuai",
            payload={},
            base_version=0,
            officer="o",
            at="2029-01-01T00:00:00.000Z",
            change_id="f" * 32,
        )
    assert given.change_id == "f" * 32


def test_a_simulation_can_pace_the_ids_and_hand_the_clock_back():
    """bench/sync.py spaces its saves like an officer's day; afterwards the real clock is back."""
    day_start = 1_764_000_000_000
    paced = ChangeIdClock(lambda: day_start)
    real = outbox.use_change_id_clock(paced)
    try:
        assert int(new_change_id()[:12], 16) == day_start
    finally:
        assert outbox.use_change_id_clock(real) is paced
    assert abs(int(new_change_id()[:12], 16) - time.time_ns() // 1_000_000) < 60_000

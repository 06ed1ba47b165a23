import pytest
import sqlcipher3

from desktop_app.store import outbox
from desktop_app.store.audit import append_audit, verify_audit_chain


def _append(db, n):
    with db.atomic():
        for i in range(n):
            append_audit(
                db,
                at=f"2026-11-25T00:00:{i:02d}Z",
                officer="o",
                action="test",
                entity="voter",
                entity_id=str(i),
                detail={"i": i},
            )


def _bypass_the_triggers(db):
    """What someone with the raw key and a SQLCipher shell can do: the store's own refusal to
    change or remove entries is gone, and only the chain is left to tell."""
    for trigger in ("audit_entries_stay", "audit_entries_unchanged", "outbox_rows_stay"):
        db.execute(f"DROP TRIGGER {trigger}")


def test_chain_verifies(store):
    _append(store.db, 20)
    report = verify_audit_chain(store.db)
    assert report.ok and report.entries == 20


@pytest.mark.parametrize(
    "tamper, reason",
    [
        ("UPDATE audit SET detail = '{\"i\":99}' WHERE id = 7", "hash"),
        ("UPDATE audit SET officer = 'someone else' WHERE id = 7", "hash"),
        ("DELETE FROM audit WHERE id = 7", "missing"),
        ("UPDATE audit SET prev_hash = hash WHERE id = 7", "previous"),
    ],
)
def test_tampering_is_detected_at_the_right_entry(store, tamper, reason):
    _append(store.db, 12)
    _bypass_the_triggers(store.db)
    store.db.execute(tamper)
    report = verify_audit_chain(store.db)
    assert not report.ok
    assert report.first_bad_id in (7, 8)
    assert reason in report.reason


def test_rehashing_one_entry_breaks_the_next(store):
    """Recomputing a tampered entry's own hash is not enough: the next entry points to the old
    one."""
    import json

    from desktop_app.store.audit import _entry_hash

    _append(store.db, 5)
    row = list(store.db.execute("SELECT * FROM audit WHERE id = 3").fetchone())
    row[7] = json.dumps({"i": 1000})
    new_hash = _entry_hash(row[8], row[:8])
    _bypass_the_triggers(store.db)
    store.db.execute("UPDATE audit SET detail = ?, hash = ? WHERE id = 3", [row[7], new_hash])
    report = verify_audit_chain(store.db)
    assert report.first_bad_id == 4


def test_outbox_sequence_and_states(store):
    db = store.db
    with db.atomic():
        a = outbox.enqueue(
            db,
            entity="voter",
            entity_id="v1",
            op="sesuai",
            payload={},
            base_version=3,
            officer="o",
            at="t",
        )
        b = outbox.enqueue(
            db,
            entity="voter",
            entity_id="v2",
            op="tms",
            payload={"code": 1},
            base_version=1,
            officer="o",
            at="t",
        )
    assert (a.seq, b.seq) == (1, 2)
    assert [e.change_id for e in outbox.pending_entries(db, limit=10)] == [a.change_id, b.change_id]
    outbox.mark_sent(db, [a.seq], at="t2")
    outbox.mark_refused(db, b.seq, code="invalid", reason="bad", at="t2")
    assert outbox.counts(db) == {"pending": 0, "sent": 1, "refused": 1}
    # A late acknowledgement never resurrects or overwrites a refusal.
    outbox.mark_sent(db, [b.seq], at="t3")
    assert outbox.counts(db) == {"pending": 0, "sent": 1, "refused": 1}
    assert b.to_wire()["payload"] == {"code": 1}


def _enqueue(db):
    with db.atomic():
        return outbox.enqueue(
            db,
            entity="voter",
            entity_id="v",
            op="sesuai",
            payload={},
            base_version=0,
            officer="o",
            at="t",
        )


@pytest.mark.parametrize(
    "statement, message",
    [
        ("DELETE FROM outbox", "Outbox rows are never deleted"),
        ("DELETE FROM audit WHERE id = 1", "entries are never removed"),
        ("UPDATE audit SET officer = 'someone else'", "entries are never changed"),
    ],
)
def test_the_store_refuses_to_remove_changes_or_rewrite_the_audit(store, statement, message):
    _enqueue(store.db)
    _append(store.db, 2)
    before = (
        store.db.execute("SELECT * FROM outbox").fetchall(),
        store.db.execute("SELECT * FROM audit").fetchall(),
    )
    with pytest.raises(sqlcipher3.IntegrityError, match=message):
        store.db.execute(statement)
    after = (
        store.db.execute("SELECT * FROM outbox").fetchall(),
        store.db.execute("SELECT * FROM audit").fetchall(),
    )
    assert after == before


def test_sequence_never_reuses_numbers(store):
    """A seq the server may have seen is never handed out again: rows cannot be deleted, and a
    store that lost its last rows before that was enforced keeps its high-water mark."""
    first = _enqueue(store.db)
    assert _enqueue(store.db).seq == first.seq + 1
    store.db.execute("INSERT INTO settings(key, value) VALUES ('outbox_seq_floor', '40')")
    assert _enqueue(store.db).seq == 41
    assert _enqueue(store.db).seq == 42

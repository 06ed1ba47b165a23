"""The sync history keeps every run that did something; a streak of automatic runs that moved
nothing collapses to its latest, so the last confirmed sync time stays right."""

from __future__ import annotations

from desktop_app.store import sync_state


def _run(store, trigger: str, at: str, outcome: str | None = "ok", **counters: int) -> int:
    run_id = sync_state.start_run(store.db, device_id="dev", trigger=trigger, at=at)
    if outcome is not None:
        sync_state.finish_run(
            store.db,
            run_id,
            outcome=outcome,
            counters=counters,
            error_code=None,
            error_message=None,
            officer=store.officer,
            at=at,
        )
    return run_id


def test_empty_automatic_runs_collapse_to_the_latest(store):
    manual = _run(store, "manual", "2026-11-25T08:00:00Z")
    _run(store, "watcher", "2026-11-25T08:10:00Z", bytes_down=300)  # a probe's bytes only
    quiet = _run(store, "watcher", "2026-11-25T08:20:00Z")
    worked = _run(store, "watcher", "2026-11-25T08:30:00Z", confirmed=4)
    failed = _run(store, "watcher", "2026-11-25T08:40:00Z", outcome="offline")
    interrupted = _run(store, "watcher", "2026-11-25T08:45:00Z", outcome=None)
    _run(store, "watcher", "2026-11-25T08:50:00Z")
    _run(store, "watcher", "2026-11-25T09:00:00Z", outcomes=0)
    last = _run(store, "watcher", "2026-11-25T09:10:00Z")
    ids = [r.id for r in sync_state.recent_runs(store.db, 50)]
    # 08:10 gives way to 08:20 (the latest of its streak); 08:50 and 09:00 to 09:10. Runs that
    # worked, failed or were interrupted stay and end a streak.
    assert ids == [last, interrupted, failed, worked, quiet, manual]
    assert sync_state.last_success_at(store.db) == "2026-11-25T09:10:00Z"
    audit = store.db.execute("SELECT count(*) FROM audit WHERE action = 'sync.run'").fetchone()[0]
    assert audit == 8  # every finished run stays in the audit


def test_a_manual_empty_run_is_always_kept(store):
    first = _run(store, "manual", "2026-11-25T08:00:00Z")
    second = _run(store, "manual", "2026-11-25T08:05:00Z")
    assert [r.id for r in sync_state.recent_runs(store.db)] == [second, first]


def test_the_collapsed_trigger_is_the_watchers():
    from desktop_app.sync.watcher import TRIGGER_WATCHER

    assert sync_state.TRIGGER_WATCHER == TRIGGER_WATCHER

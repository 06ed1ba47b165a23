"""Sync with the KPU server.

``protocol`` is the wire format, shared with the server: pure, no store, no network. The device
side — ``client`` (HTTP), ``enrollment``, ``engine`` (push, pull, attachments) and ``watcher``
(connectivity) — uses the encrypted store. Nothing here imports Qt; the server imports only
``protocol``.

How the GUI drives it (every call that touches the store runs on the GUI's database worker;
``cancel`` and the watcher's controls may be called from any thread)::

    # Enrolment (the officer typed server address and code):
    engine = enrollment.register(store, server_url, code, label="Laptop PPS Ridan")
    engine.add_listener(adapter.on_progress)       # SyncProgress, on the worker thread
    result = enrollment.download_area(engine)      # first pull; result.area_downloaded

    # After unlock, when enrolled (raises sync_state.NotEnrolled otherwise):
    engine = SyncEngine.for_store(store)
    report = engine.run_once(trigger="watcher")    # SyncRunReport; never raises for network
    engine.cancel()                                # the Cancel button (any thread)

    # Connectivity: probe with backoff, start a sync when the server answers.
    watcher = ConnectivityWatcher(
        ping_probe(status.server_url, pins=engine.client.pins),  # the same pins as the engine
        on_online=lambda trigger: worker.submit(engine.run_once, trigger=trigger),
        on_unreachable=adapter.say_no_signal,
    )
    watcher.start(); watcher.request_sync_now(); watcher.stop()
    # after a run whose outcome is "offline": watcher.report_offline()

    # What to show: store.sync_state.status(db) (counts, last run, unseen conflicts,
    # unread announcements), sync_state.quarantine(db) (refused changes with reasons),
    # sync_inbox.conflicts(db), sync_inbox.announcements(db), sync_state.recent_runs(db).
"""

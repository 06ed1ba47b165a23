"""The desk and the sync engine write through two connections to one file: a transaction that
reads before it writes must wait for the other writer, not fail with "database is locked"."""

from __future__ import annotations

import threading

from desktop_app.store.voter_import import load_regions


def test_read_then_write_waits_for_the_other_connection(store, vault):
    sibling = store.open_sibling(vault.db_path)
    entered, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def desk_write() -> None:
        try:
            with store.db.atomic():
                store.db.execute("SELECT count(*) FROM settings").fetchone()  # read first
                entered.set()
                release.wait(5)
                store.db.execute("INSERT INTO settings(key, value) VALUES ('desk', '1')")
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)

    worker = threading.Thread(target=desk_write)
    worker.start()
    entered.wait(5)
    release.set()
    # Meanwhile the sync connection commits its own write.
    with sibling.db.atomic():
        sibling.db.execute("INSERT INTO settings(key, value) VALUES ('sync', '1')")
    worker.join(10)
    assert not errors, errors
    load_regions(store, [("61", "Kalimantan Barat")])  # and ordinary writes go on afterwards
    keys = {r[0] for r in store.db.execute("SELECT key FROM settings")}
    assert {"desk", "sync"} <= keys
    sibling.close()
    assert any(store._data_key)  # closing the sibling leaves the desk's key alone

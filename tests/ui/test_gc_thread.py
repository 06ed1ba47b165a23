"""Qt objects caught in a reference cycle are destroyed on the GUI thread, never on the database
worker: with the desk running, a worker thread that allocates past the collector's threshold
collects nothing, and the GUI thread's timer collects it soon after (gc_thread)."""

from __future__ import annotations

import gc
import threading
import weakref

from desktop_app.ui.gc_thread import INTERVAL_MS, collect_on_gui_thread
from desktop_app.ui.qt import QObject


class _Cyclic(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_worker_thread_never_collects_qt_objects(qtbot, window) -> None:
    assert not gc.isenabled(), "the desk leaves automatic collection on"
    assert collect_on_gui_thread() is collect_on_gui_thread()  # one per application
    gc.collect()
    doomed = weakref.ref(_Cyclic())
    assert doomed() is not None

    kept: list[list[int]] = []

    def allocate() -> None:  # what a worker's query does: many small objects, kept
        kept.extend([i] for i in range(50_000))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]  # a collection was due on that thread
    assert doomed() is not None, "the worker thread ran the cyclic collector"

    qtbot.waitUntil(lambda: doomed() is None, timeout=INTERVAL_MS * 6)

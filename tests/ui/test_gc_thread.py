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


def _generations_collected(collector) -> list[int]:
    seen: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        collector.collect_due()
    finally:
        gc.callbacks.remove(note)
    return seen


def test_a_full_collection_waits_until_a_quarter_more_objects_are_long_lived(qtbot, window):
    """CPython's own rule for the oldest generation (gcmodule.c): a full collection walks the
    whole heap, so it runs only once the objects that reached that generation since the last
    one are a quarter of those that survived it. Without it, the GUI thread ran one every
    500 ms through a sync and stalled 140-160 ms (issue 12 §8)."""
    collector = collect_on_gui_thread()
    gc.collect()
    collector._long_lived = len(gc.get_objects(2))
    few = [[i] for i in range(100)]
    gc.collect(1)  # they reach the oldest generation
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)  # the oldest generation's count passes its threshold
    assert gc.get_count()[2] > gc.get_threshold()[2]
    assert 2 not in _generations_collected(collector)

    many = [[i] for i in range(collector._long_lived // 4 + 1000)]
    gc.collect(1)
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)
    assert _generations_collected(collector) == [2]
    assert collector._long_lived >= len(many)
    del few, many

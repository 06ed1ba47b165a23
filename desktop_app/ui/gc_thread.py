"""Python's cyclic garbage collector runs on whichever thread happens to allocate when its
threshold trips. On the database worker that meant destroying Qt widgets caught in a reference
cycle off the GUI thread, and Qt crashed (a segmentation fault seen in CI: "Garbage-collecting"
in the worker's stack, inside a voter query). So automatic collection is off while the desk
runs, and a timer on the GUI thread collects each generation as its threshold is passed (the
approach of pyqtgraph's GarbageCollector and Anki's main-thread collection).

A full collection walks every object the desk holds (13-30 ms on the reference laptop, over
100 ms while a sync's worker competes for the CPU), so like CPython's own collector
(gcmodule.c) it runs only once the objects that reached the oldest generation since the last
one are a quarter of those that survived it; without that rule it ran every 500 ms through a
sync and stalled the GUI thread 140-160 ms (issue 12 §8)."""

from __future__ import annotations

import gc

from desktop_app.ui.qt import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects on the GUI thread what the automatic collector would have, at most
    ``INTERVAL_MS`` later."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()
        gc.disable()
        self._long_lived = len(gc.get_objects(2))  # survivors of the last full collection

    def collect_due(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        # The oldest generation whose count passed its threshold, as the automatic collector
        # chooses (collecting a generation collects the younger ones too).
        if counts[2] > thresholds[2] and self._full_collection_due():
            gc.collect(2)
            self._long_lived = len(gc.get_objects(2))
            return
        for generation in (1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def _full_collection_due(self) -> bool:
        pending = len(gc.get_objects(2)) - self._long_lived
        return pending > self._long_lived // 4


def collect_on_gui_thread() -> GuiThreadCollector:
    """Install the collector once per application (idempotent); returns it."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Create the QApplication first.")
    existing = app.findChild(GuiThreadCollector)
    if existing is not None:
        return existing
    return GuiThreadCollector(app)

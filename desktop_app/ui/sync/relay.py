"""Engine and watcher events, re-emitted as Qt signals (Electrum's pattern).

The sync engine calls its progress listeners on the sync run's thread, the connectivity watcher
calls back on its own thread; neither knows Qt. ``SyncRelay`` is what they call: it emits
signals of a ``SyncSignals`` object that lives on the GUI thread, so Qt queues the handlers
there. Progress is coalesced — at most one progress signal waits in the GUI's queue, and the
handler reads the latest event — so a fast link can never flood the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from desktop_app.ui.qt import QObject, Signal, qt_object_alive

if TYPE_CHECKING:
    from desktop_app.sync.run import SyncProgress


class SyncSignals(QObject):
    progress = Signal()  # read ``SyncRelay.take_progress()``
    online = Signal(str)  # the server answered; the watcher's trigger ("watcher" or "manual")
    unreachable = Signal()  # a probe asked for by "Sinkronkan sekarang" got no answer
    untrusted = Signal()  # ... or an answer with a certificate this laptop does not trust
    run_done = Signal(object)  # a sync run ended: its RunOutcome, or the exception it raised


class SyncRelay:
    """Called from the worker and watcher threads; safe after the window has gone (it then
    drops the events)."""

    def __init__(self, signals: SyncSignals) -> None:
        self._signals = signals
        self._lock = threading.Lock()
        self._latest: SyncProgress | None = None
        self._queued = False
        self.closed = False

    def on_progress(self, progress: SyncProgress) -> None:
        with self._lock:
            self._latest = progress
            if self._queued:
                return
            self._queued = True
        self._emit(self._signals.progress)

    def take_progress(self) -> SyncProgress | None:
        """The latest event (GUI thread); the next event emits a new signal."""
        with self._lock:
            self._queued = False
            return self._latest

    def forget_progress(self) -> None:
        with self._lock:
            self._latest = None

    def on_online(self, trigger: str) -> None:
        self._emit(self._signals.online, trigger)

    def on_unreachable(self) -> None:
        self._emit(self._signals.unreachable)

    def on_untrusted(self) -> None:
        self._emit(self._signals.untrusted)

    def on_run_done(self, outcome: object) -> None:
        self._emit(self._signals.run_done, outcome)

    def close(self) -> None:
        self.closed = True

    def _emit(self, signal: Any, *args: object) -> None:
        if self.closed or not qt_object_alive(self._signals):
            return
        # The window may close between the check and the emit.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

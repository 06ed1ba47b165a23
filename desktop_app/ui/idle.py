"""Auto-lock after the officer has been idle (no key press, click or mouse move) for the
configured minutes. Input only stamps the time; a coarse timer compares, so the filter that sees
every event of the application does almost nothing per event."""

from __future__ import annotations

import time

from desktop_app.ui.qt import QApplication, QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
CHECK_INTERVAL_MS = 5_000


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = 600.0
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._active = False

    def set_timeout(self, seconds: float) -> None:
        self.timeout_s = float(seconds)
        # Check often enough that the lock is at most ~10% late; tests use sub-second timeouts.
        self._timer.setInterval(int(min(CHECK_INTERVAL_MS, max(20.0, seconds * 100))))

    def start(self) -> None:
        if self._active:
            return
        self._active = True
        self._last_input = time.monotonic()
        QApplication.instance().installEventFilter(self)
        self.set_timeout(self.timeout_s)
        self._timer.start()

    def stop(self) -> None:
        if not self._active:
            return
        self._active = False
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)

    def touch(self) -> None:
        self._last_input = time.monotonic()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        if self._active and time.monotonic() - self._last_input >= self.timeout_s:
            self.stop()
            self.idle.emit()

"""Background operations: every touch of the vault or the database runs here, off the GUI thread.

One worker thread serialises all store access (Anki's single-worker task manager): SQLite is
happiest with one writer, and a read can never see half of a write made from another thread. An
operation is a plain function ``op(ctx) -> result`` run on that thread; its success or failure
callback runs afterwards on the GUI thread, carried there by a queued Qt signal. The GUI thread
never opens, reads or waits on the database.

Callbacks are dropped, not run, when the widget that asked (``owner``) has been deleted or the
desk was locked since: a page of rows arriving after auto-lock must not repopulate anything.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.diagnostics import crash_report
from desktop_app.store.field_store import FieldStore
from desktop_app.ui.qt import QObject, Qt, Signal, qt_object_alive

log = logging.getLogger(__name__)
T = TypeVar("T")


class NotUnlocked(Exception):
    """An operation needed the open store but the desk is locked."""


class WorkerContext:
    """What an operation sees on the worker thread: the open store (if unlocked) and a way to
    report progress. Only the worker thread reads or writes ``store``."""

    def __init__(self) -> None:
        self.store_or_none: FieldStore | None = None
        self._progress: Callable[[int, int], None] | None = None

    @property
    def store(self) -> FieldStore:
        if self.store_or_none is None:
            raise NotUnlocked("The desk is locked; unlock it first.")
        return self.store_or_none

    def attach_store(self, store: FieldStore) -> None:
        """Called by the operation that unlocked or created the vault."""
        if not threading.current_thread().name.startswith("lapang-db"):
            raise RuntimeError("The store belongs to the database worker thread.")
        if self.store_or_none is not None:
            self.store_or_none.close()
        self.store_or_none = store

    def report(self, done: int, total: int) -> None:
        """Progress of the running operation, delivered to its ``on_progress`` on the GUI thread."""
        if self._progress is not None:
            self._progress(done, total)


@dataclasses.dataclass
class _Delivery:
    callback: Callable[[Any], None] | None
    value: Any
    owner: Any
    session: int
    finished: bool


class TaskManager(QObject):
    """Runs operations one at a time on the database worker thread."""

    # Emitted (on the GUI thread) after each operation finishes; tests wait on ``idle``.
    finished = Signal()
    # An operation failed and had no failure callback of its own.
    unhandled_error = Signal(object)
    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="lapang-db"
        )
        self._context = WorkerContext()
        self._pending = 0
        self._session = 0
        self._closed = False
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    # -- submitting -------------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Operations submitted whose callbacks have not run yet (GUI thread only)."""
        return self._pending

    @property
    def session(self) -> int:
        """Changes whenever the desk locks: results of older operations are dropped."""
        return self._session

    def run(
        self,
        op: Callable[[WorkerContext], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Queue ``op``; exactly one of the callbacks runs later on the GUI thread (unless
        ``owner`` died or the desk locked in between)."""
        if self._closed:
            raise RuntimeError("The task manager has shut down.")
        session = self._session
        self._pending += 1

        def progress(done: int, total: int) -> None:
            if on_progress is not None:
                self._deliver.emit(
                    _Delivery(lambda _v: on_progress(done, total), None, owner, session, False)
                )

        def work() -> None:
            self._context._progress = progress
            try:
                result = op(self._context)
            except Exception as exc:  # noqa: BLE001 - every failure goes back to the GUI
                if on_failure is None:
                    # Type and stack only: an exception message may quote a NIK or a name.
                    log.error(
                        "Background operation %s failed\n%s",
                        _name(op),
                        crash_report(type(exc), exc.__traceback__),
                    )
                self._deliver.emit(
                    _Delivery(on_failure or self._unhandled, exc, owner, session, True)
                )
            else:
                self._deliver.emit(_Delivery(on_success, result, owner, session, True))
            finally:
                self._context._progress = None

        self._executor.submit(work)

    def _unhandled(self, exc: Exception) -> None:
        self.unhandled_error.emit(exc)

    def _on_deliver(self, delivery: _Delivery) -> None:
        if delivery.finished:
            self._pending -= 1
        try:
            stale = delivery.session != self._session
            dead = delivery.owner is not None and not qt_object_alive(delivery.owner)
            if delivery.callback is not None and not stale and not dead:
                delivery.callback(delivery.value)
        finally:
            if delivery.finished:
                self.finished.emit()

    # -- the store's lifetime -------------------------------------------------------------------
    def lock(self, on_locked: Callable[[None], None] | None = None) -> None:
        """Close the store (which wipes the key from memory) after the operations already queued,
        and drop the results of everything queued before the lock."""
        self._session += 1
        self.run(_close_store, on_success=on_locked)

    def shutdown(self) -> None:
        """Close the store and stop the worker; waits for the running operation to end."""
        if self._closed:
            return
        self._session += 1
        self._executor.submit(_close_store, self._context)
        self._closed = True
        self._executor.shutdown(wait=True)


def _close_store(ctx: WorkerContext) -> None:
    store, ctx.store_or_none = ctx.store_or_none, None
    if store is not None:
        store.close()


def _name(op: Callable[..., Any]) -> str:
    return getattr(op, "__qualname__", None) or repr(op)

"""What every desk view is given: the task manager, the change notifications and who is working.

Writes go through ``DeskContext.write``: it runs the operation on the worker and, on success,
announces what changed (Anki's ``operation_did_execute``). Views refresh from that one
notification; the code that writes never calls into views.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Callable
from typing import TypeVar

from desktop_app.ui.operations import TaskManager, WorkerContext
from desktop_app.ui.qt import QObject, Signal, qt_object_alive
from desktop_app.ui.settings import DeskSettings
from lapang_core.domain import voter_changes

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class VotersChanged:
    """Which voters a write touched. ``added`` means new rows exist (the lists must reload)."""

    ids: frozenset[str]
    added: bool = False


class StoreEvents(QObject):
    voters_changed = Signal(object)  # VotersChanged
    outbox_changed = Signal()


@dataclasses.dataclass
class DeskContext:
    tasks: TaskManager
    events: StoreEvents
    settings: DeskSettings
    data_dir: pathlib.Path
    officer: str = ""
    election_date: dt.date | None = None

    def rules(self) -> voter_changes.RuleContext:
        """What the shared voter rules need (``voter_changes.judge``, as the store and KPU
        call it). Without an election date nobody is too young, as on a server without one."""
        return voter_changes.RuleContext(self.election_date)

    def read(
        self,
        op: Callable[[WorkerContext], T],
        on_success: Callable[[T], None],
        *,
        on_failure: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        self.tasks.run(op, on_success=on_success, on_failure=on_failure, owner=owner)

    def write(
        self,
        op: Callable[[WorkerContext], T],
        changes: Callable[[T], VotersChanged],
        on_success: Callable[[T], None] | None = None,
        *,
        on_failure: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run a write; announce ``changes(result)``, then call ``on_success``. The announcement
        happens even if ``owner`` (the asking dialog) was closed meanwhile: the lists must still
        show the saved change."""

        def done(result: T) -> None:
            self.events.voters_changed.emit(changes(result))
            self.events.outbox_changed.emit()
            if on_success is not None and (owner is None or qt_object_alive(owner)):
                on_success(result)

        def failed(exc: Exception) -> None:
            if on_failure is not None and (owner is None or qt_object_alive(owner)):
                on_failure(exc)
            elif on_failure is None:
                self.tasks.unhandled_error.emit(exc)

        self.tasks.run(op, on_success=done, on_failure=failed)

"""The desk's side of sync for one unlocked session: runs the engine on a thread of its own,
watches connectivity, and tells the views what is going on through signals.

* A run (``ops.SyncRun``) has its own thread and its own connection to the store, so desk
  searches and list loads on the database worker go on while a slow link syncs. The worker
  only hands the run the open store; the outcome comes back through ``SyncRelay``. After the
  run the views re-read, as after any write. Locking cancels the run and has the worker wait
  for it before the desk's store (and its key) closes.
* Progress comes from the engine on the run's thread and is re-emitted on the GUI thread by
  ``SyncRelay`` (coalesced); ``cancel()`` is forwarded to the engine, which stops between
  requests and keeps whatever KPU had confirmed.
* The connectivity watcher probes the server while the laptop is enrolled, so "Daring" and
  "Luring" tell the truth even with automatic sync off. With it on (the default, a setting kept
  in the vault), a run starts as soon as the server answers. "Sinkronkan sekarang" asks the
  watcher for an immediate probe first: with no signal the officer hears so within seconds
  instead of waiting for the engine's retries.
* A server that answers with a certificate the laptop does not trust is its own state
  (``Link.UNTRUSTED``), not "Luring": waiting for a signal will not fix it, KPU IT will (a
  deployment file older than KPU's certificate switch, or a network that intercepts TLS).
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from typing import TYPE_CHECKING

from desktop_app.paths import relay_dir
from desktop_app.store.sync_state import SyncStatus
from desktop_app.sync.errors import CertificateRejected, TransportError
from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.qt import QObject, QTimer, Signal
from desktop_app.ui.sync import ops
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.relay import SyncRelay, SyncSignals
from desktop_app.ui.sync.wording import (
    code_text,
    error_problem,
    report_problem,
    report_text,
)

if TYPE_CHECKING:
    from desktop_app.sync.run import SyncProgress, SyncRunReport
    from desktop_app.sync.watcher import ConnectivityWatcher, ProbeVerdict

log = logging.getLogger(__name__)

# The watcher calls back when the server answers, but an unanswered routine probe only sets
# its ``online`` flag; the controller reads the flag this often (a bool: no lock needed).
LINK_POLL_MS = 1000


class Link(enum.Enum):
    UNKNOWN = "unknown"  # not asked yet (or not enrolled)
    ONLINE = "online"  # the server answered last time
    OFFLINE = "offline"  # it did not
    UNTRUSTED = "untrusted"  # something answered with a certificate not among the pins


# A probe's verdict (``watcher.ProbeVerdict``'s values: the sync package loads off the GUI
# thread) as the status bar shows it.
_LINK_OF = {"answered": Link.ONLINE, "no_answer": Link.OFFLINE, "untrusted": Link.UNTRUSTED}


@dataclasses.dataclass(frozen=True)
class SyncView:
    """Everything the status bar shows about sync, at one moment."""

    status: SyncStatus | None  # None until the first read arrives
    link: Link
    running: bool
    auto: bool

    @property
    def enrolled(self) -> bool:
        return self.status is not None and self.status.enrolled


class SyncController(QObject):
    changed = Signal(object)  # SyncView
    progress = Signal(object)  # SyncProgress
    run_finished = Signal(object)  # SyncRunReport
    message = Signal(str)  # a sentence for the status bar
    # A wording.SyncProblem the status bar keeps until a run goes through; None clears it.
    problem = Signal(object)

    def __init__(self, ctx: DeskContext, config: SyncConfig, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        if config.relay_dir is None:
            config = dataclasses.replace(config, relay_dir=relay_dir(ctx.data_dir))
        self.config = config
        self._signals = SyncSignals(self)
        self._relay = SyncRelay(self._signals)
        self.holder = ops.EngineHolder(config, self._relay)
        self._signals.progress.connect(self._on_progress)
        self._signals.online.connect(self._on_online)
        self._signals.unreachable.connect(self._on_unreachable)
        self._signals.untrusted.connect(self._on_untrusted)
        self._signals.run_done.connect(self._on_run_done)
        self._run: ops.SyncRun | None = None
        self._watcher: ConnectivityWatcher | None = None
        self._watcher_url: str | None = None
        self._watcher_requested = False
        self._watcher_seen: ProbeVerdict | None = None  # the watcher's verdict at the last poll
        self._manual_waiting = False
        self._closed = False
        self.status: SyncStatus | None = None
        self.link = Link.UNKNOWN
        self.running = False
        self.auto = True
        self.last_report: SyncRunReport | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(LINK_POLL_MS)
        self._poll.timeout.connect(self._poll_link)

    # -- state -----------------------------------------------------------------------------------
    def view(self) -> SyncView:
        return SyncView(self.status, self.link, self.running or self._manual_waiting, self.auto)

    @property
    def busy(self) -> bool:
        """A run is going (or a manual run waits for the probe's answer)."""
        return self.running or self._manual_waiting

    def _changed(self) -> None:
        if not self._closed:
            self.changed.emit(self.view())

    def refresh(self) -> None:
        """Re-read counts and enrolment (after a write, on a timer)."""
        if self._closed:
            return
        self._ctx.read(ops.snapshot(), self._snapshot, on_failure=self._read_failed, owner=self)

    def _snapshot(self, snap: ops.SyncSnapshot) -> None:
        self.auto = snap.auto
        self._set_status(snap.status)

    def _read_failed(self, exc: Exception) -> None:
        log.warning("sync status not read: %s", type(exc).__name__)

    def _set_status(self, status: SyncStatus) -> None:
        self.status = status
        self._ensure_watcher()
        self._changed()

    # -- running ---------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """The "Sinkronkan sekarang" button."""
        if self._closed or self.busy:
            return
        if self.status is not None and not self.status.enrolled:
            self.message.emit(code_text("NotEnrolled"))
            return
        if self._watcher is not None and self._watcher.running:
            # Probe first: with no signal the officer hears so at once, not after the
            # engine's retries. The watcher answers through _on_online / _on_unreachable.
            self._manual_waiting = True
            self._changed()
            self._watcher.request_sync_now()
        else:
            self._start_run("manual")

    def _start_run(self, trigger: str) -> None:
        if self._closed or self.running:
            return
        self._manual_waiting = False
        self.running = True
        self.holder.arm()
        self._relay.forget_progress()
        self._changed()
        run = ops.SyncRun(self.holder, self._ctx.data_dir, trigger, self._relay.on_run_done)
        self._run = run
        self._ctx.read(
            ops.start_run(run),
            lambda _none: None,
            on_failure=lambda exc: self._start_failed(run, exc),
            owner=self,
        )

    def _start_failed(self, run: ops.SyncRun, exc: Exception) -> None:
        if run is self._run:
            self._run = None
            self._run_failed(exc)

    def _on_run_done(self, outcome: ops.RunOutcome | Exception) -> None:
        self._run = None
        if self._closed:
            return
        if isinstance(outcome, Exception):
            self._run_failed(outcome)
        else:
            self._run_done(outcome)

    def cancel(self) -> None:
        """The Batal button: the engine stops between requests; what KPU confirmed stays."""
        if self._manual_waiting and not self.running:
            # Nothing was sent yet: the probe was still waiting for the server's answer.
            self._manual_waiting = False
            self._changed()
            self.message.emit(
                self.tr("Sinkronisasi dibatalkan. Data Anda tetap tersimpan di laptop ini.")
            )
            return
        if self.running:
            self.holder.cancel()
            self.message.emit(self.tr("Membatalkan sinkronisasi…"))

    def _on_progress(self) -> None:
        progress: SyncProgress | None = self._relay.take_progress()
        if progress is not None and self.running and not self._closed:
            self.progress.emit(progress)

    def _run_done(self, outcome: ops.RunOutcome) -> None:
        report = outcome.report
        self.running = False
        self.last_report = report
        if report.outcome == "offline":
            self.link = Link.OFFLINE
            if self._watcher is not None:
                self._watcher.report_offline()
        elif report.outcome in ("ok", "partial") or report.confirmed or report.pulled:
            self.link = Link.ONLINE
        elif report.error_code == "tls":
            self.link = Link.UNTRUSTED
        if report.pulled or report.refused or report.conflicts:
            # KPU's rows arrived, or a refused change put a voter back: lists re-read.
            self._ctx.events.voters_changed.emit(VotersChanged(frozenset(), added=True))
        self._set_status(outcome.status)
        self._ctx.events.outbox_changed.emit()
        # The run committed on its own connection, which empties the desk connection's page
        # cache (SQLite, WAL mode): warm the lookup pages again so a NIK typed next decrypts
        # nothing. Queued behind the reads the events above asked for.
        self._ctx.read(voter_ops.warm_lookup_index(), lambda _none: None, owner=self)
        self.run_finished.emit(report)
        problem = report_problem(report)
        self.problem.emit(problem)
        if problem is None:
            self.message.emit(report_text(report))

    def _run_failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, CertificateRejected):
            self.link = Link.UNTRUSTED
        self._changed()
        self.problem.emit(error_problem(exc))
        self.refresh()

    # -- connectivity ----------------------------------------------------------------------------
    def _on_online(self, trigger: str) -> None:
        if self._closed:
            return
        self.link = Link.ONLINE
        manual = self._manual_waiting
        if manual or (self.auto and self._worth_syncing()):
            self._start_run("manual" if manual else trigger)
        else:
            self._changed()

    def _worth_syncing(self) -> bool:
        # The watcher answers every few minutes while online; each answer is a chance to send
        # new work and hear KPU's news, so a run starts even with nothing waiting here.
        return self.status is not None and self.status.enrolled

    def _on_unreachable(self) -> None:
        if self._closed:
            return
        self.link = Link.OFFLINE
        if self._manual_waiting:
            self._manual_waiting = False
            self.problem.emit(error_problem(TransportError("no answer to the probe")))
        self._changed()

    def _on_untrusted(self) -> None:
        if self._closed:
            return
        self.link = Link.UNTRUSTED
        if self._manual_waiting:
            self._manual_waiting = False
            self.problem.emit(error_problem(CertificateRejected("refused at the probe")))
        self._changed()

    def set_auto(self, on: bool) -> None:
        if on == self.auto:
            return
        self.auto = on
        self._ctx.read(ops.set_auto(on), lambda _none: None, owner=self)
        self._changed()
        if on and self.link is Link.ONLINE and not self.busy:
            self._start_run("watcher")

    def _ensure_watcher(self) -> None:
        status = self.status
        if self._closed or status is None or not status.enrolled or not status.server_url:
            return
        if self._watcher_url == status.server_url or self._watcher_requested:
            return
        self._watcher_requested = True
        url = status.server_url
        self._ctx.read(
            ops.make_watcher(url, self.holder),
            lambda watcher: self._watcher_made(url, watcher),
            on_failure=self._watcher_failed,
            owner=self,
        )

    def _watcher_made(self, url: str, watcher: ConnectivityWatcher) -> None:
        self._watcher_requested = False
        if self._closed:
            return
        self._stop_watcher()
        self._watcher, self._watcher_url = watcher, url
        self._watcher_seen = None
        watcher.start()
        self._poll.start()

    def _poll_link(self) -> None:
        watcher = self._watcher
        if watcher is None or self.running:
            return
        verdict = watcher.verdict
        # Only a change of the probe's verdict counts: a run's own outcome, more recent than
        # the last probe, must not be overwritten by it.
        if verdict is None or verdict == self._watcher_seen:
            return
        self._watcher_seen = verdict
        link = _LINK_OF[verdict.value]
        if link is not self.link:
            self.link = link
            self._changed()

    def _watcher_failed(self, exc: Exception) -> None:
        # A missing pinned certificate, an insecure address: syncing would fail the same way,
        # and the officer is told when they try.
        self._watcher_requested = False
        self._watcher_url = self.status.server_url if self.status else None
        log.warning("connectivity watcher not started: %s", type(exc).__name__)

    def _stop_watcher(self) -> None:
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            # Not waiting: a probe in flight ends on its own (the thread is a daemon); its
            # answer, if any, only says that the link works (or, after shutdown, is dropped).
            watcher.stop(timeout=0)

    # -- enrolment from the desk -----------------------------------------------------------------
    def enrolled(self) -> None:
        """An enrolment dialog finished: re-read, start watching the (new) server."""
        self.holder.forget()  # the next run makes its engine from the new enrolment
        self._stop_watcher()
        self._watcher_url = None
        self.link = Link.ONLINE
        self._ctx.events.voters_changed.emit(VotersChanged(frozenset(), added=True))
        self.refresh()

    # -- the end of the session ------------------------------------------------------------------
    def shutdown(self) -> None:
        """Locking or closing: stop watching, ask a running sync to stop. The GUI does not wait;
        the database worker does, before it closes the store."""
        if self._closed:
            return
        self._closed = True
        self._poll.stop()
        self._relay.close()
        self.holder.cancel()
        self._stop_watcher()
        run, self._run = self._run, None
        if run is not None:
            # Queued before the lock's close: the worker waits for the cancelled run to close
            # its connection, and only then closes the desk's store and wipes the key.
            run.abandon()
            self._ctx.tasks.run(ops.wait_for_run(run))

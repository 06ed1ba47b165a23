"""Sync operations for the desk. Most run on the database worker and return ``op(ctx)``; a
sync run (``SyncRun``) runs on a thread of its own with its own connection to the store, so a
minute-long run on a slow link never makes a desk search wait behind it.

The sync package (and ``requests`` under it) is imported inside the operations, on the worker:
loading it on the GUI thread would delay the unlock screen and stall the window once.
"""

from __future__ import annotations

import dataclasses
import pathlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.store import change_standing, refused_moves, sync_inbox, sync_state
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.errors import RecordNotFound
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.voter_service import VoterService
from desktop_app.ui.operations import WorkerContext
from desktop_app.ui.sync.config import AUTO_SYNC_SETTING, SyncConfig
from desktop_app.ui.sync.relay import SyncRelay

if TYPE_CHECKING:
    import sqlite_utils
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.sync.bundle_import import AppliedReturnBundle
    from desktop_app.sync.client import SyncClient
    from desktop_app.sync.engine import SyncEngine
    from desktop_app.sync.enrollment import EnrollmentResult
    from desktop_app.sync.run import CancelToken, SyncProgress, SyncRunReport
    from desktop_app.sync.trust import ServerPins
    from desktop_app.sync.watcher import ConnectivityWatcher


class EngineHolder:
    """The sync engine of one unlocked session. It is made and run on a sync run's thread (or,
    while enrolling, on the database worker); the GUI thread only calls ``cancel``. Each run
    gets a new engine on its own connection, carrying over how much the link carried."""

    def __init__(self, config: SyncConfig, relay: SyncRelay) -> None:
        self.config = config
        self.relay = relay
        self.engine: SyncEngine | None = None
        self._cancel = threading.Event()
        self._registering: tuple[SyncClient, CancelToken] | None = None
        # One key per (server, code) this session: trying a code again after a cancel or a lost
        # answer must present the same key, or the server finds the code already used.
        self._enrol_keys: dict[tuple[str, str], Ed25519PrivateKey] = {}
        self._pins: ServerPins | None = None
        self._pins_lock = threading.Lock()

    def pins(self) -> ServerPins:
        """The certificates every client of this session trusts (the engine's, the watcher's
        probe, the enrolment's): one set, so a pin a run learns from KPU's rotations lets the
        next probe in. Made on first use, off the GUI thread (it loads the sync package)."""
        with self._pins_lock:
            if self._pins is None:
                from desktop_app.sync.client import pins_for

                self._pins = pins_for(self.config.ca_file)
            return self._pins

    def engine_for(self, store: FieldStore) -> SyncEngine:
        """The engine for ``store`` (worker thread). Raises ``NotEnrolled``."""
        if self.engine is None or self.engine.store is not store:
            from desktop_app.sync.engine import SyncEngine

            previous = self.engine
            engine = SyncEngine.for_store(store, **self.config.engine_kwargs(self.pins()))
            if previous is not None:
                # Each run has its own connection, hence its own engine; what the last run
                # learned about the link is still the best first guess.
                engine.push_sizer, engine.pull_sizer = previous.push_sizer, previous.pull_sizer
                if previous.client.base_url == engine.client.base_url:
                    # And the version the server speaks: an older server is not asked for
                    # a newer one on every run (sync.versions).
                    engine.doc_version = previous.doc_version
            self.adopt(engine)
        assert self.engine is not None
        return self.engine

    def adopt(self, engine: SyncEngine) -> None:
        """Use ``engine`` from now on (after an enrolment made a new one)."""
        engine.add_listener(self._progress)
        self.engine = engine

    def forget(self) -> None:
        self.engine = None

    # -- cancel (any thread) -------------------------------------------------------------------
    def arm(self) -> None:
        """A new run is about to start: forget an earlier cancel."""
        self._cancel.clear()

    def cancel(self) -> None:
        self._cancel.set()
        engine = self.engine
        if engine is not None:
            engine.cancel()
        registering = self._registering
        if registering is not None:
            client, token = registering
            token.cancel()
            client.abort()

    # -- enrolment (database worker) -------------------------------------------------------------
    def begin_registration(
        self, server_url: str, code: str
    ) -> tuple[SyncClient, Ed25519PrivateKey, CancelToken]:
        """The client, key and cancel token for enrolling with ``code``; ``cancel`` reaches
        them until ``end_registration``."""
        from desktop_app.sync.client import DEFAULT_TIMEOUTS, SyncClient
        from desktop_app.sync.run import CancelToken
        from lapang_core import protocol as p

        options = self.config.engine_options
        client = SyncClient(
            server_url,
            pins=self.pins(),
            timeouts=options.get("timeouts", DEFAULT_TIMEOUTS),
        )
        slot = (client.base_url, "".join(ch for ch in code.upper() if ch.isalnum()))
        key = self._enrol_keys.setdefault(slot, p.generate_key())
        token = CancelToken()
        if self._cancel.is_set():
            token.cancel()
        self._registering = (client, token)
        return client, key, token

    def end_registration(self) -> None:
        self._registering = None

    def _progress(self, progress: SyncProgress) -> None:
        # run_once clears the engine's cancel flag when it starts: a Batal pressed just
        # before that would be lost, so it is passed on again at every event.
        if self._cancel.is_set() and self.engine is not None:
            self.engine.cancel()
        self.relay.on_progress(progress)


# -- status -----------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class SyncSnapshot:
    status: sync_state.SyncStatus
    auto: bool


def snapshot() -> Callable[[WorkerContext], SyncSnapshot]:
    def op(ctx: WorkerContext) -> SyncSnapshot:
        store = ctx.store
        auto = store.setting(AUTO_SYNC_SETTING, "1") != "0"
        return SyncSnapshot(sync_state.status(store.db), auto)

    return op


def set_auto(on: bool) -> Callable[[WorkerContext], None]:
    return lambda ctx: ctx.store.set_setting(AUTO_SYNC_SETTING, "1" if on else "0")


# -- running ----------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class RunOutcome:
    report: SyncRunReport
    status: sync_state.SyncStatus


class SyncRun:
    """One sync run on its own thread and its own connection to the store.

    ``start`` is called on the database worker (it hands over the desk's open store, whose key
    the sibling connection copies); the run then opens the sibling on its thread, syncs, closes
    it (wiping only its copy of the key) and calls ``on_done`` with a ``RunOutcome`` or the
    exception. Locking queues ``wait`` on the worker before the desk's store closes, so the
    desk's key outlives every reader of it."""

    def __init__(
        self,
        holder: EngineHolder,
        data_dir: pathlib.Path,
        trigger: str,
        on_done: Callable[[RunOutcome | Exception], None],
    ) -> None:
        self.holder = holder
        self.data_dir = data_dir
        self.trigger = trigger
        self._on_done = on_done
        self._thread: threading.Thread | None = None
        self._abandoned = threading.Event()

    def start(self, desk_store: FieldStore) -> None:
        """Database worker: start the run unless the desk is already locking."""
        if self._abandoned.is_set():
            return
        self._thread = threading.Thread(
            target=self._run, args=(desk_store,), name="lapang-sync", daemon=True
        )
        self._thread.start()

    def abandon(self) -> None:
        """The desk is locking (GUI thread): a run not started yet never starts."""
        self._abandoned.set()

    def wait(self) -> None:
        """Database worker, before the desk's store closes: let the run end (cancel first)."""
        self._abandoned.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self, desk_store: FieldStore) -> None:
        try:
            outcome: RunOutcome | Exception = self._sync(desk_store)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the GUI
            outcome = exc
        self._on_done(outcome)

    def _sync(self, desk_store: FieldStore) -> RunOutcome:
        from desktop_app.store.vault import Vault

        sibling = desk_store.open_sibling(Vault(self.data_dir).db_path)
        try:
            engine = self.holder.engine_for(sibling)
            try:
                report = engine.run_once(trigger=self.trigger)
            finally:
                # The next run makes a new engine (and client) on its own connection.
                engine.client.close()
            return RunOutcome(report, sync_state.status(sibling.db))
        finally:
            sibling.close(wipe_key=True)


def start_run(run: SyncRun) -> Callable[[WorkerContext], None]:
    return lambda ctx: run.start(ctx.store)


def wait_for_run(run: SyncRun) -> Callable[[WorkerContext], None]:
    return lambda _ctx: run.wait()


def make_watcher(
    server_url: str, holder: EngineHolder
) -> Callable[[WorkerContext], ConnectivityWatcher]:
    """The connectivity watcher for ``server_url``, its probe trusting the session's pins with
    what the vault learned from KPU's rotations (made here to keep the HTTP library's import
    off the GUI thread). Not started."""

    def op(ctx: WorkerContext) -> ConnectivityWatcher:
        from desktop_app.sync.watcher import ConnectivityWatcher, ping_probe

        pins = holder.pins().learn_from(ctx.store.db)
        return ConnectivityWatcher(
            ping_probe(server_url, pins=pins),
            holder.relay.on_online,
            on_unreachable=holder.relay.on_unreachable,
            on_untrusted=holder.relay.on_untrusted,
            **holder.config.watcher_options,
        )

    return op


# -- enrolment --------------------------------------------------------------------------------
def register(
    holder: EngineHolder, server_url: str, code: str, label: str
) -> Callable[[WorkerContext], str]:
    """Enrol the unlocked store; returns the area's name. The area is downloaded next."""

    def op(ctx: WorkerContext) -> str:
        from desktop_app.sync import enrollment

        client, key, cancel = holder.begin_registration(server_url, code)
        try:
            engine = enrollment.register(
                ctx.store,
                server_url,
                code,
                label=label,
                client=client,
                key=key,
                cancel=cancel,
                **holder.config.engine_kwargs(holder.pins()),
            )
        finally:
            holder.end_registration()
        holder.adopt(engine)
        return sync_state.require_enrollment(ctx.store.db).area_name

    return op


def download_area(holder: EngineHolder) -> Callable[[WorkerContext], EnrollmentResult]:
    def op(ctx: WorkerContext) -> EnrollmentResult:
        from desktop_app.sync import enrollment

        return enrollment.download_area(holder.engine_for(ctx.store))

    return op


# -- what the officer reads -------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class RefusedChange:
    change: sync_state.QuarantinedChange
    voter_name: str | None  # the voter's or applicant's; on this laptop's screen only, never logged


@dataclasses.dataclass(frozen=True)
class RunDetail:
    run: sync_state.SyncRunRecord
    refused: tuple[RefusedChange, ...]


@dataclasses.dataclass(frozen=True)
class History:
    runs: list[RunDetail]
    refused: list[RefusedChange]  # every change KPU refused, newest first
    uploads: sync_state.SyncStatus | None = None  # the evidence files waiting now
    # change_id -> the TMS-8 seq of a refused move the officer can still undo (either half).
    undoable_moves: dict[str, int] = dataclasses.field(default_factory=dict)


def history(limit: int = 100) -> Callable[[WorkerContext], History]:
    def op(ctx: WorkerContext) -> History:
        db = ctx.store.db
        names = _VoterNames(ctx.store)
        refused = [
            RefusedChange(q, names.name(q.entity, q.entity_id))
            for q in reversed(sync_state.quarantine(db))
        ]
        runs = [
            RunDetail(run, tuple(r for r in refused if _refused_during(r.change, run)))
            for run in sync_state.recent_runs(db, limit)
        ]
        return History(runs, refused, sync_state.status(db), _undoable(db, refused))

    return op


def _undoable(db: sqlite_utils.Database, refused: list[RefusedChange]) -> dict[str, int]:
    seqs = {move.tms_seq for move in refused_moves.undoable_moves(db)}
    undoable = {}
    for item in refused:
        change = item.change
        tms_seq = change.seq if change.op == "tms" else change.seq - 1
        if change.move and tms_seq in seqs:
            undoable[change.change_id] = tms_seq
    return undoable


def undo_move(tms_seq: int) -> Callable[[WorkerContext], refused_moves.UndoneMove]:
    """Undo a TMS-8 move KPU refused (store.refused_moves)."""
    return lambda ctx: refused_moves.undo_refused_move(VoterService(ctx.store), tms_seq)


def _refused_during(change: sync_state.QuarantinedChange, run: sync_state.SyncRunRecord) -> bool:
    # Both times come from utc_now() (same ISO format), so text order is time order.
    at = change.refused_at
    return at is not None and run.started_at <= at <= (run.finished_at or at)


@dataclasses.dataclass(frozen=True)
class ConflictView:
    conflict: sync_inbox.StoredConflict
    voter_name: str | None


@dataclasses.dataclass(frozen=True)
class Inbox:
    conflicts: list[ConflictView]
    announcements: list[sync_inbox.StoredAnnouncement]


def inbox() -> Callable[[WorkerContext], Inbox]:
    def op(ctx: WorkerContext) -> Inbox:
        db = ctx.store.db
        names = _VoterNames(ctx.store)
        conflicts = [
            ConflictView(c, names.name("voter", c.voter_id))
            for c in reversed(sync_inbox.conflicts(db))
        ]
        return Inbox(conflicts, sync_inbox.announcements(db))

    return op


def mark_conflict_seen(conflict_id: str) -> Callable[[WorkerContext], None]:
    return lambda ctx: sync_inbox.mark_conflict_seen(ctx.store.db, conflict_id, utc_now())


def mark_announcement_read(announcement_id: str) -> Callable[[WorkerContext], None]:
    return lambda ctx: sync_inbox.mark_announcement_read(ctx.store.db, announcement_id, utc_now())


class _VoterNames:
    def __init__(self, store: FieldStore) -> None:
        self._store = store
        self._service = VoterService(store)
        self._cache: dict[str, str | None] = {}

    def name(self, entity: str, entity_id: str) -> str | None:
        """The voter's name, or the applicant's for a refused application (so the officer
        knows whose form KPU refused)."""
        if entity not in ("voter", "application"):
            return None
        if entity_id not in self._cache:
            try:
                if entity == "voter":
                    self._cache[entity_id] = self._service.get(entity_id).record.nama
                else:
                    application = ApplicationService(self._store).get(entity_id)
                    self._cache[entity_id] = application.applicant.nama
            except RecordNotFound:
                self._cache[entity_id] = None
        return self._cache[entity_id]


# -- where each change stands; return bundles -------------------------------------------------
@dataclasses.dataclass(frozen=True)
class ChangeRow:
    change: change_standing.ChangeStanding
    name: str | None  # the voter's or applicant's; on this laptop's screen only, never logged


@dataclasses.dataclass(frozen=True)
class Standings:
    counts: change_standing.StandingCounts
    changes: list[ChangeRow]  # newest first


def standings(limit: int = 500) -> Callable[[WorkerContext], Standings]:
    def op(ctx: WorkerContext) -> Standings:
        db = ctx.store.db
        names = _VoterNames(ctx.store)
        rows = [
            ChangeRow(c, names.name(c.entity, c.entity_id))
            for c in change_standing.recent_changes(db, limit)
        ]
        return Standings(change_standing.standing_counts(db), rows)

    return op


def import_return_bundle(
    path: pathlib.Path, config: SyncConfig
) -> Callable[[WorkerContext], AppliedReturnBundle]:
    """Apply a return bundle from a stick on the database worker (nothing stored if refused)."""

    def op(ctx: WorkerContext) -> AppliedReturnBundle:
        from desktop_app.sync.bundle_import import import_return_bundle as apply_bundle

        return apply_bundle(ctx.store, path, config.return_key, kpu_key=config.announcement_key)

    return op

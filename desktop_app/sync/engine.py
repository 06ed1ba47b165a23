"""The sync engine: one ``run_once`` pushes the outbox, pulls the area's news, then uploads the
evidence files the server asked for.

Threading: every store read and write ``run_once`` does happens on the thread that calls it, and
so does every request except the pull's: while the run's thread stores one pull page, a fetch
thread of the run asks for the next one (``page_fetcher``; it never touches the store, and the
run's thread makes no request while it lives). Tests call ``run_once`` directly; the GUI calls
it on a thread of its own. Only ``cancel()`` and the progress snapshot (``last_progress``) may
be used from other threads.
Progress listeners are called on the run's thread (a GUI adapter re-emits them as Qt signals);
a bound method is held by weak reference, so a closed window does not stay alive through it.

Nothing here imports Qt.
"""

from __future__ import annotations

import inspect
import logging
import pathlib
import random
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import sync_state
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.learned_trust import learned_trust
from desktop_app.sync.chunked import DEFAULT_CHUNK_BYTES, chunk_limit, chunk_sizer
from desktop_app.sync.client import DEFAULT_TIMEOUTS, DeviceCredentials, SyncClient, Timeouts
from desktop_app.sync.device_key import register_encryption_key
from desktop_app.sync.errors import CertificateRejected, SyncCancelled, SyncError
from desktop_app.sync.pacing import DEFAULT_RETRY, BatchSizer, RetryPolicy
from desktop_app.sync.pull import PullPhase
from desktop_app.sync.push import PushPhase
from desktop_app.sync.relay import RelayPhase
from desktop_app.sync.run import (
    CancelToken,
    FailedUpload,
    ProgressCallback,
    RunContext,
    SyncProgress,
    SyncRunReport,
    is_transient,
)
from desktop_app.sync.trust import (
    ServerPins,
    as_key_list,
    learned_keys,
    shipped_announcement_key,
)
from desktop_app.sync.uploads import UploadPhase
from desktop_app.sync.versions import DocVersion
from lapang_core import protocol as p

log = logging.getLogger("desktop_app.sync")

_SHIPPED = object()  # "use the KPU key in resources/"
_FAILED_NAMED = 5  # files named in a run's message; the log names every one


class SyncEngine:
    """Syncs one unlocked store with the server it is enrolled with."""

    def __init__(
        self,
        store: FieldStore,
        client: SyncClient,
        *,
        kpu_key: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None | object = _SHIPPED,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        rnd: Callable[[], float] = random.random,
        retry: RetryPolicy = DEFAULT_RETRY,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
        max_chunk_bytes: int | None = None,
        initial_batch: int = 64,
        initial_page: int = 500,
        relay_dir: pathlib.Path | None = None,
    ) -> None:
        self.store = store
        self.client = client
        # Several during a rotation: the deployment's current and next key.
        self.kpu_keys = as_key_list(shipped_announcement_key() if kpu_key is _SHIPPED else kpu_key)
        self._clock = clock
        self._sleep = sleep
        self._rnd = rnd
        self.retry = retry
        # Evidence and relay chunks start at ``chunk_bytes`` in every run (a link found again
        # may be worse than the last one) and grow up to ``max_chunk_bytes`` (None: the
        # server's limit) while chunks go fast (``chunked.chunk_sizer``).
        self.chunk_bytes = chunk_bytes
        self.max_chunk_bytes = max_chunk_bytes
        self.relay_dir = relay_dir  # other laptops' bundles to deliver (Titipan); None: none
        # Kept across runs: what the last run learned about the link is the best first guess.
        # The first batch stays small (a short signal window still gets it confirmed); from
        # the next one on, growth counts the round trip apart (``BatchSizer._growth``).
        self.push_sizer = BatchSizer(
            initial=initial_batch,
            maximum=p.MAX_BATCH_CHANGES,
            target_seconds=6.0,
            max_growth=16.0,
        )
        # Pages grow while one takes under 9 s: a full page of 5,000 voters takes ~7.6 s on
        # 2G, and growing only below half the target (6 s) kept pages at ~3,400 voters, six
        # more requests and 3.6 s more for a 50,000-voter first download. A page is
        # fetched ahead while the last one is stored, so its size costs no idle link.
        self.pull_sizer = BatchSizer(
            initial=initial_page, maximum=p.PULL_PAGE_MAX, target_seconds=12.0, grow_below=0.75
        )
        # The document version the server answered (``versions``): a server older than this
        # desk is asked in its own version for the rest of the session, not refused first on
        # every run.
        self.doc_version = DocVersion()
        self._cancel = CancelToken()
        self._listeners: list[Callable[[], ProgressCallback | None]] = []
        self._lock = threading.Lock()
        self._last_progress: SyncProgress | None = None

    @classmethod
    def for_store(
        cls,
        store: FieldStore,
        *,
        ca_file: pathlib.Path | str | None = None,
        pins: ServerPins | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        **options: Any,
    ) -> SyncEngine:
        """The engine for the server this store is enrolled with. Raises ``NotEnrolled``.

        The client trusts ``pins`` (or ``ca_file``) and, from its first request on, the
        certificates this vault learned from KPU's rotations (a ping before ``run_once``
        included)."""
        enrollment = sync_state.require_enrollment(store.db)
        client = SyncClient(
            enrollment.server_url,
            ca_file=ca_file,
            pins=pins,
            clock_offset=enrollment.clock_offset,
            timeouts=timeouts,
        )
        client.pins.learn_from(store.db)
        return cls(store, client, **options)

    # -- progress and cancel (any thread) -----------------------------------------------------
    def add_listener(self, callback: ProgressCallback) -> None:
        """Call ``callback(SyncProgress)`` on the run's thread for every progress event."""
        if inspect.ismethod(callback):
            ref: Callable[[], ProgressCallback | None] = weakref.WeakMethod(callback)
        else:

            def ref(cb: ProgressCallback = callback) -> ProgressCallback:
                return cb

        with self._lock:
            self._listeners.append(ref)

    def remove_listener(self, callback: ProgressCallback) -> None:
        with self._lock:
            self._listeners = [r for r in self._listeners if r() not in (None, callback)]

    @property
    def last_progress(self) -> SyncProgress | None:
        """The latest progress event, for a GUI that polls with a timer instead."""
        return self._last_progress

    def cancel(self) -> None:
        """Stop the running ``run_once`` (thread-safe): a request waiting for its answer is cut
        (it stays queued and is resent next time), then the run stops at its next step."""
        self._cancel.cancel()
        self.client.abort()

    def _emit(self, progress: SyncProgress) -> None:
        self._last_progress = progress
        with self._lock:
            callbacks = [r() for r in self._listeners]
        for callback in callbacks:
            if callback is None:
                continue
            try:
                callback(progress)
            except Exception:  # a broken view must not break the sync
                log.exception("sync progress listener failed")

    # -- the run ------------------------------------------------------------------------------
    def run_once(
        self,
        *,
        trigger: str = "manual",
        push: bool = True,
        pull: bool = True,
        attachments: bool = True,
    ) -> SyncRunReport:
        """One sync: push, then pull, then attachments. Never raises for a network or server
        problem — the report's ``outcome`` says what happened and everything unconfirmed stays
        queued. Raises ``NotEnrolled`` when there is no enrolment, and re-raises unexpected
        errors (bugs, a broken store) after recording the run as failed."""
        self._cancel.reset()
        db = self.store.db
        enrollment = sync_state.require_enrollment(db)
        self._bind_client(enrollment)
        report = SyncRunReport(trigger=trigger, started_at=utc_now())
        report.run_id = sync_state.start_run(
            db, device_id=enrollment.device_id, trigger=trigger, at=report.started_at
        )
        up, down = self.client.bytes_up, self.client.bytes_down
        started = self._clock()
        ctx = RunContext(
            store=self.store,
            client=self.client,
            enrollment=enrollment,
            report=report,
            policy=self.retry,
            cancel=self._cancel,
            clock=self._clock,
            sleep=self._sleep,
            rnd=self._rnd,
            emit=self._emit,
            kpu_key=self._trusted_keys(),
            doc_version=self.doc_version,
        )
        # One pace for the run's relay and evidence chunks: they cross the same link. A round
        # trip the push measured (a cold connection's handshake) counts from the first chunk.
        chunks = chunk_sizer(chunk_limit(ctx), self.chunk_bytes, self.max_chunk_bytes)
        if self.push_sizer.round_trip is not None:
            chunks.note_round_trip(self.push_sizer.round_trip)
        unexpected: BaseException | None = None
        try:
            if push or pull:
                register_encryption_key(ctx)
            if push:
                PushPhase(ctx, self.push_sizer).run()
                if self.relay_dir is not None:
                    RelayPhase(ctx, self.relay_dir, chunks).run()
            if pull:
                PullPhase(ctx, self.pull_sizer).run()
            if push and ctx.resend:
                self._resend(ctx)
            if attachments:
                UploadPhase(ctx, chunks).run()
            report.outcome = "ok"
        except SyncCancelled as exc:
            report.outcome, report.error_message = "cancelled", str(exc)
        except CertificateRejected as exc:
            report.outcome, report.error_code, report.error_message = "failed", "tls", str(exc)
        except (SyncError, p.ProtocolError) as exc:
            report.outcome = "offline" if is_transient(exc) else "failed"
            report.error_code = getattr(exc, "code", type(exc).__name__)
            report.error_message = getattr(exc, "message", str(exc))
        except BaseException as exc:
            report.outcome, report.error_code = "failed", "internal"
            report.error_message = f"Unexpected {type(exc).__name__}; see the log."
            unexpected = exc
        finally:
            self._finish(ctx, enrollment, started, up, down)
        if unexpected is not None:
            raise unexpected
        return report

    def _trusted_keys(self) -> tuple[Ed25519PublicKey, ...]:
        """The KPU keys given to the engine and those learned from KPU's signed rotations; the
        learned certificates join the client's pins the same way."""
        learned = learned_trust(self.store.db)
        self.client.trust_also(learned.ca_pems)
        return self.kpu_keys + learned_keys(learned.announcement_keys)

    def _resend(self, ctx: RunContext) -> None:
        """Send again what the server lost in a restore (found by the pull); its answer also
        lists the evidence files to upload again."""
        phase = PushPhase(ctx, self.push_sizer)
        phase.refill.extend(ctx.resend)
        before = ctx.report.sent
        phase.run()
        ctx.report.resent += ctx.report.sent - before
        ctx.resend.clear()

    def _bind_client(self, enrollment: sync_state.Enrollment) -> None:
        current = self.client.credentials
        if current is None or current.device_id != enrollment.device_id:
            key = sync_state.device_key(self.store.db, enrollment.device_id)
            self.client.credentials = DeviceCredentials(enrollment.device_id, key)
            self.client.clock_offset = enrollment.clock_offset
            if current is not None:
                self.doc_version.reset()  # enrolled anew, perhaps with another server

    def _finish(
        self,
        ctx: RunContext,
        enrollment: sync_state.Enrollment,
        started: float,
        up: int,
        down: int,
    ) -> None:
        report, db = ctx.report, self.store.db
        report.bytes_up = self.client.bytes_up - up
        report.bytes_down = self.client.bytes_down - down
        report.seconds = self._clock() - started
        report.pending = sync_state.pending_count(db)
        report.uploads_left = len(sync_state.pending_uploads(db))
        if report.outcome == "ok" and (
            report.pending
            or report.gaps
            or report.uploads_left
            or report.attachments_failed
            or report.relay_refused
        ):
            report.outcome = "partial"
            if report.gaps:
                report.error_code = "gap"
                report.error_message = (
                    f"KPU is waiting for {report.gaps} change(s) this laptop no longer has "
                    "(restored from an old backup?). Ask KPU to release them (release-gap)."
                )
            elif report.failed_uploads:
                report.error_code = "attachment_failed"
                report.error_message = _failed_uploads_text(report.failed_uploads)
            elif report.relay_refused:
                report.error_code = "relay_refused"
                report.error_message = (
                    f"KPU refused {len(report.relay_refused)} carried bundle(s) (Titipan), set "
                    f"aside in titipan/ditolak: {'; '.join(report.relay_refused[:3])}"
                )
        if self.client.clock_offset != enrollment.clock_offset:
            sync_state.set_clock_offset(db, enrollment.device_id, self.client.clock_offset)
        report.finished_at = utc_now()
        sync_state.finish_run(
            db,
            report.run_id,
            outcome=report.outcome,
            counters=report.counters(),
            error_code=report.error_code,
            error_message=report.error_message,
            officer=self.store.officer,
            at=report.finished_at,
        )
        log.info(
            "sync run %d %s: %d confirmed, %d refused, %d pending, %d pulled, %d B up, %d B down",
            report.run_id,
            report.outcome,
            report.confirmed,
            report.refused,
            report.pending,
            report.pulled,
            report.bytes_up,
            report.bytes_down,
        )


def _failed_uploads_text(failed: list[FailedUpload]) -> str:
    """Which evidence files did not go and why, by hash (never by voter or applicant)."""
    shown = "; ".join(f.describe() for f in failed[:_FAILED_NAMED])
    more = (
        f"; and {len(failed) - _FAILED_NAMED} more (see the log)"
        if len(failed) > _FAILED_NAMED
        else ""
    )
    return f"{len(failed)} evidence file(s) not uploaded: {shown}{more}."

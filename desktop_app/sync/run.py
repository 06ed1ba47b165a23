"""What one sync run carries through its phases: the report it fills, progress events, cancel,
and the retry loop shared by push, pull and attachments."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from typing import Any

from desktop_app.store.field_store import FieldStore
from desktop_app.store.sync_state import Enrollment
from desktop_app.sync.client import SyncClient
from desktop_app.sync.errors import SyncCancelled, TransportError
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.sync.versions import DocVersion
from lapang_core import protocol as p

log = logging.getLogger("desktop_app.sync")

PHASE_PUSH = "push"
PHASE_PULL = "pull"
PHASE_ATTACHMENTS = "attachments"
PHASE_RELAY = "relay"  # other laptops' bundles carried to KPU (Titipan)
_REASON_CHARS = 200


@dataclasses.dataclass(frozen=True)
class SyncProgress:
    """One progress event. ``records`` are changes (push), pulled items (pull) or files
    (attachments); totals are None when not known yet (a pull does not know how much is
    waiting on the server)."""

    phase: str
    records_done: int
    records_total: int | None
    bytes_done: int
    bytes_total: int | None


@dataclasses.dataclass(frozen=True)
class FailedUpload:
    """An evidence file a run could not upload: its SHA-256, a stable code (the server's error
    code, or ``missing_on_laptop`` / ``damaged_on_laptop``) and the reason in English. None
    of it is personal data: the file is named by its hash, never by the voter or applicant,
    and the reason is the server's fixed wording."""

    sha256: str
    code: str
    message: str
    kept: bool  # still queued: the next run tries it again

    def describe(self) -> str:
        then = "tried again next sync" if self.kept else "not tried again"
        # The reason is cut: a run's message is a line in the sync history, not a dump.
        return f"{self.sha256[:12]}… ({self.code}: {self.message[:_REASON_CHARS]}; {then})"


@dataclasses.dataclass
class SyncRunReport:
    """What a run did. ``outcome``: ``ok`` (everything went and came), ``partial`` (the run
    finished but something is left: unsent changes, a gap KPU must release, files that could
    not be sent), ``offline`` (the link failed; everything unconfirmed stays queued),
    ``cancelled`` or ``failed`` (the server refused the device: see ``error_code``)."""

    run_id: int = 0
    trigger: str = "manual"
    outcome: str = "ok"
    error_code: str | None = None
    error_message: str | None = None
    started_at: str = ""
    finished_at: str = ""
    sent: int = 0  # changes put on the wire, resends included
    confirmed: int = 0  # changes the server acknowledged in this run (now "sent")
    refused: int = 0  # changes quarantined in this run (push answers and pull notices)
    pending: int = 0  # changes still queued after the run
    invalid: int = 0  # local entries that break the change contract (quarantined here)
    gaps: int = 0  # seqs the server waits for that this laptop no longer has
    resent: int = 0  # answered changes sent again: the server lost them in a restore
    pulled: int = 0  # voter rows received
    # What is new to the officer (not echoes): the voter rows pulled that differ from what the
    # laptop held, and KPU's decisions on applications it did not hold (``count_decisions``).
    pulled_new: int = 0
    deferred: int = 0  # of those, held back by a local pending change
    regions: int = 0
    tps: int = 0
    conflicts: int = 0
    announcements: int = 0
    announcements_rejected: int = 0  # bad or missing KPU signature: never shown
    outcomes: int = 0  # recruitment outcomes received
    attachments: int = 0  # files completed
    upload_bytes: int = 0  # evidence bytes the server took in this run
    uploads_left: int = 0  # evidence files still waiting after the run
    failed_uploads: list[FailedUpload] = dataclasses.field(default_factory=list)
    relayed: int = 0  # other laptops' bundles delivered (Titipan)
    relay_bytes: int = 0  # bytes of carried bundles the server took in this run
    relay_refused: list[str] = dataclasses.field(default_factory=list)  # "file: reason"
    bytes_up: int = 0
    bytes_down: int = 0
    batches: int = 0
    pages: int = 0
    retries: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def attachments_failed(self) -> int:
        return len(self.failed_uploads)

    def counters(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "confirmed": self.confirmed,
            "refused": self.refused,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "announcements": self.announcements,
            "attachments": self.attachments,
            "bytes_up": self.bytes_up,
            "bytes_down": self.bytes_down,
            "outcomes": self.outcomes,
            "pulled_new": self.pulled_new,
            "upload_bytes": self.upload_bytes,
            "uploads_left": self.uploads_left,
        }


class CancelToken:
    """Cooperative cancel: set from any thread, checked by the run between requests and during
    waits. ``SyncEngine.cancel`` also cuts a request waiting for its answer."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._children: list[CancelToken] = []

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            children = list(self._children)
        for child in children:
            child.cancel()

    def reset(self) -> None:
        with self._lock:
            self._event.clear()
            self._children.clear()

    def child(self) -> CancelToken:
        """A token cancelled with this one, or alone: a helper thread of the run (the pull's
        page fetcher) can be stopped without cancelling the run, and a cancel of the run
        also ends the helper's waits. ``release`` it when the helper is done."""
        token = CancelToken()
        with self._lock:
            self._children.append(token)
            if self._event.is_set():
                token._event.set()
        return token

    def release(self, child: CancelToken) -> None:
        with self._lock:
            if child in self._children:
                self._children.remove(child)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if cancelled meanwhile."""
        return self._event.wait(seconds)


ProgressCallback = Callable[[SyncProgress], None]


@dataclasses.dataclass
class RunContext:
    store: FieldStore
    client: SyncClient
    enrollment: Enrollment
    report: SyncRunReport
    policy: RetryPolicy
    cancel: CancelToken
    clock: Callable[[], float]
    sleep: Callable[[float], None] | None  # None: wait on the cancel token
    rnd: Callable[[], float]
    emit: ProgressCallback
    # The Ed25519 KPU keys announcements may be signed with (current, next, learned); none
    # when the app ships no key.
    kpu_key: tuple[Any, ...] = ()
    # Outbox seq ranges answered before but missing on the server (restored from a backup):
    # the pull finds them, a second push sends them (docs/sync-protocol.md §6).
    resend: list[list[int]] = dataclasses.field(default_factory=list)
    # The document version the server speaks (``versions``): the engine's, kept across runs.
    doc_version: DocVersion = dataclasses.field(default_factory=DocVersion)

    @property
    def db(self) -> Any:
        return self.store.db

    def check_cancel(self) -> None:
        if self.cancel.cancelled:
            raise SyncCancelled("Sync cancelled; what the server confirmed so far is kept.")

    def retry_after(self, exc: Exception, failures: int) -> None:
        """Wait before the next attempt, or re-raise ``exc`` when the run should stop."""
        self.check_cancel()  # a cancel cuts the request in flight: that failure is the cancel
        if not is_transient(exc) or failures >= self.policy.attempts:
            raise exc
        self.report.retries += 1
        delay = self.policy.delay(failures, self.rnd)
        log.info(
            "sync request failed (%s), retry %d in %.1f s", type(exc).__name__, failures, delay
        )
        if delay > 0:
            if self.sleep is None:
                self.cancel.wait(delay)
            else:
                self.sleep(delay)
        self.check_cancel()


def is_transient(exc: BaseException) -> bool:
    """Failures after which the same request may succeed: no answer, a 5xx, a clock skew the
    client could not fix in one go."""
    if isinstance(exc, TransportError):
        return True
    return isinstance(exc, p.ProtocolError) and type(exc).retryable

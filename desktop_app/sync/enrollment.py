"""Enrolment: the officer types the one-time code KPU gave them; the laptop makes its Ed25519 key
pair, registers the public half, stores device id, area and private key in the encrypted store,
and downloads the area (regions, TPS, voter list) — the first pull.

Enrolling again (a new code, a new area, a replaced server) gives a new device id and key; the
outbox is never touched, and every change not yet confirmed goes out under the new id.
"""

from __future__ import annotations

import dataclasses
import pathlib
import random
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.store import sync_state
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.sync.client import DEFAULT_TIMEOUTS, DeviceCredentials, SyncClient, Timeouts
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.errors import SyncCancelled, TransportError
from desktop_app.sync.pacing import DEFAULT_RETRY, RetryPolicy
from desktop_app.sync.run import CancelToken, ProgressCallback, SyncRunReport
from desktop_app.sync.trust import ServerPins
from lapang_core import protocol as p

# The officer waits at the enrolment form: a server that cannot be reached is said so within
# seconds, not after the retries meant for a lost answer (about 18 s with a refused connection)
# or the 2G read timeout (a minute per try with a server that never answers). A ping is a few
# hundred bytes: over 2G (600 ms+ round trips) connecting and answering takes 2-3 s.
REACH_TIMEOUTS = Timeouts(connect=6.0, read=6.0, ping=6.0)


@dataclasses.dataclass(frozen=True)
class EnrollmentResult:
    device_id: str
    area: str
    area_name: str
    first_pull: SyncRunReport

    @property
    def area_downloaded(self) -> bool:
        """False when the download was cut short; the next sync continues it from where it
        stopped (the enrolment itself is saved either way)."""
        return self.first_pull.ok


def register(
    store: FieldStore,
    server_url: str,
    code: str,
    *,
    label: str = "",
    ca_file: pathlib.Path | str | None = None,
    pins: ServerPins | None = None,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    client: SyncClient | None = None,
    retry: RetryPolicy = DEFAULT_RETRY,
    sleep: Callable[[float], None] | None = None,
    key: Ed25519PrivateKey | None = None,
    cancel: CancelToken | None = None,
    **engine_options: Any,
) -> SyncEngine:
    """Enrol this laptop (one short request) and return the engine for it. The area is not
    downloaded yet: call ``download_area(engine)`` next — a GUI binds progress and cancel to
    the engine in between.

    Raises the protocol's enrolment errors (``EnrollCodeInvalid``, ``EnrollCodeUsed``,
    ``EnrollCodeExpired``), ``TransportError`` when the server cannot be reached (within
    seconds: ``REACH_TIMEOUTS``), and the transport-security errors of ``SyncClient``
    (``InsecureServerUrl``,
    ``PinnedCertificateMissing``, ``CertificateRejected``), and ``SyncCancelled`` once
    ``cancel`` is set (abort ``client`` to cut a request in flight).

    Pass the same ``key`` when trying the same code again after a cancel or a failure: the
    server answers a repeat of an enrolment it already made (perhaps with its answer lost) with
    the same device, where a new key would find the code used up."""
    client = client or SyncClient(server_url, ca_file=ca_file, pins=pins, timeouts=timeouts)
    # Enrolling again: the certificates this vault learned from KPU's rotations still count.
    client.pins.learn_from(store.db)
    key = key or p.generate_key()
    cancel = cancel or CancelToken()
    _reach(client, cancel)
    answer = _register(client, code, key, label, retry, sleep, cancel)
    sync_state.save_enrollment(
        store.db,
        device_id=answer.device_id,
        server_url=client.base_url,
        area=answer.area,
        area_name=answer.area_name,
        label=label,
        private_key=key,
        public_key=p.public_key_text(key),
        limits=dict(answer.limits),
        clock_offset=client.clock_offset,
        officer=store.officer,
        at=utc_now(),
        encryption_key=p.derive_encryption_key(key),
    )
    client.credentials = DeviceCredentials(answer.device_id, key)
    return SyncEngine(store, client, retry=retry, **engine_options)


def download_area(engine: SyncEngine) -> EnrollmentResult:
    """The first pull: the area's regions, TPS and voter list. Cut short (no signal, cancel),
    it continues from where it stopped on the next run."""
    report = engine.run_once(trigger="enrol", push=False, attachments=False)
    enrollment = sync_state.require_enrollment(engine.store.db)
    return EnrollmentResult(enrollment.device_id, enrollment.area, enrollment.area_name, report)


def enroll(
    store: FieldStore,
    server_url: str,
    code: str,
    *,
    on_progress: ProgressCallback | None = None,
    **options: Any,
) -> tuple[EnrollmentResult, SyncEngine]:
    """``register`` then ``download_area``; returns the result and the engine to keep."""
    engine = register(store, server_url, code, **options)
    if on_progress is not None:
        engine.add_listener(on_progress)
    return download_area(engine), engine


def _reach(client: SyncClient, cancel: CancelToken) -> None:
    """One quick ping before the enrolment; raises ``TransportError`` when nothing answers.
    Nothing has been sent yet, so there is no lost answer to retry for."""
    _check(cancel)
    try:
        client.ping(REACH_TIMEOUTS)
    except TransportError:
        _check(cancel)  # a cut request is the cancel
        raise


def _register(
    client: SyncClient,
    code: str,
    key: Any,
    label: str,
    retry: RetryPolicy,
    sleep: Callable[[float], None] | None,
    cancel: CancelToken,
) -> p.EnrollResponse:
    """Send the enrolment, retrying lost answers with the same key and code: the server
    answers a repeat of an enrolment it already made with the same device (the signature
    proves the caller holds that key), so a 2G drop never burns the code."""
    failures = 0
    while True:
        _check(cancel)
        try:
            return client.enroll(code, key, label)
        except (TransportError, p.ServerError):
            _check(cancel)  # a cut request is the cancel, not a failure to retry
            failures += 1
            if failures >= retry.attempts:
                raise
            delay = retry.delay(failures, random.random)
            if sleep is None:
                cancel.wait(delay)
            else:
                sleep(delay)


def _check(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise SyncCancelled(
            "Enrolment cancelled. Try again with the same code: if KPU's server already "
            "registered this laptop, it answers the same way again."
        )

"""The HTTP API (docs/sync-protocol.md): ping, enroll, push, pull and attachments.

Every error leaves as JSON ``{"error": {"code", "message", "retryable", ...}}`` with the status
its ``ProtocolError`` class names; nothing a client sends can produce an HTML page or a crash.
Request bodies are read with a hard size limit and a stall deadline before anything else looks
at them (``sync_server.http``), and a body is parsed only after its signature has been
verified. Everything the headers can show (signing headers, clock, a known device) is checked
before a body is read, and the bodies not yet verified share one budget across connections.
A database that is down or overloaded answers 503 (retryable), never a hang.

For operators: ``/healthz`` (the process answers) and ``/readyz`` (the database answers and its
schema is current), one JSON log line per request (``sync_server.logs``), and Prometheus metrics
on a separate port (``sync_server.metrics``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from lapang_core.protocol import (
    API_PREFIX,
    DEVICE_KEY_PATH,
    DOC_VERSION_APPLICATION_NO_ECHO,
    DOC_VERSION_NO_ECHO,
    MEDIA_TYPE,
    PROTOCOL_VERSION,
    PULL_PAGE_DEFAULT,
    AuthHeaders,
    DeviceKeyRequest,
    DeviceKeyResponse,
    DeviceRevoked,
    EnrollRequest,
    EnrollResponse,
    MalformedRequest,
    NotFound,
    ProtocolError,
    PushRequest,
    PushResult,
    ServerError,
    ServiceUnavailable,
    UnknownDevice,
    _dumps,
    check_clock,
    is_sha256_hex,
    load_public_key,
    verify_request,
)
from sync_server import bundles, logs, openapi, schema
from sync_server.access import AccessLog
from sync_server.attachments_db import open_evidence
from sync_server.config import ServerConfig
from sync_server.db import DatabaseError
from sync_server.http import (
    BodyBudget,
    auth_headers,
    doc_version_query,
    query_int,
    refusal_headers,
    require_media,
    signed_path,
)
from sync_server.ingest import ingest_batch
from sync_server.metrics import BUNDLE_WAYS, DatabaseCounts, MetricsListener, ServerMetrics
from sync_server.origin import SignedBatch
from sync_server.relay_uploads import RelayUploads, checked_bundle_id
from sync_server.repository import Device, Repository, Tx
from sync_server.rows import placeholders

log = logging.getLogger("sync_server")

_JSON = "application/json"
_OCTETS = "application/octet-stream"
_ENROLL_MAX_BYTES = 4096


def _error_response(request: Request, exc: ProtocolError) -> Response:
    return Response(
        exc.to_body(),
        status_code=exc.http_status,
        media_type=_JSON,
        headers=refusal_headers(request, exc),
    )


# Changes held behind a gap: found through each device's own key range (seq > applied_seq),
# never by scanning every change the country sent.
_HELD_SQL = (
    "SELECT COUNT(*), COUNT(DISTINCT c.device_id) FROM devices d "
    "JOIN changes c ON c.device_id = d.id AND c.seq > d.applied_seq WHERE c.state = 'held'"
)


def _database_counter(repo: Repository) -> Callable[[], DatabaseCounts]:
    ways = {bundles.bundle_changes_counter(via): via for via in BUNDLE_WAYS}

    def count() -> DatabaseCounts:
        with repo.transaction(write=False) as tx:
            held = tx.sql.one(_HELD_SQL)
            received = tx.sql.all("SELECT via, COUNT(*) FROM bundles GROUP BY via")
            totals = tx.sql.all(
                f"SELECT name, value FROM counters WHERE name IN ({placeholders(list(ways))})",
                tuple(ways),
            )
        return DatabaseCounts(
            int(held[0]),
            int(held[1]),
            {str(via): int(n) for via, n in received},
            {ways[name]: int(value) for name, value in totals},
        )

    return count


def _not_ready(reason: str) -> Response:
    body = json.dumps({"status": "unavailable", "reason": reason})
    return Response(body, status_code=503, media_type=_JSON)


def create_app(config: ServerConfig) -> FastAPI:
    """The sync server for ``config``; the database is opened (and migrated) here."""
    repo = Repository.open(config.database, time.time())
    metrics = ServerMetrics(_database_counter(repo))
    repo.db.on_pool_wait = metrics.pool_wait
    repo.on_ingest = metrics.count_ingested  # pushes, relays: where every way in meets
    listener = (
        MetricsListener(metrics, config.metrics_host, config.metrics_port)
        if config.metrics_port is not None
        else None
    )
    attachments = open_evidence(config, repo)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if listener is not None:
            listener.start()
        try:
            yield
        finally:
            # Uvicorn gets here after the last in-flight request has been answered (graceful
            # shutdown), so no transaction is cut short by closing the pool.
            if listener is not None:
                listener.stop()
            repo.close()

    app = FastAPI(
        title="Lapang sync server",
        version=f"protocol {PROTOCOL_VERSION}",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    bundle_keys = bundles.load_bundle_keys(config.bundle_key_files)
    bodies = BodyBudget(config.unverified_body_budget, config)
    relays = RelayUploads(repo, attachments, bundle_keys, config)
    app.add_middleware(AccessLog, metrics=metrics)
    app.state.repository = repo
    app.state.evidence = attachments
    app.state.metrics = metrics
    app.state.metrics_listener = listener
    app.state.config = config
    app.state.bodies = bodies

    @app.exception_handler(ProtocolError)
    async def protocol_error(request: Request, exc: ProtocolError) -> Response:
        if isinstance(exc, MalformedRequest):
            # One line for KPU's operator (a broken or hostile client), naming the route's
            # template only: the path as sent and the message may carry the client's data.
            route = getattr(request.scope.get("route"), "path", "an unknown route")
            log.warning("refused a malformed request to %s %s", request.method, route)
        return _error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(
            request, MalformedRequest(f"Invalid request: {len(exc.errors())} error(s).")
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error_response(request, NotFound(f"No such endpoint: {request.url.path}"))
        err = ProtocolError(str(exc.detail))
        return Response(err.to_body(), status_code=exc.status_code, media_type=_JSON)

    @app.exception_handler(DatabaseError)
    async def database_error(request: Request, exc: DatabaseError) -> Response:
        # Nothing was stored (the transaction rolled back): the client keeps its changes
        # queued and retries. The message may name the database, so it stays in the log.
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return _error_response(
            request,
            ServiceUnavailable("The server database is busy or unavailable; try again later."),
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # The type and path only: request data may hold voter details.
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc))
        return _error_response(request, ServerError("The server failed; try again later."))

    async def authenticate(
        request: Request, limit: int, *, record_nonce: bool
    ) -> tuple[Device, AuthHeaders, bytes]:
        """The calling device, its signing headers and the request body (at most ``limit``
        bytes), read only once the headers name an enrolled device at a sane time."""
        auth = auth_headers(request)
        now = time.time()
        check_clock(auth.timestamp, now, config.clock_skew_seconds)
        device = await run_in_threadpool(repo.device, auth.device_id)
        if device is None:
            raise UnknownDevice(
                "This device is not enrolled on this server; enroll it with a new code."
            )
        public_key = load_public_key(device.public_key)
        async with bodies.unverified(request, limit) as body:
            verify_request(public_key, auth, request.method, signed_path(request), body)
        logs.set_device(device.id)  # from here on, the log names the device
        if device.revoked:
            raise DeviceRevoked(
                "KPU revoked this device; contact the KPU operator to enroll it again."
            )
        if record_nonce:
            await run_in_threadpool(
                repo.record_nonce, device.id, auth.nonce, int(now), config.clock_skew_seconds
            )
        return device, auth, body

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        """The process is up and its event loop answers; the database is not consulted, so a
        database outage does not make a supervisor restart healthy processes."""
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        """Ready for traffic: the database answers and every migration this release knows has
        been applied (a database restored from an older dump under a running process is not)."""
        try:
            pending = await run_in_threadpool(schema.pending, repo.db)
        except DatabaseError as exc:
            log.warning("not ready: %s", exc)
            return _not_ready("database unreachable")
        except Exception as exc:  # noqa: BLE001 - e.g. a database without our schema
            log.warning("not ready: the schema check failed (%s)", type(exc).__name__)
            return _not_ready("database schema unreadable")
        if pending:
            return _not_ready(f"migrations not applied: {', '.join(pending)}")
        return Response(json.dumps({"status": "ready"}), media_type=_JSON)

    @app.get(f"{API_PREFIX}/ping")
    async def ping() -> dict[str, Any]:
        """Cheap liveness probe for the connectivity watcher; also the server clock."""
        return {"v": PROTOCOL_VERSION, "time": int(time.time())}

    @app.post(f"{API_PREFIX}/enroll", openapi_extra=openapi.ENROLL)
    async def enroll(request: Request) -> Response:
        """Register a device key with a one-time code (docs/sync-protocol.md §4)."""
        require_media(request, _JSON)
        auth = auth_headers(request, device_required=False)
        now = time.time()
        check_clock(auth.timestamp, now, config.clock_skew_seconds)
        async with bodies.unverified(request, _ENROLL_MAX_BYTES) as body:
            enrollment = EnrollRequest.decode(body)
            # Proof that the caller holds the private half of the key it registers.
            key = load_public_key(enrollment.public_key)
            verify_request(key, auth, request.method, signed_path(request), body)
        device = await run_in_threadpool(
            repo.enroll,
            enrollment.code,
            enrollment.public_key,
            enrollment.label,
            now,
            enrollment.encryption_key,
        )
        area_name = await run_in_threadpool(repo.area_name, device.area)
        answer = EnrollResponse(device.id, device.area, area_name, int(now), config.limits())
        return Response(answer.encode(), media_type=_JSON)

    @app.post(f"{API_PREFIX}{DEVICE_KEY_PATH}", openapi_extra=openapi.DEVICE_KEY)
    async def device_key(request: Request) -> Response:
        """Register the calling device's encryption key (§4): laptops enrolled before return
        bundles existed do it on their next online sync. The signature names the device, so a
        device registers its own key and no other device's."""
        require_media(request, _JSON)
        device, _, body = await authenticate(request, _ENROLL_MAX_BYTES, record_nonce=True)
        asked = DeviceKeyRequest.decode(body)
        key, at = await run_in_threadpool(
            repo.register_encryption_key, device.id, asked.encryption_key, time.time()
        )
        return Response(DeviceKeyResponse(key, at).encode(), media_type=_JSON)

    @app.post(f"{API_PREFIX}/push", openapi_extra=openapi.PUSH)
    async def push(request: Request) -> Response:
        """Store a signed batch of changes atomically; answer per change (§5)."""
        require_media(request, MEDIA_TYPE)
        device, auth, body = await authenticate(request, config.max_body_bytes, record_nonce=False)
        batch = PushRequest.decode(body)
        now = time.time()

        # The bytes the device signed, kept as the changes' proof of origin (sync_server.origin).
        signed = SignedBatch(
            device.id,
            auth.nonce,
            request.method,
            signed_path(request),
            auth.timestamp,
            auth.signature,
            body,
        )

        def store(tx: Tx) -> PushResult:
            # The nonce commits with the batch: a refused batch leaves no trace at all. A batch
            # that collided with another writer is run again whole (Repository.write).
            tx.record_nonce(device.id, auth.nonce, int(now), config.clock_skew_seconds)
            return ingest_batch(
                tx, signed, batch.changes, now, config.election_date, version=batch.version
            )

        started = time.perf_counter()
        result = await run_in_threadpool(repo.write, store)
        metrics.batch_seconds.observe(time.perf_counter() - started)
        return Response(result.encode(), media_type=MEDIA_TYPE)

    @app.get(f"{API_PREFIX}/pull", openapi_extra=openapi.PULL)
    async def pull(request: Request) -> Response:
        """The device's area since ``cursor``, one snapshot per page (§6)."""
        device, _, _ = await authenticate(request, 0, record_nonce=True)
        cursor = query_int(request, "cursor", default=0, low=0, high=2**62)
        limit = query_int(
            request, "limit", default=PULL_PAGE_DEFAULT, low=1, high=config.pull_page_max
        )
        version = doc_version_query(request)
        page = await run_in_threadpool(
            functools.partial(
                repo.pull_page,
                no_echo=version >= DOC_VERSION_NO_ECHO,
                no_application_echo=version >= DOC_VERSION_APPLICATION_NO_ECHO,
            ),
            device,
            cursor,
            limit,
            time.time(),
        )
        return Response(page.encode(), media_type=MEDIA_TYPE)

    @app.post(f"{API_PREFIX}/relay", openapi_extra=openapi.RELAY)
    async def relay(request: Request) -> Response:
        """Another laptop's sealed bundle, carried by this device (Titipan, §12.4): applied as
        its owner's push; the owner's signature inside is what counts, not the carrier's. The
        whole bundle in one body, as laptops from before chunked relay send it."""
        require_media(request, _OCTETS)
        device, _, body = await authenticate(request, config.relay_limit, record_nonce=True)
        imported = await run_in_threadpool(
            bundles.import_bundle,
            repo,
            attachments,
            bundle_keys,
            body,
            time.time(),
            config,
            via=bundles.VIA_RELAY,
            relay_device=device.id,
        )
        return Response(_dumps(imported.summary()), media_type=_JSON)

    @app.get(f"{API_PREFIX}/relay/{{bundle_id}}", openapi_extra=openapi.RELAY_STATUS)
    async def relay_status(request: Request, bundle_id: str) -> Response:
        """How much of a carried bundle the server holds from this device (§12.4)."""
        device, _, _ = await authenticate(request, 0, record_nonce=True)
        status = await run_in_threadpool(
            relays.status, checked_bundle_id(bundle_id), device.id, time.time()
        )
        return Response(status.encode(), media_type=_JSON)

    @app.put(f"{API_PREFIX}/relay/{{bundle_id}}", openapi_extra=openapi.RELAY_CHUNK)
    async def relay_chunk(request: Request, bundle_id: str) -> Response:
        """Append one chunk of a carried bundle; the last one applies it (§12.4). A chunk is
        bounded like an attachment chunk, so a large bundle never holds the unverified-body
        budget that other laptops' pushes need."""
        require_media(request, _OCTETS)
        # The nonce is recorded with the chunk (one write transaction per chunk): a refused
        # chunk leaves no trace, and its retry is signed anew anyway.
        device, auth, body = await authenticate(request, config.max_chunk_bytes, record_nonce=False)
        offset = query_int(request, "offset", default=None, low=0, high=2**40)
        size = query_int(request, "size", default=None, low=0, high=2**40)
        status = await run_in_threadpool(
            functools.partial(relays.put_chunk, nonce=auth.nonce),
            checked_bundle_id(bundle_id),
            offset,
            size,
            body,
            device.id,
            time.time(),
        )
        return Response(status.encode(), media_type=_JSON)

    def _sha(sha256: str) -> str:
        if not is_sha256_hex(sha256):
            raise MalformedRequest(
                "An attachment is named by its SHA-256: 64 lowercase hex digits."
            )
        return sha256

    @app.get(f"{API_PREFIX}/attachments/{{sha256}}", openapi_extra=openapi.ATTACHMENT_STATUS)
    async def attachment_status(request: Request, sha256: str) -> Response:
        """How much of an evidence file the server holds for this device (§8)."""
        device, _, _ = await authenticate(request, 0, record_nonce=True)
        status = await run_in_threadpool(attachments.status, _sha(sha256), device.id)
        return Response(status.encode(), media_type=_JSON)

    @app.put(f"{API_PREFIX}/attachments/{{sha256}}", openapi_extra=openapi.ATTACHMENT_CHUNK)
    async def attachment_chunk(request: Request, sha256: str) -> Response:
        """Append one chunk of an evidence file at the acknowledged offset (§8)."""
        require_media(request, _OCTETS)
        device, _, body = await authenticate(request, config.max_chunk_bytes, record_nonce=True)
        offset = query_int(request, "offset", default=None, low=0, high=2**40)
        size = query_int(request, "size", default=None, low=0, high=2**40)
        status = await run_in_threadpool(
            attachments.put_chunk, _sha(sha256), offset, size, body, device.id, time.time()
        )
        metrics.attachment_bytes.inc(len(body))
        return Response(status.encode(), media_type=_JSON)

    return app

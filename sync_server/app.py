"""The HTTP API (docs/sync-protocol.md): ping, enroll, push, pull and attachments.

Every error leaves as JSON ``{"error": {"code", "message", "retryable", ...}}`` with the status
its ``ProtocolError`` class names; nothing a client sends can produce an HTML page or a crash.
Request bodies are read with a hard size limit before anything else looks at them, and a
body is parsed only after its signature has been verified.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from desktop_app.sync.protocol import (
    API_PREFIX,
    MEDIA_TYPE,
    PROTOCOL_VERSION,
    PULL_PAGE_DEFAULT,
    AuthHeaders,
    BodyTooLarge,
    DeviceRevoked,
    EnrollRequest,
    EnrollResponse,
    MalformedRequest,
    NotFound,
    ProtocolError,
    PushRequest,
    PushResult,
    ServerError,
    UnknownDevice,
    UnsupportedEncoding,
    check_clock,
    is_sha256_hex,
    load_public_key,
    parse_auth_headers,
    verify_request,
)
from sync_server.attachments import AttachmentStore
from sync_server.config import ServerConfig
from sync_server.ingest import ingest_batch
from sync_server.repository import Device, Repository

log = logging.getLogger("sync_server")

_JSON = "application/json"
_OCTETS = "application/octet-stream"
_ENROLL_MAX_BYTES = 4096


def _error_response(exc: ProtocolError) -> Response:
    return Response(exc.to_body(), status_code=exc.http_status, media_type=_JSON)


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    too_large = BodyTooLarge(f"The request body is larger than {limit} bytes.", limit=limit)
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _require_media(request: Request, media_type: str) -> None:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if content_type != media_type or encoding != "identity":
        raise UnsupportedEncoding(
            f"Send this body as {media_type} without Content-Encoding "
            "(compression is part of the media type).",
            expected=media_type,
        )


def _signed_path(request: Request) -> str:
    """Path and query as the client signed them: from the API root, query string verbatim."""
    path: str = request.scope["path"]
    root: str = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _query_int(request: Request, name: str, *, default: int | None, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None and default is not None:
        return default
    if raw is None or not raw.isdigit() or len(raw) > 18 or not low <= int(raw) <= high:
        raise MalformedRequest(f"Query parameter {name} must be an integer from {low} to {high}.")
    return int(raw)


def create_app(config: ServerConfig) -> FastAPI:
    """The sync server for ``config``; the database is opened (and migrated) here."""
    repo = Repository.open(config.db_path, time.time())
    attachments = AttachmentStore(
        config.attachments_root,
        repo,
        max_bytes=config.max_attachment_bytes,
        max_chunk=config.max_chunk_bytes,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        repo.close()

    app = FastAPI(
        title="Lapang sync server",
        version=f"protocol {PROTOCOL_VERSION}",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.repository = repo
    app.state.config = config

    @app.exception_handler(ProtocolError)
    async def protocol_error(_: Request, exc: ProtocolError) -> Response:
        return _error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> Response:
        return _error_response(MalformedRequest(f"Invalid request: {len(exc.errors())} error(s)."))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error_response(NotFound(f"No such endpoint: {request.url.path}"))
        err = ProtocolError(str(exc.detail))
        return Response(err.to_body(), status_code=exc.status_code, media_type=_JSON)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # The type and path only: request data may hold voter details.
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc))
        return _error_response(ServerError("The server failed; try again later."))

    async def authenticate(
        request: Request, body: bytes, *, record_nonce: bool
    ) -> tuple[Device, AuthHeaders]:
        auth = parse_auth_headers(request.headers)
        now = time.time()
        check_clock(auth.timestamp, now, config.clock_skew_seconds)
        device = await run_in_threadpool(repo.device, auth.device_id)
        if device is None:
            raise UnknownDevice(
                "This device is not enrolled on this server; enroll it with a new code."
            )
        public_key = load_public_key(device.public_key)
        verify_request(public_key, auth, request.method, _signed_path(request), body)
        if device.revoked:
            raise DeviceRevoked(
                "KPU revoked this device; contact the KPU operator to enroll it again."
            )
        if record_nonce:
            await run_in_threadpool(
                repo.record_nonce, device.id, auth.nonce, int(now), config.clock_skew_seconds
            )
        return device, auth

    @app.get(f"{API_PREFIX}/ping")
    async def ping() -> dict[str, Any]:
        """Cheap liveness probe for the connectivity watcher; also the server clock."""
        return {"v": PROTOCOL_VERSION, "time": int(time.time())}

    @app.post(f"{API_PREFIX}/enroll")
    async def enroll(request: Request) -> Response:
        _require_media(request, _JSON)
        body = await _read_body(request, _ENROLL_MAX_BYTES)
        auth = parse_auth_headers(request.headers, device_required=False)
        now = time.time()
        check_clock(auth.timestamp, now, config.clock_skew_seconds)
        enrollment = EnrollRequest.decode(body)
        # Proof that the caller holds the private half of the key it registers.
        key = load_public_key(enrollment.public_key)
        verify_request(key, auth, request.method, _signed_path(request), body)
        device = await run_in_threadpool(
            repo.enroll, enrollment.code, enrollment.public_key, enrollment.label, now
        )
        area_name = await run_in_threadpool(repo.area_name, device.area)
        answer = EnrollResponse(device.id, device.area, area_name, int(now), config.limits())
        return Response(answer.encode(), media_type=_JSON)

    @app.post(f"{API_PREFIX}/push")
    async def push(request: Request) -> Response:
        _require_media(request, MEDIA_TYPE)
        body = await _read_body(request, config.max_body_bytes)
        device, auth = await authenticate(request, body, record_nonce=False)
        batch = PushRequest.decode(body)

        def store() -> PushResult:
            now = time.time()
            with repo.transaction(write=True) as tx:
                # The nonce commits with the batch: a refused batch leaves no trace at all.
                tx.record_nonce(device.id, auth.nonce, int(now), config.clock_skew_seconds)
                return ingest_batch(
                    tx, device.id, auth.nonce, batch.changes, now, config.election_date
                )

        result = await run_in_threadpool(store)
        return Response(result.encode(), media_type=MEDIA_TYPE)

    @app.get(f"{API_PREFIX}/pull")
    async def pull(request: Request) -> Response:
        body = await _read_body(request, 0)
        device, _ = await authenticate(request, body, record_nonce=True)
        cursor = _query_int(request, "cursor", default=0, low=0, high=2**62)
        limit = _query_int(
            request, "limit", default=PULL_PAGE_DEFAULT, low=1, high=config.pull_page_max
        )
        page = await run_in_threadpool(repo.pull_page, device, cursor, limit, time.time())
        return Response(page.encode(), media_type=MEDIA_TYPE)

    def _sha(sha256: str) -> str:
        if not is_sha256_hex(sha256):
            raise MalformedRequest(
                "An attachment is named by its SHA-256: 64 lowercase hex digits."
            )
        return sha256

    @app.get(f"{API_PREFIX}/attachments/{{sha256}}")
    async def attachment_status(request: Request, sha256: str) -> Response:
        body = await _read_body(request, 0)
        await authenticate(request, body, record_nonce=True)
        status = await run_in_threadpool(attachments.status, _sha(sha256))
        return Response(status.encode(), media_type=_JSON)

    @app.put(f"{API_PREFIX}/attachments/{{sha256}}")
    async def attachment_chunk(request: Request, sha256: str) -> Response:
        _require_media(request, _OCTETS)
        body = await _read_body(request, config.max_chunk_bytes)
        device, _ = await authenticate(request, body, record_nonce=True)
        offset = _query_int(request, "offset", default=None, low=0, high=2**40)
        size = _query_int(request, "size", default=None, low=0, high=2**40)
        status = await run_in_threadpool(
            attachments.put_chunk, _sha(sha256), offset, size, body, device.id, time.time()
        )
        return Response(status.encode(), media_type=_JSON)

    return app

"""HTTP plumbing of the server: bounded request bodies, query and media-type checks, and the
uvicorn settings that keep slow or stuck clients from holding connections forever.

Field links are slow, so the server cannot simply time out early; but a body that stalls, or
trickles in far below any real link's speed, is an attack (slowloris) or a dead link, and
either way holding it only costs the server memory and a connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pathlib
from collections.abc import AsyncIterator, Callable
from typing import Any, ClassVar

import uvicorn
from fastapi import Request
from starlette.requests import ClientDisconnect
from uvicorn.protocols.http.h11_impl import H11Protocol

from lapang_core.protocol import (
    DOC_VERSIONS,
    PROTOCOL_VERSION,
    AuthError,
    AuthHeaders,
    BodyTooLarge,
    MalformedRequest,
    ProtocolError,
    RequestTimedOut,
    ServiceUnavailable,
    UnsupportedEncoding,
    UnsupportedProtocol,
    parse_auth_headers,
)
from sync_server.config import ConfigError, ServerConfig

log = logging.getLogger("sync_server")

# Request headers must be complete this long after the connection opened (or after the
# previous answer): a few round trips even on a 600 ms link, nothing like the minutes a
# slowloris client needs. Uvicorn itself has no such limit.
HEADER_TIMEOUT_SECONDS = 30.0
# Idle keep-alive connection: the sync engine sends its next request within a round trip.
KEEP_ALIVE_SECONDS = 15
# Beyond this many open connections uvicorn answers 503 (retryable) instead of exhausting
# file descriptors and memory.
CONNECTION_LIMIT = 2000
# On SIGTERM a process stops accepting, closes idle connections and lets in-flight requests
# finish: a push commits whole and is answered. A request still running after this long is
# cancelled; its transaction rolls back and the laptop sends the batch again. Below systemd's
# TimeoutStopSec (deploy/lapang-sync@.service), so uvicorn, not SIGKILL, ends the stragglers.
GRACEFUL_SHUTDOWN_SECONDS = 60


# The body stalled or arrived far too slowly; nothing was stored. Defined with the protocol so
# the device maps the 408 to the same retryable error.
RequestTimeout = RequestTimedOut
# What a 503 for a full body budget asks a client to wait. Bodies drain within the stall
# limits (tens of seconds); the laptop's own backoff spaces its retries anyway.
BUSY_RETRY_SECONDS = 10


def _digits(text: str | None) -> bool:
    # str.isdigit() alone accepts "²" and other non-ASCII digits that int() refuses.
    return text is not None and text.isascii() and text.isdigit()


def _declared_length(request: Request) -> int | None:
    declared = request.headers.get("content-length")
    return int(declared) if declared is not None and _digits(declared) else None


async def read_body(
    request: Request,
    limit: int,
    config: ServerConfig,
    on_size: Callable[[int], None] | None = None,
) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes (``BodyTooLarge``) or
    stalls (``RequestTimeout``): idle longer than ``body_idle_seconds`` between reads, or
    slower on average than ``body_min_bytes_per_second``. ``on_size`` hears the bytes held so
    far before each chunk is kept, and may refuse it by raising."""
    declared = _declared_length(request)
    too_large = BodyTooLarge(f"The request body is larger than {limit} bytes.", limit=limit)
    if declared is not None and declared > limit:
        raise too_large
    expected = declared if declared is not None else limit
    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.body_idle_seconds + expected / config.body_min_bytes_per_second
    stream = request.stream().__aiter__()
    chunks, size = [], 0
    while True:
        wait = min(config.body_idle_seconds, deadline - loop.time())
        try:
            if wait <= 0:
                raise TimeoutError
            async with asyncio.timeout(wait):
                chunk = await anext(stream)
        except StopAsyncIteration:
            break
        except TimeoutError:
            raise RequestTimeout(
                f"The request body arrived too slowly ({size} bytes so far); nothing was "
                "stored. Send it again when the link is better.",
            ) from None
        except ClientDisconnect:
            raise MalformedRequest("The connection closed before the body was complete.") from None
        size += len(chunk)
        if size > limit:
            raise too_large
        if on_size is not None:
            on_size(size)
        chunks.append(chunk)
    request.state.body_read = True
    return b"".join(chunks)


class BodyBudget:
    """The request-body bytes one server process holds before their signature is checked,
    across all connections. A signature covers the whole body, so the body must be read before
    anyone knows who sent it; without a bound, a few hundred stalled 1 MiB bodies that merely
    name an enrolled device (a stolen laptop's id is enough) hold hundreds of MiB: the limit
    per request and the stall deadlines bound each one, not their sum. Past ``capacity`` a
    request is refused with 503 and Retry-After before more of its body is read.

    Only the event loop touches the count (no lock): reservations happen between awaits."""

    def __init__(self, capacity: int, config: ServerConfig) -> None:
        self.capacity = capacity
        self.held = 0
        self._config = config
        self._refusing = False

    @contextlib.asynccontextmanager
    async def unverified(self, request: Request, limit: int) -> AsyncIterator[bytes]:
        """The body of ``request`` (at most ``limit`` bytes, see ``read_body``), counted
        against the budget until the block ends: check its signature inside the block."""
        reserved = 0

        def cover(size: int) -> None:
            nonlocal reserved
            if size > reserved:
                self._take(size - reserved)
                reserved = size

        try:
            declared = _declared_length(request)
            if declared is not None and declared <= limit:
                cover(declared)  # refused before a byte of it is read
            yield await read_body(request, limit, self._config, on_size=cover)
        finally:
            self.held -= reserved
            if self._refusing and self.held <= self.capacity // 2:
                self._refusing = False
                log.warning("unverified request bodies are back under their budget")

    def _take(self, size: int) -> None:
        if self.held + size > self.capacity:
            if not self._refusing:  # one line per episode, not one per refused request
                self._refusing = True
                log.warning(
                    "unverified request bodies fill their budget (%d MiB); new ones get 503 "
                    "until they drain",
                    self.capacity >> 20,
                )
            raise ServiceUnavailable(
                "The server is receiving too many requests at once; nothing was stored. "
                "Try again in a moment.",
                retry_after=BUSY_RETRY_SECONDS,
            )
        self.held += size


def refusal_headers(request: Request, exc: ProtocolError) -> dict[str, str]:
    """HTTP headers for an error answer. A request refused before its body was read whole
    (too large, too slow, over the budget, or from a device nobody enrolled) has its
    connection closed: otherwise uvicorn goes on reading, and buffering, the rest of a body
    nobody will look at."""
    headers = {}
    retry_after = exc.details.get("retry_after")
    if isinstance(retry_after, int):
        headers["Retry-After"] = str(retry_after)
    if _body_left_unread(request):
        headers["Connection"] = "close"
    return headers


def _body_left_unread(request: Request) -> bool:
    if getattr(request.state, "body_read", False):
        return False
    declared = _declared_length(request)
    if declared is not None:
        return declared > 0
    return "transfer-encoding" in request.headers


def require_media(request: Request, media_type: str) -> None:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if content_type != media_type or encoding != "identity":
        raise UnsupportedEncoding(
            f"Send this body as {media_type} without Content-Encoding "
            "(compression is part of the media type).",
            expected=media_type,
        )


def auth_headers(request: Request, *, device_required: bool = True) -> AuthHeaders:
    """The signing headers, every fault a 4xx protocol error."""
    try:
        return parse_auth_headers(request.headers, device_required=device_required)
    except ValueError:
        # A header value that passes str.isdigit() but is no ASCII number ("²").
        raise AuthError("A signing header holds an invalid number.") from None


def signed_path(request: Request) -> str:
    """Path and query as the client signed them: from the API root, query string verbatim."""
    path: str = request.scope["path"]
    root: str = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    query = request.scope.get("query_string", b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def query_int(request: Request, name: str, *, default: int | None, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None and default is not None:
        return default
    if raw is None or not _digits(raw) or len(raw) > 18 or not low <= int(raw) <= high:
        raise MalformedRequest(f"Query parameter {name} must be an integer from {low} to {high}.")
    return int(raw)


def doc_version_query(request: Request) -> int:
    """A pull's ``v`` (docs/sync-protocol.md §1). A version this server does not speak is
    refused as such, naming those it does: a newer laptop asks again in the highest of them."""
    version = query_int(request, "v", default=PROTOCOL_VERSION, low=PROTOCOL_VERSION, high=2**31)
    if version not in DOC_VERSIONS:
        raise UnsupportedProtocol(
            f"Pull version {version} is not one of {list(DOC_VERSIONS)}.",
            supported=list(DOC_VERSIONS),
        )
    return version


class GuardedH11Protocol(H11Protocol):
    """Uvicorn's HTTP/1.1 protocol with a deadline for receiving a request's headers."""

    header_seconds: ClassVar[float] = HEADER_TIMEOUT_SECONDS
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._between_requests() and self._header_timer is None:
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if not self._between_requests():
            self._disarm()  # headers complete: the body has its own limits (read_body)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_seconds, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._between_requests() and not self.transport.is_closing():
            self.transport.close()


def guarded_protocol(header_seconds: float) -> type[GuardedH11Protocol]:
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"header_seconds": header_seconds})


def check_transport(
    host: str, tls_cert: object | None, tls_key: object | None, *, insecure_http: bool
) -> str | None:
    """Refuse plain HTTP on anything but loopback: voter data and NIKs would cross the network
    in the clear. ``insecure_http`` is the operator saying so on purpose (a TLS-terminating
    proxy on a private link, a test network); the warning returned is for the console."""
    # Imported here: the sync client module loads requests, which only this check needs.
    from lapang_core.addresses import is_loopback_host

    if (tls_cert is None) != (tls_key is None):
        raise ConfigError("Give both --tls-cert and --tls-key for HTTPS, or neither.")
    if tls_cert is not None or is_loopback_host(host):
        return None
    if insecure_http:
        return (
            f"warning: serving plain HTTP on {host or 'every address'} (--insecure-http): "
            "anyone on the network path can read and alter voter data."
        )
    raise ConfigError(
        f"Refusing to serve plain HTTP on {host or 'every address'}: voter data would cross the "
        "network unencrypted. Give --tls-cert FILE and --tls-key FILE for HTTPS, bind "
        "--host 127.0.0.1 behind a TLS proxy on this machine, or add --insecure-http if this "
        "network is protected some other way."
    )


def uvicorn_config(
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8470,
    root_path: str = "",
    log_level: str = "info",
    tls_cert: pathlib.Path | str | None = None,
    tls_key: pathlib.Path | str | None = None,
    header_seconds: float = HEADER_TIMEOUT_SECONDS,
    connection_limit: int = CONNECTION_LIMIT,
    log_config: dict[str, Any] | None = None,
) -> uvicorn.Config:
    """How every server process runs (the ``serve`` command and the tests alike)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        root_path=root_path,
        log_level=log_level,
        ssl_certfile=tls_cert,
        ssl_keyfile=tls_key,
        lifespan="on",
        http=guarded_protocol(header_seconds),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        limit_concurrency=connection_limit,
        # Headers larger than this are refused (400) before the app sees them.
        h11_max_incomplete_event_size=16 * 1024,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        # With the JSON log, sync_server.access writes each request's line with its ids, and
        # uvicorn's own line would repeat it with the path as sent. None keeps uvicorn's text
        # logging, access lines included (``serve --log-format text``, the tests).
        access_log=log_config is None,
        **({"log_config": log_config} if log_config is not None else {}),
    )

"""One access line per request and the count of answers by status code.

A pure ASGI middleware (no response buffering, so attachment chunks and push answers stream as
before). It gives each request its id (``logs.begin_request``: the proxy's ``X-Request-ID`` or
a fresh one), answers with that id in ``X-Request-ID`` so an officer's support call can quote
it, and writes one line when the answer has gone: method, the route's template (never the path
as sent), status, duration. The device id joins the line once the handler has checked the
request's signature.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sync_server import logs
from sync_server.metrics import ServerMetrics

log = logging.getLogger("sync_server.access")

Scope = dict[str, Any]
Receive = Any
Send = Any


class AccessLog:
    def __init__(self, app: Any, metrics: ServerMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
        context, token = logs.begin_request(incoming)
        started = time.perf_counter()
        status = 500  # what the client sees if the app fails before answering

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", ()))
                headers.append((b"x-request-id", context.request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.metrics.responses.labels(str(status)).inc()
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            took_ms = round((time.perf_counter() - started) * 1000, 1)
            log.info(
                "%s %s %d %.1f ms",
                scope.get("method", ""),
                route,
                status,
                took_ms,
                extra={
                    "fields": {
                        "method": scope.get("method", ""),
                        "route": route,
                        "status": status,
                        "duration_ms": took_ms,
                    }
                },
            )
            logs.end_request(token)

"""The server's log: one JSON object a line, each naming the request and the device it serves.

A log collector (journald, Loki, Elasticsearch) then finds every line of one request, or of one
laptop, without parsing prose. What a line may hold is fixed here, not by each call site:
the message (which call sites already keep free of personal data, see
tests/sync_server/test_server_log_privacy.py), the logger, the level, the time, the request id
and the device id. An exception is logged by its type and stack only, never its message: a
driver's or parser's message may quote the value it choked on, and that may be a NIK.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import json
import logging
import logging.config
import re
import secrets
import traceback
from typing import Any, TextIO

# The request a line belongs to. Starlette copies the context into the thread that runs the
# database work (run_in_threadpool), so lines logged there carry the same ids.
_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "lapang_request", default=None
)
# A proxy's X-Request-ID is adopted only when it looks like an id: it lands in every line.
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


@dataclasses.dataclass(slots=True)
class RequestContext:
    request_id: str
    # Set once the signature names an enrolled device; a mutable field, because the handler
    # learns it after the middleware has made the context.
    device_id: str | None = None


def begin_request(incoming_id: str | None) -> tuple[RequestContext, contextvars.Token[Any]]:
    """A context for a new request: the proxy's id if it sent a sane one, else a fresh one."""
    request_id = (
        incoming_id if incoming_id and _INCOMING_ID.fullmatch(incoming_id) else secrets.token_hex(8)
    )
    context = RequestContext(request_id)
    return context, _request.set(context)


def end_request(token: contextvars.Token[Any]) -> None:
    _request.reset(token)


def set_device(device_id: str) -> None:
    """Name the device the current request was signed by (once its signature checked out)."""
    context = _request.get()
    if context is not None:
        context.device_id = device_id


def current() -> RequestContext | None:
    return _request.get()


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", "device_id", ...}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = _request.get()
        if context is not None:
            line["request_id"] = context.request_id
            if context.device_id is not None:
                line["device_id"] = context.device_id
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _, tb = record.exc_info
            line["exception"] = exc_type.__name__
            line["stack"] = "".join(traceback.format_tb(tb))
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str = "info", stream: TextIO | None = None) -> dict[str, Any]:
    """Send the server's and uvicorn's records to ``stream`` (stderr) as JSON lines; returns
    the dict for ``uvicorn.Config(log_config=...)``, which applies it again in each process."""
    handler: dict[str, Any] = {
        "class": "logging.StreamHandler",
        "formatter": "json",
    }
    if stream is not None:
        handler["stream"] = stream
    config: dict[str, Any] = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": handler},
        "loggers": {
            name: {"handlers": ["json"], "level": level.upper(), "propagate": False}
            # uvicorn.access stays silent: sync_server.access (app.py) writes one line per
            # request with its ids and the route's template, not the path as sent.
            for name in ("sync_server", "uvicorn", "uvicorn.error")
        },
    }
    logging.config.dictConfig(config)
    return config

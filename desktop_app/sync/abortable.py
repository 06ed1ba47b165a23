"""Requests that another thread can cut short.

A request on a 2G link may wait up to its read timeout (a minute) for an answer that is not
coming. Cancel, locking the desk and closing the app must not wait that long, so the client's
connections register their sockets here once connected, and ``abort`` shuts them down: the
blocked ``recv``/``send`` on the sync thread fails at once, and the engine's retry logic sees
the cancel. A change whose answer was lost this way stays queued and is resent; the server
recognises it (exactly once holds).

Not covered: the seconds of the TCP connect and TLS handshake themselves (urllib3 creates and
wraps the socket inside one call); those are bounded by the connect timeout.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import weakref
from typing import Any

import requests.adapters
import urllib3.connection
import urllib3.connectionpool


class SocketRegistry:
    """The sockets of one client's live connections (held weakly: a closed connection simply
    drops out)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        # Seconds spent opening connections (TCP connect and TLS handshake), in total, and the
        # longer of the last connection's two steps: each takes at least one round trip, so
        # it is a measure of the link's round trip that no request's size inflates.
        self.connect_seconds = 0.0
        self.last_handshake_seconds: float | None = None

    def connected(self, tcp_seconds: float, total_seconds: float) -> None:
        with self._lock:
            self.connect_seconds += total_seconds
            self.last_handshake_seconds = max(tcp_seconds, total_seconds - tcp_seconds)

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.add(sock)

    def shutdown_all(self) -> int:
        """Shut down every registered socket (any thread); returns how many were open."""
        with self._lock:
            sockets = list(self._sockets)
            self._sockets.clear()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        return len(sockets)


class _Timed:
    """Times a connection's TCP connect (``_new_conn``) and its whole set-up (``connect``)."""

    _tcp_seconds = 0.0

    def _new_conn(self) -> socket.socket:
        started = time.monotonic()
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._tcp_seconds = time.monotonic() - started


def _pool_classes(registry: SocketRegistry) -> dict[str, type]:
    class HTTPConnection(_Timed, urllib3.connection.HTTPConnection):
        def connect(self) -> None:
            started = time.monotonic()
            super().connect()
            registry.add(self.sock)
            registry.connected(self._tcp_seconds, time.monotonic() - started)

    class HTTPSConnection(_Timed, urllib3.connection.HTTPSConnection):
        def connect(self) -> None:
            started = time.monotonic()
            super().connect()
            registry.add(self.sock)
            registry.connected(self._tcp_seconds, time.monotonic() - started)

    class HTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
        ConnectionCls = HTTPConnection

    class HTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
        ConnectionCls = HTTPSConnection

    return {"http": HTTPConnectionPool, "https": HTTPSConnectionPool}


class AbortableAdapter(requests.adapters.HTTPAdapter):
    """An ``HTTPAdapter`` whose connections register their sockets in ``registry``."""

    def __init__(self, registry: SocketRegistry, **kwargs: Any) -> None:
        self.registry = registry
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(self.registry)

"""A fault-injecting TCP proxy for tests and benchmarks: a 2G link in a box.

    with FaultProxy(("127.0.0.1", server_port), latency=0.3, bandwidth_bps=256_000) as proxy:
        client = SyncClient(proxy.url)
        ...
        proxy.bytes_up, proxy.bytes_down     # everything that crossed, both directions

Per direction (up = client to server, down = server to client):

* ``latency``: one-way delay in seconds (a 600 ms round trip is 0.3 each way), applied to
  every byte as it would be on a real link (data keeps flowing while earlier data is in flight);
* ``bandwidth_bps``: bits per second, serialised byte after byte with no burst allowance,
  shared by every connection like the one radio link they all use;
* resets: ``reset_every`` bytes (both directions together) the connection carrying the byte at
  that offset is reset (RST, mid-transfer); with ``reset_jitter`` the offsets are random,
  uniform in ``reset_every * (1 ± jitter)``. Seeded, so a failing run can be repeated.
* ``blackhole``: connections are accepted and nothing is forwarded (signal gone, no RST);
* ``cut_answers``: the next N answers are lost: the connection is reset when the server's
  first byte of an answer reaches the proxy, after the server has done the work.

Only loopback is served and proxied. Every socket has TCP_NODELAY: a proxy that adds Nagle's
delay to small writes would measure itself, not the protocol. Settings can be changed while
running (``proxy.configure(...)``); counters are cumulative until ``reset_counters()``.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import random
import socket
import struct
import threading
import time
from collections.abc import Callable

_CHUNK = 16 * 1024
_PIECE = 1024  # bytes released at a time: keeps the rate smooth at 32 KB/s
_LATE_WAKE_SLACK = 0.05  # seconds: lateness within this counts as a busy link, not an idle one


@dataclasses.dataclass
class LinkSettings:
    latency: float = 0.0
    bandwidth_bps: int | None = None
    reset_every: int | None = None
    reset_jitter: float = 0.0
    blackhole: bool = False
    cut_answers: int = 0  # reset the next N answers as their first byte arrives from the server


class _SerialLink:
    """One direction of the radio link: bytes leave one after another at the link's rate, with
    no burst allowance (a 2G link never sends faster than its rate, however long it idled)."""

    def __init__(self) -> None:
        self.rate = 0.0  # bytes per second; 0 = unlimited
        self.free_at = 0.0  # when the link has finished sending what it was given
        self.lock = threading.Lock()

    def set_rate(self, bits_per_second: int | None) -> None:
        with self.lock:
            self.rate = (bits_per_second or 0) / 8.0
            self.free_at = 0.0

    def take(self, n: int, stopped: threading.Event) -> None:
        """Block until ``n`` bytes have been serialised onto the link."""
        with self.lock:
            if self.rate <= 0:
                return
            now = time.monotonic()
            # A sender that wakes a few ms late (a busy machine) has not left the link idle:
            # keep the schedule, or every late wake-up would lower the rate (2,400 pieces of
            # a 2.4 MB download, ~5 ms late each on a loaded machine, cost 12 s).
            start = self.free_at if now - self.free_at < _LATE_WAKE_SLACK else now
            self.free_at = start + n / self.rate
            done = self.free_at
        while not stopped.is_set():
            wait = done - time.monotonic()
            if wait <= 0:
                return
            time.sleep(min(wait, 0.2))


class _Pipe:
    """One direction of one connection: a reader thread queues what arrives (stamped), a
    writer thread delivers it after the latency, at the link's rate."""

    def __init__(
        self,
        proxy: FaultProxy,
        conn: _Connection,
        src: socket.socket,
        dst: socket.socket,
        direction: str,
    ) -> None:
        self.proxy, self.conn, self.src, self.dst, self.direction = proxy, conn, src, dst, direction
        self.queue: collections.deque[tuple[float, bytes]] = collections.deque()
        self.cond = threading.Condition()
        self.eof = False
        self.threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._write, daemon=True),
        ]

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def _read(self) -> None:
        try:
            while True:
                data = self.src.recv(_CHUNK)
                if not data:
                    break
                self.conn.saw(self.direction)
                with self.cond:
                    self.queue.append((time.monotonic(), data))
                    self.cond.notify()
        except OSError:
            pass
        with self.cond:
            self.eof = True
            self.cond.notify()

    def _write(self) -> None:
        proxy = self.proxy
        try:
            while True:
                with self.cond:
                    while not self.queue and not self.eof and not self.conn.closed.is_set():
                        self.cond.wait(0.2)
                    if self.conn.closed.is_set():
                        return
                    if not self.queue:  # eof and drained
                        with contextlib.suppress(OSError):
                            self.dst.shutdown(socket.SHUT_WR)
                        return
                    stamp, data = self.queue.popleft()
                settings = proxy.settings
                delay = stamp + settings.latency - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                while settings.blackhole and not self.conn.closed.is_set():
                    time.sleep(0.05)
                    settings = proxy.settings
                if self.direction == "down" and proxy._take_cut():
                    self.conn.reset()
                    return
                for offset in range(0, len(data), _PIECE):
                    piece = data[offset : offset + _PIECE]
                    proxy._link(self.direction).take(len(piece), self.conn.closed)
                    allowed = proxy._account(self.direction, len(piece))
                    if allowed < len(piece):
                        if allowed:
                            self.dst.sendall(piece[:allowed])
                        self.conn.reset()
                        return
                    self.dst.sendall(piece)
        except OSError:
            self.conn.close()


class _Connection:
    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket) -> None:
        self.client, self.server = client, server
        self.proxy = proxy
        self.closed = threading.Event()
        self.awaiting_answer = False
        self.up = _Pipe(proxy, self, client, server, "up")
        self.down = _Pipe(proxy, self, server, client, "down")

    def start(self) -> None:
        self.up.start()
        self.down.start()

    def saw(self, direction: str) -> None:
        """Data arrived at the proxy: a request (up), or the start of the server's answer."""
        if direction == "up":
            self.awaiting_answer = True
        elif self.awaiting_answer:
            self.awaiting_answer = False
            hook = self.proxy.on_answer
            if hook is not None:
                hook()

    def reset(self) -> None:
        """Abort both sides with RST, as a dropped radio link looks to the endpoints' stacks
        once the NAT forgets the flow."""
        for sock in (self.client, self.server):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close()

    def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        for sock in (self.client, self.server):
            # A thread blocked in recv() keeps the socket open past close(); SHUT_RD wakes it,
            # so the close (abortive, with the linger set above) really happens now.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RD)
            with contextlib.suppress(OSError):
                sock.close()


def _nodelay(sock: socket.socket) -> None:
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class FaultProxy:
    def __init__(
        self,
        target: tuple[str, int],
        *,
        latency: float = 0.0,
        bandwidth_bps: int | None = None,
        reset_every: int | None = None,
        reset_jitter: float = 0.0,
        seed: int = 0,
    ) -> None:
        host, port = target
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("FaultProxy only proxies to loopback.")
        self.target = ("127.0.0.1" if host == "localhost" else host, port)
        self.settings = LinkSettings(latency, bandwidth_bps, reset_every, reset_jitter)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._links = {"up": _SerialLink(), "down": _SerialLink()}
        self._stopped = threading.Event()
        self._connections: list[_Connection] = []
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.resets = 0
        self._carried = 0  # bytes both ways, for the reset schedule
        self._next_reset: int | None = None
        # Called (on a proxy thread) when a server answer starts to arrive at the proxy, before
        # it is passed on: the server has done the work, the client does not know yet.
        self.on_answer: Callable[[], None] | None = None
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        # Closing a socket does not wake a thread blocked in accept(): poll instead.
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self.configure()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- settings and counters ------------------------------------------------------------
    def configure(self, **changes: object) -> None:
        """Change link settings (``latency``, ``bandwidth_bps``, ``reset_every``,
        ``reset_jitter``, ``blackhole``, ``cut_answers``) while running."""
        with self._lock:
            self.settings = dataclasses.replace(self.settings, **changes)  # type: ignore[arg-type]
            for link in self._links.values():
                link.set_rate(self.settings.bandwidth_bps)
            self._schedule_reset()

    def retarget(self, target: tuple[str, int]) -> None:
        """Send new connections to another loopback server (same link, another service)."""
        host, port = target
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("FaultProxy only proxies to loopback.")
        with self._lock:
            self.target = ("127.0.0.1" if host == "localhost" else host, port)

    def reset_after(self, n: int) -> None:
        """The next reset comes after ``n`` more bytes, then every ``reset_every`` again (a
        benchmark puts a reset inside the transfer it measures)."""
        with self._lock:
            self._next_reset = self._carried + max(1, n)

    def reset_counters(self) -> None:
        with self._lock:
            self.bytes_up = self.bytes_down = self.connections = self.resets = 0

    @property
    def bytes_total(self) -> int:
        return self.bytes_up + self.bytes_down

    def _schedule_reset(self) -> None:
        every = self.settings.reset_every
        if not every:
            self._next_reset = None
            return
        jitter = self.settings.reset_jitter
        step = every * (1 + jitter * (2 * self._rng.random() - 1)) if jitter else every
        self._next_reset = self._carried + max(1, int(step))

    def _link(self, direction: str) -> _SerialLink:
        return self._links[direction]

    def _take_cut(self) -> bool:
        with self._lock:
            if self.settings.cut_answers <= 0:
                return False
            self.settings = dataclasses.replace(
                self.settings, cut_answers=self.settings.cut_answers - 1
            )
            self.resets += 1
            return True

    def _account(self, direction: str, n: int) -> int:
        """Count ``n`` bytes about to cross; return how many may cross before a reset."""
        with self._lock:
            allowed = n
            if self._next_reset is not None and self._carried + n >= self._next_reset:
                allowed = self._next_reset - self._carried
                self.resets += 1
            self._carried += allowed
            if direction == "up":
                self.bytes_up += allowed
            else:
                self.bytes_down += allowed
            if allowed < n:
                self._schedule_reset()
            return allowed

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._accepter.start()
        return self

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            try:
                server = socket.create_connection(self.target, timeout=10)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            _nodelay(client)
            _nodelay(server)
            conn = _Connection(self, client, server)
            with self._lock:
                self.connections += 1
                self._connections = [c for c in self._connections if not c.closed.is_set()]
                self._connections.append(conn)
            conn.start()

    def drop_all(self) -> None:
        """Reset every open connection now (the signal just went)."""
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            conn.reset()

    def stop(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self.drop_all()
        self._accepter.join(5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

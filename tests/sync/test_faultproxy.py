"""The fault proxy itself: the link it simulates must be the link the tests and the benchmark
claim (latency, bandwidth, resets, counters), or their figures mean nothing."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.support.faultproxy import FaultProxy


@pytest.fixture()
def echo_port() -> Iterator[int]:
    """A TCP echo server on loopback."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):  # the proxy resets connections on purpose
            while data := conn.recv(65536):
                conn.sendall(data)

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def _connect(proxy: FaultProxy) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _echo(sock: socket.socket, payload: bytes) -> bytes:
    sock.sendall(payload)
    received = b""
    while len(received) < len(payload):
        chunk = sock.recv(65536)
        if not chunk:
            break
        received += chunk
    return received


def test_round_trip_latency_and_byte_counters(echo_port: int) -> None:
    with FaultProxy(("127.0.0.1", echo_port), latency=0.1) as proxy, _connect(proxy) as sock:
        started = time.monotonic()
        assert _echo(sock, b"x" * 100) == b"x" * 100
        elapsed = time.monotonic() - started
        assert 0.19 <= elapsed < 0.6  # 100 ms each way
        assert (proxy.bytes_up, proxy.bytes_down, proxy.connections) == (100, 100, 1)


def test_bandwidth_cap_is_the_configured_rate(echo_port: int) -> None:
    size = 64 * 1024
    with (
        FaultProxy(("127.0.0.1", echo_port), bandwidth_bps=2_000_000) as proxy,
        _connect(proxy) as sock,
    ):
        started = time.monotonic()
        assert len(_echo(sock, b"y" * size)) == size
        elapsed = time.monotonic() - started
    # 64 KiB up then down (pipelined: the echo starts while the upload is still arriving).
    one_way = size * 8 / 2_000_000
    assert one_way * 0.9 <= elapsed <= 2 * one_way + 0.3


def test_reset_every_n_bytes_cuts_the_connection_at_that_offset(echo_port: int) -> None:
    with FaultProxy(("127.0.0.1", echo_port), reset_every=1000) as proxy:
        with _connect(proxy) as sock:
            sock.sendall(b"z" * 700)
            received = b""
            with pytest.raises(OSError):  # reset by peer once 1000 bytes crossed both ways
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        raise ConnectionResetError("closed")
                    received += chunk
        assert proxy.bytes_up + proxy.bytes_down == 1000
        assert len(received) <= 300
        assert proxy.resets == 1
        # The next connection works until the next 1000 bytes.
        with _connect(proxy) as sock:
            assert _echo(sock, b"w" * 200) == b"w" * 200


def test_reset_after_puts_the_next_reset_where_asked(echo_port: int) -> None:
    with FaultProxy(("127.0.0.1", echo_port), reset_every=100_000) as proxy:
        with _connect(proxy) as sock:
            assert _echo(sock, b"a" * 300) == b"a" * 300
            proxy.reset_after(500)  # 600 bytes crossed so far: the reset comes at 1100
            sock.sendall(b"b" * 400)
            with pytest.raises(OSError):
                while sock.recv(65536):
                    pass
                raise ConnectionResetError("closed")
        assert proxy.bytes_up + proxy.bytes_down == 1100 and proxy.resets == 1


def test_cut_answers_resets_after_the_request_arrived(echo_port: int) -> None:
    with FaultProxy(("127.0.0.1", echo_port)) as proxy:
        proxy.configure(cut_answers=1)
        with _connect(proxy) as sock:
            sock.sendall(b"request")
            with pytest.raises(OSError):
                if not sock.recv(100):
                    raise ConnectionResetError("closed")
        assert proxy.bytes_up == len(b"request") and proxy.bytes_down == 0
        with _connect(proxy) as sock:
            assert _echo(sock, b"again") == b"again"


def test_blackhole_forwards_nothing(echo_port: int) -> None:
    with FaultProxy(("127.0.0.1", echo_port)) as proxy:
        proxy.configure(blackhole=True)
        with _connect(proxy) as sock:
            sock.settimeout(0.3)
            sock.sendall(b"hello")
            with pytest.raises(TimeoutError):
                sock.recv(10)
        assert proxy.bytes_up == 0


def test_only_loopback_targets() -> None:
    with pytest.raises(ValueError, match="loopback"):
        FaultProxy(("10.0.0.1", 80))

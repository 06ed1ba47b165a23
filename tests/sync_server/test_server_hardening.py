"""Hostile or broken clients at the HTTP level: bodies larger than declared limits, bodies
that stall or trickle, headers that never finish, and a database that goes away. Each is
refused with protocol JSON (or the connection is closed), nothing is stored, and the server
keeps serving.

Raw sockets are used where an HTTP library would not misbehave the way an attacker does.
"""

from __future__ import annotations

import dataclasses
import socket
import time
import zlib
from collections.abc import Iterator

import psycopg
import pytest

from lapang_core import protocol as p
from sync_server.app import create_app
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, serve

_HOST = "127.0.0.1"


@pytest.fixture()
def strict_server(live_server: LiveServer) -> Iterator[str]:
    """A server with short stall limits (the real ones are tens of seconds), on the live
    server's database: a device enrolled there is known here too."""
    config = dataclasses.replace(
        live_server.config, body_idle_seconds=0.5, body_min_bytes_per_second=1000
    )
    app = create_app(config)
    server, thread, url = serve(app, header_seconds=0.6)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(10)


def _connect(url: str) -> socket.socket:
    port = int(url.rsplit(":", 1)[1])
    sock = socket.create_connection((_HOST, port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _head(path: str, **headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {_HOST}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _claimed_by(dev: DeviceClient, path: str) -> dict[str, str]:
    """Signing headers that name an enrolled device, so the server reads the body (their
    signature is for an empty body: these bodies are never complete anyway)."""
    return p.sign_request(dev.key, "POST", path, dev.device_id, b"")


def _answer(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one HTTP answer (the server closes or sends Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed without an answer after {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(
            line.split(b":")[1]
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
    )
    while len(body) < length:
        body += sock.recv(65536)
    return int(head.split(b" ")[1]), body


def _error(body: bytes) -> p.ProtocolError:
    return p.ProtocolError.from_response(400, body)


def test_declared_oversize_body_is_refused_before_it_is_sent(live_server: LiveServer) -> None:
    claim = _claimed_by(live_server.device(), "/v1/push")
    with _connect(live_server.url) as sock:
        sock.sendall(
            _head(
                "/v1/push",
                Content_Type=p.MEDIA_TYPE,
                Content_Length=str(50 * 1024 * 1024),
                **claim,
            )
        )
        started = time.monotonic()
        status, body = _answer(sock)  # no body byte was sent
    assert status == 413 and type(_error(body)) is p.BodyTooLarge
    assert time.monotonic() - started < 5


def test_chunked_body_is_cut_off_at_the_limit(live_server: LiveServer) -> None:
    """No Content-Length: the server counts while reading and stops at the limit."""
    block = b"\0" * 65536
    sent = 0
    claim = _claimed_by(live_server.device(), "/v1/push")
    with _connect(live_server.url) as sock:
        sock.sendall(
            _head("/v1/push", Content_Type=p.MEDIA_TYPE, Transfer_Encoding="chunked", **claim)
        )
        sock.settimeout(0.05)
        while True:
            try:
                sock.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
                sent += len(block)
            except OSError:  # the server answered and closed while we were still sending
                break
            try:
                if sock.recv(1, socket.MSG_PEEK):
                    break
            except TimeoutError:
                pass
            assert sent < 8 * p.MAX_BODY_BYTES, "the server kept reading past its limit"
        sock.settimeout(10)
        status, body = _answer(sock)
    assert status == 413 and type(_error(body)) is p.BodyTooLarge


def test_stalled_body_is_dropped_with_408(strict_server: str, live_server: LiveServer) -> None:
    claim = _claimed_by(live_server.device(), "/v1/push")
    with _connect(strict_server) as sock:
        sock.sendall(_head("/v1/push", Content_Type=p.MEDIA_TYPE, Content_Length="100", **claim))
        sock.sendall(b"x" * 10)  # ... and nothing more
        started = time.monotonic()
        status, body = _answer(sock)
    assert status == 408
    error = _error(body)
    assert error.code == "request_timeout" and error.details == {} and error.message
    assert 0.4 < time.monotonic() - started < 5


def test_trickled_body_below_the_minimum_rate_is_dropped(
    strict_server: str, live_server: LiveServer
) -> None:
    # 2000 bytes at >= 1000 B/s after 0.5 s of grace: done by 2.5 s, or refused.
    claim = _claimed_by(live_server.device(), "/v1/push")
    with _connect(strict_server) as sock:
        sock.sendall(_head("/v1/push", Content_Type=p.MEDIA_TYPE, Content_Length="2000", **claim))
        sock.settimeout(0.2)
        started = time.monotonic()
        status = 0
        while time.monotonic() - started < 10:
            sock.sendall(b"x")  # one byte every 0.2 s: never idle, far too slow
            try:
                if sock.recv(1, socket.MSG_PEEK):
                    break
            except TimeoutError:
                continue
        sock.settimeout(10)
        status, body = _answer(sock)
    assert status == 408 and _error(body).code == "request_timeout"
    assert 2.0 < time.monotonic() - started < 6


def test_headers_that_never_finish_get_the_connection_closed(strict_server: str) -> None:
    with _connect(strict_server) as sock:
        sock.sendall(b"POST /v1/push HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        sock.settimeout(0.1)
        closed = False
        while time.monotonic() - started < 10 and not closed:
            try:
                sock.sendall(b"X-Slow: y\r\n")  # a header line every 0.1 s, never the blank line
                closed = sock.recv(1) == b""
            except TimeoutError:
                continue
            except OSError:
                closed = True
    assert closed and time.monotonic() - started < 3


def test_a_silent_connection_is_closed(strict_server: str) -> None:
    with _connect(strict_server) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""
    assert time.monotonic() - started < 3


def test_pauses_between_requests_are_not_stalls(
    strict_server: str, live_server: LiveServer
) -> None:
    """The stall limits leave a normal exchange alone: on one kept-alive connection, with
    pauses longer than the header limit between requests (both servers share a database)."""
    dev = live_server.device()
    dev.base_url = strict_server
    for index in range(3):
        time.sleep(0.8)  # longer than the 0.6 s header limit
        result = dev.push([dev.change("sesuai", live_server.voter_id(index))])
        assert result.applied_through == index + 1
    time.sleep(0.8)
    assert dev.pull_all()[-1].more is False


def test_compressed_body_that_lies_about_its_size_is_refused(live_server: LiveServer) -> None:
    """Declared small, inflating huge: refused while inflating, not after."""
    dev = live_server.device()
    bomb = zlib.compress(b"[" * (64 << 20))
    assert len(bomb) < p.MAX_BODY_BYTES
    response = dev.push_raw(bomb)
    assert response.status_code == 413 and type(_error(response.content)) is p.BodyTooLarge


def test_database_connections_lost_then_database_gone_then_back(
    live_server: LiveServer,
) -> None:
    """PostgreSQL restarted (pooled connections dead): the next request is served on a new
    connection. Database unreachable: 503 ``unavailable`` (retryable), nothing else breaks."""
    url = live_server.config.database_url
    if url is None:
        pytest.skip("connection loss concerns the PostgreSQL backend; SQLite is a local file")
    dev = live_server.device()
    dev.pull_all()
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"

    def admin(statement: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(statement)

    kill = (
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    admin(kill)
    assert dev.push([dev.change("sesuai", live_server.voter_id(0))]).applied_through == 1
    admin(kill)
    for _ in range(50):  # terminated backends take a moment to exit
        try:
            admin(f'ALTER DATABASE "{name}" RENAME TO "{name}_away"')
            break
        except psycopg.errors.ObjectInUse:
            time.sleep(0.1)
    try:
        response = dev.request("GET", p.pull_path(0))
        assert response.status_code == 503
        error = _error(response.content)
        assert type(error) is p.ServiceUnavailable and error.retryable
        assert name not in error.message  # no connection details leak to clients
    finally:
        admin(f'ALTER DATABASE "{name}_away" RENAME TO "{name}"')
    assert dev.push([dev.change("sesuai", live_server.voter_id(1))]).applied_through == 2


def test_header_values_that_only_look_like_numbers(live_server: LiveServer) -> None:
    """'²' passes str.isdigit() but not int(): a 4xx, not a crash."""
    dev = live_server.device()
    with _connect(live_server.url) as sock:
        head = (
            f"GET /v1/pull?cursor=%C2%B2 HTTP/1.1\r\nHost: x\r\n{p.HEADER_PROTOCOL}: 1\r\n"
            f"{p.HEADER_DEVICE}: {dev.device_id}\r\n{p.HEADER_TIMESTAMP}: \xb2\r\n"
            f"{p.HEADER_NONCE}: {'a' * 32}\r\n{p.HEADER_SIGNATURE}: {'A' * 86}\r\n\r\n"
        )
        sock.sendall(head.encode("latin-1"))
        status, body = _answer(sock)
    assert status == 401 and _error(body).code == "unauthorized"
    response = dev.request("GET", "/v1/pull?cursor=%C2%B2")
    assert response.status_code == 400 and type(_error(response.content)) is p.MalformedRequest


def test_nul_characters_in_text_are_stored_not_crashed_on(live_server: LiveServer) -> None:
    """PostgreSQL text cannot hold NUL (found by the fuzz test): an officer name, an unknown op
    echoed into a refusal, a device label, or a voter value with one still get an answer."""
    dev = live_server.device(label="ok")
    officer = dev.change("sesuai", live_server.voter_id(0))
    officer["officer"] = "Siti\x00"
    odd_op = dev.change("x\x00", live_server.voter_id(1))
    name = dev.change(
        "ubah", live_server.voter_id(2), {"changes": {"nama": "A\x00B"}, "original": {"nama": "X"}}
    )
    result = dev.push([officer, odd_op, name])
    assert [(r.status, r.reason) for r in result.results] == [
        (p.ChangeStatus.ACCEPTED, None),
        (p.ChangeStatus.REFUSED, "unknown_op"),
        (p.ChangeStatus.REFUSED, "invalid_value"),
    ]
    labelled = DeviceClient(live_server.url)
    assert labelled.enroll(live_server.code(), label="laptop\x00").status_code == 200

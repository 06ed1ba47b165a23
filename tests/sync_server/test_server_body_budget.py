"""What the server holds of request bodies before their signature is checked.

A signature covers the whole body, so a body is read before anyone knows who sent it. Per
request, the server first checks everything the headers show (signing headers, clock, an
enrolled device): a stranger's body is refused before a byte of it is read. Across requests,
the bodies not yet verified share one budget (``ServerConfig.unverified_body_budget``); past
it a request gets 503 ``unavailable`` with Retry-After, and the connection is closed.

The memory figure is measured on a real ``python -m sync_server serve`` process on loopback,
with a bounded number of stalled clients that the test closes itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
import requests

from desktop_app.synthetic.regions import demo_regions_path, load_region_rows
from lapang_core import protocol as p
from sync_server.app import create_app
from sync_server.config import ConfigError, ServerConfig
from sync_server.http import BodyBudget
from sync_server.repository import Repository
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer, serve

_HOST = "127.0.0.1"
_MIB = 1 << 20
REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection((_HOST, port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _head(headers: dict[str, str]) -> bytes:
    lines = ["POST /v1/push HTTP/1.1", f"Host: {_HOST}", f"Content-Type: {p.MEDIA_TYPE}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _claimed_by(dev: DeviceClient) -> dict[str, str]:
    """Signing headers naming an enrolled device; the signature (of an empty body) fails,
    but only once the body is complete, and these bodies never are."""
    return p.sign_request(dev.key, "POST", "/v1/push", dev.device_id, b"")


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one answer, then the connection must close."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split(" ")[1]), {k.lower(): v for k, v in headers.items()}, body


_BLOCK = b"x" * (64 << 10)


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _stall(sock: socket.socket, headers: dict[str, str], size: int, *, chunked: bool) -> None:
    """Send all of a ``size``-byte body but its last byte (or its final chunk), then wait.
    A refusal that closes the connection mid-body ends the sending early."""
    with contextlib.suppress(OSError):
        if chunked:
            sock.sendall(_head({**headers, "Transfer-Encoding": "chunked"}))
            for _ in range(size // len(_BLOCK)):
                sock.sendall(_chunk(_BLOCK))
        else:
            sock.sendall(_head({**headers, "Content-Length": str(size)}))
            sock.sendall(b"x" * (size - 1))


def test_a_strangers_body_is_refused_before_a_byte_of_it_is_read(
    live_server: LiveServer,
) -> None:
    """No signing headers, or a device nobody enrolled: 401 at once, the connection closed,
    although the client declared a full-size body and sent none of it."""
    nobody = DeviceClient(live_server.url)
    nobody.device_id = "0" * 32
    for headers in ({}, _claimed_by(nobody)):
        with _connect(_port(live_server.url)) as sock:
            sock.sendall(_head({**headers, "Content-Length": str(p.MAX_BODY_BYTES)}))
            sock.settimeout(5)
            status, answer, body = _answer(sock)
        assert status in (400, 401) and answer["connection"] == "close", body
        error = p.ProtocolError.from_response(status, body)
        assert type(error) in (p.UnsupportedProtocol, p.UnknownDevice), error
    assert live_server.device().pull_all()  # and everyone else is served


@pytest.fixture()
def tight_server(live_server: LiveServer) -> Iterator[tuple[str, BodyBudget]]:
    """A server on the live server's database whose budget holds two full push bodies."""
    config = dataclasses.replace(live_server.config, unverified_body_budget=2 * _MIB)
    app = create_app(config)
    server, thread, url = serve(app)
    try:
        yield url, app.state.bodies
    finally:
        server.should_exit = True
        thread.join(10)


def test_past_the_budget_a_request_gets_503_with_retry_after(
    live_server: LiveServer, tight_server: tuple[str, BodyBudget]
) -> None:
    url, budget = tight_server
    dev = live_server.device()
    port = _port(url)
    held = [_connect(port) for _ in range(2)]
    try:
        _stall(held[0], _claimed_by(dev), _MIB, chunked=False)
        _stall(held[1], _claimed_by(dev), _MIB, chunked=True)  # all but the final chunk
        _wait_for(lambda: budget.held == 2 * _MIB)
        # Declared: refused before a byte is sent. Chunked: refused at its first chunk.
        claim = _claimed_by(dev)
        declared = _head({**claim, "Content-Length": str(256 << 10)})
        chunked = _head({**claim, "Transfer-Encoding": "chunked"}) + _chunk(_BLOCK)
        for first in (declared, chunked):
            with _connect(port) as sock:
                sock.sendall(first)
                status, answer, body = _answer(sock)
            assert status == 503 and answer["connection"] == "close", body
            error = p.ProtocolError.from_response(status, body)
            assert type(error) is p.ServiceUnavailable and error.retryable
            assert int(answer["retry-after"]) > 0 and error.details["retry_after"] > 0
    finally:
        for sock in held:
            sock.close()
    # The stalled bodies are dropped when their clients go: the budget is whole again.
    _wait_for(lambda: budget.held == 0)
    dev.base_url = url
    assert dev.push([dev.change("sesuai", live_server.voter_id(0))]).applied_through == 1


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_budget_below_one_request_body_is_a_config_error(live_server: LiveServer) -> None:
    with pytest.raises(ConfigError, match="budget"):
        dataclasses.replace(live_server.config, unverified_body_budget=p.MAX_BODY_BYTES - 1)


# -- memory of a real server process ----------------------------------------------------------

_STALLED_CLIENTS = 200  # the review's figure; each sends all of a 1 MiB body but its end
# What the server may hold beyond the budget: uvicorn reads up to 64 KiB per connection ahead
# of the app (its flow-control high-water mark), and the allocator keeps memory that the
# refused connections' buffers and objects used. Measured here: 64 MiB budget, +79 MiB RSS,
# so 15 MiB beyond it; the slack allows for half again as much on another machine. Without
# the budget the same clients cost +209 MiB.
_PER_CONNECTION = 64 << 10
_SLACK = 24 * _MIB


def _rss(pid: int) -> int:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture()
def server_process(tmp_path: pathlib.Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``python -m sync_server serve`` with its defaults, on a SQLite database with the demo
    regions (the budget does not depend on the backend)."""
    db = tmp_path / "server.db"
    repo = Repository.open(db, time.time())
    repo.load_regions(load_region_rows(demo_regions_path()), time.time())
    repo.close()
    with socket.socket() as s:
        s.bind((_HOST, 0))
        port = s.getsockname()[1]
    log = (tmp_path / "serve.log").open("wb")
    command = [sys.executable, "-m", "sync_server", "serve", "--db", str(db)]
    command += ["--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=log, env=os.environ)
    url = f"http://{_HOST}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/v1/ping", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.1)
        yield server, url
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_stalled_bodies_cost_no_more_than_the_budget(
    server_process: tuple[subprocess.Popen[bytes], str], tmp_path: pathlib.Path
) -> None:
    """200 clients each send a 1 MiB body (the push limit) but its last byte, half with a
    Content-Length and half chunked, all claiming one enrolled device (a stolen laptop's id;
    a stranger gets nothing read at all). Before the budget the server held every one of them,
    +200 MiB; now it holds at most the budget, and the rest get 503 unread."""
    server, url = server_process
    budget = ServerConfig(db_path=tmp_path / "x.db").unverified_body_budget
    repo = Repository.open(tmp_path / "server.db", time.time())
    code = repo.create_enroll_code(AREA, 1.0, time.time())
    repo.close()
    dev = DeviceClient(url)
    assert dev.enroll(code).status_code == 200
    dev.pull_all()  # the server has run every code path once
    time.sleep(0.5)
    before = _rss(server.pid)
    clients: list[socket.socket] = []
    peak = before
    try:
        for index in range(_STALLED_CLIENTS):
            sock = _connect(_port(url))
            clients.append(sock)
            _stall(sock, _claimed_by(dev), p.MAX_BODY_BYTES, chunked=index % 2 == 1)
            peak = max(peak, _rss(server.pid))
        for _ in range(10):  # the server works through what was sent
            time.sleep(0.1)
            peak = max(peak, _rss(server.pid))
        # A held body's connection stays silent; a refused one has its 503, or has been
        # closed (a close with the client's bytes unread resets, and may drop the answer).
        refused = 0
        for sock in clients:
            sock.settimeout(0.05)
            try:
                answer = sock.recv(12)
                assert answer == b"" or answer.startswith(b"HTTP/1.1 503"), answer
                refused += 1
            except TimeoutError:
                pass
            except ConnectionResetError:
                refused += 1
    finally:
        for sock in clients:
            sock.close()
    assert server.poll() is None
    held = _STALLED_CLIENTS - refused
    growth = peak - before
    allowance = budget + _STALLED_CLIENTS * _PER_CONNECTION + _SLACK
    print(f"RSS growth {growth / _MIB:.1f} MiB, {held} bodies held, {refused} refused")
    assert held <= budget // p.MAX_BODY_BYTES, "more bodies held than the budget covers"
    assert refused >= _STALLED_CLIENTS - budget // p.MAX_BODY_BYTES
    assert growth < allowance, f"RSS grew {growth / _MIB:.1f} MiB"

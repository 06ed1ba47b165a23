"""JSON nested deeper than any protocol document: bounded before the parser runs, so a few KB
of ``[`` (which exhaust Python's parser stack) get a 400 ``malformed`` and one log line, on
every endpoint that parses a body: enroll (parsed before its signature can be checked, so
anyone can send it) and push (signed)."""

from __future__ import annotations

import json
import logging
import uuid
import zlib
from collections.abc import Iterator

import pytest

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import DeviceClient, LiveServer

_DEEP = b"[" * 3000  # 3 KB: the size of the attack in the review


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture()
def server_log(live_server: LiveServer) -> Iterator[_Records]:
    """Every record the server logs while the test runs: its own logger propagates to the
    root, uvicorn's (where an unhandled exception's traceback goes) stop at "uvicorn"."""
    handler = _Records()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def _assert_malformed(status: int, body: bytes) -> p.ProtocolError:
    assert status == 400, body[:300]
    error = p.ProtocolError.from_response(status, body)
    assert type(error) is p.MalformedRequest and error.code == "malformed"
    assert set(json.loads(body)["error"]) == {"code", "message", "retryable"}
    return error


def _assert_one_line(log: _Records, route: str) -> None:
    assert [(r.levelname, r.exc_info) for r in log.records] == [("WARNING", None)]
    line = log.records[0].getMessage()
    assert route in line and "\n" not in line


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _enroll_body(code: bytes) -> bytes:
    """An enrollment whose code is the JSON ``code`` (the key is valid: nothing else is at
    fault)."""
    key = p.public_key_text(p.generate_key()).encode()
    return b'{"v":1,"label":"x","public_key":"' + key + b'","code":' + code + b"}"


@pytest.mark.parametrize(
    "body", [_DEEP, _enroll_body(_nested(1500))], ids=["bare-brackets", "nested-in-a-field"]
)
def test_deep_enrollment_body_is_a_400_with_one_log_line(
    live_server: LiveServer, server_log: _Records, body: bytes
) -> None:
    stranger = DeviceClient(live_server.url)  # not enrolled: nobody has checked who this is
    assert len(body) <= 4096
    response = stranger.request("POST", "/v1/enroll", body, content_type="application/json")
    error = _assert_malformed(response.status_code, response.content)
    assert "deeper than" in error.message
    _assert_one_line(server_log, "/v1/enroll")
    # ... and the server serves the next caller normally.
    assert live_server.device().device_id  # enrolled (device() checks the 200)


def test_deep_signed_push_is_a_400_with_one_log_line(
    live_server: LiveServer, server_log: _Records
) -> None:
    dev = live_server.device()
    server_log.records.clear()
    bare = dev.push_raw(zlib.compress(_DEEP))
    _assert_malformed(bare.status_code, bare.content)
    _assert_one_line(server_log, "/v1/push")
    # A well-formed batch whose one payload hides the depth.
    row = json.dumps([1, 0, live_server.voter_id(0), 1, 0, uuid.uuid4().hex, 0]).encode()
    batch = b'{"v":1,"s0":0,"t0":0,"of":["Pantarlih"],"c":[' + row[:-1] + b"," + _nested(2000)
    hidden = dev.push_raw(zlib.compress(batch + b"]]}"))
    _assert_malformed(hidden.status_code, hidden.content)
    assert live_server.repo.changes() == []  # nothing of either batch was stored
    # The device's next, ordinary batch goes through.
    assert dev.push([dev.change("sesuai", live_server.voter_id(0))]).applied_through == 1


def test_depth_is_counted_outside_strings_only() -> None:
    """Brackets inside strings (an officer's note, an escaped quote) are text, not nesting."""
    assert p.json_depth(b'{"a":[1,{"b":"[[[\\"[[{"}]}') == 3
    assert p.json_depth(b'"\\\\"') == 0  # an escaped backslash does not swallow the quote
    assert p.json_depth(b'["\\\\",[[]]]') == 3
    assert p.json_depth(b"12") == 0


def test_the_depth_limit_is_exact_and_refuses_before_parsing() -> None:
    at_limit = _nested(p.MAX_JSON_DEPTH)
    assert p.json_depth(at_limit) == p.MAX_JSON_DEPTH
    assert p.loads_json(at_limit) is not None
    over = b"[" + at_limit + b"]"
    with pytest.raises(p.MalformedRequest, match="deeper than"):
        p.loads_json(over)
    # Deep enough to crash the parser itself, and far longer than any request: still a
    # MalformedRequest (not RecursionError), and never handed to the parser.
    with pytest.raises(p.MalformedRequest, match="deeper than"):
        p.loads_json(b"[" * 200_000)
    with pytest.raises(p.BodyTooLarge):
        p.loads_json(b" " * 11 + b"1", limit=10)


def test_json_in_another_encoding_than_utf8_is_refused() -> None:
    """json.loads would guess UTF-16 and read it; the protocol is UTF-8, and the depth scan
    reads UTF-8 bytes only."""
    with pytest.raises(p.MalformedRequest, match="UTF-8"):
        p.loads_json('{"a": 1}'.encode("utf-16"))
    assert p.loads_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # a UTF-8 BOM, as before


def test_a_deep_error_answer_does_not_crash_the_laptop() -> None:
    """The laptop reads error answers with the same bounded decoder: a proxy or a hostile
    server answering a few KB of ``[`` is an unreadable answer, not a RecursionError."""
    assert type(p.ProtocolError.from_response(502, _DEEP)) is p.ServerError
    assert type(p.ProtocolError.from_response(400, b'{"error":' + _DEEP)) is p.ProtocolError

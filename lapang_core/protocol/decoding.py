"""Strict decoders for untrusted bytes: each failure is a ``ProtocolError`` subclass, never a
stray ``ValueError`` or ``zlib.error``."""

from __future__ import annotations

import base64
import binascii
import codecs
import datetime as dt
import json
import re
import zlib
from itertools import accumulate
from typing import Any

from lapang_core.protocol.constants import MAX_INFLATED_BYTES, MAX_JSON_DEPTH
from lapang_core.protocol.encoding import _EPOCH
from lapang_core.protocol.errors import BodyTooLarge, InvalidChange, MalformedRequest

# A backslash escapes the next character inside a JSON string; outside strings valid JSON has
# none, so dropping every escape pair first leaves the quotes that open and close strings.
_ESCAPE_PAIR = re.compile(rb"\\.", re.DOTALL)
_NOT_BRACKET = bytes(range(256)).translate(None, b"[]{}")
_BRACKET_STEP = [0] * 256
for _open, _close in (b"[]", b"{}"):
    _BRACKET_STEP[_open], _BRACKET_STEP[_close] = 1, -1


def json_depth(data: bytes) -> int:
    """How deeply the arrays and objects of the UTF-8 JSON ``data`` nest, counted without
    parsing it (brackets inside strings do not count). Exact for valid JSON, and for any
    prefix of it, which is all a parser reads before it fails; on other bytes it is merely
    some number. Linear in ``len(data)``, no recursion."""
    outside_strings = b"".join(_ESCAPE_PAIR.sub(b"", data).split(b'"')[::2])
    brackets = outside_strings.translate(None, _NOT_BRACKET)
    if not brackets:
        return 0
    return max(0, *accumulate(map(_BRACKET_STEP.__getitem__, brackets)))


def loads_json(
    data: bytes, *, limit: int = MAX_INFLATED_BYTES, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """JSON from UTF-8 bytes, as ``MalformedRequest`` on any failure (``BodyTooLarge`` past
    ``limit`` bytes). Size and nesting are checked before the parser runs: Python's parser
    recurses once per level, and a few KB of ``[`` exhaust its stack (RecursionError)."""
    if len(data) > limit:
        raise BodyTooLarge(f"The JSON document is larger than {limit} bytes.", limit=limit)
    # The protocol's JSON is UTF-8 (a BOM is tolerated, as json.loads always did). Decoding it
    # here also keeps json.loads from guessing UTF-16/32, whose bytes the depth scan cannot read.
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedRequest(f"The body is not UTF-8 text (byte {exc.start}).") from None
    if json_depth(data) > max_depth:
        raise MalformedRequest(
            f"The JSON document nests deeper than {max_depth} levels; nothing was read."
        )
    try:
        return json.loads(text)
    except ValueError as exc:
        raise MalformedRequest(f"The body is not valid JSON: {exc}") from None


def decompress(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Inflate a zlib body, refusing anything that would inflate beyond ``limit`` bytes."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise MalformedRequest(f"The body is not valid deflate (zlib) data: {exc}") from None
    if len(out) > limit:
        raise BodyTooLarge(f"The body inflates beyond {limit} bytes.", limit=limit)
    if not inflater.eof or inflater.unused_data:
        raise MalformedRequest("The deflate (zlib) body is truncated or has trailing bytes.")
    return out


def b64u_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedRequest(f"Invalid base64url value: {exc}") from None


def iso_to_ms(value: str) -> int:
    """Milliseconds since the epoch for an ISO-8601 time (a time without offset is UTC)."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidChange(f"created_at {value!r} is not an ISO-8601 time.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    # Integer arithmetic: float seconds would round some times to the wrong millisecond.
    return (parsed - _EPOCH) // dt.timedelta(milliseconds=1)

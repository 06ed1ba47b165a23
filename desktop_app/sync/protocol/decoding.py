"""Strict decoders for untrusted bytes: each failure is a ``ProtocolError`` subclass, never a
stray ``ValueError`` or ``zlib.error``."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import zlib
from typing import Any

from desktop_app.sync.protocol.constants import MAX_INFLATED_BYTES
from desktop_app.sync.protocol.encoding import _EPOCH
from desktop_app.sync.protocol.errors import BodyTooLarge, InvalidChange, MalformedRequest


def loads_json(data: bytes) -> Any:
    """JSON from bytes, as ``MalformedRequest`` on any failure."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
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

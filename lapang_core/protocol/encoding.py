"""Encoders that cannot fail: compact JSON bytes, zlib, base64url, SHA-256, wire times, and the
shape checks for hex ids and digests. Their strict counterparts, which raise
``ProtocolError``s, are in ``decoding``."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import zlib
from typing import Any

_HEX32 = re.compile(r"[0-9a-f]{32}")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def b64u_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256_hex(value: object) -> bool:
    return isinstance(value, str) and _SHA256_HEX.fullmatch(value) is not None


def is_hex_id(value: object) -> bool:
    return isinstance(value, str) and _HEX32.fullmatch(value) is not None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def ms_to_iso(ms: int) -> str:
    """The canonical wire form of a time: UTC, millisecond precision, ``+00:00``."""
    moment = _EPOCH + dt.timedelta(milliseconds=ms)
    return moment.isoformat(timespec="milliseconds")

"""Lapang sync wire protocol, version 1 (the prose specification is ``docs/sync-protocol.md``).

Pure code shared by the desktop client and the KPU sync server: no Qt, no database, no network.
It defines

* request signing: Ed25519 over a canonical string (method, path and query, device id,
  timestamp, nonce, SHA-256 of the body exactly as sent);
* the compact push batch: JSON rows without keys, ids as hex, times as millisecond deltas,
  then zlib, because a 2G link in a 3T village pays for every byte;
* the push result, the pull page, enrollment and attachment messages as typed dataclasses;
* the error hierarchy: every error the server returns has a stable ``code`` and maps back to
  the same ``ProtocolError`` subclass on the client.

Decoders raise only ``ProtocolError`` subclasses, whatever bytes they are given: the server
relies on that to answer a bad request with a clear 4xx instead of crashing.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import re
import secrets
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.domain.voter import VoterRecord

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"
# Push bodies, push results and pull pages: a zlib stream (RFC 1950) of UTF-8 JSON. Compression
# belongs to the media type, not to HTTP Content-Encoding, so proxies and HTTP libraries never
# inflate or re-encode what the signature covers. Everything else is plain application/json.
MEDIA_TYPE = "application/vnd.lapang.v1+zlib"

HEADER_PROTOCOL = "X-Lapang-Protocol"
HEADER_DEVICE = "X-Lapang-Device"
HEADER_TIMESTAMP = "X-Lapang-Timestamp"
HEADER_NONCE = "X-Lapang-Nonce"
HEADER_SIGNATURE = "X-Lapang-Signature"

# Limits every v1 server enforces; a server may advertise tighter ones at enrollment.
CLOCK_SKEW_SECONDS = 300
MAX_BODY_BYTES = 1 << 20  # compressed request body
MAX_INFLATED_BYTES = 8 << 20  # a 1 MiB body must not inflate into memory exhaustion
MAX_BATCH_CHANGES = 1000
MAX_CHUNK_BYTES = 256 << 10
MAX_ATTACHMENT_BYTES = 20 << 20
PULL_PAGE_DEFAULT = 2000
PULL_PAGE_MAX = 5000
# Integers that every JSON parser and a signed 64-bit database column hold exactly.
MAX_SEQ = 2**53 - 1
MAX_VERSION = 2**31 - 1

_SIGNING_TAG = "LAPANG1"
_HEX32 = re.compile(r"[0-9a-f]{32}")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_NONCE = re.compile(r"[0-9A-Za-z_-]{16,64}")
_DEVICE_ID = re.compile(r"[0-9a-f]{32}")
_MAX_OFFICER_CHARS = 120
# created_at outside this window is a broken clock or a forged record, not field work.
_MIN_CREATED_MS = 946_684_800_000  # 2000-01-01
_MAX_CREATED_MS = 4_102_444_800_000  # 2100-01-01
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# Model A-Daftar Pemilih elements, frozen for wire v1: the index is what travels in an "ubah"
# payload, so this tuple must never be reordered (append only, in a new protocol version).
WIRE_ELEMENTS: tuple[str, ...] = (
    "nkk",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "status_perkawinan",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "disabilitas",
    "status_ktp_el",
)
_ELEMENT_INDEX = {name: i for i, name in enumerate(WIRE_ELEMENTS)}

ENTITY_VOTER = "voter"
ENTITY_APPLICATION = "application"
VOTER_OPS: tuple[str, ...] = ("sesuai", "ubah", "baru", "tms", "restore")
APPLICATION_OPS: tuple[str, ...] = ("application.submit",)

# (entity, op) -> the small integer that travels; anything else travels as "entity/op".
_OP_CODES: dict[tuple[str, str], int] = {
    (ENTITY_VOTER, "sesuai"): 0,
    (ENTITY_VOTER, "ubah"): 1,
    (ENTITY_VOTER, "baru"): 2,
    (ENTITY_VOTER, "tms"): 3,
    (ENTITY_VOTER, "restore"): 4,
    (ENTITY_APPLICATION, "application.submit"): 5,
}
_OP_BY_CODE = {code: key for key, code in _OP_CODES.items()}

# Payloads whose keys are a prefix of one of these layouts travel as a bare list of values.
TMS_KEYS: tuple[str, ...] = (
    "code",
    "evidence_type",
    "evidence_ref",
    "attachment",
    "target_tps_id",
    "new_voter_id",
)
BARU_KEYS: tuple[str, ...] = (*WIRE_ELEMENTS, "tps_id", "sumber")
_PREFIX_LAYOUTS: dict[str, tuple[str, ...]] = {"tms": TMS_KEYS, "baru": BARU_KEYS}


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------


class ProtocolError(Exception):
    """Base of every error that crosses the wire. ``code`` is stable; ``details`` are extra
    JSON fields (for example ``server_time`` on a clock error)."""

    code: ClassVar[str] = "protocol_error"
    http_status: ClassVar[int] = 400
    # True when the same request may succeed later unchanged (or after a clock correction).
    retryable: ClassVar[bool] = False
    _registry: ClassVar[dict[str, type[ProtocolError]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ProtocolError._registry[cls.code] = cls

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_json(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "retryable": self.retryable,
                **self.details,
            }
        }

    def to_body(self) -> bytes:
        return _dumps(self.to_json())

    @staticmethod
    def from_response(status: int, body: bytes) -> ProtocolError:
        """The exception a client raises for an error response (unknown codes keep the status)."""
        try:
            err = json.loads(body)["error"]
            code, message = str(err["code"]), str(err["message"])
            details = {k: v for k, v in err.items() if k not in ("code", "message", "retryable")}
        except (ValueError, KeyError, TypeError):
            if status >= 500:
                return ServerError(f"The server failed (HTTP {status}); try again later.")
            return ProtocolError(f"Unexpected answer from the server (HTTP {status}).")
        cls = ProtocolError._registry.get(code)
        if cls is None:
            cls = ServerError if status >= 500 else ProtocolError
        return cls(message, **details)


class MalformedRequest(ProtocolError):
    code = "malformed"


class InvalidChange(MalformedRequest):
    """An outbox entry that does not follow the change contract (raised on the client)."""

    code = "invalid_change"


class UnsupportedProtocol(ProtocolError):
    code = "unsupported_protocol"


class UnsupportedEncoding(ProtocolError):
    code = "unsupported_encoding"
    http_status = 415


class BodyTooLarge(ProtocolError):
    code = "body_too_large"
    http_status = 413


class NotFound(ProtocolError):
    code = "not_found"
    http_status = 404


class AuthError(ProtocolError):
    code = "unauthorized"
    http_status = 401


class BadSignature(AuthError):
    code = "bad_signature"


class UnknownDevice(AuthError):
    code = "unknown_device"


class ClockSkew(AuthError):
    """The request's timestamp is outside the window; ``details["server_time"]`` lets the client
    correct its offset and retry at once."""

    code = "clock_skew"
    retryable = True


class ReplayedRequest(AuthError):
    code = "replayed"


class DeviceRevoked(AuthError):
    code = "device_revoked"
    http_status = 403


class EnrollmentError(ProtocolError):
    code = "enrollment_failed"
    http_status = 403


class EnrollCodeInvalid(EnrollmentError):
    code = "enroll_code_invalid"


class EnrollCodeUsed(EnrollmentError):
    code = "enroll_code_used"
    http_status = 409


class EnrollCodeExpired(EnrollmentError):
    code = "enroll_code_expired"
    http_status = 410


class AttachmentError(ProtocolError):
    code = "attachment_error"


class OffsetMismatch(AttachmentError):
    """The chunk does not start where the server's copy ends; ``details["received"]`` says where
    to resume."""

    code = "offset_mismatch"
    http_status = 409
    retryable = True


class HashMismatch(AttachmentError):
    code = "hash_mismatch"
    http_status = 422


class AttachmentTooLarge(AttachmentError):
    code = "attachment_too_large"
    http_status = 413


class ServerError(ProtocolError):
    code = "internal"
    http_status = 500
    retryable = True


class ServiceUnavailable(ServerError):
    code = "unavailable"
    http_status = 503


class RequestTimedOut(ProtocolError):
    """The body arrived too slowly (a dying 2G link): send it again."""

    code = "request_timeout"
    http_status = 408
    retryable = True


# --------------------------------------------------------------------------------------
# Small codecs
# --------------------------------------------------------------------------------------


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def loads_json(data: bytes) -> Any:
    """JSON from bytes, as ``MalformedRequest`` on any failure."""
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedRequest(f"The body is not valid JSON: {exc}") from None


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 9)


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


def b64u_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedRequest(f"Invalid base64url value: {exc}") from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256_hex(value: object) -> bool:
    return isinstance(value, str) and _SHA256_HEX.fullmatch(value) is not None


def is_hex_id(value: object) -> bool:
    return isinstance(value, str) and _HEX32.fullmatch(value) is not None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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


def ms_to_iso(ms: int) -> str:
    """The canonical wire form of a time: UTC, millisecond precision, ``+00:00``."""
    moment = _EPOCH + dt.timedelta(milliseconds=ms)
    return moment.isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------------------
# Keys and request signing
# --------------------------------------------------------------------------------------


def generate_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The 32 raw public-key bytes as base64url: how a public key travels and is stored."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64u_encode(raw)


def load_public_key(text: str) -> Ed25519PublicKey:
    if not isinstance(text, str):
        raise MalformedRequest("public_key must be a base64url string.")
    raw = b64u_decode(text)
    if len(raw) != 32:
        raise MalformedRequest("public_key must be 32 bytes (Ed25519).")
    return Ed25519PublicKey.from_public_bytes(raw)


def new_nonce() -> str:
    """128 random bits; a push uses its nonce as the batch id."""
    return secrets.token_hex(16)


def canonical_request(
    method: str, path_and_query: str, device_id: str, timestamp: int, nonce: str, body: bytes
) -> bytes:
    """The exact bytes a request signature covers (see docs/sync-protocol.md, "Signing").

    ``path_and_query`` starts at the API root (``/v1/...``) as the client sent it, so a
    reverse proxy that mounts the API under a prefix does not break signatures.
    """
    lines = (
        _SIGNING_TAG,
        method.upper(),
        path_and_query,
        device_id,
        str(timestamp),
        nonce,
        sha256_hex(body),
    )
    return "\n".join(lines).encode("utf-8")


def sign_request(
    key: Ed25519PrivateKey,
    method: str,
    path_and_query: str,
    device_id: str,
    body: bytes = b"",
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The authentication headers for one request. ``timestamp`` must already include the
    client's correction for its clock offset (server_time from /v1/ping or an error)."""
    ts = int(time.time()) if timestamp is None else timestamp
    nn = new_nonce() if nonce is None else nonce
    signature = key.sign(canonical_request(method, path_and_query, device_id, ts, nn, body))
    return {
        HEADER_PROTOCOL: str(PROTOCOL_VERSION),
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(ts),
        HEADER_NONCE: nn,
        HEADER_SIGNATURE: b64u_encode(signature),
    }


@dataclasses.dataclass(frozen=True, slots=True)
class AuthHeaders:
    device_id: str
    timestamp: int
    nonce: str
    signature: bytes


def parse_auth_headers(headers: Mapping[str, str], *, device_required: bool = True) -> AuthHeaders:
    """Read and check the signing headers (``headers`` must be case-insensitive, as HTTP
    libraries provide them). Enrollment passes ``device_required=False``: no id exists yet."""
    version = headers.get(HEADER_PROTOCOL)
    if version != str(PROTOCOL_VERSION):
        raise UnsupportedProtocol(
            f"This server speaks sync protocol {PROTOCOL_VERSION}; the request said {version!r}."
            " Update the app.",
            supported=[PROTOCOL_VERSION],
        )
    device_id = headers.get(HEADER_DEVICE, "")
    if device_required and not _DEVICE_ID.fullmatch(device_id):
        raise AuthError(f"Missing or invalid {HEADER_DEVICE} header.")
    if not device_required and device_id:
        raise AuthError(f"Enrollment must not carry {HEADER_DEVICE}.")
    raw_ts = headers.get(HEADER_TIMESTAMP, "")
    # isdigit() alone accepts '²' and other Unicode digits that int() then rejects.
    if not (raw_ts.isascii() and raw_ts.isdigit()) or len(raw_ts) > 12:
        raise AuthError(f"Missing or invalid {HEADER_TIMESTAMP} header.")
    nonce = headers.get(HEADER_NONCE, "")
    if not _NONCE.fullmatch(nonce):
        raise AuthError(f"Missing or invalid {HEADER_NONCE} header (16-64 base64url chars).")
    raw_sig = headers.get(HEADER_SIGNATURE, "")
    try:
        signature = b64u_decode(raw_sig)
    except MalformedRequest:
        raise BadSignature("The request signature is not base64url.") from None
    if len(signature) != 64:
        raise BadSignature("The request signature must be 64 bytes (Ed25519).")
    return AuthHeaders(device_id, int(raw_ts), nonce, signature)


def verify_request(
    public_key: Ed25519PublicKey,
    auth: AuthHeaders,
    method: str,
    path_and_query: str,
    body: bytes,
) -> None:
    """Raise ``BadSignature`` unless ``auth.signature`` covers exactly this request."""
    message = canonical_request(
        method, path_and_query, auth.device_id, auth.timestamp, auth.nonce, body
    )
    try:
        public_key.verify(auth.signature, message)
    except InvalidSignature:
        raise BadSignature(
            "The request signature does not match this device's key or the request was altered."
        ) from None


def check_clock(timestamp: int, now: float, window: int = CLOCK_SKEW_SECONDS) -> None:
    """Raise ``ClockSkew`` (with the server's time) when ``timestamp`` is outside the window."""
    if abs(timestamp - now) > window:
        raise ClockSkew(
            f"The request time is {int(timestamp - now)} s off the server clock (allowed ±{window}"
            " s); the app corrects its clock offset from server_time and retries.",
            server_time=int(now),
        )


# --------------------------------------------------------------------------------------
# Changes and push batches
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One outbox entry, the unit of push. ``created_at`` is canonical (UTC, milliseconds)."""

    change_id: str
    seq: int
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    base_version: int | None
    created_at: str
    officer: str

    @classmethod
    def from_outbox(cls, entry: Mapping[str, Any]) -> Change:
        """Check an outbox dict against the change contract; raise ``InvalidChange``."""
        try:
            change_id = entry["change_id"]
            seq = entry["seq"]
            entity = entry["entity"]
            entity_id = entry["entity_id"]
            op = entry["op"]
            payload = entry["payload"]
            base_version = entry["base_version"]
            created_at = entry["created_at"]
            officer = entry["officer"]
        except KeyError as exc:
            raise InvalidChange(f"Outbox entry lacks {exc.args[0]!r}.") from None
        if not is_hex_id(change_id):
            raise InvalidChange("change_id must be 32 lowercase hex digits.")
        if not _is_int(seq) or not 1 <= seq <= MAX_SEQ:
            raise InvalidChange(f"seq must be an integer from 1 to {MAX_SEQ}, not {seq!r}.")
        if not isinstance(entity, str) or not entity or len(entity) > 40:
            raise InvalidChange("entity must be a short string.")
        if not isinstance(op, str) or not op or len(op) > 40 or "/" in op:
            raise InvalidChange("op must be a short string without '/'.")
        if not is_hex_id(entity_id):
            raise InvalidChange("entity_id must be 32 lowercase hex digits.")
        if not isinstance(payload, dict):
            raise InvalidChange("payload must be a JSON object.")
        if base_version is not None and (
            not _is_int(base_version) or not 0 <= base_version <= MAX_VERSION
        ):
            raise InvalidChange(f"base_version must be null or an integer from 0 to {MAX_VERSION}.")
        if not isinstance(officer, str) or len(officer) > _MAX_OFFICER_CHARS:
            raise InvalidChange(f"officer must be a string of at most {_MAX_OFFICER_CHARS} chars.")
        ms = iso_to_ms(created_at) if isinstance(created_at, str) else None
        if ms is None or not _MIN_CREATED_MS <= ms < _MAX_CREATED_MS:
            raise InvalidChange(f"created_at {created_at!r} is not a plausible ISO-8601 time.")
        return cls(
            change_id, seq, entity, entity_id, op, payload, base_version, ms_to_iso(ms), officer
        )

    def to_outbox(self) -> dict[str, Any]:
        return {
            "change_id": self.change_id,
            "seq": self.seq,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "op": self.op,
            "payload": self.payload,
            "base_version": self.base_version,
            "created_at": self.created_at,
            "officer": self.officer,
        }

    @property
    def created_ms(self) -> int:
        return iso_to_ms(self.created_at)


def _encode_payload(op: str, payload: dict[str, Any]) -> Any:
    if op == "ubah":
        changes, original = payload.get("changes"), payload.get("original")
        if (
            payload.keys() == {"changes", "original"}
            and isinstance(changes, dict)
            and isinstance(original, dict)
            and changes
            and changes.keys() == original.keys()
        ):
            return [[_ELEMENT_INDEX.get(k, k), v, original[k]] for k, v in changes.items()]
    layout = _PREFIX_LAYOUTS.get(op)
    if layout is not None and len(payload) <= len(layout):
        keys = layout[: len(payload)]
        if payload.keys() == set(keys):
            return [payload[k] for k in keys]
    return payload


def _decode_payload(op: str, raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, list):
        raise MalformedRequest("A change payload must be an object or a list.")
    if op == "ubah":
        changes: dict[str, Any] = {}
        original: dict[str, Any] = {}
        for item in raw:
            if not isinstance(item, list) or len(item) != 3:
                raise MalformedRequest("An ubah item must be [element, new, old].")
            key = item[0]
            if _is_int(key):
                if not 0 <= key < len(WIRE_ELEMENTS):
                    raise MalformedRequest(f"Unknown element index {key} in an ubah payload.")
                key = WIRE_ELEMENTS[key]
            elif not isinstance(key, str):
                raise MalformedRequest("An ubah element must be an index or a name.")
            changes[key], original[key] = item[1], item[2]
        return {"changes": changes, "original": original}
    layout = _PREFIX_LAYOUTS.get(op)
    if layout is None or len(raw) > len(layout):
        raise MalformedRequest(f"A list payload is not defined for op {op!r}.")
    return dict(zip(layout, raw, strict=False))


@dataclasses.dataclass(frozen=True, slots=True)
class PushRequest:
    """A batch of changes from one device, in strictly increasing ``seq`` order."""

    changes: tuple[Change, ...]

    @classmethod
    def from_outbox(cls, entries: Iterable[Mapping[str, Any]]) -> PushRequest:
        changes = tuple(sorted((Change.from_outbox(e) for e in entries), key=lambda c: c.seq))
        return cls(changes)

    def encode(self) -> bytes:
        """The compressed body of ``POST /v1/push``."""
        if not self.changes:
            raise InvalidChange("A push batch needs at least one change.")
        if len(self.changes) > MAX_BATCH_CHANGES:
            raise InvalidChange(f"A push batch holds at most {MAX_BATCH_CHANGES} changes.")
        officers: dict[str, int] = {}
        rows: list[list[Any]] = []
        first = self.changes[0]
        prev_seq, prev_ms = first.seq - 1, first.created_ms
        t0 = prev_ms
        for change in self.changes:
            if change.seq <= prev_seq:
                raise InvalidChange("seq must be strictly increasing within a batch.")
            op: int | str = _OP_CODES.get(
                (change.entity, change.op), f"{change.entity}/{change.op}"
            )
            ms = change.created_ms
            row: list[Any] = [
                change.seq - prev_seq,
                op,
                change.entity_id,
                change.base_version,
                ms - prev_ms,
                change.change_id,
                officers.setdefault(change.officer, len(officers)),
            ]
            if change.payload:
                row.append(_encode_payload(change.op, change.payload))
            rows.append(row)
            prev_seq, prev_ms = change.seq, ms
        body = {
            "v": PROTOCOL_VERSION,
            "s0": first.seq - 1,
            "t0": t0,
            "of": list(officers),
            "c": rows,
        }
        return compress(_dumps(body))

    @classmethod
    def decode(cls, body: bytes, *, inflated_limit: int = MAX_INFLATED_BYTES) -> PushRequest:
        """Parse a compressed push body. Structural faults raise ``MalformedRequest`` for the
        whole batch; whether each change makes sense is the server's per-change decision."""
        doc = loads_json(decompress(body, inflated_limit))
        if not isinstance(doc, dict):
            raise MalformedRequest("A push body must be a JSON object.")
        if doc.get("v") != PROTOCOL_VERSION:
            raise UnsupportedProtocol(
                f"Push batch version {doc.get('v')!r} is not {PROTOCOL_VERSION}.",
                supported=[PROTOCOL_VERSION],
            )
        s0, t0, officers, rows = doc.get("s0"), doc.get("t0"), doc.get("of"), doc.get("c")
        if not (_is_int(s0) and s0 >= 0 and _is_int(t0)):
            raise MalformedRequest("A push body needs integer s0 >= 0 and t0.")
        if not isinstance(officers, list) or not all(isinstance(o, str) for o in officers):
            raise MalformedRequest("'of' must be a list of officer names.")
        if not isinstance(rows, list) or not rows:
            raise MalformedRequest("'c' must be a non-empty list of changes.")
        if len(rows) > MAX_BATCH_CHANGES:
            raise BodyTooLarge(
                f"A push batch holds at most {MAX_BATCH_CHANGES} changes, not {len(rows)}.",
                limit=MAX_BATCH_CHANGES,
            )
        changes = []
        seq, ms = s0, t0
        for index, row in enumerate(rows):
            try:
                change, seq, ms = _decode_row(row, seq, ms, officers)
            except MalformedRequest as exc:
                raise MalformedRequest(f"Change #{index + 1} of the batch: {exc.message}") from None
            changes.append(change)
        return cls(tuple(changes))


def _decode_row(
    row: Any, prev_seq: int, prev_ms: int, officers: list[str]
) -> tuple[Change, int, int]:
    if not isinstance(row, list) or len(row) not in (7, 8):
        raise MalformedRequest("a change row must be a list of 7 or 8 items.")
    ds, op_code, entity_id, base_version, dms, change_id, officer_index = row[:7]
    if not _is_int(ds) or ds < 1:
        raise MalformedRequest("the seq delta must be an integer >= 1.")
    if not _is_int(dms):
        raise MalformedRequest("the time delta must be an integer.")
    if _is_int(op_code):
        if op_code not in _OP_BY_CODE:
            raise MalformedRequest(f"unknown op code {op_code}.")
        entity, op = _OP_BY_CODE[op_code]
    elif isinstance(op_code, str) and op_code.count("/") == 1:
        entity, op = op_code.split("/")
    else:
        raise MalformedRequest("op must be an op code or 'entity/op'.")
    if not _is_int(officer_index) or not 0 <= officer_index < len(officers):
        raise MalformedRequest("officer index out of range.")
    seq, ms = prev_seq + ds, prev_ms + dms
    entry = {
        "change_id": change_id,
        "seq": seq,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "payload": _decode_payload(op, row[7]) if len(row) == 8 else {},
        "base_version": base_version,
        "created_at": ms_to_iso(ms) if _MIN_CREATED_MS <= ms < _MAX_CREATED_MS else "",
        "officer": officers[officer_index],
    }
    try:
        change = Change.from_outbox(entry)
    except InvalidChange as exc:
        raise MalformedRequest(exc.message) from None
    return change, seq, ms


# --------------------------------------------------------------------------------------
# Push result
# --------------------------------------------------------------------------------------


class ChangeStatus(enum.StrEnum):
    ACCEPTED = "accepted"  # applied cleanly
    HELD = "held"  # stored; applied once the device's earlier seqs arrive
    DUPLICATE = "duplicate"  # the server already had this change (same seq or change_id)
    CONFLICT = "conflict"  # applied by the server's rule; a conflict record keeps both values
    REFUSED = "refused"  # not applied; quarantined on the server when permanent


_STATUS_LETTER = {
    ChangeStatus.ACCEPTED: "a",
    ChangeStatus.HELD: "h",
    ChangeStatus.DUPLICATE: "d",
    ChangeStatus.CONFLICT: "c",
    ChangeStatus.REFUSED: "r",
}
_STATUS_BY_LETTER = {v: k for k, v in _STATUS_LETTER.items()}
_RANGED = (ChangeStatus.ACCEPTED, ChangeStatus.HELD, ChangeStatus.DUPLICATE)


@dataclasses.dataclass(frozen=True, slots=True)
class ChangeResult:
    seq: int
    status: ChangeStatus
    reason: str | None = None  # stable refusal code, e.g. "invalid_value", "outside_area"
    permanent: bool = False  # a permanent refusal is quarantined: resending will not help
    message: str | None = None  # for the officer; never contains voter data
    conflict_id: str | None = None

    @property
    def acknowledged(self) -> bool:
        """The server holds this change for good: the client may mark it sent (or, for a
        permanent refusal, move it to its quarantine view). Otherwise send it again later."""
        return self.status is not ChangeStatus.REFUSED or self.permanent

    @property
    def _plain(self) -> bool:
        return self.status in _RANGED and self.reason is None and self.conflict_id is None


def _ranges(seqs: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for s in sorted(seqs):
        if out and s == out[-1][1] + 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return out


def _parse_ranges(raw: Any, what: str) -> list[tuple[int, int]]:
    if not isinstance(raw, list):
        raise MalformedRequest(f"'{what}' must be a list of [first, last] ranges.")
    out = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(_is_int(x) for x in item)
            or item[0] > item[1]
            or item[1] - item[0] > MAX_BATCH_CHANGES * 1000
        ):
            raise MalformedRequest(f"Invalid range in '{what}'.")
        out.append((item[0], item[1]))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class PushResult:
    """The server's answer to one batch: one result per change, in seq order."""

    results: tuple[ChangeResult, ...]
    applied_through: int  # every seq <= this one has been applied (or refused) on the server
    missing: tuple[tuple[int, int], ...] = ()  # seq ranges the server waits for (gaps)
    need_attachments: tuple[str, ...] = ()  # SHA-256 of referenced files not yet uploaded
    server_time: int = 0

    def by_seq(self) -> dict[int, ChangeResult]:
        return {r.seq: r for r in self.results}

    def encode(self) -> bytes:
        doc: dict[str, Any] = {"v": PROTOCOL_VERSION, "t": self.server_time}
        doc["thr"] = self.applied_through
        for status in _RANGED:
            seqs = [r.seq for r in self.results if r.status is status and r._plain]
            if seqs:
                doc[_STATUS_LETTER[status]] = _ranges(seqs)
        explicit = []
        for r in self.results:
            if not r._plain:
                item: list[Any] = [r.seq, _STATUS_LETTER[r.status], r.reason, int(r.permanent)]
                item += [r.message, r.conflict_id]
                while item[-1] is None:
                    item.pop()
                explicit.append(item)
        if explicit:
            doc["x"] = explicit
        if self.missing:
            doc["m"] = [list(m) for m in self.missing]
        if self.need_attachments:
            doc["att"] = list(self.need_attachments)
        return compress(_dumps(doc))

    @classmethod
    def decode(cls, body: bytes) -> PushResult:
        doc = loads_json(decompress(body))
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise MalformedRequest("Not a v1 push result.")
        results: list[ChangeResult] = []
        for status in _RANGED:
            for first, last in _parse_ranges(doc.get(_STATUS_LETTER[status], []), status.value):
                results.extend(ChangeResult(s, status) for s in range(first, last + 1))
        explicit = doc.get("x", [])
        if not isinstance(explicit, list):
            raise MalformedRequest("'x' must be a list in a push result.")
        for item in explicit:
            if not isinstance(item, list) or not 2 <= len(item) <= 6:
                raise MalformedRequest("Invalid explicit result in a push result.")
            seq, letter, reason, permanent, message, conflict_id = item + [None] * (6 - len(item))
            if (
                not _is_int(seq)
                or not isinstance(letter, str)
                or letter not in _STATUS_BY_LETTER
                or not all(v is None or isinstance(v, str) for v in (reason, message, conflict_id))
            ):
                raise MalformedRequest("Invalid explicit result in a push result.")
            results.append(
                ChangeResult(
                    seq, _STATUS_BY_LETTER[letter], reason, bool(permanent), message, conflict_id
                )
            )
        results.sort(key=lambda r: r.seq)
        need = doc.get("att", [])
        if not isinstance(need, list) or not all(is_sha256_hex(h) for h in need):
            raise MalformedRequest("Invalid 'att' list in a push result.")
        through, server_time = doc.get("thr"), doc.get("t")
        if not _is_int(through) or not _is_int(server_time):
            raise MalformedRequest("A push result needs integer 'thr' and 't'.")
        return cls(
            tuple(results),
            through,
            tuple(_parse_ranges(doc.get("m", []), "m")),
            tuple(need),
            server_time,
        )


# --------------------------------------------------------------------------------------
# Pull
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Region:
    kode: str
    nama: str


@dataclasses.dataclass(frozen=True, slots=True)
class VoterRow:
    """A voter as the server holds it. ``version`` is what the next change's ``base_version``
    must carry; ``tms`` is the TMS payload while the voter is marked TMS."""

    id: str
    version: int
    dpid: str | None
    nkk: str
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: str | None  # YYYY-MM-DD
    status_perkawinan: str
    jenis_kelamin: str
    alamat: str
    rt: str
    rw: str
    disabilitas: int
    status_ktp_el: str
    tps_id: str
    keterangan: str
    sumber: str
    tms: dict[str, Any] | None = None

    def to_record(self) -> VoterRecord:
        return VoterRecord(
            nkk=self.nkk,
            nik=self.nik,
            nama=self.nama,
            tempat_lahir=self.tempat_lahir,
            tanggal_lahir=dt.date.fromisoformat(self.tanggal_lahir) if self.tanggal_lahir else None,
            status_perkawinan=self.status_perkawinan,
            jenis_kelamin=self.jenis_kelamin,
            alamat=self.alamat,
            rt=self.rt,
            rw=self.rw,
            disabilitas=self.disabilitas,
            status_ktp_el=self.status_ktp_el,
            tps_id=self.tps_id,
            keterangan=self.keterangan,
            sumber=self.sumber,
            dpid=self.dpid,
        )


VOTER_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(VoterRow))


@dataclasses.dataclass(frozen=True, slots=True)
class ConflictNotice:
    """Two writers changed one voter. ``server_value`` is what the server held when the late
    change arrived, ``change_value`` the change's payload; ``rule`` names what was applied."""

    id: str
    voter_id: str
    change_id: str
    device_id: str
    other_author: str  # device id, or "kpu" for an edit made at KPU
    base_version: int
    server_version: int
    server_value: dict[str, Any]
    change_value: dict[str, Any]
    rule: str
    created_at: str


@dataclasses.dataclass(frozen=True, slots=True)
class Announcement:
    """A KPU announcement; ``signature`` is Ed25519 by the KPU key over ``signing_bytes()``.
    A client shows only announcements that verify against the KPU key it ships with."""

    id: str
    area: str  # region code prefix it is meant for; "" for the whole country
    title: str
    body: str
    published_at: str
    signature: str

    def signing_bytes(self) -> bytes:
        fields = ["LAPANG-ANNOUNCEMENT-1", self.id, self.area, self.title, self.body]
        return _dumps([*fields, self.published_at])

    def verify(self, kpu_key: Ed25519PublicKey) -> bool:
        try:
            kpu_key.verify(b64u_decode(self.signature), self.signing_bytes())
        except (InvalidSignature, MalformedRequest):
            return False
        return True


def sign_announcement(
    key: Ed25519PrivateKey,
    announcement_id: str,
    area: str,
    title: str,
    body: str,
    published_at: str,
) -> Announcement:
    unsigned = Announcement(announcement_id, area, title, body, published_at, "")
    signature = b64u_encode(key.sign(unsigned.signing_bytes()))
    return dataclasses.replace(unsigned, signature=signature)


@dataclasses.dataclass(frozen=True, slots=True)
class RefusalNotice:
    """A change of this device that the server refused after first holding it."""

    seq: int
    change_id: str
    reason: str
    message: str


@dataclasses.dataclass(frozen=True, slots=True)
class ApplicationOutcome:
    """Where an application to an ad hoc body stands at KPU. Sent to every device of the area
    the application's working area lies in (a PPS office may run several laptops), so it
    carries no personal data: the device that took the application joins it to its form.

    ``stage``/``result`` are the latest decision (``result`` is None while the stage is under
    way); ``score`` the score of that stage when it has one. ``duplicates`` lists the numbers of
    other applications with the same NIK, from any device, to any body."""

    id: str
    application_no: str
    body: str  # AdhocBody name
    area_code: str
    stage: str
    result: str | None
    score: float | None
    note: str
    duplicates: tuple[str, ...]
    version: int


APPLICATION_OUTCOME_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(ApplicationOutcome)
)


def _outcome_from_row(columns: Sequence[str], row: Sequence[Any]) -> ApplicationOutcome:
    values = {c: v for c, v in zip(columns, row, strict=True) if c in APPLICATION_OUTCOME_COLUMNS}
    values["duplicates"] = tuple(str(d) for d in values.get("duplicates") or ())
    score = values.get("score")
    values["score"] = None if score is None else float(score)
    return ApplicationOutcome(**values)


@dataclasses.dataclass(frozen=True, slots=True)
class PullPage:
    """One page of ``GET /v1/pull``. Store the page, then ``cursor``; ask again while ``more``."""

    cursor: int
    more: bool
    server_time: int
    regions: tuple[Region, ...] = ()
    tps: tuple[str, ...] = ()
    voters: tuple[VoterRow, ...] = ()
    conflicts: tuple[ConflictNotice, ...] = ()
    announcements: tuple[Announcement, ...] = ()
    refusals: tuple[RefusalNotice, ...] = ()
    applications: tuple[ApplicationOutcome, ...] = ()

    def encode(self) -> bytes:
        doc: dict[str, Any] = {
            "v": PROTOCOL_VERSION,
            "cur": self.cursor,
            "more": self.more,
            "t": self.server_time,
        }
        if self.regions:
            doc["reg"] = [[r.kode, r.nama] for r in self.regions]
        if self.tps:
            doc["tps"] = list(self.tps)
        if self.voters:
            doc["vc"] = list(VOTER_COLUMNS)
            doc["vot"] = [list(dataclasses.astuple(v)) for v in self.voters]
        if self.applications:
            doc["ac"] = list(APPLICATION_OUTCOME_COLUMNS)
            doc["app"] = [list(dataclasses.astuple(a)) for a in self.applications]
        for key, items in (
            ("con", self.conflicts),
            ("ann", self.announcements),
            ("ref", self.refusals),
        ):
            if items:
                doc[key] = [dataclasses.asdict(i) for i in items]
        return compress(_dumps(doc))

    @classmethod
    def decode(cls, body: bytes) -> PullPage:
        doc = loads_json(decompress(body))
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise MalformedRequest("Not a v1 pull page.")
        try:
            voters = ()
            if "vot" in doc:
                columns = doc["vc"]
                voters = tuple(
                    VoterRow(
                        **{c: v for c, v in zip(columns, row, strict=True) if c in VOTER_COLUMNS}
                    )
                    for row in doc["vot"]
                )
            return cls(
                cursor=int(doc["cur"]),
                more=bool(doc["more"]),
                server_time=int(doc["t"]),
                regions=tuple(Region(k, n) for k, n in doc.get("reg", [])),
                tps=tuple(str(t) for t in doc.get("tps", [])),
                voters=voters,
                conflicts=tuple(ConflictNotice(**c) for c in doc.get("con", [])),
                announcements=tuple(Announcement(**a) for a in doc.get("ann", [])),
                refusals=tuple(RefusalNotice(**r) for r in doc.get("ref", [])),
                applications=tuple(
                    _outcome_from_row(doc["ac"], row) for row in doc.get("app", [])
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedRequest(f"Invalid pull page: {exc}") from None


# --------------------------------------------------------------------------------------
# Enrollment and attachments
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class EnrollRequest:
    code: str
    public_key: str  # base64url raw Ed25519 public key
    label: str = ""  # the laptop's name, shown to KPU in the device list

    def encode(self) -> bytes:
        return _dumps({"v": PROTOCOL_VERSION, **dataclasses.asdict(self)})

    @classmethod
    def decode(cls, body: bytes) -> EnrollRequest:
        doc = loads_json(body)
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise UnsupportedProtocol("Enrollment body is not protocol v1.", supported=[1])
        code, key, label = doc.get("code"), doc.get("public_key"), doc.get("label", "")
        if not isinstance(code, str) or not 4 <= len(code) <= 64:
            raise MalformedRequest("code must be the enrollment code string.")
        if not isinstance(label, str) or len(label) > 120:
            raise MalformedRequest("label must be a string of at most 120 chars.")
        load_public_key(key)
        return cls(code, key, label)


@dataclasses.dataclass(frozen=True, slots=True)
class EnrollResponse:
    device_id: str
    area: str  # region code or TPS id the device may read and write
    area_name: str
    server_time: int
    limits: dict[str, int]

    def encode(self) -> bytes:
        return _dumps({"v": PROTOCOL_VERSION, **dataclasses.asdict(self)})

    @classmethod
    def decode(cls, body: bytes) -> EnrollResponse:
        doc = loads_json(body)
        try:
            doc.pop("v")
            return cls(**doc)
        except (AttributeError, KeyError, TypeError) as exc:
            raise MalformedRequest(f"Invalid enrollment response: {exc}") from None


@dataclasses.dataclass(frozen=True, slots=True)
class AttachmentStatus:
    """How much of a file the server holds; a client resumes at ``received``."""

    sha256: str
    size: int | None  # None until the first chunk declared it
    received: int
    complete: bool

    def encode(self) -> bytes:
        return _dumps(dataclasses.asdict(self))

    @classmethod
    def decode(cls, body: bytes) -> AttachmentStatus:
        doc = loads_json(body)
        try:
            return cls(**doc)
        except TypeError as exc:
            raise MalformedRequest(f"Invalid attachment status: {exc}") from None


def attachment_path(sha256: str, *, offset: int, size: int) -> str:
    """Path and query of the chunk upload (what a client signs)."""
    return f"{API_PREFIX}/attachments/{sha256}?offset={offset}&size={size}"


def pull_path(cursor: int, limit: int = PULL_PAGE_DEFAULT) -> str:
    return f"{API_PREFIX}/pull?cursor={cursor}&limit={limit}"


def split_chunks(data: bytes, chunk_size: int, start: int = 0) -> Sequence[tuple[int, bytes]]:
    """(offset, chunk) pairs from ``start``: what an upload resumed at ``start`` sends."""
    return [(o, data[o : o + chunk_size]) for o in range(start, len(data), chunk_size)]

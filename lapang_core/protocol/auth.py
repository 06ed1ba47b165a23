"""Keys and request signing: Ed25519 over a canonical string (method, path and query, device
id, timestamp, nonce, SHA-256 of the body exactly as sent), the signing headers and the clock
window."""

from __future__ import annotations

import dataclasses
import re
import secrets
import time
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lapang_core.protocol.constants import (
    CLOCK_SKEW_SECONDS,
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_PROTOCOL,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    PROTOCOL_VERSION,
)
from lapang_core.protocol.decoding import b64u_decode
from lapang_core.protocol.encoding import b64u_encode, sha256_hex
from lapang_core.protocol.errors import (
    AuthError,
    BadSignature,
    ClockSkew,
    MalformedRequest,
    UnsupportedProtocol,
)

_SIGNING_TAG = "LAPANG1"
_NONCE = re.compile(r"[0-9A-Za-z_-]{16,64}")
_DEVICE_ID = re.compile(r"[0-9a-f]{32}")


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

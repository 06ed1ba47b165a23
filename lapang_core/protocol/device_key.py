"""The device's encryption key: an X25519 key pair of each laptop's own, so KPU's server can seal
a return bundle (docs/sync-protocol.md §12) that only that laptop can open. The public half is
registered at enrolment (``EnrollRequest.encryption_key``) or, by a laptop enrolled before it
existed, on its next online sync (``POST /v1/device-key``, ``DeviceKeyRequest``)."""

from __future__ import annotations

import dataclasses

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from lapang_core.protocol.constants import PROTOCOL_VERSION
from lapang_core.protocol.decoding import b64u_decode, loads_json
from lapang_core.protocol.encoding import _dumps, b64u_encode
from lapang_core.protocol.errors import MalformedRequest, ProtocolError, UnsupportedProtocol

DEVICE_KEY_PATH = "/device-key"


class EncryptionKeyConflict(ProtocolError):
    """The device already registered another encryption key, or the key belongs to another
    device: a registered key is never replaced (enrol again for a new one)."""

    code = "encryption_key_conflict"
    http_status = 409


_DERIVATION_INFO = b"LAPANG-DEVICE-X25519-1"


def generate_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def derive_encryption_key(signing_key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The device's X25519 key, derived from its fresh Ed25519 key's secret with HKDF-SHA256
    under a label of its own (so neither key reveals the other's use). Derived rather than drawn
    separately so that an enrolment retried with the same signing key (its answer lost on 2G,
    or cancelled and typed again) always registers the same encryption key with it."""
    seed = signing_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    okm = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DERIVATION_INFO).derive(seed)
    return X25519PrivateKey.from_private_bytes(okm)


def encryption_key_text(key: X25519PrivateKey | X25519PublicKey) -> str:
    """The 32 raw public-key bytes as base64url, as the signing key travels."""
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return b64u_encode(
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def encryption_private_bytes(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def load_encryption_key(text: object) -> X25519PublicKey:
    if not isinstance(text, str):
        raise MalformedRequest("encryption_key must be a base64url string.")
    raw = b64u_decode(text)
    if len(raw) != 32:
        raise MalformedRequest("encryption_key must be 32 bytes (X25519).")
    return X25519PublicKey.from_public_bytes(raw)


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceKeyRequest:
    """``POST /v1/device-key`` body: the calling device's encryption key. Signed by the device
    key like every request, so it registers a key for the signing device and no other."""

    encryption_key: str

    def encode(self) -> bytes:
        return _dumps({"v": PROTOCOL_VERSION, "encryption_key": self.encryption_key})

    @classmethod
    def decode(cls, body: bytes) -> DeviceKeyRequest:
        doc = loads_json(body)
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise UnsupportedProtocol("Device key body is not protocol v1.", supported=[1])
        key = doc.get("encryption_key")
        load_encryption_key(key)
        return cls(key)


@dataclasses.dataclass(frozen=True, slots=True)
class DeviceKeyResponse:
    encryption_key: str
    registered_at: str

    def encode(self) -> bytes:
        return _dumps({"v": PROTOCOL_VERSION, **dataclasses.asdict(self)})

    @classmethod
    def decode(cls, body: bytes) -> DeviceKeyResponse:
        doc = loads_json(body)
        if not isinstance(doc, dict):
            raise MalformedRequest("Invalid device key response.")
        key, at = doc.get("encryption_key"), doc.get("registered_at")
        if not isinstance(key, str) or not isinstance(at, str):
            raise MalformedRequest("Invalid device key response.")
        return cls(key, at)

"""What an outgoing bundle carries inside its seal (docs/sync-protocol.md section 12.2): the
device's queued changes as ordinary signed-batch push bodies, and the evidence files they name.

The content, once the seal is opened::

    manifest_len  4 bytes, big-endian
    manifest      compact JSON {"v": 1,
                                "b": [[<length>, <nonce>, <timestamp>, <signature>], ...],
                                "f": [[<sha256>, <size>], ...]}
    the push bodies, one after another (each exactly ``POST /v1/push``'s body)
    the files, one after another, in manifest order

Each push body travels in the protocol's signed batch form: with the nonce, timestamp and
Ed25519 signature (base64url) of the ``POST /v1/push`` request that would have sent it
(docs/sync-protocol.md section 2). The server applies it with the same code, de-duplication and
per-change answers as an online push, and can keep it as the changes' proof of origin exactly
like a pushed batch; the bundle's own signature (``seal``) covers all of it besides.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import struct
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapang_core.protocol.auth import canonical_request, new_nonce
from lapang_core.protocol.constants import PROTOCOL_VERSION
from lapang_core.protocol.decoding import b64u_decode, loads_json
from lapang_core.protocol.encoding import _dumps, _is_int, b64u_encode, is_sha256_hex
from lapang_core.protocol.errors import MalformedRequest, ProtocolError

KIND_CHANGES = "changes"
PUSH_METHOD = "POST"
PUSH_PATH = "/v1/push"  # what each batch's signature names, as an online push would
MAX_MANIFEST_BYTES = 4 << 20
_MAX_BATCHES = 10_000
_MAX_FILES = 10_000
_NONCE = re.compile(r"[0-9A-Za-z_-]{16,64}")  # as a push's (auth.py)


@dataclasses.dataclass(frozen=True, slots=True)
class SignedBody:
    """A push body with the signature of the push request that would have sent it."""

    body: bytes
    nonce: str  # the batch id, as a push's nonce is
    timestamp: int
    signature: bytes

    @classmethod
    def sign(
        cls, key: Ed25519PrivateKey, device_id: str, body: bytes, timestamp: int
    ) -> SignedBody:
        nonce = new_nonce()
        message = canonical_request(PUSH_METHOD, PUSH_PATH, device_id, timestamp, nonce, body)
        return cls(body, nonce, timestamp, key.sign(message))

    def signed_message(self, device_id: str) -> bytes:
        return canonical_request(
            PUSH_METHOD, PUSH_PATH, device_id, self.timestamp, self.nonce, self.body
        )


@dataclasses.dataclass(frozen=True)
class ChangesBundle:
    """The signed push bodies (in seq order) and evidence files (SHA-256 -> bytes)."""

    batches: tuple[SignedBody, ...]
    files: Mapping[str, bytes]

    def encode(self) -> bytes:
        manifest = {
            "v": PROTOCOL_VERSION,
            "b": [
                [len(b.body), b.nonce, b.timestamp, b64u_encode(b.signature)] for b in self.batches
            ],
            "f": [[sha, len(content)] for sha, content in self.files.items()],
        }
        head = _dumps(manifest)
        bodies = [b.body for b in self.batches]
        return b"".join([struct.pack(">I", len(head)), head, *bodies, *self.files.values()])

    @classmethod
    def decode(cls, content: bytes) -> ChangesBundle:
        """Split a bundle's content; raises ``MalformedRequest`` on any structural fault and
        when a file's bytes do not match its SHA-256. The push bodies are decoded by the
        caller, exactly as a push's."""
        if len(content) < 4:
            raise MalformedRequest("The bundle content has no manifest.")
        (size,) = struct.unpack(">I", content[:4])
        if size > MAX_MANIFEST_BYTES or 4 + size > len(content):
            raise MalformedRequest("The bundle manifest length is not valid.")
        manifest = _manifest(loads_json(content[4 : 4 + size], limit=MAX_MANIFEST_BYTES))
        offset = 4 + size
        batches = []
        for length, nonce, timestamp, signature in manifest["b"]:
            body = content[offset : offset + length]
            batches.append(SignedBody(body, nonce, timestamp, b64u_decode(signature)))
            offset += length
        files: dict[str, bytes] = {}
        for sha, length in manifest["f"]:
            data = content[offset : offset + length]
            offset += length
            if hashlib.sha256(data).hexdigest() != sha:
                raise MalformedRequest(f"Evidence file {sha[:12]}… does not match its SHA-256.")
            files[sha] = data
        if offset != len(content):
            raise MalformedRequest("The bundle content does not end where its manifest says.")
        return cls(tuple(batches), files)


def _manifest(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
        raise MalformedRequest(f"The bundle manifest must be a version {PROTOCOL_VERSION} object.")
    batches, files = doc.get("b"), doc.get("f")
    if not isinstance(batches, list) or len(batches) > _MAX_BATCHES:
        raise MalformedRequest("The bundle manifest's batch list is not valid.")
    for item in batches:
        if not (
            isinstance(item, list)
            and len(item) == 4
            and _is_int(item[0])
            and item[0] > 0
            and isinstance(item[1], str)
            and _NONCE.fullmatch(item[1])
            and _is_int(item[2])
            and 0 <= item[2] < 2**40
            and isinstance(item[3], str)
            and len(item[3]) == 86
        ):
            raise MalformedRequest("The bundle manifest names a batch wrongly.")
    if not isinstance(files, list) or len(files) > _MAX_FILES:
        raise MalformedRequest("The bundle manifest's file list is not valid.")
    for item in files:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and is_sha256_hex(item[0])
            and _is_int(item[1])
            and item[1] > 0
        ):
            raise MalformedRequest("The bundle manifest names a file wrongly.")
    return doc


class BundleSenderRevoked(ProtocolError):
    """KPU revoked the device that made this bundle (not the device delivering it)."""

    code = "bundle_sender_revoked"
    http_status = 403


class BundleReplayed(ProtocolError):
    """This bundle was imported before; nothing was stored again."""

    code = "bundle_already_imported"
    http_status = 409

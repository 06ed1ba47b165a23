"""What an outgoing bundle carries inside its seal (docs/sync-protocol.md section 12.2): the
device's queued changes as ordinary signed-batch push bodies, and the evidence files they name.

The content, once the seal is opened::

    manifest_len  4 bytes, big-endian
    manifest      compact JSON {"v": 1, "b": [<length of each push body>],
                                "f": [[<sha256>, <size>], ...]}
    the push bodies, one after another (each exactly ``POST /v1/push``'s body)
    the files, one after another, in manifest order

A push body is reused unchanged so the server applies a bundle with the same code, the same
de-duplication and the same per-change answers as an online push.
"""

from __future__ import annotations

import dataclasses
import hashlib
import struct
from collections.abc import Mapping
from typing import Any

from desktop_app.sync.protocol.constants import PROTOCOL_VERSION
from desktop_app.sync.protocol.decoding import loads_json
from desktop_app.sync.protocol.encoding import _dumps, _is_int, is_sha256_hex
from desktop_app.sync.protocol.errors import MalformedRequest, ProtocolError

KIND_CHANGES = "changes"
MAX_MANIFEST_BYTES = 4 << 20
_MAX_BATCHES = 10_000
_MAX_FILES = 10_000


@dataclasses.dataclass(frozen=True)
class ChangesBundle:
    """The push bodies (in seq order) and evidence files (SHA-256 -> bytes) of one bundle."""

    batches: tuple[bytes, ...]
    files: Mapping[str, bytes]

    def encode(self) -> bytes:
        manifest = {
            "v": PROTOCOL_VERSION,
            "b": [len(body) for body in self.batches],
            "f": [[sha, len(content)] for sha, content in self.files.items()],
        }
        head = _dumps(manifest)
        return b"".join([struct.pack(">I", len(head)), head, *self.batches, *self.files.values()])

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
        for length in manifest["b"]:
            batches.append(content[offset : offset + length])
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
    if not all(_is_int(n) and n > 0 for n in batches):
        raise MalformedRequest("The bundle manifest's batch lengths are not valid.")
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

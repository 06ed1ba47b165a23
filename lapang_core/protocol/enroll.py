"""Enrollment: a laptop trades a one-time code and its public key for a device id and area."""

from __future__ import annotations

import dataclasses

from lapang_core.protocol.auth import load_public_key
from lapang_core.protocol.constants import PROTOCOL_VERSION
from lapang_core.protocol.decoding import loads_json
from lapang_core.protocol.device_key import load_encryption_key
from lapang_core.protocol.encoding import _dumps
from lapang_core.protocol.errors import MalformedRequest, UnsupportedProtocol


@dataclasses.dataclass(frozen=True, slots=True)
class EnrollRequest:
    code: str
    public_key: str  # base64url raw Ed25519 public key
    label: str = ""  # the laptop's name, shown to KPU in the device list
    # base64url raw X25519 public key (return bundles are sealed to it); sent only when set,
    # so the body is the same as before for a server that does not know it (it ignores it).
    encryption_key: str | None = None

    def encode(self) -> bytes:
        doc = {"v": PROTOCOL_VERSION, **dataclasses.asdict(self)}
        if self.encryption_key is None:
            del doc["encryption_key"]
        return _dumps(doc)

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
        encryption_key = doc.get("encryption_key")
        if encryption_key is not None:
            load_encryption_key(encryption_key)
        return cls(code, key, label, encryption_key)


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

"""Key rotation notices: how KPU tells laptops which announcement key and which TLS certificate
they must trust next (docs/sync-server.md, "Rotating KPU's keys").

A rotation travels as an ordinary KPU announcement (same signature, same pull list: nothing new
on the wire, and a laptop from before it simply shows KPU's notice). Its body ends with one line

    LAPANG-KEY-ROTATION-1 {"announcement_keys":["<base64url>",...],"ca_pems":["-----BEGIN..."]}

naming the keys and certificates to trust from now on. A laptop acts on it only when the
announcement verified against a KPU key it already trusts, so whoever cannot sign as KPU cannot
add a key or a pin.
"""

from __future__ import annotations

import dataclasses
import json

from cryptography import x509

from lapang_core.protocol.auth import load_public_key
from lapang_core.protocol.errors import ProtocolError

ROTATION_MARK = "LAPANG-KEY-ROTATION-1"
ROTATION_TITLE = "Pergantian kunci KPU"
_HUMAN_TEXT = (
    "KPU mengganti kunci pengumuman dan/atau sertifikat server sinkronisasi. Laptop yang "
    "menerima pengumuman ini menyesuaikan diri sendiri; petugas tidak perlu melakukan apa pun."
)
_MAX_ITEMS = 4  # a rotation names the next key or pin, perhaps two: never a trust store


class InvalidRotation(ValueError):
    """A rotation line that names something other than Ed25519 keys and PEM certificates."""


@dataclasses.dataclass(frozen=True)
class KeyRotation:
    announcement_keys: tuple[str, ...] = ()  # base64url of raw Ed25519 public keys
    ca_pems: tuple[str, ...] = ()  # PEM certificates to pin for the sync server

    def __post_init__(self) -> None:
        if not self.announcement_keys and not self.ca_pems:
            raise InvalidRotation("A key rotation names at least one key or certificate.")
        if len(self.announcement_keys) > _MAX_ITEMS or len(self.ca_pems) > _MAX_ITEMS:
            raise InvalidRotation(f"A key rotation names at most {_MAX_ITEMS} of each.")
        for key in self.announcement_keys:
            try:
                load_public_key(key)
            except (ProtocolError, ValueError):
                raise InvalidRotation("An announcement key is not an Ed25519 public key.") from None
        for pem in self.ca_pems:
            if not isinstance(pem, str):
                raise InvalidRotation("A certificate must be PEM text.")
            try:
                certificates = x509.load_pem_x509_certificates(pem.encode("ascii"))
            except (ValueError, UnicodeEncodeError):
                raise InvalidRotation(
                    "A certificate is not PEM (-----BEGIN CERTIFICATE-----)."
                ) from None
            if len(certificates) != 1:
                raise InvalidRotation("Each certificate entry holds exactly one certificate.")

    def line(self) -> str:
        document = {
            "announcement_keys": list(self.announcement_keys),
            "ca_pems": list(self.ca_pems),
        }
        return f"{ROTATION_MARK} {json.dumps(document, separators=(',', ':'))}"

    def announcement_body(self, note: str = "") -> str:
        """The body of the announcement that carries this rotation: text for the officers who
        read it (a laptop from before rotations shows it as it is), then the line."""
        parts = [_HUMAN_TEXT, note.strip(), self.line()]
        return "\n\n".join(part for part in parts if part)

    @classmethod
    def from_body(cls, body: str) -> KeyRotation | None:
        """The rotation an announcement's body carries, None if it carries none. Raises
        ``InvalidRotation`` for a rotation line that cannot be read."""
        lines = [line for line in body.splitlines() if line.startswith(ROTATION_MARK + " ")]
        if not lines:
            return None
        if len(lines) > 1:
            raise InvalidRotation("An announcement carries at most one key rotation.")
        try:
            document = json.loads(lines[0][len(ROTATION_MARK) + 1 :])
        except ValueError:
            raise InvalidRotation("The key rotation line is not JSON.") from None
        if not isinstance(document, dict):
            raise InvalidRotation("The key rotation line must be a JSON object.")
        keys, pems = document.get("announcement_keys", []), document.get("ca_pems", [])
        if not isinstance(keys, list) or not isinstance(pems, list):
            raise InvalidRotation("announcement_keys and ca_pems must be lists.")
        if not all(isinstance(k, str) for k in keys):
            raise InvalidRotation("announcement_keys must hold base64url text.")
        return cls(tuple(keys), tuple(pems))

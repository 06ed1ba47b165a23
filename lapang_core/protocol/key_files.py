"""Reading a KPU Ed25519 public key from a file, the same way on both sides: the laptop's
deployment file and shipped key, and the server's `announce-rotation`, accept exactly the same
files."""

from __future__ import annotations

import pathlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from lapang_core.protocol.auth import load_public_key
from lapang_core.protocol.errors import ProtocolError


class BadKeyFile(ValueError):
    """A key file that cannot be read or holds no single Ed25519 public key."""


def load_announcement_key(path: pathlib.Path) -> Ed25519PublicKey:
    """The KPU announcement key from a file holding either the base64url line that
    ``python -m sync_server kpu-keygen`` prints (lines starting with '#' are comments) or a PEM
    public key."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadKeyFile(f"Cannot read the KPU announcement key {path}: {exc.strerror}") from None
    if b"-----BEGIN" in data:
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError as exc:
            raise BadKeyFile(f"{path.name} is not a PEM public key: {exc}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise BadKeyFile(f"{path.name} is not an Ed25519 key.")
        return key
    lines = [
        line.strip()
        for line in data.decode("utf-8", "replace").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) != 1:
        raise BadKeyFile(f"{path.name} must hold exactly one key line.")
    try:
        return load_public_key(lines[0])
    except ProtocolError as exc:
        raise BadKeyFile(f"{path.name}: {exc.message}") from None

"""The KPU keys the app trusts, shipped in ``resources/``: the announcement public key.

(The sync server's pinned certificate is ``client.default_ca_file()``.)
"""

from __future__ import annotations

import logging
import pathlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.resources import resource_path
from desktop_app.sync import protocol as p
from desktop_app.sync.errors import SyncError

log = logging.getLogger("desktop_app.sync")


class BadKeyFile(SyncError):
    pass


def default_announcement_key_file() -> pathlib.Path:
    return resource_path("keys", "kpu_announcement_public.txt")


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
        return p.load_public_key(lines[0])
    except p.ProtocolError as exc:
        raise BadKeyFile(f"{path.name}: {exc.message}") from None


def shipped_announcement_key() -> Ed25519PublicKey | None:
    """The key in ``resources/keys``; None (every announcement rejected) if it is missing."""
    path = default_announcement_key_file()
    try:
        return load_announcement_key(path)
    except BadKeyFile as exc:
        log.warning("KPU announcements cannot be verified: %s", exc)
        return None

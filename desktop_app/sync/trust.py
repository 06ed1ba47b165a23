"""The KPU keys the app trusts: the announcement public key shipped in ``resources/`` (or named
by the deployment file, with the next one beside it), and the certificates pinned for the sync
server put together into one file (``pin_bundle``).

(The sync server's built-in pinned certificate is ``client.default_ca_file()``.)
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import pathlib
import tempfile
import threading
from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.resources import resource_path
from desktop_app.sync.errors import SyncError
from lapang_core import protocol as p

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


def as_key_list(keys: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None) -> tuple[Any, ...]:
    """One key, several (current and next), or None: always a tuple of keys."""
    if keys is None:
        return ()
    if isinstance(keys, Ed25519PublicKey):
        return (keys,)
    return tuple(k for k in keys if k is not None)


def learned_keys(texts: Sequence[str]) -> tuple[Ed25519PublicKey, ...]:
    return tuple(p.load_public_key(text) for text in texts)


_BUNDLES: dict[str, pathlib.Path] = {}
_BUNDLES_LOCK = threading.Lock()


def pin_bundle(
    files: Sequence[pathlib.Path | None], pems: Sequence[str] = ()
) -> pathlib.Path | None:
    """One PEM file holding every certificate pinned for the sync server: the deployment's
    current and next ``ca_file`` and those learned from KPU's key rotations. TLS libraries take
    one file of trusted certificates, so several pins are written together, once per content,
    into a private temporary file (certificates are public; the mode keeps other accounts from
    swapping it). With a single file and nothing learned, that file itself."""
    present = [f for f in files if f is not None]
    if len(present) <= 1 and not pems:
        return present[0] if present else None
    parts = [f.read_bytes().strip() for f in present] + [pem.encode().strip() for pem in pems]
    content = b"\n".join(dict.fromkeys(parts)) + b"\n"
    digest = hashlib.sha256(content).hexdigest()
    with _BUNDLES_LOCK:
        known = _BUNDLES.get(digest)
        if known is not None and known.is_file():
            return known
        fd, name = tempfile.mkstemp(prefix="lapang-pins-", suffix=".pem")
        with os.fdopen(fd, "wb") as handle:  # mkstemp: mode 0600, created by us only
            handle.write(content)
        path = pathlib.Path(name)
        _BUNDLES[digest] = path
        if len(_BUNDLES) == 1:
            atexit.register(_remove_bundles)
        return path


def _remove_bundles() -> None:
    for path in _BUNDLES.values():
        path.unlink(missing_ok=True)

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

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.resources import resource_path
from lapang_core import protocol as p
from lapang_core.protocol.key_files import BadKeyFile, load_announcement_key

log = logging.getLogger("desktop_app.sync")


def default_announcement_key_file() -> pathlib.Path:
    return resource_path("keys", "kpu_announcement_public.txt")


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

"""The KPU keys the app trusts: the announcement public key shipped in ``resources/`` (or named
by the deployment file, with the next one beside it), and the certificates pinned for the sync
server (``ServerPins``), put together into one file for the TLS library (``pin_bundle``).

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
from desktop_app.store.learned_trust import learned_trust
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


class ServerPins:
    """The certificates pinned for KPU's sync server: the deployment's files and those KPU named
    in signed key rotations (``learn``, ``learn_from``). One set is shared by every client a
    session builds (the engine's, the connectivity probe's, the enrolment's), so a pin the
    engine learns mid-run is trusted by the probe's next ping: a probe that knew only the
    deployment file would, after a second rotation, take KPU's server for no signal and never
    start a sync. Any thread; learning only ever adds."""

    def __init__(self, files: Sequence[pathlib.Path], pems: Sequence[str] = ()) -> None:
        self.files = tuple(files)
        self._lock = threading.Lock()
        self._pems: tuple[str, ...] = ()
        self._bundle: pathlib.Path | None = None
        self.learn(pems)

    @property
    def pems(self) -> tuple[str, ...]:
        """The learned certificates (PEM), in the order they were learned."""
        return self._pems

    def learn(self, pems: Sequence[str]) -> bool:
        """Trust these certificates too; True when any was new."""
        with self._lock:
            merged = tuple(dict.fromkeys((*self._pems, *pems)))
            if merged == self._pems:
                return False
            self._pems = merged
            self._bundle = None  # made again, from the files as they are now, when next asked
            return True

    def learn_from(self, db: Any) -> ServerPins:
        """Add what this vault learned from KPU's rotations (``store.learned_trust``); self."""
        self.learn(learned_trust(db).ca_pems)
        return self

    def missing(self) -> pathlib.Path | None:
        """The first pinned file that is not there, None when all are."""
        return next((f for f in self.files if not f.is_file()), None)

    def bundle(self) -> pathlib.Path | None:
        """The one file the TLS library checks the server against (``pin_bundle``)."""
        with self._lock:
            if self._bundle is None or not self._bundle.is_file():
                self._bundle = pin_bundle(self.files, self._pems)
            return self._bundle


def _remove_bundles() -> None:
    for path in _BUNDLES.values():
        path.unlink(missing_ok=True)

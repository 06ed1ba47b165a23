"""Sealed bundles of changes, delivered on a stick (``import-bundle``) or by another laptop
(``POST /v1/relay``): opened with KPU's bundle key, checked against the owner device's
signature, then applied exactly as a push (docs/sync-protocol.md section 12).

A bundle is applied in one write transaction together with the record of its id, so a bundle
is stored completely or not at all, and the same bundle a second time is refused
(``bundle_already_imported``) without touching anything. Its changes still meet the push's
de-duplication by (device, seq): a bundle whose changes also came online, or by another bundle,
applies each change once. Its evidence files are then stored as if the owner had uploaded them.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pathlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from lapang_core.protocol import (
    AttachmentNotReferenced,
    AttachmentTooLarge,
    MalformedRequest,
    ProtocolError,
    PushRequest,
    PushResult,
    is_hex_id,
    load_public_key,
    seal,
)
from lapang_core.protocol.bundle import (
    KIND_CHANGES,
    PUSH_METHOD,
    PUSH_PATH,
    BundleReplayed,
    BundleSenderRevoked,
    ChangesBundle,
    SignedBody,
)
from sync_server.attachments_db import EvidenceStore
from sync_server.config import ConfigError, ServerConfig
from sync_server.ingest import ingest_batch
from sync_server.origin import SignedBatch
from sync_server.repository import Repository, Tx, iso

# Re-exported: how a bundle came (the ``bundles.via`` column, the metrics' label).
from sync_server.tx import VIA_FILE as VIA_FILE
from sync_server.tx import VIA_RELAY as VIA_RELAY

log = logging.getLogger("sync_server.bundles")

_ID = re.compile(r"[0-9a-f]{32}")


def is_bundle_id(text: object) -> bool:
    """32 lowercase hex digits: a bundle's id as its header carries it."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


class BundleKeyError(ConfigError):
    """The bundle key file is missing or is not an X25519 private key."""


@dataclasses.dataclass(frozen=True)
class BundleImport:
    """What one bundle brought: its id and owner, the answer of each batch (the same
    ``PushResult`` a push gets), and the evidence files stored or left out."""

    bundle_id: str
    device_id: str
    results: tuple[PushResult, ...]
    files_stored: int
    files_refused: tuple[str, ...]  # named only by changes the server refused

    @property
    def changes(self) -> int:
        return sum(len(r.results) for r in self.results)

    def summary(self) -> dict[str, Any]:
        """The relay's answer: counts only, for the carrier learns nothing of the changes (the
        owner learns each change's fate online or in its return bundle)."""
        return {
            "v": 1,
            "bundle": self.bundle_id,
            "device": self.device_id,
            "changes": self.changes,
            "counts": self.counts(),
            "files": self.files_stored,
        }

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = {}
        for result in self.results:
            for change in result.results:
                tally[change.status.value] = tally.get(change.status.value, 0) + 1
        return tally


# --- keys ------------------------------------------------------------------------------------
def generate_bundle_key(path: pathlib.Path) -> str:
    """Write a new X25519 private key to ``path`` (PEM, mode 0600, never over an existing
    file) and return the public key's line for deployment.toml."""
    key = X25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    return seal.x25519_public_text(key)


def load_bundle_keys(paths: Sequence[pathlib.Path]) -> tuple[X25519PrivateKey, ...]:
    """The server's bundle private keys (the current one and any being replaced)."""
    keys = []
    for path in paths:
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except OSError as exc:
            raise BundleKeyError(f"Cannot read the bundle key {path}: {exc.strerror}.") from exc
        except ValueError as exc:
            raise BundleKeyError(f"{path} is not a PEM private key.") from exc
        if not isinstance(key, X25519PrivateKey):
            raise BundleKeyError(
                f"{path} is not an X25519 key; make one with 'python -m sync_server bundle-keygen'."
            )
        keys.append(key)
    return tuple(keys)


# --- import ----------------------------------------------------------------------------------
def import_bundle(
    repo: Repository,
    attachments: EvidenceStore,
    keys: Sequence[X25519PrivateKey],
    data: bytes,
    now: float,
    config: ServerConfig,
    *,
    via: str = VIA_FILE,
    relay_device: str | None = None,
    max_bytes: int = seal.MAX_BUNDLE_BYTES,
    expected_id: str | None = None,
) -> BundleImport:
    """Open, check and apply one sealed bundle of changes. Raises a ``seal.BundleError``
    (damaged, foreign, unknown sender, too large), ``BundleReplayed``, ``DeviceRevoked`` or
    ``MalformedRequest``; in every such case nothing was stored. ``expected_id``: the id a
    chunked relay was uploaded under, which the bundle's own header must bear."""
    header, content = seal.open_sealed(data, keys, _device_key(repo), max_bytes=max_bytes)
    bundle_id, device_id = _checked_header(header)
    if expected_id is not None and bundle_id != expected_id:
        raise MalformedRequest(
            f"This bundle's id is {bundle_id}, not {expected_id} it was uploaded as; "
            "upload it under its own id."
        )
    device = repo.device(device_id)
    if device is None:  # known a moment ago: only a concurrent database edit does this
        raise seal.BundleUnknownSender("The bundle's sender is no longer known to this server.")
    if device.revoked:
        raise BundleSenderRevoked(
            "KPU revoked the device that made this bundle; its changes were not applied."
        )
    try:
        parts = ChangesBundle.decode(content)
        batches = [PushRequest.decode(signed.body) for signed in parts.batches]
    except ProtocolError as exc:
        # Signed by the device yet broken inside: a bug in that laptop's program, not transit.
        raise MalformedRequest(f"The bundle's content is not valid: {exc.message}") from None
    _check_batch_signatures(parts, device_id, load_public_key(device.public_key))
    now_iso = iso(now)

    def store(tx: Tx) -> tuple[PushResult, ...]:
        _record(tx, bundle_id, device_id, header, via, relay_device, now_iso)
        _count_changes(tx, via, sum(len(batch.changes) for batch in batches))
        # Each batch under its own nonce, as a push: the id its changes point at.
        return tuple(
            ingest_batch(
                tx,
                _as_signed_batch(signed, device_id),
                batch.changes,
                now,
                config.election_date,
                via=via,
            )
            for signed, batch in zip(parts.batches, batches, strict=True)
        )

    results = repo.write(store)
    stored, refused = _store_files(attachments, device_id, parts.files, now, config.max_chunk_bytes)
    log.info(
        "bundle %s of device %s applied (%s): %d changes, %d files",
        bundle_id,
        device_id,
        via,
        sum(len(r.results) for r in results),
        stored,
    )
    return BundleImport(bundle_id, device_id, results, stored, refused)


def _as_signed_batch(signed: SignedBody, device_id: str) -> SignedBatch:
    """A batch of the bundle as its push would have arrived: what its proof of origin keeps."""
    return SignedBatch(
        device_id,
        signed.nonce,
        PUSH_METHOD,
        PUSH_PATH,
        signed.timestamp,
        signed.signature,
        signed.body,
        via="bundle",  # the proof of origin's word for it; `bundles.via` says how it came
    )


def _check_batch_signatures(parts: ChangesBundle, device_id: str, public: Ed25519PublicKey) -> None:
    """Each push body's own signature, as its push request's would be checked. The bundle's
    signature already covers them; these are what the changes' proof of origin keeps."""
    nonces = set()
    for signed in parts.batches:
        try:
            public.verify(signed.signature, signed.signed_message(device_id))
        except InvalidSignature:
            raise seal.BundleTampered(
                "A batch in the bundle is not signed by its device; nothing in it was used."
            ) from None
        nonces.add(signed.nonce)
    if len(nonces) != len(parts.batches):
        raise MalformedRequest("Two batches of the bundle share a nonce.")


def _device_key(repo: Repository) -> seal.VerifyKeyLookup:
    def lookup(header: dict[str, Any]) -> Ed25519PublicKey | None:
        sender = header.get("from")
        if not is_hex_id(sender):
            return None
        device = repo.device(sender)
        return None if device is None else load_public_key(device.public_key)

    return lookup


def _checked_header(header: dict[str, Any]) -> tuple[str, str]:
    if header.get("kind") != KIND_CHANGES:
        raise MalformedRequest(
            f"This bundle is not a laptop's changes (kind {header.get('kind')!r}); "
            "the server imports only those."
        )
    bundle_id = header.get("id")
    if not is_bundle_id(bundle_id):
        raise MalformedRequest("The bundle has no valid id.")
    return bundle_id, header["from"]


def _record(
    tx: Tx,
    bundle_id: str,
    device_id: str,
    header: dict[str, Any],
    via: str,
    relay_device: str | None,
    now_iso: str,
) -> None:
    created = header.get("created")
    inserted = tx.sql.run(
        "INSERT INTO bundles (id, device_id, created, via, relay_device, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            bundle_id,
            device_id,
            created if isinstance(created, int) else None,
            via,
            relay_device,
            now_iso,
        ),
    )
    if not inserted:
        row = tx.sql.one("SELECT received_at, via FROM bundles WHERE id = ?", (bundle_id,))
        raise BundleReplayed(
            f"This bundle ({bundle_id[:8]}…) was already received on {row[0][:19]} "
            f"({'from a stick' if row[1] == VIA_FILE else 'by relay'}); nothing was stored again.",
            bundle_id=bundle_id,
        )


def bundle_changes_counter(via: str) -> str:
    """The ``counters`` row that totals the changes bundles brought ``via`` a stick or relay."""
    return f"bundle_changes_{via}"


def _count_changes(tx: Tx, via: str, changes: int) -> None:
    # In the database, not only in a process's metrics: import-bundle runs in a process of its
    # own that no one scrapes, and every server process then reports the same total
    # (metrics.DatabaseFigures). One row per way, touched only by bundles (rare): pushes never
    # wait on it.
    tx.sql.run(
        "INSERT INTO counters (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value",
        (bundle_changes_counter(via), changes),
    )


def _store_files(
    attachments: EvidenceStore,
    device_id: str,
    files: Mapping[str, bytes],
    now: float,
    step: int,
) -> tuple[int, tuple[str, ...]]:
    """Each file as if the owner uploaded it: the same reference rule, size limit and hash
    check. A file only refused changes name is left out and listed."""
    stored, refused = 0, []
    for sha, content in files.items():
        try:
            status = attachments.status(sha, device_id)
            offset = status.received if not status.complete else len(content)
            while offset < len(content):
                status = attachments.put_chunk(
                    sha, offset, len(content), content[offset : offset + step], device_id, now
                )
                offset = status.received
            stored += 1
        except (AttachmentNotReferenced, AttachmentTooLarge):
            refused.append(sha)
    return stored, tuple(refused)

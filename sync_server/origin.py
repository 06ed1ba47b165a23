"""Proof of origin: every batch of changes the server receives is kept in the signed bytes it
arrived in, so that years later anyone holding the database can show which laptop and officer
made a change and check the laptop's own signature over it, offline.

What is kept, once per batch (``signed_batches``): the compressed body exactly as received and
what the device's Ed25519 signature covers besides it (method, path, timestamp, nonce: the
canonical string of docs/sync-protocol.md §2, whose last line, the body's SHA-256, is
recomputed from the body), and the 64-byte signature. Each change row points at its batch
(``changes.batch_id``, the nonce, already there since 0001) and its position in it
(``batch_pos``). The device id is the change row's own: a batch moved to another device's
changes no longer verifies.

A batch is kept when at least one of its changes takes a new slot: a retry whose changes all
come back ``duplicate`` adds nothing (its changes point at the batch that first brought
them). A batch that partly overlaps an earlier one is kept whole; only its new changes point
at it.

Every path that accepts changes (the online push; a bundle import) passes the signed request
as a ``SignedBatch`` to ``ingest.ingest_batch``, which calls ``keep`` in the same transaction.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature

from lapang_core.protocol import (
    Change,
    ProtocolError,
    PushRequest,
    canonical_request,
    load_public_key,
)
from sync_server.errors import AdminError

if TYPE_CHECKING:  # the repository's transaction; origin adds its own statements to it
    from sync_server.repository import Repository, Tx


@dataclasses.dataclass(frozen=True, slots=True)
class SignedBatch:
    """A batch of changes as the device signed it: the request line parts, the signing
    headers and the body as sent (compressed)."""

    device_id: str
    batch_id: str  # the request nonce
    method: str
    path: str  # from the API root, query included, as signed
    timestamp: int
    signature: bytes
    body: bytes
    via: str = "push"  # how it reached the server: "push" online, "bundle" by sneakernet

    def signed_message(self) -> bytes:
        return canonical_request(
            self.method, self.path, self.device_id, self.timestamp, self.batch_id, self.body
        )


class OriginUnproven(AdminError):
    """A change's origin cannot be shown: no such change, its signed bytes were not kept, or
    the signature does not verify over them."""


@dataclasses.dataclass(frozen=True, slots=True)
class Proof:
    """A change, decoded from the bytes its device signed, and who sent it."""

    change: Change
    device_id: str
    area: str
    label: str
    public_key: str
    state: str
    received_at: str
    batch: SignedBatch
    position: int


def keep(tx: Tx, batch: SignedBatch, received_at: str) -> None:
    """Store ``batch`` once (a second call for the same device and nonce does nothing)."""
    tx.sql.defer(
        "INSERT INTO signed_batches (device_id, batch_id, method, path, signed_at, signature, "
        "body, via, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (device_id, batch_id) DO NOTHING",
        (
            batch.device_id,
            batch.batch_id,
            batch.method,
            batch.path,
            batch.timestamp,
            batch.signature,
            batch.body,
            batch.via,
            received_at,
        ),
    )


def prove(repo: Repository, change_id: str) -> list[Proof]:
    """Every slot that holds ``change_id`` (the one that counts first), each verified against
    its device's key over the stored bytes. Raises ``OriginUnproven`` for the first that
    cannot be proven."""
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all(
            "SELECT c.device_id, c.seq, c.state, c.received_at, c.batch_id, c.batch_pos, "
            "d.area, d.label, d.public_key, b.method, b.path, b.signed_at, b.signature, b.body, "
            "b.via FROM changes c JOIN devices d ON d.id = c.device_id "
            "LEFT JOIN signed_batches b ON b.device_id = c.device_id AND b.batch_id = c.batch_id "
            "WHERE c.change_id = ? "
            "ORDER BY CASE WHEN c.state = 'duplicate' THEN 1 ELSE 0 END, c.received_at, c.seq",
            (change_id,),
        )
    if not rows:
        raise OriginUnproven(f"No change {change_id} was received; list changes with `changes`.")
    return [_verify(change_id, row) for row in rows]


def _verify(change_id: str, row: Any) -> Proof:
    where = f"change {change_id} (device {row['device_id']}, seq {row['seq']})"
    if row["body"] is None or row["batch_pos"] is None:
        raise OriginUnproven(
            f"The signed bytes of {where} are missing: it was received before the server kept "
            "them (migration 0010_proof_of_origin), or they were deleted. Its origin cannot be "
            "proven from this database."
        )
    batch = SignedBatch(
        device_id=row["device_id"],
        batch_id=row["batch_id"],
        method=row["method"],
        path=row["path"],
        timestamp=int(row["signed_at"]),
        signature=bytes(row["signature"]),
        body=bytes(row["body"]),
        via=row["via"],
    )
    try:
        load_public_key(row["public_key"]).verify(batch.signature, batch.signed_message())
    except (InvalidSignature, ProtocolError):
        raise OriginUnproven(
            f"The device signature over the stored bytes of {where} does NOT verify: the bytes, "
            "the signature or the device's key in this database were altered."
        ) from None
    try:
        changes = PushRequest.decode(batch.body).changes
        change = changes[int(row["batch_pos"])]
    except (ProtocolError, IndexError):
        raise OriginUnproven(
            f"The stored batch of {where} verifies but does not hold the change at its position."
        ) from None
    if change.change_id != change_id or change.seq != row["seq"]:
        raise OriginUnproven(
            f"The stored batch of {where} verifies but holds another change at its position: "
            "the change table was altered."
        )
    return Proof(
        change=change,
        device_id=row["device_id"],
        area=row["area"],
        label=row["label"],
        public_key=row["public_key"],
        state=row["state"],
        received_at=row["received_at"],
        batch=batch,
        position=int(row["batch_pos"]),
    )


def describe(proof: Proof) -> str:
    """The proof as the ``prove`` command prints it (personal data: terminal only)."""
    change = proof.change
    lines = [
        f"change      {change.change_id}",
        f"verified    Ed25519 signature of device {proof.device_id} over the stored bytes",
        f"device      {proof.device_id}  area {proof.area}  label {proof.label!r}",
        f"device key  {proof.public_key}",
        f"officer     {change.officer}",
        f"created_at  {change.created_at} (laptop clock)",
        f"signed_at   {proof.batch.timestamp} (Unix seconds, laptop clock corrected)",
        f"received_at {proof.received_at} via {proof.batch.via}",
        f"batch       {proof.batch.batch_id}, change {proof.position + 1}, "
        f"{len(proof.batch.body)} bytes as received",
        f"state       {proof.state}",
        "change as signed:",
        json.dumps(change.to_outbox(), ensure_ascii=False, indent=2, sort_keys=True),
    ]
    return "\n".join(lines)

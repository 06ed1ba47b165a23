"""Changes and push batches: the outbox entry contract (``Change``) and the compact push body
(JSON rows without keys, ids as hex, times as millisecond deltas, then zlib, because a 2G
link in a 3T village pays for every byte)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from lapang_core.protocol.constants import (
    DOC_VERSIONS,
    MAX_BATCH_CHANGES,
    MAX_INFLATED_BYTES,
    MAX_SEQ,
    MAX_VERSION,
    PROTOCOL_VERSION,
)
from lapang_core.protocol.decoding import decompress, iso_to_ms, loads_json
from lapang_core.protocol.encoding import (
    _dumps,
    _is_int,
    compress,
    is_hex_id,
    is_sha256_hex,
    ms_to_iso,
)
from lapang_core.protocol.errors import (
    BodyTooLarge,
    InvalidChange,
    MalformedRequest,
    UnsupportedProtocol,
)
from lapang_core.protocol.payloads import _decode_payload, _encode_payload

ENTITY_VOTER = "voter"
ENTITY_APPLICATION = "application"
VOTER_OPS: tuple[str, ...] = ("sesuai", "ubah", "baru", "tms", "restore")
APPLICATION_OPS: tuple[str, ...] = ("application.submit",)

# (entity, op) -> the small integer that travels; anything else travels as "entity/op".
_OP_CODES: dict[tuple[str, str], int] = {
    (ENTITY_VOTER, "sesuai"): 0,
    (ENTITY_VOTER, "ubah"): 1,
    (ENTITY_VOTER, "baru"): 2,
    (ENTITY_VOTER, "tms"): 3,
    (ENTITY_VOTER, "restore"): 4,
    (ENTITY_APPLICATION, "application.submit"): 5,
}
_OP_BY_CODE = {code: key for key, code in _OP_CODES.items()}

_MAX_OFFICER_CHARS = 120
# created_at outside this window is a broken clock or a forged record, not field work.
_MIN_CREATED_MS = 946_684_800_000  # 2000-01-01
_MAX_CREATED_MS = 4_102_444_800_000  # 2100-01-01


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One outbox entry, the unit of push. ``created_at`` is canonical (UTC, milliseconds)."""

    change_id: str
    seq: int
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    base_version: int | None
    created_at: str
    officer: str

    @classmethod
    def from_outbox(cls, entry: Mapping[str, Any]) -> Change:
        """Check an outbox dict against the change contract; raise ``InvalidChange``."""
        try:
            change_id = entry["change_id"]
            seq = entry["seq"]
            entity = entry["entity"]
            entity_id = entry["entity_id"]
            op = entry["op"]
            payload = entry["payload"]
            base_version = entry["base_version"]
            created_at = entry["created_at"]
            officer = entry["officer"]
        except KeyError as exc:
            raise InvalidChange(f"Outbox entry lacks {exc.args[0]!r}.") from None
        if not is_hex_id(change_id):
            raise InvalidChange("change_id must be 32 lowercase hex digits.")
        if not _is_int(seq) or not 1 <= seq <= MAX_SEQ:
            raise InvalidChange(f"seq must be an integer from 1 to {MAX_SEQ}, not {seq!r}.")
        if not isinstance(entity, str) or not entity or len(entity) > 40:
            raise InvalidChange("entity must be a short string.")
        if not isinstance(op, str) or not op or len(op) > 40 or "/" in op:
            raise InvalidChange("op must be a short string without '/'.")
        if not is_hex_id(entity_id):
            raise InvalidChange("entity_id must be 32 lowercase hex digits.")
        if not isinstance(payload, dict):
            raise InvalidChange("payload must be a JSON object.")
        if base_version is not None and (
            not _is_int(base_version) or not 0 <= base_version <= MAX_VERSION
        ):
            raise InvalidChange(f"base_version must be null or an integer from 0 to {MAX_VERSION}.")
        if not isinstance(officer, str) or len(officer) > _MAX_OFFICER_CHARS:
            raise InvalidChange(f"officer must be a string of at most {_MAX_OFFICER_CHARS} chars.")
        ms = iso_to_ms(created_at) if isinstance(created_at, str) else None
        if ms is None or not _MIN_CREATED_MS <= ms < _MAX_CREATED_MS:
            raise InvalidChange(f"created_at {created_at!r} is not a plausible ISO-8601 time.")
        return cls(
            change_id, seq, entity, entity_id, op, payload, base_version, ms_to_iso(ms), officer
        )

    def to_outbox(self) -> dict[str, Any]:
        return {
            "change_id": self.change_id,
            "seq": self.seq,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "op": self.op,
            "payload": self.payload,
            "base_version": self.base_version,
            "created_at": self.created_at,
            "officer": self.officer,
        }

    @property
    def created_ms(self) -> int:
        return iso_to_ms(self.created_at)

    def files_named(self) -> list[str]:
        """The evidence files this change names, by SHA-256: a TMS change's photo or scan, an
        application's documents. A v2 push answer names the change; the client reads the
        files from it (docs/sync-protocol.md 5.4)."""
        shas: list[Any] = []
        if self.entity == ENTITY_VOTER and self.op == "tms":
            shas.append(self.payload.get("attachment"))
        elif self.entity == ENTITY_APPLICATION and isinstance(
            self.payload.get("attachments"), dict
        ):
            shas.extend(self.payload["attachments"].values())
        return [sha for sha in shas if is_sha256_hex(sha)]


@dataclasses.dataclass(frozen=True, slots=True)
class PushRequest:
    """A batch of changes from one device, in strictly increasing ``seq`` order. ``version``
    is the document version the client asks the answer in: 1, 2 for the answer without
    echo (``DOC_VERSION_NO_ECHO``), 3 for that answer with applications' versions too
    (``DOC_VERSION_APPLICATION_NO_ECHO``); the rows are the same in all."""

    changes: tuple[Change, ...]
    version: int = PROTOCOL_VERSION

    @classmethod
    def from_outbox(
        cls, entries: Iterable[Mapping[str, Any]], *, version: int = PROTOCOL_VERSION
    ) -> PushRequest:
        changes = tuple(sorted((Change.from_outbox(e) for e in entries), key=lambda c: c.seq))
        return cls(changes, version)

    def encode(self) -> bytes:
        """The compressed body of ``POST /v1/push``."""
        if not self.changes:
            raise InvalidChange("A push batch needs at least one change.")
        if len(self.changes) > MAX_BATCH_CHANGES:
            raise InvalidChange(f"A push batch holds at most {MAX_BATCH_CHANGES} changes.")
        officers: dict[str, int] = {}
        rows: list[list[Any]] = []
        first = self.changes[0]
        prev_seq, prev_ms = first.seq - 1, first.created_ms
        t0 = prev_ms
        for change in self.changes:
            if change.seq <= prev_seq:
                raise InvalidChange("seq must be strictly increasing within a batch.")
            op: int | str = _OP_CODES.get(
                (change.entity, change.op), f"{change.entity}/{change.op}"
            )
            ms = change.created_ms
            row: list[Any] = [
                change.seq - prev_seq,
                op,
                change.entity_id,
                change.base_version,
                ms - prev_ms,
                change.change_id,
                officers.setdefault(change.officer, len(officers)),
            ]
            if change.payload:
                row.append(_encode_payload(change.op, change.payload))
            rows.append(row)
            prev_seq, prev_ms = change.seq, ms
        body = {
            "v": self.version,
            "s0": first.seq - 1,
            "t0": t0,
            "of": list(officers),
            "c": rows,
        }
        return compress(_dumps(body))

    @classmethod
    def decode(cls, body: bytes, *, inflated_limit: int = MAX_INFLATED_BYTES) -> PushRequest:
        """Parse a compressed push body. Structural faults raise ``MalformedRequest`` for the
        whole batch; whether each change makes sense is the server's per-change decision."""
        doc = loads_json(decompress(body, inflated_limit))
        if not isinstance(doc, dict):
            raise MalformedRequest("A push body must be a JSON object.")
        version = doc.get("v")
        if not _is_int(version) or version not in DOC_VERSIONS:
            raise UnsupportedProtocol(
                f"Push batch version {version!r} is not one of {list(DOC_VERSIONS)}.",
                supported=list(DOC_VERSIONS),
            )
        s0, t0, officers, rows = doc.get("s0"), doc.get("t0"), doc.get("of"), doc.get("c")
        if not (_is_int(s0) and s0 >= 0 and _is_int(t0)):
            raise MalformedRequest("A push body needs integer s0 >= 0 and t0.")
        if not isinstance(officers, list) or not all(isinstance(o, str) for o in officers):
            raise MalformedRequest("'of' must be a list of officer names.")
        if not isinstance(rows, list) or not rows:
            raise MalformedRequest("'c' must be a non-empty list of changes.")
        if len(rows) > MAX_BATCH_CHANGES:
            raise BodyTooLarge(
                f"A push batch holds at most {MAX_BATCH_CHANGES} changes, not {len(rows)}.",
                limit=MAX_BATCH_CHANGES,
            )
        changes = []
        seq, ms = s0, t0
        for index, row in enumerate(rows):
            try:
                change, seq, ms = _decode_row(row, seq, ms, officers)
            except MalformedRequest as exc:
                raise MalformedRequest(f"Change #{index + 1} of the batch: {exc.message}") from None
            changes.append(change)
        return cls(tuple(changes), version)


def _decode_row(
    row: Any, prev_seq: int, prev_ms: int, officers: list[str]
) -> tuple[Change, int, int]:
    if not isinstance(row, list) or len(row) not in (7, 8):
        raise MalformedRequest("a change row must be a list of 7 or 8 items.")
    ds, op_code, entity_id, base_version, dms, change_id, officer_index = row[:7]
    if not _is_int(ds) or ds < 1:
        raise MalformedRequest("the seq delta must be an integer >= 1.")
    if not _is_int(dms):
        raise MalformedRequest("the time delta must be an integer.")
    if _is_int(op_code):
        if op_code not in _OP_BY_CODE:
            raise MalformedRequest(f"unknown op code {op_code}.")
        entity, op = _OP_BY_CODE[op_code]
    elif isinstance(op_code, str) and op_code.count("/") == 1:
        entity, op = op_code.split("/")
    else:
        raise MalformedRequest("op must be an op code or 'entity/op'.")
    if not _is_int(officer_index) or not 0 <= officer_index < len(officers):
        raise MalformedRequest("officer index out of range.")
    seq, ms = prev_seq + ds, prev_ms + dms
    entry = {
        "change_id": change_id,
        "seq": seq,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "payload": _decode_payload(op, row[7]) if len(row) == 8 else {},
        "base_version": base_version,
        "created_at": ms_to_iso(ms) if _MIN_CREATED_MS <= ms < _MAX_CREATED_MS else "",
        "officer": officers[officer_index],
    }
    try:
        change = Change.from_outbox(entry)
    except InvalidChange as exc:
        raise MalformedRequest(exc.message) from None
    return change, seq, ms

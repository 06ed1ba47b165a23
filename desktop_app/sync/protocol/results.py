"""The push result: the server's verdict on each change of a batch, with plain verdicts sent
as seq ranges."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from typing import Any

from desktop_app.sync.protocol.constants import MAX_BATCH_CHANGES, PROTOCOL_VERSION
from desktop_app.sync.protocol.decoding import decompress, loads_json
from desktop_app.sync.protocol.encoding import _dumps, _is_int, compress, is_sha256_hex
from desktop_app.sync.protocol.errors import MalformedRequest


class ChangeStatus(enum.StrEnum):
    ACCEPTED = "accepted"  # applied cleanly
    HELD = "held"  # stored; applied once the device's earlier seqs arrive
    DUPLICATE = "duplicate"  # the server already had this change (same seq or change_id)
    CONFLICT = "conflict"  # applied by the server's rule; a conflict record keeps both values
    REFUSED = "refused"  # not applied; quarantined on the server when permanent


_STATUS_LETTER = {
    ChangeStatus.ACCEPTED: "a",
    ChangeStatus.HELD: "h",
    ChangeStatus.DUPLICATE: "d",
    ChangeStatus.CONFLICT: "c",
    ChangeStatus.REFUSED: "r",
}
_STATUS_BY_LETTER = {v: k for k, v in _STATUS_LETTER.items()}
_RANGED = (ChangeStatus.ACCEPTED, ChangeStatus.HELD, ChangeStatus.DUPLICATE)


@dataclasses.dataclass(frozen=True, slots=True)
class ChangeResult:
    seq: int
    status: ChangeStatus
    reason: str | None = None  # stable refusal code, e.g. "invalid_value", "outside_area"
    permanent: bool = False  # a permanent refusal is quarantined: resending will not help
    message: str | None = None  # for the officer; never contains voter data
    conflict_id: str | None = None

    @property
    def acknowledged(self) -> bool:
        """The server holds this change for good: the client may mark it sent (or, for a
        permanent refusal, move it to its quarantine view). Otherwise send it again later."""
        return self.status is not ChangeStatus.REFUSED or self.permanent

    @property
    def _plain(self) -> bool:
        return self.status in _RANGED and self.reason is None and self.conflict_id is None


def _ranges(seqs: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for s in sorted(seqs):
        if out and s == out[-1][1] + 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return out


def _parse_ranges(raw: Any, what: str) -> list[tuple[int, int]]:
    if not isinstance(raw, list):
        raise MalformedRequest(f"'{what}' must be a list of [first, last] ranges.")
    out = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(_is_int(x) for x in item)
            or item[0] > item[1]
            or item[1] - item[0] > MAX_BATCH_CHANGES * 1000
        ):
            raise MalformedRequest(f"Invalid range in '{what}'.")
        out.append((item[0], item[1]))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class PushResult:
    """The server's answer to one batch: one result per change, in seq order."""

    results: tuple[ChangeResult, ...]
    applied_through: int  # every seq <= this one has been applied (or refused) on the server
    missing: tuple[tuple[int, int], ...] = ()  # seq ranges the server waits for (gaps)
    need_attachments: tuple[str, ...] = ()  # SHA-256 of referenced files not yet uploaded
    server_time: int = 0

    def by_seq(self) -> dict[int, ChangeResult]:
        return {r.seq: r for r in self.results}

    def encode(self) -> bytes:
        doc: dict[str, Any] = {"v": PROTOCOL_VERSION, "t": self.server_time}
        doc["thr"] = self.applied_through
        for status in _RANGED:
            seqs = [r.seq for r in self.results if r.status is status and r._plain]
            if seqs:
                doc[_STATUS_LETTER[status]] = _ranges(seqs)
        explicit = []
        for r in self.results:
            if not r._plain:
                item: list[Any] = [r.seq, _STATUS_LETTER[r.status], r.reason, int(r.permanent)]
                item += [r.message, r.conflict_id]
                while item[-1] is None:
                    item.pop()
                explicit.append(item)
        if explicit:
            doc["x"] = explicit
        if self.missing:
            doc["m"] = [list(m) for m in self.missing]
        if self.need_attachments:
            doc["att"] = list(self.need_attachments)
        return compress(_dumps(doc))

    @classmethod
    def decode(cls, body: bytes) -> PushResult:
        doc = loads_json(decompress(body))
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise MalformedRequest("Not a v1 push result.")
        results: list[ChangeResult] = []
        for status in _RANGED:
            for first, last in _parse_ranges(doc.get(_STATUS_LETTER[status], []), status.value):
                results.extend(ChangeResult(s, status) for s in range(first, last + 1))
        explicit = doc.get("x", [])
        if not isinstance(explicit, list):
            raise MalformedRequest("'x' must be a list in a push result.")
        for item in explicit:
            if not isinstance(item, list) or not 2 <= len(item) <= 6:
                raise MalformedRequest("Invalid explicit result in a push result.")
            seq, letter, reason, permanent, message, conflict_id = item + [None] * (6 - len(item))
            if (
                not _is_int(seq)
                or not isinstance(letter, str)
                or letter not in _STATUS_BY_LETTER
                or not all(v is None or isinstance(v, str) for v in (reason, message, conflict_id))
            ):
                raise MalformedRequest("Invalid explicit result in a push result.")
            results.append(
                ChangeResult(
                    seq, _STATUS_BY_LETTER[letter], reason, bool(permanent), message, conflict_id
                )
            )
        results.sort(key=lambda r: r.seq)
        need = doc.get("att", [])
        if not isinstance(need, list) or not all(is_sha256_hex(h) for h in need):
            raise MalformedRequest("Invalid 'att' list in a push result.")
        through, server_time = doc.get("thr"), doc.get("t")
        if not _is_int(through) or not _is_int(server_time):
            raise MalformedRequest("A push result needs integer 'thr' and 't'.")
        return cls(
            tuple(results),
            through,
            tuple(_parse_ranges(doc.get("m", []), "m")),
            tuple(need),
            server_time,
        )

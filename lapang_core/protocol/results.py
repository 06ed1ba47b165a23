"""The push result: the server's verdict on each change of a batch, with plain verdicts sent
as seq ranges."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from typing import Any

from lapang_core.protocol.constants import (
    DOC_VERSION_NO_ECHO,
    DOC_VERSIONS,
    MAX_BATCH_CHANGES,
    MAX_VERSION,
    PROTOCOL_VERSION,
)
from lapang_core.protocol.decoding import decompress, loads_json
from lapang_core.protocol.encoding import _dumps, _is_int, compress, is_sha256_hex
from lapang_core.protocol.errors import MalformedRequest


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


def _version_runs(new_versions: Iterable[tuple[int, int]]) -> list[list[int]]:
    """``[seq, version]``, or ``[first, last, version]`` for consecutive seqs that share one
    version (a day's sesuai on KPU's freshly loaded rows: all of them version 2)."""
    runs: list[list[int]] = []
    for seq, version in sorted(new_versions):
        if runs and runs[-1][1] == seq - 1 and runs[-1][2] == version:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq, version])
    return [[a, v] if a == b else [a, b, v] for a, b, v in runs]


def _parse_version_runs(raw: Any) -> list[tuple[int, int]]:
    if not isinstance(raw, list):
        raise MalformedRequest("'nv' must be a list.")
    out: list[tuple[int, int]] = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) not in (2, 3)
            or not all(_is_int(x) for x in item)
            or not 0 <= item[-1] <= MAX_VERSION
        ):
            raise MalformedRequest("Invalid item in 'nv'.")
        first, last = item[0], item[-2]
        if first > last or last - first > MAX_BATCH_CHANGES:
            raise MalformedRequest("Invalid seq range in 'nv'.")
        out.extend((seq, item[-1]) for seq in range(first, last + 1))
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class PushResult:
    """The server's answer to one batch: one result per change, in seq order."""

    results: tuple[ChangeResult, ...]
    applied_through: int  # every seq <= this one has been applied (or refused) on the server
    missing: tuple[tuple[int, int], ...] = ()  # seq ranges the server waits for (gaps)
    need_attachments: tuple[str, ...] = ()  # SHA-256 of referenced files not yet uploaded
    server_time: int = 0
    # Version 2 (DOC_VERSION_NO_ECHO) and later only: the voter version each listed change left
    # on the server (from version 3 also an application's outcome version), for changes whose
    # row is now exactly what the device wrote (the next pull does not send it back), and the
    # seqs of the changes whose files the server still needs.
    version: int = PROTOCOL_VERSION
    new_versions: tuple[tuple[int, int], ...] = ()
    need_attachment_seqs: tuple[int, ...] = ()

    def by_seq(self) -> dict[int, ChangeResult]:
        return {r.seq: r for r in self.results}

    def encode(self) -> bytes:
        doc: dict[str, Any] = {"v": self.version, "t": self.server_time}
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
        if self.version >= DOC_VERSION_NO_ECHO:
            if self.need_attachment_seqs:
                doc["att"] = sorted(self.need_attachment_seqs)
            if self.new_versions:
                doc["nv"] = _version_runs(self.new_versions)
        elif self.need_attachments:
            doc["att"] = list(self.need_attachments)
        return compress(_dumps(doc))

    @classmethod
    def decode(cls, body: bytes) -> PushResult:
        doc = loads_json(decompress(body))
        version = doc.get("v") if isinstance(doc, dict) else None
        if not _is_int(version) or version not in DOC_VERSIONS:
            raise MalformedRequest(f"Not a push result of version {list(DOC_VERSIONS)}.")
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
        need_ok = _is_int if version >= DOC_VERSION_NO_ECHO else is_sha256_hex
        if not isinstance(need, list) or not all(need_ok(h) for h in need):
            raise MalformedRequest("Invalid 'att' list in a push result.")
        new_versions = _parse_version_runs(doc.get("nv", []))
        through, server_time = doc.get("thr"), doc.get("t")
        if not _is_int(through) or not _is_int(server_time):
            raise MalformedRequest("A push result needs integer 'thr' and 't'.")
        no_echo = version >= DOC_VERSION_NO_ECHO
        return cls(
            tuple(results),
            through,
            tuple(_parse_ranges(doc.get("m", []), "m")),
            () if no_echo else tuple(need),
            server_time,
            version,
            tuple(new_versions),
            tuple(need) if no_echo else (),
        )

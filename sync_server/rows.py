"""Row shapes of the sync server's database and the small SQL helpers that the repository's
modules share (``sync_server.repository``, ``sync_server.enrollment`` and the others)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from lapang_core.protocol import VOTER_COLUMNS

# echo_device/echo_version (migration 0007_no_echo): the device known to hold this row exactly
# as the server does, at that version, because its own change made it and a v2 push answer told
# it the version; a v2 pull leaves the row out for that device (docs/sync-protocol.md 6).
# echo_version NOT_HELD says the opposite: a refused change left that device's copy different.
ECHO_COLUMNS = ("echo_device", "echo_version")
DB_VOTER_COLUMNS = (*VOTER_COLUMNS, "last_author", "streak_base", *ECHO_COLUMNS)
NOT_HELD = -1


def iso(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="seconds")


def json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def in_chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    # Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
    for start in range(0, len(values), size):
        yield values[start : start + size]


def placeholders(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


@dataclasses.dataclass(frozen=True, slots=True)
class Device:
    id: str
    public_key: str
    area: str
    label: str
    enrolled_at: str
    revoked_at: str | None
    applied_seq: int
    last_seen_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def voter_dict(row: Any) -> dict[str, Any]:
    voter = {c: row[c] for c in DB_VOTER_COLUMNS}
    voter["tms"] = json.loads(voter["tms"]) if voter["tms"] else None
    return voter


def db_voter_row(voter: dict[str, Any]) -> dict[str, Any]:
    """Every stored column of a voter row; a row written without an echo marker has none."""
    return {c: voter.get(c) if c in ECHO_COLUMNS else voter[c] for c in DB_VOTER_COLUMNS}


def voter_values(voter: dict[str, Any], rev: int, now_iso: str) -> list[Any]:
    values = list(db_voter_row(voter).values())
    values[DB_VOTER_COLUMNS.index("tms")] = json_text(voter["tms"]) if voter["tms"] else None
    return [*values, rev, now_iso]


VOTER_INSERT = (
    f"INSERT INTO voters ({', '.join(DB_VOTER_COLUMNS)}, rev, updated_at) "
    f"VALUES ({', '.join('?' * (len(DB_VOTER_COLUMNS) + 2))})"
)
VOTER_UPDATE = (
    "UPDATE voters SET "
    + ", ".join(f"{c} = ?" for c in (*DB_VOTER_COLUMNS[1:], "rev", "updated_at"))
    + " WHERE id = ?"
)

"""The admin listings of the sync server: received changes (also paged, for CSV export),
conflicts, quarantined rejects and change counts by state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sync_server.tx import Transactions

_CHANGE_LIST_LIMIT = 1000


def changes(
    repo: Transactions, *, device_id: str | None = None, state: str | None = None, limit: int = 0
) -> list[dict[str, Any]]:
    where, params = [], []
    if device_id:
        where.append("device_id = ?")
        params.append(device_id)
    if state:
        where.append("state = ?")
        params.append(state)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    limit_sql = f" LIMIT {int(limit)}" if limit else ""
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all(
            f"SELECT * FROM changes {clause} ORDER BY received_at, device_id, seq{limit_sql}",
            params,
        )
    return [dict(row) for row in rows]


def iter_changes(repo: Transactions) -> Iterator[dict[str, Any]]:
    """Every received change, in pages (for CSV export of large tables)."""
    last: tuple[str, int] = ("", 0)
    while True:
        with repo.transaction(write=False) as tx:
            rows = tx.sql.all(
                "SELECT * FROM changes WHERE device_id > ? OR (device_id = ? AND seq > ?) "
                "ORDER BY device_id, seq LIMIT ?",
                (last[0], last[0], last[1], _CHANGE_LIST_LIMIT),
            )
        if not rows:
            return
        for row in rows:
            yield dict(row)
        last = (rows[-1]["device_id"], rows[-1]["seq"])


def conflicts(repo: Transactions) -> list[dict[str, Any]]:
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all("SELECT * FROM conflicts ORDER BY created_at, id")
    return [dict(row) for row in rows]


def rejects(repo: Transactions) -> list[dict[str, Any]]:
    with repo.transaction(write=False) as tx:
        return [dict(r) for r in tx.sql.all("SELECT * FROM rejects ORDER BY received_at")]


def counts(repo: Transactions) -> dict[str, int]:
    with repo.transaction(write=False) as tx:
        return {
            row["state"]: row["n"]
            for row in tx.sql.all("SELECT state, COUNT(*) AS n FROM changes GROUP BY state")
        }

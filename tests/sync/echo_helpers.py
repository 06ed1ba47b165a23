"""Comparing a laptop's voter rows and recruitment outcomes with the server's: what "in step"
means for no echo."""

from __future__ import annotations

import json
import time
from typing import Any

from desktop_app.store import sync_inbox
from desktop_app.store.field_store import FieldStore
from sync_server.repository import Repository
from sync_server.rules import in_area

OUTCOME_COLUMNS = (
    "id",
    "application_no",
    "body",
    "area_code",
    "stage",
    "result",
    "score",
    "note",
    "duplicates",
    "version",
)


def server_rows(repo: Repository, area: str) -> dict[str, dict[str, Any]]:
    """The server's voters of ``area``, in the columns a laptop stores."""
    columns = ", ".join(sync_inbox.PULLED_VOTER_COLUMNS)
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all(f"SELECT {columns} FROM voters")
    return {
        row["id"]: {c: row[c] for c in sync_inbox.PULLED_VOTER_COLUMNS}
        for row in rows
        if in_area(row["tps_id"], area)
    }


def laptop_rows(store: FieldStore, *, exclude: set[str] = frozenset()) -> dict[str, dict[str, Any]]:
    columns = sync_inbox.PULLED_VOTER_COLUMNS
    return {
        row[0]: dict(zip(columns, row, strict=True))
        for row in store.db.execute(f"SELECT {', '.join(columns)} FROM voters")
        if row[0] not in exclude
    }


def differences(laptop: dict[str, dict[str, Any]], server: dict[str, dict[str, Any]]) -> list[str]:
    """Voter ids and columns where the laptop is not what the server holds (ids only: no
    personal data in a failure message)."""
    out = [f"{i}: only on the laptop" for i in laptop.keys() - server.keys()]
    out += [f"{i}: missing on the laptop" for i in server.keys() - laptop.keys()]
    for voter_id in laptop.keys() & server.keys():
        cols = [c for c, v in server[voter_id].items() if laptop[voter_id][c] != v]
        if cols:
            out.append(f"{voter_id}: {', '.join(cols)} differ")
    return sorted(out)


def server_outcomes(repo: Repository, device_id: str) -> dict[str, dict[str, Any]]:
    """The outcomes the server holds for ``device_id``: what a version 1 pull from cursor 0
    would give it now (its area's and its own, duplicates as it may see them)."""
    with repo.transaction(write=False) as tx:
        device = tx.device(device_id)
    assert device is not None
    outcomes, cursor, more = [], 0, True
    while more:
        page = repo.pull_page(device, cursor, 5000, time.time())
        outcomes.extend(page.applications)
        cursor, more = page.cursor, page.more
    return {
        o.id: {
            c: list(o.duplicates) if c == "duplicates" else getattr(o, c) for c in OUTCOME_COLUMNS
        }
        for o in outcomes
    }


def laptop_outcomes(store: FieldStore) -> dict[str, dict[str, Any]]:
    rows = store.db.execute(f"SELECT {', '.join(OUTCOME_COLUMNS)} FROM application_outcomes")
    out = {}
    for row in rows:
        values = dict(zip(OUTCOME_COLUMNS, row, strict=True))
        values["duplicates"] = json.loads(values["duplicates"])
        out[values["id"]] = values
    return out

"""Recruitment outcomes pulled from KPU, and the shortlist of one unit (kecamatan or desa).

The server sends where every application of the device's area stands (``ApplicationOutcome`` on
the wire): the latest stage, its result and score, and the numbers of other applications with
the same NIK anywhere at KPU. An application this laptop took also gets its ``stage`` and
``stage_result`` columns updated, so the applications list shows the outcome; rows taken by
another laptop of the same office are kept only here (no personal data), because a shortlist
ranks everyone in the unit.

A row never goes back in version: a page fetched twice, or out of order, is harmless.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.selection import (
    Candidate,
    NoSelectionRule,
    Placement,
    SelectionRule,
    Stage,
    rank,
    selection_rule,
)

_UPSERT_SQL = (
    "INSERT INTO application_outcomes(id, application_no, body, area_code, stage, result, score, "
    "note, duplicates, version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET application_no = excluded.application_no, "
    "body = excluded.body, area_code = excluded.area_code, stage = excluded.stage, "
    "result = excluded.result, score = excluded.score, note = excluded.note, "
    "duplicates = excluded.duplicates, version = excluded.version, "
    "received_at = excluded.received_at WHERE excluded.version >= application_outcomes.version"
)
# Only submitted applications take KPU's outcome; a draft with a colliding id never would.
_LOCAL_SQL = (
    "UPDATE applications SET (stage, stage_result) = "
    "(SELECT stage, result FROM application_outcomes WHERE id = ?) "
    "WHERE id = ? AND state = 'submitted'"
)


def store_outcomes(db: sqlite_utils.Database, outcomes: Iterable[dict[str, Any]], at: str) -> int:
    """Upsert pulled outcomes (plain dicts with the wire's field names); returns how many rows
    changed. Run inside the pull page's transaction."""
    count = 0
    for o in outcomes:
        if o["body"] not in AdhocBody.__members__:
            continue  # a body a newer server knows and this app does not: nothing to show it as
        before = db.conn.total_changes
        db.conn.execute(
            _UPSERT_SQL,
            (
                o["id"],
                o["application_no"],
                o["body"],
                o["area_code"],
                o["stage"],
                o["result"],
                o["score"],
                o["note"] or "",
                json.dumps(list(o["duplicates"]), ensure_ascii=False),
                o["version"],
                at,
            ),
        )
        if db.conn.total_changes > before:
            count += 1
            db.conn.execute(_LOCAL_SQL, (o["id"], o["id"]))
    return count


# How KPU holds an application until it decides anything: the registration stage, no result,
# no score, no note (``as_written``). A row in that state is a form arriving, not a decision.
_UNDECIDED = (Stage.REGISTRATION.value, None, None, "")
_ID_BATCH = 500  # well under SQLite's bound-parameter limit


def _decision(o: dict[str, Any]) -> tuple[Any, ...]:
    return (o["stage"], o["result"], o["score"], o["note"] or "")


def count_decisions(db: sqlite_utils.Database, outcomes: Sequence[dict[str, Any]]) -> int:
    """Of pulled outcomes (the wire's field names), those that bring a decision of KPU's the
    laptop did not hold: a stage, result, score or note other than what it had (a decision
    reversed counts too), or a decided application it did not have at all. An application
    arriving undecided is not one (another laptop's form, or this laptop's own coming back
    from an older server), nor is a row older than the one held. Call it before
    ``store_outcomes``: it compares with what is stored."""
    rows = [o for o in outcomes if o["body"] in AdhocBody.__members__]
    held: dict[str, tuple[int, tuple[Any, ...]]] = {}
    ids = [o["id"] for o in rows]
    for start in range(0, len(ids), _ID_BATCH):
        batch = ids[start : start + _ID_BATCH]
        for found in db.execute(
            "SELECT id, version, stage, result, score, note FROM application_outcomes "
            f"WHERE id IN ({', '.join('?' * len(batch))})",
            batch,
        ):
            held[found[0]] = (found[1], tuple(found[2:]))
    count = 0
    for o in rows:
        local = held.get(o["id"])
        if local is None:
            count += _decision(o) != _UNDECIDED
        elif o["version"] >= local[0] and _decision(o) != local[1]:
            count += 1
    return count


def as_written(application_id: str, payload: dict[str, Any], version: int) -> dict[str, Any]:
    """The outcome KPU holds of this laptop's own submission when a push answer (protocol v3)
    tells its version: what the laptop sent, at the registration stage, undecided, with no
    duplicate. The server tells a version only when its row is exactly this
    (``sync_server.applications.as_written``); otherwise the pull brings the row."""
    return {
        "id": application_id,
        "application_no": payload["application_no"],
        "body": payload["body"],
        "area_code": payload["area_code"],
        "stage": Stage.REGISTRATION.value,
        "result": None,
        "score": None,
        "note": "",
        "duplicates": (),
        "version": version,
    }


@dataclasses.dataclass(frozen=True)
class Outcome:
    id: str
    application_no: str
    body: AdhocBody
    area_code: str
    stage: Stage
    result: str | None
    score: float | None
    note: str
    duplicates: tuple[str, ...]
    local: bool  # taken on this laptop (its applicant can be shown)
    nama: str  # the applicant's name when local, else ""


_SELECT = (
    "SELECT o.id, o.application_no, o.body, o.area_code, o.stage, o.result, o.score, o.note, "
    "o.duplicates, a.id IS NOT NULL, coalesce(a.nama, '') FROM application_outcomes o "
    "LEFT JOIN applications a ON a.id = o.id AND a.state = 'submitted'"
)


def _outcome(row: tuple[Any, ...]) -> Outcome:
    stage = Stage(row[4]) if row[4] in Stage._value2member_map_ else Stage.REGISTRATION
    return Outcome(
        row[0],
        row[1],
        AdhocBody[row[2]],
        row[3],
        stage,
        row[5],
        row[6],
        row[7],
        tuple(json.loads(row[8])),
        bool(row[9]),
        row[10],
    )


def outcome_of(db: sqlite_utils.Database, application_id: str) -> Outcome | None:
    row = db.execute(f"{_SELECT} WHERE o.id = ?", [application_id]).fetchone()
    return _outcome(row) if row else None


def outcomes_by_id(db: sqlite_utils.Database) -> dict[str, Outcome]:
    return {o.id: o for o in map(_outcome, db.execute(_SELECT).fetchall())}


@dataclasses.dataclass(frozen=True)
class Unit:
    body: AdhocBody
    area_code: str
    applications: int


def units(db: sqlite_utils.Database) -> list[Unit]:
    """The (body, area) pairs KPU has sent outcomes for, for the shortlist picker."""
    rows = db.execute(
        "SELECT body, area_code, count(*) FROM application_outcomes "
        "WHERE body IN ('PPK', 'PPS', 'KPPS', 'PANTARLIH') GROUP BY body, area_code "
        "ORDER BY body, area_code"
    ).fetchall()
    return [Unit(AdhocBody[b], a, n) for b, a, n in rows]


@dataclasses.dataclass(frozen=True)
class ShortlistRow:
    outcome: Outcome
    preview: Placement | None  # where the pending scores would place it; None once decided


@dataclasses.dataclass(frozen=True)
class UnitShortlist:
    body: AdhocBody
    area_code: str
    rule: SelectionRule | None  # the ranking a preview follows; None when nothing is pending
    rows: tuple[ShortlistRow, ...]


def _pending_rule(body: AdhocBody, outcomes: list[Outcome]) -> SelectionRule | None:
    """The next ranking KPU will decide: scores entered at the interview (or the written test)
    with no result yet."""
    for decided in (Stage.ANNOUNCEMENT, Stage.WRITTEN_TEST):
        try:
            rule = selection_rule(body, decided)
        except NoSelectionRule:
            return None
        if any(
            o.stage is rule.score_stage and o.result is None and o.score is not None
            for o in outcomes
        ):
            return rule
    return None


def _sort_key(row: ShortlistRow) -> tuple[Any, ...]:
    o = row.outcome
    result_order = {"appointed": 0, "passed": 1, "reserve": 2, None: 3, "failed": 4}
    preview_rank = row.preview.rank if row.preview else 1_000_000
    return (
        -o.stage.order,
        preview_rank,
        result_order.get(o.result, 3),
        -(o.score if o.score is not None else -1.0),
        o.application_no,
    )


def unit_shortlist(db: sqlite_utils.Database, body: AdhocBody, area_code: str) -> UnitShortlist:
    """Everyone in the unit as KPU last decided, furthest stage first. While scores of a
    ranked stage are in but KPU has not decided yet, each scored candidate also gets the place
    the published rule would give it (a preview: KPU's decision is what counts)."""
    rows = db.execute(
        f"{_SELECT} WHERE o.body = ? AND o.area_code = ?", [body.name, area_code]
    ).fetchall()
    outcomes = [_outcome(r) for r in rows]
    rule = _pending_rule(body, outcomes)
    previews: dict[str, Placement] = {}
    if rule is not None:
        pending = [
            o
            for o in outcomes
            if o.stage is rule.score_stage and o.result is None and o.score is not None
        ]
        candidates = [Candidate(o.application_no, o.score, o.application_no) for o in pending]
        previews = {p.application_no: p for p in rank(rule, candidates)}
    shortlist = [ShortlistRow(o, previews.get(o.application_no)) for o in outcomes]
    shortlist.sort(key=_sort_key)
    return UnitShortlist(body, area_code, rule, tuple(shortlist))

"""KPU's recruitment decisions: a stage, result and score recorded for one application, a file
of them imported at once, and the shortlists ranked from the scores.

Every decision is a row of ``application_decisions`` (the history: what, when, from where);
the application row carries the latest one and a new rev, so the devices concerned pull it.

Who takes part in a shortlist (``shortlist``): the applications to the body whose working
area lies in the given area and whose **latest administrative-check decision is passed**,
without a failed latest decision at any stage after the administrative check and before the
stage being decided. So the written-test ranking takes every applicant who passed the
administrative check, and the announcement ranking only those not failed at the written test,
public input or interview. Each unit (the kecamatan for PPK, the desa for PPS: the
application's working area) is ranked on its own, on the latest score recorded at the rule's
score stage.
"""

from __future__ import annotations

import dataclasses
import json
import math
import uuid
from collections.abc import Sequence
from typing import Any

from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.selection import (
    Candidate,
    MissingScores,
    Placement,
    SelectionError,
    SelectionRule,
    Stage,
    StageResult,
    rank,
    results_for,
    selection_rule,
    stages_for,
)
from sync_server.applications import (
    area_clause,
    checked_area,
    checked_body,
    checked_stage,
    find_application,
)
from sync_server.errors import AdminError
from sync_server.repository import Repository, Tx, iso

SOURCE_CLI = "cli"
SOURCE_IMPORT = "import"
SOURCE_SHORTLIST = "shortlist"
# The note travels to every device of the area; a paragraph is plenty.
MAX_NOTE = 500
MIN_SCORE, MAX_SCORE = 0.0, 100.0


@dataclasses.dataclass(frozen=True, slots=True)
class Decision:
    stage: Stage
    result: StageResult | None
    score: float | None
    note: str


def _parse_score(text: str | float | None) -> float | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    raw = text.strip() if isinstance(text, str) else text
    if isinstance(raw, str) and "," in raw and "." not in raw:
        raw = raw.replace(",", ".")  # 78,5 from a spreadsheet in an Indonesian locale
    try:
        score = float(raw)
    except ValueError:
        score = math.nan
    if not math.isfinite(score) or not MIN_SCORE <= score <= MAX_SCORE:
        raise AdminError(f"The score must be a number from 0 to 100, not {text!r}.")
    return score


def check_decision(
    body: AdhocBody, stage: str, result: str | None, score: str | float | None, note: str | None
) -> Decision:
    """The decision as typed, checked against the body's stages. Raises ``AdminError``."""
    parsed_stage = checked_stage(stage)
    own = stages_for(body)
    if parsed_stage not in own:
        raise AdminError(
            f"{body.name} applications have no {parsed_stage.value} stage; theirs are "
            f"{', '.join(s.value for s in own)}."
        )
    parsed_result = None
    if result and result.strip():
        allowed = results_for(parsed_stage)
        try:
            parsed_result = StageResult(result.strip().lower())
        except ValueError:
            parsed_result = None
        if parsed_result not in allowed:
            if not allowed:
                raise AdminError(f"The {parsed_stage.value} stage records no result.")
            raise AdminError(
                f"The {parsed_stage.value} stage records {', '.join(r.value for r in allowed)}, "
                f"not {result.strip()!r}."
            )
    parsed_score = _parse_score(score)
    if parsed_score is not None and parsed_stage is Stage.REGISTRATION:
        raise AdminError("The registration stage has no score.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise AdminError(f"The note is {len(note)} characters; keep it under {MAX_NOTE}.")
    return Decision(parsed_stage, parsed_result, parsed_score, note)


def _record(
    tx: Tx, application_id: str, version: int, decision: Decision, source: str, now_iso: str
) -> None:
    """Record ``decision`` as the application's version ``version``."""
    result = decision.result.value if decision.result else None
    tx.sql.run(
        "INSERT INTO application_decisions (id, application_id, stage, result, score, note, "
        "version, decided_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uuid.uuid4().hex,
            application_id,
            decision.stage.value,
            result,
            decision.score,
            decision.note,
            version,
            now_iso,
            source,
        ),
    )
    tx.sql.run(
        "UPDATE applications SET stage = ?, result = ?, score = ?, note = ?, version = ?, "
        "rev = ?, updated_at = ? WHERE id = ?",
        (
            decision.stage.value,
            result,
            decision.score,
            decision.note,
            version,
            tx.next_revs(1),
            now_iso,
            application_id,
        ),
    )


def _body_of(row: Any) -> AdhocBody:
    try:
        return AdhocBody[row["body"]]
    except KeyError:
        raise AdminError(
            f"Application {row['application_no'] or row['id']} names no known body."
        ) from None


def set_stage(
    repo: Repository,
    ref: str,
    stage: str,
    *,
    result: str | None = None,
    score: str | float | None = None,
    note: str | None = None,
    now: float,
) -> tuple[str, Decision]:
    """Record one decision for the application numbered ``ref`` (or with that id); return its
    number and the decision recorded."""

    def work(tx: Tx) -> tuple[str, Decision]:
        row = find_application(tx, ref, lock=True)
        decision = check_decision(_body_of(row), stage, result, score, note)
        _record(tx, row["id"], row["version"] + 1, decision, SOURCE_CLI, iso(now))
        return row["application_no"], decision

    return repo.write(work)


@dataclasses.dataclass(frozen=True, slots=True)
class StageLine:
    """One line of an import file, as read (checked by ``import_stages``)."""

    line: int
    application_no: str
    stage: str
    result: str
    score: str
    note: str


def import_stages(repo: Repository, lines: Sequence[StageLine], now: float) -> int:
    """Record every line's decision in file order, or nothing: any bad line raises
    ``AdminError`` listing each bad line with its number. Returns the decisions recorded."""
    if not lines:
        raise AdminError("The file has no decisions.")

    def work(tx: Tx) -> int:
        problems: list[str] = []
        checked: list[tuple[Any, Decision]] = []
        seen: dict[tuple[str, Stage], int] = {}
        for line in lines:
            try:
                row = find_application(tx, line.application_no, lock=True)
                decision = check_decision(
                    _body_of(row), line.stage, line.result, line.score, line.note
                )
            except AdminError as exc:
                problems.append(f"line {line.line}: {exc}")
                continue
            first = seen.setdefault((row["id"], decision.stage), line.line)
            if first != line.line:
                problems.append(
                    f"line {line.line}: {line.application_no} already has a "
                    f"{decision.stage.value} decision on line {first}; keep one."
                )
                continue
            checked.append((row, decision))
        if problems:
            shown = "\n  ".join(problems[:20])
            more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise AdminError(f"Nothing imported, {len(problems)} bad line(s):\n  {shown}{more}")
        versions: dict[str, int] = {}
        for row, decision in checked:
            version = versions.get(row["id"], row["version"]) + 1
            versions[row["id"]] = version
            _record(tx, row["id"], version, decision, SOURCE_IMPORT, iso(now))
        return len(checked)

    return repo.write(work)


# --- shortlists ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class RankedUnit:
    area_code: str
    placements: tuple[Placement, ...]
    duplicates: dict[str, tuple[str, ...]]  # application_no -> other applications, same NIK


@dataclasses.dataclass(frozen=True, slots=True)
class Shortlist:
    rule: SelectionRule
    units: tuple[RankedUnit, ...]
    recorded: int  # decisions written (0 without apply, or when nothing changed)


def _eligible(latest: dict[Stage, StageResult | None], decided: Stage) -> bool:
    if latest.get(Stage.ADMINISTRATIVE_CHECK) is not StageResult.PASSED:
        return False
    between = (s for s in Stage if Stage.ADMINISTRATIVE_CHECK.order < s.order < decided.order)
    return all(latest.get(s) is not StageResult.FAILED for s in between)


def _candidates(
    tx: Tx, area: str, body: AdhocBody, rule: SelectionRule, *, lock: bool
) -> tuple[dict[str, list[Candidate]], dict[str, Any]]:
    """Eligible candidates by unit, and the application rows by number. ``lock``: the rows
    stay locked until COMMIT (the decisions are written from what was read)."""
    where, params = area_clause(area, "a.area_code")
    apps = {
        row["id"]: row
        for row in tx.sql.all(
            "SELECT a.id, a.application_no, a.area_code, a.received_at, a.stage, a.result, "
            "a.score, a.note, a.version, a.duplicates FROM applications a "
            f"WHERE a.body = ? AND {where} ORDER BY a.id{tx.sql.for_update if lock else ''}",
            (body.name, *params),
        )
    }
    latest: dict[str, dict[Stage, StageResult | None]] = {app_id: {} for app_id in apps}
    scores: dict[str, float] = {}
    for row in tx.sql.all(
        "SELECT d.application_id, d.stage, d.result, d.score FROM application_decisions d "
        f"JOIN applications a ON a.id = d.application_id WHERE a.body = ? AND {where} "
        "ORDER BY d.application_id, d.version",
        (body.name, *params),
    ):
        stage = Stage(row["stage"])
        latest[row["application_id"]][stage] = StageResult(row["result"]) if row["result"] else None
        if stage is rule.score_stage and row["score"] is not None:
            scores[row["application_id"]] = float(row["score"])
    units: dict[str, list[Candidate]] = {}
    by_no: dict[str, Any] = {}
    for app_id, row in apps.items():
        if not _eligible(latest[app_id], rule.decided_stage):
            continue
        candidate = Candidate(row["application_no"], scores.get(app_id), row["received_at"])
        units.setdefault(row["area_code"], []).append(candidate)
        by_no[row["application_no"]] = row
    return units, by_no


def _note(placement: Placement, size: int, rule: SelectionRule) -> str:
    note = f"rank {placement.rank} of {size}"
    if rule.score_stage is not rule.decided_stage:
        note += f", {rule.score_stage.value} score {placement.score:g}"
    return note + (", tied at the cut-off" if placement.tied else "")


def shortlist(
    repo: Repository, area: str, body: str, stage: str, *, apply: bool, now: float
) -> Shortlist:
    """Rank each unit in ``area`` under the rule that decides ``stage`` for ``body``; with
    ``apply``, record every placement as a decision at the rule's decided stage, all in one
    transaction. Raises ``AdminError`` (nothing written) when there is no rule, nobody to
    rank, or a candidate without a score."""
    parsed_body = checked_body(body)
    try:
        rule = selection_rule(parsed_body, checked_stage(stage))
    except SelectionError as exc:
        raise AdminError(str(exc)) from None
    area = checked_area(area)

    def work(tx: Tx) -> Shortlist:
        units, rows = _candidates(tx, area, parsed_body, rule, lock=apply)
        if not units:
            raise AdminError(
                f"No {parsed_body.name} application in {area} has passed the administrative "
                "check (and not failed since); nothing to rank."
            )
        missing = sorted(c.application_no for cs in units.values() for c in cs if c.score is None)
        if missing:
            raise AdminError(f"Nothing ranked: {MissingScores(missing, rule.score_stage)}")
        ranked = []
        recorded = 0
        for area_code in sorted(units):
            placements = rank(rule, units[area_code])
            duplicates = {}
            for placement in placements:
                row = rows[placement.application_no]
                others = tuple(str(v) for v in json.loads(row["duplicates"]))
                if others:
                    duplicates[placement.application_no] = others
                if apply:
                    recorded += _apply(tx, row, placement, len(placements), rule, iso(now))
            ranked.append(RankedUnit(area_code, tuple(placements), duplicates))
        return Shortlist(rule, tuple(ranked), recorded)

    if apply:
        return repo.write(work)
    with repo.transaction(write=False) as tx:
        return work(tx)


def _apply(
    tx: Tx, row: Any, placement: Placement, size: int, rule: SelectionRule, now_iso: str
) -> int:
    score = placement.score if rule.score_stage is rule.decided_stage else None
    decision = Decision(rule.decided_stage, placement.result, score, _note(placement, size, rule))
    current = (row["stage"], row["result"], row["score"], row["note"])
    wanted = (decision.stage.value, placement.result.value, score, decision.note)
    if current == wanted:  # applied before with the same outcome: no new rev for devices
        return 0
    _record(tx, row["id"], row["version"] + 1, decision, SOURCE_SHORTLIST, now_iso)
    return 1

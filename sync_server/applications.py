"""Applications to the ad hoc bodies (PPK, PPS, KPPS, Pantarlih) at the server: receiving a
submission, the outcome rows devices pull, and KPU's listing.

A submission fills the columns KPU filters and ranks on (number, body, working area, NIK,
first receipt) and starts at the registration stage; a later submission of the same id
replaces the form but never the stage KPU recorded. Applications that share a NIK list each
other's numbers in ``duplicates`` (any body, any device) and get a new rev, so every device
concerned learns of the other application on its next pull. KPU's decisions are in
``sync_server.decisions``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import TYPE_CHECKING, Any

from desktop_app.domain.recruitment import AdhocBody
from desktop_app.domain.region import InvalidRegionCode, normalize_region_code
from desktop_app.domain.selection import Stage, StageResult
from desktop_app.sync.protocol import ENTITY_APPLICATION, ApplicationOutcome, Change
from sync_server import rules
from sync_server.errors import AdminError

if TYPE_CHECKING:  # repository imports this module (through sync_server.pull)
    from sync_server.repository import Device, Repository, Tx

# Namespace of the NIK key locks (the first int of the two-int advisory key).
_NIK_LOCK_SPACE = 0x4E494B  # "NIK"
_OUTCOME_SELECT = (
    "SELECT rev, id, application_no, body, area_code, stage, result, score, note, duplicates, "
    "version FROM applications"
)
_RECORD_COLUMNS = (
    "id, device_id, payload, version, updated_at, application_no, body, area_code, nik, "
    "received_at, stage, result, score, note, duplicates"
)


def area_clause(area: str, column: str = "area_code") -> tuple[str, tuple[str, ...]]:
    """SQL matching ``column`` inside ``area`` (the area itself or any code below it); a TPS
    area matches exactly itself. Codes compare bytewise (schema: COLLATE "C")."""
    if area.count(".") == 4:
        return f"{column} = ?", (area,)
    # '/' sorts right after '.': [area + ".", area + "/") is everything below the area.
    return f"({column} = ? OR ({column} >= ? AND {column} < ?))", (area, area + ".", area + "/")


def checked_area(text: str) -> str:
    try:
        return normalize_region_code(text)
    except InvalidRegionCode as exc:
        raise AdminError(str(exc)) from None


def checked_body(text: str) -> AdhocBody:
    try:
        return AdhocBody[text.strip().upper()]
    except KeyError:
        raise AdminError(
            f"Unknown body {text!r}; use one of {', '.join(AdhocBody.__members__)}."
        ) from None


def checked_stage(text: str) -> Stage:
    try:
        return Stage(text.strip().lower())
    except ValueError:
        raise AdminError(
            f"Unknown stage {text!r}; stages are {', '.join(s.value for s in Stage)}."
        ) from None


def checked_result(text: str) -> StageResult:
    try:
        return StageResult(text.strip().lower())
    except ValueError:
        raise AdminError(
            f"Unknown result {text!r}; results are {', '.join(r.value for r in StageResult)}."
        ) from None


# --- receiving ----------------------------------------------------------------------------


def _submitted_nik(payload: dict[str, Any]) -> str | None:
    form = payload.get("form")
    nik = form.get("nik") if isinstance(form, dict) else None
    return nik.strip() or None if isinstance(nik, str) else None


def lock_niks(tx: Tx, niks: set[str]) -> None:
    """Hold these NIKs until COMMIT. Two devices submitting the same NIK at once (PostgreSQL,
    two transactions) would otherwise each miss the other's uncommitted row and neither would
    be flagged; a row lock cannot cover a row that does not exist yet. Keys in sorted order, so
    two batches wait for each other instead of deadlocking. SQLite: writers take turns anyway."""
    statement = tx.sql.dialect.key_lock
    if not statement:
        return
    keys = {
        int.from_bytes(hashlib.sha256(nik.encode()).digest()[:4], "big", signed=True)
        for nik in niks
    }
    for key in sorted(keys):
        tx.sql.run(statement, (_NIK_LOCK_SPACE, key))


def record_submission(tx: Tx, change: Change, device_id: str, now_iso: str) -> None:
    """Store an ``application.submit``. Raises ``Refusal`` for a payload this server cannot
    file (checked on arrival too; again here for changes held since before an upgrade)."""
    payload = change.payload
    rules.check_application(payload)
    nik = _submitted_nik(payload)
    if nik:
        lock_niks(tx, {nik})
    current = tx.sql.one(
        f"SELECT nik FROM applications WHERE id = ?{tx.sql.for_update}",
        (change.entity_id,),
    )
    fields = (
        json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True),
        now_iso,
        payload["application_no"].strip(),
        payload["body"],
        normalize_region_code(payload["area_code"]),
        nik,
    )
    rev = tx.next_revs(1)
    if current is None:
        tx.sql.run(
            f"INSERT INTO applications ({_RECORD_COLUMNS}, rev) VALUES "
            "(?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '', '[]', ?)",
            (change.entity_id, device_id, *fields, now_iso, Stage.REGISTRATION.value, rev),
        )
        touched = {nik}
    else:
        # A resubmission replaces the form; the stage, result and score KPU recorded stay.
        tx.sql.run(
            "UPDATE applications SET payload = ?, updated_at = ?, application_no = ?, body = ?, "
            "area_code = ?, nik = ?, version = version + 1, rev = ? WHERE id = ?",
            (*fields, rev, change.entity_id),
        )
        touched = {nik, current["nik"]}
        if current["nik"] and current["nik"] != nik:
            lock_niks(tx, {current["nik"]})
    refresh_duplicates(tx, {n for n in touched if n})


def refresh_duplicates(tx: Tx, niks: set[str]) -> None:
    """Make ``duplicates`` right for every application with one of these NIKs; a row whose list
    changed gets a new version and rev (its device learns of the other application)."""
    for nik in sorted(niks):
        rows = tx.sql.all(
            f"SELECT id, application_no, duplicates FROM applications WHERE nik = ?"
            f"{tx.sql.for_update}",
            (nik,),
        )
        for row in rows:
            others = sorted(
                {r["application_no"] for r in rows if r["id"] != row["id"] and r["application_no"]}
            )
            if json.loads(row["duplicates"]) != others:
                tx.sql.run(
                    "UPDATE applications SET duplicates = ?, version = version + 1, rev = ? "
                    "WHERE id = ?",
                    (json.dumps(others, separators=(",", ":")), tx.next_revs(1), row["id"]),
                )


def attachment_refs(change: Change) -> list[str]:
    """The document files an application names (document -> SHA-256)."""
    if change.entity != ENTITY_APPLICATION:
        return []
    attachments = change.payload.get("attachments")
    if not isinstance(attachments, dict):
        return []
    return [sha for sha in attachments.values() if isinstance(sha, str)]


# --- pull ---------------------------------------------------------------------------------


def outcomes_since(
    tx: Tx, device: Device, cursor: int, fetch: int
) -> list[tuple[int, ApplicationOutcome]]:
    """Outcomes with rev > ``cursor`` for applications whose working area lies in the device's
    area (a TPS device: exactly its TPS), or that this device submitted; oldest first."""
    where, params = area_clause(device.area)
    rows = tx.sql.all(
        f"{_OUTCOME_SELECT} WHERE rev > ? AND ({where} OR device_id = ?) ORDER BY rev LIMIT ?",
        (cursor, *params, device.id, fetch),
    )
    return [(row["rev"], _outcome(row)) for row in rows]


def _outcome(row: Any) -> ApplicationOutcome:
    return ApplicationOutcome(
        id=row["id"],
        application_no=row["application_no"] or "",
        body=row["body"] or "",
        area_code=row["area_code"] or "",
        stage=row["stage"],
        result=row["result"],
        score=None if row["score"] is None else float(row["score"]),
        note=row["note"],
        duplicates=tuple(json.loads(row["duplicates"])),
        version=row["version"],
    )


# --- KPU's listing ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ApplicationRecord:
    """An application as KPU lists and exports it. ``form`` holds personal data: never log it."""

    id: str
    application_no: str
    body: str
    area_code: str
    device_id: str
    received_at: str
    stage: str
    result: str | None
    score: float | None
    note: str
    duplicates: tuple[str, ...]
    version: int
    updated_at: str
    payload: dict[str, Any]

    @property
    def form(self) -> dict[str, Any]:
        form = self.payload.get("form")
        return form if isinstance(form, dict) else {}

    @property
    def nik(self) -> str:
        nik = self.form.get("nik")
        return nik.strip() if isinstance(nik, str) else ""

    @property
    def nama(self) -> str:
        nama = self.form.get("nama")
        return nama.strip() if isinstance(nama, str) else ""


def mask_nik(nik: str) -> str:
    """First 4 and last 2 digits shown (province and kabupaten of first registration, enough to
    tell two applicants apart on a call): 6101**********01."""
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


def _record(row: Any) -> ApplicationRecord:
    outcome = _outcome(row)
    return ApplicationRecord(
        **{f.name: getattr(outcome, f.name) for f in dataclasses.fields(outcome)},
        device_id=row["device_id"],
        received_at=row["received_at"],
        updated_at=row["updated_at"],
        payload=json.loads(row["payload"]),
    )


def list_applications(
    repo: Repository,
    *,
    area: str | None = None,
    body: str | None = None,
    stage: str | None = None,
    result: str | None = None,
) -> list[ApplicationRecord]:
    """Applications matching every filter given, by area, body and number."""
    where: list[str] = []
    params: list[Any] = []
    if area:
        clause, values = area_clause(checked_area(area))
        where.append(clause)
        params.extend(values)
    if body:
        where.append("body = ?")
        params.append(checked_body(body).name)
    if stage:
        where.append("stage = ?")
        params.append(checked_stage(stage).value)
    if result:
        where.append("result = ?")
        params.append(checked_result(result).value)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    with repo.transaction(write=False) as tx:
        rows = tx.sql.all(
            f"SELECT {_RECORD_COLUMNS}, rev FROM applications{clause} "
            "ORDER BY area_code, body, application_no, id",
            params,
        )
    return [_record(row) for row in rows]


def find_application(tx: Tx, ref: str, *, lock: bool = False) -> Any:
    """The application row with this number (or id). Raises ``AdminError`` if there is none,
    or if two applications share the number (then the id tells them apart)."""
    ref = ref.strip()
    if not ref:
        raise AdminError("Give the application number.")
    suffix = tx.sql.for_update if lock else ""
    rows = tx.sql.all(
        f"SELECT id, application_no, body, stage, result, score, note, version FROM applications "
        f"WHERE application_no = ? OR id = ?{suffix}",
        (ref, ref.lower()),
    )
    if not rows:
        raise AdminError(f"No application {ref}; list them with `applications`.")
    if len(rows) > 1:
        ids = ", ".join(sorted(row["id"] for row in rows))
        raise AdminError(f"Several applications have the number {ref}; give the id instead: {ids}.")
    return rows[0]

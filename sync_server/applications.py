"""Applications to the ad hoc bodies (PPK, PPS, KPPS, Pantarlih) at the server: receiving a
submission, the outcome rows devices pull, and KPU's listing.

A submission fills the columns KPU filters and ranks on (number, body, working area, NIK,
first receipt) and starts at the registration stage. The device that first submitted an
application owns it (``device_id``) and its number (``application_numbers``): only that device
may resubmit it, which replaces the form, and only until KPU records a decision beyond
registration. A device files applications only where it works. Applications that share a NIK
list each other's numbers in ``duplicates`` (any body, any device) for KPU; a device pulls only
the numbers of applications it receives itself. KPU's decisions are in
``sync_server.decisions``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from lapang_core.domain.recruitment import (
    AdhocBody,
    ApplicationNumberCheckFailed,
    InvalidApplicationNumber,
    format_application_no,
)
from lapang_core.domain.region import InvalidRegionCode, normalize_region_code
from lapang_core.domain.selection import Stage, StageResult
from lapang_core.protocol import ENTITY_APPLICATION, ApplicationOutcome, Change
from sync_server import rules
from sync_server.errors import AdminError
from sync_server.rows import NOT_HELD, Device, in_chunks, placeholders
from sync_server.rules import Refusal
from sync_server.tx import Transactions, Tx

# Namespace of the NIK key locks (the first int of the two-int advisory key).
_NIK_LOCK_SPACE = 0x4E494B  # "NIK"
_OUTCOME_SELECT = (
    "SELECT rev, id, application_no, body, area_code, stage, result, score, note, duplicates, "
    "version, nik FROM applications"
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


@dataclasses.dataclass(frozen=True, slots=True)
class _Filed:
    """Where an application works and which device owns it: who may see its number."""

    area_code: str
    device_id: str


def record_submission(
    tx: Tx, change: Change, device: Device, now_iso: str, *, told: bool = False
) -> None:
    """Store an ``application.submit``. Raises ``Refusal`` for a payload this server cannot
    file (checked on arrival too; again here for changes held since before an upgrade), for a
    working area outside the device's (``outside_area``), for a number another application
    holds (``number_taken``), and for a resubmission by another device (``not_owner``) or after
    KPU decided beyond registration (``application_decided``). Every check comes before the
    first write, so a refusal leaves the application as it was.

    ``told``: the push answer will tell the device the outcome's version (protocol v3), so the
    outcome is marked as held by it when it is exactly what the device wrote (``_mark_echo``)."""
    payload = change.payload
    rules.check_application(payload)
    number = payload["application_no"].strip()
    area = normalize_region_code(payload["area_code"])
    rules.check_application_area(payload["body"], area, device.area)
    nik = _submitted_nik(payload)
    if nik:
        lock_niks(tx, {nik})
    current = tx.sql.one(
        f"SELECT nik, device_id, application_no, area_code FROM applications WHERE id = ?"
        f"{tx.sql.for_update}",
        (change.entity_id,),
    )
    if current is None:
        _claim_number(tx, number, change.entity_id, device.id, now_iso)
    else:
        _check_resubmission(tx, change.entity_id, current, device.id, number)
    fields = (
        json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True),
        now_iso,
        number,
        payload["body"],
        area,
        nik,
    )
    rev = tx.next_revs(1)
    if current is None:
        tx.sql.run(
            f"INSERT INTO applications ({_RECORD_COLUMNS}, rev) VALUES "
            "(?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '', '[]', ?)",
            (change.entity_id, device.id, *fields, now_iso, Stage.REGISTRATION.value, rev),
        )
        refresh_duplicates(tx, {nik} if nik else set())
        _mark_echo(tx, change, device, told)
        return
    # The owner's resubmission before KPU decided anything: the form is replaced; the device
    # credited (the owner) and the stage stay.
    tx.sql.run(
        "UPDATE applications SET payload = ?, updated_at = ?, application_no = ?, body = ?, "
        "area_code = ?, nik = ?, version = version + 1, rev = ?, echo_device = NULL, "
        "echo_version = NULL WHERE id = ?",
        (*fields, rev, change.entity_id),
    )
    touched = {n for n in (nik, current["nik"]) if n}
    if current["nik"] and current["nik"] != nik:
        lock_niks(tx, {current["nik"]})
    # The old NIK's applications lose this one, which worked where it worked before.
    departed = {number: _Filed(current["area_code"] or "", current["device_id"])}
    refresh_duplicates(tx, touched, departed)
    _mark_echo(tx, change, device, told)


def as_written(change: Change) -> ApplicationOutcome:
    """The outcome a device holds of its own ``application.submit`` once told its version
    (version 0 here): what it sent, at the registration stage, undecided, with no duplicate it
    could see. The desk writes the same row (desktop_app.store.application_outcomes)."""
    payload = change.payload
    return ApplicationOutcome(
        id=change.entity_id,
        application_no=payload["application_no"],
        body=payload["body"],
        area_code=payload["area_code"],
        stage=Stage.REGISTRATION.value,
        result=None,
        score=None,
        note="",
        duplicates=(),
        version=0,
    )


def _mark_echo(tx: Tx, change: Change, device: Device, told: bool) -> None:
    """Mark the application as held by ``device`` at its version when the answer tells the
    device that version and the outcome the device would pull is exactly what it wrote: a
    number or area the server normalised, a stage or note KPU kept from before, or a duplicate
    the device can see leaves no marker, and the pull brings the row back. Any later write
    moves the version on, so the marker stops holding by itself."""
    if told and _holds_as_written(tx, change, device) is not None:
        tx.sql.run(
            "UPDATE applications SET echo_device = ?, echo_version = version WHERE id = ?",
            (device.id, change.entity_id),
        )


def _holds_as_written(tx: Tx, change: Change, device: Device) -> int | None:
    """The row's version when the outcome ``device`` would pull of it is ``change`` as written
    (``as_written``), else None."""
    row = tx.sql.one(f"{_OUTCOME_SELECT} WHERE id = ?", (change.entity_id,))
    if row is None:
        return None
    visible = _visible_duplicates(tx, device, [row]).get(row["id"], ())
    if dataclasses.replace(_outcome(row, visible), version=0) != as_written(change):
        return None
    return int(row["version"])


def copy_differs(tx: Tx, device: Device, application_id: str) -> None:
    """A change of ``device`` to an application marked for it was refused, or its marker was
    given up: whatever the device made of it, the row is sent to it again (a new rev, no
    marker)."""
    if tx.sql.one(
        "SELECT 1 FROM applications WHERE id = ? AND echo_device = ?", (application_id, device.id)
    ):
        tx.sql.run(
            "UPDATE applications SET echo_device = NULL, echo_version = NULL, rev = ? WHERE id = ?",
            (tx.next_revs(1), application_id),
        )


def told_versions(
    tx: Tx, device: Device, changes: list[Change], duplicates: set[int]
) -> dict[int, int]:
    """seq -> outcome version, for the application changes of one answer whose outcome the
    device holds as written, at the version marked as held by it (what a v3 ``nv`` tells). A
    duplicate (its first answer was lost) is told again while that still holds; of several
    submits of one application in the answer, only the last. A marker that no longer holds is
    given up, so the pull sends the row."""
    last = {change.entity_id: change for change in changes}
    out: dict[int, int] = {}
    for change in last.values():
        marked = tx.sql.one(
            "SELECT version, echo_version FROM applications WHERE id = ? AND echo_device = ?",
            (change.entity_id, device.id),
        )
        if marked is None:
            continue
        if (
            marked["echo_version"] == marked["version"]
            and _holds_as_written(tx, change, device) == marked["version"]
        ):
            out[change.seq] = int(marked["version"])
        elif change.seq in duplicates:
            # The device may have pulled past the row while its first answer was lost: only a
            # new rev brings the row to it now.
            copy_differs(tx, device, change.entity_id)
        else:
            tx.sql.run(
                "UPDATE applications SET echo_device = NULL, echo_version = NULL WHERE id = ?",
                (change.entity_id,),
            )
    return out


def _claim_number(tx: Tx, number: str, application_id: str, device_id: str, now_iso: str) -> None:
    """Bind ``number`` to this new application and its device for good. A number is KPU's key
    for an application (``set-stage``, ``import-stages``): a second application under it would
    make both unreachable by number. Two devices claiming one number at once (PostgreSQL): the
    loser hits the primary key, its batch runs again and is refused here."""
    if tx.sql.one("SELECT 1 FROM application_numbers WHERE application_no = ?", (number,)):
        raise Refusal(
            "number_taken",
            "KPU already has another application with this number; this one was not filed. "
            "Report it to KPU.",
        )
    tx.sql.run(
        "INSERT INTO application_numbers (application_no, application_id, device_id, filed_at) "
        "VALUES (?, ?, ?, ?)",
        (number, application_id, device_id, now_iso),
    )


def _check_resubmission(
    tx: Tx, application_id: str, current: Any, device_id: str, number: str
) -> None:
    if current["device_id"] != device_id:
        raise Refusal(
            "not_owner",
            "Another device submitted this application; only that device can change it.",
        )
    if current["application_no"] != number:
        raise Refusal(
            "invalid_payload",
            f"This application was filed as {current['application_no']}; it keeps that number.",
        )
    # KPU judged the form it holds: a resubmission after that would change the applicant under
    # a recorded decision. A decision at registration itself judges nothing.
    if tx.sql.one(
        "SELECT 1 FROM application_decisions WHERE application_id = ? AND stage <> ?",
        (application_id, Stage.REGISTRATION.value),
    ):
        raise Refusal(
            "application_decided",
            "KPU has already recorded a decision on this application; its form can no longer "
            "change from a device. The change is kept for KPU to review.",
        )


def refresh_duplicates(tx: Tx, niks: set[str], departed: dict[str, _Filed] | None = None) -> None:
    """Make ``duplicates`` right for every application with one of these NIKs (KPU's listing
    shows them all). ``departed``: applications that just left one of these NIKs, by number.

    A row whose list changed gets a new version and rev (its devices pull it again) only when
    every device that receives the row may see an application that came or went: otherwise a
    device would learn from the new version alone that someone elsewhere applied with this NIK
    (a NIK oracle across areas). Devices see only the numbers they may (``outcomes_since``)."""
    owner_areas: dict[str, str | None] = {}
    for nik in sorted(niks):
        rows = tx.sql.all(
            "SELECT id, application_no, area_code, device_id, duplicates FROM applications "
            f"WHERE nik = ?{tx.sql.for_update}",
            (nik,),
        )
        filed = {
            row["application_no"]: _Filed(row["area_code"] or "", row["device_id"]) for row in rows
        }
        for row in rows:
            others = sorted(
                {r["application_no"] for r in rows if r["id"] != row["id"] and r["application_no"]}
            )
            before = json.loads(row["duplicates"])
            if before == others:
                continue
            owner = row["device_id"]
            if owner not in owner_areas:
                device = tx.device(owner)
                owner_areas[owner] = device.area if device else None
            receiver = _Filed(row["area_code"] or "", owner)
            changed = (filed.get(n) or (departed or {}).get(n) for n in set(before) ^ set(others))
            if any(f and _seen_by_every_receiver(f, receiver, owner_areas[owner]) for f in changed):
                tx.sql.run(
                    "UPDATE applications SET duplicates = ?, version = version + 1, rev = ? "
                    "WHERE id = ?",
                    (json.dumps(others, separators=(",", ":")), tx.next_revs(1), row["id"]),
                )
            else:
                # A device holding the row as it wrote it (no echo) might see the newcomer:
                # its marker says so no more (NOT_HELD), and its next pull sends the row if the
                # row's rev is still ahead of it, as it would without the marker. No new rev:
                # the row's other devices must not learn that someone applied elsewhere.
                tx.sql.run(
                    "UPDATE applications SET duplicates = ?, echo_version = CASE WHEN "
                    "echo_device IS NULL THEN echo_version ELSE ? END WHERE id = ?",
                    (json.dumps(others, separators=(",", ":")), NOT_HELD, row["id"]),
                )


def _seen_by_every_receiver(other: _Filed, row: _Filed, owner_area: str | None) -> bool:
    """Whether every device that receives ``row``'s outcome may see ``other``: the devices of an
    area holding the row's working area (so ``other`` must work inside that working area), and
    the row's owner (``other`` is its own, or inside its area)."""
    if not rules.in_area(other.area_code, row.area_code):
        return False
    if other.device_id == row.device_id:
        return True
    return owner_area is not None and rules.in_area(other.area_code, owner_area)


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
    tx: Tx, device: Device, cursor: int, fetch: int, *, no_echo: bool = False
) -> list[tuple[int, ApplicationOutcome]]:
    """Outcomes with rev > ``cursor`` for applications whose working area lies in the device's
    area (a TPS device: exactly its TPS), or that this device submitted; oldest first. Their
    ``duplicates`` name only applications the device receives by the same rule: KPU's listing
    has them all, a device only what lies in its own area.

    ``no_echo`` (a v3 pull): leave out an outcome marked as held by this device at its version
    (``_mark_echo``): the device's own submission made it and the answer told it so."""
    where, params = area_clause(device.area)
    echo, echo_params = "", ()
    if no_echo:
        echo = " AND (echo_device IS NULL OR echo_device <> ? OR echo_version <> version)"
        echo_params = (device.id,)
    rows = tx.sql.all(
        f"{_OUTCOME_SELECT} WHERE rev > ? AND ({where} OR device_id = ?){echo} "
        "ORDER BY rev LIMIT ?",
        (cursor, *params, device.id, *echo_params, fetch),
    )
    visible = _visible_duplicates(tx, device, rows)
    return [(row["rev"], _outcome(row, visible.get(row["id"], ()))) for row in rows]


def _visible_duplicates(tx: Tx, device: Device, rows: list[Any]) -> dict[str, tuple[str, ...]]:
    """Application id -> the numbers of its same-NIK applications that ``device`` receives."""
    niks = sorted({row["nik"] for row in rows if row["nik"] and json.loads(row["duplicates"])})
    by_nik: dict[str, list[Any]] = {}
    for part in in_chunks(niks):
        for other in tx.sql.all(
            "SELECT id, nik, application_no, area_code, device_id FROM applications "
            f"WHERE nik IN ({placeholders(part)})",
            part,
        ):
            if other["application_no"] and (
                other["device_id"] == device.id or rules.in_area(other["area_code"], device.area)
            ):
                by_nik.setdefault(other["nik"], []).append(other)
    return {
        row["id"]: tuple(
            sorted(
                {o["application_no"] for o in by_nik.get(row["nik"], ()) if o["id"] != row["id"]}
            )
        )
        for row in rows
        if row["nik"] in by_nik
    }


def _outcome(row: Any, duplicates: tuple[str, ...] | None = None) -> ApplicationOutcome:
    """The outcome of ``row``; ``duplicates`` replaces the row's full list (a device's view)."""
    return ApplicationOutcome(
        id=row["id"],
        application_no=row["application_no"] or "",
        body=row["body"] or "",
        area_code=row["area_code"] or "",
        stage=row["stage"],
        result=row["result"],
        score=None if row["score"] is None else float(row["score"]),
        note=row["note"],
        duplicates=tuple(json.loads(row["duplicates"])) if duplicates is None else duplicates,
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
    repo: Transactions,
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
    """The application row with this number (or id). A number means the application it is
    bound to (``application_numbers``): a second application a server let reuse it before 0004
    is found by its id only. A number may be typed in lower case and with or without its
    grouping separators (read out over the phone), in the new format or the old. Raises
    ``AdminError`` if there is none (saying so when a new-format number fails its check
    character), or if the text is both one application's number and another's id (then the id
    tells them apart)."""
    ref = ref.strip()
    if not ref:
        raise AdminError("Give the application number.")
    numbers, misread = _spellings(ref)
    suffix = tx.sql.for_update if lock else ""
    rows = tx.sql.all(
        f"SELECT id, application_no, body, stage, result, score, note, version FROM applications "
        "WHERE id = ? OR id IN (SELECT application_id FROM application_numbers "
        f"WHERE application_no IN ({placeholders(numbers)})){suffix}",
        (ref.lower(), *numbers),
    )
    if not rows:
        if misread is not None:
            raise AdminError(f"No application {ref}: {misread}")
        raise AdminError(f"No application {ref}; list them with `applications`.")
    if len(rows) > 1:
        ids = ", ".join(sorted(row["id"] for row in rows))
        raise AdminError(f"Several applications answer to {ref}; give the id instead: {ids}.")
    return rows[0]


def _spellings(ref: str) -> tuple[list[str], str | None]:
    """The stored spellings ``ref`` may mean: as given, in capitals, and the number's printed
    form; and why it is no valid number when a check character fails (else None). Numbers a
    test or an old build stored in another shape are still found as given."""
    numbers = dict.fromkeys([ref, ref.upper()])
    try:
        numbers[format_application_no(ref)] = None
    except ApplicationNumberCheckFailed as exc:
        return list(numbers), str(exc)
    except InvalidApplicationNumber:
        pass
    return list(numbers), None

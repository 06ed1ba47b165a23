"""How the server applies one voter change: validation, the area check and the conflict rule.

Pure functions over plain dicts (a voter row as ``repository`` reads it), so the rule can be
tested and read without a database. The rule, also in docs/sync-protocol.md ("Conflicts"):

* Every voter has a ``version``; each applied change adds one. A change names the version it
  was made against (``base_version``; null counts as 0).
* The change is *stale* when someone other than its own device wrote the voter after that
  version. A device's own earlier changes never make its later ones stale, because a device
  may push several changes to one voter before it pulls the new version.
* A stale change is still applied ("later arrival wins", element by element for ubah), and a
  conflict record keeps the values it replaced next to the change, so nothing is lost.
  One exception: a stale sesuai or ubah never clears a TMS mark set by someone else; only an
  explicit ``restore`` does ("tms_kept"). A person marked deceased must not come back because
  another officer, who had not seen the mark, ticked the row sesuai.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from lapang_core.domain import voter_changes
from lapang_core.domain.eligibility import birth_date_findings
from lapang_core.domain.findings import ValidationResult
from lapang_core.domain.recruitment import AdhocBody, Applicant, may_file, party_findings
from lapang_core.domain.region import (
    InvalidRegionCode,
    is_within,
    normalize_region_code,
    parse_tps_id,
)
from lapang_core.domain.voter import (
    KETERANGAN_BARU,
    KETERANGAN_SESUAI,
    KETERANGAN_UBAH,
    RECORD_FIELDS,
    VoterRecord,
)
from lapang_core.protocol import (
    APPLICATION_OPS,
    BARU_KEYS,
    BARU_STATUS_KEYS,
    ENTITY_APPLICATION,
    ENTITY_VOTER,
    TMS_KEYS,
    VOTER_COLUMNS,
    VOTER_OPS,
    WIRE_ELEMENTS,
    Change,
    is_hex_id,
    is_sha256_hex,
)

AUTHOR_KPU = "kpu"  # author of rows loaded or edited at KPU, as opposed to a device id
RULE_LATER_WINS = "later_arrival_wins"
RULE_TMS_KEPT = "tms_kept"
_TMS_MARKS = frozenset("12345678")
_OPTIONAL_BARU_KEYS = frozenset({"sumber"})
# Device-made numbers are BODY-DEVICE-NNNNN (desktop_app/store/application_service.py).
_MAX_APPLICATION_NO = 64


class Refusal(Exception):
    """A change the server will not apply. ``reason`` is the stable code sent to the device;
    ``message`` is for the officer and never contains voter data."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def unknown_voter() -> Refusal:
    """The refusal for a voter id a device may not see. An id the server lacks and a voter
    outside the device's area get the same answer, word for word: otherwise a laptop could
    probe guessed ids (they derive from the DPID) for voters anywhere in the country."""
    return Refusal(
        "unknown_voter", "This device's area has no voter with this id; pull again, then redo it."
    )


@dataclasses.dataclass(frozen=True, slots=True)
class ConflictInfo:
    other_author: str
    base_version: int
    server_version: int
    server_value: dict[str, Any]
    change_value: dict[str, Any]
    rule: str


@dataclasses.dataclass(frozen=True, slots=True)
class Applied:
    voter: dict[str, Any]  # the full new row, version already incremented
    conflict: ConflictInfo | None


def server_today() -> dt.date:
    """The latest date anywhere on Earth (UTC+14): the laptop counts "today" in its own time
    zone, and a date the laptop already calls today must not be the future here."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def in_area(tps_id: str, area: str) -> bool:
    """A device may touch voters of TPSs inside its enrolled area (region code or TPS id)."""
    try:
        return is_within(tps_id, area)
    except InvalidRegionCode:
        return False


def judge(
    change: voter_changes.VoterChange,
    current: VoterRecord | None,
    election_date: dt.date | None,
    ganda_lookup: voter_changes.GandaLookup | None = None,
) -> ValidationResult:
    """The laptop's rules (``domain.voter_changes.judge``): the one place the server judges a
    voter change's values. Without an election date no one is too young on any day. "Today"
    is ``server_today``; TMS-2 references are looked up with ``ganda_lookup`` (ingest's, in the
    device's area)."""
    ctx = voter_changes.RuleContext(election_date, server_today(), ganda_lookup)
    return voter_changes.judge(change, current, ctx)


def _first_error(result: ValidationResult) -> Refusal | None:
    if result.ok:
        return None
    finding = result.errors[0]
    # Domain messages never contain the checked value (findings.py), so they may travel.
    return Refusal("invalid_value", f"{finding.message} [{finding.code}]")


def _parse_date(value: Any, field: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Refusal("invalid_value", f"{field} must be a YYYY-MM-DD date.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Refusal("invalid_value", f"{field} must be a YYYY-MM-DD date.") from None


def _typed_elements(values: dict[str, Any]) -> dict[str, Any]:
    """Wire values to VoterRecord types; refuse wrong JSON types before the domain sees them."""
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "tanggal_lahir":
            out[field] = _parse_date(value, field)
        elif field == "disabilitas":
            if type(value) is not int:
                raise Refusal("invalid_value", "disabilitas must be an integer 0-6.")
            out[field] = value
        elif not isinstance(value, str):
            raise Refusal("invalid_value", f"{field} must be text.")
        else:
            out[field] = value
    return out


def record_from_row(row: dict[str, Any]) -> VoterRecord:
    values = {name: row[name] for name in RECORD_FIELDS}
    values["tanggal_lahir"] = _parse_date(row["tanggal_lahir"], "tanggal_lahir")
    values["hak_pilih_dicabut"] = bool(row["hak_pilih_dicabut"])
    return VoterRecord(**values)


def check_change(change: Change, election_date: dt.date | None) -> None:
    """Checks that need no server state, run when the change arrives (even if it must wait
    for earlier seqs). Raises ``Refusal``."""
    if change.entity == ENTITY_APPLICATION:
        if change.op not in APPLICATION_OPS:
            raise Refusal("unknown_op", f"Unknown application operation {change.op!r}.")
        check_application(change.payload)
        return
    if change.entity != ENTITY_VOTER or change.op not in VOTER_OPS:
        raise Refusal("unknown_op", f"Unknown operation {change.entity}/{change.op}.")
    payload = change.payload
    if change.op in ("sesuai", "restore"):
        if payload:
            raise Refusal("invalid_payload", f"A {change.op} change carries no data.")
    elif change.op == "ubah":
        changes, original = payload.get("changes"), payload.get("original")
        if (
            payload.keys() != {"changes", "original"}
            or not isinstance(changes, dict)
            or not isinstance(original, dict)
            or not changes
            or changes.keys() != original.keys()
        ):
            raise Refusal(
                "invalid_payload", "An ubah needs 'changes' and 'original' for the same elements."
            )
        unknown = set(changes) - set(WIRE_ELEMENTS)
        if unknown:
            raise Refusal(
                "invalid_payload",
                "Only Model A-Daftar Pemilih elements can be corrected; a voter at the wrong TPS "
                "is TMS-8 there and baru at the right one.",
            )
        _typed_elements(changes)
    elif change.op == "baru":
        if not _is_random_id(change.entity_id):
            # The app names a new voter with a uuid4. Any other id could be one of KPU's list
            # ids, and "entity_exists" would then tell a device that a voter it cannot see exists.
            raise Refusal("invalid_value", "A new voter's id must be a random id made by the app.")
        keys = set(payload)
        if not set(BARU_KEYS) - _OPTIONAL_BARU_KEYS <= keys <= {*BARU_KEYS, *BARU_STATUS_KEYS}:
            raise Refusal("invalid_payload", "A new voter needs every element and the TPS.")
        # The values are judged when the change is applied: only then is it known whether
        # the baru is the second half of a TMS-8 move (``apply_move``) or a new registration.
        _baru_record(payload)
    elif change.op == "tms":
        _check_tms_shape(payload)


def _is_random_id(entity_id: str) -> bool:
    try:
        return uuid.UUID(hex=entity_id).version == 4
    except ValueError:
        return False


def check_application(payload: dict[str, Any]) -> None:
    """The fields KPU files, finds and scopes an application by (docs/sync-protocol.md 5.1).
    The form itself was checked on the device; KPU's administrative check judges it."""
    number, body, area = (payload.get(k) for k in ("application_no", "body", "area_code"))
    if not isinstance(number, str) or not number.strip() or len(number) > _MAX_APPLICATION_NO:
        raise Refusal("invalid_payload", "An application needs its application number.")
    if not isinstance(body, str) or body not in AdhocBody.__members__:
        raise Refusal("invalid_payload", "body must be PPK, PPS, KPPS or PANTARLIH.")
    try:
        normalize_region_code(area if isinstance(area, str) else "")
    except InvalidRegionCode:
        raise Refusal(
            "invalid_value", "area_code must be the region code or TPS id of the working area."
        ) from None
    form = payload.get("form")
    if not isinstance(form, dict) or not isinstance(form.get("nik", ""), str):
        raise Refusal("invalid_payload", "An application needs the applicant's form.")
    _check_form_dates(form)
    attachments = payload.get("attachments", {})
    if not isinstance(attachments, dict) or not all(
        isinstance(k, str) and is_sha256_hex(v) for k, v in attachments.items()
    ):
        raise Refusal(
            "invalid_payload", "attachments must name each document's file by its SHA-256."
        )


def _check_form_dates(form: dict[str, Any]) -> None:
    """The rules the desk applies to an applicant's dates (domain.recruitment): nobody born in
    the future, the party cool-off. Counted at the server's today, which is never earlier than
    the day the desk registered the application, so a form the desk accepted is never refused.
    ``tanggal_keluar_partai`` is optional: laptops from before it existed never send it."""
    born = _parse_date(form.get("tanggal_lahir"), "tanggal_lahir")
    left = _parse_date(form.get("tanggal_keluar_partai"), "tanggal_keluar_partai")
    today = server_today()
    findings = list(birth_date_findings(born, today)) if born else []
    if left is not None:
        applicant = Applicant(
            nik="",
            nama="",
            tempat_lahir="",
            tanggal_lahir=born,
            jenis_kelamin="",
            alamat_ktp="",
            domisili_kode="",
            pendidikan="",
            pekerjaan="",
            telepon="",
            ex_party_member=form.get("ex_party_member") is True,
            tanggal_keluar_partai=left,
        )
        findings.extend(party_findings(applicant, today))
    refusal = _first_error(ValidationResult.of(findings))
    if refusal:
        raise refusal


def check_application_area(body: str, area_code: str, device_area: str) -> None:
    """An application is filed only where its device works (``recruitment.may_file``; the
    desk checks the same before it submits). Raises ``Refusal`` (``outside_area``)."""
    if body not in AdhocBody.__members__ or not may_file(AdhocBody[body], area_code, device_area):
        raise Refusal(
            "outside_area", "The application's working area is outside this device's area."
        )


def _baru_record(payload: dict[str, Any]) -> VoterRecord:
    values = _typed_elements({k: payload[k] for k in WIRE_ELEMENTS})
    tps_id, sumber = payload["tps_id"], payload.get("sumber", "COKLIT")
    if not isinstance(tps_id, str) or not isinstance(sumber, str):
        raise Refusal("invalid_value", "tps_id and sumber must be text.")
    status = {k: payload[k] for k in BARU_STATUS_KEYS if k in payload}
    if not all(isinstance(status.get(k, ""), str) for k in BARU_STATUS_KEYS[:2]) or not (
        isinstance(status.get("hak_pilih_dicabut", False), bool)
    ):
        raise Refusal(
            "invalid_value",
            "status_tni_polri and sk_pemberhentian are text; hak_pilih_dicabut true or false.",
        )
    return VoterRecord(
        **values, tps_id=tps_id, keterangan=KETERANGAN_BARU, sumber=sumber, dpid=None, **status
    )


def _check_tms_shape(payload: dict[str, Any]) -> None:
    if not set(payload) <= set(TMS_KEYS) or "code" not in payload:
        raise Refusal("invalid_payload", "A TMS change needs a code and its evidence fields.")
    code = payload["code"]
    if type(code) is not int or not 1 <= code <= 8:
        raise Refusal("invalid_value", "The TMS code must be a number from 1 to 8.")
    for key in ("evidence_type", "evidence_ref"):
        if payload.get(key) is not None and not isinstance(payload[key], str):
            raise Refusal("invalid_payload", f"{key} must be text.")
    attachment = payload.get("attachment")
    if attachment is not None and not is_sha256_hex(attachment):
        raise Refusal("invalid_payload", "attachment must be the file's SHA-256 (64 hex digits).")
    if code == 8:
        target, new_voter = payload.get("target_tps_id"), payload.get("new_voter_id")
        if not isinstance(target, str) or not is_hex_id(new_voter):
            raise Refusal(
                "invalid_payload",
                "TMS-8 needs target_tps_id and new_voter_id (the voter added at that TPS).",
            )


def is_stale(current: dict[str, Any], base_version: int | None, author: str) -> bool:
    base = base_version or 0
    if base >= current["version"]:
        return False
    # Only this device wrote since `base`: its own queue, not a conflict.
    return not (current["last_author"] == author and base >= current["streak_base"])


def _bumped(current: dict[str, Any], author: str) -> dict[str, Any]:
    row = dict(current)
    row["version"] = current["version"] + 1
    if current["last_author"] != author:
        row["last_author"] = author
        row["streak_base"] = current["version"]
    return row


def new_voter_row(
    change: Change, author: str, area: str, election_date: dt.date | None
) -> dict[str, Any]:
    """The row a ``baru`` (a new registration) creates. Raises ``Refusal``."""
    record = _baru_record(change.payload)
    refusal = _first_error(judge(voter_changes.Baru(record), None, election_date))
    if refusal:
        raise refusal
    return _inserted_row(change, record, author, area)


def apply_move(
    current: dict[str, Any],
    tms: Change,
    baru: Change,
    author: str,
    area: str,
    election_date: dt.date | None,
) -> tuple[Applied, dict[str, Any]]:
    """A TMS-8 and its baru (docs/sync-protocol.md 5.3, "Moves"), judged as one change: the
    old row with its TMS-8 mark and the new row, or ``Refusal`` and neither."""
    moved = _baru_record(baru.payload)
    if tms.payload.get("target_tps_id") != moved.tps_id:
        raise Refusal(
            "invalid_payload", "The voter added by a TMS-8 must be at the TPS the TMS-8 names."
        )
    applied = apply_voter_change(current, tms, author, area, election_date, moved=moved)
    return applied, _inserted_row(baru, moved, author, area)


def _inserted_row(change: Change, record: VoterRecord, author: str, area: str) -> dict[str, Any]:
    if not in_area(record.tps_id, area):
        raise Refusal("outside_area", "The new voter's TPS is outside this device's area.")
    return {
        "id": change.entity_id,
        "dpid": None,
        **{f: change.payload[f] for f in WIRE_ELEMENTS},
        "tps_id": record.tps_id,
        "keterangan": KETERANGAN_BARU,
        "sumber": record.sumber,
        "tms": None,
        "status_tni_polri": record.status_tni_polri,
        "sk_pemberhentian": record.sk_pemberhentian,
        # 0/1 as the column holds it on both databases (PostgreSQL refuses a bool there).
        "hak_pilih_dicabut": int(record.hak_pilih_dicabut),
        "version": 1,
        "last_author": author,
        "streak_base": 0,
    }


def apply_voter_change(
    current: dict[str, Any],
    change: Change,
    author: str,
    area: str,
    election_date: dt.date | None,
    *,
    moved: VoterRecord | None = None,
    ganda_lookup: voter_changes.GandaLookup | None = None,
) -> Applied:
    """Apply sesuai / ubah / tms / restore to an existing voter row; a TMS-8 only with the
    ``moved`` row its baru adds (``apply_move``). ``ganda_lookup`` finds the records a TMS-2
    names in the device's area; it is asked only after the area check, so no refusal tells a
    device about voters outside its area. Raises ``Refusal``."""
    if not in_area(current["tps_id"], area):
        raise unknown_voter()
    base = change.base_version or 0
    if base > current["version"]:
        raise Refusal(
            "bad_base_version",
            "The change names a voter version the server never had; pull, then redo it.",
        )
    stale = is_stale(current, change.base_version, author)
    is_tms = current["keterangan"] in _TMS_MARKS
    keep_tms = stale and is_tms and change.op in ("sesuai", "ubah")
    row = _bumped(current, author)
    payload = change.payload
    touched: tuple[str, ...]
    if change.op == "sesuai":
        touched = ("keterangan", "tms")
        if not keep_tms:
            row["keterangan"], row["tms"] = KETERANGAN_SESUAI, None
    elif change.op == "ubah":
        touched = (*payload["changes"], "keterangan", "tms")
        _check_ubah(current, payload["changes"], election_date)
        row.update(payload["changes"])
        if not keep_tms and current["keterangan"] != KETERANGAN_BARU:
            row["keterangan"], row["tms"] = KETERANGAN_UBAH, None
    elif change.op == "tms":
        touched = ("keterangan", "tms")
        _check_tms(current, payload, moved, election_date, ganda_lookup)
        row["keterangan"], row["tms"] = str(payload["code"]), dict(payload)
    elif change.op == "restore":
        touched = ("keterangan", "tms")
        if is_tms:
            row["keterangan"], row["tms"] = "", None
    else:  # check_change refuses unknown ops before they get here
        raise Refusal("unknown_op", f"Unknown operation voter/{change.op}.")
    conflict = None
    if stale:
        conflict = ConflictInfo(
            other_author=current["last_author"],
            base_version=base,
            server_version=current["version"],
            server_value={k: current[k] for k in touched},
            change_value=dict(payload),
            rule=RULE_TMS_KEPT if keep_tms else RULE_LATER_WINS,
        )
    return Applied(row, conflict)


def _check_ubah(
    current: dict[str, Any], changes: dict[str, Any], election_date: dt.date | None
) -> None:
    typed = _typed_elements(changes)
    result = judge(voter_changes.Ubah(typed), record_from_row(current), election_date)
    # The same correction arriving twice (two officers, or KPU first) is not an error here.
    kept = [f for f in result.findings if f.code != "changes.none"]
    refusal = _first_error(ValidationResult.of(kept))
    if refusal:
        raise refusal


def _check_tms(
    current: dict[str, Any],
    payload: dict[str, Any],
    moved: VoterRecord | None,
    election_date: dt.date | None,
    ganda_lookup: voter_changes.GandaLookup | None,
) -> None:
    code = payload["code"]
    change: voter_changes.VoterChange
    if code == 8:
        if moved is None:
            # Applying the mark alone would leave the voter at neither TPS.
            raise Refusal(
                "move_incomplete",
                "A TMS-8 is applied only with the voter added at the right TPS (the next change "
                "of the same laptop); that change did not come, so neither was applied.",
            )
        change = voter_changes.Tms8Move(payload["target_tps_id"], moved)
    else:
        change = voter_changes.Tms(
            code,
            payload.get("evidence_type") or None,
            payload.get("evidence_ref"),
            attached=is_sha256_hex(payload.get("attachment")),
            voter_id=current["id"],
        )
    try:
        result = judge(change, record_from_row(current), election_date, ganda_lookup)
    except InvalidRegionCode:
        raise Refusal("invalid_value", "The voter's stored TPS id is malformed.") from None
    refusal = _first_error(result)
    if refusal:
        raise refusal
    if code == 8:
        desa, _ = parse_tps_id(current["tps_id"])
        if not in_area(payload["target_tps_id"], desa):
            raise Refusal("outside_area", "TMS-8 moves a voter within the same desa only.")


# The columns a device stores of a voter row (``desktop_app.store.sync_inbox``): what must be
# equal for the device to be in step. ``tms`` is compared too: the device keeps the payload in
# its change log, and a server that stored another one must send the row.
_HELD_COLUMNS = (*(c for c in VOTER_COLUMNS if c != "version"),)


def as_written(before: dict[str, Any] | None, change: Change) -> dict[str, Any]:
    """The voter row as the desk that made ``change`` holds it after saving it
    (``desktop_app.store.voter_service``), from ``before``, the row it held (None for a baru):
    nothing normalised, nothing assigned. Compared with the server's result to decide whether
    the device may skip that row in its next pull (``holds_result``)."""
    payload = change.payload
    if change.op == "baru":
        return {
            "id": change.entity_id,
            "dpid": None,
            **{f: payload.get(f) for f in WIRE_ELEMENTS},
            "tps_id": payload.get("tps_id"),
            "keterangan": KETERANGAN_BARU,
            "sumber": payload.get("sumber"),  # absent: the server's default is not the device's
            "tms": None,
            # The eligibility conditions as the desk saved them (absent: not TNI/Polri, no SK,
            # not revoked), in the form the server's row holds them (``_inserted_row``).
            "status_tni_polri": payload.get("status_tni_polri", ""),
            "sk_pemberhentian": payload.get("sk_pemberhentian", ""),
            "hak_pilih_dicabut": int(payload.get("hak_pilih_dicabut", False) is True),
        }
    row = dict(before or {})
    if change.op == "sesuai":
        row["keterangan"], row["tms"] = KETERANGAN_SESUAI, None
    elif change.op == "ubah":
        row.update(payload["changes"])
        if before["keterangan"] != KETERANGAN_BARU:
            row["keterangan"], row["tms"] = KETERANGAN_UBAH, None
    elif change.op == "tms":
        row["keterangan"], row["tms"] = str(payload["code"]), dict(payload)
    elif change.op == "restore" and before["keterangan"] in _TMS_MARKS:
        row["keterangan"], row["tms"] = "", None
    return row


def holds_result(before: dict[str, Any] | None, change: Change, after: dict[str, Any]) -> bool:
    """Whether the device that made ``change`` holds ``after`` exactly, given that it held
    ``before``: the server applied the change as written (no rule, default or merge changed
    anything the device stores)."""
    written = as_written(before, change)
    return all(written.get(c) == after.get(c) for c in _HELD_COLUMNS)

"""The voter record as Model A-Daftar Pemilih holds it (13 elements) plus Sidalih's extras."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Mapping

from lapang_core.domain.eligibility import (
    birth_date_findings,
    check_voter_eligibility,
    status_findings,
)
from lapang_core.domain.findings import Finding, Severity, ValidationResult, error, warning
from lapang_core.domain.nik import check_nik
from lapang_core.domain.nkk import check_nkk
from lapang_core.domain.outcomes import InvalidKeterangan, parse_keterangan
from lapang_core.domain.region import InvalidRegionCode, parse_tps_id

# Model A-Daftar Pemilih, PKPU 7/2022: the elements an officer can correct ("ubah").
# Order follows the paper form.
ELEMENTS: tuple[str, ...] = (
    "nkk",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "status_perkawinan",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "disabilitas",
    "status_ktp_el",
)

JENIS_KELAMIN = ("L", "P")
STATUS_PERKAWINAN = ("B", "S", "P")  # belum, sudah, pernah kawin
STATUS_KTP_EL = ("S", "B")  # sudah / belum memiliki KTP-el
# 0 none, 1 fisik, 2 intelektual, 3 mental, 4 sensorik wicara, 5 sensorik rungu, 6 sensorik netra
DISABILITAS = (0, 1, 2, 3, 4, 5, 6)
# keterangan: "" unchecked, "✓" sesuai, "U" ubah, "B" baru, "1".."8" TMS code
KETERANGAN_SESUAI = "✓"
KETERANGAN_UBAH = "U"
KETERANGAN_BARU = "B"
# Service in TNI/Polri (domain note §4, §3 Baru): "" never served or not known, "aktif" an
# active member (not eligible), "berhenti" left the service (proof: SK pemberhentian).
TNI_POLRI_AKTIF = "aktif"
TNI_POLRI_BERHENTI = "berhenti"
STATUS_TNI_POLRI = ("", TNI_POLRI_AKTIF, TNI_POLRI_BERHENTI)


@dataclasses.dataclass(slots=True)
class VoterRecord:
    """One row of the voter list. Region codes are dotted Kemendagri codes (``61.11.02.2003``);
    ``tps_id`` is the desa code plus a 3-digit TPS number (``61.11.02.2003.001``)."""

    nkk: str
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date | None
    status_perkawinan: str
    jenis_kelamin: str
    alamat: str
    rt: str
    rw: str
    disabilitas: int
    status_ktp_el: str
    tps_id: str
    keterangan: str = ""
    sumber: str = ""
    dpid: str | None = None
    # Eligibility conditions with no element on the paper form (domain note §4).
    status_tni_polri: str = ""
    sk_pemberhentian: str = ""  # the SK's number: evidence for "berhenti"
    hak_pilih_dicabut: bool = False  # stripped of the vote by a court decision

    @property
    def kode_desa(self) -> str:
        return self.tps_id.rsplit(".", 1)[0]

    @property
    def nomor_tps(self) -> int:
        return int(self.tps_id.rsplit(".", 1)[1])


# Every field of a voter record, in VoterRecord's order: the voters tables of the laptop and of
# KPU and the pull page name their columns after these, so each derives its list from here.
RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(VoterRecord))
# The eligibility conditions with no Model A element (domain note §4): a baru sets them and
# nothing edits them afterwards, so a row carried without them (KPU's list, an older peer's
# page or payload) must leave them alone.
STATUS_CONDITIONS: tuple[str, ...] = ("status_tni_polri", "sk_pemberhentian", "hak_pilih_dicabut")


# --- validation -------------------------------------------------------------------------------

_LABELS = {
    "nkk": "NKK",
    "nik": "NIK",
    "nama": "name",
    "tempat_lahir": "place of birth",
    "tanggal_lahir": "date of birth",
    "status_perkawinan": "marital status",
    "jenis_kelamin": "sex",
    "alamat": "address (jalan/dukuh)",
    "rt": "RT",
    "rw": "RW",
    "disabilitas": "disability",
    "status_ktp_el": "KTP-el status",
}
_RT_RW = re.compile(r"[0-9]{1,3}")
# The NKK's length and digits are certain; its issue-date and serial structure rests on one
# report (domain note §4 [r]), so a real but odd NKK must not block a voter: warn instead.
_NKK_CERTAIN_CODES = frozenset({"nkk.missing", "nkk.length", "nkk.digits"})
# Findings that involve more than their own field, for filtering an "ubah" to what changed.
_FINDING_FIELDS: Mapping[str, frozenset[str]] = {
    "nik.sex_mismatch": frozenset({"nik", "jenis_kelamin"}),
    "nik.birth_date_mismatch": frozenset({"nik", "tanggal_lahir"}),
    "nkk.same_as_nik": frozenset({"nik", "nkk"}),
}


def _demote(finding: Finding) -> Finding:
    return dataclasses.replace(finding, severity=Severity.WARNING)


# Unicode category Cc. Line breaks and other control characters break the paper forms and
# the CSV exports.
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _has_control_chars(text: str) -> bool:
    return _CONTROL_CHARS.search(text) is not None


def _is_date(value: object) -> bool:
    # datetime is a date subclass but cannot be compared with dates: reject it.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _element_findings(record: VoterRecord, *, new_voter: bool) -> list[Finding]:
    """Per-element checks. For a new voter every element is required and the NKK is checked
    fully; for a row already on a list a missing element is a warning so the row survives
    import and the officer can fill it in."""
    missing_severity = Severity.ERROR if new_voter else Severity.WARNING
    findings: list[Finding] = []

    def missing(field: str, severity: Severity = missing_severity) -> None:
        findings.append(
            Finding(
                f"{field}.missing",
                field,
                f"Enter the {_LABELS[field]} from the KTP-el, KK or biodata.",
                severity,
            )
        )

    def invalid(field: str, rule: str) -> None:
        findings.append(
            error(f"{field}.invalid", field, f"The {_LABELS.get(field, field)} {rule}.")
        )

    kode_desa: str | None = None
    try:
        kode_desa, _ = parse_tps_id(record.tps_id)
    except InvalidRegionCode:
        findings.append(
            error(
                "tps_id.invalid",
                "tps_id",
                "The TPS must be a desa code plus a 3-digit number, e.g. 61.11.02.2003.001.",
            )
        )

    birth = record.tanggal_lahir if _is_date(record.tanggal_lahir) else None
    findings.extend(
        check_nik(
            record.nik,
            tanggal_lahir=birth,
            jenis_kelamin=record.jenis_kelamin,
            kode_wilayah=kode_desa,
        ).findings
    )

    if not record.nkk.strip():
        missing("nkk")
    else:
        for finding in check_nkk(record.nkk, kode_wilayah=kode_desa).findings:
            certain = new_voter and finding.code in _NKK_CERTAIN_CODES
            findings.append(finding if certain else _demote(finding))
        if record.nik.strip() and record.nkk.strip() == record.nik.strip():
            findings.append(
                warning(
                    "nkk.same_as_nik",
                    "nkk",
                    "The NKK is the same as the NIK; copy the number from the top of the KK.",
                )
            )

    for field in ("nama", "tempat_lahir", "alamat"):
        text = getattr(record, field)
        if not text.strip():
            # Without a name the row cannot be found on paper or at the door.
            missing(field, Severity.ERROR if field == "nama" else missing_severity)
        elif _has_control_chars(text):
            invalid(field, "contains a line break or control character; retype it on one line")

    if record.tanggal_lahir is None:
        missing("tanggal_lahir")
    elif birth is None:
        invalid("tanggal_lahir", "must be a calendar date")

    if not record.jenis_kelamin.strip():
        missing("jenis_kelamin", Severity.ERROR)  # every recap counts voters by sex
    elif record.jenis_kelamin not in JENIS_KELAMIN:
        invalid("jenis_kelamin", "must be L or P")

    if not record.status_perkawinan.strip():
        missing("status_perkawinan")
    elif record.status_perkawinan not in STATUS_PERKAWINAN:
        invalid("status_perkawinan", "must be B (belum), S (sudah) or P (pernah kawin)")

    for field in ("rt", "rw"):
        value = getattr(record, field)
        if not value.strip():
            missing(field)
        elif not _RT_RW.fullmatch(value):
            invalid(field, "must be a number of 1 to 3 digits")

    if type(record.disabilitas) is not int or record.disabilitas not in DISABILITAS:
        invalid("disabilitas", "must be 0 (none) or a type from 1 to 6")

    if not record.status_ktp_el.strip():
        missing("status_ktp_el")
    elif record.status_ktp_el not in STATUS_KTP_EL:
        invalid("status_ktp_el", "must be S (sudah) or B (belum memiliki KTP-el)")

    try:
        parse_keterangan(record.keterangan)
    except InvalidKeterangan:
        findings.append(
            error("keterangan.invalid", "keterangan", "Keterangan must be ✓, U, B or 1-8.")
        )
    return findings


def _status_findings(record: VoterRecord, *, new_voter: bool) -> list[Finding]:
    findings: list[Finding] = []
    if record.status_tni_polri not in STATUS_TNI_POLRI:
        findings.append(
            error(
                "status_tni_polri.invalid",
                "status_tni_polri",
                "Service in TNI/Polri must be none, aktif or berhenti.",
            )
        )
    if type(record.hak_pilih_dicabut) is not bool:
        findings.append(
            error("hak_pilih_dicabut.invalid", "hak_pilih_dicabut", "Must be yes or no.")
        )
    if _has_control_chars(record.sk_pemberhentian):
        findings.append(
            error(
                "sk_pemberhentian.invalid",
                "sk_pemberhentian",
                "The SK number contains a line break or control character; retype it.",
            )
        )
    if (
        new_voter
        and record.status_tni_polri == TNI_POLRI_BERHENTI
        and not record.sk_pemberhentian.strip()
    ):
        # Domain note §3, Baru: "retired from TNI/Polri (proof: SK pemberhentian)".
        findings.append(
            error(
                "sk_pemberhentian.missing",
                "sk_pemberhentian",
                "Someone who left TNI/Polri is added with the SK pemberhentian: record its number.",
            )
        )
    return findings


def _eligibility_findings(
    record: VoterRecord, election_date: dt.date, today: dt.date | None, *, with_status: bool
) -> list[Finding]:
    # An ubah never changes the status conditions, so it is not judged on them
    # (``with_status`` False): they are the TMS-6/7 mark's business, not a correction's.
    status = (
        status_findings(
            hak_pilih_dicabut=record.hak_pilih_dicabut is True,
            tni_polri_aktif=record.status_tni_polri == TNI_POLRI_AKTIF,
        )
        if with_status
        else []
    )
    # Only when both inputs are usable: their own findings already cover the other cases.
    if not _is_date(record.tanggal_lahir):
        return status
    if record.status_perkawinan not in STATUS_PERKAWINAN:
        # The marital status decides the age rule, never whether a birth date can exist.
        return status + birth_date_findings(record.tanggal_lahir, today)
    return status + list(
        check_voter_eligibility(
            record.tanggal_lahir, record.status_perkawinan, election_date, today=today
        ).findings
    )


def validate_record(record: VoterRecord) -> ValidationResult:
    """Check a row already on a list (e.g. imported from Sidalih).

    Errors: a malformed NIK, TPS id or value outside its domain, a missing name or sex.
    Warnings: other missing elements, NIK/NKK disagreements, structural NKK problems.
    Eligibility is not checked: it needs an election date (see ``validate_voter``).
    """
    return ValidationResult.of(
        _element_findings(record, new_voter=False) + _status_findings(record, new_voter=False)
    )


def validate_voter(
    record: VoterRecord, election_date: dt.date, *, today: dt.date | None = None
) -> ValidationResult:
    """Check a new voter (baru, Model A-Daftar Potensial Pemilih): every element is
    required, NIK/NKK are checked (disagreements are warnings) and the person must be
    eligible on ``election_date`` and born no later than ``today`` (None: this machine's
    date today)."""
    findings = _element_findings(record, new_voter=True)
    findings.extend(_status_findings(record, new_voter=True))
    if record.dpid:
        findings.append(
            warning(
                "dpid.present",
                "dpid",
                "A new voter has no DPID until KPU assigns one; if the person is already on "
                "the list, record an ubah for that row instead.",
            )
        )
    findings.extend(_eligibility_findings(record, election_date, today, with_status=True))
    return ValidationResult.of(findings)


def _type_ok(field: str, value: object) -> bool:
    if field == "tanggal_lahir":
        return value is None or _is_date(value)
    if field == "disabilitas":
        return type(value) is int
    return isinstance(value, str)


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


def validate_changes(
    original: VoterRecord,
    changes: Mapping[str, object],
    election_date: dt.date,
    *,
    today: dt.date | None = None,
) -> ValidationResult:
    """Check an "ubah": ``changes`` maps element names (``ELEMENTS``) to new values.

    Errors: an unknown element, a value of the wrong type or outside its domain, nothing that
    actually differs from ``original``, or a change that makes the voter ineligible. Findings
    about elements that were not changed are left out.
    """
    findings: list[Finding] = []
    changed: dict[str, object] = {}
    for field, value in changes.items():
        if field not in ELEMENTS:
            findings.append(
                error(
                    "changes.unknown_element",
                    field,
                    "Only the elements of Model A-Daftar Pemilih can be corrected; a voter at "
                    "the wrong TPS is TMS-8 there and baru at the right one.",
                )
            )
        elif not _type_ok(field, value):
            findings.append(
                error(f"{field}.invalid", field, f"The {_LABELS[field]} has the wrong type.")
            )
        elif not _same(value, getattr(original, field)):
            changed[field] = value
    if not changed:
        if not findings:
            findings.append(
                error(
                    "changes.none",
                    "",
                    "Nothing differs from the list; mark the row sesuai (✓) instead of ubah.",
                )
            )
        return ValidationResult.of(findings)

    updated = dataclasses.replace(original, **changed)  # type: ignore[arg-type]
    touched = set(changed)
    for finding in _element_findings(updated, new_voter=True):
        if touched & _FINDING_FIELDS.get(finding.code, frozenset({finding.field})):
            findings.append(finding)
    if touched & {"tanggal_lahir", "status_perkawinan"}:
        findings.extend(_eligibility_findings(updated, election_date, today, with_status=False))
    return ValidationResult.of(findings)


# Stable ids for voters that come from a Sidalih list, shared by the device and the sync server:
# importing the same list twice (or the server handing out rows the device imported) finds the
# same ids instead of duplicating voters.
_LIST_ID_NAMESPACE = uuid.UUID("5b8a3f0e-4c2d-4e61-9a57-1d0c6a1f7e21")


def imported_voter_id(record: VoterRecord) -> str:
    key = f"dpid:{record.dpid}" if record.dpid else f"nik:{record.nik}|tps:{record.tps_id}"
    return uuid.uuid5(_LIST_ID_NAMESPACE, key).hex

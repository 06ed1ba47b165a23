"""A TMS code checked against what the record itself says (domain note §3, §4).

``outcomes.validate_tms`` checks that a mark carries the evidence its code needs. This module
checks that the record does not contradict the code: TMS-3 "di bawah umur" means under 17 on
election day *and* never married, so a married voter can never be TMS-3, and a recorded date
of birth that makes the voter 17 contradicts it; TMS-2 "ganda" names another record, which
must exist and still be on the list.

Where the law settles it (a married voter votes at any age, UU 7/2017 Pasal 198) the mark is
refused: the officer corrects the record with an *ubah* first if it is wrong. Where the
officer may know better than the record (the list's birth date is wrong and the officer has
seen the akta; the other record is on another desa's list this laptop does not hold), the
mark is accepted with a warning, and only with a photo or scan of the evidence attached, so
KPU can see why the officer overrode the list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from lapang_core.domain.eligibility import MINIMUM_VOTER_AGE, age_on
from lapang_core.domain.findings import Finding, ValidationResult, error, warning
from lapang_core.domain.outcomes import TmsCode
from lapang_core.domain.region import InvalidRegionCode, is_within

_TMS_MARKS = frozenset("12345678")

UNDER_AGE_MARRIED = "tms.under_age_married"
UNDER_AGE_ADULT = "tms.under_age_adult_by_record"
GANDA_NOT_FOUND = "tms.ganda_not_found"
GANDA_OTHER_TMS = "tms.ganda_other_tms"
GANDA_SELF = "tms.ganda_self"
ATTACHMENT_REQUIRED = "tms.attachment_required"


@dataclasses.dataclass(frozen=True, slots=True)
class OtherRecord:
    """A record that a TMS-2 reference (NIK or id) names, as the store knows it."""

    voter_id: str
    keterangan: str

    @property
    def is_tms(self) -> bool:
        return self.keterangan.strip() in _TMS_MARKS


@dataclasses.dataclass(frozen=True, slots=True)
class GandaReference:
    """How a TMS-2 reference names the other record (domain note §3: "the other record's NIK /
    id"): 16 digits are a NIK, anything else a voter id. ``column`` is the voters column to look
    it up in, on the laptop and at KPU alike."""

    column: str  # "nik" or "id"
    value: str


def ganda_reference(ref: str) -> GandaReference:
    ref = ref.strip()
    if len(ref) == 16 and ref.isascii() and ref.isdigit():
        return GandaReference("nik", ref)
    return GandaReference("id", ref)


def ganda_others(found: Iterable[tuple[str, str, str]], area: str | None) -> list[OtherRecord]:
    """The records a reference's lookup found, as (id, keterangan, tps_id), kept to ``area``
    (a region code or TPS id; None: no area). Both sides look in the device's enrolled area
    only: no device can ask whether a NIK is on any list in the country, and a record the
    laptop holds from a wider list must not spare the photo KPU will want."""
    return [
        OtherRecord(voter_id, keterangan)
        for voter_id, keterangan, tps_id in found
        if area is None or _within(tps_id, area)
    ]


def _within(tps_id: str, area: str) -> bool:
    try:
        return is_within(tps_id, area)
    except InvalidRegionCode:
        return False


@dataclasses.dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the store knows about the record being marked."""

    voter_id: str
    tanggal_lahir: dt.date | None
    status_perkawinan: str


def check_tms_against_record(
    code: int,
    facts: RecordFacts,
    *,
    election_date: dt.date | None,
    evidence_ref: str = "",
    attached: bool = False,
    ganda_matches: Sequence[OtherRecord] | None = None,
) -> ValidationResult:
    """Errors and warnings for marking the record ``facts`` describes with TMS ``code``.

    ``election_date`` None (a server without one configured) skips the age comparison.
    ``ganda_matches``: the *other* records the TMS-2 reference names (None: not looked up).
    ``attached``: whether a photo or scan of the evidence comes with the mark.
    """
    findings: list[Finding] = []
    if code == TmsCode.DI_BAWAH_UMUR:
        findings.extend(_under_age_findings(facts, election_date))
    elif code == TmsCode.GANDA:
        findings.extend(_ganda_findings(facts, evidence_ref, ganda_matches))
    overridden = [f for f in findings if f.code in (UNDER_AGE_ADULT, GANDA_NOT_FOUND)]
    if overridden and not attached:
        findings.append(
            error(
                ATTACHMENT_REQUIRED,
                "attachment",
                f"The list does not support TMS-{code}: attach a photo or scan of the evidence "
                "so KPU can see why the list is wrong.",
            )
        )
    return ValidationResult.of(findings)


def _under_age_findings(facts: RecordFacts, election_date: dt.date | None) -> list[Finding]:
    if facts.status_perkawinan in ("S", "P"):
        return [
            error(
                UNDER_AGE_MARRIED,
                "tms_code",
                "TMS-3 is for someone under 17 and never married; the record says this voter "
                "is or was married, and a married voter may vote at any age. If the marital "
                "status is wrong, correct it (ubah) first.",
            )
        ]
    born = facts.tanggal_lahir
    if born is None or election_date is None or born > election_date:
        return []
    if age_on(born, election_date) >= MINIMUM_VOTER_AGE:
        return [
            warning(
                UNDER_AGE_ADULT,
                "tms_code",
                "By the recorded date of birth this voter is 17 or older on election day, so "
                "TMS-3 contradicts the list. Mark it only if the document seen shows another "
                "date of birth, and correct the date (ubah) as well.",
            )
        ]
    return []


def _ganda_findings(
    facts: RecordFacts, ref: str, matches: Sequence[OtherRecord] | None
) -> list[Finding]:
    if ref.strip() == facts.voter_id:
        return [
            error(
                GANDA_SELF,
                "evidence_ref",
                "A record cannot be a duplicate of itself: give the other record's NIK or id.",
            )
        ]
    if matches is None:
        return []
    others = [m for m in matches if m.voter_id != facts.voter_id]
    if not others:
        return [
            warning(
                GANDA_NOT_FOUND,
                "evidence_ref",
                "No other record with this NIK or id is on this list. It may be on another "
                "desa's list; otherwise check the number.",
            )
        ]
    if all(m.is_tms for m in others):
        return [
            error(
                GANDA_OTHER_TMS,
                "evidence_ref",
                "The other record is itself marked TMS, so marking this one would leave the "
                "person on no list. A duplicate names the record that stays.",
            )
        ]
    return []

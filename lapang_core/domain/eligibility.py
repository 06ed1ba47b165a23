"""Who may vote: 17 on election day, or married / ever married (UU 7/2017 Pasal 198).

Age is counted at the election date, which is always a parameter: elections move (Pemilu and
Pilkada 2024, the next ones in 2029) and PDPB lists are checked against the next one.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping

from lapang_core.domain.findings import Finding, ValidationResult, error

MINIMUM_VOTER_AGE = 17

# For reference and defaults in the UI; never assume one of these in a rule.
KNOWN_ELECTION_DATES: Mapping[str, dt.date] = types.MappingProxyType(
    {
        "pemilu_2024": dt.date(2024, 2, 14),
        "pilkada_2024": dt.date(2024, 11, 27),
    }
)

# Code of the under-age finding: the row becomes TMS-3 (di bawah umur).
UNDER_AGE = "eligibility.under_age"
# Nobody is born after today, whatever the marital status says.
BIRTH_DATE_FUTURE = "tanggal_lahir.future"


def birth_date_findings(tanggal_lahir: dt.date, today: dt.date | None) -> list[Finding]:
    """An error when ``tanggal_lahir`` is after ``today`` (None: this machine's date today).
    Shared by voters and applicants: a person born tomorrow cannot be on any list."""
    if tanggal_lahir > (today or dt.date.today()):
        return [
            error(
                BIRTH_DATE_FUTURE,
                "tanggal_lahir",
                "The date of birth is after today; nobody can be born in the future. Copy it "
                "again from the KTP-el, KK or akta kelahiran.",
            )
        ]
    return []


def age_on(birth: dt.date, on_date: dt.date) -> int:
    """Completed years on ``on_date``. Someone born on 29 February turns a year older on
    1 March in common years."""
    before_birthday = (on_date.month, on_date.day) < (birth.month, birth.day)
    return on_date.year - birth.year - before_birthday


# Domain note §4: not stripped of the vote by a court, not active TNI/Polri.
HAK_PILIH_DICABUT = "eligibility.hak_pilih_dicabut"
TNI_POLRI_AKTIF = "eligibility.tni_polri_aktif"


def status_findings(*, hak_pilih_dicabut: bool, tni_polri_aktif: bool) -> list[Finding]:
    """The two eligibility conditions that no element of Model A-Daftar Pemilih carries."""
    findings: list[Finding] = []
    if hak_pilih_dicabut:
        findings.append(
            error(
                HAK_PILIH_DICABUT,
                "hak_pilih_dicabut",
                "A court has stripped this person of the right to vote, so they cannot be "
                "listed as a voter.",
            )
        )
    if tni_polri_aktif:
        findings.append(
            error(
                TNI_POLRI_AKTIF,
                "status_tni_polri",
                "Active TNI and Polri members do not vote (TMS-6 TNI, TMS-7 Polri). Someone "
                "who has left needs the SK pemberhentian.",
            )
        )
    return findings


def check_voter_eligibility(
    tanggal_lahir: dt.date | None,
    status_perkawinan: str,
    election_date: dt.date,
    *,
    today: dt.date | None = None,
    hak_pilih_dicabut: bool = False,
    tni_polri_aktif: bool = False,
) -> ValidationResult:
    """Errors: unknown birth date, birth after today (``today`` None: this machine's date) or
    after the election, an unknown marital status, or under 17 on ``election_date`` and never
    married (code ``eligibility.under_age``: TMS-3). The birth-date errors hold for every
    marital status: being married exempts from the age rule, not from being born. A court's
    revocation of the vote and active TNI/Polri service are errors too (note §4)."""
    findings = status_findings(hak_pilih_dicabut=hak_pilih_dicabut, tni_polri_aktif=tni_polri_aktif)
    if status_perkawinan not in ("B", "S", "P"):
        findings.append(
            error(
                "status_perkawinan.invalid",
                "status_perkawinan",
                "Marital status must be B (belum kawin), S (sudah kawin) or P (pernah kawin).",
            )
        )
    if tanggal_lahir is None:
        findings.append(
            error(
                "tanggal_lahir.missing",
                "tanggal_lahir",
                "Enter the date of birth from the KTP-el or KK: eligibility depends on it.",
            )
        )
        return ValidationResult.of(findings)
    future = birth_date_findings(tanggal_lahir, today)
    if future:
        findings.extend(future)
    elif tanggal_lahir > election_date:
        findings.append(
            error(
                "tanggal_lahir.after_election",
                "tanggal_lahir",
                "The date of birth is after the election date; check it against the KTP-el or KK.",
            )
        )
    elif age_on(tanggal_lahir, election_date) < MINIMUM_VOTER_AGE and status_perkawinan == "B":
        findings.append(
            error(
                UNDER_AGE,
                "tanggal_lahir",
                "The person is under 17 on election day and has never married, so cannot vote "
                "(TMS-3 di bawah umur).",
            )
        )
    return ValidationResult.of(findings)

"""Who may vote: 17 on election day, or married / ever married (UU 7/2017 Pasal 198).

Age is counted at the election date, which is always a parameter: elections move (Pemilu and
Pilkada 2024, the next ones in 2029) and PDPB lists are checked against the next one.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping

from desktop_app.domain.findings import Finding, ValidationResult, error

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


def age_on(birth: dt.date, on_date: dt.date) -> int:
    """Completed years on ``on_date``. Someone born on 29 February turns a year older on
    1 March in common years."""
    before_birthday = (on_date.month, on_date.day) < (birth.month, birth.day)
    return on_date.year - birth.year - before_birthday


def check_voter_eligibility(
    tanggal_lahir: dt.date | None, status_perkawinan: str, election_date: dt.date
) -> ValidationResult:
    """Errors: unknown birth date, birth after the election, an unknown marital status, or
    under 17 on ``election_date`` and never married (code ``eligibility.under_age``: TMS-3)."""
    findings: list[Finding] = []
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
    if tanggal_lahir > election_date:
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

"""The shape NIK and NKK share: 6-digit area, a DDMMYY date, a 4-digit serial (16 digits)."""

from __future__ import annotations

import calendar
import re

from lapang_core.domain.findings import Finding, error, warning

LENGTH = 16
_DIGITS = re.compile(r"[0-9]*")  # ASCII only: str.isdigit() would accept "²" or Arabic-Indic digits
# Women's NIK birth day is day + 40 (Permendagri on NIK; see the domain note §4).
FEMALE_DAY_OFFSET = 40

# Provinces in the 2025 Kemendagri decree. A NIK keeps the code of first registration, and no
# province has been abolished since NIKs were introduced, so an unknown code is most likely a typo.
KNOWN_PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "21",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "51",
        "52",
        "53",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    }
)


def dotted_area(digits: str) -> tuple[str, str, str]:
    """(provinsi, kabupaten, kecamatan) dotted codes from the first six digits."""
    return digits[:2], f"{digits[:2]}.{digits[2:4]}", f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}"


def date_exists(day: int, month: int, year_2digit: int) -> bool:
    """Whether day/month exist in a year ending in ``year_2digit`` in the 1900s or the 2000s."""
    return any(
        day <= calendar.monthrange(century + year_2digit, month)[1] for century in (1900, 2000)
    )


def structural_findings(
    text: str, *, kind: str, label: str, date_label: str, female_offset: bool
) -> tuple[str | None, list[Finding]]:
    """Check a 16-digit number; return (the digits if structurally valid, the errors).

    ``kind`` is the code prefix (``nik``/``nkk``), ``label`` the name shown to the officer.
    """
    value = text.strip()
    findings: list[Finding] = []
    if not value:
        return None, [error(f"{kind}.missing", kind, f"Enter the {label}.")]
    if len(value) != LENGTH:
        findings.append(
            error(
                f"{kind}.length",
                kind,
                f"The {label} must have exactly 16 digits; check it against the card.",
            )
        )
    if not _DIGITS.fullmatch(value):
        findings.append(
            error(
                f"{kind}.digits",
                kind,
                f"The {label} may contain only the digits 0-9 (no spaces, dots, letters or "
                "masking stars).",
            )
        )
    if findings:
        return None, findings

    raw_day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    day = raw_day - FEMALE_DAY_OFFSET if female_offset and raw_day > FEMALE_DAY_OFFSET else raw_day
    if female_offset:
        day_ok = 1 <= raw_day <= 31 or 41 <= raw_day <= 71
        day_rule = "01-31, or 41-71 for women"
    else:
        day_ok = 1 <= raw_day <= 31
        day_rule = "01-31"
    if not day_ok:
        findings.append(
            error(
                f"{kind}.day",
                kind,
                f"Digits 7-8 of the {label} ({date_label} day) must be {day_rule}; "
                "check the card for a typing error.",
            )
        )
    if not 1 <= month <= 12:
        findings.append(
            error(
                f"{kind}.month",
                kind,
                f"Digits 9-10 of the {label} ({date_label} month) must be 01-12; "
                "check the card for a typing error.",
            )
        )
    if day_ok and 1 <= month <= 12 and not date_exists(day, month, year):
        findings.append(
            error(
                f"{kind}.date",
                kind,
                f"Digits 7-12 of the {label} are not a real {date_label} date "
                "(for example 31 February); check the card for a typing error.",
            )
        )
    if value[12:] == "0000":
        findings.append(
            error(
                f"{kind}.serial",
                kind,
                f"The last 4 digits of the {label} (serial) cannot be 0000; "
                "check the card for a typing error.",
            )
        )
    return (None, findings) if findings else (value, [])


def province_warning(digits: str, *, kind: str, label: str) -> list[Finding]:
    if digits[:2] in KNOWN_PROVINCE_CODES:
        return []
    return [
        warning(
            f"{kind}.province_unknown",
            kind,
            f"The first 2 digits of the {label} are not a known province code; "
            "check the card for a typing error.",
        )
    ]

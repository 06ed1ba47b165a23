"""NIK (Nomor Induk Kependudukan): ``PP KK CC DDMMYY SSSS``.

Province, kabupaten/kota and kecamatan of first registration, birth date with day + 40 for
women, and a serial from 0001. A NIK never changes when a person moves, and regions split, so
it may legitimately disagree with the recorded birth date, sex or today's region: those
disagreements are warnings, only a malformed NIK is an error (domain note §4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from lapang_core.domain import _identity_number as idn
from lapang_core.domain.findings import Finding, FindingError, ValidationResult, warning
from lapang_core.domain.region import RegionLevel, normalize_region_code, parent_code, region_level

_LABEL = "NIK"


class InvalidNik(FindingError):
    """The text is not a structurally valid NIK; ``findings`` lists every problem."""


@dataclasses.dataclass(frozen=True, slots=True)
class NikInfo:
    """What a NIK encodes. ``hari_lahir`` is the real day (the +40 for women removed)."""

    kode_provinsi: str  # "61"
    kode_kabupaten: str  # "61.11"
    kode_kecamatan: str  # "61.11.02"
    hari_lahir: int
    bulan_lahir: int
    tahun_lahir_yy: int  # two digits: the century is not encoded
    jenis_kelamin: str  # "L" / "P"
    serial: int


def _structural(text: str) -> tuple[str | None, list[Finding]]:
    return idn.structural_findings(
        text, kind="nik", label=_LABEL, date_label="birth", female_offset=True
    )


def _info(digits: str) -> NikInfo:
    provinsi, kabupaten, kecamatan = idn.dotted_area(digits)
    raw_day = int(digits[6:8])
    female = raw_day > idn.FEMALE_DAY_OFFSET
    return NikInfo(
        kode_provinsi=provinsi,
        kode_kabupaten=kabupaten,
        kode_kecamatan=kecamatan,
        hari_lahir=raw_day - idn.FEMALE_DAY_OFFSET if female else raw_day,
        bulan_lahir=int(digits[8:10]),
        tahun_lahir_yy=int(digits[10:12]),
        jenis_kelamin="P" if female else "L",
        serial=int(digits[12:]),
    )


def parse_nik(text: str) -> NikInfo:
    """Decode a NIK (surrounding whitespace is ignored).

    Raises:
        InvalidNik: the NIK is malformed; ``.findings`` holds every structural error.
    """
    digits, findings = _structural(text)
    if digits is None:
        raise InvalidNik(findings)
    return _info(digits)


def check_nik(
    text: str,
    *,
    tanggal_lahir: dt.date | None = None,
    jenis_kelamin: str | None = None,
    kode_wilayah: str | None = None,
) -> ValidationResult:
    """Check a NIK and, when given, its agreement with the recorded facts.

    Structural problems are errors. Disagreement with ``jenis_kelamin``, ``tanggal_lahir``
    (day, month and the year's last two digits) or the current region ``kode_wilayah`` (any
    level, compared down to the kecamatan) is a warning. An unknown province code is a warning.

    Raises:
        InvalidRegionCode: ``kode_wilayah`` is not a region code (a caller error).
    """
    digits, findings = _structural(text)
    if digits is None:
        return ValidationResult.of(findings)
    info = _info(digits)
    findings.extend(idn.province_warning(digits, kind="nik", label=_LABEL))
    if jenis_kelamin in ("L", "P") and jenis_kelamin != info.jenis_kelamin:
        findings.append(
            warning(
                "nik.sex_mismatch",
                "nik",
                "The NIK encodes a different sex than the one recorded (women's NIKs have the "
                "birth day + 40); check the KTP-el and correct whichever is wrong.",
            )
        )
    if tanggal_lahir is not None and (
        tanggal_lahir.day,
        tanggal_lahir.month,
        tanggal_lahir.year % 100,
    ) != (info.hari_lahir, info.bulan_lahir, info.tahun_lahir_yy):
        findings.append(
            warning(
                "nik.birth_date_mismatch",
                "nik",
                "The birth date in the NIK differs from the recorded date of birth; check the "
                "KTP-el or KK. A NIK is never changed, so correct the date if it is wrong.",
            )
        )
    if kode_wilayah is not None:
        findings.extend(_region_findings(info, kode_wilayah))
    return ValidationResult.of(findings)


def _region_findings(info: NikInfo, kode_wilayah: str) -> list[Finding]:
    area = normalize_region_code(kode_wilayah)
    level = region_level(area)
    compare_at = level if level.digits < RegionLevel.KECAMATAN.digits else RegionLevel.KECAMATAN
    if parent_code(info.kode_kecamatan, compare_at) == parent_code(area, compare_at):
        return []
    return [
        warning(
            "nik.region_mismatch",
            "nik",
            "The NIK was first issued in another kecamatan. This is normal after a move or a "
            "region split; check the KTP-el only if the person says they never moved.",
        )
    ]


def encode_nik(kode_kecamatan: str, tanggal_lahir: dt.date, jenis_kelamin: str, serial: int) -> str:
    """Build a NIK (for synthetic data and tests). ``kode_kecamatan`` dotted or 6 digits.

    Raises:
        InvalidRegionCode: ``kode_kecamatan`` is not a kecamatan code.
        ValueError: ``jenis_kelamin`` is not L/P or ``serial`` is not 1-9999.
    """
    kecamatan = normalize_region_code(kode_kecamatan)
    if region_level(kecamatan) is not RegionLevel.KECAMATAN:
        raise ValueError("A NIK starts with a kecamatan code (6 digits, e.g. 61.11.02).")
    if jenis_kelamin not in ("L", "P"):
        raise ValueError("jenis_kelamin must be 'L' or 'P'.")
    if not 1 <= serial <= 9999:
        raise ValueError("A NIK serial runs from 1 to 9999.")
    day = tanggal_lahir.day + (idn.FEMALE_DAY_OFFSET if jenis_kelamin == "P" else 0)
    return (
        f"{kecamatan.replace('.', '')}{day:02d}{tanggal_lahir.month:02d}"
        f"{tanggal_lahir.year % 100:02d}{serial:04d}"
    )


def birth_date_candidates(info: NikInfo, reference_date: dt.date) -> tuple[dt.date, ...]:
    """Birth dates the NIK can stand for, newest first: the 2000s and 1900s readings of its
    two-digit year that exist and are not after ``reference_date``. Someone born in 1925 and
    someone born in 2025 share a NIK date, so callers choose (e.g. the one that makes the
    person old enough to hold a KTP-el)."""
    candidates = []
    for century in (2000, 1900):
        try:
            born = dt.date(century + info.tahun_lahir_yy, info.bulan_lahir, info.hari_lahir)
        except ValueError:  # 29 February in 1900
            continue
        if born <= reference_date:
            candidates.append(born)
    return tuple(candidates)

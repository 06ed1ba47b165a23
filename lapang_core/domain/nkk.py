"""NKK (Nomor Kartu Keluarga): 6-digit area + issue date DDMMYY + 4-digit serial.

An NKK changes when a family moves, splits or loses its head, so it is never a stable key.
Its structure is from one credible report (domain note §4 [r]); callers that import existing
lists treat its structural problems as warnings (see ``voter.validate_record``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from lapang_core.domain import _identity_number as idn
from lapang_core.domain.findings import Finding, FindingError, ValidationResult, warning
from lapang_core.domain.region import RegionLevel, normalize_region_code, parent_code, region_level

_LABEL = "NKK"


class InvalidNkk(FindingError):
    """The text is not a structurally valid NKK; ``findings`` lists every problem."""


@dataclasses.dataclass(frozen=True, slots=True)
class NkkInfo:
    kode_provinsi: str  # "61"
    kode_kabupaten: str  # "61.11"
    kode_kecamatan: str  # "61.11.02"
    hari_terbit: int
    bulan_terbit: int
    tahun_terbit_yy: int
    serial: int


def _structural(text: str) -> tuple[str | None, list[Finding]]:
    return idn.structural_findings(
        text, kind="nkk", label=_LABEL, date_label="issue", female_offset=False
    )


def parse_nkk(text: str) -> NkkInfo:
    """Decode an NKK (surrounding whitespace is ignored).

    Raises:
        InvalidNkk: the NKK is malformed; ``.findings`` holds every structural error.
    """
    digits, findings = _structural(text)
    if digits is None:
        raise InvalidNkk(findings)
    provinsi, kabupaten, kecamatan = idn.dotted_area(digits)
    return NkkInfo(
        kode_provinsi=provinsi,
        kode_kabupaten=kabupaten,
        kode_kecamatan=kecamatan,
        hari_terbit=int(digits[6:8]),
        bulan_terbit=int(digits[8:10]),
        tahun_terbit_yy=int(digits[10:12]),
        serial=int(digits[12:]),
    )


def check_nkk(text: str, *, kode_wilayah: str | None = None) -> ValidationResult:
    """Structural problems are errors; an unknown province or an NKK from another kecamatan
    than ``kode_wilayah`` (any level, compared down to the kecamatan) is a warning.

    Raises:
        InvalidRegionCode: ``kode_wilayah`` is not a region code (a caller error).
    """
    digits, findings = _structural(text)
    if digits is None:
        return ValidationResult.of(findings)
    findings.extend(idn.province_warning(digits, kind="nkk", label=_LABEL))
    if kode_wilayah is not None:
        area = normalize_region_code(kode_wilayah)
        level = region_level(area)
        at = level if level.digits < RegionLevel.KECAMATAN.digits else RegionLevel.KECAMATAN
        if parent_code(idn.dotted_area(digits)[2], at) != parent_code(area, at):
            findings.append(
                warning(
                    "nkk.region_mismatch",
                    "nkk",
                    "The KK was issued in another kecamatan. If the family moved out of this "
                    "desa, consider TMS-4; if they moved in, ask for the new KK.",
                )
            )
    return ValidationResult.of(findings)


def encode_nkk(kode_kecamatan: str, issue_date: dt.date, serial: int) -> str:
    """Build an NKK (for synthetic data and tests). ``kode_kecamatan`` dotted or 6 digits.

    Raises:
        ValueError: not a kecamatan code, or ``serial`` is not 1-9999.
    """
    kecamatan = normalize_region_code(kode_kecamatan)
    if region_level(kecamatan) is not RegionLevel.KECAMATAN:
        raise ValueError("An NKK starts with a kecamatan code (6 digits, e.g. 61.11.02).")
    if not 1 <= serial <= 9999:
        raise ValueError("An NKK serial runs from 1 to 9999.")
    return (
        f"{kecamatan.replace('.', '')}{issue_date.day:02d}{issue_date.month:02d}"
        f"{issue_date.year % 100:02d}{serial:04d}"
    )

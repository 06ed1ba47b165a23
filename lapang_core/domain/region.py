"""Kemendagri region codes and TPS ids.

Codes are written dotted (``61.11.02.2003``): province 2 digits, kabupaten/kota 2, kecamatan 2,
desa/kelurahan 4; a TPS id adds a 3-digit number (``61.11.02.2003.001``). Only the shape is
checked here: whether a code exists is a question for the national region table.
"""

from __future__ import annotations

import enum
import functools
import re


class RegionLevel(enum.Enum):
    # value = number of digits once the dots are removed
    PROVINSI = 2
    KABUPATEN = 4
    KECAMATAN = 6
    DESA = 10
    TPS = 13

    @property
    def digits(self) -> int:
        return self.value


_SEGMENTS = (2, 2, 2, 4, 3)
_BY_DIGITS = {level.digits: level for level in RegionLevel}
_DOTTED = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4}(\.[0-9]{3})?)?)?)?")
_UNDOTTED = re.compile(r"[0-9]+")


class InvalidRegionCode(ValueError):
    """A region code or TPS id does not have the Kemendagri shape."""


def _dot(digits: str) -> str:
    parts, start = [], 0
    for size in _SEGMENTS:
        if start >= len(digits):
            break
        parts.append(digits[start : start + size])
        start += size
    return ".".join(parts)


# Cached: an imported list repeats the same few desa codes on every row.
@functools.lru_cache(maxsize=4096)
def normalize_region_code(text: str) -> str:
    """Return the dotted form of a region code or TPS id given dotted or as plain digits.

    >>> normalize_region_code(" 6111022003 ")
    '61.11.02.2003'
    """
    code = text.strip()
    if _DOTTED.fullmatch(code):
        return code
    if _UNDOTTED.fullmatch(code) and len(code) in _BY_DIGITS:
        return _dot(code)
    raise InvalidRegionCode(
        "A region code must be a Kemendagri code such as 61.11.02.2003 "
        "(2, 4, 6 or 10 digits, or 13 for a TPS)."
    )


@functools.lru_cache(maxsize=4096)
def region_level(code: str) -> RegionLevel:
    return _BY_DIGITS[len(normalize_region_code(code).replace(".", ""))]


@functools.lru_cache(maxsize=4096)
def parent_code(code: str, level: RegionLevel) -> str:
    """The code of the region at ``level`` that contains ``code`` (61.11.02.2003 -> 61.11.02)."""
    dotted = normalize_region_code(code)
    if region_level(dotted).digits < level.digits:
        raise InvalidRegionCode(f"The code is coarser than the {level.name.lower()} level.")
    return _dot(dotted.replace(".", "")[: level.digits])


def is_within(code: str, area: str) -> bool:
    """True when region ``code`` lies inside (or is) ``area``; compares whole segments."""
    inner, outer = normalize_region_code(code), normalize_region_code(area)
    return inner == outer or inner.startswith(outer + ".")


def make_tps_id(kode_desa: str, nomor_tps: int) -> str:
    """``make_tps_id("61.11.02.2003", 1) == "61.11.02.2003.001"``."""
    desa = normalize_region_code(kode_desa)
    if region_level(desa) is not RegionLevel.DESA:
        raise InvalidRegionCode("A TPS belongs to a desa/kelurahan: give a 10-digit desa code.")
    if not 1 <= nomor_tps <= 999:
        raise InvalidRegionCode("A TPS number runs from 1 to 999.")
    return f"{desa}.{nomor_tps:03d}"


def parse_tps_id(text: str) -> tuple[str, int]:
    """Split a TPS id into (desa code, TPS number); accepts dotted or 13 plain digits."""
    dotted = normalize_region_code(text)
    if region_level(dotted) is not RegionLevel.TPS:
        raise InvalidRegionCode(
            "A TPS id is the desa code plus a 3-digit TPS number, e.g. 61.11.02.2003.001."
        )
    desa, nomor = dotted.rsplit(".", 1)
    if nomor == "000":
        raise InvalidRegionCode("A TPS number runs from 1 to 999.")
    return desa, int(nomor)

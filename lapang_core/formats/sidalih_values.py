"""Reading and writing single Sidalih CSV values: dates, codes and the spellings that vary
between exports ("LAKI-LAKI" for L, "CERAI MATI" for P, "√" for ✓)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_SESUAI, KETERANGAN_UBAH


class ValueProblem(ValueError):
    """A value cannot be read; ``code`` is a stable key, the message never quotes the value."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _key(text: str) -> str:
    return " ".join(text.upper().replace("_", " ").replace("-", " ").split())


JENIS_KELAMIN_SPELLINGS: Mapping[str, str] = {
    "L": "L",
    "LK": "L",
    "LAKI": "L",
    "LAKI LAKI": "L",
    "P": "P",
    "PR": "P",
    "PEREMPUAN": "P",
    "WANITA": "P",
}
# Dukcapil's five statuses map onto B/S/P (domain note §2).
STATUS_PERKAWINAN_SPELLINGS: Mapping[str, str] = {
    "B": "B",
    "BELUM KAWIN": "B",
    "S": "S",
    "KAWIN": "S",
    "SUDAH KAWIN": "S",
    "KAWIN TERCATAT": "S",
    "KAWIN BELUM TERCATAT": "S",
    "KAWIN TIDAK TERCATAT": "S",
    "P": "P",
    "PERNAH KAWIN": "P",
    "CERAI": "P",
    "CERAI HIDUP": "P",
    "CERAI MATI": "P",
}
STATUS_KTP_EL_SPELLINGS: Mapping[str, str] = {
    "S": "S",
    "SUDAH": "S",
    "Y": "S",
    "YA": "S",
    "ADA": "S",
    "B": "B",
    "BELUM": "B",
    "T": "B",
    "TIDAK": "B",
    "TIDAK ADA": "B",
}
DISABILITAS_SPELLINGS: Mapping[str, int] = {
    "": 0,
    "TIDAK": 0,
    "TIDAK ADA": 0,
    "FISIK": 1,
    "INTELEKTUAL": 2,
    "MENTAL": 3,
    "WICARA": 4,
    "SENSORIK WICARA": 4,
    "RUNGU": 5,
    "SENSORIK RUNGU": 5,
    "NETRA": 6,
    "SENSORIK NETRA": 6,
}
# "√" and "V" are how a tick is typed on keyboards without ✓.
KETERANGAN_SPELLINGS: Mapping[str, str] = {
    "✓": KETERANGAN_SESUAI,
    "✔": KETERANGAN_SESUAI,
    "√": KETERANGAN_SESUAI,
    "V": KETERANGAN_SESUAI,
    "U": KETERANGAN_UBAH,
    "B": KETERANGAN_BARU,
}
# The STATUS column of our exports: Sidalih uses AKTIF/UBAH/BARU; TMS rows get "TMS", our
# choice [i]. The reader ignores STATUS: KET is the authoritative mark.
STATUS_FOR_KETERANGAN: Mapping[str, str] = {
    "": "AKTIF",
    KETERANGAN_SESUAI: "AKTIF",
    KETERANGAN_UBAH: "UBAH",
    KETERANGAN_BARU: "BARU",
}


def spelled(value: str, spellings: Mapping[str, str]) -> str:
    """The canonical code for a known spelling; otherwise the value as given (upper case) so
    that validation reports it as out of domain."""
    return spellings.get(_key(value), value.upper())


def read_keterangan(value: str) -> str:
    key = _key(value)
    if key in ("1", "2", "3", "4", "5", "6", "7", "8"):
        return key
    return KETERANGAN_SPELLINGS.get(key, value)


def read_disabilitas(value: str) -> int:
    key = _key(value)
    if key in ("0", "1", "2", "3", "4", "5", "6"):
        return int(key)
    if key in DISABILITAS_SPELLINGS:
        return DISABILITAS_SPELLINGS[key]
    raise ValueProblem(
        "disabilitas.invalid", "DIS must be 0 (none) or a disability type from 1 to 6."
    )


_DMY = re.compile(r"([0-9]{1,2})[|/.-]([0-9]{1,2})[|/.-]([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def read_date(value: str) -> dt.date | None:
    """``dd|mm|yyyy`` as Sidalih writes it; also dd-mm-yyyy, dd/mm/yyyy and yyyy-mm-dd."""
    if not value:
        return None
    if match := _DMY.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueProblem("tanggal_lahir.format", "TGL_LHR must be a date written dd|mm|yyyy.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(
            "tanggal_lahir.format", "TGL_LHR is not a real calendar date (day or month)."
        ) from None


def write_date(value: dt.date | None) -> str:
    return "" if value is None else f"{value.day:02d}|{value.month:02d}|{value.year:04d}"


_TPS_NUMBER = re.compile(r"(?:TPS)?\s*0*([0-9]{1,3})")


def read_tps_number(value: str) -> int:
    """``001``, ``1`` or ``TPS 001``."""
    match = _TPS_NUMBER.fullmatch(value.upper())
    if match is None or int(match.group(1)) == 0:
        raise ValueProblem("tps.number_invalid", "TPS must be a TPS number from 1 to 999.")
    return int(match.group(1))


def read_code(value: str) -> str:
    """NIK/NKK/ids: spreadsheets prefix a ' to keep long numbers as text; drop it."""
    return value[1:].strip() if value.startswith("'") else value

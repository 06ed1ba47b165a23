"""Column names of Sidalih CSV exports and the variants seen between exports (domain note §2 [i]).

Matching ignores case, spaces, underscores and punctuation: ``Tgl Lhr``, ``TGL_LHR`` and
``tgl-lhr`` are the same column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The layout as KPU-staff tools read it, in export order; also the layout we write.
SIDALIH_COLUMNS: tuple[str, ...] = (
    "KEC_ID",
    "KEL_ID",
    "TPS_ID",
    "TAHAPAN_ID",
    "DPID",
    "NKK",
    "NIK",
    "NAMA",
    "KELAMIN",
    "TMPT_LHR",
    "TGL_LHR",
    "STS",
    "ALAMAT",
    "RT",
    "RW",
    "DIS",
    "EKTP",
    "SUMBER",
    "KET",
    "TPS",
    "STATUS",
    "UPDATED_AT",
)

# Not in the Sidalih layout but seen in hand-made lists: a region code column next to (or
# instead of) Sidalih's KEL_ID/KEC_ID, which in some exports are internal ids.
EXTRA_COLUMNS: tuple[str, ...] = ("KODE_DESA", "KODE_KEC")

ALIASES: Mapping[str, tuple[str, ...]] = {
    "KEC_ID": ("ID_KEC", "KECAMATAN_ID", "ID_KECAMATAN"),
    "KEL_ID": ("ID_KEL", "KELURAHAN_ID", "ID_KELURAHAN", "DESA_ID", "ID_DESA"),
    "KODE_DESA": (
        "KD_DESA",
        "KODE_KEL",
        "KD_KEL",
        "KODE_KELURAHAN",
        "KODE_DESA_KELURAHAN",
        "KODE_WILAYAH",
    ),
    "KODE_KEC": ("KD_KEC", "KODE_KECAMATAN"),
    "TPS_ID": ("ID_TPS", "KODE_TPS"),
    "TAHAPAN_ID": ("ID_TAHAPAN", "TAHAPAN"),
    "DPID": ("ID_PEMILIH", "PEMILIH_ID"),
    "NKK": ("NO_KK", "NOMOR_KK", "KK"),
    "NIK": ("NO_NIK", "NOMOR_NIK"),
    "NAMA": ("NAMA_PEMILIH", "NAMA_LENGKAP"),
    "KELAMIN": ("JENIS_KELAMIN", "JNS_KELAMIN", "JK", "L_P", "SEX"),
    "TMPT_LHR": ("TEMPAT_LAHIR", "TMP_LHR", "TMPT_LAHIR", "TPT_LAHIR", "TEMPAT_LHR"),
    "TGL_LHR": ("TANGGAL_LAHIR", "TGL_LAHIR", "TANGGAL_LHR"),
    "STS": ("KAWIN", "STATUS_KAWIN", "STS_KAWIN", "STATUS_PERKAWINAN", "PERKAWINAN"),
    "ALAMAT": ("ALAMAT_JALAN", "JALAN", "DUKUH"),
    "RT": ("NO_RT",),
    "RW": ("NO_RW",),
    "DIS": ("DISABILITAS", "DIFABEL", "JENIS_DISABILITAS", "DISABILITY"),
    "EKTP": ("KTP_EL", "STATUS_KTP_EL", "STATUS_EKTP"),
    "SUMBER": ("SUMBER_DATA",),
    "KET": ("KETERANGAN",),
    "TPS": ("NO_TPS", "NOMOR_TPS", "TPS_NO"),
    "STATUS": ("STATUS_PEMILIH", "STATUS_DATA"),
    "UPDATED_AT": ("UPDATED", "TGL_UPDATE", "LAST_UPDATE", "DIPERBARUI"),
}

_NOISE = re.compile(r"[^0-9A-Z]")


def squash(name: str) -> str:
    """Comparable form of a header name: upper case, letters and digits only."""
    return _NOISE.sub("", name.upper())


_LOOKUP: Mapping[str, str] = {
    squash(name): canonical
    for canonical in SIDALIH_COLUMNS + EXTRA_COLUMNS
    for name in (canonical, *ALIASES.get(canonical, ()))
}


def canonical_column(name: str) -> str | None:
    """The canonical column a header name stands for, or None if unknown."""
    return _LOOKUP.get(squash(name))

"""The voter record as Model A-Daftar Pemilih holds it (13 elements) plus Sidalih's extras."""

from __future__ import annotations

import dataclasses
import datetime as dt

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

    @property
    def kode_desa(self) -> str:
        return self.tps_id.rsplit(".", 1)[0]

    @property
    def nomor_tps(self) -> int:
        return int(self.tps_id.rsplit(".", 1)[1])

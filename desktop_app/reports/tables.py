"""Report content as plain tables (header + rows), shared by the PDF, CSV and XLSX writers."""

from __future__ import annotations

import dataclasses

from desktop_app.domain.outcomes import TmsCode
from desktop_app.store.coklit_report import DISABILITY_CODES, TMS_CODES, CoklitCounts

DISABILITY_LABELS = {
    1: "Fisik",
    2: "Intelektual",
    3: "Mental",
    4: "Sensorik wicara",
    5: "Sensorik rungu",
    6: "Sensorik netra",
}


@dataclasses.dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def recap_table(counts: CoklitCounts, area_name: str) -> Table:
    """Model A-Laporan Hasil Coklit: one line per item, L / P / total."""
    rows: list[tuple[object, ...]] = []

    def line(label: str, by_sex: dict[str, int]) -> None:
        rows.append((label, by_sex["L"], by_sex["P"], by_sex["L"] + by_sex["P"]))

    line("Pemilih diterima (daftar awal)", counts.received)
    line("Sudah dicek", counts.checked)
    line("Sesuai", counts.sesuai)
    line("Ubah (diperbaiki)", counts.ubah)
    line("Pemilih baru", counts.baru)
    for code in TMS_CODES:
        line(f"TMS {code} – {TmsCode(int(code)).label}", counts.tms[code])
    line("TMS jumlah", counts.tms_total)
    for code in DISABILITY_CODES:
        line(f"Disabilitas {DISABILITY_LABELS[code]}", counts.disabilitas[code])
    line("Hasil coklit (daftar setelah coklit)", counts.result)
    return Table(f"Rekap Hasil Coklit — {area_name}", ("Uraian", "L", "P", "Jumlah"), tuple(rows))


VOTER_LIST_HEADER = (
    "No",
    "NKK",
    "NIK",
    "Nama",
    "Tempat lahir",
    "Tanggal lahir",
    "Kawin",
    "L/P",
    "Alamat",
    "RT",
    "RW",
    "Disabilitas",
    "KTP-el",
    "Keterangan",
)


def voter_list_table(title: str, voters) -> Table:  # voters: iterable of VoterRecord
    rows = []
    for i, v in enumerate(voters, 1):
        rows.append(
            (
                i,
                v.nkk,
                v.nik,
                v.nama,
                v.tempat_lahir,
                v.tanggal_lahir.strftime("%d-%m-%Y") if v.tanggal_lahir else "",
                v.status_perkawinan,
                v.jenis_kelamin,
                v.alamat,
                v.rt,
                v.rw,
                v.disabilitas or "",
                v.status_ktp_el,
                v.keterangan,
            )
        )
    return Table(title, VOTER_LIST_HEADER, tuple(rows))

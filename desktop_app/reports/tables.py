"""Report content as plain tables (header + rows), shared by the PDF, CSV and XLSX writers."""

from __future__ import annotations

import dataclasses

from desktop_app.store.coklit_report import DISABILITY_CODES, TMS_CODES, CoklitCounts
from lapang_core.domain.labels import RECAP_TITLES, disability_line, tms_label


@dataclasses.dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def recap_table(counts: CoklitCounts, area_name: str) -> Table:
    """Model A-Laporan Hasil Coklit: one line per item, L / P / total, in the order and the
    words of the reports window (domain.labels)."""
    rows: list[tuple[object, ...]] = []

    def line(label: str, by_sex: dict[str, int]) -> None:
        rows.append((label, by_sex["L"], by_sex["P"], by_sex["L"] + by_sex["P"]))

    unchecked = {s: counts.received[s] + counts.baru[s] - counts.checked[s] for s in ("L", "P")}
    line(RECAP_TITLES["received"], counts.received)
    line(RECAP_TITLES["checked"], counts.checked)
    line(RECAP_TITLES["unchecked"], unchecked)
    line(RECAP_TITLES["sesuai"], counts.sesuai)
    line(RECAP_TITLES["ubah"], counts.ubah)
    line(RECAP_TITLES["baru"], counts.baru)
    for code in TMS_CODES:
        line(tms_label(code), counts.tms[code])
    line(RECAP_TITLES["tms"], counts.tms_total)
    for code in DISABILITY_CODES:
        line(disability_line(code), counts.disabilitas[code])
    line(RECAP_TITLES["result"], counts.result)
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

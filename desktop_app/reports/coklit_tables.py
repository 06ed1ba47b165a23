"""The coklit report tables beyond the one-area recap (tables.recap_table): one line per TPS of a
desa (or per desa of a kecamatan), Model A-Daftar Perubahan Pemilih, and the area heading every
document starts with. Report text is Bahasa Indonesia whatever the desk's language: these are
KPU documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from desktop_app.reports.tables import Table
from desktop_app.store.coklit_report import CoklitCounts
from desktop_app.store.report_queries import ChangedVoter, CoklitBreakdown
from lapang_core.domain.labels import DISABILITY_LABELS, keterangan_label
from lapang_core.domain.voter import (
    ELEMENTS,
    KETERANGAN_BARU,
    TNI_POLRI_AKTIF,
    TNI_POLRI_BERHENTI,
    VoterRecord,
)

# Model A headings, one per level of a dotted code (2, 4, 6, 10 digits, then the TPS number).
LEVELS = ("Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "TPS")

ELEMENT_LABELS = {
    "nkk": "NKK",
    "nik": "NIK",
    "nama": "Nama",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "status_perkawinan": "Status perkawinan",
    "jenis_kelamin": "Jenis kelamin",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "disabilitas": "Disabilitas",
    "status_ktp_el": "Status KTP-el",
}


def heading_lines(area: str | None, names: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """("Provinsi", "Riau (14)"), …, ("TPS", "001") for the area and every level above it."""
    if not area:
        return (("Wilayah", "Semua wilayah di laptop ini"),)
    parts = area.split(".")
    lines = []
    for depth in range(1, len(parts) + 1):
        code = ".".join(parts[:depth])
        if depth == 5:
            lines.append((LEVELS[4], parts[4]))
        else:
            name = names.get(code)
            lines.append((LEVELS[depth - 1], f"{name} ({code})" if name else code))
    return tuple(lines)


def area_label(area: str | None, names: Mapping[str, str]) -> str:
    """A short name for titles: "TPS 001 Bangkinang", "Bangkinang", "Semua wilayah"."""
    if not area:
        return "Semua wilayah"
    if area.count(".") == 4:
        desa, nomor = area.rsplit(".", 1)
        return f"TPS {nomor} {names.get(desa, desa)}"
    return names.get(area, area)


def _part_label(code: str, names: Mapping[str, str]) -> str:
    if code.count(".") == 4:
        return f"TPS {code.rsplit('.', 1)[1]}"
    return f"{names.get(code, code)} ({code})"


PARTS_HEADER = (
    "Wilayah",
    "Diterima L",
    "Diterima P",
    "Diterima",
    "Sudah dicek",
    "Belum dicek",
    "Sesuai",
    "Ubah",
    "Baru",
    "TMS",
    "Hasil L",
    "Hasil P",
    "Hasil",
)


def unchecked(counts: CoklitCounts) -> int:
    """Rows not checked yet: every row (received and baru) minus the checked ones."""
    rows = sum(counts.received.values()) + sum(counts.baru.values())
    return rows - sum(counts.checked.values())


def _part_row(label: str, c: CoklitCounts) -> tuple[object, ...]:
    return (
        label,
        c.received["L"],
        c.received["P"],
        sum(c.received.values()),
        sum(c.checked.values()),
        unchecked(c),
        sum(c.sesuai.values()),
        sum(c.ubah.values()),
        sum(c.baru.values()),
        sum(c.tms_total.values()),
        c.result["L"],
        c.result["P"],
        sum(c.result.values()),
    )


def parts_table(breakdown: CoklitBreakdown, names: Mapping[str, str]) -> Table:
    """One line per TPS of a desa (per desa of a kecamatan, …) and a total line: the PPS's view
    of which TPS are done."""
    by_tps = bool(breakdown.parts) and breakdown.parts[0][0].count(".") == 4
    rows = [_part_row(_part_label(code, names), counts) for code, counts in breakdown.parts]
    rows.append(_part_row("Jumlah", breakdown.total))
    header = ("TPS" if by_tps else "Wilayah", *PARTS_HEADER[1:])
    title = f"Rekap per {'TPS' if by_tps else 'wilayah'} — {area_label(breakdown.area, names)}"
    return Table(title, header, tuple(rows))


# -- Model A-Daftar Perubahan Pemilih ---------------------------------------------------------
CHANGE_IDENTITY = ("No", "TPS", "NIK", "Nama", "L/P", "Keterangan")
CHANGES_HEADER = (*CHANGE_IDENTITY, "Elemen", "Semula", "Menjadi")


def keterangan_text(mark: str) -> str:
    """The keterangan as the desk's table shows it (domain.labels): 'TMS-1 Meninggal dunia'."""
    return keterangan_label(mark)


def element_value(name: str, value: Any) -> str:
    """An element as the paper form writes it: dates dd-mm-yyyy, disability by type."""
    if value is None or value == "":
        return "—"
    if name == "tanggal_lahir":
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return date.strftime("%d-%m-%Y")
    if name == "disabilitas":
        code = int(value or 0)
        return f"{code} {DISABILITY_LABELS[code]}" if code in DISABILITY_LABELS and code else "—"
    return str(value)


def eligibility_lines(voter: VoterRecord) -> list[tuple[str, str]]:
    """(label, value) for each eligibility condition the voter's record holds (domain note §4,
    §3 Baru): a baru who left TNI/Polri is written with the SK pemberhentian that proves it,
    and a PPS checking the list sees any condition that keeps someone from voting."""
    lines = []
    if voter.status_tni_polri == TNI_POLRI_BERHENTI:
        lines.append(("SK pemberhentian TNI/Polri", voter.sk_pemberhentian or "—"))
    elif voter.status_tni_polri == TNI_POLRI_AKTIF:
        lines.append(("Status TNI/Polri", "Aktif (tidak memilih)"))
    if voter.hak_pilih_dicabut:
        lines.append(("Hak pilih", "Dicabut putusan pengadilan"))
    return lines


def change_list_table(title: str, changes: Sequence[ChangedVoter]) -> Table:
    """Model A-Daftar Perubahan Pemilih: each changed voter with, for a correction, one line per
    element from its original value to the current one (the struck-out value and the new one on
    paper). Identity columns repeat on every line so a spreadsheet can be sorted and filtered."""
    rows: list[tuple[object, ...]] = []
    for no, change in enumerate(changes, 1):
        v = change.record
        ident = (
            no,
            v.tps_id.rsplit(".", 1)[-1],
            v.nik,
            v.nama,
            v.jenis_kelamin,
            keterangan_text(v.keterangan),
        )
        corrected = [name for name in ELEMENTS if name in change.original_values]
        conditions = eligibility_lines(v)
        if not corrected and not conditions:
            rows.append((*ident, "—", "—", "—"))
        rows.extend((*ident, label, "—", value) for label, value in conditions)
        for name in corrected:
            rows.append(
                (
                    *ident,
                    ELEMENT_LABELS[name],
                    element_value(name, change.original_values[name]),
                    element_value(name, getattr(v, name)),
                )
            )
    return Table(title, CHANGES_HEADER, tuple(rows))


@dataclasses.dataclass(frozen=True)
class ChangeSummary:
    voters: int
    corrected: int
    baru: int
    tms: int


def change_summary(changes: Sequence[ChangedVoter]) -> ChangeSummary:
    marks = [c.record.keterangan for c in changes]
    return ChangeSummary(
        voters=len(changes),
        corrected=sum(1 for c in changes if c.original_values),
        baru=marks.count(KETERANGAN_BARU),
        tms=sum(1 for m in marks if m.isdigit()),
    )

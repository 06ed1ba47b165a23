"""The Indonesian words KPU uses for the list's codes: TMS codes, disability types, keterangan
marks and the lines of Model A-Laporan Hasil Coklit. The printed forms use these directly (they
are KPU documents, Bahasa Indonesia whatever the desk's language); the desk shows the same words
through Qt's translation (ui/labels.py, ui/reports/lines.py mark them for pyside6-lupdate, which
needs literals there), and tests/reports/test_print_labels.py holds the two to the same text."""

from __future__ import annotations

import types
from collections.abc import Mapping

from lapang_core.domain.outcomes import TmsCode
from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_SESUAI, KETERANGAN_UBAH

# Model A-Daftar Pemilih, kolom disabilitas (kpu-domain.md: 1 fisik … 6 sensorik netra).
DISABILITY_LABELS: Mapping[int, str] = types.MappingProxyType(
    {
        0: "Tidak ada",
        1: "Fisik",
        2: "Intelektual",
        3: "Mental",
        4: "Sensorik wicara",
        5: "Sensorik rungu",
        6: "Sensorik netra",
    }
)

# The recap's own lines, keyed as the reports window keys them.
RECAP_TITLES: Mapping[str, str] = types.MappingProxyType(
    {
        "received": "Pemilih diterima (daftar awal)",
        "checked": "Sudah dicek",
        "unchecked": "Belum dicek",
        "sesuai": "Sesuai",
        "ubah": "Ubah (diperbaiki)",
        "baru": "Pemilih baru",
        "tms": "TMS jumlah",
        "result": "Hasil coklit (daftar setelah coklit)",
    }
)


def tms_label(code: TmsCode | int | str) -> str:
    """'TMS-1 Meninggal dunia': the code as the form writes it, then its meaning."""
    tms = TmsCode(int(code))
    return f"TMS-{int(tms)} {tms.label}"


def disability_label(code: int) -> str:
    """'Fisik', 'Sensorik wicara'; '—' for a code the form does not have."""
    return DISABILITY_LABELS.get(int(code), "—")


def disability_line(code: int) -> str:
    """A recap line: 'Disabilitas sensorik wicara' (one sentence, one capital)."""
    return f"Disabilitas {disability_label(code).lower()}"


def keterangan_label(mark: str) -> str:
    """The keterangan column: '✓ Sesuai', 'U Ubah', 'B Baru', 'TMS-1 Meninggal dunia'."""
    if mark == KETERANGAN_SESUAI:
        return "✓ Sesuai"
    if mark == KETERANGAN_UBAH:
        return "U Ubah"
    if mark == KETERANGAN_BARU:
        return "B Baru"
    if mark.isdigit() and 1 <= int(mark) <= 8:
        return tms_label(int(mark))
    return "Belum dicek"

"""The lines of the coklit recap as the window shows them (the same items as the exported Model
A-Laporan Hasil Coklit, worded in the desk's language), each with a key tests and charts use."""

from __future__ import annotations

import dataclasses

from desktop_app.store.coklit_report import DISABILITY_CODES, TMS_CODES, CoklitCounts
from desktop_app.ui import labels
from desktop_app.ui.qt import QT_TRANSLATE_NOOP, translate

CTX = "Reports"

_TITLES = {
    "received": QT_TRANSLATE_NOOP("Reports", "Pemilih diterima (daftar awal)"),
    "checked": QT_TRANSLATE_NOOP("Reports", "Sudah dicek"),
    "unchecked": QT_TRANSLATE_NOOP("Reports", "Belum dicek"),
    "sesuai": QT_TRANSLATE_NOOP("Reports", "Sesuai"),
    "ubah": QT_TRANSLATE_NOOP("Reports", "Ubah (diperbaiki)"),
    "baru": QT_TRANSLATE_NOOP("Reports", "Pemilih baru"),
    "tms": QT_TRANSLATE_NOOP("Reports", "TMS jumlah"),
    "result": QT_TRANSLATE_NOOP("Reports", "Hasil coklit (daftar setelah coklit)"),
}
# Lines that are sums of others: shown bold.
TOTAL_KEYS = frozenset({"received", "tms", "result"})


@dataclasses.dataclass(frozen=True)
class Line:
    key: str  # "received", "sesuai", "tms.4", "dis.2", …
    label: str
    l: int  # noqa: E741 - the form's own column name (laki-laki)
    p: int

    @property
    def total(self) -> int:
        return self.l + self.p


def unchecked_by_sex(counts: CoklitCounts) -> dict[str, int]:
    """Rows nobody has checked yet: received and new rows minus the checked ones."""
    return {s: counts.received[s] + counts.baru[s] - counts.checked[s] for s in ("L", "P")}


def _line(key: str, by_sex: dict[str, int], label: str | None = None) -> Line:
    return Line(key, label or translate(CTX, _TITLES[key]), by_sex["L"], by_sex["P"])


def tms_line(code: str, counts: CoklitCounts) -> Line:
    label = (
        translate("Reports", "TMS-%1 %2").replace("%1", code).replace("%2", labels.tms(int(code)))
    )
    return _line(f"tms.{code}", counts.tms[code], label)


def disability_line(code: int, counts: CoklitCounts) -> Line:
    label = translate("Reports", "Disabilitas %1").replace(
        "%1", labels.choice(labels.DISABILITAS, code).lower()
    )
    return _line(f"dis.{code}", counts.disabilitas[code], label)


def recap_lines(counts: CoklitCounts) -> list[Line]:
    """Every line of the recap table, in the form's order."""
    return [
        _line("received", counts.received),
        _line("checked", counts.checked),
        _line("unchecked", unchecked_by_sex(counts)),
        _line("sesuai", counts.sesuai),
        _line("ubah", counts.ubah),
        _line("baru", counts.baru),
        *(tms_line(code, counts) for code in TMS_CODES),
        _line("tms", counts.tms_total),
        *(disability_line(code, counts) for code in DISABILITY_CODES),
        _line("result", counts.result),
    ]


def outcome_lines(counts: CoklitCounts) -> list[Line]:
    """What checking found, one bar each: the four outcomes (TMS by code) and what is left."""
    return [
        _line("sesuai", counts.sesuai),
        _line("ubah", counts.ubah),
        _line("baru", counts.baru),
        *(tms_line(code, counts) for code in TMS_CODES),
        _line("unchecked", unchecked_by_sex(counts)),
    ]


def disability_lines(counts: CoklitCounts) -> list[Line]:
    return [disability_line(code, counts) for code in DISABILITY_CODES]

"""The numbers of Model A-Laporan Hasil Coklit, per TPS or per desa: received, new, TMS by code and
sex, corrected, disability by type and sex — counted from the voter rows as they stand."""

from __future__ import annotations

import dataclasses

import sqlite_utils

from desktop_app.store.voter_queries import area_clause

TMS_CODES = tuple(str(c) for c in range(1, 9))
DISABILITY_CODES = tuple(range(1, 7))


@dataclasses.dataclass
class CoklitCounts:
    """Counts split by sex: each value is a dict {"L": n, "P": n}."""

    area: str
    received: dict[str, int]  # rows on the list as handed over (everything but baru)
    checked: dict[str, int]
    sesuai: dict[str, int]
    ubah: dict[str, int]
    baru: dict[str, int]
    tms: dict[str, dict[str, int]]  # code -> sex -> n
    disabilitas: dict[int, dict[str, int]]  # type -> sex -> n (of voters still eligible)
    result: dict[str, int]  # received + baru - TMS: the list after coklit

    @property
    def tms_total(self) -> dict[str, int]:
        return {s: sum(self.tms[c][s] for c in TMS_CODES) for s in ("L", "P")}


def _zero() -> dict[str, int]:
    return {"L": 0, "P": 0}


def coklit_counts(db: sqlite_utils.Database, area: str) -> CoklitCounts:
    """Counts for a TPS id or any region code (desa, kecamatan, …), in one pass over its rows."""
    where, params = area_clause(area)
    rows = db.execute(
        "SELECT keterangan, jenis_kelamin, disabilitas, count(*) FROM voters "
        f"WHERE {where or '1 = 1'} GROUP BY 1, 2, 3",
        params,
    ).fetchall()
    counts = CoklitCounts(
        area=area,
        received=_zero(),
        checked=_zero(),
        sesuai=_zero(),
        ubah=_zero(),
        baru=_zero(),
        tms={c: _zero() for c in TMS_CODES},
        disabilitas={d: _zero() for d in DISABILITY_CODES},
        result=_zero(),
    )
    marks = {"✓": counts.sesuai, "U": counts.ubah, "B": counts.baru}
    for keterangan, sex, disabilitas, n in rows:
        if sex not in ("L", "P"):
            continue
        if keterangan != "B":
            counts.received[sex] += n
        if keterangan:
            counts.checked[sex] += n
        if keterangan in marks:
            marks[keterangan][sex] += n
        is_tms = keterangan in counts.tms
        if is_tms:
            counts.tms[keterangan][sex] += n
        elif disabilitas in counts.disabilitas:
            counts.disabilitas[disabilitas][sex] += n
        if not is_tms:
            counts.result[sex] += n
    return counts

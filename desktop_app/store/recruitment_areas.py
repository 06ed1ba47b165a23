"""Where ad hoc bodies can be recruited on this laptop: the kecamatan (PPK), desa/kelurahan (PPS)
and TPS (KPPS, Pantarlih) in the store, with their names, for the application form's pickers.

Read-only. TPS come from the TPS table and from the voters' own TPS ids (an older import may
have voters whose TPS row is missing), each with its voter count: a TPS above 400 voters gets a
second Pantarlih (domain note §6)."""

from __future__ import annotations

import dataclasses

import sqlite_utils

from lapang_core.domain.region import InvalidRegionCode, RegionLevel, region_level


@dataclasses.dataclass(frozen=True)
class NamedRegion:
    kode: str  # dotted Kemendagri code
    nama: str


@dataclasses.dataclass(frozen=True)
class TpsArea:
    tps_id: str  # desa code + '.' + 3-digit number
    voters: int

    @property
    def kode_desa(self) -> str:
        return self.tps_id.rsplit(".", 1)[0]

    @property
    def nomor(self) -> str:
        return self.tps_id.rsplit(".", 1)[1]


@dataclasses.dataclass(frozen=True)
class RecruitmentAreas:
    kecamatan: tuple[NamedRegion, ...]
    desa: tuple[NamedRegion, ...]
    tps: tuple[TpsArea, ...]
    names: dict[str, str]  # every region code in the store -> its name

    def name(self, kode: str) -> str:
        """The region's name, or the code itself when the store has no name for it."""
        return self.names.get(kode, kode)

    def tps_voters(self, tps_id: str) -> int | None:
        return next((t.voters for t in self.tps if t.tps_id == tps_id), None)


def recruitment_areas(db: sqlite_utils.Database) -> RecruitmentAreas:
    """Every kecamatan, desa/kelurahan and TPS this laptop knows, sorted by code."""
    names: dict[str, str] = {}
    by_level: dict[RegionLevel, list[NamedRegion]] = {
        RegionLevel.KECAMATAN: [],
        RegionLevel.DESA: [],
    }
    for kode, nama in db.execute("SELECT kode, nama FROM regions ORDER BY kode"):
        names[kode] = nama
        try:
            level = region_level(kode)
        except InvalidRegionCode:
            continue  # a malformed row must not hide every other region from the picker
        if level in by_level:
            by_level[level].append(NamedRegion(kode, nama))
    counts = dict(db.execute("SELECT tps_id, count(*) FROM voters GROUP BY tps_id").fetchall())
    tps_ids = {row[0] for row in db.execute("SELECT id FROM tps")} | counts.keys()
    tps = tuple(TpsArea(t, counts.get(t, 0)) for t in sorted(tps_ids))
    return RecruitmentAreas(
        tuple(by_level[RegionLevel.KECAMATAN]), tuple(by_level[RegionLevel.DESA]), tps, names
    )

"""How working areas read in the pickers, the list and the receipt: names first, the code last
(officers know their desa by name; the code settles which of two same-named desa is meant)."""

from __future__ import annotations

from desktop_app.store.recruitment_areas import RecruitmentAreas
from desktop_app.ui.qt import QLocale, translate
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.region import InvalidRegionCode, RegionLevel, parent_code, region_level


class AreaLabels:
    def __init__(self, areas: RecruitmentAreas) -> None:
        self.areas = areas

    def desa_name(self, kode: str) -> str:
        """'Desa Sukamaju' or 'Kel. Sukamaju' (the 7th digit: 1 kelurahan, 2 desa)."""
        digits = kode.replace(".", "")
        prefix = (
            translate("RecruitmentAreas", "Kel.")
            if len(digits) == 10 and digits[6] == "1"
            else translate("RecruitmentAreas", "Desa")
        )
        return f"{prefix} {self.areas.name(kode)}"

    def kecamatan_name(self, kode: str) -> str:
        return translate("RecruitmentAreas", "Kec. %1").replace("%1", self.areas.name(kode))

    def name(self, code: str) -> str:
        """A readable name for a kecamatan, desa or TPS code, with its parents."""
        if not code:
            return ""
        try:
            level = region_level(code)
        except InvalidRegionCode:
            return code
        if level is RegionLevel.TPS:
            desa, nomor = code.rsplit(".", 1)
            return (
                translate("RecruitmentAreas", "TPS %1, %2")
                .replace("%1", nomor)
                .replace("%2", self.name(desa))
            )
        if level is RegionLevel.DESA:
            kecamatan = parent_code(code, RegionLevel.KECAMATAN)
            return f"{self.desa_name(code)}, {self.kecamatan_name(kecamatan)}"
        if level is RegionLevel.KECAMATAN:
            kabupaten = parent_code(code, RegionLevel.KABUPATEN)
            return f"{self.kecamatan_name(code)}, {self.areas.name(kabupaten)}"
        return self.areas.name(code)

    def items_for(self, body: AdhocBody) -> list[tuple[str, str]]:
        """(code, label) pairs for the working-area picker of ``body``."""
        if body.level is RegionLevel.KECAMATAN:
            return [(r.kode, f"{self.name(r.kode)} · {r.kode}") for r in self.areas.kecamatan]
        if body.level is RegionLevel.DESA:
            return self.desa_items()
        # KPPS and Pantarlih apply at the PPS office, often before PPS has placed them at a TPS:
        # their desa is a valid working area too (the rules count the desa's residents).
        undecided = [
            (
                r.kode,
                translate("RecruitmentAreas", "%1 · TPS ditentukan PPS kemudian · %2")
                .replace("%1", self.name(r.kode))
                .replace("%2", r.kode),
            )
            for r in self.areas.desa
        ]
        locale = QLocale()
        return undecided + [
            (
                t.tps_id,
                translate("RecruitmentAreas", "%1 · %2 pemilih · %3")
                .replace("%1", self.name(t.tps_id))
                .replace("%2", locale.toString(t.voters))
                .replace("%3", t.tps_id),
            )
            for t in self.areas.tps
        ]

    def desa_items(self) -> list[tuple[str, str]]:
        return [(r.kode, f"{self.name(r.kode)} · {r.kode}") for r in self.areas.desa]

    def seats_note(self, body: AdhocBody, area_code: str) -> str:
        """How many members the body has per unit, and who goes to interview (PKPU 8/2022)."""
        if body is AdhocBody.PPK:
            return translate(
                "RecruitmentAreas",
                "PPK: 5 anggota per kecamatan; 15 pelamar terbaik (3× kursi) diwawancarai.",
            )
        if body is AdhocBody.PPS:
            return translate(
                "RecruitmentAreas",
                "PPS: 3 anggota per desa/kelurahan; 6 pelamar terbaik diwawancarai "
                "(3 ditetapkan, 3 cadangan).",
            )
        if body is AdhocBody.KPPS:
            return translate("RecruitmentAreas", "KPPS: 7 anggota per TPS (1 ketua, 6 anggota).")
        voters = self.areas.tps_voters(area_code)
        seats = body.seats_for(voters or 0)
        if voters is None:
            return translate(
                "RecruitmentAreas", "Pantarlih: 1 orang per TPS, 2 bila pemilihnya lebih dari 400."
            )
        return (
            translate(
                "RecruitmentAreas",
                "Pantarlih: %1 orang untuk TPS ini (%2 pemilih; 2 bila lebih dari 400).",
            )
            .replace("%1", str(seats))
            .replace("%2", QLocale().toString(voters))
        )

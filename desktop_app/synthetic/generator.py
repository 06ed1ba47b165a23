"""Synthetic voter lists: invented people in real desa, streamed one record at a time.

``generate_voters`` yields a list in TPS order (desa code, then TPS number), household by
household, without holding the list in memory: a million voters stream in bounded memory. The
same seed gives the same list. NIKs and NKKs follow their real layout (domain note section 4),
are unique within a list, and agree with each voter's birth date, sex and kecamatan.

Every name, date and address is an invented combination; a NIK may by chance equal a real
person's NIK (they are only region + birth date + a small serial), but nothing else about that
person is theirs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import pathlib
import random
from collections.abc import Callable, Iterable, Iterator

from desktop_app.synthetic import names
from desktop_app.synthetic.errors import SerialExhausted
from desktop_app.synthetic.population import (
    ROLE_PARENT,
    ROLE_SINGLE,
    ROLE_SPOUSE,
    PopulationModel,
)
from desktop_app.synthetic.regions import (
    DesaInfo,
    demo_regions_path,
    desa_from_rows,
    load_region_rows,
)
from desktop_app.synthetic.tps_plan import TpsInfo, plan_tps
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import VoterRecord

__all__ = [
    "demo_regions_path",
    "generate_tps",
    "generate_voters",
    "load_region_rows",
    "write_voters_csv",
]

DEFAULT_TPS_SIZE = (250, 300)  # Pemilu 2024: at most 300 voters per TPS

_MAX_SERIAL = 9999
# A KK is reissued whenever the family changes; most in use were issued in the last 15 years.
_KK_MAX_AGE_DAYS = 15 * 365
_KK_MIN_AGE_DAYS = 30

# Disability type 1..6 (fisik, intelektual, mental, wicara, rungu, netra): physical and visual
# impairments dominate in the 2024 lists.
_DISABILITAS_CUM = tuple(itertools.accumulate((0.40, 0.08, 0.14, 0.08, 0.12, 0.18)))


def generate_tps(
    regions: Iterable[tuple[str, str]],
    n_voters: int,
    *,
    seed: int = 0,
    tps_size: tuple[int, int] = DEFAULT_TPS_SIZE,
) -> list[TpsInfo]:
    """The TPS that ``generate_voters`` with the same arguments fills, in the same order.

    Raises:
        NoDesaError, InvalidTpsSize, TpsCapacityError
    """
    desa = desa_from_rows(regions)
    return plan_tps([d.kode for d in desa], n_voters, tps_size, seed)


def generate_voters(
    regions: Iterable[tuple[str, str]],
    n_voters: int,
    *,
    seed: int = 0,
    election_date: dt.date,
    tps_size: tuple[int, int] = DEFAULT_TPS_SIZE,
) -> Iterator[VoterRecord]:
    """Stream ``n_voters`` invented voters spread over the desa in ``regions``.

    ``regions`` are (dotted code, name) rows at any level (``load_region_rows`` output); only
    desa/kelurahan rows receive voters, the others supply kecamatan and kabupaten names. TPS
    sizes follow the rule in ``tps_plan``. Everyone is eligible on ``election_date``.

    Arguments are checked before the first record, so a bad call fails here, not mid-stream.

    Raises:
        NoDesaError, InvalidTpsSize, TpsCapacityError: the list cannot be made as asked.
        SerialExhausted (while streaming): one kecamatan would need more than 9999 NIKs for a
            single birth date and sex, i.e. tens of millions of voters in one kecamatan.
    """
    desa = desa_from_rows(regions)
    plan = plan_tps([d.kode for d in desa], n_voters, tps_size, seed)
    by_code = {d.kode: d for d in desa}
    return _VoterStream(seed, election_date).records([(by_code[t.kode_desa], t) for t in plan])


def write_voters_csv(
    path: str | pathlib.Path,
    n_voters: int,
    *,
    regions: Iterable[tuple[str, str]] | None = None,
    seed: int = 0,
    election_date: dt.date,
    tps_size: tuple[int, int] = DEFAULT_TPS_SIZE,
) -> int:
    """Write a synthetic list as a Sidalih CSV export; return the number of voters written.

    Without ``regions`` the demo region fixture is used. The file appears complete or not at
    all: it is written beside ``path`` under a temporary name and then renamed.
    """
    from lapang_core.formats.sidalih import write_sidalih

    target = pathlib.Path(path)
    rows = load_region_rows(demo_regions_path()) if regions is None else regions
    records = generate_voters(
        rows, n_voters, seed=seed, election_date=election_date, tps_size=tps_size
    )
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            written = write_sidalih(records, stream)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return written


class _VoterStream:
    """The state of one generated list. Serial counters are per kecamatan and reset when the
    stream moves on (desa are sorted, so a kecamatan's desa are contiguous): memory stays
    bounded by the number of distinct birth dates, whatever the list size."""

    def __init__(self, seed: int, election_date: dt.date) -> None:
        if not isinstance(election_date, dt.date):
            raise TypeError("election_date must be a datetime.date.")
        self._rng = random.Random(f"lapang-voters:{seed}")
        self._rnd = self._rng.random
        self._population = PopulationModel(self._rng)
        self._election = election_date
        self._election_ord = election_date.toordinal()
        self._birth_ranges: dict[int, tuple[int, int]] = {}
        # Born 1998 or later: first names from the modern lists become likely.
        self._modern_max_age = election_date.year - 1998
        self._mixes: dict[str, tuple[list[names.NamePool], list[float]]] = {}

    # --- helpers -----------------------------------------------------------------------------

    def _birth_range(self, age: int) -> tuple[int, int]:
        """First and last ordinal of a birth date that makes someone ``age`` on election day."""
        found = self._birth_ranges.get(age)
        if found is None:
            found = (
                _years_before(self._election, age + 1).toordinal() + 1,
                _years_before(self._election, age).toordinal(),
            )
            self._birth_ranges[age] = found
        return found

    def _mix(self, kode_provinsi: str) -> tuple[list[names.NamePool], list[float]]:
        found = self._mixes.get(kode_provinsi)
        if found is None:
            mix = names.regional_mix(kode_provinsi)
            pools = [names.POOLS[key] for key, _ in mix]
            found = (pools, list(itertools.accumulate(w for _, w in mix)))
            self._mixes[kode_provinsi] = found
        return found

    def _pick_pool(self, mix: tuple[list[names.NamePool], list[float]]) -> names.NamePool:
        pools, cum = mix
        return pools[bisect.bisect(cum, self._rnd() * cum[-1])]

    def _name(self, pool: names.NamePool, sex: str, age: int, family: str) -> str:
        rnd = self._rnd
        male = sex == "L"
        if age <= self._modern_max_age and rnd() < pool.p_modern:
            firsts = names.MODERN_MALE if male else names.MODERN_FEMALE
            seconds = names.MODERN_MALE_SECOND if male else names.MODERN_FEMALE_SECOND
        else:
            firsts = pool.male_first if male else pool.female_first
            seconds = pool.male_second if male else pool.female_second
        first = firsts[int(rnd() * len(firsts))]
        parts = [first]
        if pool.p_prefix and rnd() < pool.p_prefix:
            prefixes = pool.male_prefix if male else pool.female_prefix
            prefix = prefixes[int(rnd() * len(prefixes))]
            if not first.startswith(prefix):
                parts.insert(0, prefix)
        if rnd() < pool.p_second:
            second = seconds[int(rnd() * len(seconds))]
            if second not in first:
                parts.append(second)
        if family:
            # Batak women carry their marga after "BR" (boru).
            parts.append(family if male or rnd() < 0.5 else "BR " + family)
        return " ".join(parts)

    def _tempat_lahir(self, pool: names.NamePool, age: int, desa: DesaInfo) -> str:
        rnd = self._rnd
        # Older members of migrant families were mostly born back home; their children here.
        if pool.origin_places and rnd() < (0.55 if age >= 35 else 0.1):
            return pool.origin_places[int(rnd() * len(pool.origin_places))]
        r = rnd()
        if r < 0.45:
            return desa.nama_kabupaten
        if r < 0.60:
            return desa.nama_kecamatan
        if r < 0.80:
            return desa.nama
        towns = names.PROVINCE_PLACES.get(desa.kode_provinsi)
        return towns[int(rnd() * len(towns))] if towns else desa.nama_kabupaten

    # --- the stream --------------------------------------------------------------------------

    def records(self, plan: list[tuple[DesaInfo, TpsInfo]]) -> Iterator[VoterRecord]:
        rnd = self._rnd
        population = self._population
        election_ord = self._election_ord
        birth_range = self._birth_range
        fromordinal = dt.date.fromordinal
        name_of = self._name
        tempat_of = self._tempat_lahir
        # DPIDs: a seed-dependent block of a million ids, so lists made with different seeds
        # rarely share ids when combined in a test.
        dpid = 1_000_000_000 + self._rng.randrange(8_000) * 1_000_000

        kecamatan = ""
        nik_serials: dict[int, int] = {}
        nkk_serials: dict[int, int] = {}
        current_desa = ""
        rw = rt_base = 0
        dusun = ""
        streets: tuple[str, str] = ("", "")
        mix = self._mix("")
        for desa, tps in plan:
            if desa.kode_kecamatan != kecamatan:
                kecamatan = desa.kode_kecamatan
                nik_serials = {}
                nkk_serials = {}
            if desa.kode != current_desa:
                current_desa = desa.kode
                rw = rt_base = 0
                mix = self._mix(desa.kode_provinsi)
            # An RW (with its dusun or streets) is served by one or two TPS.
            if tps.nomor == 1 or rnd() < 0.7:
                rw += 1
                rt_base = 0
                dusun = _pick(rnd, names.DUSUN_NAMES)
                streets = (_pick(rnd, names.STREET_NAMES), _pick(rnd, names.STREET_NAMES))
            n_rt = 3 + int(4 * rnd())
            rw_text = f"{rw:03d}"
            size = tps.n_voters
            offset = 0
            while offset < size:
                members = population.household(population.household_size(size - offset))
                rt_text = f"{rt_base + 1 + offset * n_rt // size:03d}"
                alamat = self._alamat(desa, dusun, streets)
                head_age = members[0][1]
                back = min(_KK_MAX_AGE_DAYS, max(_KK_MIN_AGE_DAYS, (head_age - 17) * 365))
                issue_ord = election_ord - _KK_MIN_AGE_DAYS - int(rnd() * back)
                serial = nkk_serials.get(issue_ord, 0) + 1
                if serial > _MAX_SERIAL:
                    raise SerialExhausted(_EXHAUSTED)
                nkk_serials[issue_ord] = serial
                nkk = encode_nkk(kecamatan, fromordinal(issue_ord), serial)
                pool = self._pick_pool(mix)
                family = ""
                if pool.family and rnd() < pool.p_family:
                    family = _pick(rnd, pool.family)
                for sex, age, status, role in members:
                    member_pool = pool
                    member_family = family
                    # Wives, mothers-in-law and people living alone may come from another
                    # tradition and carry their own family name.
                    if role in (ROLE_SPOUSE, ROLE_SINGLE) or (role == ROLE_PARENT and sex == "P"):
                        if rnd() < 0.15:
                            member_pool = self._pick_pool(mix)
                        if family and member_pool.family:
                            member_family = _pick(rnd, member_pool.family)
                        else:
                            member_family = ""
                    lo, hi = birth_range(age)
                    birth_ord = lo + int(rnd() * (hi - lo + 1))
                    birth = fromordinal(birth_ord)
                    key = birth_ord * 2 + (sex == "P")
                    serial = nik_serials.get(key, 0) + 1
                    if serial > _MAX_SERIAL:
                        raise SerialExhausted(_EXHAUSTED)
                    nik_serials[key] = serial
                    dpid += 1
                    yield VoterRecord(
                        nkk=nkk,
                        nik=encode_nik(kecamatan, birth, sex, serial),
                        nama=name_of(member_pool, sex, age, member_family),
                        tempat_lahir=tempat_of(member_pool, age, desa),
                        tanggal_lahir=birth,
                        status_perkawinan=status,
                        jenis_kelamin=sex,
                        alamat=alamat,
                        rt=rt_text,
                        rw=rw_text,
                        disabilitas=self._disabilitas(age),
                        status_ktp_el=self._status_ktp_el(age),
                        tps_id=tps.tps_id,
                        keterangan="",
                        sumber=self._sumber(),
                        dpid=str(dpid),
                    )
                offset += len(members)
            rt_base += n_rt

    def _alamat(self, desa: DesaInfo, dusun: str, streets: tuple[str, str]) -> str:
        rnd = self._rnd
        r = rnd()
        if desa.kelurahan:
            street = streets[0] if rnd() < 0.6 else streets[1]
            if r < 0.6:
                return f"JL. {street} NO. {1 + int(120 * rnd())}"
            if r < 0.85:
                return f"GG. {_pick(rnd, names.GANG_NAMES)}"
            return f"JL. {street}"
        if r < 0.75:
            return f"DUSUN {dusun}"
        return f"JL. {streets[0]}"

    def _disabilitas(self, age: int) -> int:
        # About 1.5 % overall, rising with age.
        rnd = self._rnd
        p = 0.008 if age < 40 else 0.018 if age < 65 else 0.045
        if rnd() >= p:
            return 0
        return bisect.bisect(_DISABILITAS_CUM, rnd() * _DISABILITAS_CUM[-1]) + 1

    def _status_ktp_el(self, age: int) -> str:
        # About 3 % without a KTP-el, mostly those who only just turned 17.
        p = 0.2 if age <= 17 else 0.08 if age == 18 else 0.025
        return "B" if self._rnd() < p else "S"

    def _sumber(self) -> str:
        r = self._rnd()
        return "DP4" if r < 0.97 else "DPTb" if r < 0.99 else "DPK"


_EXHAUSTED = (
    "More than 9999 NIKs or NKKs for one kecamatan and date: spread the voters over more "
    "kecamatan or ask for fewer voters."
)


def _pick(rnd: Callable[[], float], seq: tuple[str, ...]) -> str:
    return seq[int(rnd() * len(seq))]


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)

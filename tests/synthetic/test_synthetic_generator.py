"""The synthetic voter list: counts, TPS, identity numbers, households, eligibility, streaming."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import itertools
import os
import pathlib
import subprocess
import sys
import tracemalloc

import pytest

from desktop_app.synthetic import (
    NoDesaError,
    TpsCapacityError,
    demo_regions_path,
    generate_tps,
    generate_voters,
    load_region_rows,
    write_voters_csv,
)
from desktop_app.synthetic import names as name_lists
from lapang_core.domain.eligibility import age_on, check_voter_eligibility
from lapang_core.domain.nik import check_nik, parse_nik
from lapang_core.domain.nkk import check_nkk, parse_nkk
from lapang_core.domain.voter import DISABILITAS, VoterRecord, validate_record
from lapang_core.formats.sidalih import read_sidalih_file

ELECTION = dt.date(2029, 2, 14)
SAMPLE_SIZE = 20_000
REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def regions() -> list[tuple[str, str]]:
    return load_region_rows(demo_regions_path())


@pytest.fixture(scope="module")
def sample(regions: list[tuple[str, str]]) -> list[VoterRecord]:
    return list(generate_voters(regions, SAMPLE_SIZE, seed=11, election_date=ELECTION))


def _households(records: list[VoterRecord]) -> dict[str, list[VoterRecord]]:
    found: dict[str, list[VoterRecord]] = collections.defaultdict(list)
    for record in records:
        found[record.nkk].append(record)
    return found


# --- counts and TPS ------------------------------------------------------------------------------


def test_exact_count_and_tps_match_the_plan(
    regions: list[tuple[str, str]], sample: list[VoterRecord]
) -> None:
    assert len(sample) == SAMPLE_SIZE
    plan = generate_tps(regions, SAMPLE_SIZE, seed=11)
    per_tps = collections.Counter(r.tps_id for r in sample)
    assert [(t.tps_id, t.n_voters) for t in plan] == sorted(per_tps.items())
    assert all(250 <= t.n_voters <= 300 for t in plan)
    desa_codes = {kode for kode, _ in regions if kode.count(".") == 3}
    assert {t.kode_desa for t in plan} <= desa_codes


def test_records_come_in_tps_order_each_tps_contiguous(sample: list[VoterRecord]) -> None:
    runs = [tps for tps, _ in itertools.groupby(r.tps_id for r in sample)]
    assert runs == sorted(set(runs))


@pytest.mark.parametrize("n", [1, 249, 250, 300])
def test_a_single_tps(regions: list[tuple[str, str]], n: int) -> None:
    records = list(generate_voters(regions, n, seed=4, election_date=ELECTION))
    assert len(records) == n
    (tps,) = generate_tps(regions, n, seed=4)
    assert {r.tps_id for r in records} == {tps.tps_id}
    assert tps.tps_id.endswith(".001")


def test_no_voters(regions: list[tuple[str, str]]) -> None:
    assert list(generate_voters(regions, 0, election_date=ELECTION)) == []


def test_one_desa_without_parent_rows() -> None:
    records = list(
        generate_voters([("65.01.04.2005", "Tanjung Agung")], 700, election_date=ELECTION)
    )
    assert len(records) == 700
    assert {r.kode_desa for r in records} == {"65.01.04.2005"}
    # 700 cannot be split into TPS of 250-300 (two hold at most 600, three need 750): the
    # fewest TPS of at most 300, as equal as possible.
    sizes = collections.Counter(r.tps_id for r in records)
    assert sorted(sizes.values()) == [233, 233, 234]
    assert sorted(sizes) == [f"65.01.04.2005.00{k}" for k in (1, 2, 3)]


def test_bad_arguments_fail_before_the_first_record(regions: list[tuple[str, str]]) -> None:
    with pytest.raises(NoDesaError):
        generate_voters([("61", "Kalimantan Barat"), ("61.11", "Kab")], 10, election_date=ELECTION)
    with pytest.raises(TpsCapacityError):
        generate_voters([("61.11.01.2001", "Sutera")], 400_000, election_date=ELECTION)


# --- identity numbers ----------------------------------------------------------------------------


def test_nik_unique_and_consistent(sample: list[VoterRecord]) -> None:
    assert len({r.nik for r in sample}) == len(sample)
    for record in sample:
        info = parse_nik(record.nik)
        assert info.jenis_kelamin == record.jenis_kelamin
        born = record.tanggal_lahir
        assert born is not None
        assert (info.hari_lahir, info.bulan_lahir, info.tahun_lahir_yy) == (
            born.day,
            born.month,
            born.year % 100,
        )
        assert info.serial >= 1
        # No warning either: the NIK agrees with sex, birth date and the voter's kecamatan.
        result = check_nik(
            record.nik,
            tanggal_lahir=born,
            jenis_kelamin=record.jenis_kelamin,
            kode_wilayah=record.kode_desa,
        )
        assert result.findings == ()


def test_nik_serials_start_at_0001_per_kecamatan_date_and_sex(sample: list[VoterRecord]) -> None:
    serials: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for record in sample:
        serials[(record.nik[:12], record.jenis_kelamin)].append(int(record.nik[12:]))
    for found in serials.values():
        assert sorted(found) == list(range(1, len(found) + 1))


def test_every_record_passes_the_domain_checks_without_warnings(
    sample: list[VoterRecord],
) -> None:
    for record in sample:
        assert validate_record(record).findings == ()
        assert check_nkk(record.nkk, kode_wilayah=record.kode_desa).findings == ()


def test_households_share_nkk_address_rt_rw_and_tps(sample: list[VoterRecord]) -> None:
    households = _households(sample)
    sizes = collections.Counter(len(members) for members in households.values())
    assert set(sizes) <= set(range(1, 8))
    assert {1, 2, 3, 4, 5} <= set(sizes)  # the common sizes all occur
    for members in households.values():
        shared = {(m.alamat, m.rt, m.rw, m.tps_id) for m in members}
        assert len(shared) == 1
    # A household's members are adjacent in the list, as on the paper form.
    runs = [nkk for nkk, _ in itertools.groupby(r.nkk for r in sample)]
    assert len(runs) == len(households)
    issue = parse_nkk(sample[0].nkk)
    assert dt.date(2000 + issue.tahun_terbit_yy, issue.bulan_terbit, issue.hari_terbit) < ELECTION


def test_rt_rw_are_three_digit_numbers(sample: list[VoterRecord]) -> None:
    assert all(len(r.rt) == 3 and r.rt.isdigit() and r.rt != "000" for r in sample)
    assert all(len(r.rw) == 3 and r.rw.isdigit() and r.rw != "000" for r in sample)


def test_dpid_unique_numeric(sample: list[VoterRecord]) -> None:
    dpids = [r.dpid for r in sample]
    assert all(d is not None and d.isdigit() for d in dpids)
    assert len(set(dpids)) == len(dpids)


# --- people --------------------------------------------------------------------------------------


def test_everyone_may_vote_on_election_day(sample: list[VoterRecord]) -> None:
    for record in sample:
        assert record.tanggal_lahir is not None
        age = age_on(record.tanggal_lahir, ELECTION)
        assert age >= 17 or record.status_perkawinan in ("S", "P")
        assert 16 <= age <= 100
        result = check_voter_eligibility(record.tanggal_lahir, record.status_perkawinan, ELECTION)
        assert result.findings == ()


def test_ages_and_marital_status_are_plausible(sample: list[VoterRecord]) -> None:
    ages = [age_on(r.tanggal_lahir, ELECTION) for r in sample if r.tanggal_lahir]
    share = collections.Counter(min(age // 10, 8) for age in ages)
    # Young adults and the middle-aged dominate; the very old are few.
    assert share[2] > share[7] > share[8]
    assert 0.05 < share[1] / len(ages) < 0.12  # 17-19 year olds
    assert 30 < sum(ages) / len(ages) < 50
    for record, age in zip(sample, ages, strict=True):
        if age < 20:
            assert record.status_perkawinan in ("B", "S")  # too young to be widowed/divorced
    statuses = collections.Counter(r.status_perkawinan for r in sample)
    assert statuses["S"] > statuses["B"] > statuses["P"] > 0


def test_sex_ratio(sample: list[VoterRecord]) -> None:
    women = sum(r.jenis_kelamin == "P" for r in sample) / len(sample)
    assert 0.47 < women < 0.54


def test_rates_of_disability_ktp_el_and_source(sample: list[VoterRecord]) -> None:
    n = len(sample)
    disabled = [r.disabilitas for r in sample if r.disabilitas]
    assert set(disabled) == set(DISABILITAS) - {0}
    assert 0.01 <= len(disabled) / n <= 0.025
    no_ktp_el = sum(r.status_ktp_el == "B" for r in sample) / n
    assert 0.02 <= no_ktp_el <= 0.045
    assert {r.status_ktp_el for r in sample} == {"S", "B"}
    assert sum(r.sumber == "DP4" for r in sample) / n > 0.95
    assert {r.keterangan for r in sample} == {""}


def test_names_vary_like_a_real_list(sample: list[VoterRecord]) -> None:
    counts = collections.Counter(r.nama for r in sample)
    assert len(counts) > len(sample) / 3
    # Common names repeat (a desa has several SITI AMINAHs) but none dominates.
    assert 5 < counts.most_common(1)[0][1] < len(sample) * 0.01
    assert all(r.nama == r.nama.upper() and r.nama.strip() == r.nama for r in sample)
    assert all("  " not in r.nama for r in sample)
    assert all(r.tempat_lahir and r.alamat for r in sample)


def test_names_follow_the_region(regions: list[tuple[str, str]]) -> None:
    christian = set(name_lists.KATOLIK_MALE + name_lists.KATOLIK_FEMALE)

    def christian_share(prefix: str) -> float:
        rows = [row for row in regions if row[0].startswith(prefix)]
        records = list(generate_voters(rows, 3_000, seed=2, election_date=ELECTION))
        return sum(r.nama.split()[0] in christian for r in records) / len(records)

    # Dayak Christians live in Bulungan; Sumbawa is almost wholly Muslim.
    assert christian_share("65.01") > 0.08
    assert christian_share("52.04") < 0.03


# --- determinism and streaming -------------------------------------------------------------------


def test_same_seed_same_list(regions: list[tuple[str, str]], sample: list[VoterRecord]) -> None:
    again = list(generate_voters(regions, SAMPLE_SIZE, seed=11, election_date=ELECTION))
    assert again == sample
    other = list(
        itertools.islice(generate_voters(regions, SAMPLE_SIZE, election_date=ELECTION), 500)
    )
    assert other != sample[:500]


def test_election_date_moves_birth_dates(regions: list[tuple[str, str]]) -> None:
    later = dt.date(2034, 4, 17)
    for record in generate_voters(regions, 2_000, seed=3, election_date=later):
        assert record.tanggal_lahir is not None
        assert age_on(record.tanggal_lahir, later) >= 17 or record.status_perkawinan != "B"


def test_streams_200000_voters_in_bounded_memory(regions: list[tuple[str, str]]) -> None:
    # Allocated blocks barely grow while 200,000 records pass through; a generator that kept
    # its records would add at least ten blocks (strings, a date) per voter.
    stream = generate_voters(regions, 200_000, seed=5, election_date=ELECTION)
    count = 0
    for _ in itertools.islice(stream, 20_000):
        count += 1
    blocks_early = sys.getallocatedblocks()
    for _ in stream:
        count += 1
    growth = sys.getallocatedblocks() - blocks_early
    assert count == 200_000
    assert growth < 100_000


def test_peak_memory_of_streaming_is_small(regions: list[tuple[str, str]]) -> None:
    tracemalloc.start()
    try:
        for _ in generate_voters(regions, 30_000, seed=6, election_date=ELECTION):
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Holding 30,000 records would take about 12 MB.
    assert peak < 4_000_000


# --- CSV convenience -----------------------------------------------------------------------------


def test_write_voters_csv_round_trips_through_the_sidalih_reader(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "dpt.csv"
    written = write_voters_csv(path, 600, seed=8, election_date=ELECTION)
    assert written == 600
    assert not list(tmp_path.glob("*.partial"))
    result = read_sidalih_file(path)
    assert result.errors == [] and result.warnings == []
    expected = list(
        generate_voters(load_region_rows(demo_regions_path()), 600, seed=8, election_date=ELECTION)
    )
    assert [r.nik for _, r in result.rows] == [r.nik for r in expected]
    assert [r.tps_id for _, r in result.rows] == [r.tps_id for r in expected]


def test_same_seed_same_list_in_another_process(regions: list[tuple[str, str]]) -> None:
    # String hashing is randomised per process; the list must not depend on it.
    script = (
        "import datetime, hashlib\n"
        "from desktop_app.synthetic import generate_voters, load_region_rows, demo_regions_path\n"
        "rows = load_region_rows(demo_regions_path())\n"
        "h = hashlib.sha256()\n"
        "for r in generate_voters(rows, 3000, seed=12, election_date=datetime.date(2029, 2, 14)):\n"
        "    h.update(repr(r).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout.strip()
        for hash_seed in ("1", "2")
    }
    here = hashlib.sha256()
    for record in generate_voters(regions, 3000, seed=12, election_date=ELECTION):
        here.update(repr(record).encode())
    assert digests == {here.hexdigest()}

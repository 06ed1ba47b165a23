import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain import _identity_number
from lapang_core.domain.findings import Severity, ValidationResult
from lapang_core.domain.nik import (
    InvalidNik,
    NikInfo,
    birth_date_candidates,
    check_nik,
    encode_nik,
    parse_nik,
)

# Synthetic NIKs: kecamatan 61.11.02, born 17 Aug 1990, serial 0001.
MALE = "6111021708900001"
FEMALE = "6111025708900001"  # day 17 + 40


def codes(text, **kwargs):
    return check_nik(text, **kwargs).codes


def test_parse_male():
    assert parse_nik(MALE) == NikInfo(
        kode_provinsi="61",
        kode_kabupaten="61.11",
        kode_kecamatan="61.11.02",
        hari_lahir=17,
        bulan_lahir=8,
        tahun_lahir_yy=90,
        jenis_kelamin="L",
        serial=1,
    )


def test_parse_female_removes_the_40():
    info = parse_nik(FEMALE)
    assert (info.jenis_kelamin, info.hari_lahir) == ("P", 17)


def test_surrounding_whitespace_is_tolerated():
    assert parse_nik(f"  {MALE}\t\n") == parse_nik(MALE)
    assert check_nik(f" {MALE} ").ok


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "nik.missing"),
        ("   ", "nik.missing"),
        ("611102170890001", "nik.length"),  # 15 digits
        ("61110217089000011", "nik.length"),  # 17 digits
        ("6111 021708900001", "nik.length"),
        ("61110217089000O1", "nik.digits"),  # letter O
        ("611102170890****", "nik.digits"),  # masked, as in published lists
        ("６１１１０２１７０８９００００１", "nik.digits"),  # full-width digits
        ("6111020008900001", "nik.day"),
        ("6111023208900001", "nik.day"),
        ("6111024008900001", "nik.day"),
        ("6111027208900001", "nik.day"),
        ("6111021700900001", "nik.month"),
        ("6111021713900001", "nik.month"),
        ("6111023102900001", "nik.date"),  # 31 February
        ("6111027102900001", "nik.date"),  # 31 February, female
        ("6111022902010001", "nik.date"),  # 29 February 1901 / 2001
        ("6111023104900001", "nik.date"),  # 31 April
        ("6111021708900000", "nik.serial"),
    ],
)
def test_structural_errors(text, code):
    result = check_nik(text)
    assert code in result.codes
    assert all(f.severity is Severity.ERROR for f in result.findings)
    with pytest.raises(InvalidNik) as caught:
        parse_nik(text)
    assert code in [f.code for f in caught.value.findings]
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("day", ["01", "31", "41", "71"])
def test_day_range_edges_are_valid(day):
    assert check_nik(f"611102{day}01900001").ok


def test_29_february_valid_when_a_century_makes_it_leap():
    assert check_nik("6111022902000001").ok  # 2000 was leap (1900 was not)
    assert check_nik("6111026902880001").ok  # female, 1988


def test_several_structural_errors_are_all_reported():
    result = check_nik("6111020013900000")
    assert {"nik.day", "nik.month", "nik.serial"} <= set(result.codes)


def test_disagreements_are_warnings_never_errors():
    result = check_nik(
        MALE,
        tanggal_lahir=dt.date(1991, 8, 17),
        jenis_kelamin="P",
        kode_wilayah="62.01.01.2001",
    )
    assert result.ok
    assert set(result.codes) == {
        "nik.sex_mismatch",
        "nik.birth_date_mismatch",
        "nik.region_mismatch",
    }
    assert all(f.severity is Severity.WARNING for f in result.findings)


def test_agreement_gives_no_findings():
    assert (
        codes(
            FEMALE,
            tanggal_lahir=dt.date(1990, 8, 17),
            jenis_kelamin="P",
            kode_wilayah="61.11.02.2003.001",
        )
        == ()
    )


def test_birth_year_compared_mod_100():
    # Born 1990 or 2090 both match "90": the century is not encoded.
    assert "nik.birth_date_mismatch" not in codes(MALE, tanggal_lahir=dt.date(2090, 8, 17))
    assert "nik.birth_date_mismatch" in codes(MALE, tanggal_lahir=dt.date(1990, 8, 18))
    assert "nik.birth_date_mismatch" in codes(MALE, tanggal_lahir=dt.date(1990, 9, 17))


def test_region_compared_down_to_kecamatan_at_any_level():
    assert "nik.region_mismatch" not in codes(MALE, kode_wilayah="61")
    assert "nik.region_mismatch" not in codes(MALE, kode_wilayah="6111")
    assert "nik.region_mismatch" not in codes(MALE, kode_wilayah="61.11.02.2099")
    assert "nik.region_mismatch" in codes(MALE, kode_wilayah="61.11.03")
    assert "nik.region_mismatch" in codes(MALE, kode_wilayah="62")


def test_unknown_province_is_a_warning():
    result = check_nik("9911021708900001")
    assert result.ok and result.codes == ("nik.province_unknown",)


def test_messages_never_contain_the_nik():
    result = check_nik(
        MALE, tanggal_lahir=dt.date(1970, 1, 1), jenis_kelamin="P", kode_wilayah="62"
    )
    bad = check_nik("6111023102900000")
    for finding in result.findings + bad.findings:
        assert MALE not in finding.message and "6111023102900000" not in finding.message


def test_encode_examples():
    assert encode_nik("61.11.02", dt.date(1990, 8, 17), "L", 1) == MALE
    assert encode_nik("611102", dt.date(1990, 8, 17), "P", 1) == FEMALE
    with pytest.raises(ValueError):
        encode_nik("61.11.02.2003", dt.date(1990, 8, 17), "L", 1)
    with pytest.raises(ValueError):
        encode_nik("61.11.02", dt.date(1990, 8, 17), "X", 1)
    for serial in (0, 10_000):
        with pytest.raises(ValueError):
            encode_nik("61.11.02", dt.date(1990, 8, 17), "L", serial)


def test_birth_date_candidates_newest_first_and_not_in_future():
    info = parse_nik("6111021708200001")  # yy = 20
    assert birth_date_candidates(info, dt.date(2025, 1, 1)) == (
        dt.date(2020, 8, 17),
        dt.date(1920, 8, 17),
    )
    assert birth_date_candidates(info, dt.date(2020, 8, 16)) == (dt.date(1920, 8, 17),)
    leap = parse_nik("6111022902000001")
    assert birth_date_candidates(leap, dt.date(2025, 1, 1)) == (dt.date(2000, 2, 29),)


def test_known_provinces_match_the_region_table():
    table = Path(__file__).resolve().parents[2] / "../shared/data/wilayah_kemendagri_2025.csv"
    if not table.exists():
        pytest.skip(f"national region table not found at {table}")
    with table.open(encoding="utf-8") as rows:
        provinces = {line.split(",")[0] for line in rows if len(line.split(",")[0]) == 2}
    assert provinces == set(_identity_number.KNOWN_PROVINCE_CODES)


# --- properties ---------------------------------------------------------------------------

kecamatan_codes = st.tuples(
    st.sampled_from(sorted(_identity_number.KNOWN_PROVINCE_CODES)),
    st.integers(1, 99),
    st.integers(1, 99),
).map(lambda t: f"{t[0]}.{t[1]:02d}.{t[2]:02d}")
birth_dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@given(st.text())
def test_never_crashes_on_arbitrary_text(text):
    assert isinstance(check_nik(text), ValidationResult)
    try:
        assert isinstance(parse_nik(text), NikInfo)
    except InvalidNik as exc:
        assert exc.findings and all(f.severity is Severity.ERROR for f in exc.findings)


@given(st.text(alphabet="0123456789", min_size=14, max_size=18))
def test_digit_strings_agree_between_parse_and_check(text):
    result = check_nik(text)
    try:
        parse_nik(text)
    except InvalidNik:
        assert not result.ok
    else:
        assert result.ok
    for finding in result.findings:
        assert text not in finding.message


@given(kecamatan_codes, birth_dates, st.sampled_from(["L", "P"]), st.integers(1, 9999))
def test_encode_parse_round_trip(kecamatan, born, sex, serial):
    nik = encode_nik(kecamatan, born, sex, serial)
    info = parse_nik(nik)
    assert (info.kode_kecamatan, info.jenis_kelamin, info.serial) == (kecamatan, sex, serial)
    assert (info.hari_lahir, info.bulan_lahir, info.tahun_lahir_yy) == (
        born.day,
        born.month,
        born.year % 100,
    )
    assert check_nik(nik, tanggal_lahir=born, jenis_kelamin=sex, kode_wilayah=kecamatan).codes == ()
    assert born in birth_date_candidates(info, dt.date(2100, 1, 1))

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.findings import Severity, ValidationResult
from lapang_core.domain.nkk import InvalidNkk, NkkInfo, check_nkk, encode_nkk, parse_nkk

NKK = "6111021502150007"  # synthetic: kecamatan 61.11.02, issued 15 Feb 2015, serial 7


def test_parse():
    assert parse_nkk(f" {NKK} ") == NkkInfo("61", "61.11", "61.11.02", 15, 2, 15, 7)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "nkk.missing"),
        ("611102150215000", "nkk.length"),
        ("61110215021500A7", "nkk.digits"),
        ("6111020002150007", "nkk.day"),
        ("6111024502150007", "nkk.day"),  # no +40 in an NKK
        ("6111021513150007", "nkk.month"),
        ("6111023002150007", "nkk.date"),
        ("6111021502150000", "nkk.serial"),
    ],
)
def test_structural_errors(text, code):
    result = check_nkk(text)
    assert code in result.codes and not result.ok
    with pytest.raises(InvalidNkk) as caught:
        parse_nkk(text)
    assert caught.value.finding.code == result.codes[0]


def test_region_disagreement_is_a_warning():
    result = check_nkk(NKK, kode_wilayah="61.11.05.2001")
    assert result.ok and result.codes == ("nkk.region_mismatch",)
    assert check_nkk(NKK, kode_wilayah="61.11.02.2001.003").codes == ()


def test_unknown_province_is_a_warning():
    result = check_nkk("0011021502150007")
    assert result.ok and result.codes == ("nkk.province_unknown",)


def test_encode():
    assert encode_nkk("61.11.02", dt.date(2015, 2, 15), 7) == NKK
    with pytest.raises(ValueError):
        encode_nkk("61.11", dt.date(2015, 2, 15), 7)
    with pytest.raises(ValueError):
        encode_nkk("61.11.02", dt.date(2015, 2, 15), 0)


@given(st.text())
def test_never_crashes_on_arbitrary_text(text):
    assert isinstance(check_nkk(text), ValidationResult)
    try:
        parse_nkk(text)
    except InvalidNkk as exc:
        assert all(f.severity is Severity.ERROR for f in exc.findings)


@given(
    st.integers(11, 96),
    st.integers(1, 99),
    st.dates(dt.date(1950, 1, 1), dt.date(2049, 12, 31)),
    st.integers(1, 9999),
)
def test_encode_parse_round_trip(province, kecamatan, issued, serial):
    code = f"{province}.01.{kecamatan:02d}"
    info = parse_nkk(encode_nkk(code, issued, serial))
    assert (info.kode_kecamatan, info.serial) == (code, serial)
    assert (info.hari_terbit, info.bulan_terbit, info.tahun_terbit_yy) == (
        issued.day,
        issued.month,
        issued.year % 100,
    )

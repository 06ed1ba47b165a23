import pytest

from lapang_core.domain.region import (
    InvalidRegionCode,
    RegionLevel,
    is_within,
    make_tps_id,
    normalize_region_code,
    parent_code,
    parse_tps_id,
    region_level,
)


@pytest.mark.parametrize(
    ("text", "dotted", "level"),
    [
        ("61", "61", RegionLevel.PROVINSI),
        ("6111", "61.11", RegionLevel.KABUPATEN),
        ("61.11.02", "61.11.02", RegionLevel.KECAMATAN),
        (" 6111022003 ", "61.11.02.2003", RegionLevel.DESA),
        ("61.11.02.2003", "61.11.02.2003", RegionLevel.DESA),
        ("6111022003001", "61.11.02.2003.001", RegionLevel.TPS),
    ],
)
def test_normalize_and_level(text, dotted, level):
    assert normalize_region_code(text) == dotted
    assert region_level(text) is level


@pytest.mark.parametrize("text", ["", "6", "611", "61.1", "61.11.2", "61-11", "611102200", "٦١"])
def test_malformed_codes_are_rejected(text):
    with pytest.raises(InvalidRegionCode):
        normalize_region_code(text)


def test_is_within_compares_whole_segments():
    assert is_within("61.11.02.2003", "61.11.02")
    assert is_within("61.11.02", "61.11.02")
    assert is_within("61.11.02.2003.001", "61.11.02.2003")
    assert not is_within("61.11.02.2003", "61.11.03")
    assert not is_within("61.11", "61.11.02")


def test_parent_code():
    assert parent_code("61.11.02.2003.001", RegionLevel.DESA) == "61.11.02.2003"
    assert parent_code("6111022003", RegionLevel.KABUPATEN) == "61.11"
    with pytest.raises(InvalidRegionCode):
        parent_code("61.11", RegionLevel.DESA)


def test_tps_ids():
    assert make_tps_id("6111022003", 7) == "61.11.02.2003.007"
    assert parse_tps_id("61.11.02.2003.007") == ("61.11.02.2003", 7)
    assert parse_tps_id("6111022003007") == ("61.11.02.2003", 7)
    for bad in ("61.11.02.2003", "61.11.02.2003.000", "61.11.02.2003.7"):
        with pytest.raises(InvalidRegionCode):
            parse_tps_id(bad)
    for number in (0, 1000):
        with pytest.raises(InvalidRegionCode):
            make_tps_id("61.11.02.2003", number)
    with pytest.raises(InvalidRegionCode):
        make_tps_id("61.11.02", 1)

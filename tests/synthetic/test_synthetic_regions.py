"""The demo region fixture, the region CSV loader and the resource locator."""

from __future__ import annotations

import collections
import csv
import pathlib
import sys

import pytest

from desktop_app.resources import resource_path
from desktop_app.synthetic import NoDesaError, RegionFileError, demo_regions_path, load_region_rows
from desktop_app.synthetic.regions import desa_from_rows
from lapang_core.domain.region import RegionLevel, parent_code, region_level

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
NATIONAL_CSV = REPO_ROOT.parent / "shared" / "data" / "wilayah_kemendagri_2025.csv"

WHOLE_KABUPATEN = {
    "61.11": "Kabupaten Kayong Utara",
    "65.01": "Kabupaten Bulungan",
    "52.04": "Kabupaten Sumbawa",
}
KAMPAR = "14.01"


@pytest.fixture(scope="module")
def demo_rows() -> list[tuple[str, str]]:
    return load_region_rows(demo_regions_path())


@pytest.fixture(scope="module")
def national() -> dict[str, str]:
    if not NATIONAL_CSV.exists():
        pytest.skip(f"national region table not available at {NATIONAL_CSV}")
    with NATIONAL_CSV.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.reader(stream)
        next(reader)
        return {kode: nama for kode, nama in reader}


def test_demo_fixture_is_small_and_well_formed(demo_rows: list[tuple[str, str]]) -> None:
    assert 300 <= len(demo_rows) <= 1_000
    codes = [kode for kode, _ in demo_rows]
    assert len(set(codes)) == len(codes)
    levels = collections.Counter(region_level(kode) for kode in codes)
    assert levels[RegionLevel.PROVINSI] == 4
    assert levels[RegionLevel.KABUPATEN] == 4
    assert levels[RegionLevel.DESA] > 300
    present = set(codes)
    for kode in codes:
        level = region_level(kode)
        for parent in (RegionLevel.PROVINSI, RegionLevel.KABUPATEN, RegionLevel.KECAMATAN):
            if parent.digits < level.digits:
                assert parent_code(kode, parent) in present, kode
    names = dict(demo_rows)
    for kode, nama in WHOLE_KABUPATEN.items():
        assert names[kode] == nama
    assert names[KAMPAR] == "Kabupaten Kampar"


def test_kampar_is_cut_to_a_few_kecamatan(demo_rows: list[tuple[str, str]]) -> None:
    kecamatan = [k for k, _ in demo_rows if k.startswith(KAMPAR + ".") and k.count(".") == 2]
    assert 2 <= len(kecamatan) <= 5


def test_demo_rows_match_the_national_table(
    demo_rows: list[tuple[str, str]], national: dict[str, str]
) -> None:
    for kode, nama in demo_rows:
        assert national.get(kode) == nama, kode
    demo = {kode for kode, _ in demo_rows}
    # The three remote kabupaten are complete: every kecamatan and desa.
    for kabupaten in WHOLE_KABUPATEN:
        expected = {k for k in national if k == kabupaten or k.startswith(kabupaten + ".")}
        assert expected <= demo
    # And each chosen Kampar kecamatan is complete.
    for kec in (k for k in demo if k.startswith(KAMPAR + ".") and k.count(".") == 2):
        assert {k for k in national if k.startswith(kec + ".")} <= demo


def test_desa_from_rows_names_and_order(demo_rows: list[tuple[str, str]]) -> None:
    desa = desa_from_rows(reversed(demo_rows))
    assert [d.kode for d in desa] == sorted(d.kode for d in desa)
    by_code = {d.kode: d for d in desa}
    first = by_code["61.11.01.2001"]
    assert first.nama_kabupaten == "KAYONG UTARA"
    assert first.nama_kecamatan == "SUKADANA"
    assert first.kode_kecamatan == "61.11.01"
    assert first.kode_provinsi == "61"
    assert not first.kelurahan
    assert any(d.kelurahan for d in desa)  # Bangkinang Kota, Tanjung Selor have kelurahan


def test_desa_from_rows_needs_a_desa() -> None:
    with pytest.raises(NoDesaError, match="desa"):
        desa_from_rows([("61", "Kalimantan Barat"), ("61.11.01", "Sukadana")])


def test_loader_accepts_bom_crlf_and_plain_digits(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        b'\xef\xbb\xbfkode,nama\r\n6111012001,Sutera\r\n14.02.09.2010,"Lambang Sari I, II"\r\n'
    )
    assert load_region_rows(path) == [
        ("61.11.01.2001", "Sutera"),
        ("14.02.09.2010", "Lambang Sari I, II"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n61,Kalimantan Barat\n", "header"),
        ("kode,nama\n61,Kalimantan Barat,extra\n", "line 2"),
        ("kode,nama\n61,Kalimantan Barat\n6A.11,Bad\n", "line 3"),
        ("", "header"),
    ],
)
def test_loader_rejects_malformed_files(tmp_path: pathlib.Path, content: str, message: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegionFileError, match=message):
        load_region_rows(path)


def test_loader_reports_a_missing_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RegionFileError, match="not found"):
        load_region_rows(tmp_path / "absent.csv")


def test_loader_rejects_non_utf8(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("kode,nama\n61.11.01.2001,Sêtera\n".encode("latin-1"))
    with pytest.raises(RegionFileError, match="UTF-8"):
        load_region_rows(path)


def test_resource_path_in_a_source_checkout() -> None:
    assert demo_regions_path() == REPO_ROOT / "resources" / "fixtures" / "demo_regions.csv"
    assert demo_regions_path().is_file()
    assert resource_path("fixtures") == REPO_ROOT / "resources" / "fixtures"


def test_resource_path_in_a_pyinstaller_bundle(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fixtures", "demo_regions.csv") == (
        tmp_path / "resources" / "fixtures" / "demo_regions.csv"
    )

"""The recruitment form's area pickers: kecamatan, desa and TPS known to the store."""

from __future__ import annotations

import datetime as dt

from desktop_app.store.recruitment_areas import recruitment_areas
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

REGIONS = [
    ("61", "Kalimantan Barat"),
    ("61.11", "Kabupaten Kayong Utara"),
    ("61.11.02", "Sukadana"),
    ("61.11.02.2003", "Pangkalan Buton"),
    ("61.11.02.1001", "Sutera"),
    ("61.11.03", "Simpang Hilir"),
]


def test_regions_are_split_by_level_and_named(store):
    load_regions(store, REGIONS)
    areas = recruitment_areas(store.db)
    assert [r.kode for r in areas.kecamatan] == ["61.11.02", "61.11.03"]
    assert [(r.kode, r.nama) for r in areas.desa] == [
        ("61.11.02.1001", "Sutera"),
        ("61.11.02.2003", "Pangkalan Buton"),
    ]
    assert areas.name("61.11") == "Kabupaten Kayong Utara"
    assert areas.name("99.99") == "99.99"  # unknown code: shown as itself
    assert areas.tps == ()


def test_tps_come_from_the_tps_table_and_the_voters_with_counts(store):
    regions = load_region_rows(demo_regions_path())
    records = list(generate_voters(regions, 60, seed=3, election_date=dt.date(2029, 2, 14)))
    import_voters(store, records, source="test")
    # A TPS registered without voters yet (a new TPS before the list is drawn up).
    empty_tps = records[0].tps_id.rsplit(".", 1)[0] + ".099"
    store.db.execute(
        "INSERT INTO tps(id, kode_desa, nomor) VALUES (?, ?, 99)",
        [empty_tps, empty_tps.rsplit(".", 1)[0]],
    )
    areas = recruitment_areas(store.db)
    by_id = {t.tps_id: t.voters for t in areas.tps}
    assert by_id[empty_tps] == 0
    assert sum(by_id.values()) == 60
    assert {r.tps_id for r in records} <= by_id.keys()
    assert [t.tps_id for t in areas.tps] == sorted(by_id)
    assert areas.tps_voters(empty_tps) == 0 and areas.tps_voters("00.00.00.0000.001") is None
    tps = next(t for t in areas.tps if t.tps_id == empty_tps)
    assert (tps.kode_desa, tps.nomor) == (empty_tps[:-4], "099")


def test_a_malformed_region_row_does_not_hide_the_others(store):
    load_regions(store, REGIONS)
    store.db.execute(
        "INSERT INTO regions(kode, nama, level, parent) VALUES ('61.1x', 'Rusak', 2, '61')"
    )
    areas = recruitment_areas(store.db)
    assert len(areas.desa) == 2 and areas.name("61.1x") == "Rusak"

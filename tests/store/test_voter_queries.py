"""The desk's list queries against a real encrypted store: areas, filters, search, pages, counts."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.store import voter_queries as vq
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.store.voter_queries import KeteranganFilter, VoterQuery
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import VoterRecord

DESA = "61.11.02.2003"
OTHER_DESA = "61.11.02.2004"
TPS_1 = f"{DESA}.001"
TPS_2 = f"{DESA}.002"
TPS_OTHER = f"{OTHER_DESA}.001"
NAMES = ["Siti Aminah", "Ahmad Fauzi", "Siti Rahma", "Budi Santoso", "Yohanes Lake", "Agus Salim"]


def _person(i: int, tps_id: str, nama: str) -> VoterRecord:
    born = dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 27)
    return VoterRecord(
        nkk=encode_nkk("61.11.02", dt.date(2015, 3, 1), 100 + i),
        nik=encode_nik("61.11.02", born, "L", i + 1),
        nama=nama,
        tempat_lahir="Sukadana",
        tanggal_lahir=born,
        status_perkawinan="S",
        jenis_kelamin="L",
        alamat="Dusun Pelita",
        rt="001",
        rw="003",
        disabilitas=0,
        status_ktp_el="S",
        tps_id=tps_id,
        sumber="DP4",
    )


@pytest.fixture()
def listed(store):
    """12 voters: 6 at TPS 001 and 4 at TPS 002 of one desa, 2 in another desa."""
    load_regions(
        store,
        [
            ("61", "Kalimantan Barat"),
            ("61.11", "Kayong Utara"),
            ("61.11.02", "Sukadana"),
            (DESA, "Sutera"),
            (OTHER_DESA, "Riam Berasap"),
        ],
    )
    people = [_person(i, TPS_1, NAMES[i]) for i in range(6)]
    people += [_person(6 + i, TPS_2, f"{NAMES[i]} Dua") for i in range(4)]
    people += [_person(10 + i, TPS_OTHER, f"Lain {NAMES[i]}") for i in range(2)]
    import_voters(store, people, source="test")
    return store


def _names(store, keys) -> list[str]:
    return [row.nama for row in vq.voter_rows(store.db, list(keys.pks))]


def _id_of(store, nama: str) -> str:
    return store.db.execute("SELECT id FROM voters WHERE nama = ?", [nama]).fetchone()[0]


def test_area_clause_covers_exactly_the_region(listed):
    assert len(vq.voter_keys(listed.db, VoterQuery())) == 12
    assert len(vq.voter_keys(listed.db, VoterQuery(area=TPS_1))) == 6
    assert len(vq.voter_keys(listed.db, VoterQuery(area=DESA))) == 10
    assert len(vq.voter_keys(listed.db, VoterQuery(area="61.11.02"))) == 12
    assert len(vq.voter_keys(listed.db, VoterQuery(area="61.11.03"))) == 0
    # A desa code that is a string prefix of another must not catch it (2003 vs 20031...).
    assert len(vq.voter_keys(listed.db, VoterQuery(area="61.11.02.200"))) == 0


def test_list_order_is_tps_then_name(listed):
    names = _names(listed, vq.voter_keys(listed.db, VoterQuery(area=TPS_1)))
    assert names == sorted(NAMES)


def test_keterangan_filters_follow_the_outcomes(listed):
    service = VoterService(listed)
    service.mark_sesuai(_id_of(listed, "Siti Aminah"))
    service.mark_tms(_id_of(listed, "Budi Santoso"), 1, "akta_kematian", "AK-1/2029")
    service.ubah(_id_of(listed, "Agus Salim"), {"alamat": "Dusun Baru"})

    def names(flt: KeteranganFilter) -> list[str]:
        return _names(listed, vq.voter_keys(listed.db, VoterQuery(TPS_1, flt)))

    assert names(KeteranganFilter.SESUAI) == ["Siti Aminah"]
    assert names(KeteranganFilter.TMS) == ["Budi Santoso"]
    assert names(KeteranganFilter.TMS_1) == ["Budi Santoso"]
    assert names(KeteranganFilter.TMS_2) == []
    assert names(KeteranganFilter.UBAH) == ["Agus Salim"]
    assert names(KeteranganFilter.UNCHECKED) == ["Ahmad Fauzi", "Siti Rahma", "Yohanes Lake"]
    counts = vq.keterangan_counts(listed.db, TPS_1)
    assert counts == {"": 3, "✓": 1, "1": 1, "U": 1}
    assert sum(vq.keterangan_counts(listed.db).values()) == 12


def test_search_by_name_prefix_and_by_nik_prefix(listed):
    keys = vq.voter_keys(listed.db, VoterQuery(text="sit"))
    assert sorted(_names(listed, keys)) == [
        "Lain Siti Aminah",
        "Siti Aminah",
        "Siti Aminah Dua",
        "Siti Rahma",
        "Siti Rahma Dua",
    ]
    assert _names(listed, vq.voter_keys(listed.db, VoterQuery(area=TPS_1, text="siti ra"))) == [
        "Siti Rahma"
    ]
    nik = listed.db.execute("SELECT nik FROM voters WHERE nama = 'Yohanes Lake'").fetchone()[0]
    assert _names(listed, vq.voter_keys(listed.db, VoterQuery(text=nik))) == ["Yohanes Lake"]
    assert len(vq.voter_keys(listed.db, VoterQuery(text=nik[:6]))) == 12
    assert len(vq.voter_keys(listed.db, VoterQuery(text="!!"))) == 0


def test_search_is_cut_off_at_the_cap(listed, monkeypatch):
    monkeypatch.setattr(vq, "SEARCH_CAP", 3)
    keys = vq.voter_keys(listed.db, VoterQuery(text="61"))
    assert len(keys) == 3 and keys.truncated
    assert not vq.voter_keys(listed.db, VoterQuery(area=TPS_1)).truncated


def test_rows_keep_the_requested_order_and_mark_corrections(listed):
    keys = list(vq.voter_keys(listed.db, VoterQuery(area=TPS_1)).pks)
    VoterService(listed).ubah(_id_of(listed, "Siti Rahma"), {"nama": "Siti Rahmawati"})
    rows = vq.voter_rows(listed.db, list(reversed(keys)))
    assert [r.pk for r in rows] == list(reversed(keys))
    corrected = {r.nama: r.corrected for r in rows}
    assert corrected["Siti Rahmawati"] is True and corrected["Ahmad Fauzi"] is False
    with pytest.raises(ValueError):
        vq.voter_rows(listed.db, list(range(vq.MAX_PAGE + 1)))


def test_area_tree_counts_and_names(listed):
    tree = vq.area_tree(listed.db)
    assert [(t.tps_id, t.voters) for t in tree.tps] == [(TPS_1, 6), (TPS_2, 4), (TPS_OTHER, 2)]
    assert tree.name(DESA) == "Sutera"
    assert tree.name("99.99") == "99.99"  # unknown region: its code, never an error


def test_area_tree_knows_its_shape_and_totals(listed):
    """The shape the desk's lazy tree reads, worked out on the worker: children in order,
    totals per region, the way down to an area."""
    tree = vq.area_tree(listed.db)
    assert tree.children(None) == ("61",)
    assert tree.children("61") == ("61.11",)
    assert tree.children("61.11.02") == (DESA, OTHER_DESA)
    assert tree.children(DESA) == (TPS_1, TPS_2)
    assert tree.children(TPS_1) == ()
    assert (tree.total(None), tree.total("61.11.02"), tree.total(DESA)) == (12, 12, 10)
    assert (tree.total(TPS_2), tree.total(TPS_OTHER), tree.total("99")) == (4, 2, 0)
    assert tree.path(TPS_OTHER) == ["61", "61.11", "61.11.02", OTHER_DESA]
    assert tree.path("61") == []
    assert tree.knows(TPS_2) and tree.knows("61.11") and not tree.knows("61.11.02.2005")
    assert tree.path("61.11.02.2005") == []


def test_tps_in_desa_includes_new_tps(listed):
    assert vq.tps_in_desa(listed.db, DESA) == [TPS_1, TPS_2]
    voter = _id_of(listed, "Siti Aminah")
    VoterService(listed).tms8_move(voter, f"{DESA}.007")
    assert vq.tps_in_desa(listed.db, DESA) == [TPS_1, TPS_2, f"{DESA}.007"]
    assert [t.tps_id for t in vq.area_tree(listed.db).tps][-2:] == [f"{DESA}.007", TPS_OTHER]

"""Data-quality findings as voter keys, on a real store with planted problems."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.store.quality import QualityCheck, quality_keys
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_queries import voter_rows
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import VoterRecord

ELECTION = dt.date(2029, 2, 14)
TPS_1 = "61.11.02.2003.001"
TPS_2 = "61.11.02.2003.002"


def _person(i: int, nama: str, *, tps_id: str = TPS_1, **changes) -> VoterRecord:
    born = dt.date(1980, 1 + i % 12, 1 + i % 27)
    record = VoterRecord(
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
    return dataclasses.replace(record, **changes)


@pytest.fixture()
def planted(store):
    clean = _person(0, "Bersih")
    twin = _person(1, "Kembar A")
    people = [
        clean,
        twin,
        # The same NIK again, at the other TPS (a different row: another dpid).
        dataclasses.replace(twin, nama="Kembar B", tps_id=TPS_2, dpid="x2"),
        _person(3, "Salah Kelamin", jenis_kelamin="P"),
        _person(4, "Salah Tanggal", tanggal_lahir=dt.date(1981, 7, 7)),
        _person(
            5,
            "Masih Kecil",
            tanggal_lahir=dt.date(2013, 5, 5),
            status_perkawinan="B",
            nik=encode_nik("61.11.02", dt.date(2013, 5, 5), "L", 6),
        ),
        _person(6, "KK Aneh", nkk="6111020000000000"),
        _person(
            7,
            "KK Sama NIK",
            nkk=encode_nik("61.11.02", dt.date(1980, 8, 8), "L", 8),
            nik=encode_nik("61.11.02", dt.date(1980, 8, 8), "L", 8),
            tanggal_lahir=dt.date(1980, 8, 8),
        ),
    ]
    import_voters(store, people, source="test")
    return store


def _names(store, check, area=None):
    keys = quality_keys(store.db, check, area=area, election_date=ELECTION)
    return [row.nama for row in voter_rows(store.db, list(keys.pks))]


def test_each_check_finds_exactly_its_rows(planted):
    assert sorted(_names(planted, QualityCheck.DUPLICATE_NIK)) == ["Kembar A", "Kembar B"]
    assert sorted(_names(planted, QualityCheck.NIK_MISMATCH)) == ["Salah Kelamin", "Salah Tanggal"]
    assert _names(planted, QualityCheck.UNDER_AGE) == ["Masih Kecil"]
    assert sorted(_names(planted, QualityCheck.NKK_ANOMALY)) == ["KK Aneh", "KK Sama NIK"]


def test_a_duplicate_elsewhere_still_counts_within_the_area(planted):
    assert _names(planted, QualityCheck.DUPLICATE_NIK, area=TPS_1) == ["Kembar A"]
    assert _names(planted, QualityCheck.NIK_MISMATCH, area=TPS_2) == []


def test_resolved_rows_drop_out(planted):
    service = VoterService(planted)
    planted.set_election_date(ELECTION)
    kembar_b = planted.db.execute("SELECT id FROM voters WHERE nama = 'Kembar B'").fetchone()[0]
    kecil = planted.db.execute("SELECT id FROM voters WHERE nama = 'Masih Kecil'").fetchone()[0]
    nik_a = planted.db.execute("SELECT nik FROM voters WHERE nama = 'Kembar A'").fetchone()[0]
    kembar_a = planted.db.execute("SELECT id FROM voters WHERE nama = 'Kembar A'").fetchone()[0]
    # Note §3: TMS-2's evidence is the other record's NIK or id (issue 16: one that exists).
    service.mark_tms(kembar_b, 2, "data_ganda", kembar_a)
    service.mark_tms(kecil, 3, "dokumen_tanggal_lahir", "KK 2013")
    assert _names(planted, QualityCheck.DUPLICATE_NIK) == []
    assert _names(planted, QualityCheck.UNDER_AGE) == []
    assert nik_a  # the remaining row keeps its NIK


def test_future_birth_dates_and_status_findings(store):
    # Issue 16 items 1 and 3. Note §4: eligible means "not stripped of the vote by a court; not
    # active TNI/Polri", and nobody is born after today, married or not.
    today = dt.date(2026, 12, 4)
    people = [
        _person(0, "Bersih"),
        _person(1, "Lahir Nanti", tanggal_lahir=dt.date(2027, 3, 1), status_perkawinan="S"),
        _person(2, "Dicabut", hak_pilih_dicabut=True),
        _person(3, "Tentara", status_tni_polri="aktif"),
        _person(4, "Pensiunan", status_tni_polri="berhenti", sk_pemberhentian="SKEP/1/2020"),
    ]
    import_voters(store, people, source="test")
    future = quality_keys(
        store.db, QualityCheck.BIRTH_DATE_FUTURE, election_date=ELECTION, today=today
    )
    assert [r.nama for r in voter_rows(store.db, list(future.pks))] == ["Lahir Nanti"]
    assert sorted(_names(store, QualityCheck.NOT_ELIGIBLE_STATUS)) == ["Dicabut", "Tentara"]
    # The flags survive the store: they are read back with the row.
    service = VoterService(store)
    tentara = store.db.execute("SELECT id FROM voters WHERE nama = 'Tentara'").fetchone()[0]
    assert service.get(tentara).record.status_tni_polri == "aktif"
    # Resolved with TMS-6 (note §3), the row leaves the finding.
    service.mark_tms(tentara, 6, "kta", "KTA 123")
    assert _names(store, QualityCheck.NOT_ELIGIBLE_STATUS) == ["Dicabut"]

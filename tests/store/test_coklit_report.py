import dataclasses
import datetime as dt

from desktop_app.store.coklit_report import coklit_counts
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows


def test_counts_follow_the_outcomes(store):
    store.set_election_date(dt.date(2029, 2, 14))
    records = list(
        generate_voters(
            load_region_rows(demo_regions_path()), 300, seed=5, election_date=dt.date(2029, 2, 14)
        )
    )
    import_voters(store, records, source="test")
    tps = records[0].tps_id
    service = VoterService(store)
    voters = [
        service.get(r[0])
        for r in store.db.execute("SELECT id FROM voters WHERE tps_id = ? ORDER BY pk", [tps])
    ]
    before = coklit_counts(store.db, tps)
    total = sum(before.received.values())
    assert total == sum(1 for r in records if r.tps_id == tps)
    women = [v for v in voters if v.record.jenis_kelamin == "P"]
    men = [v for v in voters if v.record.jenis_kelamin == "L"]
    service.mark_sesuai(men[0].id)
    service.ubah(men[1].id, {"alamat": "Jalan Dermaga"})
    service.mark_tms(women[0].id, 1, "akta_kematian", "AK/1/2026")
    service.mark_tms(women[1].id, 4, "skpwni", "SKPWNI/9")
    newcomer = dataclasses.replace(
        women[2].record, nik=women[2].record.nik[:-4] + "9876", nama="Pendatang Baru", dpid=None
    )
    service.add_baru(newcomer)

    after = coklit_counts(store.db, tps)
    assert after.received == before.received  # the handed-over list does not grow
    assert after.sesuai["L"] == 1 and after.ubah["L"] == 1
    assert after.tms["1"] == {"L": 0, "P": 1} and after.tms["4"] == {"L": 0, "P": 1}
    assert after.baru == {"L": 0, "P": 1}
    assert sum(after.checked.values()) == 5
    assert sum(after.result.values()) == total - 2 + 1
    # A desa's counts include its TPS.
    desa = coklit_counts(store.db, tps.rsplit(".", 1)[0])
    assert sum(desa.received.values()) >= total

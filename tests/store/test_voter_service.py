"""Each outcome end to end through the service: the row, its outbox entry (which the update
records are read from) and the audit entry land together, or not at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from desktop_app.store import outbox
from desktop_app.store.attachments import AttachmentInput, read_attachment
from desktop_app.store.errors import OutcomeRefused, RecordNotFound, ValidationFailed
from desktop_app.store.verify import verify_store
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import VoterRecord

TPS = "61.11.02.2003.001"
OTHER_TPS = "61.11.02.2003.002"


def _person(
    i: int, *, sex: str = "L", born=dt.date(1985, 6, 15), nama="Ahmad Fauzi"
) -> VoterRecord:
    return VoterRecord(
        nkk=encode_nkk("61.11.02", dt.date(2015, 3, 1), 100 + i),
        nik=encode_nik("61.11.02", born, sex, i + 1),
        nama=f"{nama} {i}",
        tempat_lahir="Sukadana",
        tanggal_lahir=born,
        status_perkawinan="S",
        jenis_kelamin=sex,
        alamat="Dusun Pelita",
        rt="001",
        rw="003",
        disabilitas=0,
        status_ktp_el="S",
        tps_id=TPS,
        sumber="DP4",
        dpid=str(5000 + i),
    )


@pytest.fixture()
def service(store):
    store.set_election_date(dt.date(2029, 2, 14))
    import_voters(store, [_person(i) for i in range(5)], source="test")
    return VoterService(store)


def _ids(service):
    return [r[0] for r in service.db.execute("SELECT id FROM voters ORDER BY pk")]


def _counts(db):
    return tuple(
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("outbox", "voter_updates", "audit", "voters", "attachments")
    )


def test_sesuai_writes_row_outbox_update_and_audit(service):
    voter_id = _ids(service)[0]
    result = service.mark_sesuai(voter_id)
    view = service.get(voter_id)
    assert view.record.keterangan == "✓" and view.checked_by == service.store.officer
    (entry,) = outbox.entries(service.db)
    assert (entry.op, entry.entity_id, entry.base_version, entry.seq) == (
        "sesuai",
        voter_id,
        0,
        result.seq,
    )
    audit = service.db.execute(
        "SELECT action, change_id FROM audit WHERE change_id = ?", [result.change_id]
    ).fetchone()
    assert audit == ("voter.sesuai", result.change_id)
    assert verify_store(service.store).ok


def _row(db, voter_id):
    return db.execute("SELECT * FROM voters WHERE id = ?", [voter_id]).fetchone()


def test_sesuai_on_a_row_already_sesuai_writes_nothing(service):
    """The same outcome twice is one change for KPU: no outbox entry, no audit entry, and the
    row keeps who checked it and when."""
    voter_id = _ids(service)[0]
    first = service.mark_sesuai(voter_id)
    before = _counts(service.db), _row(service.db, voter_id)

    again = service.mark_sesuai(voter_id)

    assert first.changed and not again.changed
    assert (again.voter_id, again.change_id, again.seq) == (voter_id, None, None)
    assert (_counts(service.db), _row(service.db, voter_id)) == before
    assert verify_store(service.store).ok


def _corrected(service, voter_id):
    return service.ubah(voter_id, {"rt": "007"}).voter_id


def _flagged(service, voter_id):
    return service.mark_tms(voter_id, 4, "skpwni", "SKPWNI/2026/78").voter_id


def _added(service, _voter_id):
    return service.add_baru(
        dataclasses.replace(_person(70, nama="Wayan Sudarsa"), dpid=None)
    ).voter_id


@pytest.mark.parametrize(
    ("record_outcome", "mark"),
    [
        pytest.param(_corrected, "U", id="ubah"),
        pytest.param(_flagged, "4", id="tms"),
        pytest.param(_added, "B", id="baru"),
    ],
)
def test_sesuai_never_replaces_another_outcome(service, record_outcome, mark):
    voter_id = record_outcome(service, _ids(service)[0])
    before = _counts(service.db), _row(service.db, voter_id)

    with pytest.raises(OutcomeRefused) as refused:
        service.mark_sesuai(voter_id)

    assert (refused.value.current, refused.value.wanted) == (mark, "sesuai")
    assert (_counts(service.db), _row(service.db, voter_id)) == before
    assert service.get(voter_id).record.keterangan == mark


def test_ubah_keeps_the_first_original_value(service):
    voter_id = _ids(service)[0]
    service.ubah(voter_id, {"alamat": "Jalan Baru 1"})
    service.ubah(voter_id, {"alamat": "Jalan Baru 2", "rt": "004"})
    view = service.get(voter_id)
    assert view.record.alamat == "Jalan Baru 2" and view.record.keterangan == "U"
    assert view.original_values == {"alamat": "Dusun Pelita", "rt": "001"}
    last = outbox.entries(service.db)[-1]
    assert last.payload == {
        "changes": {"alamat": "Jalan Baru 2", "rt": "004"},
        "original": {"alamat": "Dusun Pelita", "rt": "001"},
    }


def test_invalid_ubah_is_refused_and_writes_nothing(service):
    voter_id = _ids(service)[0]
    before = _counts(service.db)
    with pytest.raises(ValidationFailed):
        service.ubah(voter_id, {"jenis_kelamin": "X"})
    with pytest.raises(ValidationFailed):
        service.ubah(voter_id, {"alamat": service.get(voter_id).record.alamat})  # no real change
    assert _counts(service.db) == before
    assert service.get(voter_id).record.keterangan == ""


def test_tms_needs_evidence_and_stores_attachment_encrypted_inside(service):
    voter_id = _ids(service)[1]
    before = _counts(service.db)
    with pytest.raises(ValidationFailed):
        service.mark_tms(voter_id, 1, "", "")
    assert _counts(service.db) == before
    photo = AttachmentInput(b"\xff\xd8\xff" + b"jpeg-bytes" * 100, "image/jpeg", "akta.jpg")
    result = service.mark_tms(voter_id, 1, "akta_kematian", "AK/12/2026", photo)
    assert service.get(voter_id).record.keterangan == "1"
    (entry,) = outbox.entries(service.db)
    assert entry.payload["code"] == 1 and entry.payload["attachment"]
    assert read_attachment(service.db, entry.payload["attachment"]) == photo.content
    assert result.change_id == entry.change_id


def test_tms8_moves_voter_to_the_right_tps_in_one_transaction(service):
    voter_id = _ids(service)[2]
    tms, baru = service.tms8_move(voter_id, OTHER_TPS)
    old, new = service.get(voter_id), service.get(baru.voter_id)
    assert old.record.keterangan == "8"
    assert (new.record.tps_id, new.record.keterangan, new.record.dpid) == (OTHER_TPS, "B", None)
    assert new.record.nik == old.record.nik
    ops = [(e.op, e.entity_id) for e in outbox.entries(service.db)]
    assert ops == [("tms", voter_id), ("baru", baru.voter_id)]
    assert outbox.entries(service.db)[0].payload["new_voter_id"] == baru.voter_id
    assert (
        service.db.execute("SELECT count(*) FROM tps WHERE id = ?", [OTHER_TPS]).fetchone()[0] == 1
    )


def test_tms8_to_another_desa_is_refused(service):
    with pytest.raises(ValidationFailed):
        service.tms8_move(_ids(service)[2], "61.11.02.2004.001")
    with pytest.raises(ValidationFailed):
        service.tms8_move(_ids(service)[2], TPS)  # the same TPS


def test_baru_saves_full_record_and_returns_warnings(service):
    person = dataclasses.replace(_person(50, nama="Wayan Sudarsa"), dpid=None)
    result = service.add_baru(person)
    view = service.get(result.voter_id)
    assert view.record.keterangan == "B" and view.record.dpid is None
    entry = outbox.entries(service.db)[-1]
    assert entry.op == "baru" and entry.base_version is None
    assert entry.payload["nik"] == person.nik and entry.payload["tanggal_lahir"] == "1985-06-15"
    # A NIK that disagrees with the recorded sex is a warning: saved, and the officer is told.
    mismatch = dataclasses.replace(_person(51), jenis_kelamin="P", dpid=None)
    warned = service.add_baru(mismatch)
    assert warned.warnings and all(w.severity.name == "WARNING" for w in warned.warnings)


def test_baru_under_age_is_refused(service):
    young = _person(60, born=dt.date(2015, 1, 1))
    young = dataclasses.replace(young, status_perkawinan="B")
    before = _counts(service.db)
    with pytest.raises(ValidationFailed):
        service.add_baru(young)
    assert _counts(service.db) == before


def test_restore_after_tms(service):
    voter_id = _ids(service)[3]
    service.mark_tms(voter_id, 4, "skpwni", "SKPWNI/2026/77")
    service.restore(voter_id)
    assert service.get(voter_id).record.keterangan == ""
    with pytest.raises(ValidationFailed):
        service.restore(voter_id)


def test_failure_inside_the_transaction_leaves_nothing(service):
    voter_id = _ids(service)[0]
    before = _counts(service.db)
    service.db.execute(
        "CREATE TEMP TRIGGER audit_fails BEFORE INSERT ON audit "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(Exception, match="disk full"):
        service.ubah(voter_id, {"alamat": "Tidak Tersimpan"})
    service.db.execute("DROP TRIGGER audit_fails")
    assert _counts(service.db) == before
    assert service.get(voter_id).record.alamat == "Dusun Pelita"


def test_search_by_name_prefix_nik_prefix_and_tps(service):
    service.add_baru(
        dataclasses.replace(_person(70, nama="Siti Nurhaliza"), dpid=None, tps_id=OTHER_TPS)
    )
    assert [v.record.nama for v in service.search("siti nur")] == ["Siti Nurhaliza 70"]
    assert len(service.search("ahm")) == 5
    assert service.search("ahm", tps_id=OTHER_TPS) == []
    nik = service.get(_ids(service)[0]).record.nik
    service.store.warm_lookup_index()  # what the desk runs after unlock: lookups still agree
    assert [v.record.nik for v in service.search(nik[:12])][0].startswith(nik[:12])
    assert service.find_by_nik(nik)[0].record.nik == nik
    assert service.search("  ") == [] and service.search("'\"*") == []


def test_unknown_voter_is_a_clear_error(service):
    with pytest.raises(RecordNotFound):
        service.mark_sesuai("does-not-exist")


def test_outbox_payloads_are_json_and_sequence_is_gapless(service):
    ids = _ids(service)
    for voter_id in ids:
        service.mark_sesuai(voter_id)
    seqs = [e.seq for e in outbox.entries(service.db)]
    assert seqs == list(range(1, len(ids) + 1))
    for (payload,) in service.db.execute("SELECT payload FROM outbox"):
        json.loads(payload)


def test_each_check_reads_back_as_its_update_record(service):
    """The update records (a view of the outbox since migration 9) hold what the officer did:
    outcome, TMS code, {element: [old, new]}, evidence and its file, by whom and when."""
    a, b, c, d = _ids(service)[:4]
    service.mark_sesuai(a)
    service.ubah(b, {"alamat": "Jalan Baru 1"})
    service.ubah(b, {"alamat": "Jalan Baru 2", "rt": "004"})
    photo = AttachmentInput(b"\xff\xd8\xff" + b"scan" * 50, "image/jpeg", "akta.jpg")
    tms = service.mark_tms(c, 1, "akta_kematian", "AK/12/2026", photo)
    sha = outbox.entries(service.db)[-1].payload["attachment"]
    _, baru = service.tms8_move(d, OTHER_TPS)
    service.restore(c)

    rows = service.db.execute(
        "SELECT voter_id, outcome, tms_code, changes, evidence_type, evidence_ref, "
        "attachment_sha256, officer FROM voter_updates ORDER BY seq"
    ).fetchall()
    officer = service.store.officer
    assert [(*r[:3], json.loads(r[3]) if r[3] else None, *r[4:]) for r in rows] == [
        (a, "sesuai", None, None, None, None, None, officer),
        (b, "ubah", None, {"alamat": ["Dusun Pelita", "Jalan Baru 1"]}, None, None, None, officer),
        (
            b,
            "ubah",
            None,
            {"alamat": ["Dusun Pelita", "Jalan Baru 2"], "rt": ["001", "004"]},
            None,
            None,
            None,
            officer,
        ),
        (c, "tms", 1, None, "akta_kematian", "AK/12/2026", sha, officer),
        (d, "tms", 8, None, "", OTHER_TPS, None, officer),
        (baru.voter_id, "baru", None, None, None, None, None, officer),
        (c, "restore", None, None, None, None, None, officer),
    ]
    (created,) = service.db.execute(
        "SELECT created_at FROM voter_updates WHERE change_id = ?", [tms.change_id]
    ).fetchone()
    assert created == outbox.entries(service.db)[3].created_at

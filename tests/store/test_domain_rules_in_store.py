"""Issue 16's rules applied by the store's services: refused writes leave nothing behind
(row, outbox, audit), accepted ones carry their warnings. Expected answers from the domain
note (../shared/domain/kpu-domain.md), sections cited per test."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.store import outbox
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.errors import ValidationFailed
from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.recruitment import AdhocBody
from tests.store.test_application_service import DESA
from tests.store.test_application_service import _applicant as make_applicant
from tests.store.test_voter_service import _counts, _person

PHOTO = AttachmentInput(b"\xff\xd8\xff" + b"jpeg" * 50, "image/jpeg", "akta.jpg")


@pytest.fixture()
def service(store):
    store.set_election_date(dt.date(2029, 2, 14))
    import_voters(store, [_person(i) for i in range(3)], source="test")
    return VoterService(store)


def _id(service, i):
    return service.db.execute("SELECT id FROM voters ORDER BY pk").fetchall()[i][0]


def _refused(service, write, code):
    before = _counts(service.db)
    with pytest.raises(ValidationFailed) as caught:
        write()
    assert code in caught.value.result.codes
    assert _counts(service.db) == before
    return caught.value


def test_married_baru_born_after_today_is_refused(service):
    # Note §4: marriage exempts from the age rule only; issue 16 item 1.
    born = dt.date.today() + dt.timedelta(days=30)
    person = dataclasses.replace(_person(10, born=born), dpid=None, status_perkawinan="S")
    _refused(service, lambda: service.add_baru(person), "tanggal_lahir.future")


def test_ubah_to_a_future_birth_date_is_refused_for_a_married_voter(service):
    born = dt.date.today() + dt.timedelta(days=30)
    _refused(
        service,
        lambda: service.ubah(_id(service, 0), {"tanggal_lahir": born}),
        "tanggal_lahir.future",
    )


def test_tms3_on_a_married_voter_is_refused(service):
    # Note §3: TMS-3 is under 17 *and* never married; _person is married (S), born 1985.
    voter_id = _id(service, 0)
    _refused(
        service,
        lambda: service.mark_tms(voter_id, 3, "dokumen_tanggal_lahir", "KK 1", PHOTO),
        "tms.under_age_married",
    )
    assert service.get(voter_id).record.keterangan == ""


def test_tms3_against_the_recorded_birth_date_needs_the_photo(service):
    voter_id = _id(service, 1)
    service.db.execute("UPDATE voters SET status_perkawinan = 'B' WHERE id = ?", [voter_id])
    _refused(
        service,
        lambda: service.mark_tms(voter_id, 3, "dokumen_tanggal_lahir", "Akta 1/2013"),
        "tms.attachment_required",
    )
    saved = service.mark_tms(voter_id, 3, "dokumen_tanggal_lahir", "Akta 1/2013", PHOTO)
    assert [w.code for w in saved.warnings] == ["tms.under_age_adult_by_record"]
    assert service.get(voter_id).record.keterangan == "3"


def test_tms2_must_name_another_record_on_the_list(service):
    # Note §3: TMS-2 evidence is the other record's NIK / id.
    first, second = _id(service, 0), _id(service, 1)
    _refused(
        service,
        lambda: service.mark_tms(first, 2, "data_ganda", "f" * 32),
        "tms.attachment_required",
    )
    _refused(service, lambda: service.mark_tms(first, 2, "data_ganda", first), "tms.ganda_self")
    service.mark_tms(first, 2, "data_ganda", second)
    _refused(
        service, lambda: service.mark_tms(second, 2, "data_ganda", first), "tms.ganda_other_tms"
    )


def test_baru_who_left_tni_polri_keeps_the_sk_and_sends_it(service):
    # Note §3 Baru: retired from TNI/Polri, proof SK pemberhentian; §4 not active TNI/Polri.
    person = dataclasses.replace(_person(20), dpid=None, status_tni_polri="berhenti")
    _refused(service, lambda: service.add_baru(person), "sk_pemberhentian.missing")
    with_sk = dataclasses.replace(person, sk_pemberhentian="SKEP/12/III/2025")
    saved = service.add_baru(with_sk)
    record = service.get(saved.voter_id).record
    assert (record.status_tni_polri, record.sk_pemberhentian) == ("berhenti", "SKEP/12/III/2025")
    payload = outbox.entries(service.db)[-1].payload
    assert payload["status_tni_polri"] == "berhenti"
    assert payload["sk_pemberhentian"] == "SKEP/12/III/2025"
    assert "hak_pilih_dicabut" not in payload  # unset keys stay off the wire (old servers)
    active = dataclasses.replace(_person(21), dpid=None, status_tni_polri="aktif")
    _refused(service, lambda: service.add_baru(active), "eligibility.tni_polri_aktif")


def test_an_ordinary_baru_sends_no_new_keys(service):
    # Servers from before issue 16 refuse unknown baru keys: a plain baru must not send any.
    saved = service.add_baru(dataclasses.replace(_person(30), dpid=None))
    payload = outbox.entries(service.db)[-1].payload
    assert saved.change_id and not {
        "status_tni_polri",
        "sk_pemberhentian",
        "hak_pilih_dicabut",
    } & set(payload)


def test_application_inside_the_party_cooloff_cannot_be_submitted(store):
    # Note §6: "not a party member, or out for 5 years with a party letter".
    store.set_election_date(dt.date(2029, 2, 14))
    apps = ApplicationService(store)
    today = dt.date.today()
    documents = make_applicant().documents | {"surat_keterangan_partai"}
    recent = make_applicant(
        ex_party_member=True,
        tanggal_keluar_partai=today.replace(year=today.year - 3),
        documents=documents,
    )
    app_id = apps.save_draft(recent, AdhocBody.PPS, DESA)
    with pytest.raises(ValidationFailed) as caught:
        apps.submit(app_id)
    assert "party.cooloff" in caught.value.result.codes
    assert outbox.entries(store.db) == []
    # The leaving date survives the draft, and six years out is fine.
    assert apps.get(app_id).applicant.tanggal_keluar_partai == recent.tanggal_keluar_partai
    long_ago = dataclasses.replace(recent, tanggal_keluar_partai=dt.date(today.year - 6, 1, 1))
    apps.save_draft(long_ago, AdhocBody.PPS, DESA, app_id)
    result = apps.submit(app_id)
    assert outbox.entries(store.db)[-1].payload["form"]["tanggal_keluar_partai"] == (
        long_ago.tanggal_keluar_partai.isoformat()
    )
    assert result.application_no


def test_the_election_rules_configured_in_the_store_are_the_ones_applied(store):
    # Issue 16 item 6: the health limits are not from a regulation [?] (domain note §6 gives
    # only "blood pressure, blood sugar and cholesterol"), so each election sets its own.
    from lapang_core.domain.election_rules import parse_election_rules
    from lapang_core.domain.recruitment import HealthValues

    store.set_election_date(dt.date(2029, 2, 14))
    apps = ApplicationService(store)
    applicant = make_applicant(kesehatan=HealthValues(145, 80, 100, 180))
    app_id = apps.save_draft(applicant, AdhocBody.PPS, DESA)
    assert "health.above_limit" in apps.check(app_id).codes
    store.set_election_rules(parse_election_rules({"max_sistolik": 150}))
    assert "health.above_limit" not in apps.check(app_id).codes


def test_tms2_counts_only_records_in_the_enrolled_area_as_kpu_does(service):
    # KPU looks a TMS-2 reference up in the laptop's area (docs/sync-protocol.md): a record this
    # store holds from a wider list must not spare the photo KPU would then refuse without.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.store import sync_state
    from desktop_app.store.field_store import utc_now
    from tests.conftest import OFFICER
    from tests.store.test_voter_service import OTHER_TPS, TPS

    first, second = _id(service, 0), _id(service, 1)
    service.db.execute("UPDATE voters SET tps_id = ? WHERE id = ?", [OTHER_TPS, second])
    sync_state.save_enrollment(
        service.db,
        device_id="c0ffee00" * 4,
        server_url="https://sinkron.kpu.example",
        area=TPS,
        area_name="TPS 001",
        label="laptop pantarlih",
        private_key=Ed25519PrivateKey.generate(),
        public_key="k",
        limits={},
        clock_offset=0,
        officer=OFFICER,
        at=utc_now(),
    )
    _refused(
        service,
        lambda: service.mark_tms(first, 2, "data_ganda", second),
        "tms.attachment_required",
    )
    saved = service.mark_tms(first, 2, "data_ganda", second, PHOTO)
    assert [w.code for w in saved.warnings] == ["tms.ganda_not_found"]

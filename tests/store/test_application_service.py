"""Recruitment applications: drafts that survive a reopen, submission rules, duplicates, outbox."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.application_service import AlreadySubmitted, ApplicationService
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.errors import ValidationFailed
from desktop_app.store.field_store import utc_now
from desktop_app.store.verify import verify_store
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import (
    DOCUMENTS,
    AdhocBody,
    Applicant,
    Document,
    HealthValues,
    Statement,
    format_application_no,
    make_application_no,
)
from tests.conftest import OFFICER, PASSPHRASE

DESA = "61.11.02.2003"


def _applicant(**overrides) -> Applicant:
    base = Applicant(
        nik=encode_nik("61.11.02", dt.date(1990, 5, 17), "P", 12),
        nama="Rina Marlina",
        tempat_lahir="Sukadana",
        tanggal_lahir=dt.date(1990, 5, 17),
        jenis_kelamin="P",
        alamat_ktp="Dusun Pelita RT 001 RW 002",
        domisili_kode=DESA,
        pendidikan="sma",
        pekerjaan="Guru honorer",
        telepon="081234567890",
        email="rina@example.org",
        statements={s: True for s in Statement},
        kesehatan=HealthValues(120, 80, 100, 180),
        documents={str(d) for d in DOCUMENTS if d is not Document.SURAT_KETERANGAN_PARTAI},
    )
    return dataclasses.replace(base, **overrides)


@pytest.fixture()
def service(store):
    store.set_election_date(dt.date(2029, 2, 14))
    return ApplicationService(store)


def test_draft_survives_close_and_reopen(service, vault):
    app_id = service.save_draft(_applicant(nama="Rin", telepon=""), AdhocBody.PPS, DESA)
    service.save_draft(_applicant(nama="Rina Marlina"), AdhocBody.PPS, DESA, app_id)
    service.store.close()
    reopened = ApplicationService(vault.unlock(OFFICER, PASSPHRASE))
    app = reopened.get(app_id)
    assert app.state == "draft" and app.applicant.nama == "Rina Marlina"
    assert app.applicant.kesehatan.sistolik == 120
    assert outbox.counts(reopened.db)["pending"] == 0  # drafts are not sent
    reopened.store.close()


def test_submit_queues_the_form_and_numbers_it(service):
    app_id = service.save_draft(_applicant(), AdhocBody.PPS, DESA)
    photo = AttachmentInput(b"\x89PNG" + b"x" * 50, "image/png", "foto.png")
    service.attach_document(app_id, "pas_foto", photo)
    result = service.submit(app_id)
    assert result.application_no.startswith("PPS-") and result.missing_documents == ()
    # The laptop's random id, 40 bits of it, keeps numbers apart across laptops; the number
    # reads in groups without look-alike characters and carries a check character.
    assert result.application_no == make_application_no("PPS", service.store.device_id, 1)
    assert format_application_no(result.application_no.lower()) == result.application_no
    (entry,) = outbox.entries(service.db)
    assert entry.entity == "application" and entry.op == "application.submit"
    assert entry.payload["form"]["nik"] == _applicant().nik
    assert entry.payload["attachments"]["pas_foto"]
    app = service.get(app_id)
    assert app.state == "submitted" and app.stage == "registration"
    with pytest.raises(ValidationFailed, match="already submitted"):
        service.save_draft(_applicant(), AdhocBody.PPS, DESA, app_id)
    with pytest.raises(ValidationFailed, match="already submitted"):
        service.submit(app_id)
    assert verify_store(service.store).ok


def test_missing_documents_are_received_and_listed(service):
    app_id = service.save_draft(_applicant(documents={"ktp_el"}), AdhocBody.KPPS, DESA + ".001")
    result = service.submit(app_id)
    assert "ijazah" in result.missing_documents and "ktp_el" not in result.missing_documents


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"tanggal_lahir": dt.date(2015, 1, 1)}, "age.below_minimum"),
        ({"nik": "12345"}, "nik.length"),
        ({"domisili_kode": "52.04.01.2001"}, "domicile.outside_area"),
        ({"pendidikan": "smp"}, "pendidikan.below_minimum"),
    ],
)
def test_rules_block_submission_and_nothing_is_queued(service, overrides, code):
    app_id = service.save_draft(_applicant(**overrides), AdhocBody.PPS, DESA)
    with pytest.raises(ValidationFailed) as refused:
        service.submit(app_id)
    assert code in refused.value.result.codes
    assert service.get(app_id).state == "draft"
    assert outbox.counts(service.db)["pending"] == 0


def test_same_nik_for_two_bodies_is_flagged(service):
    first = service.save_draft(_applicant(), AdhocBody.PPS, DESA)
    second = service.save_draft(_applicant(), AdhocBody.KPPS, DESA + ".002")
    assert [a.id for a in service.duplicates_of(second)] == [first]
    service.submit(first)
    result = service.submit(second)
    assert any(w.code == "application.duplicate_nik" for w in result.warnings)


def test_ppk_area_must_be_a_kecamatan(service):
    app_id = service.save_draft(_applicant(), AdhocBody.PPK, "61.11")
    with pytest.raises(ValidationFailed, match="not valid for PPK"):
        service.submit(app_id)


def test_missing_health_letter_does_not_block_but_values_without_it_do(service):
    docs = {str(d) for d in DOCUMENTS} - {"surat_keterangan_partai", "surat_keterangan_sehat"}
    no_letter = _applicant(kesehatan=HealthValues(), documents=docs)
    result = service.submit(service.save_draft(no_letter, AdhocBody.PPS, DESA))
    assert "surat_keterangan_sehat" in result.missing_documents
    with_letter = _applicant(
        kesehatan=HealthValues(), nik=encode_nik("61.11.02", dt.date(1990, 5, 17), "P", 13)
    )
    app_id = service.save_draft(with_letter, AdhocBody.PPS, DESA)
    with pytest.raises(ValidationFailed) as refused:
        service.submit(app_id)
    assert "health.missing" in refused.value.result.codes


def test_discard_draft_only(service):
    draft = service.save_draft(_applicant(), AdhocBody.PPS, DESA)
    service.discard_draft(draft)
    assert service.list() == []
    submitted = service.save_draft(_applicant(), AdhocBody.PPS, DESA)
    service.submit(submitted)
    with pytest.raises(AlreadySubmitted):
        service.discard_draft(submitted)
    assert service.get(submitted).state == "submitted"


def test_an_enrolled_laptop_submits_only_where_kpu_files_it(service):
    """KPU files an application only inside the laptop's enrolled area (or the unit holding it):
    the store says so before submitting, and nothing is queued or numbered."""
    sync_state.save_enrollment(
        service.db,
        device_id="c0ffee00" * 4,
        server_url="https://sinkron.kpu.example",
        area=DESA,
        area_name="Sukadana",
        label="laptop PPS",
        private_key=Ed25519PrivateKey.generate(),
        public_key="k",
        limits={},
        clock_offset=0,
        officer=OFFICER,
        at=utc_now(),
    )
    neighbour = "61.11.02.2004"
    app_id = service.save_draft(_applicant(domisili_kode=neighbour), AdhocBody.PPS, neighbour)
    with pytest.raises(ValidationFailed) as refused:
        service.submit(app_id)
    assert [f.code for f in refused.value.result.errors] == ["area.outside_device"]
    assert service.get(app_id).state == "draft" and outbox.entries(service.db) == []
    # Its own desa, and the kecamatan's PPK: filed.
    for body, area in ((AdhocBody.PPS, DESA), (AdhocBody.PPK, "61.11.02")):
        assert service.submit(service.save_draft(_applicant(), body, area)).application_no

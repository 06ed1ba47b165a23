import dataclasses
import datetime as dt

import pytest

from lapang_core.domain.findings import Severity
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import (
    DEFAULT_RULES,
    DOCUMENTS,
    AdhocBody,
    Applicant,
    Document,
    HealthValues,
    Pendidikan,
    RecruitmentRules,
    Statement,
    check_applicant,
    may_file,
    required_documents,
)
from lapang_core.domain.region import InvalidRegionCode, RegionLevel

ELECTION = dt.date(2024, 11, 27)
DESA = "61.11.02.2003"
BORN = dt.date(1985, 3, 9)


def make_applicant(**overrides) -> Applicant:
    values = dict(
        nik=encode_nik("61.11.02", BORN, "L", 3),
        nama="BUDI SANTOSO",
        tempat_lahir="SAMBAS",
        tanggal_lahir=BORN,
        jenis_kelamin="L",
        alamat_ktp="JL. MERDEKA 1",
        domisili_kode=DESA,
        pendidikan="sma",
        pekerjaan="PETANI",
        telepon="+62 812-3456-7890",
        email="budi@example.org",
        statements={s.value: True for s in Statement},
        kesehatan=HealthValues(sistolik=120, diastolik=80, gula_darah=110, kolesterol=180),
        documents={d.value for d in required_documents(False)},
    )
    values.update(overrides)
    return Applicant(**values)


def codes(applicant, body=AdhocBody.KPPS, area=f"{DESA}.001", rules=DEFAULT_RULES):
    return check_applicant(applicant, body, area, ELECTION, rules).codes


def test_bodies():
    assert [(b.level, b.seats) for b in AdhocBody] == [
        (RegionLevel.KECAMATAN, 5),
        (RegionLevel.DESA, 3),
        (RegionLevel.TPS, 7),
        (RegionLevel.TPS, 1),
    ]
    assert AdhocBody.PANTARLIH.seats_for(400) == 1
    assert AdhocBody.PANTARLIH.seats_for(401) == 2
    assert AdhocBody.KPPS.seats_for(600) == 7
    assert (AdhocBody.PPK.interview_shortlist, AdhocBody.PPS.interview_shortlist) == (15, 6)
    assert AdhocBody.KPPS.interview_shortlist is None


def test_complete_applicant_passes_for_every_body():
    applicant = make_applicant()
    for body, area in [
        (AdhocBody.PPK, "61.11.02"),
        (AdhocBody.PPS, DESA),
        (AdhocBody.KPPS, f"{DESA}.001"),
        (AdhocBody.PANTARLIH, DESA),
    ]:
        assert codes(applicant, body, area) == ()


def test_age_minimum_counted_on_election_day():
    turns_17 = dt.date(2007, 11, 27)
    nik = encode_nik("61.11.02", turns_17, "L", 3)
    assert codes(make_applicant(tanggal_lahir=turns_17, nik=nik)) == ()
    later = dt.date(2007, 11, 28)
    nik = encode_nik("61.11.02", later, "L", 3)
    assert codes(make_applicant(tanggal_lahir=later, nik=nik)) == ("age.below_minimum",)


def test_kpps_over_55_is_only_a_warning():
    born = dt.date(1968, 11, 27)  # 56 on election day: above the preferred 55
    old = make_applicant(tanggal_lahir=born, nik=encode_nik("61.11.02", born, "L", 3))
    result = check_applicant(old, AdhocBody.KPPS, DESA, ELECTION)
    assert result.ok and result.codes == ("age.above_preferred",)
    assert result.findings[0].severity is Severity.WARNING
    assert check_applicant(old, AdhocBody.PPS, DESA, ELECTION).codes == ()
    fifty_five = dt.date(1968, 11, 28)  # turns 56 the day after the election
    ok = make_applicant(tanggal_lahir=fifty_five, nik=encode_nik("61.11.02", fifty_five, "L", 3))
    assert codes(ok) == ()
    relaxed = RecruitmentRules(preferred_max_age=60)
    assert codes(old, rules=relaxed) == ()


@pytest.mark.parametrize(
    ("pendidikan", "expected"),
    [
        ("smp", ("pendidikan.below_minimum",)),
        ("sd", ("pendidikan.below_minimum",)),
        ("sma", ()),
        ("s1", ()),
        (Pendidikan.D3, ()),
        ("kuliah", ("pendidikan.invalid",)),
    ],
)
def test_education(pendidikan, expected):
    assert codes(make_applicant(pendidikan=pendidikan)) == expected


def test_minimum_education_is_configurable():
    rules = dataclasses.replace(DEFAULT_RULES, min_pendidikan=Pendidikan.SMP)
    assert codes(make_applicant(pendidikan="smp"), rules=rules) == ()


def test_domicile_must_be_in_the_working_area():
    elsewhere = make_applicant(domisili_kode="61.11.02.2004")
    assert codes(elsewhere, AdhocBody.PPS, DESA) == ("domicile.outside_area",)
    assert codes(elsewhere, AdhocBody.KPPS, f"{DESA}.002") == ("domicile.outside_area",)
    assert codes(elsewhere, AdhocBody.PPK, "61.11.02") == ()
    # a finer area code is widened to the body's level: PPK works in the whole kecamatan
    assert codes(elsewhere, AdhocBody.PPK, DESA) == ()
    assert codes(make_applicant(domisili_kode="6111022003"), AdhocBody.PPS, DESA) == ()
    for bad in ("61.11.02", "X", ""):
        assert codes(make_applicant(domisili_kode=bad)) == ("domisili_kode.invalid",)


def test_area_coarser_than_the_body_is_a_caller_error():
    with pytest.raises(InvalidRegionCode):
        check_applicant(make_applicant(), AdhocBody.PPS, "61.11.02", ELECTION)
    with pytest.raises(InvalidRegionCode):
        check_applicant(make_applicant(), AdhocBody.KPPS, "61.11", ELECTION)


def test_statements_required():
    statements = {s.value: True for s in Statement}
    statements[Statement.SETIA_PANCASILA] = False
    del statements[Statement.MAMPU_TEKNOLOGI]
    result = check_applicant(make_applicant(statements=statements), AdhocBody.PPS, DESA, ELECTION)
    assert result.codes == ("statement.missing", "statement.missing")
    assert {f.field for f in result.findings} == {
        "statements.setia_pancasila",
        "statements.mampu_teknologi",
    }
    rules = RecruitmentRules(required_statements=frozenset({Statement.WNI}))
    assert codes(make_applicant(statements={"wni": True}), rules=rules) == ()


def test_documents_checklist_and_party_letter():
    assert DOCUMENTS[0] is Document.SURAT_PENDAFTARAN and len(DOCUMENTS) == 8
    assert Document.SURAT_KETERANGAN_PARTAI not in required_documents(False)
    assert Document.SURAT_KETERANGAN_PARTAI in required_documents(True)
    # Out for 5 years or more (note §6), so only the letter is at stake here.
    ex_member = make_applicant(ex_party_member=True, tanggal_keluar_partai=dt.date(2015, 1, 1))
    result = check_applicant(ex_member, AdhocBody.PPS, DESA, ELECTION)
    assert result.codes == ("document.missing",)
    assert result.findings[0].field == "documents.surat_keterangan_partai"
    ex_member.documents.add(Document.SURAT_KETERANGAN_PARTAI)
    assert check_applicant(ex_member, AdhocBody.PPS, DESA, ELECTION).ok
    missing_photo = make_applicant()
    missing_photo.documents.discard("pas_foto")
    assert codes(missing_photo) == ("document.missing",)


def test_health_values():
    assert codes(make_applicant(kesehatan=HealthValues())) == ("health.missing",) * 4
    high = HealthValues(sistolik=160, diastolik=80, gula_darah=110, kolesterol=250)
    result = check_applicant(make_applicant(kesehatan=high), AdhocBody.KPPS, DESA, ELECTION)
    assert result.ok and result.codes == ("health.above_limit",) * 2
    optional = RecruitmentRules(require_health_values=False)
    assert codes(make_applicant(kesehatan=HealthValues()), rules=optional) == ()


def test_health_values_are_not_required_while_the_health_letter_is_missing():
    no_letter = make_applicant(kesehatan=HealthValues())
    no_letter.documents.discard(Document.SURAT_KETERANGAN_SEHAT)
    # The letter is missing (a document, receivable); its values cannot be asked for.
    assert codes(no_letter) == ("document.missing",)
    high = HealthValues(sistolik=160)  # a value typed anyway is still looked at
    with_value = make_applicant(kesehatan=high, documents=set(no_letter.documents))
    assert codes(with_value) == ("document.missing", "health.above_limit")


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"telepon": ""}, ("telepon.missing",)),
        ({"telepon": "12-34"}, ("telepon.invalid",)),
        ({"telepon": "0812 3456 7890"}, ()),
        ({"email": ""}, ()),
        ({"email": "budi@"}, ("email.invalid",)),
        ({"nama": " "}, ("nama.missing",)),
        ({"pekerjaan": ""}, ("pekerjaan.missing",)),
        ({"jenis_kelamin": "X"}, ("jenis_kelamin.invalid",)),
        ({"tanggal_lahir": None}, ("tanggal_lahir.missing",)),
        ({"nik": "123"}, ("nik.length",)),
        ({"jenis_kelamin": "P"}, ("nik.sex_mismatch",)),
    ],
)
def test_identity_and_contact(overrides, expected):
    assert codes(make_applicant(**overrides)) == expected


def test_a_laptop_files_inside_its_area_or_into_the_unit_holding_it():
    desa, tps = "61.11.02.2003", "61.11.02.2003.004"
    allowed = [
        (AdhocBody.PPS, desa, desa),
        (AdhocBody.KPPS, tps, desa),
        (AdhocBody.PPK, "61.11.02", desa),  # a PPS office takes its kecamatan's PPK applicants
        (AdhocBody.KPPS, desa, tps),  # a TPS laptop: its desa's applicants not yet placed
        (AdhocBody.PPS, desa, tps),
    ]
    refused = [
        (AdhocBody.PPS, "61.11.02.2004", desa),  # the neighbouring desa
        (AdhocBody.PPS, "61.11.02", desa),  # a PPS application has a desa, not a kecamatan
        (AdhocBody.KPPS, "61.11.02.2003.005", tps),  # another TPS of the desa
        (AdhocBody.PPK, "61.11.03", desa),
        (AdhocBody.PPS, "61.11.0X", desa),
    ]
    assert all(may_file(*case) for case in allowed)
    assert not any(may_file(*case) for case in refused)

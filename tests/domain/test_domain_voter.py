import dataclasses
import datetime as dt

import pytest

from lapang_core.domain.findings import Severity
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import (
    ELEMENTS,
    VoterRecord,
    validate_changes,
    validate_record,
    validate_voter,
)

ELECTION = dt.date(2024, 2, 14)
BORN = dt.date(1990, 8, 17)


def make_voter(**overrides) -> VoterRecord:
    values = dict(
        nkk=encode_nkk("61.11.02", dt.date(2015, 2, 15), 7),
        nik=encode_nik("61.11.02", BORN, "P", 1),
        nama="SITI AMINAH",
        tempat_lahir="SAMBAS",
        tanggal_lahir=BORN,
        status_perkawinan="S",
        jenis_kelamin="P",
        alamat="JL. MERDEKA",
        rt="001",
        rw="002",
        disabilitas=0,
        status_ktp_el="S",
        tps_id="61.11.02.2003.001",
    )
    values.update(overrides)
    return VoterRecord(**values)


def severities(result):
    return {f.code: f.severity for f in result.findings}


def test_a_complete_new_voter_is_clean():
    assert validate_voter(make_voter(), ELECTION).findings == ()
    assert validate_record(make_voter()).findings == ()


@pytest.mark.parametrize(
    "field",
    [
        "nkk",
        "nik",
        "nama",
        "tempat_lahir",
        "status_perkawinan",
        "jenis_kelamin",
        "alamat",
        "rt",
        "rw",
        "status_ktp_el",
    ],
)
def test_new_voter_requires_every_element(field):
    result = validate_voter(make_voter(**{field: "  "}), ELECTION)
    assert severities(result).get(f"{field}.missing") is Severity.ERROR


def test_new_voter_requires_birth_date():
    result = validate_voter(make_voter(tanggal_lahir=None), ELECTION)
    assert severities(result)["tanggal_lahir.missing"] is Severity.ERROR


def test_listed_row_only_warns_about_missing_secondary_elements():
    record = make_voter(nkk="", tempat_lahir="", tanggal_lahir=None, rt="", status_ktp_el="")
    result = validate_record(record)
    assert result.ok
    assert set(result.codes) == {
        "nkk.missing",
        "tempat_lahir.missing",
        "tanggal_lahir.missing",
        "rt.missing",
        "status_ktp_el.missing",
    }


@pytest.mark.parametrize("field", ["nik", "nama", "jenis_kelamin"])
def test_listed_row_still_needs_identity(field):
    assert not validate_record(make_voter(**{field: ""})).ok


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"jenis_kelamin": "X"}, "jenis_kelamin.invalid"),
        ({"status_perkawinan": "K"}, "status_perkawinan.invalid"),
        ({"status_ktp_el": "Y"}, "status_ktp_el.invalid"),
        ({"disabilitas": 7}, "disabilitas.invalid"),
        ({"disabilitas": True}, "disabilitas.invalid"),
        ({"rt": "1234"}, "rt.invalid"),
        ({"rw": "A1"}, "rw.invalid"),
        ({"keterangan": "X"}, "keterangan.invalid"),
        ({"tps_id": "61.11.02.2003"}, "tps_id.invalid"),
        ({"nama": "SITI\nAMINAH"}, "nama.invalid"),
        ({"alamat": "JL.\tMERDEKA"}, "alamat.invalid"),
        ({"tanggal_lahir": dt.datetime(1990, 8, 17)}, "tanggal_lahir.invalid"),
        ({"nik": "6111023102900001"}, "nik.date"),
    ],
)
def test_values_outside_their_domain_are_errors(overrides, code):
    for result in (
        validate_voter(make_voter(**overrides), ELECTION),
        validate_record(make_voter(**overrides)),
    ):
        assert severities(result).get(code) is Severity.ERROR


def test_nik_disagreements_are_warnings():
    record = make_voter(
        jenis_kelamin="L",
        tanggal_lahir=dt.date(1991, 8, 17),
        tps_id="62.01.01.2001.001",
        nkk=encode_nkk("62.01.01", dt.date(2015, 2, 15), 7),
    )
    result = validate_voter(record, ELECTION)
    assert result.ok
    assert {"nik.sex_mismatch", "nik.birth_date_mismatch", "nik.region_mismatch"} <= set(
        result.codes
    )


def test_nkk_rules():
    odd_date = "6111020002150007"  # day 00: structure from one report only -> warning
    assert (
        severities(validate_voter(make_voter(nkk=odd_date), ELECTION))["nkk.day"]
        is Severity.WARNING
    )
    assert (
        severities(validate_voter(make_voter(nkk="61110215"), ELECTION))["nkk.length"]
        is Severity.ERROR
    )
    # an existing list row is never rejected for its NKK
    assert validate_record(make_voter(nkk="61110215")).ok
    same = make_voter()
    same.nkk = same.nik
    assert severities(validate_voter(same, ELECTION))["nkk.same_as_nik"] is Severity.WARNING
    moved = make_voter(nkk=encode_nkk("61.12.01", dt.date(2015, 2, 15), 7))
    assert validate_voter(moved, ELECTION).codes == ("nkk.region_mismatch",)


def test_new_voter_eligibility():
    child = dt.date(2008, 1, 1)
    young = make_voter(tanggal_lahir=child, nik=encode_nik("61.11.02", child, "P", 1))
    assert validate_voter(dataclasses.replace(young, status_perkawinan="B"), ELECTION).codes == (
        "eligibility.under_age",
    )
    assert validate_voter(young, ELECTION).ok  # married
    # validate_record has no election date and does not judge eligibility
    assert validate_record(dataclasses.replace(young, status_perkawinan="B")).ok


def test_new_voter_with_dpid_is_warned():
    result = validate_voter(make_voter(dpid="123"), ELECTION)
    assert result.ok and result.codes == ("dpid.present",)


# --- ubah ---------------------------------------------------------------------------------


def test_valid_change():
    assert validate_changes(make_voter(), {"alamat": "JL. SUDIRMAN"}, ELECTION).findings == ()
    assert validate_changes(make_voter(), {"rt": "003", "disabilitas": 6}, ELECTION).ok


def test_change_must_change_something():
    assert validate_changes(make_voter(), {}, ELECTION).codes == ("changes.none",)
    same = {"nama": "SITI AMINAH", "rt": " 001 "}
    assert validate_changes(make_voter(), same, ELECTION).codes == ("changes.none",)


def test_only_known_elements():
    result = validate_changes(make_voter(), {"tps_id": "61.11.02.2003.002"}, ELECTION)
    assert result.codes == ("changes.unknown_element",)
    assert "tps_id" not in ELEMENTS
    result = validate_changes(make_voter(), {"dpid": "9", "nama": "SITI"}, ELECTION)
    assert result.codes == ("changes.unknown_element",) and not result.ok


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"tanggal_lahir": "1990-08-17"}, "tanggal_lahir.invalid"),
        ({"disabilitas": "1"}, "disabilitas.invalid"),
        ({"nama": None}, "nama.invalid"),
        ({"jenis_kelamin": "W"}, "jenis_kelamin.invalid"),
        ({"alamat": ""}, "alamat.missing"),
        ({"tanggal_lahir": None}, "tanggal_lahir.missing"),
        ({"nik": "123"}, "nik.length"),
        ({"rw": "1234"}, "rw.invalid"),
    ],
)
def test_changed_values_must_be_valid(changes, code):
    result = validate_changes(make_voter(), changes, ELECTION)
    assert code in result.codes and not result.ok


def test_findings_about_unchanged_elements_are_left_out():
    incomplete = make_voter(tempat_lahir="", rt="")  # imported like this
    assert validate_changes(incomplete, {"alamat": "JL. SUDIRMAN"}, ELECTION).findings == ()


def test_cross_field_warnings_follow_the_change():
    original = make_voter()
    result = validate_changes(original, {"jenis_kelamin": "L"}, ELECTION)
    assert result.ok and result.codes == ("nik.sex_mismatch",)
    result = validate_changes(original, {"tanggal_lahir": dt.date(1990, 8, 18)}, ELECTION)
    assert result.ok and result.codes == ("nik.birth_date_mismatch",)


def test_change_making_voter_under_age_is_an_error():
    born = dt.date(2008, 1, 1)
    original = make_voter(nik=encode_nik("61.11.02", born, "P", 1), tanggal_lahir=born)
    result = validate_changes(original, {"status_perkawinan": "B"}, ELECTION)
    assert result.codes == ("eligibility.under_age",)

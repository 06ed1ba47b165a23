"""Eligibility conditions with no element on Model A-Daftar Pemilih (issue 16 item 3).
Domain note §4: an eligible voter is "not stripped of the vote by a court; not active
TNI/Polri". Note §3, Baru: someone "retired from TNI/Polri (proof: SK pemberhentian)"."""

import dataclasses
import datetime as dt

from lapang_core.domain.eligibility import check_voter_eligibility
from lapang_core.domain.voter import validate_record, validate_voter
from tests.domain.test_domain_voter import make_voter

ELECTION = dt.date(2029, 2, 14)


def test_court_revocation_and_active_service_make_a_person_ineligible():
    adult = dt.date(1980, 1, 1)
    assert check_voter_eligibility(adult, "S", ELECTION).ok
    revoked = check_voter_eligibility(adult, "S", ELECTION, hak_pilih_dicabut=True)
    assert revoked.codes == ("eligibility.hak_pilih_dicabut",)
    active = check_voter_eligibility(adult, "S", ELECTION, tni_polri_aktif=True)
    assert active.codes == ("eligibility.tni_polri_aktif",)


def test_a_new_voter_who_left_tni_polri_needs_the_sk_number():
    left = make_voter(status_tni_polri="berhenti")
    assert validate_voter(left, ELECTION).has("sk_pemberhentian.missing")
    with_sk = dataclasses.replace(left, sk_pemberhentian="SKEP/12/III/2025")
    assert validate_voter(with_sk, ELECTION).ok


def test_a_new_voter_still_serving_or_stripped_of_the_vote_is_refused():
    assert validate_voter(make_voter(status_tni_polri="aktif"), ELECTION).has(
        "eligibility.tni_polri_aktif"
    )
    assert validate_voter(make_voter(hak_pilih_dicabut=True), ELECTION).has(
        "eligibility.hak_pilih_dicabut"
    )


def test_values_outside_their_domain():
    assert validate_record(make_voter(status_tni_polri="pensiun")).has("status_tni_polri.invalid")
    assert validate_record(make_voter(sk_pemberhentian="SK\n1")).has("sk_pemberhentian.invalid")


def test_a_listed_row_without_the_sk_is_not_blocked():
    # Only a baru needs the SK (note §3, Baru); a listed row keeps its place on the list.
    assert validate_record(make_voter(status_tni_polri="berhenti")).ok


def test_an_ubah_is_not_judged_on_conditions_it_does_not_change():
    # Correcting the birth date of a row flagged active TNI/Polri is still a correction; the
    # flag is resolved by TMS-6/7 (note §3), not by refusing the ubah.
    from lapang_core.domain.voter import validate_changes

    row = make_voter(status_tni_polri="aktif")
    result = validate_changes(row, {"tanggal_lahir": dt.date(1979, 1, 2)}, ELECTION)
    assert "eligibility.tni_polri_aktif" not in result.codes

"""Nobody is born after today (issue 16 item 1). Domain note §4: being married or ever married
exempts a voter from the *age* rule ("17 on election day or married/ever married"); it says
nothing that lets a birth date lie in the future, and §6 counts applicants' ages the same way.
So a birth date after today is an error whatever the marital status, for an existing row's
eligibility check, a new voter, an ubah and an applicant."""

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.eligibility import check_voter_eligibility
from lapang_core.domain.recruitment import AdhocBody, check_applicant
from lapang_core.domain.voter import validate_changes, validate_voter
from tests.domain.test_domain_recruitment import DESA, make_applicant
from tests.domain.test_domain_voter import make_voter

FUTURE = "tanggal_lahir.future"
# An election years after "today" (note §4: the election date is configurable, next ones
# 2029), so a birth date between today and the election is the case the old rule missed.
ELECTION = dt.date(2029, 2, 14)
TODAYS = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2029, 2, 1))


@given(today=TODAYS, days_after=st.integers(1, 3000), status=st.sampled_from("BSP"))
def test_a_birth_date_after_today_is_an_error_for_every_marital_status(today, days_after, status):
    born = today + dt.timedelta(days=days_after)
    result = check_voter_eligibility(born, status, ELECTION, today=today)
    assert not result.ok
    assert FUTURE in result.codes


@given(today=TODAYS, status=st.sampled_from("SP"))
def test_born_today_is_not_the_future(today, status):
    # The boundary is today itself: born today is possible (and, married, exempt from age).
    assert FUTURE not in check_voter_eligibility(today, status, ELECTION, today=today).codes


def test_leap_day_today_is_a_real_today():
    today = dt.date(2028, 2, 29)
    assert FUTURE not in check_voter_eligibility(today, "S", ELECTION, today=today).codes
    assert FUTURE in check_voter_eligibility(dt.date(2028, 3, 1), "S", ELECTION, today=today).codes


def test_married_new_voter_born_next_year_is_refused():
    # The case from issue 16: married, so the age rule never fired, and nothing else did.
    today = dt.date(2026, 12, 4)
    record = make_voter(status_perkawinan="S", tanggal_lahir=dt.date(2027, 6, 1))
    result = validate_voter(record, ELECTION, today=today)
    assert FUTURE in result.codes and not result.ok


def test_ubah_to_a_future_birth_date_is_refused_for_a_married_voter():
    today = dt.date(2026, 12, 4)
    record = make_voter(status_perkawinan="P")
    result = validate_changes(record, {"tanggal_lahir": dt.date(2027, 1, 1)}, ELECTION, today=today)
    assert result.errors and result.errors[0].code == FUTURE


def test_future_birth_date_with_unreadable_marital_status_is_still_refused():
    today = dt.date(2026, 12, 4)
    record = dataclasses.replace(
        make_voter(), status_perkawinan="X", tanggal_lahir=dt.date(2027, 1, 1)
    )
    assert FUTURE in validate_voter(record, ELECTION, today=today).codes


@given(registered=TODAYS, days_after=st.integers(1, 3000))
def test_applicant_born_after_the_registration_date_is_refused(registered, days_after):
    applicant = make_applicant(tanggal_lahir=registered + dt.timedelta(days=days_after))
    result = check_applicant(
        applicant, AdhocBody.KPPS, f"{DESA}.001", ELECTION, registration_date=registered
    )
    assert FUTURE in result.codes and not result.ok

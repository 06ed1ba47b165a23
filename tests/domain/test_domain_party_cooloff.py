"""The party cool-off (issue 16 item 4). Domain note §6, PKPU 8/2022 Pasal 35: an applicant
must be "not a party member, or out for 5 years with a party letter". Counted on the
registration date; the party letter stays the evidence (note §6, Documents: "party letter
(ex-members only)")."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.recruitment import (
    AdhocBody,
    Document,
    RecruitmentRules,
    check_applicant,
    required_documents,
)
from tests.domain.test_domain_recruitment import DESA, make_applicant

ELECTION = dt.date(2029, 2, 14)
REGISTERED = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31))
COOLOFF = "party.cooloff"


def _codes(applicant, registered, rules=None):
    args = (applicant, AdhocBody.KPPS, f"{DESA}.001", ELECTION)
    if rules is not None:
        args = (*args, rules)
    return check_applicant(*args, registration_date=registered).codes


def _ex_member(left):
    return make_applicant(
        ex_party_member=True,
        tanggal_keluar_partai=left,
        documents={d.value for d in required_documents(True)},
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    """The latest leaving date that is ``years`` whole years before ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # registered on 29 February: 28 February of a common year is the last
        return dt.date(day.year - years, 2, 28)  # (1 March would complete only on 1 March)


@given(registered=REGISTERED)
def test_out_exactly_five_years_on_the_registration_date_is_eligible(registered):
    left = _years_before(registered, 5)
    assert COOLOFF not in _codes(_ex_member(left), registered)


@given(registered=REGISTERED, days=st.integers(1, 5 * 365))
def test_out_less_than_five_years_is_refused(registered, days):
    left = _years_before(registered, 5) + dt.timedelta(days=days)
    if left > registered:
        return
    assert COOLOFF in _codes(_ex_member(left), registered)


def test_left_three_years_ago_is_refused():
    # The case from issue 16: left 3 years before registering.
    registered = dt.date(2027, 5, 10)
    assert COOLOFF in _codes(_ex_member(dt.date(2024, 5, 10)), registered)


def test_leap_day_leaving_completes_its_fifth_year_on_1_march():
    # Like an age (note §4, leap days): 29 February 2024 + 5 years is reached on 1 March 2029.
    left = dt.date(2024, 2, 29)
    assert COOLOFF in _codes(_ex_member(left), dt.date(2029, 2, 28))
    assert COOLOFF not in _codes(_ex_member(left), dt.date(2029, 3, 1))


def test_ex_member_needs_the_leaving_date_and_the_letter():
    registered = dt.date(2027, 5, 10)
    applicant = make_applicant(ex_party_member=True, tanggal_keluar_partai=None)
    codes = _codes(applicant, registered)
    assert "tanggal_keluar_partai.missing" in codes
    assert Document.SURAT_KETERANGAN_PARTAI in required_documents(True)


def test_leaving_after_registration_is_refused():
    registered = dt.date(2027, 5, 10)
    codes = _codes(_ex_member(dt.date(2027, 6, 1)), registered)
    assert "party.left_date_future" in codes


def test_never_a_member_needs_no_date():
    registered = dt.date(2027, 5, 10)
    codes = _codes(make_applicant(), registered)
    assert not {c for c in codes if c.startswith("party.")}


def test_the_cooloff_is_configurable_per_election():
    registered = dt.date(2027, 5, 10)
    applicant = _ex_member(dt.date(2024, 5, 10))
    assert COOLOFF not in _codes(applicant, registered, RecruitmentRules(party_cooloff_years=3))

"""A TMS code checked against what the record says (issue 16 item 2). Domain note §3: TMS-3 is
"under 17 on election day and never married" with the date of birth as evidence; TMS-2 is a
duplicate whose evidence is "the other record's NIK / id". Note §4: a married or ever-married
person may vote at any age, so the record's marital status settles TMS-3 by law; its birth date
is a fact the officer's document may correct."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.findings import Severity
from lapang_core.domain.tms_record import OtherRecord, RecordFacts, check_tms_against_record

ELECTION = dt.date(2029, 2, 14)
VOTER = "a" * 32
OTHER = "b" * 32


def _check(code, born=None, status="B", **kwargs):
    kwargs.setdefault("election_date", ELECTION)
    return check_tms_against_record(code, RecordFacts(VOTER, born, status), **kwargs)


@pytest.mark.parametrize("status", ["S", "P"])
def test_tms3_on_a_married_record_is_refused_even_with_a_photo(status):
    # The case: a married 49-year-old saved as "di bawah umur".
    result = _check(3, dt.date(1980, 1, 1), status, attached=True)
    assert result.codes == ("tms.under_age_married",) and not result.ok


@given(born=st.dates(min_value=dt.date(1930, 1, 1), max_value=ELECTION))
def test_tms3_on_a_never_married_record(born):
    # 17 on election day or older by the record: a warning, and the photo is required.
    seventeen = (ELECTION.month, ELECTION.day) >= (born.month, born.day)
    adult = ELECTION.year - born.year - (not seventeen) >= 17
    bare = _check(3, born)
    if adult:
        assert bare.codes == ("tms.under_age_adult_by_record", "tms.attachment_required")
        assert bare.findings[0].severity is Severity.WARNING
        assert _check(3, born, attached=True).ok
    else:
        assert bare.codes == ()


def test_tms3_at_the_seventeenth_birthday_on_election_day():
    # Note §4: age is counted at the election date; 17 that day is eligible.
    assert _check(3, dt.date(2012, 2, 14)).has("tms.under_age_adult_by_record")
    assert _check(3, dt.date(2012, 2, 15)).codes == ()


def test_tms3_leap_day_birth():
    # Born 29 Feb 2012: in 2029 (a common year) the 17th birthday is 1 March, after 14 Feb.
    assert _check(3, dt.date(2012, 2, 29)).codes == ()


def test_tms3_without_a_birth_date_or_election_date_is_left_to_the_evidence():
    assert _check(3, None).codes == ()
    assert _check(3, dt.date(1980, 1, 1), election_date=None).codes == ()


def test_tms2_names_an_existing_other_record():
    assert _check(2, evidence_ref=OTHER, ganda_matches=[OtherRecord(OTHER, "✓")]).codes == ()


def test_tms2_naming_nothing_known_needs_the_photo():
    bare = _check(2, evidence_ref=OTHER, ganda_matches=[])
    assert bare.codes == ("tms.ganda_not_found", "tms.attachment_required")
    assert _check(2, evidence_ref=OTHER, ganda_matches=[], attached=True).ok


def test_tms2_naming_itself_or_a_record_already_tms_is_refused():
    assert _check(2, evidence_ref=VOTER, ganda_matches=[]).codes == ("tms.ganda_self",)
    tms = _check(2, evidence_ref=OTHER, ganda_matches=[OtherRecord(OTHER, "2")], attached=True)
    assert tms.codes == ("tms.ganda_other_tms",)
    # A NIK shared by this record and another one still on the list is a real duplicate.
    both = [OtherRecord(VOTER, ""), OtherRecord(OTHER, "")]
    assert _check(2, evidence_ref="1" * 16, ganda_matches=both).codes == ()


@pytest.mark.parametrize("code", [1, 4, 5, 6, 7])
def test_other_codes_are_not_judged_here(code):
    assert _check(code, dt.date(1980, 1, 1), "S").codes == ()


def test_a_ganda_reference_is_a_nik_when_it_is_sixteen_digits_else_an_id():
    """Domain note §3: TMS-2's evidence is "the other record's NIK / id". One reading, used by
    the laptop's store and by KPU's server alike (it was written twice)."""
    from lapang_core.domain.tms_record import GandaReference, ganda_reference

    assert ganda_reference(" 1401014107990001 ") == GandaReference("nik", "1401014107990001")
    assert ganda_reference("140101410799000") == GandaReference("id", "140101410799000")
    assert ganda_reference("a" * 32) == GandaReference("id", "a" * 32)
    # Digits of another script are not a NIK (KTP-el numbers are ASCII digits).
    assert ganda_reference("١٤٠١٠١٤١٠٧٩٩٠٠٠١").column == "id"


def test_ganda_matches_are_kept_to_the_devices_area():
    from lapang_core.domain.tms_record import OtherRecord, ganda_others

    found = [
        ("a" * 32, "", "14.01.01.2009.001"),
        ("b" * 32, "2", "14.01.02.2001.003"),
        ("c" * 32, "", "not a tps"),
    ]
    assert ganda_others(found, "14.01.01") == [OtherRecord("a" * 32, "")]
    assert ganda_others(found, "14.01") == [OtherRecord("a" * 32, ""), OtherRecord("b" * 32, "2")]
    assert len(ganda_others(found, None)) == 3  # a laptop not enrolled yet holds only its list

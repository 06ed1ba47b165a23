import datetime as dt

import pytest

from lapang_core.domain.eligibility import (
    KNOWN_ELECTION_DATES,
    UNDER_AGE,
    age_on,
    check_voter_eligibility,
)

PEMILU = KNOWN_ELECTION_DATES["pemilu_2024"]


def test_known_election_dates():
    assert KNOWN_ELECTION_DATES["pemilu_2024"] == dt.date(2024, 2, 14)
    assert KNOWN_ELECTION_DATES["pilkada_2024"] == dt.date(2024, 11, 27)
    with pytest.raises(TypeError):
        KNOWN_ELECTION_DATES["x"] = PEMILU  # type: ignore[index]


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(2007, 2, 14), dt.date(2024, 2, 14), 17),
        (dt.date(2007, 2, 15), dt.date(2024, 2, 14), 16),
        (dt.date(2004, 2, 29), dt.date(2021, 2, 28), 16),  # leap-day birthday, common year
        (dt.date(2004, 2, 29), dt.date(2021, 3, 1), 17),
        (dt.date(2004, 2, 29), dt.date(2024, 2, 29), 20),
    ],
)
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


def test_seventeen_on_election_day_is_eligible():
    assert check_voter_eligibility(dt.date(2007, 2, 14), "B", PEMILU).ok


def test_under_age_unmarried_is_tms3_error():
    result = check_voter_eligibility(dt.date(2007, 2, 15), "B", PEMILU)
    assert result.codes == (UNDER_AGE,) == ("eligibility.under_age",)
    assert not result.ok


@pytest.mark.parametrize("status", ["S", "P"])
def test_under_age_married_or_ever_married_is_eligible(status):
    assert check_voter_eligibility(dt.date(2008, 1, 1), status, PEMILU).ok


def test_election_date_is_a_parameter():
    born = dt.date(2007, 6, 1)
    assert not check_voter_eligibility(born, "B", PEMILU).ok
    assert check_voter_eligibility(born, "B", KNOWN_ELECTION_DATES["pilkada_2024"]).ok


@pytest.mark.parametrize(
    ("birth", "status", "code"),
    [
        (None, "B", "tanggal_lahir.missing"),
        (dt.date(2025, 1, 1), "S", "tanggal_lahir.after_election"),
        (dt.date(1990, 1, 1), "X", "status_perkawinan.invalid"),
        (dt.date(1990, 1, 1), "", "status_perkawinan.invalid"),
    ],
)
def test_unusable_inputs_are_errors(birth, status, code):
    result = check_voter_eligibility(birth, status, PEMILU)
    assert code in result.codes and not result.ok

"""Application numbers read out over the phone: no look-alike characters, grouped, and a check
character that catches one wrong character and any two swapped; older numbers stay valid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.application_number import (
    ALPHABET,
    BODIES,
    CODE_CHARS,
    MAX_SEQUENCE,
    code_is_valid,
    compact_application_no,
)
from lapang_core.domain.recruitment import (
    ApplicationNumberCheckFailed,
    InvalidApplicationNumber,
    format_application_no,
    make_application_no,
)

LOOK_ALIKES = "0O1IL5S8B2Z"

bodies = st.sampled_from(BODIES)
device_ids = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)
sequences = st.integers(min_value=1, max_value=MAX_SEQUENCE)


def _code(number: str) -> str:
    return number.split("-", 1)[1].replace("-", "")


@given(bodies, device_ids, sequences)
def test_a_new_number_has_no_look_alikes_and_reads_in_groups_of_five(body, device, sequence):
    number = make_application_no(body, device, sequence)
    head, *groups = number.split("-")
    assert head == body
    assert [len(g) for g in groups] == [5, 5, 5]
    assert not set("".join(groups)) & set(LOOK_ALIKES)
    assert format_application_no(number) == number


@given(bodies, device_ids, sequences)
def test_typed_in_lower_case_or_without_separators_it_is_the_same_number(body, device, sequence):
    number = make_application_no(body, device, sequence)
    assert format_application_no(number.lower()) == number
    assert format_application_no(number.replace("-", "")) == number
    assert format_application_no(" " + number.replace("-", " ").lower() + " ") == number
    assert compact_application_no(number.lower()) == number.replace("-", "")


@given(bodies, device_ids, sequences, st.integers(0, CODE_CHARS - 1), st.data())
def test_one_wrong_character_never_passes_the_check(body, device, sequence, position, data):
    code = _code(make_application_no(body, device, sequence))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    typo = code[:position] + wrong + code[position + 1 :]
    assert not code_is_valid(typo)
    with pytest.raises(ApplicationNumberCheckFailed):
        format_application_no(f"{body}-{typo}")


@given(bodies, device_ids, sequences, st.data())
def test_two_swapped_characters_never_pass_the_check(body, device, sequence, data):
    code = _code(make_application_no(body, device, sequence))
    i = data.draw(st.integers(0, CODE_CHARS - 2))
    j = data.draw(st.integers(i + 1, CODE_CHARS - 1))
    if code[i] == code[j]:
        return  # swapping equal characters changes nothing to catch
    swapped = list(code)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert not code_is_valid("".join(swapped))


@given(device_ids, st.integers(1, MAX_SEQUENCE - 1))
def test_one_laptop_never_makes_the_same_number_twice(device, sequence):
    assert make_application_no("PPS", device, sequence) != make_application_no(
        "PPS", device, sequence + 1
    )


def test_two_laptops_with_different_device_ids_make_different_numbers():
    a = make_application_no("PPS", "affacc1d45" + "0" * 22, 1)
    b = make_application_no("PPS", "affacc1d46" + "0" * 22, 1)
    assert a != b


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("PPS-AFFACC1D45-00001", "PPS-AFFACC1D45-00001"),
        ("pps-affacc1d45-00001", "PPS-AFFACC1D45-00001"),
        ("PPSAFFACC1D4500001", "PPS-AFFACC1D45-00001"),
        ("kpps-0a1b2c-00012", "KPPS-0A1B2C-00012"),  # the six-digit prefix of early builds
        ("PANTARLIH-0000000000-00003", "PANTARLIH-0000000000-00003"),
    ],
)
def test_numbers_made_before_the_new_format_stay_valid(typed, printed):
    assert format_application_no(typed) == printed


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", "Give the application number"),
        ("PPS-7KQXM-9ADF3-4RWC0", "has no 0"),
        ("PPS-7KQXM-9ADF3-4RWCX", "check character"),
        ("DPT-12345", "not an application number"),
    ],
)
def test_what_is_not_a_number_is_refused_with_the_reason(typed, words):
    with pytest.raises(InvalidApplicationNumber, match=words):
        format_application_no(typed)

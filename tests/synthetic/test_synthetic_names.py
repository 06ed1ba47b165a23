"""The name vocabularies: enough variety, clean spelling, and mixes that point at real pools."""

from __future__ import annotations

import re

from desktop_app.synthetic import names

_WORDS = re.compile(r"[A-Z][A-Z.']*( [A-Z][A-Z.']*)*")


def _all_lists() -> dict[str, tuple[str, ...]]:
    return {
        key: value
        for key, value in vars(names).items()
        if key.isupper() and isinstance(value, tuple) and value and isinstance(value[0], str)
    }


def test_hundreds_of_first_names_per_sex() -> None:
    male = {n for pool in names.POOLS.values() for n in pool.male_first} | set(names.MODERN_MALE)
    female = {n for pool in names.POOLS.values() for n in pool.female_first}
    female |= set(names.MODERN_FEMALE)
    assert len(male) >= 300
    assert len(female) >= 300
    # A first name says which sex it belongs to, as it does for an officer reading the list.
    assert not male & female


def test_entries_are_clean_upper_case_words_without_duplicates() -> None:
    lists = _all_lists()
    assert len(lists) > 20
    for key, values in lists.items():
        assert len(set(values)) == len(values), key
        for value in values:
            assert _WORDS.fullmatch(value), (key, value)


def test_every_pool_can_name_both_sexes() -> None:
    for pool in names.POOLS.values():
        assert pool.male_first and pool.female_first and pool.male_second and pool.female_second
        assert bool(pool.male_prefix) == bool(pool.female_prefix) == (pool.p_prefix > 0)
        assert bool(pool.family) == (pool.p_family > 0)


def test_regional_mixes_use_known_pools() -> None:
    for province in ("14", "52", "61", "65", "31"):
        mix = names.regional_mix(province)
        assert mix and all(key in names.POOLS and weight > 0 for key, weight in mix)
    assert names.regional_mix("31") == names.DEFAULT_MIX
    assert set(names.PROVINCE_PLACES) == set(names.REGIONAL_MIX)

"""The TPS sizing rule (see desktop_app/synthetic/tps_plan.py) and the spread of TPS over desa."""

from __future__ import annotations

import collections
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.synthetic.errors import InvalidTpsSize, TpsCapacityError
from desktop_app.synthetic.tps_plan import (
    MAX_TPS_PER_DESA,
    is_splittable,
    plan_tps,
    tps_sizes,
)
from lapang_core.domain.region import parse_tps_id

DESA = [f"61.11.0{k}.20{d:02d}" for k in range(1, 4) for d in range(1, 11)]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, False),
        (249, False),
        (250, True),
        (300, True),
        (301, False),  # one TPS too small, two would each be under 250
        (499, False),
        (500, True),
        (601, False),
        (749, False),
        (750, True),
        (1249, False),
        (1250, True),  # from here on every total can be split
        (1251, True),
    ],
)
def test_splittable_totals_for_pemilu_sizes(n: int, expected: bool) -> None:
    assert is_splittable(n, (250, 300)) is expected


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=60_000),
    low=st.integers(min_value=1, max_value=400),
    width=st.integers(min_value=0, max_value=300),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_sizes_follow_the_rule(n: int, low: int, width: int, seed: int) -> None:
    high = low + width
    sizes = tps_sizes(n, (low, high), random.Random(seed))
    assert sum(sizes) == n
    assert all(size <= high for size in sizes)
    if n == 0:
        assert sizes == []
    elif is_splittable(n, (low, high)):
        assert all(low <= size for size in sizes)
    else:
        assert len(sizes) == math.ceil(n / high)
        assert max(sizes) - min(sizes) <= 1


def test_sizes_vary_within_bounds() -> None:
    sizes = tps_sizes(1_000_000, (250, 300), random.Random(1))
    assert len(set(sizes)) > 30  # not all the same: real TPS differ
    assert min(sizes) >= 250 and max(sizes) <= 300


def test_one_tps() -> None:
    plan = plan_tps(DESA, 250, (250, 300), seed=0)
    assert [t.n_voters for t in plan] == [250]
    assert plan[0].nomor == 1 and plan[0].tps_id == plan[0].kode_desa + ".001"


def test_fewer_voters_than_the_minimum_make_one_small_tps() -> None:
    plan = plan_tps(DESA, 40, (250, 300), seed=0)
    assert [t.n_voters for t in plan] == [40]


def test_no_voters_no_tps() -> None:
    assert plan_tps(DESA, 0, (250, 300), seed=0) == []


def test_tps_numbered_from_001_within_each_desa() -> None:
    plan = plan_tps(DESA, 200_000, (250, 300), seed=5)
    assert sum(t.n_voters for t in plan) == 200_000
    numbers: dict[str, list[int]] = collections.defaultdict(list)
    for tps in plan:
        desa, nomor = parse_tps_id(tps.tps_id)
        assert (desa, nomor) == (tps.kode_desa, tps.nomor)
        numbers[desa].append(nomor)
    assert set(numbers) == set(DESA)  # more TPS than desa: every desa has voters
    for found in numbers.values():
        assert found == list(range(1, len(found) + 1))
    # Desa differ in size (skewed populations), not an even split.
    counts = sorted(len(v) for v in numbers.values())
    assert counts[-1] >= 2 * counts[0]


def test_plan_is_in_desa_order_and_deterministic() -> None:
    plan = plan_tps(DESA, 50_000, (250, 300), seed=9)
    assert [t.tps_id for t in plan] == sorted(t.tps_id for t in plan)
    assert plan == plan_tps(DESA, 50_000, (250, 300), seed=9)
    assert plan != plan_tps(DESA, 50_000, (250, 300), seed=10)


def test_few_tps_go_to_distinct_desa() -> None:
    plan = plan_tps(DESA, 2_000, (250, 300), seed=3)
    assert len({t.kode_desa for t in plan}) == len(plan)
    assert all(t.nomor == 1 for t in plan)


def test_desa_never_exceeds_999_tps() -> None:
    # Exactly full: the skewed weights would give one desa more than 999 unless capped.
    plan = plan_tps(DESA[:2], 2 * MAX_TPS_PER_DESA * 250, (250, 250), seed=1)
    per_desa = collections.Counter(t.kode_desa for t in plan)
    assert sorted(per_desa.values()) == [MAX_TPS_PER_DESA, MAX_TPS_PER_DESA]
    plan = plan_tps(DESA[:3], 2 * MAX_TPS_PER_DESA * 250, (250, 250), seed=1)
    assert max(collections.Counter(t.kode_desa for t in plan).values()) <= MAX_TPS_PER_DESA


def test_too_many_tps_for_the_desa() -> None:
    with pytest.raises(TpsCapacityError, match="more desa"):
        plan_tps(DESA[:1], 300 * MAX_TPS_PER_DESA + 1, (250, 300), seed=0)


@pytest.mark.parametrize("bad", [(0, 300), (300, 250), (250,), ("a", 300), None])
def test_invalid_tps_size(bad: object) -> None:
    with pytest.raises(InvalidTpsSize):
        plan_tps(DESA, 1_000, bad, seed=0)  # type: ignore[arg-type]

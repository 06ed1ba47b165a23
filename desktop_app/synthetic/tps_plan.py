"""How many TPS a synthetic list has, where they are, and how many voters each holds.

The sizing rule (tested in tests/synthetic/test_tps_plan.py):

* Every TPS holds between ``tps_size[0]`` and ``tps_size[1]`` voters whenever ``n_voters`` can
  be split that way at all.
* Some totals cannot: fewer voters than the minimum, or a total in a gap such as 301-499 for
  (250, 300) (one TPS is too small to hold them, two would each fall below 250). Then the list
  uses the fewest TPS that keep every TPS at or below the maximum, with sizes as equal as
  possible (they differ by at most one voter). The maximum is the legal limit (300 per TPS for
  Pemilu 2024), so it is never exceeded; the minimum is only a habit of KPU's TPS mapping.

TPS are spread over the desa: with fewer TPS than desa, a random subset of desa gets one each;
with more, every desa gets at least one and the rest follow random desa "populations", so desa
sizes vary the way real ones do. TPS are numbered 001.. within each desa.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence

from desktop_app.synthetic.errors import InvalidTpsSize, TpsCapacityError

MAX_TPS_PER_DESA = 999  # the TPS number has three digits


@dataclasses.dataclass(frozen=True, slots=True)
class TpsInfo:
    tps_id: str  # 61.11.02.2003.001
    kode_desa: str
    nomor: int
    n_voters: int


def validate_tps_size(tps_size: tuple[int, int]) -> tuple[int, int]:
    """Return (minimum, maximum) or raise InvalidTpsSize."""
    try:
        low, high = (int(v) for v in tps_size)
    except (TypeError, ValueError) as exc:
        raise InvalidTpsSize(
            "tps_size must be a (minimum, maximum) pair, e.g. (250, 300)."
        ) from exc
    if not 1 <= low <= high:
        raise InvalidTpsSize(f"tps_size must satisfy 1 <= minimum <= maximum; got ({low}, {high}).")
    return low, high


def is_splittable(n_voters: int, tps_size: tuple[int, int]) -> bool:
    """Whether ``n_voters`` can be divided into TPS that all lie within ``tps_size``."""
    low, high = validate_tps_size(tps_size)
    return n_voters > 0 and math.ceil(n_voters / high) <= n_voters // low


def tps_sizes(n_voters: int, tps_size: tuple[int, int], rng: random.Random) -> list[int]:
    """Voter counts per TPS, summing to ``n_voters``, following the module's sizing rule."""
    low, high = validate_tps_size(tps_size)
    if n_voters <= 0:
        return []
    fewest = math.ceil(n_voters / high)
    if not is_splittable(n_voters, (low, high)):
        base, extra = divmod(n_voters, fewest)
        return [base + 1] * extra + [base] * (fewest - extra)
    most = n_voters // low
    count = min(max(round(n_voters / ((low + high) / 2)), fewest), most)
    spread = high - low
    extras = [rng.randint(0, spread) for _ in range(count)]
    # Nudge the random extras so the total is exact; one pass suffices because
    # count * low <= n_voters <= count * high.
    missing = n_voters - count * low - sum(extras)
    order = list(range(count))
    rng.shuffle(order)
    for i in order:
        if missing == 0:
            break
        step = min(missing, spread - extras[i]) if missing > 0 else -min(-missing, extras[i])
        extras[i] += step
        missing -= step
    return [low + e for e in extras]


def _tps_per_desa(n_tps: int, n_desa: int, rng: random.Random) -> list[int]:
    if n_tps > n_desa * MAX_TPS_PER_DESA:
        raise TpsCapacityError(
            f"{n_tps} TPS do not fit in {n_desa} desa (at most {MAX_TPS_PER_DESA} TPS per desa). "
            "Give more desa in the region list or ask for fewer voters."
        )
    if n_tps <= n_desa:
        counts = [0] * n_desa
        for i in rng.sample(range(n_desa), n_tps):
            counts[i] = 1
        return counts
    # Desa populations are skewed (500 to 20,000 voters, domain note section 7): log-normal
    # weights give a few big desa and many small ones.
    weights = [rng.lognormvariate(0.0, 0.8) for _ in range(n_desa)]
    counts = [1] * n_desa
    remaining = n_tps - n_desa
    while remaining:
        open_desa = [i for i in range(n_desa) if counts[i] < MAX_TPS_PER_DESA]
        total = sum(weights[i] for i in open_desa)
        shares = {i: remaining * weights[i] / total for i in open_desa}
        given = 0
        for i in open_desa:
            add = min(int(shares[i]), MAX_TPS_PER_DESA - counts[i])
            counts[i] += add
            given += add
        remaining -= given
        # Largest remainders take the leftover TPS one by one.
        for i in sorted(open_desa, key=lambda i: shares[i] - int(shares[i]), reverse=True):
            if remaining == 0:
                break
            if counts[i] < MAX_TPS_PER_DESA:
                counts[i] += 1
                remaining -= 1
    return counts


def plan_tps(
    desa_codes: Sequence[str], n_voters: int, tps_size: tuple[int, int], seed: int
) -> list[TpsInfo]:
    """The TPS of a synthetic list in desa-code order, TPS numbered 001.. within each desa.

    Deterministic for a seed; independent of the voter stream's random numbers, so
    ``generate_tps`` and ``generate_voters`` agree.

    Raises:
        InvalidTpsSize, TpsCapacityError
    """
    if n_voters < 0:
        raise ValueError("n_voters cannot be negative.")
    rng = random.Random(f"lapang-tps-plan:{seed}")
    sizes = tps_sizes(n_voters, tps_size, rng)
    per_desa = _tps_per_desa(len(sizes), len(desa_codes), rng)
    plan = []
    sizes_iter = iter(sizes)
    for kode, count in zip(desa_codes, per_desa, strict=True):
        for nomor in range(1, count + 1):
            plan.append(TpsInfo(f"{kode}.{nomor:03d}", kode, nomor, next(sizes_iter)))
    return plan

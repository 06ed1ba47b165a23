"""Who lives in a synthetic household: sex, age on election day and marital status per member.

The figures are rough and chosen to look plausible, not census values: households (one KK) of
1-7 voters, mean about 2.9 (Indonesian households average ~3.8 people, of whom most are adults);
couples with adult children, widows living alone, the odd grandparent. Every member is 17 or
older on election day, except a rare married 16-year-old: a married person may vote at any age
(UU 7/2017 Pasal 198), and lists do contain them.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable

# Voters per KK: 1..7.
_SIZE_WEIGHTS = (0.15, 0.33, 0.24, 0.15, 0.07, 0.04, 0.02)
_SIZE_CUM = tuple(itertools.accumulate(_SIZE_WEIGHTS))

ROLE_HEAD, ROLE_SPOUSE, ROLE_CHILD, ROLE_PARENT, ROLE_SINGLE = range(5)

# (sex, age, status_perkawinan, role)
Member = tuple[str, int, str, int]

MAX_AGE = 98
_CHILD_MARRIAGE_RATE = 0.03  # of young couples; see the module docstring


class PopulationModel:
    """Draws household compositions from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self._rnd: Callable[[], float] = rng.random

    def household_size(self, at_most: int) -> int:
        size = min(bisect.bisect(_SIZE_CUM, self._rnd() * _SIZE_CUM[-1]) + 1, 7)
        return min(size, at_most)

    def household(self, size: int) -> list[Member]:
        if size == 1:
            return [self._single()]
        rnd = self._rnd
        members: list[Member] = []
        if rnd() < 0.08:
            # A woman heading the KK after divorce or her husband's death.
            head_age = 40 + int(40 * rnd())
            members.append(("P", head_age, "P", ROLE_HEAD))
            youngest_parent = head_age
            slots = size - 1
        else:
            with_parent = size >= 3 and rnd() < 0.12
            if size == 2:
                # Mostly a young couple whose children are not voters yet; else an empty nest.
                head_age = 21 + int(25 * rnd()) if rnd() < 0.6 else 46 + int(40 * rnd() ** 1.3)
            elif with_parent:
                head_age = 44 + int(21 * rnd())  # leaves room for a living parent
            else:
                head_age = 44 + int(31 * rnd() ** 1.4)
            # Wives are usually a few years younger; with adult children at least 39, so the
            # oldest child can be 21 (born when the mother was 18).
            spouse_age = max(head_age - int((8 if size == 2 else 6) * rnd()) + 1, 17)
            if size == 2 and head_age <= 22 and rnd() < _CHILD_MARRIAGE_RATE:
                spouse_age = 16
            members.append(("L", head_age, "S", ROLE_HEAD))
            members.append(("P", spouse_age, "S", ROLE_SPOUSE))
            youngest_parent = min(head_age, spouse_age)
            slots = size - 2
            if with_parent:
                parent_age = min(head_age + 20 + int(11 * rnd()), MAX_AGE)
                sex = "P" if rnd() < 0.6 else "L"
                members.append((sex, parent_age, "P" if rnd() < 0.85 else "S", ROLE_PARENT))
                slots -= 1
        # Adult children: at least 17, born when the younger parent was 18 or older.
        oldest_child = min(youngest_parent - 18, 50)
        for _ in range(slots):
            age = 17 + int((oldest_child - 16) * rnd()) if oldest_child > 17 else 17
            members.append(("L" if rnd() < 0.5 else "P", age, self._child_status(age), ROLE_CHILD))
        return members

    def _single(self) -> Member:
        rnd = self._rnd
        kind = rnd()
        if kind < 0.5:
            age = 17 + int(18 * rnd() ** 1.3)
            status = "P" if age >= 25 and rnd() < 0.08 else "B"
            return ("L" if rnd() < 0.62 else "P", age, status, ROLE_SINGLE)
        if kind < 0.78:
            # Widowed, mostly women (they outlive their husbands).
            age = 55 + int(38 * rnd() ** 1.5)
            return ("P" if rnd() < 0.65 else "L", age, "P", ROLE_SINGLE)
        # Married but the spouse lives elsewhere (migrant work), or divorced.
        age = 25 + int(41 * rnd())
        return ("L" if rnd() < 0.5 else "P", age, "S" if rnd() < 0.6 else "P", ROLE_SINGLE)

    def _child_status(self, age: int) -> str:
        if age < 22:
            return "B"
        r = self._rnd()
        if age < 31:
            return "S" if r < 0.25 else "B"
        if r < 0.45:
            return "B"
        return "S" if r < 0.9 else "P"

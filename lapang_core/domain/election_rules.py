"""Rules that vary from one election to the next, configured per election instead of in code.

The domain note marks a fact **[?]** when it is uncertain or changes by year: make it
configurable. These are such rules, with the defaults of PKPU 8/2022 plus Pilkada 2024
(docs/election-rules.md lists every rule and where it is configured):

* the label of TMS-5 ("tidak dikenal" / WNA: note §3, [?] label varies by year);
* the health limits above which an applicant's values are flagged to the panel (common
  clinical cut-offs, not a regulation [?]), and whether the values are required at all;
* the statements of the surat pernyataan (Pilkada 2024 added four; note §6);
* the age above which KPPS members are "preferably" not chosen (note §6, a preference).

Rules the note confirms **[c]** and the sync server also applies — the minimum age of 17, the
five-year party cool-off — are *not* configurable here: a laptop configured otherwise would
accept what KPU refuses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from lapang_core.domain.outcomes import TMS_LABELS, TmsCode
from lapang_core.domain.recruitment import DEFAULT_RULES, RecruitmentRules, Statement

_INT_LIMITS: Mapping[str, tuple[int, int]] = {
    "preferred_max_age": (17, 100),
    "max_sistolik": (60, 300),
    "max_diastolik": (30, 200),
    "max_gula_darah": (40, 1000),
    "max_kolesterol": (50, 1000),
}
_MAX_LABEL = 60
KEYS: tuple[str, ...] = (
    "tms5_label",
    "require_health_values",
    "required_statements",
    *_INT_LIMITS,
)


class InvalidElectionRules(ValueError):
    """A configured rule cannot be used; the message names the key and what it takes."""


@dataclasses.dataclass(frozen=True, slots=True)
class ElectionRules:
    recruitment: RecruitmentRules = DEFAULT_RULES
    tms5_label: str = TMS_LABELS[TmsCode.TIDAK_DIKENAL]

    def tms_label(self, code: TmsCode) -> str:
        """The Indonesian label of ``code`` for this election."""
        return self.tms5_label if code is TmsCode.TIDAK_DIKENAL else TMS_LABELS[code]


DEFAULT_ELECTION_RULES = ElectionRules()


def parse_election_rules(data: Mapping[str, Any]) -> ElectionRules:
    """Rules from a mapping of overrides (the keys in ``KEYS``; absent keys keep the default).

    Raises:
        InvalidElectionRules: an unknown key or a value of the wrong type or out of range.
    """
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise InvalidElectionRules(
            f"Unknown election rule {unknown[0]!r}; the configurable rules are {', '.join(KEYS)}."
        )
    recruitment: dict[str, Any] = {}
    for key, (low, high) in _INT_LIMITS.items():
        if key in data:
            value = data[key]
            if type(value) is not int or not low <= value <= high:
                raise InvalidElectionRules(f"{key} must be a whole number from {low} to {high}.")
            recruitment[key] = value
    if "require_health_values" in data:
        if type(data["require_health_values"]) is not bool:
            raise InvalidElectionRules("require_health_values must be true or false.")
        recruitment["require_health_values"] = data["require_health_values"]
    if "required_statements" in data:
        recruitment["required_statements"] = _statements(data["required_statements"])
    label = data.get("tms5_label", DEFAULT_ELECTION_RULES.tms5_label)
    if not isinstance(label, str) or not label.strip() or len(label) > _MAX_LABEL:
        raise InvalidElectionRules(f"tms5_label must be text of 1 to {_MAX_LABEL} characters.")
    return ElectionRules(dataclasses.replace(DEFAULT_RULES, **recruitment), label.strip())


def _statements(value: object) -> frozenset[Statement]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidElectionRules("required_statements must be a list of statement names.")
    try:
        return frozenset(Statement(v) for v in value)
    except ValueError:
        raise InvalidElectionRules(
            f"required_statements may name only {', '.join(s.value for s in Statement)}."
        ) from None


def election_rules_to_json(rules: ElectionRules) -> dict[str, Any]:
    """The overrides that differ from the defaults (what ``parse_election_rules`` reads)."""
    out: dict[str, Any] = {}
    if rules.tms5_label != DEFAULT_ELECTION_RULES.tms5_label:
        out["tms5_label"] = rules.tms5_label
    for key in ("require_health_values", *_INT_LIMITS):
        value = getattr(rules.recruitment, key)
        if value != getattr(DEFAULT_RULES, key):
            out[key] = value
    if rules.recruitment.required_statements != DEFAULT_RULES.required_statements:
        out["required_statements"] = sorted(s.value for s in rules.recruitment.required_statements)
    return out

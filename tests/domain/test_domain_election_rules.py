"""Rules the domain note marks [?] are configured per election (issue 16 item 6). Note §3:
TMS-5's label "varies by year" [?]; note §6 lists the Pilkada 2024 statements as added for that
election, and the health limits are clinical cut-offs, not a regulation."""

import pytest

from lapang_core.domain.election_rules import (
    DEFAULT_ELECTION_RULES,
    InvalidElectionRules,
    election_rules_to_json,
    parse_election_rules,
)
from lapang_core.domain.outcomes import TmsCode
from lapang_core.domain.recruitment import DEFAULT_RULES, Statement


def test_no_overrides_are_the_defaults():
    assert parse_election_rules({}) == DEFAULT_ELECTION_RULES
    assert election_rules_to_json(DEFAULT_ELECTION_RULES) == {}


def test_tms5_label_and_recruitment_limits_are_configurable_and_round_trip():
    data = {
        "tms5_label": "WNA / tidak dikenal",
        "max_sistolik": 150,
        "require_health_values": False,
        # An election without the Pilkada 2024 statements (note §6).
        "required_statements": ["wni", "setia_pancasila"],
    }
    rules = parse_election_rules(data)
    assert rules.tms_label(TmsCode.TIDAK_DIKENAL) == "WNA / tidak dikenal"
    assert rules.tms_label(TmsCode.MENINGGAL) == "Meninggal dunia"
    assert rules.recruitment.max_sistolik == 150
    assert rules.recruitment.required_statements == {Statement.WNI, Statement.SETIA_PANCASILA}
    assert parse_election_rules(election_rules_to_json(rules)) == rules


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"min_age": 16}, "min_age"),  # [c] and applied by the server: not configurable
        ({"party_cooloff_years": 3}, "party_cooloff_years"),
        ({"max_sistolik": "150"}, "max_sistolik"),
        ({"max_sistolik": 10}, "max_sistolik"),
        ({"require_health_values": 1}, "require_health_values"),
        ({"required_statements": ["bebas"]}, "required_statements"),
        ({"tms5_label": ""}, "tms5_label"),
    ],
)
def test_bad_overrides_are_refused_with_the_key_named(data, names):
    with pytest.raises(InvalidElectionRules, match=names):
        parse_election_rules(data)


def test_confirmed_rules_keep_their_regulation_values():
    # PKPU 8/2022 Pasal 35 (note §6, [c]): 17 years, 5 years out of a party.
    assert (DEFAULT_RULES.min_age, DEFAULT_RULES.party_cooloff_years) == (17, 5)

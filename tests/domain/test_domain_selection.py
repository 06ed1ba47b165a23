"""Ranking rules for PPK/PPS shortlists (domain note §6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.selection import (
    Candidate,
    MissingScores,
    NoSelectionRule,
    Stage,
    StageResult,
    rank,
    results_for,
    selection_rule,
    stages_for,
)


def _candidates(scores: list[float]) -> list[Candidate]:
    return [
        Candidate(f"PPS-A-{i:05d}", score, f"2026-01-01T00:00:{i:02d}Z")
        for i, score in enumerate(scores)
    ]


def test_ppk_invites_three_times_its_seats_to_interview():
    rule = selection_rule(AdhocBody.PPK, Stage.WRITTEN_TEST)
    placements = rank(rule, _candidates([float(s) for s in range(40)]))
    passed = [p for p in placements if p.result is StageResult.PASSED]
    assert len(passed) == 15
    assert [p.score for p in passed] == [float(s) for s in range(39, 24, -1)]
    assert all(p.result is StageResult.FAILED for p in placements[15:])


def test_pps_announces_top_three_and_three_reserves_from_the_interview():
    rule = selection_rule(AdhocBody.PPS, Stage.ANNOUNCEMENT)
    assert rule.score_stage is Stage.INTERVIEW
    placements = rank(rule, _candidates([70, 90, 80, 60, 85, 75, 65]))
    assert [p.result for p in placements] == [StageResult.PASSED] * 3 + [
        StageResult.RESERVE
    ] * 3 + [StageResult.FAILED]
    assert [p.score for p in placements[:3]] == [90, 85, 80]
    assert [p.rank for p in placements] == list(range(1, 8))


def test_fewer_candidates_than_seats_all_pass():
    placements = rank(selection_rule(AdhocBody.PPS, Stage.WRITTEN_TEST), _candidates([50, 40]))
    assert [p.result for p in placements] == [StageResult.PASSED, StageResult.PASSED]
    assert not any(p.tied for p in placements)


def test_tie_across_the_cutoff_goes_to_the_earlier_application_and_is_marked():
    # PPS written test invites 6; ranks 5..8 share 70.
    scores = [90, 88, 86, 84, 70, 70, 70, 70, 10]
    placements = rank(selection_rule(AdhocBody.PPS, Stage.WRITTEN_TEST), _candidates(scores))
    by_no = {p.application_no: p for p in placements}
    assert by_no["PPS-A-00004"].result is StageResult.PASSED
    assert by_no["PPS-A-00005"].result is StageResult.PASSED
    assert by_no["PPS-A-00006"].result is StageResult.FAILED
    assert {p.application_no for p in placements if p.tied} == {
        "PPS-A-00004",
        "PPS-A-00005",
        "PPS-A-00006",
        "PPS-A-00007",
    }


def test_a_missing_score_stops_the_ranking_and_names_the_applications():
    candidates = _candidates([80, 70]) + [Candidate("PPK-B-00009", None, "2026-01-02T00:00:00Z")]
    with pytest.raises(MissingScores) as raised:
        rank(selection_rule(AdhocBody.PPK, Stage.WRITTEN_TEST), candidates)
    assert "PPK-B-00009" in str(raised.value)
    assert "0 for an applicant who did not attend" in str(raised.value)


def test_kpps_and_pantarlih_have_no_ranking_and_no_test_stages():
    for body in (AdhocBody.KPPS, AdhocBody.PANTARLIH):
        with pytest.raises(NoSelectionRule, match="administrative check"):
            selection_rule(body, Stage.WRITTEN_TEST)
        assert Stage.WRITTEN_TEST not in stages_for(body)
        assert Stage.INTERVIEW not in stages_for(body)
    with pytest.raises(NoSelectionRule, match="not at interview"):
        selection_rule(AdhocBody.PPK, Stage.INTERVIEW)


def test_results_each_stage_can_record():
    assert results_for(Stage.REGISTRATION) == ()
    assert StageResult.RESERVE in results_for(Stage.ANNOUNCEMENT)
    assert StageResult.RESERVE not in results_for(Stage.WRITTEN_TEST)
    assert results_for(Stage.APPOINTMENT)[0] is StageResult.APPOINTED
    assert [s.order for s in Stage] == list(range(7))


@given(st.lists(st.integers(min_value=0, max_value=100), max_size=30))
def test_ranking_is_ordered_and_independent_of_input_order(scores):
    rule = selection_rule(AdhocBody.PPS, Stage.ANNOUNCEMENT)
    candidates = _candidates([float(s) for s in scores])
    forward = rank(rule, candidates)
    backward = rank(rule, list(reversed(candidates)))
    assert forward == backward
    assert [p.score for p in forward] == sorted((p.score for p in forward), reverse=True)
    counts = {r: sum(p.result is r for p in forward) for r in StageResult}
    assert counts[StageResult.PASSED] == min(3, len(scores))
    assert counts[StageResult.RESERVE] == min(3, max(0, len(scores) - 3))

"""Recruitment outcomes pulled from KPU: stored once per version, joined to local applications,
and the unit shortlist with its preview ranking."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop_app.store.application_outcomes import (
    count_decisions,
    outcome_of,
    store_outcomes,
    unit_shortlist,
    units,
)
from desktop_app.store.application_service import ApplicationService
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.domain.selection import Stage, StageResult
from lapang_core.protocol import ApplicationOutcome
from tests.store.test_application_service import DESA, _applicant

NOW = "2026-11-25T10:00:00Z"


def _outcome(i: int, **changes) -> dict:
    base = ApplicationOutcome(
        id=f"{i:032x}",
        application_no=f"PPS-OTHER0-{i:05d}",
        body="PPS",
        area_code=DESA,
        stage="registration",
        result=None,
        score=None,
        note="",
        duplicates=(),
        version=1,
    )
    return dataclasses.asdict(dataclasses.replace(base, **changes))


def _store(store, outcomes):
    with store.db.atomic():
        return store_outcomes(store.db, outcomes, NOW)


@pytest.fixture()
def submitted(store):
    store.set_election_date(dt.date(2029, 2, 14))
    service = ApplicationService(store)
    app_id = service.save_draft(_applicant(), AdhocBody.PPS, DESA)
    result = service.submit(app_id)
    return service, app_id, result.application_no


def test_outcome_updates_the_local_application_and_never_goes_back(store, submitted):
    service, app_id, number = submitted
    newer = _outcome(
        0,
        id=app_id,
        application_no=number,
        stage="written_test",
        result="passed",
        score=81.5,
        version=4,
        duplicates=("PPK-OTHER0-00002",),
    )
    older = _outcome(
        0,
        id=app_id,
        application_no=number,
        stage="administrative_check",
        result="passed",
        version=2,
    )
    assert _store(store, [newer]) == 1
    assert _store(store, [older]) == 0  # a stale page changes nothing
    app = service.get(app_id)
    assert (app.stage, app.stage_result) == ("written_test", "passed")
    outcome = outcome_of(store.db, app_id)
    assert outcome.local and outcome.nama == "Rina Marlina"
    assert outcome.score == 81.5 and outcome.duplicates == ("PPK-OTHER0-00002",)
    assert _store(store, [newer]) == 1  # the same version again is applied (idempotent)
    assert service.get(app_id).stage == "written_test"


def test_outcomes_of_other_laptops_are_kept_without_touching_drafts(store, submitted):
    service, app_id, _ = submitted
    draft_id = service.save_draft(_applicant(nama="Draf"), AdhocBody.PPS, DESA)
    _store(store, [_outcome(1), _outcome(2, id=draft_id, stage="interview", result="passed")])
    assert service.get(draft_id).stage is None  # a draft takes no outcome
    assert outcome_of(store.db, f"{1:032x}").local is False
    assert [(u.body, u.area_code, u.applications) for u in units(store.db)] == [
        (AdhocBody.PPS, DESA, 2)
    ]


def test_pending_interview_scores_get_a_preview_ranking(store):
    scores = [70, 90, 80, 60, 85, 75, 65]
    _store(
        store,
        [_outcome(i, stage="interview", score=float(s)) for i, s in enumerate(scores)]
        + [_outcome(20, stage="written_test", result="failed", score=30.0)],
    )
    shortlist = unit_shortlist(store.db, AdhocBody.PPS, DESA)
    assert shortlist.rule is not None and shortlist.rule.decided_stage is Stage.ANNOUNCEMENT
    previews = [r.preview for r in shortlist.rows]
    assert [p.score for p in previews[:7]] == [90, 85, 80, 75, 70, 65, 60]
    assert [p.result for p in previews[:7]] == [StageResult.PASSED] * 3 + [
        StageResult.RESERVE
    ] * 3 + [StageResult.FAILED]
    assert previews[7] is None and shortlist.rows[7].outcome.result == "failed"


def test_decided_unit_has_no_preview(store):
    _store(
        store,
        [
            _outcome(1, stage="announcement", result="reserve", score=70.0),
            _outcome(2, stage="announcement", result="passed", score=90.0),
            _outcome(3, stage="written_test", result="failed", score=20.0),
        ],
    )
    shortlist = unit_shortlist(store.db, AdhocBody.PPS, DESA)
    assert shortlist.rule is None
    assert [r.outcome.result for r in shortlist.rows] == ["passed", "reserve", "failed"]


def test_an_outcome_for_a_body_this_app_does_not_know_is_skipped(store):
    assert _store(store, [_outcome(1, body="PPWP"), _outcome(2, stage="next_new_stage")]) == 1
    assert units(store.db)[0].applications == 1
    assert outcome_of(store.db, f"{2:032x}").stage is Stage.REGISTRATION  # shown as received


def test_only_kpus_decisions_count_as_news(store):
    """What the desk's "n perubahan dari KPU" counts among pulled outcomes."""
    # Forms arriving undecided (another laptop's, or this laptop's own from an older server)
    # are not decisions; one arriving already decided is.
    arriving = [
        _outcome(1),
        _outcome(2),
        _outcome(3, stage="administrative_check", result="failed"),
    ]
    assert count_decisions(store.db, arriving) == 1
    _store(store, arriving)
    # The same rows again (a page fetched twice) are nothing new.
    assert count_decisions(store.db, arriving) == 0
    later = [
        _outcome(1, stage="written_test", score=70.0, version=2),  # a score
        _outcome(2, note="Berkas ijazah kurang", version=2),  # only a note
        _outcome(3, version=2),  # a decision reversed: news too
        _outcome(4, body="PANTARLIH_BARU", stage="announcement", result="passed"),  # unknown body
    ]
    assert count_decisions(store.db, later) == 3
    _store(store, later)
    # A row older than the one held never counts, even where its values differ.
    assert count_decisions(store.db, [_outcome(1, result=None, version=1)]) == 0

"""Recruitment stages and the ranking rules that turn scores into shortlists.

Stages (domain note §6): registration → administrative check → written test (CAT) → public
input → interview → announcement → appointment. PPK and PPS are ranked twice per unit (the
kecamatan for PPK, the desa for PPS):

* on the written test: PPK invites 3× its seats to interview, PPS invites 6;
* on the interview: the seats are appointed (announced as passed) and the next ones become
  reserves, the ranked list KPU fills a vacancy from (PAW). PPS keeps 3 reserves (domain note);
  for PPK we keep as many reserves as seats, since the rules give no number.

KPPS and Pantarlih have no test or interview: PPS picks them from the applicants who pass the
administrative check, so they have no ranking rule here and are decided one by one.

Ties: a higher score ranks first; equal scores rank by who applied first (the earlier
``received_at``), then by application number, so a ranking never depends on the order rows come
back from a database. Every placement tied with the one across the cut-off is marked ``tied`` so
KPU sees the ranking decided a seat by the tie-break.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Iterable, Sequence

from lapang_core.domain.recruitment import AdhocBody


class Stage(enum.StrEnum):
    REGISTRATION = "registration"
    ADMINISTRATIVE_CHECK = "administrative_check"
    WRITTEN_TEST = "written_test"
    PUBLIC_INPUT = "public_input"
    INTERVIEW = "interview"
    ANNOUNCEMENT = "announcement"
    APPOINTMENT = "appointment"

    @property
    def order(self) -> int:
        return list(Stage).index(self)


class StageResult(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    RESERVE = "reserve"
    APPOINTED = "appointed"


# Stages without a test or an interview, for the bodies PPS picks directly.
_UNRANKED_STAGES = frozenset({Stage.WRITTEN_TEST, Stage.INTERVIEW})


def stages_for(body: AdhocBody) -> tuple[Stage, ...]:
    """The stages an application to ``body`` goes through, in order."""
    if body in (AdhocBody.PPK, AdhocBody.PPS):
        return tuple(Stage)
    return tuple(s for s in Stage if s not in _UNRANKED_STAGES)


def results_for(stage: Stage) -> tuple[StageResult, ...]:
    """Results a stage can record. Registration has none (the application was received);
    only an announcement names reserves; only an appointment appoints."""
    if stage is Stage.REGISTRATION:
        return ()
    if stage is Stage.ANNOUNCEMENT:
        return (StageResult.PASSED, StageResult.RESERVE, StageResult.FAILED)
    if stage is Stage.APPOINTMENT:
        return (StageResult.APPOINTED, StageResult.FAILED)
    return (StageResult.PASSED, StageResult.FAILED)


class SelectionError(ValueError):
    """A ranking that cannot be made; the message says what to fix."""


class NoSelectionRule(SelectionError):
    pass


class MissingScores(SelectionError):
    def __init__(self, application_nos: Sequence[str], stage: Stage) -> None:
        self.application_nos = tuple(application_nos)
        shown = ", ".join(self.application_nos[:5])
        more = f" and {len(self.application_nos) - 5} more" if len(self.application_nos) > 5 else ""
        super().__init__(
            f"{len(self.application_nos)} application(s) have no {stage.value} score yet "
            f"({shown}{more}). Enter a score for each (0 for an applicant who did not attend) "
            "before ranking."
        )


@dataclasses.dataclass(frozen=True, slots=True)
class SelectionRule:
    """Rank the scores of ``score_stage``; record results at ``decided_stage``: the first
    ``passing`` pass, the next ``reserves`` become reserves, the rest fail."""

    body: AdhocBody
    score_stage: Stage
    decided_stage: Stage
    passing: int
    reserves: int


def selection_rule(body: AdhocBody, stage: Stage) -> SelectionRule:
    """The rule that decides ``stage`` for ``body``. ``stage`` is the written test (who is
    invited to interview) or the announcement (ranked on the interview)."""
    if body in (AdhocBody.PPK, AdhocBody.PPS):
        if stage is Stage.WRITTEN_TEST:
            invited = body.interview_shortlist or 0
            return SelectionRule(body, Stage.WRITTEN_TEST, Stage.WRITTEN_TEST, invited, 0)
        if stage is Stage.ANNOUNCEMENT:
            return SelectionRule(body, Stage.INTERVIEW, Stage.ANNOUNCEMENT, body.seats, body.seats)
        raise NoSelectionRule(
            f"{body.name} is ranked at the written test and at the announcement, "
            f"not at {stage.value}."
        )
    raise NoSelectionRule(
        f"{body.name} has no written test or interview: PPS decides each applicant "
        "after the administrative check."
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    application_no: str
    score: float | None
    received_at: str  # ISO-8601; earlier applications win ties


@dataclasses.dataclass(frozen=True, slots=True)
class Placement:
    application_no: str
    rank: int  # 1-based
    score: float
    result: StageResult
    tied: bool  # equal score with a candidate on the other side of a cut-off


def _check_scores(candidates: Iterable[Candidate], stage: Stage) -> None:
    missing = sorted(
        c.application_no for c in candidates if c.score is None or not math.isfinite(c.score)
    )
    if missing:
        raise MissingScores(missing, stage)


def rank(rule: SelectionRule, candidates: Sequence[Candidate]) -> list[Placement]:
    """Rank one unit's candidates (one kecamatan for PPK, one desa for PPS) under ``rule``."""
    _check_scores(candidates, rule.score_stage)
    ordered = sorted(candidates, key=lambda c: (-(c.score or 0.0), c.received_at, c.application_no))
    cutoffs = (rule.passing, rule.passing + rule.reserves)
    placements = []
    for index, candidate in enumerate(ordered):
        if index < rule.passing:
            result = StageResult.PASSED
        elif index < rule.passing + rule.reserves:
            result = StageResult.RESERVE
        else:
            result = StageResult.FAILED
        placements.append(
            Placement(
                candidate.application_no,
                index + 1,
                float(candidate.score or 0.0),
                result,
                _tied_across_cutoff(ordered, index, cutoffs),
            )
        )
    return placements


def _tied_across_cutoff(ordered: Sequence[Candidate], index: int, cutoffs: Sequence[int]) -> bool:
    score = ordered[index].score
    for cutoff in cutoffs:
        if not 0 < cutoff < len(ordered):
            continue
        inside, outside = ordered[cutoff - 1].score, ordered[cutoff].score
        if inside == outside == score:
            return True
    return False

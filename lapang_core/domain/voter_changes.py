"""One rule set for every change to the voter list, judged alike on the laptop and at KPU.

The laptop's store (``store/voter_service.py``) calls ``judge`` before it saves a change, and
KPU's sync server (``sync_server/rules.py``) calls the same function when the change arrives.
So a change the laptop accepts is never refused by KPU for a rule the laptop knows: KPU can
only refuse for what the laptop cannot know (a voter it no longer has, the device's area,
another officer's change). A new rule goes into the ``_judge_*`` function of the change it
concerns (or the record checks they call), never into one side alone.

Changes that set only the outcome (sesuai, restore) carry no values to judge; the laptop's
refusal to tick an ubah, baru or TMS row sesuai is about its own row's state and stays there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from lapang_core.domain.findings import ValidationResult, error
from lapang_core.domain.outcomes import TmsCode, validate_tms
from lapang_core.domain.tms_record import OtherRecord, RecordFacts, check_tms_against_record
from lapang_core.domain.voter import (
    KETERANGAN_BARU,
    VoterRecord,
    validate_changes,
    validate_record,
    validate_voter,
)

# Where a TMS-8 move puts the voter: a row made at coklit (domain note §2, sumber).
MOVED_SUMBER = "COKLIT"


# A TMS-2 reference (NIK or voter id) -> the records it names in the judging side's area
# (None: not looked up yet, as in a dialog still waiting for the store).
GandaLookup = Callable[[str], Sequence[OtherRecord] | None]


@dataclasses.dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules need besides the record and the change. Each side supplies its own:
    the laptop its store's election date, today and area lookup; KPU the server's."""

    # Age is counted on this day (domain note §4). None (a server or desk without one
    # configured): nobody is too young, and TMS-3 is not compared with the birth date.
    election_date: dt.date | None
    # Nobody is born after this day. None: this machine's date; KPU passes UTC+14's date, so
    # a date the laptop already calls today is never the future there.
    today: dt.date | None = None
    # How TMS-2 references are looked up; None: not at all (the reference is not checked).
    ganda_lookup: GandaLookup | None = None

    @property
    def age_date(self) -> dt.date:
        return self.election_date or dt.date.max


@dataclasses.dataclass(frozen=True, slots=True)
class Sesuai:
    pass


@dataclasses.dataclass(frozen=True, slots=True)
class Restore:
    pass


@dataclasses.dataclass(frozen=True, slots=True)
class Ubah:
    changes: Mapping[str, object]  # element name -> new value (VoterRecord types)


@dataclasses.dataclass(frozen=True, slots=True)
class Baru:
    record: VoterRecord  # a new registration (Model A-Daftar Potensial Pemilih)


@dataclasses.dataclass(frozen=True, slots=True)
class Tms:
    code: int
    evidence_type: str | None
    evidence_ref: str | None
    attached: bool = False  # a photo or scan of the evidence comes with the mark
    voter_id: str = ""  # the marked voter's id: a TMS-2 may not name the record itself


@dataclasses.dataclass(frozen=True, slots=True)
class Tms8Move:
    """TMS-8 at the current TPS and the same person added at ``target_tps_id``: one change."""

    target_tps_id: str
    moved: VoterRecord  # the row added at the target TPS


VoterChange = Sesuai | Restore | Ubah | Baru | Tms | Tms8Move


def moved_record(current: VoterRecord, target_tps_id: str) -> VoterRecord:
    """The row a TMS-8 move adds at ``target_tps_id``: every element as the listed row has it,
    blanks included. The person is the same one KPU listed; only the TPS was wrong (domain
    note §3, TMS-8), so a move is not a new registration and asks for nothing the list lacked.
    No DPID: KPU assigns the new row its own."""
    return dataclasses.replace(
        current, tps_id=target_tps_id, keterangan=KETERANGAN_BARU, sumber=MOVED_SUMBER, dpid=None
    )


def judge(change: VoterChange, current: VoterRecord | None, ctx: RuleContext) -> ValidationResult:
    """Judge ``change`` against ``current``, the voter's row as the judging side holds it
    (None for a baru). Errors refuse the change; warnings go with it.

    Raises:
        TypeError: ``current`` is missing for a change to an existing voter.
    """
    if isinstance(change, Baru):
        return _judge_baru(change, ctx)
    if isinstance(change, Sesuai | Restore):
        return ValidationResult()
    if current is None:
        raise TypeError(f"{type(change).__name__} needs the voter's current row")
    if isinstance(change, Ubah):
        return validate_changes(current, change.changes, ctx.age_date, today=ctx.today)
    if isinstance(change, Tms):
        return _judge_tms(change, current, ctx)
    return _judge_move(change, current)


def _judge_baru(change: Baru, ctx: RuleContext) -> ValidationResult:
    return validate_voter(change.record, ctx.age_date, today=ctx.today)


def _judge_tms(change: Tms, current: VoterRecord, ctx: RuleContext) -> ValidationResult:
    if change.code == TmsCode.SALAH_TPS:
        return ValidationResult.of(
            [
                error(
                    "tms.move_needed",
                    "tms_code",
                    "TMS-8 moves the voter to the right TPS: record it as a move with the "
                    "target TPS, so the voter is added there in the same step.",
                )
            ]
        )
    evidence = validate_tms(
        change.code,
        change.evidence_type,
        change.evidence_ref,
        current_tps_id=current.tps_id,
        current_nik=current.nik,
    )
    return evidence + _against_record(change, current, ctx)


def _against_record(change: Tms, current: VoterRecord, ctx: RuleContext) -> ValidationResult:
    """The code against what the record says (domain.tms_record): TMS-3 against the birth date
    and marital status, TMS-2 against the records its reference names in the side's area."""
    ref = (change.evidence_ref or "").strip()
    matches = None
    if change.code == TmsCode.GANDA and ref and ctx.ganda_lookup is not None:
        matches = ctx.ganda_lookup(ref)
    return check_tms_against_record(
        change.code,
        RecordFacts(change.voter_id, current.tanggal_lahir, current.status_perkawinan),
        election_date=ctx.election_date,
        evidence_ref=ref,
        attached=change.attached,
        ganda_matches=matches,
    )


def _judge_move(change: Tms8Move, current: VoterRecord) -> ValidationResult:
    result = validate_tms(
        TmsCode.SALAH_TPS,
        None,
        change.target_tps_id,
        current_tps_id=current.tps_id,
        current_nik=current.nik,
    )
    if result.errors:
        return result
    moved = change.moved
    if moved.tps_id != change.target_tps_id:
        return ValidationResult.of(
            [
                error(
                    "tms8.moved_elsewhere",
                    "tps_id",
                    "The voter added by a TMS-8 must be at the TPS the TMS-8 names.",
                )
            ]
        )
    if moved.nik.strip() != current.nik.strip():
        # A NIK never changes when a person moves (domain note §4): another NIK is another
        # person, who is a baru of their own with every element required.
        return ValidationResult.of(
            [
                error(
                    "tms8.other_person",
                    "nik",
                    "The voter added by a TMS-8 must be the same person (same NIK) as the row "
                    "marked; register anyone else as a new voter.",
                )
            ]
        )
    # The listed row's rules, not a new registration's: a blank element stays a warning.
    return ValidationResult.of([*result.findings, *validate_record(moved).findings])

"""Voter operations for the desk, run on the database worker. Each function returns the operation
(``op(ctx) -> result``); the views hand it to ``DeskContext.read`` or ``DeskContext.write``.
The queries live in the store (voter_queries, voter_service, outbox): no SQL here."""

from __future__ import annotations

import array
import dataclasses
import datetime as dt
import mimetypes
import pathlib
from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.file_sharing import is_held_open, read_shared
from desktop_app.store import outbox, voter_queries
from desktop_app.store.attachments import ACCEPTED_MIME, MAX_ATTACHMENT_BYTES, AttachmentInput
from desktop_app.store.quality import QualityCheck, quality_keys
from desktop_app.store.voter_service import SaveResult, VoterService, VoterView
from desktop_app.ui.context import VotersChanged
from desktop_app.ui.operations import WorkerContext
from lapang_core.domain.tms_record import OtherRecord
from lapang_core.domain.voter import VoterRecord

Op = Callable[[WorkerContext], Any]


class AttachmentProblem(Exception):
    """The evidence file cannot be attached: ``reason`` is "type", "size", "read" or "in_use"
    (another program holds it open)."""

    def __init__(self, filename: str, reason: str, size: int = 0) -> None:
        self.filename = filename
        self.reason = reason
        self.size = size
        super().__init__(f"Evidence file not attached ({reason}).")


# -- reads --------------------------------------------------------------------------------------
def area_tree() -> Callable[[WorkerContext], voter_queries.AreaTree]:
    return lambda ctx: voter_queries.area_tree(ctx.store.db)


def list_keys(
    query: voter_queries.VoterQuery, quality: QualityCheck | None, election_date: dt.date
) -> Callable[[WorkerContext], voter_queries.VoterKeys]:
    """The keys a voter table shows: the query, narrowed to a data-quality finding if asked."""

    def op(ctx: WorkerContext) -> voter_queries.VoterKeys:
        db = ctx.store.db
        if quality is None:
            return voter_queries.voter_keys(db, query)
        keys = quality_keys(db, quality, area=query.area, election_date=election_date)
        if query.text.strip() or query.keterangan is not voter_queries.KeteranganFilter.ALL:
            allowed = set(voter_queries.voter_keys(db, query).pks)
            keys = voter_queries.VoterKeys(array.array("q", (p for p in keys.pks if p in allowed)))
        return keys

    return op


@dataclasses.dataclass(frozen=True)
class ListStart:
    """A voter table's keys with the rows of its first page, read in one worker turn."""

    keys: voter_queries.VoterKeys
    first_page: list[voter_queries.VoterRow]


def list_start(
    query: voter_queries.VoterQuery,
    quality: QualityCheck | None,
    election_date: dt.date,
    page_size: int,
) -> Callable[[WorkerContext], ListStart]:
    """The keys of ``list_keys`` and the rows of the first ``page_size`` of them: a keystroke
    shows its results after one worker turn and one repaint, not two of each (issue 12 §8)."""
    keys_op = list_keys(query, quality, election_date)

    def op(ctx: WorkerContext) -> ListStart:
        keys = keys_op(ctx)
        rows = voter_queries.voter_rows(ctx.store.db, keys.pks[:page_size])
        return ListStart(keys, rows)

    return op


def voter_keys(
    query: voter_queries.VoterQuery,
) -> Callable[[WorkerContext], voter_queries.VoterKeys]:
    return lambda ctx: voter_queries.voter_keys(ctx.store.db, query)


def voter_rows(pks: Sequence[int]) -> Callable[[WorkerContext], list[voter_queries.VoterRow]]:
    pks = list(pks)
    return lambda ctx: voter_queries.voter_rows(ctx.store.db, pks)


def voter_row(voter_id: str) -> Callable[[WorkerContext], voter_queries.VoterRow | None]:
    return lambda ctx: voter_queries.voter_row(ctx.store.db, voter_id)


def keterangan_counts(area: str | None) -> Callable[[WorkerContext], dict[str, int]]:
    return lambda ctx: voter_queries.keterangan_counts(ctx.store.db, area)


def tps_in_desa(kode_desa: str) -> Callable[[WorkerContext], list[str]]:
    return lambda ctx: voter_queries.tps_in_desa(ctx.store.db, kode_desa)


def get_voter(voter_id: str) -> Callable[[WorkerContext], VoterView]:
    return lambda ctx: VoterService(ctx.store).get(voter_id)


def find_by_nik(nik: str) -> Callable[[WorkerContext], list[VoterView]]:
    return lambda ctx: VoterService(ctx.store).find_by_nik(nik)


def ganda_matches(ref: str) -> Callable[[WorkerContext], list[OtherRecord]]:
    return lambda ctx: VoterService(ctx.store).ganda_matches(ref)


def warm_lookup_index() -> Callable[[WorkerContext], None]:
    return lambda ctx: ctx.store.warm_lookup_index()


def outbox_counts() -> Callable[[WorkerContext], dict[str, int]]:
    return lambda ctx: outbox.counts(ctx.store.db)


def store_setting(key: str) -> Callable[[WorkerContext], str | None]:
    return lambda ctx: ctx.store.setting(key)


def set_store_setting(key: str, value: str) -> Callable[[WorkerContext], None]:
    return lambda ctx: ctx.store.set_setting(key, value)


# -- writes -------------------------------------------------------------------------------------
def mark_sesuai(voter_id: str) -> Callable[[WorkerContext], SaveResult]:
    return lambda ctx: VoterService(ctx.store).mark_sesuai(voter_id)


def ubah(voter_id: str, changes: dict[str, Any]) -> Callable[[WorkerContext], SaveResult]:
    changes = dict(changes)
    return lambda ctx: VoterService(ctx.store).ubah(voter_id, changes)


def mark_tms(
    voter_id: str,
    code: int,
    evidence_type: str,
    evidence_ref: str,
    attachment_path: pathlib.Path | None,
) -> Callable[[WorkerContext], SaveResult]:
    def op(ctx: WorkerContext) -> SaveResult:
        attachment = read_attachment(attachment_path) if attachment_path else None
        return VoterService(ctx.store).mark_tms(
            voter_id, code, evidence_type, evidence_ref, attachment
        )

    return op


def tms8_move(
    voter_id: str, target_tps_id: str
) -> Callable[[WorkerContext], tuple[SaveResult, SaveResult]]:
    return lambda ctx: VoterService(ctx.store).tms8_move(voter_id, target_tps_id)


def add_baru(record: VoterRecord) -> Callable[[WorkerContext], SaveResult]:
    record = dataclasses.replace(record)
    return lambda ctx: VoterService(ctx.store).add_baru(record)


def restore(voter_id: str) -> Callable[[WorkerContext], SaveResult]:
    return lambda ctx: VoterService(ctx.store).restore(voter_id)


def changed_one(result: SaveResult) -> VotersChanged:
    # Nothing written (the outcome was already the row's): nothing to refresh.
    return VotersChanged(frozenset({result.voter_id} if result.changed else ()))


def changed_added(result: SaveResult) -> VotersChanged:
    return VotersChanged(frozenset({result.voter_id}), added=True)


def changed_moved(results: tuple[SaveResult, SaveResult]) -> VotersChanged:
    return VotersChanged(frozenset(r.voter_id for r in results), added=True)


def read_attachment(path: pathlib.Path) -> AttachmentInput:
    """Read an evidence file on the worker (a 10 MB scan must not stall the window)."""
    mime = mimetypes.guess_type(path.name)[0] or ""
    if mime not in ACCEPTED_MIME:
        raise AttachmentProblem(path.name, "type")
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentProblem(path.name, "size", size)
        content = read_shared(path)
    except OSError as exc:
        reason = "in_use" if is_held_open(exc, path) else "read"
        raise AttachmentProblem(path.name, reason) from exc
    return AttachmentInput(content, mime, path.name)


def set_election_date(date: dt.date) -> Callable[[WorkerContext], None]:
    return lambda ctx: ctx.store.set_election_date(date)

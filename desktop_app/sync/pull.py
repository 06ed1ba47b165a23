"""Pull: bring the area's regions, TPS, voters, conflicts, KPU announcements, late refusals and
recruitment outcomes into the store, page by page from the stored cursor.

Each page and the cursor after it commit in one transaction, so an interrupted pull (no signal,
cancel, the laptop switched off) resumes exactly where it stopped. Voter rows follow the rule
in ``desktop_app.store.sync_inbox``: a voter with an unsent local change is not overwritten.
Announcements are stored only when their signature verifies against the KPU key the app ships:
the sync server itself cannot forge one.
"""

from __future__ import annotations

import dataclasses

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import application_outcomes, sync_inbox, sync_state
from desktop_app.store.field_store import utc_now
from desktop_app.sync import protocol as p
from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import PHASE_PULL, RunContext, SyncProgress, log


def _voter_dict(row: p.VoterRow) -> dict[str, object]:
    columns = (*sync_inbox.PULLED_VOTER_COLUMNS, *sync_inbox.PULLED_STATUS_COLUMNS)
    return {c: getattr(row, c) for c in columns}


def verified_announcements(
    page: p.PullPage, kpu_key: Ed25519PublicKey | None
) -> tuple[list[p.Announcement], int]:
    """(announcements that verify, number rejected)."""
    if kpu_key is None:
        return [], len(page.announcements)
    good = [a for a in page.announcements if a.verify(kpu_key)]
    return good, len(page.announcements) - len(good)


class PullPhase:
    def __init__(self, ctx: RunContext, sizer: BatchSizer) -> None:
        self.ctx = ctx
        self.sizer = sizer
        sizer.set_maximum(int(ctx.enrollment.limits.get("pull_page_max", p.PULL_PAGE_MAX)))
        self.items = 0
        self.bytes = 0

    def run(self) -> None:
        ctx = self.ctx
        released = sync_inbox.release_deferred_voters(ctx.db)
        if released.applied:
            log.info("applied %d pulled voter rows held back earlier", released.applied)
        ctx.report.pulled_new += released.changed
        cursor = ctx.enrollment.pull_cursor
        failures = 0
        ctx.emit(SyncProgress(PHASE_PULL, 0, None, 0, None))
        while True:
            ctx.check_cancel()
            started = ctx.clock()
            before = ctx.client.bytes_down
            try:
                page = ctx.client.pull(cursor, self.sizer.size)
            except Exception as exc:
                failures += 1
                self.sizer.failure()
                ctx.retry_after(exc, failures)
                continue
            failures = 0
            count = _page_items(page)
            self.sizer.success(max(count, 1), ctx.clock() - started)
            ctx.report.pages += 1
            self._store(page)
            self.items += count
            self.bytes += ctx.client.bytes_down - before
            total = None if page.more else self.items
            ctx.emit(SyncProgress(PHASE_PULL, self.items, total, self.bytes, None))
            if not page.more:
                return
            if page.cursor <= cursor:
                # A server that says "more" without moving on would loop forever.
                raise p.ProtocolError("The server's pull cursor did not advance; try later.")
            cursor = page.cursor

    def _store(self, page: p.PullPage) -> None:
        ctx, report, db = self.ctx, self.ctx.report, self.ctx.db
        announcements, rejected = verified_announcements(page, ctx.kpu_key)
        now = utc_now()
        with db.atomic():
            report.regions += sync_inbox.upsert_regions(
                db, ((r.kode, r.nama) for r in page.regions)
            )
            sync_inbox.ensure_tps(db, page.tps)
            report.tps += len(page.tps)
            counts = sync_inbox.upsert_pulled_voters(db, [_voter_dict(v) for v in page.voters])
            report.pulled += counts.applied + counts.deferred
            report.pulled_new += counts.changed
            report.deferred += counts.deferred
            report.conflicts += sync_inbox.store_conflicts(
                db, (dataclasses.asdict(c) for c in page.conflicts), now
            )
            report.announcements += sync_inbox.store_announcements(
                db, (dataclasses.asdict(a) for a in announcements), now
            )
            report.announcements_rejected += rejected
            report.outcomes += application_outcomes.store_outcomes(
                db, (dataclasses.asdict(a) for a in page.applications), now
            )
            report.refused += sync_state.quarantine_after_hold(
                db,
                (
                    (ctx.enrollment.outbox_seq(r.seq), r.change_id, r.reason, r.message)
                    for r in page.refusals
                ),
                at=now,
            )
            sync_state.set_pull_cursor(db, ctx.enrollment.device_id, page.cursor)
            if not page.more:
                sync_state.mark_first_pull_done(db, ctx.enrollment.device_id, now)
        if rejected:
            log.warning("%d announcement(s) failed the KPU signature check; not shown", rejected)


def _page_items(page: p.PullPage) -> int:
    return (
        len(page.regions)
        + len(page.tps)
        + len(page.voters)
        + len(page.conflicts)
        + len(page.announcements)
        + len(page.refusals)
        + len(page.applications)
    )

"""Pull: bring the area's regions, TPS, voters, conflicts, KPU announcements, late refusals and
recruitment outcomes into the store, page by page from the stored cursor.

Each page and the cursor after it commit in one transaction, so an interrupted pull (no signal,
cancel, the laptop switched off) resumes exactly where it stopped. The next page is fetched on a
thread of its own while this one is stored (``page_fetcher``); storing stays on the run's
thread. Voter rows follow the rule
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
from desktop_app.sync.page_fetcher import PageFetcher, page_items
from desktop_app.sync.run import PHASE_PULL, RunContext, SyncProgress, log


def _voter_dict(row: p.VoterRow) -> dict[str, object]:
    return {c: getattr(row, c) for c in sync_inbox.PULLED_VOTER_COLUMNS}


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
        ctx.emit(SyncProgress(PHASE_PULL, 0, None, 0, None))
        # The first request goes out before anything else is done here: the link works while
        # the store does (page_fetcher).
        fetcher = PageFetcher(ctx, self.sizer, ctx.enrollment.pull_cursor).start()
        try:
            released = sync_inbox.release_deferred_voters(ctx.db)
            if released.applied:
                log.info("applied %d pulled voter rows held back earlier", released.applied)
            ctx.report.pulled_new += released.changed
            self._store_pages(fetcher)
        except BaseException:
            fetcher.stop()
            raise
        fetcher.join()

    def _store_pages(self, fetcher: PageFetcher) -> None:
        ctx = self.ctx
        while True:
            fetched = fetcher.next_page()
            ctx.check_cancel()
            page = fetched.page
            ctx.report.pages += 1
            self._store(page)
            self.items += page_items(page)
            self.bytes += fetched.bytes
            total = None if page.more else self.items
            ctx.emit(SyncProgress(PHASE_PULL, self.items, total, self.bytes, None))
            if not page.more:
                return

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

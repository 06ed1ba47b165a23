"""Pull: bring the area's regions, TPS, voters, conflicts, KPU announcements, late refusals and
recruitment outcomes into the store, page by page from the stored cursor.

Each page and the cursor after it commit in one transaction, so an interrupted pull (no signal,
cancel, the laptop switched off) resumes exactly where it stopped. The next page is fetched on a
thread of its own while this one is stored (``page_fetcher``); storing stays on the run's
thread. Voter rows follow the rule
in ``desktop_app.store.sync_inbox``: a voter with an unsent local change is not overwritten.
Announcements are stored only when their signature verifies against a KPU key the laptop trusts
(the one it ships or its deployment names, the next one beside it, those learned from KPU's
signed key rotations): the sync server itself cannot forge one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import application_outcomes, learned_trust, sync_inbox, sync_state
from desktop_app.store.field_store import utc_now
from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.page_fetcher import PageFetcher, page_items
from desktop_app.sync.run import PHASE_PULL, RunContext, SyncProgress, SyncRunReport, log
from desktop_app.sync.trust import as_key_list, learned_keys
from lapang_core import protocol as p


def _voter_dict(row: p.VoterRow) -> dict[str, object]:
    columns = (*sync_inbox.PULLED_VOTER_COLUMNS, *sync_inbox.PULLED_STATUS_COLUMNS)
    return {c: getattr(row, c) for c in columns}


def verified_announcements(
    page: p.PullPage, kpu_key: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None
) -> tuple[list[p.Announcement], int]:
    """(announcements that verify against any of the KPU keys, number rejected)."""
    keys = as_key_list(kpu_key)
    good = [a for a in page.announcements if any(a.verify(key) for key in keys)]
    return good, len(page.announcements) - len(good)


def learn_rotations(ctx: RunContext, announcements: Sequence[p.Announcement]) -> None:
    """Trust from now on the keys and certificates that verified KPU announcements name
    (``protocol.rotation``); in the caller's transaction."""
    keys: list[str] = []
    pems: list[str] = []
    for announcement in announcements:
        try:
            rotation = p.KeyRotation.from_body(announcement.body)
        except p.InvalidRotation as exc:
            log.warning("KPU announcement %s: key rotation not usable: %s", announcement.id, exc)
            continue
        if rotation is not None:
            keys.extend(rotation.announcement_keys)
            pems.extend(rotation.ca_pems)
    if (keys or pems) and learned_trust.add_learned_trust(ctx.db, keys, pems):
        log.info(
            "learned %d KPU key(s) and %d certificate(s) from a key rotation", len(keys), len(pems)
        )
        ctx.kpu_key = (*ctx.kpu_key, *learned_keys(keys))
        ctx.client.trust_also(learned_trust.learned_trust(ctx.db).ca_pems)


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
            if ctx.report.pages == 1:
                self._find_lost_changes(page.received_through)
            self._store(page)
            self.items += page_items(page)
            self.bytes += fetched.bytes
            total = None if page.more else self.items
            ctx.emit(SyncProgress(PHASE_PULL, self.items, total, self.bytes, None))
            if not page.more:
                return

    def _find_lost_changes(self, received_through: int | None) -> None:
        """A server that holds fewer of this device's changes than it answered was restored
        from a backup: the changes above what it holds go to ``ctx.resend`` (every state: a
        refused one must be there too, or the server waits behind its seq forever)."""
        ctx = self.ctx
        if received_through is None:
            return  # a server that does not say
        base = ctx.enrollment.seq_base
        last = sync_state.last_answered_seq(ctx.db, after_seq=base)
        first = received_through + base + 1
        if last is None or last < first:
            return
        log.warning(
            "the server holds this device's changes only through seq %d, %d were answered: "
            "resending seqs %d..%d (the server was restored from a backup)",
            received_through,
            last - base,
            received_through + 1,
            last - base,
        )
        ctx.resend.append([first, last])

    def _store(self, page: p.PullPage) -> None:
        store_page(
            self.ctx.db,
            self.ctx.enrollment,
            page,
            self.ctx.kpu_key,
            self.ctx.report,
            learn=lambda announcements: learn_rotations(self.ctx, announcements),
        )


def store_page(
    db: Any,
    enrollment: sync_state.Enrollment,
    page: p.PullPage,
    kpu_key: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None,
    report: SyncRunReport,
    *,
    advance_cursor: bool = True,
    learn: Callable[[list[p.Announcement]], None] | None = None,
) -> None:
    """Store one pull page in one transaction, with the cursor after it when
    ``advance_cursor`` (a return bundle's pages that leave a gap store their data only);
    ``learn`` takes the verified announcements in that transaction (key rotations)."""
    announcements, rejected = verified_announcements(page, kpu_key)
    now = utc_now()
    with db.atomic():
        report.regions += sync_inbox.upsert_regions(db, ((r.kode, r.nama) for r in page.regions))
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
        if learn is not None:
            learn(announcements)
        outcomes = [dataclasses.asdict(a) for a in page.applications]
        # KPU's decisions on applications are news to the officer as much as its voter edits.
        report.pulled_new += application_outcomes.count_decisions(db, outcomes)
        report.outcomes += application_outcomes.store_outcomes(db, outcomes, now)
        report.refused += sync_state.quarantine_after_hold(
            db,
            (
                (enrollment.outbox_seq(r.seq), r.change_id, r.reason, r.message)
                for r in page.refusals
            ),
            at=now,
        )
        if advance_cursor:
            sync_state.set_pull_cursor(db, enrollment.device_id, page.cursor)
            if not page.more:
                sync_state.mark_first_pull_done(db, enrollment.device_id, now)
    if rejected:
        log.warning("%d announcement(s) failed the KPU signature check; not shown", rejected)

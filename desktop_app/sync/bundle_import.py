"""Applying a return bundle ("Terima dari flashdisk", ``lapang import-bundle FILE``): KPU's reply
to this laptop, carried on a stick (docs/sync-protocol.md §13).

Everything is checked before anything is stored: the file's size, the seal (sealed to this
laptop's encryption key, unaltered, complete), KPU's signature (the server's return key from
deployment.toml), that it names this device, and every page in it. Then, in one transaction:

* the changes KPU acknowledges are marked sent — only these, and only because the
  acknowledgement is signed and verified;
* the pull pages are stored as an online pull stores them (refusals to quarantine, conflicts,
  voters by version, verified announcements, outcomes);
* the pull cursor moves to the bundle's cursor only when that is newer than the laptop's and
  the bundle's news start at or before it (no gap). An older bundle, arriving after a newer one
  or after an online sync, changes nothing wrong: acknowledgements only ever move a pending
  change to sent, and its pages are not applied at all.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.sync.errors import SyncError
from desktop_app.sync.pull import store_page
from desktop_app.sync.run import SyncRunReport, log
from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.return_bundle import KIND_RETURN, SENDER_KPU, ReturnBundle

TRIGGER_RETURN_BUNDLE = "return_bundle"
# Far above a week's news of a kecamatan (a few MB), far below what a field laptop can hold.
MAX_RETURN_BUNDLE_BYTES = 128 << 20


class ReturnKeyMissing(SyncError):
    """The deployment names no KPU return key: a return bundle cannot be verified here."""


class NoEncryptionKey(SyncError):
    """This enrolment has no encryption key yet, so no return bundle can be opened."""


class ReturnBundleRefused(SyncError):
    """The file is a sealed bundle, but not a return bundle for this laptop (or a malformed
    one); nothing was stored. ``code`` says which."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ReturnBundleAlreadyApplied(SyncError):
    """This return bundle was applied before; nothing was stored again."""


@dataclasses.dataclass(frozen=True)
class AppliedReturnBundle:
    bundle_id: str
    number: int
    confirmed: int  # changes marked sent by this bundle
    refused: int  # changes moved to quarantine
    pulled: int  # voter rows received
    conflicts: int
    announcements: int
    outcomes: int
    cursor_advanced: bool
    news_applied: bool  # False: an older bundle; its pages were not applied


def import_return_bundle(
    store: FieldStore,
    path: pathlib.Path,
    return_key: Ed25519PublicKey | None,
    *,
    kpu_key: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None = None,
    max_bytes: int = MAX_RETURN_BUNDLE_BYTES,
) -> AppliedReturnBundle:
    """Check and apply the return bundle at ``path``. ``return_key``: KPU's return public key
    (deployment.toml); ``kpu_key``: the announcement key (announcements that fail it are not
    shown, as on pull). Raises ``NotEnrolled``, ``ReturnKeyMissing``, ``NoEncryptionKey``,
    ``seal.BundleError`` subclasses (too large, not a bundle, truncated, tampered, sealed for
    another laptop), ``ReturnBundleRefused``, ``ReturnBundleAlreadyApplied`` or ``OSError``;
    after any of them nothing was stored."""
    db = store.db
    enrollment = sync_state.require_enrollment(db)
    if return_key is None:
        raise ReturnKeyMissing(
            "This laptop has no KPU return key: KPU IT sets return_public_key under [keys] in "
            "deployment.toml (printed by 'python -m sync_server return-keygen')."
        )
    own = sync_state.encryption_key(db, enrollment.device_id)
    if own is None:
        raise NoEncryptionKey(
            "This laptop has no encryption key yet, so KPU cannot seal bundles for it: sync "
            "online once (it registers the key), or enrol it again."
        )
    data = _read_bounded(path, max_bytes)

    def lookup(header: Mapping[str, Any]) -> Ed25519PublicKey | None:
        return return_key if header.get("from") == SENDER_KPU else None

    header, plaintext = seal.open_sealed(data, own.key, lookup, max_bytes=max_bytes)
    bundle = _checked(header, plaintext, enrollment.device_id)
    pages = _pages(bundle)
    return _apply(store, enrollment, header, bundle, pages, path.name, kpu_key)


def _read_bounded(path: pathlib.Path, max_bytes: int) -> bytes:
    size = os.stat(path).st_size
    if size > max_bytes:
        raise seal.BundleTooLarge(
            f"{path.name} is {size} bytes; a return bundle is at most {max_bytes}. It is not a "
            "return bundle from KPU.",
            limit=max_bytes,
        )
    with path.open("rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read
        raise seal.BundleTooLarge(f"{path.name} is larger than {max_bytes} bytes.")
    return data


def _checked(header: Mapping[str, Any], plaintext: bytes, device_id: str) -> ReturnBundle:
    if header.get("kind") != KIND_RETURN:
        raise ReturnBundleRefused(
            "not_a_return_bundle",
            "This file is not a return bundle from KPU (perhaps an outgoing bundle): use it "
            "at the KPU office instead.",
        )
    if not p.is_hex_id(header.get("id")):
        raise ReturnBundleRefused("malformed", "The return bundle's id is not valid.")
    try:
        bundle = ReturnBundle.decode(plaintext)
    except p.ProtocolError as exc:
        raise ReturnBundleRefused(
            "malformed", f"The return bundle is damaged: {exc.message}"
        ) from None
    # The device id inside is signed by KPU; the header's is only a label for the operator.
    if bundle.device_id != device_id or header.get("to") != device_id:
        raise ReturnBundleRefused(
            "bundle_not_for_us",
            "This return bundle is for another laptop (or for this laptop's earlier "
            "enrolment); nothing was stored.",
        )
    return bundle


def _pages(bundle: ReturnBundle) -> list[p.PullPage]:
    try:
        return bundle.pull_pages()
    except p.ProtocolError as exc:
        raise ReturnBundleRefused(
            "malformed", f"A page of the return bundle is damaged: {exc.message}"
        ) from None


def _apply(
    store: FieldStore,
    enrollment: sync_state.Enrollment,
    header: Mapping[str, Any],
    bundle: ReturnBundle,
    pages: list[p.PullPage],
    file_name: str,
    kpu_key: Ed25519PublicKey | Sequence[Ed25519PublicKey] | None,
) -> AppliedReturnBundle:
    db = store.db
    bundle_id = str(header["id"])
    report = SyncRunReport(trigger=TRIGGER_RETURN_BUNDLE, started_at=utc_now())
    with db.atomic():
        if db.execute("SELECT 1 FROM return_bundles WHERE id = ?", [bundle_id]).fetchone():
            raise ReturnBundleAlreadyApplied(
                f"This return bundle ({file_name}) was applied before; nothing changed."
            )
        newest = db.execute(
            "SELECT max(server_seq) FROM return_bundles WHERE device_id = ?",
            [enrollment.device_id],
        ).fetchone()[0]
        local_cursor = enrollment.pull_cursor
        news = bundle.cursor > local_cursor and (newest is None or bundle.number > newest)
        advance = news and bundle.since <= local_cursor
        now = utc_now()
        seqs = [
            enrollment.outbox_seq(seq)
            for first, last in bundle.acknowledged
            for seq in range(first, last + 1)
        ]
        before = db.conn.total_changes
        outbox.mark_sent(db, seqs, at=now)
        report.confirmed = db.conn.total_changes - before
        if news:
            for page in pages:
                store_page(db, enrollment, page, kpu_key, report, advance_cursor=False)
            if advance:
                sync_state.set_pull_cursor(db, enrollment.device_id, bundle.cursor)
                if not pages[-1].more:
                    sync_state.mark_first_pull_done(db, enrollment.device_id, now)
        db.execute(
            "INSERT INTO return_bundles(id, device_id, server_seq, cursor, file_name, made_at, "
            "applied_at, confirmed, refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                bundle_id,
                enrollment.device_id,
                bundle.number,
                bundle.cursor,
                file_name,
                p.ms_to_iso(bundle.server_time * 1000),
                now,
                report.confirmed,
                report.refused,
            ],
        )
        _record_run(store, enrollment, report)
    log.info(
        "return bundle %d applied: %d confirmed, %d refused, %d pulled, cursor %s",
        bundle.number,
        report.confirmed,
        report.refused,
        report.pulled,
        "advanced" if advance else "kept",
    )
    return AppliedReturnBundle(
        bundle_id=bundle_id,
        number=bundle.number,
        confirmed=report.confirmed,
        refused=report.refused,
        pulled=report.pulled,
        conflicts=report.conflicts,
        announcements=report.announcements,
        outcomes=report.outcomes,
        cursor_advanced=advance,
        news_applied=news,
    )


def _record_run(
    store: FieldStore, enrollment: sync_state.Enrollment, report: SyncRunReport
) -> None:
    """The bundle shows in the sync history as a run of its own (inside the transaction)."""
    db = store.db
    report.run_id = sync_state.start_run(
        db, device_id=enrollment.device_id, trigger=TRIGGER_RETURN_BUNDLE, at=report.started_at
    )
    report.pending = sync_state.pending_count(db)
    report.outcome = "partial" if report.pending else "ok"
    sync_state.finish_run(
        db,
        report.run_id,
        outcome=report.outcome,
        counters=report.counters(),
        error_code=None,
        error_message=None,
        officer=store.officer,
        at=utc_now(),
    )


def import_failure_text(exc: BaseException) -> str | None:
    """The admin's (English) sentence for a refused import, or None for an unexpected error."""
    if isinstance(exc, OSError):
        return f"cannot read the file ({exc.strerror or exc}); nothing was stored."
    if isinstance(exc, p.ProtocolError):  # the seal's errors: too large, tampered, not for us
        return f"{exc.message} Nothing was stored."
    if isinstance(exc, (SyncError, sync_state.NotEnrolled)):
        return str(exc)
    return None

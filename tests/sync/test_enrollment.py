"""Enrolment end to end against the real server: key in the encrypted store, the area
downloaded, a cut download resumed from its cursor, and re-enrolment that loses nothing."""

from __future__ import annotations

import base64
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.enrollment import download_area, enroll, register
from desktop_app.sync.run import SyncProgress
from lapang_core import protocol as p
from tests.support.sync_env import AREA, RunningServer
from tests.sync.conftest import AREA_VOTERS, FAST_RETRY, Enrolled, enroll_store


def _count(store: FieldStore, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_enrolment_stores_the_device_and_downloads_the_area(enrolled: Enrolled, vault) -> None:
    store, server, result = enrolled.store, enrolled.server, enrolled.result
    assert result.area == AREA and result.area_name == "Bangkinang Kota"
    assert result.area_downloaded and result.first_pull.pulled == AREA_VOTERS
    enrollment = sync_state.require_enrollment(store.db)
    assert enrollment.device_id == result.device_id
    assert enrollment.server_url == server.url
    assert enrollment.first_pull_done_at is not None and enrollment.pull_cursor > 0
    assert _count(store, "voters") == AREA_VOTERS
    assert store.db.execute("SELECT min(version) FROM voters").fetchone()[0] == 1
    assert _count(store, "tps") >= 1
    kecamatan = store.db.execute("SELECT nama FROM regions WHERE kode = ?", [AREA]).fetchone()
    assert kecamatan == ("Bangkinang Kota",)
    # The server holds the public half of the key the store holds.
    key = sync_state.device_key(store.db, result.device_id)
    (device, _), *_ = server.repo.devices()
    assert device.public_key == p.public_key_text(key) == enrollment.public_key
    # The private key is in no file of the data folder in the clear (the store is encrypted).
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    for path in vault.data_dir.iterdir():
        data = path.read_bytes()
        assert raw not in data and base64.urlsafe_b64encode(raw)[:40] not in data, path.name


def test_a_cut_download_resumes_from_its_cursor(
    store: FieldStore, sync_server: RunningServer, kpu_public: Ed25519PublicKey
) -> None:
    # A small first page, so the download takes several pages.
    engine = register(
        store,
        sync_server.url,
        sync_server.code(),
        retry=FAST_RETRY,
        kpu_key=kpu_public,
        initial_page=20,
    )
    pages: list[SyncProgress] = []

    def cancel_after_two_pages(progress: SyncProgress) -> None:
        if progress.phase == "pull" and progress.records_done:
            pages.append(progress)
            if len(pages) == 2:
                engine.cancel()  # the officer pressed Cancel (any thread may call this)

    engine.add_listener(cancel_after_two_pages)
    result = download_area(engine)
    assert result.first_pull.outcome == "cancelled" and not result.area_downloaded
    partial = _count(store, "voters")
    assert 0 < partial < AREA_VOTERS
    assert sync_state.require_enrollment(store.db).pull_cursor > 0
    report = engine.run_once()
    assert report.ok
    # The second run started at the stored cursor: it fetched only what was missing.
    assert report.pulled == AREA_VOTERS - partial
    assert _count(store, "voters") == AREA_VOTERS
    assert sync_state.require_enrollment(store.db).first_pull_done_at is not None


def test_bad_codes_store_nothing(
    store: FieldStore, sync_server: RunningServer, kpu_public: Ed25519PublicKey
) -> None:
    expired = sync_server.repo.create_enroll_code(AREA, 1.0, time.time() - 7200)
    with pytest.raises(p.EnrollCodeExpired, match="expired"):
        enroll(store, sync_server.url, expired, kpu_key=kpu_public)
    with pytest.raises(p.EnrollCodeInvalid):
        enroll(store, sync_server.url, "ZZZZ-ZZZZ-ZZZZ", kpu_key=kpu_public)
    assert sync_state.active_enrollment(store.db) is None
    assert _count(store, "sync_enrollments") == 0


def test_re_enrolment_keeps_and_resends_every_unsent_change(
    enrolled: Enrolled, kpu_public: Ed25519PublicKey
) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    ids = [server.voter_id(i) for i in range(6)]
    for vid in ids[:3]:
        service.mark_sesuai(vid)
    assert enrolled.engine.run_once().ok  # seq 1-3 reach KPU under the first device id
    for vid in ids[3:]:
        service.mark_sesuai(vid)
    # Seq 5 goes out under the old id too, then its answer is lost: the laptop holds it as
    # pending although KPU has it. Seq 4 and 6 never left.
    fifth = outbox.entries(store.db, state="pending")[1]
    old_device = enrolled.result.device_id
    batch = p.PushRequest.from_outbox([{**fifth.to_wire(), "seq": fifth.seq}]).encode()
    assert enrolled.client.push(batch).results[0].status is p.ChangeStatus.HELD

    # The laptop is enrolled again (say, KPU replaced the server's key): a new device id.
    again = enroll_store(store, server, kpu_public)
    assert again.result.device_id != old_device
    assert outbox.counts(store.db) == {"pending": 3, "sent": 3, "refused": 0}
    # The old key is wiped; the old enrolment stays on record.
    old = store.db.execute(
        "SELECT private_key, superseded_at FROM sync_enrollments WHERE device_id = ?",
        [old_device],
    ).fetchone()
    assert old[0] is None and old[1] is not None

    report = again.engine.run_once()
    assert report.ok and report.confirmed == 3
    assert outbox.counts(store.db) == {"pending": 0, "sent": 6, "refused": 0}
    assert server.distinct_changes() == 6
    for vid in ids:
        assert server.voter_row(vid)["keterangan"] == "✓"
        # Each applied once: version 1 (KPU's load) + 1.
        assert server.voter_row(vid)["version"] == 2
    # The new device's numbering starts at 1 with the oldest unsent entry.
    rows = server.repo.changes(device_id=again.result.device_id)
    assert sorted(r["seq"] for r in rows) == [1, 2, 3]

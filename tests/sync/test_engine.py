"""The engine against the real server, from a real store: push, pull, attachments, and the
rules that keep the officer's counts equal to KPU's."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import time
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.store import outbox, sync_inbox, sync_state
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import utc_now
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.run import SyncProgress
from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA, area_voters
from tests.sync.conftest import Enrolled, enroll_store


def _server_counts(enrolled: Enrolled) -> dict[str, int]:
    """The server's view in the officer's three states."""
    counts = enrolled.server.change_counts()
    refused = counts.get("refused", 0)
    sent = sum(n for state, n in counts.items() if state not in ("refused", "skipped"))
    return {"sent": sent, "refused": refused}


def _officer_counts(enrolled: Enrolled) -> dict[str, int]:
    counts = outbox.counts(enrolled.store.db)
    assert counts["pending"] == 0
    return {"sent": counts["sent"], "refused": counts["refused"]}


def _new_voter(tps_id: str) -> VoterRecord:
    record = area_voters(1, seed=2031)[0]
    return dataclasses.replace(record, tps_id=tps_id, keterangan="", dpid=None)


def test_four_outcomes_a_baru_and_evidence_reach_kpu_and_come_back(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    ids = [server.voter_id(i) for i in range(4)]
    photo = b"\xff\xd8\xff\xe0" + os.urandom(100_000)  # three 32 KiB chunks and a bit
    service.mark_sesuai(ids[0])
    service.ubah(ids[1], {"rt": "009", "nama": "SITI AMINAH"})
    tms = service.mark_tms(
        ids[2], 1, "akta_kematian", "474.3/12/2025", AttachmentInput(photo, "image/jpeg")
    )
    tps_id = server.voter_row(ids[3])["tps_id"]
    baru = service.add_baru(_new_voter(tps_id))
    service.restore(ids[2])
    progress: list[SyncProgress] = []
    enrolled.engine.add_listener(progress.append)

    report = enrolled.engine.run_once()

    assert report.ok, report
    assert (report.confirmed, report.refused, report.pending) == (5, 0, 0)
    assert report.attachments == 1
    assert outbox.counts(store.db) == {"pending": 0, "sent": 5, "refused": 0}
    # KPU holds each outcome.
    assert server.voter_row(ids[0])["keterangan"] == "✓"
    changed = server.voter_row(ids[1])
    assert (changed["rt"], changed["nama"], changed["keterangan"]) == ("009", "SITI AMINAH", "U")
    restored = server.voter_row(ids[2])
    assert restored["tms"] is None and restored["version"] == 3
    new = server.voter_row(baru.voter_id)
    assert (new["keterangan"], new["dpid"], new["version"]) == ("B", None, 1)
    # ... and the evidence file, complete and intact.
    sha = store.db.execute(
        "SELECT attachment_sha256 FROM voter_updates WHERE change_id = ?", [tms.change_id]
    ).fetchone()[0]
    assert (server.config.attachments_root / sha[:2] / sha).read_bytes() == photo
    assert sync_state.pending_uploads(store.db) == []
    # The pull that followed brought the new versions back into the store.
    local = {
        vid: store.db.execute(
            "SELECT version, keterangan FROM voters WHERE id = ?", [vid]
        ).fetchone()
        for vid in (*ids[:3], baru.voter_id)
    }
    assert local == {
        ids[0]: (2, "✓"),
        ids[1]: (2, "U"),
        ids[2]: (3, ""),
        baru.voter_id: (1, "B"),
    }
    # The officer's corrections keep their struck-out originals locally.
    original = store.db.execute(
        "SELECT original_values FROM voters WHERE id = ?", [ids[1]]
    ).fetchone()[0]
    assert json.loads(original)["rt"] != "009"
    # Progress went through every phase with records and bytes.
    phases = {e.phase for e in progress}
    assert phases == {"push", "pull", "attachments"}
    last_push = [e for e in progress if e.phase == "push"][-1]
    assert (last_push.records_done, last_push.records_total) == (5, 5)
    last_upload = [e for e in progress if e.phase == "attachments"][-1]
    assert last_upload.bytes_done == last_upload.bytes_total == len(photo)
    assert _officer_counts(enrolled) == _server_counts(enrolled)


def test_a_lost_answer_is_resent_and_applied_once(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    with FaultProxy(("127.0.0.1", server.port)) as proxy:
        enrolled.client.base_url = proxy.url
        service = VoterService(store)
        for i in range(10):
            service.ubah(server.voter_id(i), {"rt": "011"})
        proxy.configure(cut_answers=2)  # the server applies the batch; the answer never arrives
        report = enrolled.engine.run_once()
    assert report.ok and report.retries == 2
    assert report.confirmed == 10 and report.sent == 30  # the same batch went three times
    assert server.distinct_changes() == 10
    assert server.change_counts() == {"applied": 10}
    for i in range(10):
        assert server.voter_row(server.voter_id(i))["version"] == 2  # applied exactly once
    assert outbox.counts(store.db) == {"pending": 0, "sent": 10, "refused": 0}


def test_a_permanent_refusal_is_quarantined_and_the_rest_flows(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    service.mark_sesuai(server.voter_id(0))
    # Two changes KPU will refuse: a voter it does not have, and a value the rules reject.
    now = utc_now()
    with store.db.atomic():
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id=uuid.uuid4().hex,
            op="sesuai",
            payload={},
            base_version=1,
            officer=store.officer,
            at=now,
        )
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id=server.voter_id(1),
            op="ubah",
            payload={"changes": {"jenis_kelamin": "X"}, "original": {"jenis_kelamin": "L"}},
            base_version=1,
            officer=store.officer,
            at=now,
        )
    for i in range(2, 6):
        service.mark_sesuai(server.voter_id(i))

    report = enrolled.engine.run_once()

    assert report.ok and report.refused == 2 and report.confirmed == 5
    quarantined = sync_state.quarantine(store.db)
    assert [q.refusal_code for q in quarantined] == ["unknown_voter", "invalid_value"]
    assert all(q.refusal_reason for q in quarantined)
    assert "[jenis_kelamin" in (quarantined[1].refusal_reason or "")
    for i in (0, 2, 3, 4, 5):
        assert server.voter_row(server.voter_id(i))["keterangan"] == "✓"
    assert _officer_counts(enrolled) == _server_counts(enrolled) == {"sent": 5, "refused": 2}


def test_a_change_refused_after_being_held_moves_from_sent_to_quarantine(
    enrolled: Enrolled,
) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    service.mark_sesuai(server.voter_id(0))  # seq 1
    now = utc_now()
    with store.db.atomic():
        doomed = outbox.enqueue(  # seq 2: a voter KPU does not have
            store.db,
            entity="voter",
            entity_id=uuid.uuid4().hex,
            op="sesuai",
            payload={},
            base_version=1,
            officer=store.officer,
            at=now,
        )
    # Seq 2 arrives first (batches overtook each other): held, acknowledged, shown as sent.
    result = enrolled.client.push(p.PushRequest.from_outbox([doomed.to_wire()]).encode())
    assert result.results[0].status is p.ChangeStatus.HELD and result.missing == ((1, 1),)
    outbox.mark_sent(store.db, [doomed.seq], at=now)

    report = enrolled.engine.run_once()  # seq 1 arrives; seq 2 is applied — and refused

    assert report.ok and report.refused == 1
    assert [q.change_id for q in sync_state.quarantine(store.db)] == [doomed.change_id]
    assert _officer_counts(enrolled) == _server_counts(enrolled) == {"sent": 1, "refused": 1}


def test_a_damaged_outbox_entry_is_quarantined_without_blocking_the_queue(
    enrolled: Enrolled,
) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    service.mark_sesuai(server.voter_id(0))
    with store.db.atomic():
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id="not-a-voter-id",
            op="sesuai",
            payload={},
            base_version=1,
            officer=store.officer,
            at=utc_now(),
        )
    service.mark_sesuai(server.voter_id(1))
    report = enrolled.engine.run_once()
    assert report.ok and report.invalid == 1 and report.confirmed == 2
    (bad,) = sync_state.quarantine(store.db)
    assert bad.refusal_code == "invalid_change" and "entity_id" in (bad.refusal_reason or "")
    # The seq was filled on the server, so the change after it was applied, not held.
    assert server.voter_row(server.voter_id(1))["keterangan"] == "✓"
    assert server.change_counts() == {"applied": 2, "refused": 1}


def test_conflict_with_a_kpu_edit_is_applied_recorded_and_seen_on_pull(
    enrolled: Enrolled,
) -> None:
    store, server = enrolled.store, enrolled.server
    vid = server.voter_id(0)
    # KPU corrects the address after the laptop downloaded the list.
    kpu_edit = dataclasses.replace(server.voters[0], alamat="JL. MERDEKA 17")
    server.repo.load_voters([kpu_edit], time.time())
    VoterService(store).ubah(vid, {"rt": "004"})

    report = enrolled.engine.run_once()

    assert report.ok and report.confirmed == 1 and report.conflicts == 1
    (conflict,) = sync_inbox.conflicts(store.db, unseen_only=True)
    assert conflict.voter_id == vid and conflict.other_author == "kpu"
    assert conflict.rule == "later_arrival_wins"
    assert (conflict.base_version, conflict.server_version) == (1, 2)
    # Both writers' values are in the row the laptop now holds, at the server's version.
    row = store.db.execute("SELECT alamat, rt, version FROM voters WHERE id = ?", [vid]).fetchone()
    assert row == ("JL. MERDEKA 17", "004", 3)
    sync_inbox.mark_conflict_seen(store.db, conflict.id, utc_now())
    assert sync_inbox.conflicts(store.db, unseen_only=True) == []


def test_a_pulled_row_never_overwrites_an_unsent_change(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    vid, other = server.voter_id(0), server.voter_id(1)
    server.repo.load_voters(
        [
            dataclasses.replace(server.voters[0], nama="NAMA DARI KPU"),
            dataclasses.replace(server.voters[1], alamat="DUSUN II"),
        ],
        time.time(),
    )
    service.ubah(vid, {"rt": "007"})  # not sent yet

    report = enrolled.engine.run_once(push=False, attachments=False)

    assert report.outcome == "partial" and report.deferred == 1  # partial: one change unsent
    mine = store.db.execute("SELECT nama, rt, version FROM voters WHERE id = ?", [vid]).fetchone()
    assert mine[1:] == ("007", 1) and mine[0] != "NAMA DARI KPU"
    # A voter without local work takes KPU's row, name search included.
    assert store.db.execute("SELECT alamat, version FROM voters WHERE id = ?", [other]).fetchone()
    assert service.get(other).record.alamat == "DUSUN II"
    assert [v.id for v in service.search("nama dari")] == []

    report = enrolled.engine.run_once()  # the change goes; KPU's name and it meet

    assert report.ok and report.confirmed == 1
    row = store.db.execute("SELECT nama, rt, version FROM voters WHERE id = ?", [vid]).fetchone()
    assert row == ("NAMA DARI KPU", "007", 3)
    assert [v.id for v in service.search("nama dari")] == [vid]
    assert store.db.execute("SELECT count(*) FROM sync_deferred_voters").fetchone()[0] == 0


def test_only_announcements_signed_by_kpu_are_kept(
    enrolled: Enrolled, kpu_key: Ed25519PrivateKey
) -> None:
    store, server = enrolled.store, enrolled.server
    published = "2029-01-10T08:00:00+00:00"
    real = p.sign_announcement(
        kpu_key, uuid.uuid4().hex, AREA, "Jadwal coklit", "Coklit dimulai 12 Januari.", published
    )
    forged = p.sign_announcement(
        p.generate_key(), uuid.uuid4().hex, "", "Coklit dibatalkan", "Hoaks.", published
    )
    tampered = dataclasses.replace(
        p.sign_announcement(
            kpu_key, uuid.uuid4().hex, "", "TPS pindah", "Ke balai desa.", published
        ),
        body="Ke rumah saya.",
    )
    for announcement in (real, forged, tampered):
        server.repo.add_announcement(announcement)

    report = enrolled.engine.run_once()

    assert report.ok and report.announcements == 1 and report.announcements_rejected == 2
    (kept,) = sync_inbox.announcements(store.db)
    assert (kept.id, kept.title, kept.read_at) == (real.id, "Jadwal coklit", None)


def test_an_upload_cut_short_resumes_from_the_server_offset(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    photo = b"\x89PNG\r\n\x1a\n" + os.urandom(150_000)
    VoterService(store).mark_tms(
        server.voter_id(0), 1, "akta_kematian", "474/1", AttachmentInput(photo, "image/png")
    )
    assert enrolled.engine.run_once(attachments=False).outcome == "partial"  # file still owed
    (upload,) = sync_state.pending_uploads(store.db)
    # The first two chunks went before the signal dropped.
    for offset in (0, 32 << 10):
        enrolled.client.put_chunk(
            upload.sha256, offset, len(photo), photo[offset : offset + (32 << 10)]
        )

    report = enrolled.engine.run_once(push=False, pull=False)

    assert report.ok and report.attachments == 1
    # Only what the server did not have crossed the link.
    assert report.bytes_up == len(photo) - (64 << 10)
    stored = server.config.attachments_root / upload.sha256[:2] / upload.sha256
    assert stored.read_bytes() == photo


def test_cancel_keeps_what_was_confirmed_and_the_next_run_finishes(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    with store.db.atomic():
        for i in range(100):
            service.mark_sesuai(server.voter_id(i))
    enrolled.engine.push_sizer.size = 10

    def cancel_after_first_batch(progress: SyncProgress) -> None:
        if progress.phase == "push" and progress.records_done:
            enrolled.engine.cancel()

    enrolled.engine.add_listener(cancel_after_first_batch)
    report = enrolled.engine.run_once()
    enrolled.engine.remove_listener(cancel_after_first_batch)

    assert report.outcome == "cancelled" and report.confirmed == 10
    assert outbox.counts(store.db)["pending"] == 90
    assert sync_state.recent_runs(store.db, 1)[0].outcome == "cancelled"
    assert enrolled.engine.run_once().ok
    assert _officer_counts(enrolled) == _server_counts(enrolled) == {"sent": 100, "refused": 0}


def test_two_laptops_editing_one_voter_both_see_the_conflict(
    enrolled: Enrolled, recovery_keys, tmp_path, kpu_public
) -> None:
    from desktop_app.store.keyslots import TEST_KDF
    from desktop_app.store.vault import Vault

    second_store = Vault(tmp_path / "laptop2").create(
        "Budi Santoso", "sawah-hijau-di-lembah", recovery_keys[1], kdf=TEST_KDF
    )
    second = enroll_store(second_store, enrolled.server, kpu_public)
    vid = enrolled.server.voter_id(5)
    VoterService(enrolled.store).ubah(vid, {"rt": "091"})
    VoterService(second_store).ubah(vid, {"rt": "092"})
    assert enrolled.engine.run_once().ok
    assert second.engine.run_once().ok  # the later arrival wins, with a conflict record
    assert enrolled.engine.run_once().ok  # the first laptop hears of it on its next pull
    for laptop in (enrolled, second):
        (conflict,) = sync_inbox.conflicts(laptop.store.db)
        assert conflict.voter_id == vid
        row = laptop.store.db.execute(
            "SELECT rt, version FROM voters WHERE id = ?", [vid]
        ).fetchone()
        assert row == ("092", 3)  # both laptops agree with the server
    second_store.close()


def test_the_engine_runs_on_a_worker_thread(enrolled: Enrolled) -> None:
    """The GUI runs the engine on its database worker: every store access stays there."""
    VoterService(enrolled.store).mark_sesuai(enrolled.server.voter_id(0))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        report = worker.submit(enrolled.engine.run_once).result(30)
    assert report.ok and report.confirmed == 1


def test_the_kpu_key_loads_from_the_keygen_line_or_pem(tmp_path, kpu_public) -> None:
    from cryptography.hazmat.primitives import serialization

    from desktop_app.sync.trust import BadKeyFile, load_announcement_key, shipped_announcement_key

    line = tmp_path / "kpu.txt"
    line.write_text(f"# KPU announcement key\n{p.public_key_text(kpu_public)}\n")
    pem = tmp_path / "kpu.pem"
    pem.write_bytes(
        kpu_public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    for path in (line, pem):
        assert p.public_key_text(load_announcement_key(path)) == p.public_key_text(kpu_public)
    broken = tmp_path / "broken.txt"
    broken.write_text("not a key\n")
    for bad in (broken, tmp_path / "absent.txt"):
        with pytest.raises(BadKeyFile):
            load_announcement_key(bad)
    assert shipped_announcement_key() is not None  # the file in resources/keys loads

"""Sync in view, on real desk windows against the real sync server on loopback: the status bar
through a manual sync, refusals and their reasons in the history, no signal, cancel, automatic
sync, and what KPU sends back (announcements, conflicts)."""

from __future__ import annotations

import dataclasses
import re
import threading
import time
import uuid

from PySide6.QtCore import Qt

from desktop_app.store import outbox, sync_state
from desktop_app.store.field_store import utc_now
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.ui.sync.history import TAB_ANNOUNCEMENTS, TAB_CONFLICTS, TAB_REFUSED
from lapang_core import protocol as p
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA
from tests.ui.helpers import on_worker, wait_idle
from tests.ui.sync_helpers import AREA_VOTERS, KPU_KEY, enrolled_vault, open_desk, sync_config

CLOCK = re.compile(r"\d\d[.:]\d\d")


def _states(window) -> list[str]:
    """The sync state texts the status bar shows, from now on."""
    seen: list[str] = []
    panel = window.desk.sync_panel
    window.sync.changed.connect(lambda _view: seen.append(panel.state.text()))
    return seen


def _sync_and_wait(qtbot, window, timeout: int = 15000):
    with qtbot.waitSignal(window.sync.run_finished, timeout=timeout) as finished:
        window.desk.act_sync.trigger()
    wait_idle(qtbot, window)
    return finished.args[0]


def test_a_manual_sync_sends_the_changes_and_the_status_bar_follows(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1])
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    panel, status = desk.sync_panel, desk.status
    # The watcher's first probe answers: online, nothing waiting, the enrolment's download as
    # the last confirmed sync.
    qtbot.waitUntil(lambda: panel.state.text() == "Daring", timeout=5000)
    assert status.pending.text() == "Menunggu dikirim: 0"
    assert CLOCK.search(panel.last.text()) and panel.last.text().startswith("Sinkron terakhir")
    first_sync = window.sync.status.last_success_at

    ids = []
    for _ in range(3):
        ids.append(desk.detail.voter.id)
        desk.mark_sesuai()
        wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: status.pending.text() == "Menunggu dikirim: 3", timeout=5000)
    states = _states(window)
    progress = []
    window.sync.progress.connect(progress.append)

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
        # At once, before any network answer: the GUI thread never waits for the sync.
        assert panel.state.text() == "Menyinkronkan…"
        assert panel.cancel_button.isVisible() and not panel.sync_button.isVisible()
    wait_idle(qtbot, window)

    report = finished.args[0]
    assert report.outcome == "ok" and report.trigger == "manual" and report.confirmed == 3
    qtbot.waitUntil(lambda: status.pending.text() == "Menunggu dikirim: 0", timeout=5000)
    assert status.sent.text() == "Terkirim: 3"
    assert panel.state.text() == "Daring"
    assert states[0] == "Menyinkronkan…" and states[-1] == "Daring"
    assert window.sync.status.last_success_at > first_sync
    assert CLOCK.search(panel.last.text())
    assert not panel.progress.isVisible() and panel.sync_button.isVisible()
    assert progress and {e.phase for e in progress} >= {"push", "pull"}
    assert "3 perubahan dikonfirmasi KPU" in status.currentMessage()
    # KPU has the three outcomes.
    for voter_id in ids:
        assert server.voter_row(voter_id)["keterangan"] == "✓"
    assert server.change_counts() == {"applied": 3}


def _queue_refusals(store) -> None:
    """One change KPU accepts and two it refuses: a voter it does not have, a bad value."""
    service = VoterService(store)
    first = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 2").fetchall()
    service.mark_sesuai(first[0][0])
    with store.db.atomic():
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id=uuid.uuid4().hex,
            op="sesuai",
            payload={},
            base_version=1,
            officer=store.officer,
            at=utc_now(),
        )
        outbox.enqueue(
            store.db,
            entity="voter",
            entity_id=first[1][0],
            op="ubah",
            payload={"changes": {"jenis_kelamin": "X"}, "original": {"jenis_kelamin": "L"}},
            base_version=1,
            officer=store.officer,
            at=utc_now(),
        )


def test_refusals_show_in_the_history_with_their_reasons(qtbot, tmp_path, server, recovery_keys):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_queue_refusals)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))

    report = _sync_and_wait(qtbot, window)

    assert (report.confirmed, report.refused) == (1, 2)
    qtbot.waitUntil(lambda: desk.status.refused.text() == "Ditolak: 2", timeout=5000)
    assert desk.status.currentMessage() == (
        "Sinkron selesai; 2 perubahan ditolak KPU: lihat Riwayat (Ctrl+H)."
    )
    desk.open_sync_history()
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    runs = history.runs.runs.model_
    # Newest first: this run, then the enrolment's download.
    assert [runs.item(0, c).text() for c in (1, 2, 3, 4, 5)] == [
        "manual",
        "Selesai",
        "3",
        "1",
        "2",
    ]
    assert runs.item(1, 1).text() == "pendaftaran"
    refused = history.runs.refused.model_
    reasons = {refused.item(r, 2).text() for r in range(refused.rowCount())}
    assert "Pemilih ini tidak ada di data KPU untuk wilayah tugas laptop ini." in reasons
    # The bad value is worded as the desk words that finding while typing, in Indonesian.
    (worded,) = reasons - {"Pemilih ini tidak ada di data KPU untuk wilayah tugas laptop ini."}
    assert "[" not in worded and "jenis_kelamin" not in worded and worded
    who = {refused.item(r, 0).text() for r in range(refused.rowCount())}
    assert "(tidak ada di laptop ini)" in who  # the voter KPU does not have
    assert history.tabs.tabText(TAB_REFUSED) == "Ditolak KPU (2)"
    assert history.refused.table.model_.rowCount() == 2
    history.reject()


def test_no_signal_shows_luring_and_keeps_the_changes_waiting(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], auto=True)
    server.stop()  # the signal is gone before the desk opens
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    panel = desk.sync_panel
    qtbot.waitUntil(lambda: window.sync.link.value == "offline", timeout=5000)
    assert panel.state.text() == "Luring"
    desk.mark_sesuai()
    qtbot.waitUntil(lambda: desk.status.pending.text() == "Menunggu dikirim: 1", timeout=5000)

    qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)
    assert panel.state.text() == "Menyinkronkan…"
    # The watcher probes first: no answer, so no run, and the officer is told at once.
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=5000)
    assert panel.state.text() == "Luring"
    # Kept on the left of the status bar, the whole sentence one hover away.
    assert desk.status.problem.isVisible()
    assert "tidak dapat dihubungi" in desk.status.problem.toolTip()
    wait_idle(qtbot, window)
    assert on_worker(qtbot, window, lambda s: outbox.counts(s.db)["pending"]) == 1
    assert desk.status.pending.text() == "Menunggu dikirim: 1"


def test_a_run_that_loses_the_link_says_so_and_keeps_everything(
    qtbot, tmp_path, server, recovery_keys
):
    with FaultProxy(("127.0.0.1", server.port)) as proxy:
        data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], url=proxy.url)
        window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
        qtbot.waitUntil(lambda: desk.sync_panel.state.text() == "Daring", timeout=5000)
        desk.mark_sesuai()
        wait_idle(qtbot, window)

        def drop_the_link(_view) -> None:
            # The probe answered and the run is about to start: now the signal goes, and
            # every connection is reset at its first byte.
            if window.sync.running:
                proxy.configure(reset_every=1)

        window.sync.changed.connect(drop_the_link)
        report = _sync_and_wait(qtbot, window)

    assert report.outcome == "offline" and report.confirmed == 0
    assert desk.sync_panel.state.text() == "Luring"
    assert desk.status.problem.text() == "Server KPU tidak terjangkau."
    assert "Sinyal putus. 1 perubahan tetap tersimpan" in desk.status.problem.toolTip()
    assert desk.status.pending.text() == "Menunggu dikirim: 1"


def test_cancel_stops_the_run_and_keeps_what_kpu_confirmed(qtbot, tmp_path, server, recovery_keys):
    def sixty_changes(store) -> None:
        service = VoterService(store)
        with store.db.atomic():
            for (voter_id,) in store.db.execute("SELECT id FROM voters LIMIT 60").fetchall():
                service.mark_sesuai(voter_id)

    # Each request crosses a 100 ms round trip and batches start at two changes: the first
    # confirmed batch reaches the window long before the last one could leave.
    with FaultProxy(("127.0.0.1", server.port), latency=0.05) as proxy:
        data_dir = enrolled_vault(
            tmp_path, server, recovery_keys[1], url=proxy.url, prepare=sixty_changes
        )
        window, desk = open_desk(qtbot, data_dir, sync_config(server.url, initial_batch=2))
        cancelled = []

        def cancel_once(progress) -> None:
            if progress.phase == "push" and progress.records_done and not cancelled:
                cancelled.append(progress.records_done)
                qtbot.mouseClick(desk.sync_panel.cancel_button, Qt.MouseButton.LeftButton)

        window.sync.progress.connect(cancel_once)
        report = _sync_and_wait(qtbot, window)
        window.sync.progress.disconnect(cancel_once)

        assert report.outcome == "cancelled"
        assert 0 < report.confirmed < 60 and report.pending == 60 - report.confirmed
        assert "dibatalkan" in desk.status.currentMessage()
        assert desk.sync_panel.state.text() == "Daring" and desk.act_sync.isEnabled()
        qtbot.waitUntil(
            lambda: desk.status.pending.text() == f"Menunggu dikirim: {report.pending}",
            timeout=5000,
        )
        assert server.change_counts() == {"applied": report.confirmed}

        again = _sync_and_wait(qtbot, window)  # F9 again finishes the job
        assert again.ok and again.confirmed == report.pending
    assert server.change_counts() == {"applied": 60}


def test_automatic_sync_starts_as_soon_as_the_server_answers(
    qtbot, tmp_path, server, recovery_keys
):
    def one_change(store) -> None:
        (voter_id,) = store.db.execute("SELECT id FROM voters LIMIT 1").fetchone()
        VoterService(store).mark_sesuai(voter_id)

    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], auto=True, prepare=one_change)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    qtbot.waitUntil(lambda: window.sync.last_report is not None, timeout=15000)
    assert window.sync.last_report.trigger == "watcher" and window.sync.last_report.ok
    qtbot.waitUntil(lambda: desk.status.pending.text() == "Menunggu dikirim: 0", timeout=5000)
    assert server.change_counts() == {"applied": 1}
    # Switched off, the setting is kept in the vault.
    assert desk.act_auto_sync.isChecked()
    desk.act_auto_sync.trigger()
    wait_idle(qtbot, window)
    assert on_worker(qtbot, window, lambda s: s.setting("sync.auto")) == "0"


def test_kpu_announcements_and_conflicts_reach_the_officer(qtbot, tmp_path, server, recovery_keys):
    changed: dict[str, str] = {}

    def change_a_voter(store) -> None:
        (voter_id,) = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 1").fetchone()
        VoterService(store).ubah(voter_id, {"rt": "004"})
        changed["id"] = voter_id
        changed["name"] = VoterService(store).get(voter_id).record.nama

    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=change_a_voter)
    # Meanwhile KPU corrected the same voter's address, and published an announcement.
    index = next(i for i in range(AREA_VOTERS) if server.voter_id(i) == changed["id"])
    server.repo.load_voters(
        [dataclasses.replace(server.voters[index], alamat="JL. MERDEKA 17")], time.time()
    )
    server.repo.add_announcement(
        p.sign_announcement(
            KPU_KEY,
            uuid.uuid4().hex,
            AREA,
            "Jadwal coklit",
            "Coklit dimulai 12 Januari 2029.",
            "2029-01-10T08:00:00+00:00",
        )
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    badge = desk.toolbar.widgetForAction(desk.act_history)
    assert badge.text() == "Riwayat sinkronisasi  [Ctrl+H]"  # a tool button drops the …

    report = _sync_and_wait(qtbot, window)

    assert report.ok and report.conflicts == 1 and report.announcements == 1
    qtbot.waitUntil(lambda: "baru" in badge.text(), timeout=5000)
    # The count on the button, what it counts in its tooltip (the toolbar keeps to one row).
    assert badge.text() == "Riwayat sinkronisasi (2 baru)"
    assert badge.toolTip() == "1 pengumuman KPU belum dibaca; 1 konflik belum diperiksa (Ctrl+H)"
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)  # the badge opens the window
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    # Announcements first: the unread one is shown, and reading it marks it read.
    assert history.tabs.currentIndex() == TAB_ANNOUNCEMENTS
    body = history.announcements.body.toPlainText()
    assert body.startswith("Jadwal coklit") and "12 Januari" in body
    qtbot.waitUntil(lambda: "(1 baru)" in badge.text(), timeout=5000)
    assert badge.toolTip() == "1 konflik belum diperiksa (Ctrl+H)"

    history.tabs.setCurrentIndex(TAB_CONFLICTS)
    conflicts = history.conflicts
    assert conflicts.table.model_.item(0, 0).text() == changed["name"]
    assert conflicts.table.model_.item(0, 1).text() == "KPU"
    values = conflicts.values.model_
    rows = {values.item(r, 0).text(): values.item(r, 2).text() for r in range(values.rowCount())}
    assert rows["RT"] == "004"
    conflicts.mark_button.click()
    qtbot.waitUntil(lambda: "baru" not in badge.text(), timeout=5000)
    assert conflicts.table.model_.item(0, 3).text() == "Sudah diperiksa"
    assert history.tabs.tabText(TAB_CONFLICTS) == "Konflik"
    history.reject()
    unseen = on_worker(qtbot, window, lambda s: sync_state.status(s.db).unseen_conflicts)
    assert unseen == 0


def test_the_desk_reads_while_a_sync_runs_and_locking_stops_the_run(
    qtbot, tmp_path, server, recovery_keys
):
    def sixty_changes(store) -> None:
        service = VoterService(store)
        with store.db.atomic():
            for (voter_id,) in store.db.execute("SELECT id FROM voters LIMIT 60").fetchall():
                service.mark_sesuai(voter_id)

    # A slow link: 100 ms per round trip and batches of two, so the run lasts seconds.
    with FaultProxy(("127.0.0.1", server.port), latency=0.05) as proxy:
        data_dir = enrolled_vault(
            tmp_path, server, recovery_keys[1], url=proxy.url, prepare=sixty_changes
        )
        window, desk = open_desk(qtbot, data_dir, sync_config(server.url, initial_batch=2))
        finished: list[object] = []
        window.sync.run_finished.connect(finished.append)
        pushing: list[int] = []
        window.sync.progress.connect(
            lambda progress: (
                pushing.append(progress.records_done)
                if progress.phase == "push" and progress.records_done
                else None
            )
        )
        window.desk.act_sync.trigger()
        qtbot.waitUntil(lambda: bool(pushing), timeout=10000)

        # A desk read on the database worker, issued mid-run, answers while the run goes on.
        answers: list[tuple[int, bool]] = []
        window.ctx.read(
            lambda ctx: ctx.store.db.execute("SELECT count(*) FROM voters").fetchone()[0],
            lambda count: answers.append((count, window.sync.running)),
        )
        qtbot.waitUntil(lambda: bool(answers), timeout=10000)
        assert answers == [(AREA_VOTERS, True)] and not finished

        # Locking mid-run cancels it; the worker waits for the run's own connection to close
        # before it closes the desk's store, and the desk locks cleanly.
        sync_threads = [t for t in threading.enumerate() if t.name == "lapang-sync"]
        assert len(sync_threads) == 1
        window.lock()
        wait_idle(qtbot, window, timeout=10000)
        assert window.desk is None and not sync_threads[0].is_alive()
        assert 0 < server.change_counts().get("applied", 0) < 60


def test_closing_the_desk_during_a_stalled_sync_does_not_wait_for_the_network(
    qtbot, tmp_path, server, recovery_keys
):
    """The signal goes while a request waits for its answer: closing the app cuts the request
    instead of freezing the window until the minute-long read timeout; the change stays."""

    def one_change(store) -> None:
        (voter_id,) = store.db.execute("SELECT id FROM voters LIMIT 1").fetchone()
        VoterService(store).mark_sesuai(voter_id)

    with FaultProxy(("127.0.0.1", server.port)) as proxy:
        data_dir = enrolled_vault(
            tmp_path, server, recovery_keys[1], url=proxy.url, prepare=one_change
        )
        window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
        qtbot.waitUntil(lambda: desk.sync_panel.state.text() == "Daring", timeout=5000)

        def lose_the_signal(_view) -> None:
            # The probe answered and the run is about to start: now nothing comes back.
            if window.sync.running:
                proxy.configure(blackhole=True)

        window.sync.changed.connect(lose_the_signal)
        desk.act_sync.trigger()
        qtbot.waitUntil(lambda: window.sync.running, timeout=5000)
        time.sleep(0.5)  # the push request is on the wire, its answer will never come
        assert window.sync.running
        window.sync.changed.disconnect(lose_the_signal)
        started = time.monotonic()
        window.close()
        assert time.monotonic() - started < 5

    store = Vault(data_dir).unlock(OFFICER, PASSPHRASE)
    with store:
        assert outbox.counts(store.db)["pending"] == 1
    assert server.change_counts() == {}

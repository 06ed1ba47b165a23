"""Every sync state the officer must know, on real desk windows against the real sync server
on loopback, at the 1366×768 screen of a field laptop: evidence files still waiting (with the
bytes KPU holds), a sync error that stays whole in the status bar, a quick answer when the
server cannot be reached at enrolment, a count of what is new rather than of the officer's own
changes coming back, and a history whose columns show their text."""

from __future__ import annotations

import hashlib
import random
import re
import socket
import time

from PySide6.QtWidgets import QLabel

from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.run import PHASE_ATTACHMENTS
from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import FAST_RETRY, KPU_KEY, enrolled_vault, open_desk, sync_config

PHOTO = b"\xff\xd8\xff\xe0" + random.Random(5).randbytes(100_000)  # four 32 KiB chunks


def _open_history(qtbot, desk):
    desk.open_sync_history()
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    return history


def _cut_upload(store) -> None:
    """A TMS with its photo, synced until the first 32 KiB of the photo reached KPU; then the
    link goes (the run is cut as a lost signal or a killed server would cut it)."""
    voter_id = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 1").fetchone()[0]
    VoterService(store).mark_tms(
        voter_id, 1, "akta_kematian", "474.3/1/2025", AttachmentInput(PHOTO, "image/jpeg")
    )
    engine = SyncEngine.for_store(store, kpu_key=KPU_KEY.public_key(), retry=FAST_RETRY)

    def cut(progress) -> None:
        if progress.phase == PHASE_ATTACHMENTS and progress.bytes_done > 0:
            engine.cancel()

    engine.add_listener(cut)
    report = engine.run_once()
    engine.client.close()
    assert report.outcome == "cancelled" and report.upload_bytes == 32 << 10, report


def test_a_cut_evidence_upload_is_counted_with_its_bytes_and_resumes_in_view(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_cut_upload)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    status = desk.status
    # The change itself reached KPU: nothing "waiting" by the change count, but the photo is.
    assert status.pending.text() == "Menunggu dikirim: 0"
    waiting = status.findChild(QLabel, "uploadsWaiting")
    qtbot.waitUntil(lambda: waiting.isVisible(), timeout=5000)
    assert waiting.text() == "Berkas bukti menunggu: 1 (32 KB dari 98 KB terkirim)"

    history = _open_history(qtbot, desk)
    summary = history.runs.summary.text()
    assert "Berkas bukti: 0 selesai terkirim, 1 masih menunggu (32 KB terkirim kali ini)." in (
        summary
    )
    assert history.runs.uploads.text() == waiting.text()
    history.reject()

    progress = []
    window.sync.progress.connect(progress.append)
    texts = []
    window.sync.progress.connect(lambda _p: texts.append(desk.sync_panel.progress_text.text()))
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        window.desk.act_sync.trigger()
    wait_idle(qtbot, window)
    report = finished.args[0]
    assert report.ok and report.attachments == 1
    # The upload resumed from what KPU held (the first 32 KiB did not go again), and the
    # status bar showed it in bytes.
    assert report.upload_bytes == len(PHOTO) - (32 << 10)
    uploads = [p for p in progress if p.phase == PHASE_ATTACHMENTS]
    assert uploads and all(p.bytes_done >= 32 << 10 for p in uploads)
    assert any(re.search(r"Mengirim berkas bukti \d dari 1 · \d+ KB dari 98 KB", t) for t in texts)
    qtbot.waitUntil(lambda: not waiting.isVisible(), timeout=5000)
    stored = server.config.attachments_root / hashlib.sha256(PHOTO).hexdigest()[:2]
    assert stored.exists()
    history = _open_history(qtbot, desk)
    assert "Berkas bukti: 1 selesai terkirim, 0 masih menunggu" in history.runs.summary.text()
    history.reject()

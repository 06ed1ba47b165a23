"""Every sync state the officer must know, on real desk windows against the real sync server
on loopback, at the 1366×768 screen of a field laptop: evidence files still waiting (with the
bytes KPU holds), a sync error that stays whole in the status bar, a quick answer when the
server cannot be reached at enrolment, a count of what is new rather than of the officer's own
changes coming back, and a history whose columns show their text."""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QStyle

from desktop_app.store import sync_state
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.run import PHASE_ATTACHMENTS
from desktop_app.ui.qt import translate
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
    assert report.outcome == "cancelled", report
    (upload,) = sync_state.pending_uploads(store.db)
    assert (upload.size, upload.uploaded_bytes) == (len(PHOTO), 32 << 10)


def test_a_cut_evidence_upload_is_counted_with_its_bytes_and_resumes_in_view(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_cut_upload)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    status = desk.status
    # The change itself reached KPU: nothing "waiting" by the change count, but the photo is.
    assert status.pending.text() == "Menunggu dikirim: 0"
    waiting = status.findChild(QLabel, "uploadsWaiting")
    qtbot.waitUntil(lambda: waiting is not None and waiting.isVisible(), timeout=5000)
    assert waiting.text() == "Bukti menunggu: 1 (32 KB/98 KB)"
    assert waiting.toolTip() == "Berkas bukti menunggu: 1 (32 KB dari 98 KB terkirim)"

    history = _open_history(qtbot, desk)
    summary = history.runs.summary.text()
    assert "Berkas bukti: 0 selesai terkirim, 1 masih menunggu (32 KB terkirim kali ini)." in (
        summary
    )
    assert history.runs.uploads.text() == waiting.toolTip()
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


def _seven_sesuai(store) -> None:
    service = VoterService(store)
    with store.db.atomic():
        for (voter_id,) in store.db.execute(
            "SELECT id FROM voters WHERE keterangan = '' ORDER BY id LIMIT 7"
        ):
            service.mark_sesuai(voter_id)


def test_the_officers_own_changes_coming_back_are_not_counted_as_news(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_seven_sesuai)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    report = finished.args[0]
    assert report.ok and report.confirmed == 7
    # The push answer told the laptop their new versions: the seven rows do not come back.
    assert report.pulled == 0
    assert desk.status.currentMessage() == (
        "Sinkron selesai: 7 perubahan dikonfirmasi KPU, 0 perubahan dari KPU."
    )
    assert report.pulled_new == 0
    history = _open_history(qtbot, desk)
    runs = history.runs.runs.model_
    assert runs.item(0, 6).text() == "0"  # "Dari KPU"
    assert "0 perubahan dari KPU (data pemilih, hasil seleksi)" in history.runs.summary.text()
    history.reject()


def _seven_of_every_kind(store) -> None:
    """Seven changes of every kind an officer saves: two sesuai, two corrections, a new voter
    and a TMS-8 move (the mark and the voter added at the right TPS)."""
    service = VoterService(store)
    rows = store.db.execute(
        "SELECT id, tps_id FROM voters WHERE keterangan = '' ORDER BY id LIMIT 5"
    ).fetchall()
    service.mark_sesuai(rows[0][0])
    service.mark_sesuai(rows[1][0])
    service.ubah(rows[2][0], {"rt": "019"})
    service.ubah(rows[3][0], {"alamat": "DUSUN III"})
    moved, tps_id = rows[4]
    desa, nomor = tps_id.rsplit(".", 1)
    service.tms8_move(moved, f"{desa}.{int(nomor) % 9 + 1:03d}")
    new = dataclasses.replace(
        service.get(rows[0][0]).record, nik="1401015505990001", nama="WARGA BARU", dpid=None
    )
    service.add_baru(new)


def test_the_desk_counts_only_what_is_new_from_kpu_after_a_sync(
    qtbot, tmp_path, server, recovery_keys
):
    """Seven changes sent, two voters corrected by KPU meanwhile: the desk says two changes came
    from KPU, not nine rows (nor seven) received."""
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_seven_of_every_kind)
    kpu = [
        dataclasses.replace(server.voters[i], alamat=f"JL. KPU {i}")
        for i in range(len(server.voters) - 2, len(server.voters))
    ]
    server.repo.load_voters(kpu, time.time())
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    report = finished.args[0]
    assert report.ok and report.confirmed == 7
    assert (report.pulled, report.pulled_new) == (2, 2)  # KPU's two; the officer's own stay
    assert desk.status.currentMessage() == (
        "Sinkron selesai: 7 perubahan dikonfirmasi KPU, 2 perubahan dari KPU."
    )
    history = _open_history(qtbot, desk)
    assert history.runs.runs.model_.item(0, 6).text() == "2"
    assert "2 perubahan dari KPU (data pemilih, hasil seleksi)" in history.runs.summary.text()
    history.reject()


def _shown_error(status) -> tuple[str, int, object]:
    """The sync error the status bar shows: its text, the width it has, the font it is drawn in.
    (A passing message is drawn in the space left of the permanent widgets.)"""
    kept = status.findChild(QLabel, "syncProblem")
    if kept is not None and kept.isVisible():
        return kept.text(), kept.contentsRect().width(), kept.fontMetrics()
    permanent = [
        w for w in status.findChildren(QLabel) if w.isVisible() and w.objectName() != "syncProblem"
    ]
    left = min(w.mapTo(status, w.rect().topLeft()).x() for w in permanent)
    return status.currentMessage(), left - 8, status.fontMetrics()


def test_a_sync_error_stays_whole_in_the_status_bar(
    qtbot, tmp_path, server, recovery_keys, monkeypatch
):
    from desktop_app.ui import status_bar

    # Passing messages go quickly here: the error must outlast them.
    monkeypatch.setattr(status_bar, "MESSAGE_MS", 200)

    def photo_waiting_and_seven_changes(store) -> None:
        _cut_upload(store)  # the status bar carries the waiting photo too: the fullest it gets
        _seven_sesuai(store)

    data_dir = enrolled_vault(
        tmp_path, server, recovery_keys[1], prepare=photo_waiting_and_seven_changes
    )
    server.stop()
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    assert window.screen().availableGeometry().width() == 1366
    qtbot.waitUntil(lambda: window.sync.link.value == "offline", timeout=5000)

    desk.act_sync.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=5000)
    assert desk.status.findChild(QLabel, "uploadsWaiting").isVisible()
    text, width, metrics = _shown_error(desk.status)
    assert text and "…" not in text
    assert metrics.horizontalAdvance(text) <= width, (text, width)
    qtbot.wait(600)  # longer than a passing message lasts
    desk.status.refresh()
    wait_idle(qtbot, window)
    assert _shown_error(desk.status)[0] == text
    # Every other headline fits the same place, in the status bar at its fullest.
    from desktop_app.ui.sync import wording

    for source in wording._HEADLINES.values():
        headline = translate("Sync", source).replace("%1", "1.234")
        assert metrics.horizontalAdvance(headline) <= width, (headline, width)
    # The whole sentence is one hover away.
    kept = desk.status.findChild(QLabel, "syncProblem")
    assert "tidak dapat dihubungi" in kept.toolTip() and "tetap tersimpan" in kept.toolTip()


def _cut(view, row: int, column: int) -> bool:
    """Whether the cell's text is drawn shorter than it is (elided or clipped)."""
    model = view.model()
    text = model.index(row, column).data()
    metrics = view.fontMetrics()
    index = model.index(row, column)
    font = index.data(Qt.ItemDataRole.FontRole)
    if font is not None:
        metrics = QFontMetrics(font)
    # The item's text margins on each side, as the style draws them.
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    lines = text.split("\n")
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    return widest + margin > view.columnWidth(column)


def test_the_sync_history_shows_its_columns_and_details_whole(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=_seven_sesuai)
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000):
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    history = _open_history(qtbot, desk)
    qtbot.waitExposed(history)
    screen = window.screen().availableGeometry()
    assert screen.width() == 1366 and screen.contains(history.frameGeometry())
    runs = history.runs.runs
    header = runs.horizontalHeader()
    for column in range(runs.model().columnCount()):
        title = runs.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.fontMetrics().horizontalAdvance(title) <= header.sectionSize(column), title
        for row in range(runs.model().rowCount()):
            assert not _cut(runs, row, column), (title, runs.model().index(row, column).data())
    assert not runs.horizontalScrollBar().isVisible()
    history.reject()

"""A second desk started on a data folder that a desk already has open says so and stops,
before any window or vault is touched (desktop_app/instance_lock.py, ui/app.run_app)."""

from __future__ import annotations

import argparse
import logging

from desktop_app.ui.app import MainWindow, run_app, take_instance_lock
from desktop_app.ui.qt import QApplication, QMessageBox, QTimer
from tests.store.test_instance_lock import second_desk


def test_a_second_desk_on_the_same_folder_is_told_to_use_the_open_one(qtbot, tmp_path):
    data_dir = tmp_path / "Lapang"
    data_dir.mkdir()
    first = second_desk(data_dir)
    shown: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        shown.append(box.text())
        box.accept()

    try:
        QTimer.singleShot(50, answer)
        status = run_app(argparse.Namespace(data_dir=data_dir, officer=None, deployment=None))
    finally:
        first.kill()
        first.wait(timeout=30)

    assert status == 1
    [text] = shown
    assert "sudah terbuka" in text and str(data_dir) in text
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert sorted(p.name for p in data_dir.iterdir()) == ["lapang.lock"]


def test_a_folder_where_no_lock_can_be_made_still_starts_the_desk(tmp_path, caplog):
    # Checked on the step run_app takes, not through run_app: a desk's app.exec() ended by
    # quit() leaves this test process's QApplication unable to serve the tests after it.
    data_dir = tmp_path / "Lapang"
    (data_dir / "lapang.lock").mkdir(parents=True)  # something in the way of the lock file
    with caplog.at_level(logging.WARNING, logger="desktop_app"):
        lock = take_instance_lock(data_dir)
    lock.release()  # nothing held: releasing is harmless
    assert "instance lock not taken" in caplog.text
    assert (data_dir / "lapang.lock").is_dir()

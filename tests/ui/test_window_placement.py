"""Every window and dialog fits the officer's screen, frame and title bar included: 1366x768 at
100 %, and 1600x900 at 125 % (1280x720 for Qt). Checked offscreen in this process (fast), and on
a real X server with a window manager in a child process (real frames, real placement, a
taskbar-like strip the windows must keep clear of). Geometry is remembered per window and never
restored off-screen; Ctrl+Q quits the way the close button does; with every string 40 % longer
(pseudo-locale) no label or button is cut off."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from desktop_app.ui import i18n
from desktop_app.ui.qt import QApplication, QLabel, QPushButton, QRect, Qt, QVBoxLayout, QWidget
from desktop_app.ui.settings import DeskSettings
from tests.support import window_tour
from tests.support.xdisplay import TASKBAR_PX, child_env, desktop
from tests.ui.helpers import make_window

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
EVERY_WINDOW = {
    "wizard",
    "wizard_create",
    "unlock",
    "desk",
    "ubah",
    "tms",
    "tms_file_dialog",
    "new_voter",
    "settings",
    "sync_history",
    "enrol",
    "recruitment",
    "recruitment_form",
    "recruitment_shortlist",
    "reports",
    "reports_save_dialog",
    "reports_replace_question",
    "new_voter_over_maximised_desk",
}


def _problems(seen: list[window_tour.Seen]) -> list[str]:
    assert {s.name for s in seen} == EVERY_WINDOW
    return [p for p in (s.problem() for s in seen) if p]


def _screen() -> QRect:
    return QApplication.primaryScreen().availableGeometry()


def test_the_suite_runs_on_a_laptop_sized_screen(qapp):
    # tests/conftest.py configures the offscreen screen; Qt's default would be 800x600.
    assert _screen() == QRect(0, 0, 1366, 768)


def test_every_window_and_dialog_fits_a_1366x768_screen(qapp):
    seen = window_tour.run_tour()
    assert _problems(seen) == []
    # Big windows use the screen they have rather than a postage stamp of it.
    desk = next(s for s in seen if s.name == "desk")
    assert desk.size[0] >= 1300 and desk.size[1] >= 700


def _child_tour(tmp_path: pathlib.Path, env: dict[str, str]) -> list[dict]:
    out = tmp_path / "tour.json"
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.window_tour", "--out", str(out)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(out.read_text())


def _seen(raw: list[dict]) -> list[window_tour.Seen]:
    sizes = ("frame", "available", "size", "minimum")
    return [window_tour.Seen(**{**r, **{k: tuple(r[k]) for k in sizes}}) for r in raw]


def test_every_window_fits_1600x900_at_125_percent_offscreen(tmp_path):
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "windowFrameMargins": True,
                "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 900}],
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "1.25",
    }
    seen = _seen(_child_tour(tmp_path, env))
    assert all(s.available == (0, 0, 1280, 720) for s in seen)
    assert _problems(seen) == []


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 768, "1"), (1600, 900, "1.25")], ids=["100", "125"]
)
def test_every_window_fits_under_a_window_manager(tmp_path, width, height, scale):
    with desktop(width, height) as display:
        env = child_env(display, QT_SCALE_FACTOR=scale, LAPANG_TOUR_FRAMED="1")
        seen = _seen(_child_tour(tmp_path, env))
    logical = (round(width / float(scale)), round((height - TASKBAR_PX) / float(scale)))
    # The taskbar strip is not available: the windows must keep clear of it.
    assert {s.available for s in seen} == {(0, 0, *logical)}
    assert _problems(seen) == []
    assert [(s.name, s.clipped) for s in seen if s.clipped] == []
    # Real frames: a title bar above the client area of every window.
    assert all(s.frame[3] > s.size[1] for s in seen)


def test_no_label_or_button_is_cut_off_with_40_percent_longer_text(qapp, monkeypatch):
    monkeypatch.setenv(i18n.PSEUDO_LOCALE_ENV, "1")
    i18n.install_language("id")
    try:
        # The tour's own MainWindow picks up the pseudo translator; make_window would reset it.
        assert QApplication.translate("DeskView", "Cari") != "Cari"
        seen = window_tour.run_tour()
    finally:
        monkeypatch.delenv(i18n.PSEUDO_LOCALE_ENV)
        i18n.install_language("id")
    assert [(s.name, s.clipped) for s in seen if s.clipped] == []
    assert _problems(seen) == []


def test_the_clipping_check_sees_a_cut_off_label_and_button(qtbot):
    # The check above must be able to fail: a label and a button squeezed below their text.
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    label = QLabel("Menunggu dikirim ke server KPU: 12 perubahan", box)
    button = QPushButton("Kirim pendaftaran  [Ctrl+Enter]", box)
    layout.addWidget(label)
    layout.addWidget(button)
    box.show()
    label.setFixedWidth(60)
    button.setFixedWidth(60)
    assert window_tour.clipped_texts(box) == [
        "QLabel 'Menunggu dikirim ke server KPU: 12 perubahan'",
        "QPushButton 'Kirim pendaftaran  [Ctrl+Enter]'",
    ]


def test_pseudo_text_is_40_percent_longer_and_keeps_placeholders():
    text = i18n.pseudo_text("Simpan %1 perubahan")
    assert len(text) >= 1.4 * len("Simpan %1 perubahan")
    assert text.startswith("Simpan %1 perubahan") and text.count("%1") == 1
    assert i18n.pseudo_text("<b>Tebal</b>") == "<b>Tebal</b>"
    assert i18n.pseudo_text("Satu\nDua").count("\n") == 1


# -- remembering -----------------------------------------------------------------------------------
def test_the_main_window_remembers_where_the_officer_left_it(qtbot, listed_dir):
    window = make_window(qtbot, listed_dir)
    qtbot.waitUntil(window.isVisible)
    window.setGeometry(QRect(120, 90, 1000, 600))
    window.close()
    saved = DeskSettings.load(listed_dir).window_geometry["main"]
    assert saved == [120, 90, 1000, 600, 0]

    again = make_window(qtbot, listed_dir)
    qtbot.waitUntil(again.isVisible)
    assert again.geometry() == QRect(120, 90, 1000, 600)
    again.showMaximized()
    again.close()
    assert DeskSettings.load(listed_dir).window_geometry["main"] == [120, 90, 1000, 600, 1]
    third = make_window(qtbot, listed_dir)
    qtbot.waitUntil(third.isVisible)
    assert third.isMaximized()
    third.close()


def test_each_dialog_remembers_its_own_size(qtbot, desk, window, listed_dir):
    from desktop_app.ui.reports import open_reports

    reports = open_reports(window, window.ctx, None)
    qtbot.waitUntil(reports.isVisible)
    reports.setGeometry(QRect(200, 150, 1000, 560))
    reports.reject()
    desk.open_ubah()
    qtbot.waitUntil(lambda: desk.dialog is not None and desk.dialog.isVisible())
    ubah_size = desk.dialog.size()
    desk.dialog.reject()
    qtbot.waitUntil(lambda: desk.dialog is None)

    again = open_reports(window, window.ctx, None)
    qtbot.waitUntil(again.isVisible)
    assert again is not reports and again.geometry() == QRect(200, 150, 1000, 560)
    again.reject()
    saved = DeskSettings.load(listed_dir).window_geometry
    assert saved["reports"] == [200, 150, 1000, 560, 0]
    assert saved["ubah"][2:4] == [ubah_size.width(), ubah_size.height()]


def test_a_place_on_a_screen_that_is_gone_is_not_restored(qtbot, listed_dir):
    # Last used on a projector to the right of the laptop, which is no longer plugged in.
    DeskSettings(window_geometry={"main": [1500, 100, 1200, 700, 0]}).save(listed_dir)
    window = make_window(qtbot, listed_dir)
    qtbot.waitUntil(window.isVisible)
    assert _screen().contains(window.frameGeometry())
    window.close()


def test_a_remembered_size_larger_than_the_screen_is_shrunk_to_fit(qtbot, listed_dir):
    # Remembered on a bigger monitor; now on the laptop alone.
    DeskSettings(window_geometry={"main": [10, 10, 1900, 1000, 0]}).save(listed_dir)
    window = make_window(qtbot, listed_dir)
    qtbot.waitUntil(window.isVisible)
    assert _screen().contains(window.frameGeometry())
    window.close()


def test_a_damaged_remembered_geometry_is_ignored(qtbot, listed_dir):
    DeskSettings(window_geometry={"main": ["x", None, True, 5]}).save(listed_dir)
    window = make_window(qtbot, listed_dir)
    qtbot.waitUntil(window.isVisible)
    assert _screen().contains(window.frameGeometry())
    window.close()


# -- quitting --------------------------------------------------------------------------------------
def test_ctrl_q_quits_through_the_close_path(qtbot, desk, window, listed_dir):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(desk.voters.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    # closeEvent ran: the worker closed the store (wiping its key) and stopped.
    assert window.tasks._closed
    assert "main" in DeskSettings.load(listed_dir).window_geometry


def test_ctrl_q_does_not_bypass_an_open_dialog(qtbot, desk, window):
    desk.open_ubah()
    dialog = desk.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible() and dialog.isVisible()
    dialog.reject()

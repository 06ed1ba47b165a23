"""Open every window and dialog of the desk in turn, on real vaults, and measure where each one
landed: its frame against the available area of its screen, its size against the minimum its
layout needs, and whether any label or button shows less than its text.

Used in two ways:
- in the pytest process (offscreen screen of tests/conftest.py), through ``tour()``;
- as a child process on a real X server with a window manager (the Qt platform is fixed per
  process): ``python -m tests.support.window_tour --out result.json`` prints nothing and
  writes one JSON object per window.

Everything shown is synthetic demo data."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pathlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterator

from desktop_app.resources import resource_path
from desktop_app.store.demo import load_demo
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.ui.qt import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QRect,
    QScrollArea,
    QToolBar,
    QToolButton,
    QWidget,
)

OFFICER = "Siti Rahmawati"
PASSPHRASE = "kapal-layar-di-teluk"
DEMO_VOTERS = 400
# Under a real window manager the frame arrives a moment after the window is mapped.
SETTLE_S = float(os.environ.get("LAPANG_TOUR_SETTLE_S", "0.05"))
# Set by the tests that run the tour under a window manager: every window must get a frame.
FRAMED = os.environ.get("LAPANG_TOUR_FRAMED") == "1"


@dataclasses.dataclass
class Seen:
    """Where one window landed."""

    name: str
    frame: tuple[int, int, int, int]
    available: tuple[int, int, int, int]
    size: tuple[int, int]
    minimum: tuple[int, int]
    clipped: list[str]

    @property
    def inside(self) -> bool:
        return _rect(self.available).contains(_rect(self.frame))

    @property
    def fits_its_layout(self) -> bool:
        return self.size[0] >= self.minimum[0] and self.size[1] >= self.minimum[1]

    def problem(self) -> str | None:
        if not self.inside:
            return f"{self.name}: frame {self.frame} outside the available area {self.available}"
        if not self.fits_its_layout:
            return f"{self.name}: size {self.size} below its layout's minimum {self.minimum}"
        return None


def _rect(values: tuple[int, int, int, int]) -> QRect:
    return QRect(*values)


def _tuple(rect: QRect) -> tuple[int, int, int, int]:
    return (rect.x(), rect.y(), rect.width(), rect.height())


def frame_geometry(window: QWidget) -> QRect:
    """The window's frame as the native window has it (QWidget.frameGeometry() can keep a frame
    measured while the window manager was still reparenting the window)."""
    handle = window.windowHandle()
    return handle.frameGeometry() if handle is not None else window.frameGeometry()


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")


def settle(seconds: float = SETTLE_S) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while True:
        app.processEvents()
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)


def clipped_texts(window: QWidget) -> list[str]:
    """Labels and buttons on screen whose text needs more room than they have, and tool bars
    whose buttons do not all fit."""
    found = []
    for bar in window.findChildren(QToolBar):
        # A tool bar too narrow for its buttons hides the rest behind its » button.
        more = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        if bar.isVisibleTo(window) and more is not None and more.isVisibleTo(window):
            hidden = [
                a.text()
                for a in bar.actions()
                if a.isVisible() and not bar.widgetForAction(a).isVisibleTo(window)
            ]
            found.append(f"QToolBar {bar.objectName()!r} hides {hidden}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                short = widget.heightForWidth(widget.width()) > widget.height()
            else:
                short = widget.sizeHint().width() > widget.width()
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QToolBar):
            short = bool(widget.text()) and widget.sizeHint().width() > widget.width()
        else:
            continue
        # Inside a scroll area the text is reachable by scrolling; width is what matters.
        if short and not _scrolls(widget, window):
            found.append(f"{type(widget).__name__} {widget.text()!r}")
    return found


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def measure(name: str, window: QWidget) -> Seen:
    settle()
    if FRAMED:
        # Under a window manager: measure the framed window, after the desk's own corrections.
        wait_until(lambda: frame_geometry(window) != window.geometry(), timeout=20.0)
        settle(0.3)
    return Seen(
        name=name,
        frame=_tuple(frame_geometry(window)),
        available=_tuple(window.screen().availableGeometry()),
        size=(window.width(), window.height()),
        minimum=(window.minimumSizeHint().width(), window.minimumSizeHint().height()),
        clipped=clipped_texts(window),
    )


def make_vault(data_dir: pathlib.Path) -> None:
    public_key = resource_path("keys", "kpu_recovery_public.pem").read_bytes()
    store = Vault(data_dir).create(OFFICER, PASSPHRASE, public_key, kdf=TEST_KDF)
    with store:
        load_demo(store, voters=DEMO_VOTERS)


def _shown(widget: QWidget) -> QWidget:
    wait_until(widget.isVisible)
    return widget


def _child(parent: QWidget, kind: type) -> QWidget:
    def found() -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                return widget
        return None

    wait_until(lambda: found() is not None)
    return found()


def tour(empty_dir: pathlib.Path, vault_dir: pathlib.Path) -> Iterator[tuple[str, QWidget]]:
    """Yield (name, window) for every window and dialog, each shown and waiting; the next step
    closes it. ``vault_dir`` must hold a vault made by ``make_vault``."""
    from desktop_app.reports.coklit_exports import ReportKind
    from desktop_app.ui.app import AppConfig, MainWindow
    from desktop_app.ui.recruitment import open_recruitment
    from desktop_app.ui.reports import open_reports
    from desktop_app.ui.settings_dialog import SettingsDialog

    first = MainWindow(AppConfig(data_dir=empty_dir, kdf=TEST_KDF))
    first.start()
    first.show()
    yield "wizard", _shown(first)
    first.page.choose_create.setChecked(True)
    first.page.next_button.click()
    yield "wizard_create", first
    first.close()
    first.deleteLater()

    window = MainWindow(AppConfig(data_dir=vault_dir, kdf=TEST_KDF))
    window.start()
    window.show()
    wait_until(lambda: window.page.officer.count() > 0)
    yield "unlock", window
    window.page.passphrase.setText(PASSPHRASE)
    window.page.unlock_button.click()
    wait_until(lambda: window.desk is not None)
    desk = window.desk
    wait_until(lambda: desk.detail.voter is not None and window.tasks.pending == 0)
    yield "desk", window

    desk.open_ubah()
    yield "ubah", _shown(desk.dialog)
    desk.dialog.reject()
    wait_until(lambda: desk.dialog is None)

    desk.open_tms()
    tms = _shown(desk.dialog)
    yield "tms", tms
    tms._choose_attachment()
    picker = _child(tms, QFileDialog)
    yield "tms_file_dialog", picker
    picker.reject()
    tms.reject()
    wait_until(lambda: desk.dialog is None)

    desk.open_new_voter()
    yield "new_voter", _shown(desk.dialog)
    desk.dialog.reject()
    wait_until(lambda: desk.dialog is None)

    window.open_settings()
    settings = _child(window, SettingsDialog)
    yield "settings", settings
    settings.reject()

    desk.open_sync_history()
    yield "sync_history", _shown(desk.history_dialog)
    desk.history_dialog.reject()

    desk.open_enrol()
    yield "enrol", _shown(desk.enrol_dialog)
    desk.enrol_dialog.reject()

    recruitment = open_recruitment(window, window.ctx)
    wait_until(lambda: recruitment.list_page is not None and window.tasks.pending == 0)
    yield "recruitment", recruitment
    recruitment.new_application()
    wait_until(lambda: recruitment.page is not None and window.tasks.pending == 0)
    yield "recruitment_form", recruitment
    recruitment.show_shortlist()
    wait_until(lambda: window.tasks.pending == 0)
    yield "recruitment_shortlist", recruitment
    recruitment.reject()

    reports = open_reports(window, window.ctx, None)
    wait_until(lambda: window.tasks.pending == 0 and reports.isVisible())
    yield "reports", reports
    reports.export(ReportKind.RECAP)
    yield "reports_save_dialog", _shown(reports.exporter.dialog)
    reports.exporter.dialog.reject()
    reports.exporter._ask_replace(ReportKind.RECAP, None, vault_dir / "rekap.pdf")
    yield "reports_replace_question", _child(reports, QMessageBox)
    _child(reports, QMessageBox).reject()
    reports.reject()

    # Last: the desk again, maximised, with a dialog centred over it (the case where Qt's own
    # centring put a title bar above the screen).
    window.showMaximized()
    wait_until(window.isMaximized)
    settle(max(SETTLE_S, 0.3))
    desk.open_new_voter()
    yield "new_voter_over_maximised_desk", _shown(desk.dialog)
    desk.dialog.reject()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    window.close()


def run_tour(check: Callable[[str, QWidget], None] | None = None) -> list[Seen]:
    """Make the vaults in a temporary folder and measure every window of ``tour``."""
    seen = []
    with tempfile.TemporaryDirectory() as tmp:
        vault_dir = pathlib.Path(tmp) / "vault"
        make_vault(vault_dir)
        for name, window in tour(pathlib.Path(tmp) / "empty", vault_dir):
            seen.append(measure(name, window))
            if check is not None:
                check(name, window)
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args(argv)
    from desktop_app.ui.i18n import install_language

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    install_language("id")
    seen = run_tour()
    args.out.write_text(json.dumps([dataclasses.asdict(s) for s in seen], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

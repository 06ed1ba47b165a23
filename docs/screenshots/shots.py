"""What every screenshot script here shares: wait for the real window to reach a state, then
grab it to a PNG beside these scripts, frame and title bar included (as the officer sees it on a
1366x768 screen). Run them through ``laptop_screen.py``, which gives them that screen."""

from __future__ import annotations

import pathlib
import time
from collections.abc import Callable

from desktop_app.ui.qt import QApplication, QWidget

HERE = pathlib.Path(__file__).resolve().parent


def wait(app: QApplication, condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
    for _ in range(20):  # let layouts and repaints settle
        app.processEvents()
        time.sleep(0.01)


def save(app: QApplication, widget: QWidget, name: str, suffix: str = "") -> None:
    wait(app, lambda: True)
    time.sleep(0.5)  # the window manager frames a new window in its own time
    wait(app, lambda: True)
    path = HERE / f"{name}{suffix}.png"
    window = widget.window()
    handle = window.windowHandle()
    frame = handle.frameGeometry() if handle is not None else window.frameGeometry()
    if frame != window.geometry():
        # What is on the screen there: the frame, and whatever the window covers.
        shot = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    else:
        shot = window.grab()
    shot.save(str(path))
    print(f"wrote {path.relative_to(HERE.parent.parent)}")

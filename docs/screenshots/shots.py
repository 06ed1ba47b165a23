"""What every screenshot script here shares: wait for the real window to reach a state, then
grab it to a PNG beside these scripts. Run the scripts from the repository root under Xvfb."""

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
    path = HERE / f"{name}{suffix}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(HERE.parent.parent)}")

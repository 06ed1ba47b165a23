"""Helpers for the desk tests: open a window, wait for the worker, unlock, read the store."""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

from desktop_app.store.keyslots import TEST_KDF
from tests.conftest import PASSPHRASE


def make_window(qtbot, data_dir: pathlib.Path, public_key: pathlib.Path | None = None, **kw):
    from desktop_app.ui.app import AppConfig, MainWindow
    from desktop_app.ui.i18n import install_language

    install_language("id")
    config = AppConfig(data_dir=data_dir, kdf=TEST_KDF, **kw)
    if public_key is not None:
        config.recovery_public_key = public_key
    window = MainWindow(config)
    qtbot.addWidget(window)
    window.start()
    window.show()
    return window


def wait_idle(qtbot, window, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=timeout)


def unlock(qtbot, window, passphrase: str = PASSPHRASE) -> None:
    from desktop_app.ui.unlock import UnlockView

    page = window.page
    assert isinstance(page, UnlockView)
    qtbot.waitUntil(lambda: page.officer.count() > 0)
    page.passphrase.setText(passphrase)
    page.unlock_button.click()
    wait_idle(qtbot, window)


def on_worker(qtbot, window, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn(store)`` on the database worker (the only thread that touches the store) and
    return its result: how tests look at what the desk wrote."""
    box: dict[str, Any] = {}

    def failed(exc: Exception) -> None:
        box["error"] = exc

    window.tasks.run(
        lambda ctx: fn(ctx.store), on_success=lambda r: box.update(result=r), on_failure=failed
    )
    qtbot.waitUntil(lambda: "result" in box or "error" in box, timeout=5000)
    if "error" in box:
        raise box["error"]
    return box["result"]

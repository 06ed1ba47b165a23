"""Helpers for the desk's sync tests: a real sync server on loopback, vaults enrolled with it
through the real enrolment, and desk windows configured to reach it.

Retries are fast (waiting seconds proves nothing here; the retry policy is tested alone) and
the watcher probes often, so a test waits for events, never for wall-clock time."""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.ui.sync.config import AUTO_SYNC_SETTING, SyncConfig
from lapang_core import protocol as p
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.sync_env import RunningServer
from tests.ui.helpers import make_window, unlock, wait_idle

FAST_RETRY = RetryPolicy(attempts=3, first_delay=0.01, max_delay=0.05)
AREA_VOTERS = 120
# The dev KPU announcement key for this test session (the real private key never leaves KPU).
KPU_KEY = p.generate_key()


def sync_config(server_url: str | None, **engine: Any) -> SyncConfig:
    return SyncConfig(
        server_url=server_url,
        announcement_key=KPU_KEY.public_key(),
        engine_options={"retry": FAST_RETRY, **engine},
        watcher_options={"min_interval": 0.2, "max_interval": 0.5, "jitter": 0.0},
    )


def enrolled_vault(
    folder: pathlib.Path,
    server: RunningServer,
    recovery_public_pem: bytes,
    *,
    auto: bool = False,
    url: str | None = None,
    prepare: Any = None,
) -> pathlib.Path:
    """A locked vault enrolled (through ``url``, default the server's) with the area
    downloaded; ``prepare(store)`` runs before it is locked (queue changes there)."""
    data_dir = folder / "vault"
    store = Vault(data_dir).create(OFFICER, PASSPHRASE, recovery_public_pem, kdf=TEST_KDF)
    with store:
        result, engine = enroll(
            store,
            url or server.url,
            server.code(),
            label="laptop test",
            retry=FAST_RETRY,
            kpu_key=KPU_KEY.public_key(),
        )
        assert result.area_downloaded
        engine.client.close()  # a kept-alive connection would hold up the server's shutdown
        store.set_setting(AUTO_SYNC_SETTING, "1" if auto else "0")
        if prepare is not None:
            prepare(store)
    return data_dir


def enrolled_by_deployment(
    folder: pathlib.Path, server: Any, deployment: Any, recovery_public_pem: bytes
) -> tuple[pathlib.Path, SyncConfig]:
    """The desk's sync settings read from ``deployment`` (fast retries and probes), and a locked
    vault enrolled with ``server`` (``url`` and ``code()``) through them, auto-sync off: runs
    start only when the officer asks."""
    config = dataclasses.replace(
        SyncConfig.from_deployment(deployment),
        engine_options={"retry": FAST_RETRY},
        watcher_options={"min_interval": 0.2, "max_interval": 0.5, "jitter": 0.0},
    )
    data_dir = folder / "vault"
    store = Vault(data_dir).create(OFFICER, PASSPHRASE, recovery_public_pem, kdf=TEST_KDF)
    with store:
        result, engine = enroll(store, server.url, server.code(), **config.engine_kwargs())
        assert result.area_downloaded
        engine.client.close()
        store.set_setting(AUTO_SYNC_SETTING, "0")
    return data_dir, config


def open_desk(qtbot, data_dir: pathlib.Path, config: SyncConfig):
    """The unlocked desk, its first list shown and the sync state read."""
    window = make_window(qtbot, data_dir, sync=config)
    unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.desk is not None)
    desk = window.desk
    qtbot.waitUntil(
        lambda: (
            desk.detail.voter is not None
            and window.sync is not None
            and window.sync.status is not None
        ),
        timeout=5000,
    )
    wait_idle(qtbot, window)
    return window, desk

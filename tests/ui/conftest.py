"""Real desk windows on real encrypted vaults in temporary folders (offscreen Qt).

Operations run on the real database worker; tests wait for them with ``qtbot.waitUntil`` on the
task manager's pending count, never with sleeps. Vaults use the cheap test KDF so unlocking takes
milliseconds."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest

from desktop_app.store.demo import load_demo
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.ui.helpers import make_window, unlock
from tests.ui.sync_helpers import AREA_VOTERS

DEMO_VOTERS = 400  # two TPS of ~200 voters in two desa; "Semua wilayah" spans two pages


@pytest.fixture()
def listed_dir(tmp_path: pathlib.Path, recovery_keys) -> pathlib.Path:
    """A locked vault holding a small synthetic voter list."""
    data_dir = tmp_path / "vault"
    store = Vault(data_dir).create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF)
    with store:
        load_demo(store, voters=DEMO_VOTERS)
    return data_dir


@pytest.fixture()
def public_key_file(tmp_path: pathlib.Path, recovery_keys) -> pathlib.Path:
    path = tmp_path / "recovery_public.pem"
    path.write_bytes(recovery_keys[1])
    return path


@pytest.fixture()
def window(qtbot, listed_dir):
    win = make_window(qtbot, listed_dir)
    yield win
    win.close()


@pytest.fixture()
def desk(qtbot, window):
    """The unlocked desk with the first TPS listed and its first voter in the detail panel."""
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None)
    desk = window.desk
    qtbot.waitUntil(
        lambda: (
            desk.voters.model.rowCount() > 0
            and desk.detail.voter is not None
            and window.tasks.pending == 0
        ),
        timeout=5000,
    )
    return desk


@pytest.fixture()
def server(tmp_path: pathlib.Path) -> Iterator[RunningServer]:
    """The real sync server on loopback, holding AREA_VOTERS synthetic voters of the test area."""
    running = start_server(tmp_path / "server", voters=area_voters(AREA_VOTERS))
    try:
        yield running
    finally:
        running.stop()

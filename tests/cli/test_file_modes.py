"""The laptop's data folder is the officer's account's alone (docs/vault.md): 0700, with 0600 files,
from the first command on whatever the umask, and checked at every start. POSIX modes: on Windows
the profile's ACLs are the control (lapang_core/file_modes.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from desktop_app.store.vault import Vault
from tests.conftest import OFFICER, PASSPHRASE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def lapang(data_dir, *args: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPANG_")}
    env["LAPANG_PASSPHRASE"] = PASSPHRASE
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # the usual default: files 0644, folders 0755
    )


@pytest.fixture()
def key_file(tmp_path, recovery_keys):
    path = tmp_path / "recovery.pem"
    path.write_bytes(recovery_keys[1])
    return path


def test_a_new_vault_is_private_from_the_first_command(tmp_path, key_file):
    data_dir = tmp_path / "data"
    created = lapang(data_dir, "init", "--officer", OFFICER, "--recovery-public-key", str(key_file))
    assert created.returncode == 0, created.stderr
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "logs") == 0o700
    for name in ("lapang.db", "keyslots.json", "logs/lapang.log"):
        assert _mode(data_dir / name) == 0o600, name

    old = os.umask(0o022)
    try:  # SQLite's -wal/-shm take the database file's mode, not the umask
        store = Vault(data_dir).unlock(OFFICER, PASSPHRASE)
        store.set_setting("uji", "1")
        wal, shm = data_dir / "lapang.db-wal", data_dir / "lapang.db-shm"
        assert (_mode(wal), _mode(shm)) == (0o600, 0o600)
        store.close()
    finally:
        os.umask(old)


def test_an_open_data_folder_is_tightened_at_every_start_and_logged(tmp_path, key_file):
    data_dir = tmp_path / "data"
    # What the old app left: logging made the folder 0755 before the vault existed.
    assert lapang(data_dir, "deployment").returncode == 0
    created = lapang(data_dir, "init", "--officer", OFFICER, "--recovery-public-key", str(key_file))
    assert created.returncode == 0, created.stderr
    (data_dir / "unlock_state.json").write_text("{}", encoding="utf-8")
    (data_dir / "notes.txt").write_text("not Lapang's", encoding="utf-8")
    opened = ["lapang.db", "keyslots.json", "unlock_state.json", "logs/lapang.log", "notes.txt"]
    for name in opened:
        (data_dir / name).chmod(0o644)
    for folder in (data_dir, data_dir / "logs"):
        folder.chmod(0o755)

    status = lapang(data_dir, "status")
    assert status.returncode == 0, status.stderr
    assert (_mode(data_dir), _mode(data_dir / "logs")) == (0o700, 0o700)
    for name in opened[:-1]:
        assert _mode(data_dir / name) == 0o600, name
    assert _mode(data_dir / "notes.txt") == 0o644  # only what Lapang keeps there
    log = (data_dir / "logs" / "lapang.log").read_text(encoding="utf-8")
    said = [line for line in log.splitlines() if "was open to other users" in line]
    assert any("data was open to other users (mode 0755); now 0700" in line for line in said)
    assert any("keyslots.json was open to other users (mode 0644)" in line for line in said)
    assert not any(str(tmp_path) in line or OFFICER in line for line in said)


def test_a_folder_that_cannot_be_private_is_said_clearly(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp given as --data-dir: never changed
    result = lapang(shared, "deployment")
    assert result.returncode == 0, result.stderr  # the vault is encrypted: said, not refused
    assert "warning: The folder" in result.stderr
    assert "cannot be made private (it is a shared folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert _mode(shared) == 0o1777

"""The server's database (NIKs in the clear), its -wal/-shm and the evidence folder are the KPU
admin account's alone: 0600/0700 from creation on, whatever the umask, and checked at every
start. POSIX modes: on Windows the profile's ACLs are the control (lapang_core/file_modes.py)."""

from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import stat
import subprocess
import sys
from collections.abc import Iterator

import pytest

from desktop_app.synthetic.regions import demo_regions_path
from sync_server.app import create_app
from sync_server.config import ConfigError, ServerConfig
from sync_server.db import DatabaseError

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: pathlib.Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextlib.contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _config(tmp_path: pathlib.Path) -> ServerConfig:
    return ServerConfig(db_path=tmp_path / "server.db", attachments_dir=tmp_path / "evidence")


def test_a_new_database_and_evidence_folder_are_private_under_an_open_umask(tmp_path):
    db = tmp_path / "server.db"
    loaded = subprocess.run(
        [sys.executable, "-m", "sync_server", "load-regions", str(demo_regions_path())]
        + ["--db", str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # the usual default: files 0644, folders 0755
    )
    assert loaded.returncode == 0, loaded.stderr
    assert _mode(db) == 0o600

    with _umask(0o022):
        app = create_app(_config(tmp_path))
        repo = app.state.repository
        try:
            repo.load_regions([("14", "RIAU")], 0.0)  # a write: the WAL is in use
            wal, shm = (db.with_name(db.name + suffix) for suffix in ("-wal", "-shm"))
            assert wal.exists() and shm.exists()
            assert (_mode(db), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
            assert _mode(tmp_path / "evidence") == 0o700
        finally:
            repo.close()


def test_an_old_servers_open_files_are_tightened_at_start_and_logged(tmp_path, caplog):
    config = _config(tmp_path)
    create_app(config).state.repository.close()
    db = config.db_path
    assert db is not None
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"")  # as an older server left them
    for path, mode in ((db, 0o644), (wal, 0o644), (tmp_path / "evidence", 0o755)):
        path.chmod(mode)
    with caplog.at_level(logging.WARNING):
        repo = create_app(config).state.repository
    try:  # SQLite removes the WAL at the last close: look while it is open
        assert (_mode(db), _mode(wal), _mode(tmp_path / "evidence")) == (0o600, 0o600, 0o700)
    finally:
        repo.close()
    said = [r.getMessage() for r in caplog.records]
    assert "server.db-wal was open to other users (mode 0644); now 0600" in said
    assert "server.db was open to other users (mode 0644); now 0600" in said
    assert "evidence was open to other users (mode 0755); now 0700" in said
    assert not any(str(tmp_path) in line for line in said)  # names only, never the full path


def test_an_evidence_folder_that_cannot_be_made_private_stops_the_server(tmp_path):
    shared = tmp_path / "evidence"
    shared.mkdir()
    shared.chmod(0o1777)  # a shared folder like /tmp: never changed, never used
    with pytest.raises(ConfigError, match="evidence holds personal data.*shared folder"):
        create_app(_config(tmp_path))
    assert _mode(shared) == 0o1777


@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="needs chown (root)")
def test_a_database_owned_by_someone_else_is_named_not_changed(tmp_path):
    config = _config(tmp_path)
    create_app(config).state.repository.close()
    assert config.db_path is not None
    config.db_path.chmod(0o644)
    os.chown(config.db_path, 4242, -1)
    with pytest.raises(DatabaseError, match="belongs to another user"):
        create_app(config)
    assert _mode(config.db_path) == 0o644

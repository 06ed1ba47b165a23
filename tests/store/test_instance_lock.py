"""One desk per data folder (desktop_app/instance_lock.py): the lock is held by a real second
process, as a second desk would hold it. On Linux this is flock; tests/windows shows the same
with LockFile under the Windows CPython."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from desktop_app.instance_lock import AlreadyRunning, InstanceLock

ROOT = pathlib.Path(__file__).resolve().parents[2]
_DESK = """
import pathlib, sys
from desktop_app.instance_lock import InstanceLock
InstanceLock(pathlib.Path(sys.argv[1])).acquire()
print("held", flush=True)
sys.stdin.read()
"""


def second_desk(data_dir: pathlib.Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _DESK, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_desk_on_the_same_folder_is_refused_until_the_first_ends(tmp_path):
    data_dir = tmp_path / "Lapang"
    data_dir.mkdir()
    first = second_desk(data_dir)
    try:
        with pytest.raises(AlreadyRunning) as refused:
            InstanceLock(data_dir).acquire()
        assert str(data_dir) in str(refused.value)
    finally:
        first.kill()  # a crash or a power cut: the system drops the lock with the process
        first.wait(timeout=30)

    with InstanceLock(data_dir) as lock:
        assert lock.path.stat().st_mode & 0o077 == 0
        with pytest.raises(AlreadyRunning):
            InstanceLock(data_dir).acquire()
    InstanceLock(data_dir).acquire()  # released on close


def test_desks_on_different_folders_do_not_stop_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = second_desk(tmp_path / "a")
    try:
        with InstanceLock(tmp_path / "b"):
            pass
    finally:
        first.kill()
        first.wait(timeout=30)

"""Replacing a file that another process holds open (desktop_app/store/secret_file.py).

POSIX always allows it; Windows refuses while anyone holds the file open (Python opens files
without FILE_SHARE_DELETE, and so do most scanners and backup tools). These run with the Windows
CPython under Wine in build_scripts/windows/build.sh, and on Windows with plain pytest."""

from __future__ import annotations

import os
import pathlib
import threading

import pytest

from desktop_app.file_sharing import REPLACE_ATTEMPTS, REPLACE_PAUSE_S
from desktop_app.store.secret_file import write_file_atomically

pytestmark = pytest.mark.skipif(os.name != "nt", reason="Windows' sharing rules")


def test_a_key_file_held_open_for_a_moment_is_still_replaced(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "keys.json"
    target.write_bytes(b"old")
    reader = target.open("rb")  # a virus scanner glancing at the file
    threading.Timer(0.2, reader.close).start()
    write_file_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]


def test_a_key_file_held_open_stays_as_it_was_and_no_temp_file_is_left(
    tmp_path: pathlib.Path,
) -> None:
    target = tmp_path / "keys.json"
    target.write_bytes(b"old")
    with target.open("rb"), pytest.raises(PermissionError):
        write_file_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keys.json"]
    assert REPLACE_ATTEMPTS * REPLACE_PAUSE_S <= 1.5  # an officer waits no longer than that

"""One desk per data folder.

An officer who double-clicks the Start-menu entry twice, or again because the first start seems
slow, would otherwise get two desks on one vault: two sync runs pushing the same changes, two
auto-locks, two writers of the settings. The desk holds an operating-system lock on
``lapang.lock`` in the data folder for as long as it runs; a second desk on the same folder
finds it taken and says so. The system drops the lock when the process ends, however it ends
(a crash, a power cut), so a stale lock can never keep the officer out. The file itself is left
in place: on Windows it could not be deleted while another desk waits on it anyway.
"""

from __future__ import annotations

import os
import pathlib

LOCK_NAME = "lapang.lock"


class AlreadyRunning(Exception):
    """Another Lapang desk has this data folder open."""

    def __init__(self, data_dir: pathlib.Path) -> None:
        super().__init__(
            f"Lapang is already open for the data folder {data_dir}: use the window that is "
            "open (see the taskbar), or close it first."
        )
        self.data_dir = data_dir


class InstanceLock:
    """The lock on ``<data dir>/lapang.lock``: ``acquire`` raises ``AlreadyRunning`` when another
    process holds it. Use as a context manager, or ``release`` when the desk closes."""

    def __init__(self, data_dir: pathlib.Path) -> None:
        self.data_dir = pathlib.Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(self.data_dir) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> None:
        # One byte at offset 0, without waiting: LockFile, which Windows drops with the handle.
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

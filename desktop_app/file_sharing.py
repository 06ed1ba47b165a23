"""Windows' sharing rules: a file another program holds open cannot be replaced, renamed or
deleted there (POSIX always allows it).

Two kinds of holder meet Lapang's files. A virus scanner, the search indexer, Explorer's preview
or a backup tool reads a file for a few milliseconds: those holds pass, so the operation is
tried again for up to about a second. Excel keeps a workbook (and a CSV) open until it is
closed, and Python, Excel and most other programs open files without FILE_SHARE_DELETE: that
hold lasts, and the officer is told which file to close (``FileInUse``). Nothing is lost either
way: the file that was there stays as it was.
"""

from __future__ import annotations

import logging
import os
import pathlib
import time

log = logging.getLogger(__name__)

# Brief holds (a scanner, the indexer) pass within this: about a second in all.
REPLACE_ATTEMPTS = 20
REPLACE_PAUSE_S = 0.05

# ERROR_ACCESS_DENIED (what MoveFileEx says over an open target), ERROR_SHARING_VIOLATION (what
# DeleteFile and CreateFile say) and ERROR_LOCK_VIOLATION (a byte range locked by LockFile).
_HELD_OPEN_WINERRORS = frozenset({5, 32, 33})


class FileInUse(Exception):
    """``path`` is held open by another program (on Windows: Excel, a PDF reader, a second
    Lapang), so it could not be replaced or removed; it was left as it was. Close it and try
    again."""

    def __init__(self, path: os.PathLike[str] | str, message: str | None = None) -> None:
        self.path = pathlib.Path(path)
        super().__init__(
            message
            or f"{self.path} is open in another program (Excel?). Close it there and try again; "
            "the file was not changed."
        )


def replace_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``os.replace``, tried again for a moment while Windows says another process holds
    ``source`` or ``target`` open. Raises the last PermissionError; ``source`` is left for the
    caller (``is_held_open`` tells a hold from a read-only file)."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)


def remove_file(path: str | os.PathLike[str]) -> bool:
    """Delete ``path`` if it is there, tried again for a moment while another process holds it
    open. False (and logged, by file name only) when it is still held: for clean-up paths,
    which must never replace the error they are cleaning up after."""
    path = pathlib.Path(path)
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            path.unlink(missing_ok=True)
            return True
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                break
            time.sleep(REPLACE_PAUSE_S)
        except OSError:
            break
    log.warning("could not remove %s: another program holds it open", path.name)
    return False


def read_shared(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path``, tried again for a moment while Windows says another program holds
    it without sharing it for reading (a scanner program still writing the scan). Raises the
    last OSError."""
    path = pathlib.Path(path)
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            return path.read_bytes()
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
    raise AssertionError("unreachable")  # the loop returns or raises


def is_held_open(exc: BaseException, path: str | os.PathLike[str]) -> bool:
    """Whether ``exc`` (from replacing, opening or removing ``path``) is Windows refusing
    because another program holds the file open — not a read-only file or a folder."""
    if not isinstance(exc, PermissionError):
        return False
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):
        return True
    # open() goes through the C runtime, which turns a sharing violation into a bare EACCES
    # without the Windows code. POSIX has no sharing rules: there it is never a hold.
    if winerror is None and os.name != "nt":
        return False
    if winerror not in (5, None):
        return False
    # Access denied is also what a read-only file or a folder in the way gives: those are not
    # something closing a program would cure.
    path = pathlib.Path(path)
    return path.is_file() and os.access(path, os.W_OK)

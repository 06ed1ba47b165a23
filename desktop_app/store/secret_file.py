"""Crash-safe writes of small files (key slots, settings): permissions first, temp file, fsync,
atomic replace, fsync of the directory — so a power cut leaves either the old or the new file."""

from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile
import time

# Windows refuses to replace a file that another process holds open — a virus scanner or backup
# tool reading the file for a few milliseconds is enough (POSIX never refuses). Such holds are
# brief, so the replace is tried again for up to about a second before the error stands.
REPLACE_ATTEMPTS = 20
REPLACE_PAUSE_S = 0.05


def write_file_atomically(path: pathlib.Path, data: bytes, *, mode: int = 0o600) -> None:
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_directory(directory)


def replace_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``os.replace``, tried again for a moment while Windows says another process holds
    ``target`` open. The last PermissionError is raised; ``source`` is left for the caller."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)


def fsync_directory(directory: pathlib.Path) -> None:
    if os.name != "posix":  # Windows has no directory handles to fsync; NTFS journals renames.
        return
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)

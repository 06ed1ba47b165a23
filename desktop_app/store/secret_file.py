"""Crash-safe writes of small files (key slots, settings): permissions first, temp file, fsync,
atomic replace, fsync of the directory — so a power cut leaves either the old or the new file."""

from __future__ import annotations

import os
import pathlib
import tempfile

from desktop_app.file_sharing import remove_file, replace_file


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
        remove_file(tmp_name)
        raise
    fsync_directory(directory)


def fsync_directory(directory: pathlib.Path) -> None:
    if os.name != "posix":  # Windows has no directory handles to fsync; NTFS journals renames.
        return
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)

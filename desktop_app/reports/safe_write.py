"""Writing an export file: never a half-written file, never an overwrite the officer did not ask
for. On Windows a file open in Excel or a PDF reader cannot be replaced: ``ExportFileInUse``
names it, and it stays as it was."""

from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile
from collections.abc import Callable, Iterator

from desktop_app.file_sharing import FileInUse, is_held_open, remove_file, replace_file


class ExportError(Exception):
    """An export could not be written; the message says why and what to do."""


class ExportExists(ExportError):
    pass


class ExportFileInUse(ExportError, FileInUse):
    """The file to replace is open in another program (Excel, a PDF reader): Windows refuses to
    replace it until that program closes it. The file was left as it was."""


@contextlib.contextmanager
def atomic_output(path: pathlib.Path, *, overwrite: bool = False) -> Iterator[pathlib.Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename."""
    path = pathlib.Path(path)
    if path.exists() and not overwrite:
        raise ExportExists(f"{path} already exists; choose another name or confirm replacing it.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent
        )
    except OSError as exc:  # a read-only folder or stick
        raise ExportError(f"Cannot write in {path.parent}: {exc.strerror or exc}.") from exc
    os.close(fd)
    tmp = pathlib.Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        try:
            replace_file(tmp, path)
        except PermissionError as exc:
            if is_held_open(exc, path):
                raise ExportFileInUse(path) from exc
            raise
    except OSError as exc:
        remove_file(tmp)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        remove_file(tmp)
        raise


def write_with(
    path: pathlib.Path, writer: Callable[[pathlib.Path], None], *, overwrite: bool
) -> pathlib.Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        writer(tmp)
    return path

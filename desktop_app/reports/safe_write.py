"""Writing an export file: never a half-written file, never an overwrite the officer did not ask
for."""

from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile
from collections.abc import Callable, Iterator

from desktop_app.store.secret_file import replace_file


class ExportError(Exception):
    """An export could not be written; the message says why and what to do."""


class ExportExists(ExportError):
    pass


@contextlib.contextmanager
def atomic_output(path: pathlib.Path, *, overwrite: bool = False) -> Iterator[pathlib.Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename."""
    path = pathlib.Path(path)
    if path.exists() and not overwrite:
        raise ExportExists(f"{path} already exists; choose another name or confirm replacing it.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = pathlib.Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        replace_file(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_with(
    path: pathlib.Path, writer: Callable[[pathlib.Path], None], *, overwrite: bool
) -> pathlib.Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        writer(tmp)
    return path

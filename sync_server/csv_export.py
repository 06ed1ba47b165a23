"""Admin exports: CSV files that hold personal data, written so that nothing is ever replaced
and only the operator's account can read them, with no text a spreadsheet would run as a
formula."""

from __future__ import annotations

import csv
import os
import pathlib
import uuid
from collections.abc import Iterable, Sequence

from lapang_core.formats.spreadsheet_cells import csv_row
from sync_server.errors import AdminError


def write_new_csv(
    path: pathlib.Path, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    """Write a CSV that only the operator's account can read, never replacing a file: written
    beside the target, synced, then linked into place (which fails if the name was taken
    meanwhile). UTF-8 with a BOM, so spreadsheet programs read names with accents right.

    Every cell goes through ``csv_row``: None is empty, a number stays a number, and text a
    device or an operator supplied that begins like a formula (``=``, ``+``, ``-``, ``@``…)
    gets a quote in front, so it never runs on the operator's computer."""
    if path.exists():
        raise AdminError(
            f"{path} already exists; an export never overwrites a file. Choose a new name."
        )
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(csv_row(header))
            count = 0
            for row in rows:
                writer.writerow(csv_row(row))
                count += 1
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            raise AdminError(
                f"{path} appeared while exporting; an export never overwrites a file."
            ) from None
        except OSError:  # no hard links here (a FAT-formatted USB stick): check, then rename
            if path.exists():
                raise AdminError(
                    f"{path} already exists; an export never overwrites a file."
                ) from None
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return count

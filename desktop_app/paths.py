"""Where the data lives, and keeping it to its user. Resolved by an explicit call (never at import
time)."""

from __future__ import annotations

import logging
import os
import pathlib

import platformdirs

from desktop_app.diagnostics import LOG_DIR_NAME
from lapang_core.file_modes import FileModeError, ensure_private, make_private_dir

log = logging.getLogger(__name__)

# What Lapang keeps directly in the data folder: the database with its -wal/-shm and upgrade
# backups, the key slots, the unlock counter and desk settings (*.json), the desk's instance
# lock, and half-written temp files of those (.NAME.xxxx.tmp). Only these are touched:
# --data-dir may name a folder that also holds other people's files.
_DATA_FILES = ("lapang.db*", "lapang.lock", "*.json", ".*.tmp")


# Other laptops' sealed bundles waiting to be delivered (Titipan: desktop_app.sync.relay).
RELAY_FOLDER = "titipan"


def relay_dir(data_dir: pathlib.Path) -> pathlib.Path:
    return data_dir / RELAY_FOLDER


def default_data_dir() -> pathlib.Path:
    override = os.environ.get("LAPANG_DATA_DIR")
    if override:
        return pathlib.Path(override)
    return pathlib.Path(platformdirs.user_data_dir("Lapang", "KPU"))


def secure_data_dir(data_dir: pathlib.Path) -> list[FileModeError]:
    """Make the data folder 0700 (creating it) and tighten what Lapang keeps in it to 0600 /
    0700; each tightening is logged. Run at every start. Returns what could not be made
    private: the vault is encrypted, so that is reported, not a reason to refuse to start."""
    problems: list[FileModeError] = []
    try:
        make_private_dir(data_dir, log)
    except FileModeError as exc:
        problems.append(exc)
    paths = [p for pattern in _DATA_FILES for p in sorted(data_dir.glob(pattern))]
    logs = data_dir / LOG_DIR_NAME
    paths += [logs, *sorted(logs.glob("*"))] if logs.is_dir() else []
    for path in paths:
        try:
            ensure_private(path, log)
        except FileModeError as exc:
            problems.append(exc)
    return problems

"""Where the data lives. Resolved by an explicit call (never at import time)."""

from __future__ import annotations

import os
import pathlib

import platformdirs


def default_data_dir() -> pathlib.Path:
    override = os.environ.get("LAPANG_DATA_DIR")
    if override:
        return pathlib.Path(override)
    return pathlib.Path(platformdirs.user_data_dir("Lapang", "KPU"))

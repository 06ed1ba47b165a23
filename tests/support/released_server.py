"""The sync server as KPU released it at an older commit of this repository, unpacked for
``ServerProcess(source=...)``: KPU's servers run a release until they are updated, and an
updated laptop must still sync with them."""

from __future__ import annotations

import io
import pathlib
import subprocess
import tarfile

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def unpack_release(commit: str, target: pathlib.Path) -> pathlib.Path:
    """The tree of ``commit`` in ``target``; skips the test when this checkout lacks it (a
    shallow clone)."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "archive", commit],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"the released server {commit} is not in this checkout ({exc})")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target

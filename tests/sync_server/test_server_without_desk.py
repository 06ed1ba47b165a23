"""The KPU server runs where the desk is not installed: `pip install '.[server]'` brings no Qt,
no SQLCipher, no requests. Each check runs the server in a fresh interpreter in which importing
anything only the desk installs fails, so a stray import of the desk shows here, not at KPU."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.sync.enrollment import enroll
from tests.conftest import REPO_ROOT
from tests.support.ports import free_port

# What `.[desktop]` installs and `.[server]` does not (openpyxl: the server writes CSV only).
DESK_ONLY = (
    "desktop_app",
    "PySide6",
    "shiboken6",
    "sqlcipher3",
    "sqlite_utils",
    "requests",
    "platformdirs",
    "segno",
    "openpyxl",
)
WITHOUT_DESK = textwrap.dedent(
    f"""
    import importlib.abc, sys
    class NoDesk(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {DESK_ONLY!r}:
                raise ModuleNotFoundError(f"{{name}} is installed only with the desk")
    sys.meta_path.insert(0, NoDesk())
    """
)


def _run_without_desk(code: str, *args: str, cwd: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WITHOUT_DESK + textwrap.dedent(code), *args],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


SERVER_CLI = """
import runpy, sys
sys.argv = ["sync_server", *sys.argv[1:]]
runpy.run_module("sync_server", run_name="__main__")
"""


def test_the_blocker_would_catch_an_import_of_the_desk():
    # The checks below can fail: the same interpreter set-up refuses the desk's own modules.
    process = _run_without_desk("import desktop_app.sync.client")
    process.communicate(timeout=60)
    assert process.returncode == 1


def test_every_server_module_imports_without_the_desk():
    out = _finish(
        _run_without_desk(
            """
            import importlib, pkgutil, sync_server, lapang_core
            names = [m.name for p in (sync_server, lapang_core)
                     for m in pkgutil.walk_packages(p.__path__, p.__name__ + ".")
                     if m.name not in ("lapang_core.windows_acl", "sync_server.__main__")]
            for name in names:
                importlib.import_module(name)
            print(len(names))
            """
        )
    )
    assert int(out) > 30


@pytest.fixture()
def server_without_desk(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    port = free_port()
    db = tmp_path / "server.db"
    serve = _run_without_desk(SERVER_CLI, "serve", "--db", str(db), "--port", str(port))
    try:
        deadline = time.monotonic() + 30
        while True:
            assert serve.poll() is None, serve.communicate()[1]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not start listening"
                time.sleep(0.1)
        yield db, port
    finally:
        serve.terminate()
        try:
            serve.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.communicate()


def test_a_server_without_the_desk_enrols_a_laptop(server_without_desk, store):
    db, port = server_without_desk
    regions = REPO_ROOT / "resources" / "fixtures" / "demo_regions.csv"
    _finish(_run_without_desk(SERVER_CLI, "load-regions", "--db", str(db), str(regions)))
    out = _finish(
        _run_without_desk(SERVER_CLI, "enroll-code", "--db", str(db), "--area", "52.04.05")
    )
    code = out.strip().splitlines()[-1]

    result, _engine = enroll(store, f"http://127.0.0.1:{port}", code, label="no desk")

    assert result.area == "52.04.05" and result.area_downloaded

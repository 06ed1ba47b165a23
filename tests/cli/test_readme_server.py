"""The README's server commands, run exactly as printed: a KPU admin who follows them gets an
enrolment code that enrols a laptop against the server they started.

Only two things are changed, both outside what the reader types: ``python`` is this test's
interpreter, and the port is a free one (8470 may be taken on the machine running the tests)."""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from desktop_app.sync.enrollment import enroll
from tests.conftest import REPO_ROOT
from tests.support.ports import free_port

README = REPO_ROOT / "README.md"
PRINTED_PORT = "8470"


def readme_server_commands(readme: pathlib.Path = README) -> list[str]:
    """The indented command block under "## The KPU sync server", one command per line."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("\n## The KPU sync server\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"(?m)((?:^    \S.*\n)+)", section)
    assert block is not None, "no indented command block in the README's server section"
    return [line.strip() for line in block.group(1).splitlines()]


def _argv(command: str, port: int, regions: pathlib.Path | None = None) -> list[str]:
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "sync_server"], command
    words[0] = sys.executable
    if words[3] == "serve":
        assert words[words.index("--port") + 1] == PRINTED_PORT
        words[words.index("--port") + 1] = str(port)
    if words[3] == "load-regions" and regions is not None:
        words[-1] = str(regions)  # the README's regions file: its last word
    return words


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    env.pop("LAPANG_SERVER_DB", None)  # the README must not rely on the reader's environment
    return env


def _wait_listening(port: int, server: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not start listening")


def _regions_file(folder: pathlib.Path, area: str) -> pathlib.Path:
    """The demo regions the project ships, plus the README's area and its parents should the
    README name one the demo file lacks: the regions file a reader would bring."""
    shipped = REPO_ROOT / "resources" / "fixtures" / "demo_regions.csv"
    text = shipped.read_text(encoding="utf-8").rstrip("\n") + "\n"
    known = {line.split(",", 1)[0] for line in text.splitlines()}
    parts = area.split(".")
    for depth in range(1, len(parts) + 1):
        kode = ".".join(parts[:depth])
        if kode not in known:
            text += f"{kode},Wilayah {kode}\n"
    path = folder / "regions_for_readme.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def admin_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    """The admin's working folder: the commands run here, as typed in one terminal."""
    folder = tmp_path / "admin"
    folder.mkdir()
    return folder


@pytest.fixture()
def started(admin_dir: pathlib.Path) -> Iterator[tuple[list[str], int]]:
    commands = [c for c in readme_server_commands() if not c.startswith("pip ")]
    serve = [c for c in commands if shlex.split(c)[3] == "serve"]
    assert len(serve) == 1 and commands[0] == serve[0], commands
    port = free_port()
    server = subprocess.Popen(
        _argv(serve[0], port),
        cwd=admin_dir,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # its log would fill a pipe nobody reads
    )
    try:
        _wait_listening(port, server)
        yield commands[1:], port
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_readme_server_commands_give_a_code_that_enrols(
    started, admin_dir, tmp_path, store
) -> None:
    commands, port = started
    assert shlex.split(commands[-1])[3] == "enroll-code"
    area_words = shlex.split(commands[-1])
    area = area_words[area_words.index("--area") + 1]
    regions = _regions_file(tmp_path, area)
    output = ""
    for command in commands:
        done = subprocess.run(
            _argv(command, port, regions),
            cwd=admin_dir,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        output = done.stdout
    code = output.strip().splitlines()[-1]

    result, _engine = enroll(store, f"http://127.0.0.1:{port}", code, label="README")
    assert result.area == area and result.area_name and result.area_downloaded
    # No stray default database: every command used the server's.
    assert not (admin_dir / "lapang-server.db").exists()

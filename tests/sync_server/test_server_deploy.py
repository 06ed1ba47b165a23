"""The files in deploy/ agree with the server: the systemd unit's command line runs as written
(instance 1, its environment file), its stop timeout outlasts the graceful shutdown, and
nginx's limits are no tighter than the server's own."""

from __future__ import annotations

import pathlib
import re
import shlex
import subprocess
import sys
import time

import requests

from sync_server.cli import build_parser
from sync_server.config import ServerConfig
from sync_server.http import GRACEFUL_SHUTDOWN_SECONDS
from tests.support.ports import free_port

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"


def _unit() -> dict[str, str]:
    """The unit's settings, continuation lines joined (one value per key is all we use)."""
    text = (DEPLOY / "lapang-sync@.service").read_text(encoding="utf-8")
    settings = {}
    for line in text.replace("\\\n", " ").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings


def _environment() -> dict[str, str]:
    lines = (DEPLOY / "sync-server.env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _exec_start(instance: str, env: dict[str, str]) -> list[str]:
    command = _unit()["ExecStart"].replace("%i", instance)
    command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
    return shlex.split(command)


def test_the_units_command_line_parses_to_the_documented_ports() -> None:
    argv = _exec_start("3", _environment())
    assert argv[1:4] == ["-m", "sync_server", "serve"]
    args = build_parser().parse_args(argv[3:])
    assert (args.host, args.port, args.metrics_port) == ("127.0.0.1", 8473, 9473)
    assert args.log_format == "json" and args.election_date.isoformat() == "2029-02-14"


def test_the_units_command_line_serves_api_readiness_and_metrics(tmp_path: pathlib.Path) -> None:
    # As systemd runs it, except: this interpreter, a SQLite file, this test's folder, and
    # free ports in place of 8471/9471 (which may be taken here).
    env = _environment()
    env["LAPANG_ATTACHMENTS"] = str(tmp_path / "attachments")
    argv = _exec_start("1", env)
    api, metrics = free_port(), free_port()
    argv[0] = sys.executable
    argv[argv.index("--port") + 1] = str(api)
    argv[argv.index("--metrics-port") + 1] = str(metrics)
    server = subprocess.Popen(
        [*argv, "--db", str(tmp_path / "server.db")],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                ready = requests.get(f"http://127.0.0.1:{api}/readyz", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stderr.read() if server.stderr else b""
                assert time.monotonic() < deadline, "the unit's command did not start"
                time.sleep(0.1)
        assert ready.status_code == 200
        scraped = requests.get(f"http://127.0.0.1:{metrics}/metrics", timeout=5)
        assert "lapang_sync_http_responses_total" in scraped.text
    finally:
        server.terminate()
        server.wait(30)
    assert server.stderr is not None
    lines = server.stderr.read().decode().splitlines()
    # The log went out as JSON lines (journald keeps them as they are).
    assert lines and all(line.startswith("{") for line in lines), lines[:3]


def test_systemd_waits_longer_than_the_graceful_shutdown() -> None:
    unit = _unit()
    assert unit["KillSignal"] == "SIGTERM"
    assert int(unit["TimeoutStopSec"]) > GRACEFUL_SHUTDOWN_SECONDS


def test_nginx_limits_are_no_tighter_than_the_servers() -> None:
    conf = (DEPLOY / "nginx-lapang-sync.conf").read_text(encoding="utf-8")

    def setting(name: str) -> str:
        found = re.search(rf"^\s*{name}\s+([^;]+);", conf, re.MULTILINE)
        assert found, name
        return found.group(1)

    config = ServerConfig(db_path=pathlib.Path("unused.db"))
    body_mib = int(setting("client_max_body_size").rstrip("m"))
    assert body_mib << 20 >= max(config.max_body_bytes, config.max_chunk_bytes)
    assert int(setting("client_body_timeout").rstrip("s")) >= config.body_idle_seconds
    ports = re.findall(r"server 127\.0\.0\.1:(\d+)", conf)
    assert ports == [f"847{i}" for i in range(1, len(ports) + 1)]  # the unit's instances
    assert "return 404" in conf.split("location = /metrics", 1)[1].split("}", 1)[0]

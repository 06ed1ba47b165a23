"""The deployment settings reach the app: ``lapang`` reads them once at start (a bad file stops
every command with the file named), new vaults get the deployment's recovery key, the desk gets
its sync server, certificate and announcement key, and ``lapang deployment`` shows them."""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys

from desktop_app import __version__
from desktop_app.deployment import load_deployment
from desktop_app.ui.app import app_config, show_startup_error
from desktop_app.ui.qt import QApplication, QMessageBox, QTimer
from lapang_core.protocol import generate_key, public_key_text

PASS = "lapangan-bola-desa"


def _deployment(folder: pathlib.Path, recovery_public_pem: bytes, text: str = "") -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recovery.pem").write_bytes(recovery_public_pem)
    (folder / "kpu_announcement.txt").write_text(public_key_text(generate_key().public_key()))
    path = folder / "deployment.toml"
    path.write_text(
        text
        or (
            'name = "KPU Kabupaten Kampar (uji)"\n'
            "[sync]\n"
            'server_url = "http://127.0.0.1:8765/lapang/"\n'
            "[keys]\n"
            'recovery_public_key = "recovery.pem"\n'
            'announcement_public_key = "kpu_announcement.txt"\n'
        )
    )
    return path


def lapang(*args: str, deployment: pathlib.Path | None = None, **env: str):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LAPANG_")}
    if deployment is not None:
        environ["LAPANG_DEPLOYMENT"] = str(deployment)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_version_shows_the_build_stamp():
    result = lapang("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lapang {__version__} (source)"


def test_the_deployment_command_shows_the_settings_in_force(tmp_path, recovery_keys):
    path = _deployment(tmp_path / "etc", recovery_keys[1])
    result = lapang("--data-dir", str(tmp_path / "d"), "deployment", deployment=path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Settings file:      {path}" in out
    assert "Sync server:        http://127.0.0.1:8765/lapang" in out
    assert load_deployment(path).recovery_key_fingerprint() in out


def test_a_bad_deployment_file_stops_every_command_and_names_the_file(tmp_path, recovery_keys):
    path = _deployment(
        tmp_path / "etc",
        recovery_keys[1],
        '[sync]\nserver_url = "http://sync.kpu.example"\n',  # plain http off this computer
    )
    for command in ("deployment", "status"):
        result = lapang("--data-dir", str(tmp_path / "d"), command, deployment=path)
        assert result.returncode == 1
        assert str(path) in result.stderr and "https://" in result.stderr
    assert not (tmp_path / "d" / "lapang.db").exists()


def test_a_new_vault_gets_the_deployments_recovery_key(tmp_path, recovery_keys):
    path = _deployment(tmp_path / "etc", recovery_keys[1])
    data_dir = tmp_path / "d"
    created = lapang(
        "--data-dir",
        str(data_dir),
        "init",
        "--officer",
        "Siti",
        deployment=path,
        LAPANG_PASSPHRASE=PASS,
    )
    assert created.returncode == 0, created.stderr
    # KPU IT's private half of the deployment's key opens it: that key, not the bundled one.
    private = tmp_path / "recovery_private.pem"
    private.write_bytes(recovery_keys[0])
    opened = lapang(
        "--data-dir", str(data_dir), "recover", "--print-key", "--private-key", str(private)
    )
    assert opened.returncode == 0, opened.stderr
    assert "PRAGMA key" in opened.stdout


def test_the_desk_is_configured_from_the_deployment(tmp_path, recovery_keys):
    path = _deployment(tmp_path / "etc", recovery_keys[1])
    deployment = load_deployment(path)
    args = argparse.Namespace(data_dir=str(tmp_path / "d"), officer=None, deployment=deployment)
    config = app_config(args)
    assert config.recovery_public_key == tmp_path / "etc" / "recovery.pem"
    assert config.sync.server_url == "http://127.0.0.1:8765/lapang"
    assert config.sync.announcement_key is deployment.announcement_public_key
    assert config.sync.ca_file == deployment.server_ca_file


def test_the_desk_window_says_why_it_cannot_start(qapp):
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        shown.extend([box.windowTitle(), box.text(), box.informativeText()])
        box.accept()

    QTimer.singleShot(10, read_and_close)
    show_startup_error("deployment.toml: server_url must start with https://")
    assert shown[0] == "Lapang tidak dapat dimulai"
    assert "Hubungi TI KPU" in shown[1]
    assert shown[2] == "deployment.toml: server_url must start with https://"

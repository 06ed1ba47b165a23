"""Smoke test of the BUILT program (dist/lapang/lapang from build_scripts/build.sh), not of the
source: the admin commands run from the bundle, then the desk starts under Xvfb on the real xcb
platform plugin, is unlocked by typing the passphrase, shows the demo voters, is photographed and
closed the way its close button closes it.

Skipped, with the reason, when there is no build or no Xvfb. ``build_scripts/smoke.sh`` runs it
with LAPANG_SMOKE_REQUIRED=1, which turns those skips into failures. LAPANG_FROZEN_APP points it
at another copy of the program, e.g. an unpacked release tarball.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

import pytest

from desktop_app import __version__
from tests.support.xdisplay import xvfb

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
XWINDOW = REPO_ROOT / "build_scripts" / "xwindow.py"
SCREENSHOTS = REPO_ROOT / "build" / "smoke"
OFFICER = "Siti Rahmawati"
PASSPHRASE = "kapal-layar-di-teluk"
REQUIRED = os.environ.get("LAPANG_SMOKE_REQUIRED") == "1"


def _app() -> pathlib.Path:
    named = os.environ.get("LAPANG_FROZEN_APP")
    return pathlib.Path(named) if named else REPO_ROOT / "dist" / "lapang" / "lapang"


def _skip(reason: str) -> None:
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def app() -> pathlib.Path:
    path = _app()
    if not path.is_file():
        _skip(
            f"no built program at {path}: run 'bash build_scripts/build.sh' first (the build "
            "is not part of the CI suite; see docs/installers.md)"
        )
    return path


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # conftest.py sets offscreen for the in-process Qt tests; the built app must use xcb here.
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("LAPANG_DEPLOYMENT", None)
    env.update(extra)
    return env


def _run(app: pathlib.Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app), *args], capture_output=True, text=True, timeout=120, env=_env(**env)
    )


def test_the_build_is_stamped_with_version_and_commit(app: pathlib.Path) -> None:
    result = _run(app, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"lapang {__version__}")
    info = json.loads((app.parent / "_internal" / "resources" / "build_info.json").read_text())
    assert info["version"] == __version__
    assert info["commit"] not in ("", "unknown")


def test_the_bundle_leaves_out_what_the_app_does_not_use(app: pathlib.Path) -> None:
    bundle = app.parent / "_internal"
    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")}
    qt_libs = {n.rsplit("/", 1)[-1].split(".")[0] for n in names if "libQt6" in n}
    assert qt_libs == {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6DBus", "libQt6XcbQpa"}
    plugins = sorted(n for n in names if "/plugins/" in n and n.endswith(".so"))
    assert [p.rsplit("/", 1)[-1] for p in plugins] == [
        "libcomposeplatforminputcontextplugin.so",
        "libqoffscreen.so",
        "libqxcb.so",
    ]
    for unused in ("tkinter", "fastapi", "uvicorn", "pydantic", "sync_server", "pytest", "PIL"):
        assert not any(n == unused or n.startswith(f"{unused}/") for n in names), unused
    # Qt's own catalogues (the desk's qtbase_id.qm is in resources/translations/).
    assert not any(n.startswith("PySide6/") and "/translations/" in n for n in names)
    resources = bundle / "resources"
    assert (resources / "keys" / "kpu_recovery_public.pem").is_file()
    assert (resources / "fixtures" / "demo_regions.csv").is_file()
    assert (resources / "translations" / "lapang_en.qm").is_file()
    assert (app.parent / "deployment.example.toml").is_file()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        _skip(f"{name} is not installed (build_scripts/smoke.sh installs it)")
    return path


def _wait_for(predicate, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def test_the_built_desk_starts_unlocks_shows_demo_voters_and_closes_cleanly(
    app: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    xdotool, screenshot = _tool("xdotool"), _tool("import")
    data_dir = tmp_path / "vault"
    # The bundle carries the development recovery key (no deployment.toml here): a test vault.
    init = _run(
        app,
        "--data-dir",
        str(data_dir),
        "init",
        "--officer",
        OFFICER,
        "--allow-dev-recovery-key",
        LAPANG_PASSPHRASE=PASSPHRASE,
    )
    assert init.returncode == 0, init.stderr
    demo = _run(
        app, "--data-dir", str(data_dir), "demo", "--voters", "2000", LAPANG_PASSPHRASE=PASSPHRASE
    )
    assert demo.returncode == 0, demo.stderr
    assert "2,000 voters" in demo.stdout

    with xvfb(1600, 1000) as display:
        env = _env(DISPLAY=display)
        stderr_file = tmp_path / "desk.stderr"
        with stderr_file.open("w") as stderr:
            desk = subprocess.Popen(
                [str(app), "--data-dir", str(data_dir)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        try:
            watcher = subprocess.Popen(
                [sys.executable, str(XWINDOW), "wait", "--timeout", "60"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # Fail at once, with the app's own words, if it dies instead of showing a window.
            while watcher.poll() is None and desk.poll() is None:
                time.sleep(0.05)
            if watcher.poll() is None:
                watcher.kill()
            out, err = watcher.communicate()
            assert watcher.returncode == 0, f"exit {desk.poll()}: {err}{stderr_file.read_text()}"
            window = out.split()[-2]
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            time.sleep(1)  # the officer list arrives from the worker just after the first paint
            subprocess.run([screenshot, "-window", "root", SCREENSHOTS / "unlock.png"], env=env)

            # Type as the officer would: the passphrase field has the focus on the unlock screen.
            subprocess.run([xdotool, "type", "--delay", "20", PASSPHRASE], env=env, check=True)
            subprocess.run([xdotool, "key", "Return"], env=env, check=True)

            def title() -> str:
                named = subprocess.run(
                    [xdotool, "getwindowname", window], env=env, capture_output=True, text=True
                )
                return named.stdout

            _wait_for(lambda: OFFICER in title(), 60, "the desk (window title with the officer)")
            time.sleep(2)  # let the voter list fill before the picture
            shot = SCREENSHOTS / "desk.png"
            subprocess.run([screenshot, "-window", "root", shot], env=env, check=True)
            colours = subprocess.run(
                ["identify", "-format", "%k", shot], capture_output=True, text=True, check=True
            )
            # A drawn desk (text, table, tree) has hundreds of colours; a blank window has one.
            assert int(colours.stdout) > 50

            subprocess.run([sys.executable, str(XWINDOW), "close", window], env=env, check=True)
            status = desk.wait(timeout=30)
        finally:
            if desk.poll() is None:
                desk.kill()
                desk.wait()
    errors = stderr_file.read_text()
    assert status == 0, errors
    assert "Traceback" not in errors and "Could not load the Qt platform plugin" not in errors
    log = (data_dir / "logs" / "lapang.log").read_text(encoding="utf-8")
    assert "command gui finished with status 0" in log

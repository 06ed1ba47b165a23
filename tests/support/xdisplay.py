"""A real X server (Xvfb) of a chosen size, optionally with a window manager (openbox), for tests
that must see real frames, title bars and window-manager placement, which the offscreen platform
does not have. Tests that need it skip with the reason when it is missing, and fail instead when
LAPANG_SMOKE_REQUIRED=1 (bash scripts/test.sh sets it, and installs what is needed)."""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

REQUIRED = os.environ.get("LAPANG_SMOKE_REQUIRED") == "1"
# Like a taskbar: the window manager keeps this strip free, so the *available* area is smaller
# than the screen, as on an officer's laptop.
TASKBAR_PX = 40
OPENBOX_RC = f"""<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{TASKBAR_PX}</bottom><left>0</left><right>0</right></margins>
</openbox_config>
"""


def skip_or_fail(reason: str) -> None:
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} is not installed (apt-get install {package}; scripts/test.sh does)")
    return path


@contextlib.contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """An Xvfb screen of ``width``x``height``; yields its DISPLAY."""
    server_path = _tool("Xvfb", "xvfb")
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    server = subprocess.Popen(
        [
            server_path,
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wm_running(display: str, xprop: str) -> bool:
    result = subprocess.run(
        [xprop, "-root", "-display", display, "_NET_SUPPORTING_WM_CHECK"],
        capture_output=True,
        text=True,
    )
    return "window id" in result.stdout


@contextlib.contextmanager
def openbox(display: str) -> Iterator[None]:
    """openbox on ``display``, with a taskbar-like strip kept free at the bottom."""
    openbox_path = _tool("openbox", "openbox")
    xprop = _tool("xprop", "x11-utils")
    with tempfile.TemporaryDirectory() as tmp:
        rc = pathlib.Path(tmp) / "rc.xml"
        rc.write_text(OPENBOX_RC)
        env = {**os.environ, "DISPLAY": display, "HOME": tmp, "XDG_CONFIG_HOME": tmp}
        manager = subprocess.Popen(
            [openbox_path, "--config-file", str(rc)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while not _wm_running(display, xprop):
                if manager.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("openbox did not start on the Xvfb display")
                time.sleep(0.05)
            yield
        finally:
            manager.terminate()
            manager.wait(timeout=10)


@contextlib.contextmanager
def desktop(width: int, height: int) -> Iterator[str]:
    """Xvfb with openbox: a laptop screen as an officer has it. Yields DISPLAY."""
    with xvfb(width, height) as display, openbox(display):
        yield display


def child_env(display: str, **extra: str) -> dict[str, str]:
    """The environment for a child process that must use the real X server."""
    env = dict(os.environ)
    # conftest.py sets offscreen for the in-process Qt tests; the child uses xcb.
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("LAPANG_DEPLOYMENT", None)
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", **extra)
    return env

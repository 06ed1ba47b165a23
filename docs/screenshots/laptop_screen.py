"""Run the screenshot scripts on the screen most field laptops have: a 1366x768 Xvfb display
with a window manager (openbox, with a taskbar-like strip kept free at the bottom), so every
window opens where the desk places it and the pictures show its real frame.

    PYTHONPATH=. python docs/screenshots/laptop_screen.py                 # every script
    PYTHONPATH=. python docs/screenshots/laptop_screen.py make_screenshots.py --lang en

Needs Xvfb, openbox and xprop (bash scripts/test.sh installs them)."""

from __future__ import annotations

import pathlib
import subprocess
import sys

from tests.support.xdisplay import child_env, desktop

HERE = pathlib.Path(__file__).resolve().parent
SCRIPTS = [
    ["make_screenshots.py"],
    ["make_screenshots.py", "--lang", "en"],
    ["make_recruitment_screenshots.py"],
    ["make_reports_screenshot.py"],
    ["make_sync_screenshots.py"],
    ["make_sync_screenshots.py", "--lang", "en"],
]
SCREEN = (1366, 768)


def main(argv: list[str]) -> int:
    runs = [argv] if argv else SCRIPTS
    with desktop(*SCREEN) as display:
        env = child_env(display, PYTHONPATH=str(HERE.parent.parent))
        for run in runs:
            print(f"== {' '.join(run)}", flush=True)
            done = subprocess.run([sys.executable, str(HERE / run[0]), *run[1:]], env=env)
            if done.returncode != 0:
                return done.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The Windows build's release inputs (issue 13): the previous release the smoke test upgrades
from is a commit of this project's history, and the icon the build checks the programs against is
Lapang's four-size .ico. The build itself (build_scripts/windows/build.sh, under Wine) does the
rest: it builds that release, installs it, upgrades it, and reads the icons back."""

from __future__ import annotations

import importlib.util
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "build_scripts" / "windows"


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def _previous_release() -> str:
    lines = (WINDOWS / "previous-release").read_text().splitlines()
    commits = [line for line in lines if line and not line.startswith("#")]
    assert len(commits) == 1 and re.fullmatch(r"[0-9a-f]{40}", commits[0]), commits
    return commits[0]


def test_the_previous_release_is_an_earlier_commit_of_this_project():
    commit = _previous_release()
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone has no history to find the previous release in")
    assert _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0, commit
    assert _git("merge-base", "--is-ancestor", commit, "HEAD").returncode == 0
    # Its tree builds with its own spec and setup script: both must be in it.
    listed = _git("ls-tree", "-r", "--name-only", commit, "build_scripts").stdout.split()
    assert {"build_scripts/lapang.spec", "build_scripts/lapang.iss"} <= set(listed)


def test_the_build_upgrades_from_it_and_checks_the_icons():
    build = (WINDOWS / "build.sh").read_text()
    assert 'previous=$(previous_release_setup "$stamp")' in build
    assert '${previous:+--previous "$previous"}' in build
    assert "check_icon.py" in build
    smoke = (WINDOWS / "smoke.py").read_text()
    for check in ("check_setup_wizard(", "check_start_menu(", "the upgrade replaced"):
        assert check in smoke


def test_the_icon_has_the_four_sizes_windows_shows():
    spec = importlib.util.spec_from_file_location("check_icon", WINDOWS / "check_icon.py")
    check_icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_icon)
    images = check_icon.ico_images(str(WINDOWS / "lapang.ico"))
    assert sorted(images) == [(16, 16), (32, 32), (48, 48), (256, 256)]
    assert all(len(image) > 100 for image in images.values())
    assert images[(256, 256)].startswith(b"\x89PNG")  # Windows' 256 px icons are PNG inside

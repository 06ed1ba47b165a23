"""The Windows build installs from its own hash-locked list (build_scripts/windows/
requirements.txt), not from pyproject.toml: a runtime dependency added to one and not the other
would build a setup program that fails on the officer's laptop the first time that code runs (a
receipt's QR code needs segno). Every runtime dependency is locked there at the same version."""

from __future__ import annotations

import pathlib
import re
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[\[=<>~!; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _locked() -> dict[str, str]:
    text = (ROOT / "build_scripts" / "windows" / "requirements.txt").read_text()
    return {
        m.group(1).lower().replace("_", "-"): m.group(2)
        for m in re.finditer(r"(?m)^([A-Za-z0-9_.-]+)==(\S+) \\$", text)
    }


def test_every_runtime_dependency_is_locked_for_windows_at_its_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    desk = project["dependencies"] + project["optional-dependencies"]["desktop"]
    pinned = {_name(r): r.split("==", 1)[1].split(";")[0].strip() for r in desk}
    locked = _locked()
    assert {n: v for n, v in pinned.items() if locked.get(n) != v} == {}


def test_the_lock_is_read_whole() -> None:
    # The check above must be able to fail: the parser sees every locked wheel, hashes included.
    locked = _locked()
    text = (ROOT / "build_scripts" / "windows" / "requirements.txt").read_text()
    assert len(locked) == text.count("--hash=sha256:") > 20
    assert locked["pyside6-essentials"] == "6.11.3"

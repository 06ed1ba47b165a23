"""The version the builds stamp comes from pyproject.toml, agrees with what ``lapang --version``
prints, and is what the Windows version resource carries (issue 13: Explorer's Properties >
Details of Lapang.exe name the product, the version and KPU). The Wine build reads the resource
back from the built files with build_scripts/windows/check_version_resource.py."""

from __future__ import annotations

import importlib.util
import pathlib
import shutil
import tomllib

import pytest

import desktop_app

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _version_stamp():
    spec = importlib.util.spec_from_file_location(
        "version_stamp", ROOT / "build_scripts" / "version_stamp.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stamped_version_is_pyprojects_and_the_apps():
    stamp = _version_stamp()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert stamp.project_version() == project == desktop_app.__version__
    strings = stamp.resource_strings(project, "abc123", "Lapang field desk")
    assert strings["ProductName"] == "Lapang"
    assert strings["ProductVersion"] == project
    assert strings["FileVersion"] == f"{project} (abc123)"
    assert strings["CompanyName"] == "Komisi Pemilihan Umum"
    assert stamp.numeric_version(project)[:3] == tuple(int(n) for n in project.split(".")[:3])


def test_a_version_that_disagrees_stops_the_build(tmp_path):
    stamp = _version_stamp()
    (tmp_path / "desktop_app").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "desktop_app" / "__init__.py").write_text('__version__ = "9.9.9"\n')
    with pytest.raises(stamp.VersionMismatch, match="9.9.9"):
        stamp.project_version(tmp_path)


def test_windows_version_numbers():
    stamp = _version_stamp()
    assert stamp.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert stamp.numeric_version("2.10") == (2, 10, 0, 0)
    assert stamp.numeric_version("1.2.0rc1") == (1, 2, 0, 0)


def test_the_spec_and_the_build_use_them():
    spec = (ROOT / "build_scripts" / "lapang.spec").read_text()
    assert "version_stamp.resource_strings(VERSION, COMMIT" in spec
    assert "version=version_resource" in spec
    build = (ROOT / "build_scripts" / "windows" / "build.sh").read_text()
    assert "check_version_resource.py" in build

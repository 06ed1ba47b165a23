"""The version every build stamps: pyproject.toml's ``[project] version``, which must equal
``desktop_app.__version__`` (what ``lapang --version`` prints). Read, not imported, by the
PyInstaller spec and by tests (the spec must not depend on the build venv's view of the package).
The Windows version resource (Explorer's Properties > Details) is made from it."""

from __future__ import annotations

import pathlib
import re
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PRODUCT = "Lapang"
COMPANY = "Komisi Pemilihan Umum"


class VersionMismatch(Exception):
    """pyproject.toml and desktop_app/__init__.py name different versions."""


def project_version(root: pathlib.Path = ROOT) -> str:
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    text = (root / "desktop_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None or match.group(1) != version:
        found = match.group(1) if match else "none"
        raise VersionMismatch(
            f"pyproject.toml says version {version} but desktop_app/__init__.py says {found}: "
            "set both to the release's version before building."
        )
    return version


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource: '0.1.0' -> (0, 1, 0, 0); a pre-release
    tag is left out ('1.2.0rc1' -> (1, 2, 0, 0))."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("rc")[0])[:3]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def resource_strings(version: str, commit: str, description: str) -> dict[str, str]:
    """The version resource's strings, as Explorer shows them and check_version_resource reads
    them back from the built .exe."""
    return {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": f"{version} ({commit})",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }

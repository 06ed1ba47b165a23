"""The one place that knows where bundled resource files live, in a source checkout and in a
PyInstaller bundle."""

from __future__ import annotations

import pathlib
import sys


def resources_root() -> pathlib.Path:
    """The ``resources/`` folder: inside the PyInstaller bundle when frozen (the spec must add the
    folder as ``resources``), else at the repository root next to ``desktop_app/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return pathlib.Path(bundle) / "resources"
    return pathlib.Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> pathlib.Path:
    """Path of a resource file, e.g. ``resource_path("fixtures", "demo_regions.csv")``.

    The path is not checked for existence: callers decide whether a missing file is an error and
    word the message for their context."""
    return resources_root().joinpath(*parts)

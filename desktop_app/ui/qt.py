"""The one module that imports the Qt binding (Anki's ``aqt.qt``): the rest of the desk imports
Qt names from here, so the binding, its version check and small helpers live in one place."""

# ruff: noqa: F401, F403, F405
from __future__ import annotations

import PySide6
from PySide6.QtCore import *
from PySide6.QtGui import *
from PySide6.QtWidgets import *
from shiboken6 import isValid as qt_object_alive

# Tested with 6.11.3 (pyproject pins it; 6.12.0 aborts on Python 3.11, see pyproject.toml).
QT_BINDING_VERSION = PySide6.__version__


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` for code outside a QObject (labels tables, findings)."""
    return QCoreApplication.translate(context, text, disambiguation, n)

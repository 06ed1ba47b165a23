"""domain/ and formats/ stay pure: no Qt, no database, no network; domain imports nothing else
of ours (the layering the style guide asks for)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
FORBIDDEN = ("PySide6", "shiboken6", "sqlite3", "sqlcipher3", "sqlite_utils", "requests", "socket")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports"
            names.add(node.module or "")
    return names


@pytest.mark.parametrize("package", ["domain", "formats"])
def test_no_forbidden_imports(package):
    for path in sorted((PACKAGE / package).glob("*.py")):
        for name in imported_modules(path):
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_domain_imports_only_domain():
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        for name in imported_modules(path):
            if name.startswith("desktop_app"):
                assert name.startswith("desktop_app.domain"), f"{path.name} imports {name}"


def test_formats_import_only_domain_and_formats():
    for path in sorted((PACKAGE / "formats").glob("*.py")):
        for name in imported_modules(path):
            if name.startswith("desktop_app"):
                assert name.split(".")[1] in ("domain", "formats"), f"{path.name} imports {name}"

"""lapang_core stays pure: no Qt, no database, no network, and nothing of the desk or the server;
inside it, the rules import only rules, formats only rules and formats (the layering the style
guide asks for). The file lists are checked non-empty so a moved package cannot pass unseen."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "lapang_core"
FORBIDDEN = ("PySide6", "shiboken6", "sqlite3", "sqlcipher3", "sqlite_utils", "requests", "socket")
FORBIDDEN_EVERYWHERE_IN_CORE = ("PySide6", "shiboken6", "sqlcipher3", "sqlite_utils", "requests")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports"
            names.add(node.module or "")
    return names


def modules_of(package: str) -> list[Path]:
    paths = sorted((CORE / package).rglob("*.py"))
    assert len(paths) > 3, f"lapang_core/{package} has moved: this test reads nothing"
    return paths


def test_core_imports_neither_the_desk_nor_the_server():
    for path in modules_of(""):
        for name in imported_modules(path):
            top = name.split(".")[0]
            assert top not in ("desktop_app", "sync_server"), f"{path.name} imports {name}"
            assert top not in FORBIDDEN_EVERYWHERE_IN_CORE, f"{path.name} imports {name}"


@pytest.mark.parametrize("package", ["domain", "formats"])
def test_no_forbidden_imports(package):
    for path in modules_of(package):
        for name in imported_modules(path):
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_domain_imports_only_domain():
    for path in modules_of("domain"):
        for name in imported_modules(path):
            if name.startswith("lapang_core"):
                assert name.startswith("lapang_core.domain"), f"{path.name} imports {name}"


def test_formats_import_only_domain_and_formats():
    for path in modules_of("formats"):
        for name in imported_modules(path):
            if name.startswith("lapang_core"):
                assert name.split(".")[1] in ("domain", "formats"), f"{path.name} imports {name}"

"""The server's modules import one way: the repository imports what was split out of it, never
the reverse; the database backends share their types through ``dialect`` and the SQLite module
is the only one that imports PostgreSQL's. A module imported back, even only for type checking,
would make the split a cycle again."""

from __future__ import annotations

import ast
from pathlib import Path

SERVER = Path(__file__).resolve().parents[2] / "sync_server"


def _imports(name: str) -> set[str]:
    """Every sync_server module that ``name`` imports, type-checking imports included."""
    tree = ast.parse((SERVER / f"{name}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sync_server":
                found.update(f"sync_server.{alias.name}" for alias in node.names)
            elif node.module.startswith("sync_server."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("sync_server."))
    return found


def test_what_the_repository_imports_does_not_import_it_back():
    split_out = {"enrollment", "listings", "pull", "reference_data"}
    assert {f"sync_server.{m}" for m in split_out} <= _imports("repository")
    for module in split_out | {"applications", "tx", "rows", "rules"}:
        assert "sync_server.repository" not in _imports(module), module


def test_database_backends_import_one_way():
    assert "sync_server.postgres" in _imports("db")
    assert "sync_server.db" not in _imports("postgres")
    assert not {"sync_server.db", "sync_server.postgres"} & _imports("dialect")


def test_no_server_module_imports_itself_back_through_another():
    graph = {p.stem: {m.split(".", 1)[1] for m in _imports(p.stem)} for p in SERVER.glob("*.py")}
    assert len(graph) > 30

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(m for m in graph if reaches(m, m, {m}))
    assert cycles == []

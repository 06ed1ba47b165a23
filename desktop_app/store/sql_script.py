"""Running a migration's SQL inside its transaction."""

from __future__ import annotations

import sqlcipher3
import sqlite_utils

from desktop_app.store.errors import MigrationError


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the open migration transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise MigrationError("Incomplete SQL statement in a migration script.")

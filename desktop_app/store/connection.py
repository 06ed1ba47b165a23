"""Opening the SQLCipher database. Standard SQLCipher 4 format and default settings, keyed with the
raw 256-bit data key, so KPU IT can open a recovered file in any SQLCipher 4 tool with
``PRAGMA key = "x'<64 hex digits>'";``."""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterator

import sqlcipher3
import sqlite_utils

from desktop_app.store.errors import VaultDamaged

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
# 64 MiB page cache: the working set of a kecamatan fits; SQLCipher decrypts each page once.
CACHE_KIB = 65536


class StoreDatabase(sqlite_utils.Database):
    """sqlite-utils with write transactions that take the write lock up front.

    The desk and the sync engine each hold a connection to the same file. A plain ``BEGIN`` that
    reads before it writes fails at once with "database is locked" when the other connection
    committed in between (the busy timeout does not apply to that upgrade); ``BEGIN IMMEDIATE``
    waits for the other writer instead, up to the busy timeout. Nested blocks stay savepoints."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[StoreDatabase]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def check_not_plain_sqlite(path: pathlib.Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(PLAIN_SQLITE_HEADER))
    if header == PLAIN_SQLITE_HEADER:
        raise VaultDamaged(
            f"{path.name} is an unencrypted SQLite file, not a Lapang vault. "
            "It was left untouched; move it away or choose another data folder."
        )


def open_encrypted(
    path: pathlib.Path, data_key: bytes | bytearray, *, create: bool = False
) -> sqlite_utils.Database:
    """Open (or, with ``create``, make) the encrypted database. Raises VaultDamaged when the file is
    foreign, damaged or belongs to other key slots; the file is never modified in that case."""
    if not create:
        if not path.exists():
            raise VaultDamaged(f"The database file {path.name} is missing.")
        check_not_plain_sqlite(path)
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (sqlite-utils' atomic()), so a commit
    # happens exactly when the service says "saved".
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute(f"PRAGMA key = \"x'{bytes(data_key).hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise VaultDamaged(
            f"{path.name} cannot be decrypted with this vault's key: the file is damaged or "
            "belongs to another vault. It was left untouched."
        ) from exc
    # Durable commits: WAL with synchronous=FULL fsyncs the WAL on every commit, so a commit that
    # returned survives a power cut. Temp tables and sorts stay in memory, never in plain
    # temp files.
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA temp_store=MEMORY",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA cache_size=-{CACHE_KIB}",
    ):
        conn.execute(pragma).fetchall()
    return StoreDatabase(conn)
